//! 360° feedback scoring, shared by the server (closing a round) and the browser (what-if views).
//!
//! A rater answers each behaviour item on the 1–5 level scale or marks it "not observed". A rater counts for a
//! competency only when they answered at least half of its items. Self and supervisor are shown as themselves;
//! peers and subordinates are shown only when at least `threshold` raters (never fewer than three) count,
//! otherwise the group's numbers and comments are withheld and nothing of them is merged elsewhere.

mod document;
mod planning;
mod result;
mod status;

pub use document::{DOCUMENT_VERSION, QuestionnaireDoc, ResultDoc, UnknownVersion};
pub use planning::{PlannedAssignment, ReportingLines, plan_assignments};
pub use result::{EdgeInput, compute_result};
pub use status::{AssignmentState, NominationState, RoundStatus};

use serde::{Deserialize, Serialize};

/// The smallest anonymity threshold allowed for peers and subordinates.
pub const MIN_THRESHOLD: u32 = 3;
/// An unanswered item (draft).
pub const UNANSWERED: u8 = 0;
/// "Tidak teramati": the rater could not observe this behaviour.
pub const NOT_OBSERVED: u8 = 9;

/// Who gives the feedback, relative to the person assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RaterGroup {
    #[serde(rename = "self")]
    SelfRating,
    Supervisor,
    Peer,
    Subordinate,
}

impl RaterGroup {
    pub const ALL: [RaterGroup; 4] =
        [RaterGroup::SelfRating, RaterGroup::Supervisor, RaterGroup::Peer, RaterGroup::Subordinate];

    pub fn code(self) -> &'static str {
        match self {
            RaterGroup::SelfRating => "self",
            RaterGroup::Supervisor => "supervisor",
            RaterGroup::Peer => "peer",
            RaterGroup::Subordinate => "subordinate",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.code() == code)
    }

    /// Whether the group's individual answers are protected by the anonymity threshold.
    pub fn is_anonymous(self) -> bool {
        matches!(self, RaterGroup::Peer | RaterGroup::Subordinate)
    }
}

/// The threshold actually applied: the configured one, never below [`MIN_THRESHOLD`].
pub fn effective_threshold(configured: u32) -> u32 {
    configured.max(MIN_THRESHOLD)
}

/// Whether an encoded answer is a valid final answer (a level or "not observed").
pub fn is_final_answer(a: u8) -> bool {
    (1..=5).contains(&a) || a == NOT_OBSERVED
}

/// Whether an encoded answer may be stored in a draft.
pub fn is_draft_answer(a: u8) -> bool {
    a == UNANSWERED || is_final_answer(a)
}

/// One rater's score for one competency: the mean of the items answered on the scale, or `None` when fewer
/// than half of the items were answered (the rater then does not count for this competency).
pub fn rater_score(answers: &[u8]) -> Option<f64> {
    let rated: Vec<f64> = answers.iter().filter(|a| (1..=5).contains(*a)).map(|a| f64::from(*a)).collect();
    if rated.is_empty() || rated.len() * 2 < answers.len() {
        return None;
    }
    Some(rated.iter().sum::<f64>() / rated.len() as f64)
}

/// Why a group's result is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Withheld {
    /// Nobody in the group counted.
    NoResponses,
    /// Fewer raters than the anonymity threshold.
    TooFewRaters { count: u32, needed: u32 },
    /// An item that not every rater counted for the competency answered: its mean would come from a different set
    /// of raters than the competency's, and the two together could reveal one rater's answer.
    PartialItem,
    /// HR changed the group's membership by hand after one of its raters had submitted: the group's result could
    /// otherwise be differenced against raters HR chose.
    ChangedByHand,
}

/// A rater group's result for one competency.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GroupScore {
    pub group: RaterGroup,
    /// Raters who counted (answered at least half the items).
    pub count: u32,
    /// The mean of their scores; `None` when withheld.
    pub mean: Option<f64>,
    pub withheld: Option<Withheld>,
}

impl GroupScore {
    /// Whether the group's numbers (and comments) may be shown.
    pub fn is_shown(&self) -> bool {
        self.withheld.is_none() && self.mean.is_some()
    }
}

/// Aggregates the raters' scores for one competency into one result per group, applying the threshold.
/// `scores` holds each rater's group and [`rater_score`].
pub fn aggregate(threshold: u32, scores: &[(RaterGroup, Option<f64>)]) -> Vec<GroupScore> {
    let needed = effective_threshold(threshold);
    RaterGroup::ALL
        .into_iter()
        .map(|group| {
            let counted: Vec<f64> = scores.iter().filter(|(g, _)| *g == group).filter_map(|(_, s)| *s).collect();
            let count = counted.len() as u32;
            let withheld = if count == 0 {
                Some(Withheld::NoResponses)
            } else if group.is_anonymous() && count < needed {
                Some(Withheld::TooFewRaters { count, needed })
            } else {
                None
            };
            let mean = withheld.is_none().then(|| counted.iter().sum::<f64>() / f64::from(count));
            GroupScore { group, count, mean, withheld }
        })
        .collect()
}

/// One competency's result: per group, and per item and group.
#[derive(Debug, Clone, PartialEq)]
pub struct CompetencyScores {
    /// One entry per group ([`RaterGroup::ALL`] order), means rounded to two decimals.
    pub groups: Vec<GroupScore>,
    /// Per item, one entry per group, means rounded to two decimals.
    pub items: Vec<Vec<GroupScore>>,
}

/// Scores one competency from each submitted rater's answers to its items (`raters`: group and answers).
///
/// **Every number shown for a group comes from the same set of raters**: the raters who counted for the
/// competency. An item is shown for an anonymous group only when every one of them answered it; otherwise the
/// item is withheld ([`Withheld::PartialItem`]), because an item mean over fewer raters next to the competency
/// mean would let anyone solve for the rater who left the item out. An item is never shown for a group whose
/// competency result is withheld.
pub fn score_competency(threshold: u32, raters: &[(RaterGroup, &[u8])]) -> CompetencyScores {
    let n_items = raters.iter().map(|(_, a)| a.len()).max().unwrap_or(0);
    let scores: Vec<(RaterGroup, Option<f64>)> = raters.iter().map(|(g, a)| (*g, rater_score(a))).collect();
    let mut groups = aggregate(threshold, &scores);
    let items = (0..n_items)
        .map(|i| {
            let answers: Vec<(RaterGroup, Option<f64>)> = raters
                .iter()
                .zip(&scores)
                .filter(|(_, (_, score))| score.is_some())
                .map(|((g, a), _)| (*g, a.get(i).filter(|a| (1..=5).contains(*a)).map(|a| f64::from(*a))))
                .collect();
            let mut item = aggregate(threshold, &answers);
            for (it, comp) in item.iter_mut().zip(&groups) {
                withhold_item(comp, it);
                it.mean = it.mean.map(round2);
            }
            item
        })
        .collect();
    for g in &mut groups {
        g.mean = g.mean.map(round2);
    }
    CompetencyScores { groups, items }
}

impl CompetencyScores {
    /// Withholds one group entirely (numbers and items) for `reason`.
    pub fn withhold(&mut self, group: RaterGroup, reason: Withheld) {
        let rows = self.groups.iter_mut().chain(self.items.iter_mut().flatten());
        for g in rows.filter(|g| g.group == group) {
            g.mean = None;
            g.withheld = Some(reason);
        }
    }
}

/// Applies the item rule of [`score_competency`] to one item result of a group, given the group's competency
/// result. Also applied when a stored result is read, so results stored before the rule existed obey it too.
pub fn withhold_item(competency: &GroupScore, item: &mut GroupScore) {
    let withheld = if !competency.is_shown() {
        competency.withheld.or(Some(Withheld::NoResponses))
    } else if competency.group.is_anonymous() && item.count != competency.count {
        Some(Withheld::PartialItem)
    } else {
        item.withheld
    };
    if withheld.is_some() {
        item.mean = None;
        item.withheld = withheld;
    }
}

/// Whether a group's comments may be shown for a competency: only when its numbers are shown.
pub fn comments_visible(score: &GroupScore) -> bool {
    score.is_shown()
}

/// Completion of a set of assignments, in percent (0 when there are none).
pub fn completion_percent(submitted: u64, total: u64) -> f64 {
    if total == 0 { 0.0 } else { submitted as f64 * 100.0 / total as f64 }
}

/// Rounds a score for display and storage (two decimals).
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_rater_counts_with_at_least_half_of_the_items() {
        assert_eq!(rater_score(&[4, 5, NOT_OBSERVED]), Some(4.5));
        assert_eq!(rater_score(&[4, NOT_OBSERVED, NOT_OBSERVED]), None);
        assert_eq!(rater_score(&[4, NOT_OBSERVED]), Some(4.0));
        assert_eq!(rater_score(&[NOT_OBSERVED, NOT_OBSERVED]), None);
        assert_eq!(rater_score(&[UNANSWERED, 3, 3, UNANSWERED]), Some(3.0));
        assert_eq!(rater_score(&[]), None);
    }

    #[test]
    fn peers_below_the_threshold_are_withheld_self_and_supervisor_are_not() {
        let scores = [
            (RaterGroup::SelfRating, Some(5.0)),
            (RaterGroup::Supervisor, Some(3.0)),
            (RaterGroup::Peer, Some(4.0)),
            (RaterGroup::Peer, Some(2.0)),
            (RaterGroup::Subordinate, Some(4.0)),
            (RaterGroup::Subordinate, Some(3.0)),
            (RaterGroup::Subordinate, Some(5.0)),
        ];
        let r = aggregate(3, &scores);
        assert_eq!(r[0].mean, Some(5.0));
        assert_eq!(r[1].mean, Some(3.0));
        assert_eq!(r[2].mean, None);
        assert_eq!(r[2].withheld, Some(Withheld::TooFewRaters { count: 2, needed: 3 }));
        assert_eq!(r[3].mean, Some(4.0));
        assert!(r[3].is_shown());
    }

    #[test]
    fn a_threshold_below_three_is_raised_to_three() {
        let scores = [(RaterGroup::Peer, Some(4.0)), (RaterGroup::Peer, Some(2.0))];
        assert_eq!(aggregate(1, &scores)[2].withheld, Some(Withheld::TooFewRaters { count: 2, needed: 3 }));
        assert_eq!(effective_threshold(5), 5);
    }

    #[test]
    fn raters_who_did_not_count_are_not_counted() {
        let scores = [(RaterGroup::Peer, Some(4.0)), (RaterGroup::Peer, None), (RaterGroup::Peer, Some(2.0))];
        assert_eq!(aggregate(3, &scores)[2].count, 2);
        assert_eq!(aggregate(3, &[])[1].withheld, Some(Withheld::NoResponses));
    }

    #[test]
    fn group_codes_round_trip() {
        for g in RaterGroup::ALL {
            assert_eq!(RaterGroup::from_code(g.code()), Some(g));
            assert_eq!(serde_json::to_string(&g).unwrap(), format!("\"{}\"", g.code()));
        }
    }

    fn group() -> impl Strategy<Value = RaterGroup> {
        prop::sample::select(RaterGroup::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn shown_means_stay_on_the_scale_and_withheld_groups_show_nothing(
            threshold in 0u32..8,
            scores in prop::collection::vec((group(), prop::option::of(1.0f64..=5.0)), 0..30),
        ) {
            for s in aggregate(threshold, &scores) {
                match s.mean {
                    Some(m) => { prop_assert!((1.0..=5.0).contains(&m)); prop_assert!(s.withheld.is_none()); }
                    None => prop_assert!(s.withheld.is_some()),
                }
                if s.group.is_anonymous() && s.is_shown() {
                    prop_assert!(s.count >= MIN_THRESHOLD.max(threshold));
                }
            }
        }

        #[test]
        fn aggregation_does_not_depend_on_the_order_of_raters(
            mut scores in prop::collection::vec((group(), prop::option::of(1.0f64..=5.0)), 0..20),
        ) {
            let before = aggregate(3, &scores);
            scores.reverse();
            let after = aggregate(3, &scores);
            for (a, b) in before.iter().zip(after.iter()) {
                prop_assert_eq!(a.count, b.count);
                prop_assert_eq!(a.mean.map(round2), b.mean.map(round2));
            }
        }

        #[test]
        fn a_withheld_groups_answers_never_change_another_group(
            others in prop::collection::vec((group(), prop::option::of(1.0f64..=5.0)), 0..20),
            a in 1.0f64..=5.0, b in 1.0f64..=5.0,
        ) {
            // Two peers only (withheld): whatever they answered, every other group's result is the same.
            let mut base: Vec<_> = others.into_iter().filter(|(g, _)| *g != RaterGroup::Peer).collect();
            let without = aggregate(3, &base);
            base.push((RaterGroup::Peer, Some(a)));
            base.push((RaterGroup::Peer, Some(b)));
            let with = aggregate(3, &base);
            prop_assert_eq!(with[2].mean, None);
            for i in [0usize, 1, 3] {
                prop_assert_eq!(with[i], without[i]);
            }
        }

        #[test]
        fn a_rater_score_is_on_the_scale_when_it_counts(answers in prop::collection::vec(prop::sample::select(vec![0u8, 1, 2, 3, 4, 5, 9]), 1..8)) {
            if let Some(s) = rater_score(&answers) {
                prop_assert!((1.0..=5.0).contains(&s));
                let rated = answers.iter().filter(|a| (1..=5).contains(*a)).count();
                prop_assert!(rated * 2 >= answers.len());
            }
        }
    }
}

#[cfg(test)]
mod anonymity_tests;
