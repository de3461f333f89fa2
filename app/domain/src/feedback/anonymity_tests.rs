//! Attacks on the anonymity of 360° results: from everything a result shows, try to solve for one peer's or
//! subordinate's answer. The attacker is strong: they know which raters counted and which items each of them left
//! "not observed"; they only lack the answers. Every shown mean is a linear equation in the unknown answers, so an
//! answer is revealed exactly when its unit vector lies in the span of the shown equations.
//!
//! (What no aggregate can hide — a unanimous group, where a mean of 5.0 says everyone answered 5 — is the price of
//! showing any mean at all and is bounded by the threshold of at least three raters, not by this rule.)

use super::*;
use proptest::prelude::*;

/// One rater of an anonymous group: the group and the answers to one competency's items.
#[derive(Debug, Clone)]
struct Rater {
    group: RaterGroup,
    answers: Vec<u8>,
}

/// The unknowns: one per (rater, answered item).
fn unknowns(raters: &[Rater]) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    for (r, rater) in raters.iter().enumerate() {
        for (i, a) in rater.answers.iter().enumerate() {
            if (1..=5).contains(a) {
                v.push((r, i));
            }
        }
    }
    v
}

/// The linear equations the shown numbers of `scores` give, as coefficient rows over [`unknowns`] (the
/// right-hand sides do not matter for whether a single unknown is determined).
fn shown_equations(raters: &[Rater], scores: &CompetencyScores) -> Vec<Vec<f64>> {
    let vars = unknowns(raters);
    let counted: Vec<bool> = raters.iter().map(|r| rater_score(&r.answers).is_some()).collect();
    let mut rows = Vec::new();
    for g in scores.groups.iter().filter(|g| g.group.is_anonymous() && g.is_shown()) {
        // count · mean = Σ over counted raters of (1/|answered|) Σ answers.
        let row = vars
            .iter()
            .map(|&(r, _)| {
                let answered = raters[r].answers.iter().filter(|a| (1..=5).contains(*a)).count();
                if raters[r].group == g.group && counted[r] { 1.0 / answered as f64 } else { 0.0 }
            })
            .collect();
        rows.push(row);
    }
    for (i, item) in scores.items.iter().enumerate() {
        for g in item.iter().filter(|g| g.group.is_anonymous() && g.is_shown()) {
            // count · mean = Σ over counted raters who answered item i.
            let row = vars
                .iter()
                .map(|&(r, j)| if j == i && raters[r].group == g.group && counted[r] { 1.0 } else { 0.0 })
                .collect();
            rows.push(row);
        }
    }
    rows
}

/// Reduces `rows` to row echelon form (Gaussian elimination with partial pivoting) and returns the pivot rows.
fn echelon(mut rows: Vec<Vec<f64>>, width: usize) -> Vec<(usize, Vec<f64>)> {
    let mut basis: Vec<(usize, Vec<f64>)> = Vec::new();
    for col in 0..width {
        let Some(p) = (0..rows.len()).max_by(|&a, &b| rows[a][col].abs().total_cmp(&rows[b][col].abs())) else {
            break;
        };
        if rows[p][col].abs() < 1e-9 {
            continue;
        }
        let pivot = rows.swap_remove(p);
        for row in &mut rows {
            let f = row[col] / pivot[col];
            if f != 0.0 {
                for (x, y) in row.iter_mut().zip(&pivot) {
                    *x -= f * y;
                }
            }
        }
        basis.push((col, pivot));
    }
    basis
}

/// What an attacker wants to learn, as a linear form over the unknowns: one answer of one rater, or one rater's
/// whole score for the competency (the mean of their answers).
#[derive(Debug, Clone, PartialEq)]
enum Target {
    Answer { rater: usize, item: usize },
    RaterScore { rater: usize },
}

fn targets(raters: &[Rater]) -> Vec<(Target, Vec<f64>)> {
    let vars = unknowns(raters);
    let mut out: Vec<(Target, Vec<f64>)> = vars
        .iter()
        .enumerate()
        .map(|(k, &(rater, item))| {
            let mut v = vec![0.0; vars.len()];
            v[k] = 1.0;
            (Target::Answer { rater, item }, v)
        })
        .collect();
    for r in 0..raters.len() {
        let v: Vec<f64> = vars.iter().map(|&(rr, _)| if rr == r { 1.0 } else { 0.0 }).collect();
        if v.iter().any(|x| *x != 0.0) {
            out.push((Target::RaterScore { rater: r }, v));
        }
    }
    out
}

/// The targets that the equations determine exactly.
fn solvable(raters: &[Rater], rows: Vec<Vec<f64>>) -> Vec<Target> {
    let width = unknowns(raters).len();
    let basis = echelon(rows, width);
    targets(raters)
        .into_iter()
        .filter(|(_, v)| {
            let mut target = v.clone();
            for (col, pivot) in &basis {
                let f = target[*col] / pivot[*col];
                if f != 0.0 {
                    for (x, y) in target.iter_mut().zip(pivot) {
                        *x -= f * y;
                    }
                }
            }
            target.iter().all(|x| x.abs() < 1e-7)
        })
        .map(|(t, _)| t)
        .collect()
}

fn score(threshold: u32, raters: &[Rater]) -> CompetencyScores {
    let list: Vec<(RaterGroup, &[u8])> = raters.iter().map(|r| (r.group, r.answers.as_slice())).collect();
    score_competency(threshold, &list)
}

fn peers(answers: &[&[u8]]) -> Vec<Rater> {
    answers.iter().map(|a| Rater { group: RaterGroup::Peer, answers: a.to_vec() }).collect()
}

/// The rule before this fix: an item's mean over whoever answered it among the counted raters, shown when at
/// least the threshold answered it.
fn old_rule(threshold: u32, raters: &[Rater]) -> CompetencyScores {
    let mut s = score(threshold, raters);
    let n_items = raters.iter().map(|r| r.answers.len()).max().unwrap_or(0);
    s.items = (0..n_items)
        .map(|i| {
            let answers: Vec<(RaterGroup, Option<f64>)> = raters
                .iter()
                .filter(|r| rater_score(&r.answers).is_some())
                .map(|r| (r.group, r.answers.get(i).filter(|a| (1..=5).contains(*a)).map(|a| f64::from(*a))))
                .collect();
            aggregate(threshold, &answers)
        })
        .collect();
    s
}

#[test]
fn the_attack_solves_one_peer_under_the_old_item_rule() {
    // Four peers; one marks item 3 "not observed". The old rule showed item 3 over the other three next to the
    // competency mean over all four: the fourth peer's remaining answers follow exactly.
    let raters = peers(&[&[4, 3, 5], &[2, 5, 4], &[3, 3, 3], &[5, 4, NOT_OBSERVED]]);
    let old = old_rule(3, &raters);
    assert!(old.items[2][2].is_shown(), "the old rule showed the partial item");
    let leaked = solvable(&raters, shown_equations(&raters, &old));
    assert_eq!(leaked, vec![Target::RaterScore { rater: 3 }], "the attack finds the fourth peer's score");
    // With two items, the one answer the fourth peer gave follows exactly.
    let two = peers(&[&[4, 3], &[2, 5], &[3, 3], &[5, NOT_OBSERVED]]);
    let leaked = solvable(&two, shown_equations(&two, &old_rule(3, &two)));
    assert!(leaked.contains(&Target::Answer { rater: 3, item: 0 }), "{leaked:?}");
    assert!(solvable(&two, shown_equations(&two, &score(3, &two))).is_empty());
    // The same attack finds nothing under the rule in force, which withholds item 3 for peers.
    let new = score(3, &raters);
    assert_eq!(new.items[2][2].withheld, Some(Withheld::PartialItem));
    assert!(new.items[0][2].is_shown() && new.items[1][2].is_shown());
    assert!(solvable(&raters, shown_equations(&raters, &new)).is_empty());
}

#[test]
fn items_answered_by_every_counted_rater_are_shown_with_the_competencys_count() {
    let raters = peers(&[&[4, 3, 5], &[2, 5, 4], &[3, 3, 3]]);
    let s = score(3, &raters);
    for item in &s.items {
        assert!(item[2].is_shown());
        assert_eq!(item[2].count, s.groups[2].count);
    }
    assert_eq!(s.items[0][2].mean, Some(3.0));
}

#[test]
fn reading_a_stored_result_withholds_a_partial_item() {
    let comp = GroupScore { group: RaterGroup::Peer, count: 4, mean: Some(3.5), withheld: None };
    let mut item = GroupScore { group: RaterGroup::Peer, count: 3, mean: Some(4.0), withheld: None };
    withhold_item(&comp, &mut item);
    assert_eq!((item.mean, item.withheld), (None, Some(Withheld::PartialItem)));
    // Self and supervisor are shown as themselves.
    let comp = GroupScore { group: RaterGroup::Supervisor, count: 1, mean: Some(3.5), withheld: None };
    let mut item = GroupScore { group: RaterGroup::Supervisor, count: 1, mean: Some(4.0), withheld: None };
    withhold_item(&comp, &mut item);
    assert_eq!(item.mean, Some(4.0));
}

fn rater() -> impl Strategy<Value = (bool, Vec<u8>)> {
    // Mostly answers on the scale, sometimes "not observed".
    let answer = prop_oneof![6 => 1u8..=5, 2 => Just(NOT_OBSERVED)];
    (any::<bool>(), prop::collection::vec(answer, 4))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// For random answer sets with "not observed" marks, nothing shown for peers or subordinates — competency
    /// means and item means together — determines any single rater's answer.
    #[test]
    fn no_single_answer_can_be_solved_for_from_everything_shown(
        threshold in 3u32..5,
        items in 1usize..=4,
        list in prop::collection::vec(rater(), 0..9),
    ) {
        let raters: Vec<Rater> = list
            .into_iter()
            .map(|(sub, mut answers)| {
                answers.truncate(items);
                Rater { group: if sub { RaterGroup::Subordinate } else { RaterGroup::Peer }, answers }
            })
            .collect();
        let scores = score(threshold, &raters);
        let leaked = solvable(&raters, shown_equations(&raters, &scores));
        prop_assert!(leaked.is_empty(), "answers {:?} can be solved for from {:?}", leaked, scores);
        // Every shown item of an anonymous group comes from exactly the competency's raters.
        for item in &scores.items {
            for (it, comp) in item.iter().zip(&scores.groups) {
                if it.group.is_anonymous() && it.is_shown() {
                    prop_assert!(comp.is_shown());
                    prop_assert_eq!(it.count, comp.count);
                }
            }
        }
    }
}
