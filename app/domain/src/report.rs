//! Competency report scoring, shared by the server (reports, training-needs analysis) and the browser (what-if).
//!
//! From a closed round's group means it derives: a combined score per competency with configurable group weights,
//! the gap against the required level, the Job Person Match (JPM) with its category under a threshold profile,
//! blind spots and hidden strengths, the strongest and weakest items, and training recommendations.

use crate::feedback::{GroupScore, RaterGroup};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

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

/// Which JPM threshold profile is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JpmProfile {
    /// Selection (seleksi / uji kompetensi): 80 / 68.
    Selection,
    /// Mapping (pemetaan): 90 / 78.
    Mapping,
}

impl JpmProfile {
    pub fn code(self) -> &'static str {
        match self {
            JpmProfile::Selection => "selection",
            JpmProfile::Mapping => "mapping",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [JpmProfile::Selection, JpmProfile::Mapping].into_iter().find(|p| p.code() == code)
    }
}

/// The three JPM categories, from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JpmBand {
    High,
    Middle,
    Low,
}

/// The JPM settings: the profile in use, both profiles' thresholds (editable) and whether JPM is capped at 100 %.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct JpmSettings {
    pub profile: JpmProfile,
    /// (high, low) for selection: ≥ high Memenuhi Syarat, ≥ low Masih Memenuhi Syarat, otherwise Kurang.
    pub selection: (f64, f64),
    /// (high, low) for mapping: ≥ high Optimal, ≥ low Cukup Optimal, otherwise Kurang Optimal.
    pub mapping: (f64, f64),
    pub cap_at_100: bool,
}

impl Default for JpmSettings {
    fn default() -> Self {
        JpmSettings { profile: JpmProfile::Mapping, selection: (80.0, 68.0), mapping: (90.0, 78.0), cap_at_100: true }
    }
}

impl JpmSettings {
    pub fn bands(&self, profile: JpmProfile) -> (f64, f64) {
        match profile {
            JpmProfile::Selection => self.selection,
            JpmProfile::Mapping => self.mapping,
        }
    }

    pub fn is_valid(&self) -> bool {
        [self.selection, self.mapping].iter().all(|(h, l)| *l > 0.0 && l < h && *h <= 200.0)
    }
}

/// The category of a JPM percentage under a profile's (high, low) thresholds.
pub fn band(percent: f64, (high, low): (f64, f64)) -> JpmBand {
    if percent >= high {
        JpmBand::High
    } else if percent >= low {
        JpmBand::Middle
    } else {
        JpmBand::Low
    }
}

/// The category's name (Indonesian, English).
pub fn band_name(profile: JpmProfile, band: JpmBand) -> (&'static str, &'static str) {
    match (profile, band) {
        (JpmProfile::Selection, JpmBand::High) => ("Memenuhi Syarat", "Meets requirements"),
        (JpmProfile::Selection, JpmBand::Middle) => ("Masih Memenuhi Syarat", "Still meets requirements"),
        (JpmProfile::Selection, JpmBand::Low) => ("Kurang Memenuhi Syarat", "Does not meet requirements"),
        (JpmProfile::Mapping, JpmBand::High) => ("Optimal", "Optimal"),
        (JpmProfile::Mapping, JpmBand::Middle) => ("Cukup Optimal", "Fairly optimal"),
        (JpmProfile::Mapping, JpmBand::Low) => ("Kurang Optimal", "Less than optimal"),
    }
}

/// A JPM with its inputs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Jpm {
    pub percent: f64,
    /// The percentage before the cap.
    pub raw: f64,
    pub achieved: f64,
    pub required: f64,
    /// Competencies that entered the sums.
    pub counted: u32,
    /// Required competencies left out because they have no score.
    pub unscored: u32,
}

/// JPM = Σ achieved level / Σ required level × 100 % over required competencies that have a score; capped at
/// 100 % when the setting says so. `None` when no required competency has a score.
pub fn jpm(levels: &[(Option<f64>, u8)], cap_at_100: bool) -> Option<Jpm> {
    let (mut achieved, mut required, mut counted, mut unscored) = (0.0, 0.0, 0, 0);
    for (score, req) in levels.iter().filter(|(_, r)| *r > 0) {
        match score {
            Some(s) => {
                achieved += s;
                required += f64::from(*req);
                counted += 1;
            }
            None => unscored += 1,
        }
    }
    if counted == 0 {
        return None;
    }
    let raw = achieved / required * 100.0;
    let percent = if cap_at_100 { raw.min(100.0) } else { raw };
    Some(Jpm { percent, raw, achieved, required, counted, unscored })
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

/// A competency gap to close: the current score is below the required level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Need {
    pub competency: String,
    pub score: f64,
    pub required: u8,
}

/// The needs of one person: every required competency whose score is below the required level.
pub fn needs(levels: &[(String, Option<f64>, u8)]) -> Vec<Need> {
    levels
        .iter()
        .filter_map(|(c, s, r)| {
            let s = (*s)?;
            (*r > 0 && s < f64::from(*r)).then(|| Need { competency: c.clone(), score: s, required: *r })
        })
        .collect()
}

/// What the recommender needs to know of a training.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingFit {
    pub key: String,
    pub competencies: Vec<String>,
    /// The levels the training develops: suited to people at least at `level_min − 1`, bringing them up to
    /// `level_max`.
    pub level_min: u8,
    pub level_max: u8,
    /// Length in lesson hours (JP) per participant.
    pub jp: u32,
    /// Cost per participant in rupiah.
    pub cost: u64,
}

/// How much of a need a training closes when the person reaches `reach`: the part of the gap between the score and
/// min(required, reach).
fn closed_to(need: &Need, reach: f64) -> f64 {
    (f64::from(need.required).min(reach) - need.score).max(0.0)
}

/// Whether a training suits a need: it develops the competency and the person is not too far below its entry level.
pub fn suits(t: &TrainingFit, need: &Need) -> bool {
    t.competencies.contains(&need.competency) && need.score >= f64::from(t.level_min) - 1.0
}

/// How much of a need a training closes on its own (0 when it does not suit).
pub fn closes(t: &TrainingFit, need: &Need) -> f64 {
    if suits(t, need) { closed_to(need, f64::from(t.level_max)) } else { 0.0 }
}

/// A recommended training with the gaps it closes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    pub training: String,
    /// Total gap closed (level points).
    pub closes: f64,
    /// Per competency: (competency, gap before, gap closed).
    pub parts: Vec<(String, f64, f64)>,
}

/// Trainings ranked by how much of the person's gaps they close; ties go to the shorter, then cheaper one.
pub fn recommend(needs: &[Need], catalog: &[TrainingFit]) -> Vec<Recommendation> {
    let mut out: Vec<(Recommendation, u32, u64)> = catalog
        .iter()
        .filter_map(|t| {
            let parts: Vec<(String, f64, f64)> = needs
                .iter()
                .map(|n| (n.competency.clone(), gap(n.score, n.required), closes(t, n)))
                .filter(|(_, _, c)| *c > 0.0)
                .collect();
            let total: f64 = parts.iter().map(|p| p.2).sum();
            (total > 0.0).then(|| (Recommendation { training: t.key.clone(), closes: total, parts }, t.jp, t.cost))
        })
        .collect();
    out.sort_by(|a, b| {
        b.0.closes.total_cmp(&a.0.closes).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)).then(a.0.training.cmp(&b.0.training))
    });
    out.into_iter().map(|(r, _, _)| r).collect()
}

/// One training in a training-needs analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedsRow {
    pub training: String,
    /// People it would help.
    pub people: u32,
    /// Total gap it would close if all of them attended.
    pub gap_closed: f64,
    pub cost: u64,
    pub jp: u64,
}

/// Which trainings close the most gap for how many people (each person attending each training alone).
pub fn needs_analysis(people: &[Vec<Need>], catalog: &[TrainingFit]) -> Vec<NeedsRow> {
    let mut rows: Vec<NeedsRow> = catalog
        .iter()
        .map(|t| {
            let (mut n, mut closed) = (0u32, 0.0);
            for needs in people {
                let c: f64 = needs.iter().map(|need| closes(t, need)).sum();
                if c > 0.0 {
                    n += 1;
                    closed += c;
                }
            }
            NeedsRow {
                training: t.key.clone(),
                people: n,
                gap_closed: closed,
                cost: t.cost * u64::from(n),
                jp: u64::from(t.jp) * u64::from(n),
            }
        })
        .filter(|r| r.people > 0)
        .collect();
    rows.sort_by(|a, b| b.gap_closed.total_cmp(&a.gap_closed).then(a.training.cmp(&b.training)));
    rows
}

/// A budget in rupiah or in lesson hours (JP).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "unit", content = "amount", rename_all = "lowercase")]
pub enum Budget {
    Rupiah(u64),
    Jp(u64),
}

impl Budget {
    pub fn amount(self) -> u64 {
        match self {
            Budget::Rupiah(a) | Budget::Jp(a) => a,
        }
    }

    fn seat_cost(self, t: &TrainingFit) -> u64 {
        match self {
            Budget::Rupiah(_) => t.cost,
            Budget::Jp(_) => u64::from(t.jp),
        }
    }
}

/// A training chosen in a budget plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanRow {
    pub training: String,
    /// Seats: the indexes of the people sent, in the order chosen.
    pub people: Vec<u32>,
    pub gap_closed: f64,
    /// Spent on this training, in the budget's unit.
    pub spent: u64,
}

/// A plan under a budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetPlan {
    pub budget: Budget,
    pub rows: Vec<PlanRow>,
    pub spent: u64,
    pub gap_closed: f64,
    /// The total gap of everyone in scope.
    pub total_gap: f64,
    /// People some training would help who got no seat.
    pub left_out: u32,
}

#[derive(PartialEq)]
struct Candidate {
    ratio: f64,
    gain: f64,
    person: u32,
    training: u32,
}

impl Eq for Candidate {}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.ratio.total_cmp(&other.ratio).then(other.person.cmp(&self.person)).then(other.training.cmp(&self.training))
    }
}

/// Chooses seats (a person in a training) under a budget to maximise the total gap closed. Greedy by gap closed
/// per unit of budget, counting for each seat only the gap that earlier choices have not closed already (a person's
/// competency reaches the highest level of the suitable trainings chosen for them). Free seats come first. Gains
/// only shrink as choices are made, so stale candidates are re-evaluated lazily.
pub fn budget_plan(people: &[Vec<Need>], catalog: &[TrainingFit], budget: Budget) -> BudgetPlan {
    let ratio = |gain: f64, cost: u64| if cost == 0 { gain * 1e12 } else { gain / cost as f64 };
    // reach[(person, need index)] = the level reached by chosen trainings.
    let mut reach: HashMap<(u32, usize), f64> = HashMap::new();
    let gain_of = |reach: &HashMap<(u32, usize), f64>, p: u32, t: &TrainingFit| -> f64 {
        people[p as usize]
            .iter()
            .enumerate()
            .filter(|(_, n)| suits(t, n))
            .map(|(i, n)| {
                let before = reach.get(&(p, i)).map(|r| closed_to(n, *r)).unwrap_or(0.0);
                closed_to(n, f64::from(t.level_max).max(reach.get(&(p, i)).copied().unwrap_or(0.0))) - before
            })
            .sum()
    };
    let mut heap = BinaryHeap::new();
    let mut helped: std::collections::HashSet<u32> = std::collections::HashSet::new();
    let total_gap: f64 = people.iter().flatten().map(|n| (-gap(n.score, n.required)).max(0.0)).sum();
    for (p, _) in people.iter().enumerate() {
        for (ti, t) in catalog.iter().enumerate() {
            let gain = gain_of(&reach, p as u32, t);
            if gain > 1e-9 {
                helped.insert(p as u32);
                heap.push(Candidate {
                    ratio: ratio(gain, budget.seat_cost(t)),
                    gain,
                    person: p as u32,
                    training: ti as u32,
                });
            }
        }
    }
    let mut left = budget.amount();
    let mut rows: HashMap<u32, PlanRow> = HashMap::new();
    let mut order: Vec<u32> = Vec::new();
    while let Some(c) = heap.pop() {
        let t = &catalog[c.training as usize];
        let gain = gain_of(&reach, c.person, t);
        if gain <= 1e-9 {
            continue;
        }
        if (gain - c.gain).abs() > 1e-9 {
            heap.push(Candidate { ratio: ratio(gain, budget.seat_cost(t)), gain, ..c });
            continue;
        }
        let cost = budget.seat_cost(t);
        if cost > left {
            continue;
        }
        left -= cost;
        for (i, n) in people[c.person as usize].iter().enumerate() {
            if suits(t, n) {
                let r = reach.entry((c.person, i)).or_insert(0.0);
                *r = r.max(f64::from(t.level_max));
            }
        }
        let row = rows.entry(c.training).or_insert_with(|| {
            order.push(c.training);
            PlanRow { training: t.key.clone(), people: Vec::new(), gap_closed: 0.0, spent: 0 }
        });
        row.people.push(c.person);
        row.gap_closed += gain;
        row.spent += cost;
    }
    let mut rows: Vec<PlanRow> = order.into_iter().filter_map(|t| rows.remove(&t)).collect();
    rows.sort_by(|a, b| b.gap_closed.total_cmp(&a.gap_closed).then(a.training.cmp(&b.training)));
    let seated: std::collections::HashSet<u32> = rows.iter().flat_map(|r| r.people.iter().copied()).collect();
    let left_out = helped.difference(&seated).count() as u32;
    let spent = budget.amount() - left;
    let gap_closed = rows.iter().map(|r| r.gap_closed).sum();
    BudgetPlan { budget, rows, spent, gap_closed, total_gap, left_out }
}

/// Status of a development-plan activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    Planned,
    InProgress,
    Done,
}

impl PlanStatus {
    pub const ALL: [PlanStatus; 3] = [PlanStatus::Planned, PlanStatus::InProgress, PlanStatus::Done];

    pub fn code(self) -> &'static str {
        match self {
            PlanStatus::Planned => "planned",
            PlanStatus::InProgress => "in_progress",
            PlanStatus::Done => "done",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Progress of a plan in percent: done activities count fully, those in progress half.
pub fn plan_progress(statuses: &[PlanStatus]) -> f64 {
    if statuses.is_empty() {
        return 0.0;
    }
    let points: f64 = statuses
        .iter()
        .map(|s| match s {
            PlanStatus::Done => 1.0,
            PlanStatus::InProgress => 0.5,
            PlanStatus::Planned => 0.0,
        })
        .sum();
    points * 100.0 / statuses.len() as f64
}

#[cfg(test)]
#[path = "report_tests.rs"]
mod tests;
