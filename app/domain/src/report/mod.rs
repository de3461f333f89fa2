//! Competency report scoring, shared by the server (reports, training-needs analysis) and the browser (what-if).
//!
//! From a closed round's group means it derives: a combined score per competency with configurable group weights,
//! the gap against the required level, the Job Person Match (JPM) with its category under a threshold profile,
//! blind spots and hidden strengths, the strongest and weakest items, and training recommendations.

use crate::feedback::{GroupScore, RaterGroup};
use serde::{Deserialize, Serialize};

mod jpm;
pub use jpm::{Jpm, JpmBand, JpmProfile, JpmSettings, band, jpm};

/// The range of the answer scale (1–5).
pub const SCALE_RANGE: f64 = 4.0;
/// Self and others must differ by more than a third of the scale range to be a blind spot or hidden strength.
pub const PERCEPTION_MARGIN: f64 = SCALE_RANGE / 3.0;

/// How much each rater group counts in the combined score, in percent. Self is shown but, by default, not counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weights {
    pub self_rating: u32,
    pub supervisor: u32,
    pub peer: u32,
    pub subordinate: u32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights { self_rating: 0, supervisor: 40, peer: 30, subordinate: 30 }
    }
}

impl Weights {
    pub fn of(&self, group: RaterGroup) -> u32 {
        match group {
            RaterGroup::SelfRating => self.self_rating,
            RaterGroup::Supervisor => self.supervisor,
            RaterGroup::Peer => self.peer,
            RaterGroup::Subordinate => self.subordinate,
        }
    }

    /// The same weights without self: "others".
    pub fn others(&self) -> Weights {
        Weights { self_rating: 0, ..*self }
    }

    /// Valid when every weight is at most 100 and some group other than self counts.
    pub fn is_valid(&self) -> bool {
        [self.self_rating, self.supervisor, self.peer, self.subordinate].iter().all(|w| *w <= 100)
            && self.supervisor + self.peer + self.subordinate > 0
    }
}

/// One group's contribution to a combined score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Part {
    pub group: RaterGroup,
    pub mean: f64,
    pub weight: u32,
}

/// A weighted combination of the shown group means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Combined {
    pub score: f64,
    /// The inputs: only groups that are shown and weighted.
    pub parts: Vec<Part>,
}

/// Σ weightᵍ · meanᵍ / Σ weightᵍ over the groups that are shown and have a weight. Withheld groups are never
/// inputs; `None` when no weighted group is shown.
pub fn combine(groups: &[GroupScore], weights: &Weights) -> Option<Combined> {
    let parts: Vec<Part> = groups
        .iter()
        .filter(|g| g.is_shown() && weights.of(g.group) > 0)
        .filter_map(|g| g.mean.map(|mean| Part { group: g.group, mean, weight: weights.of(g.group) }))
        .collect();
    let total: u32 = parts.iter().map(|p| p.weight).sum();
    if total == 0 {
        return None;
    }
    let score = parts.iter().map(|p| p.mean * f64::from(p.weight)).sum::<f64>() / f64::from(total);
    Some(Combined { score, parts })
}

/// A compact copy of one competency's shown group means (for needs analysis and history across many people).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreRow {
    pub code: String,
    pub required: u8,
    /// Shown means in [`RaterGroup::ALL`] order; `None` when the group is withheld or has no responses.
    pub means: Vec<Option<f64>>,
}

impl ScoreRow {
    pub fn new(code: &str, required: u8, groups: &[GroupScore]) -> Self {
        let means = RaterGroup::ALL.iter().map(|g| group_mean(groups, *g)).collect();
        ScoreRow { code: code.to_string(), required, means }
    }

    /// The shown groups as group scores (counts are not kept).
    pub fn groups(&self) -> Vec<GroupScore> {
        RaterGroup::ALL
            .iter()
            .zip(&self.means)
            .filter_map(|(g, m)| m.map(|m| GroupScore { group: *g, count: 0, mean: Some(m), withheld: None }))
            .collect()
    }

    pub fn combined(&self, weights: &Weights) -> Option<f64> {
        combine(&self.groups(), weights).map(|c| c.score)
    }
}

/// The shown mean of one group.
pub fn group_mean(groups: &[GroupScore], group: RaterGroup) -> Option<f64> {
    groups.iter().find(|g| g.group == group && g.is_shown()).and_then(|g| g.mean)
}

/// The level required when aiming at a target position: managerial and socio-cultural competencies rise to the
/// target's level (never below the current requirement); technical ones keep the current position's requirement.
pub fn target_required(required: u8, kind: crate::CompetencyKind, target: Option<u8>) -> u8 {
    match (kind, target) {
        (crate::CompetencyKind::Technical, _) | (_, None) => required,
        (_, Some(t)) => required.max(t),
    }
}

/// Rounds a derived score for display and storage (three decimals).
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Gap = score − required level (negative: below the standard).
pub fn gap(score: f64, required: u8) -> f64 {
    score - f64::from(required)
}

/// Self seen higher (blind spot) or lower (hidden strength) than others see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Perception {
    BlindSpot,
    HiddenStrength,
}

/// Compares self with others: beyond a third of the scale range either way.
pub fn perception(self_mean: Option<f64>, others: Option<f64>) -> Option<Perception> {
    let d = self_mean? - others?;
    if d > PERCEPTION_MARGIN {
        Some(Perception::BlindSpot)
    } else if -d > PERCEPTION_MARGIN {
        Some(Perception::HiddenStrength)
    } else {
        None
    }
}

/// An entry ranked by score: (index, score).
pub type Scored = (usize, f64);

/// Orders scored entries from strongest to weakest (ties by their position), and returns the first and last `n`
/// (the weakest list starts with the weakest). An entry is `(index, score)`.
pub fn strongest_weakest(scored: &[(usize, f64)], n: usize) -> (Vec<Scored>, Vec<Scored>) {
    let mut list = scored.to_vec();
    list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let n = n.min(list.len() / 2);
    let strongest = list[..n].to_vec();
    let mut weakest = list[list.len() - n..].to_vec();
    weakest.reverse();
    (strongest, weakest)
}

#[cfg(test)]
mod tests;
