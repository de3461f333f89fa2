//! Closing a round, the pure part: one ratee's result computed from the submitted answers with the shared scoring.

use super::{CompetencyScores, RaterGroup, Withheld};
use crate::view::{CompetencyResult, Questionnaire, ResultData};
use std::collections::HashMap;

/// One assignment as the closing computation reads it.
pub struct EdgeInput<'a> {
    pub group: RaterGroup,
    pub submitted: bool,
    pub answers: &'a [i64],
    pub comments: &'a [String],
}

/// Computes one ratee's result from their edges. `required` gives the required level per competency key;
/// `changed` lists the anonymous groups whose membership HR changed by hand after one of their raters had
/// submitted: they are withheld.
pub fn compute_result(
    q: &Questionnaire,
    threshold: u32,
    required: &HashMap<String, u8>,
    edges: &[EdgeInput<'_>],
    changed: &[RaterGroup],
) -> ResultData {
    let ranges = q.ranges();
    let responses = RaterGroup::ALL
        .into_iter()
        .map(|g| {
            let invited = edges.iter().filter(|e| e.group == g).count() as u32;
            let submitted = edges.iter().filter(|e| e.group == g && e.submitted).count() as u32;
            (g, invited, submitted)
        })
        .filter(|(_, invited, _)| *invited > 0)
        .collect();
    let competencies = q
        .competencies
        .iter()
        .zip(ranges)
        .enumerate()
        .map(|(ci, (c, range))| {
            let mut raters: Vec<(RaterGroup, Vec<u8>)> = Vec::with_capacity(edges.len());
            let mut comments: Vec<(RaterGroup, &str)> = Vec::new();
            for e in edges.iter().filter(|e| e.submitted) {
                let answers: Vec<u8> =
                    range.clone().map(|i| e.answers.get(i).copied().unwrap_or(0).clamp(0, 255) as u8).collect();
                if super::rater_score(&answers).is_some()
                    && let Some(text) = e.comments.get(ci).filter(|t| !t.trim().is_empty())
                {
                    comments.push((e.group, text.as_str()));
                }
                raters.push((e.group, answers));
            }
            let list: Vec<(RaterGroup, &[u8])> = raters.iter().map(|(g, a)| (*g, a.as_slice())).collect();
            let mut scores = super::score_competency(threshold, &list);
            for g in changed.iter().filter(|g| g.is_anonymous()) {
                scores.withhold(*g, Withheld::ChangedByHand);
            }
            let CompetencyScores { groups, items } = scores;
            let shown: Vec<(RaterGroup, Vec<String>)> = groups
                .iter()
                .filter(|g| super::comments_visible(g))
                .map(|g| {
                    let mut list: Vec<String> =
                        comments.iter().filter(|(cg, _)| *cg == g.group).map(|(_, t)| t.to_string()).collect();
                    list.sort();
                    (g.group, list)
                })
                .filter(|(_, l)| !l.is_empty())
                .collect();
            CompetencyResult {
                key: c.key.clone(),
                code: c.code.clone(),
                name: c.name.clone(),
                required: required.get(&c.key).copied().unwrap_or(0),
                groups,
                items,
                comments: shown,
            }
        })
        .collect();
    ResultData { threshold: super::effective_threshold(threshold), competencies, responses }
}
