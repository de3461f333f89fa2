//! Training needs, recommendations and the budget plan, shared by the server (needs analysis, budget plan) and the
//! browser (what-if): which competency gaps a person has, which trainings of the catalog close them, and whom to
//! send under a budget so that the most gap is closed.

use crate::report::gap;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

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
    let fits: Vec<Vec<(usize, f64)>> = people.iter().map(|needs| person_fits(needs, catalog)).collect();
    needs_rows(fits.iter().map(Vec::as_slice), catalog)
}

/// What each training of `catalog` would close of one person's needs: (its place in the catalog, gap closed), for
/// the trainings that close something. Kept per person, it lets [`needs_rows`] add up any group without the needs.
pub fn person_fits(needs: &[Need], catalog: &[TrainingFit]) -> Vec<(usize, f64)> {
    catalog
        .iter()
        .enumerate()
        .filter_map(|(k, t)| {
            let c: f64 = needs.iter().map(|need| closes(t, need)).sum();
            (c > 0.0).then_some((k, c))
        })
        .collect()
}

/// The needs analysis of a group from its people's [`person_fits`] (in the group's order): the same rows as
/// [`needs_analysis`] of their needs, to the last bit.
pub fn needs_rows<'a>(people: impl IntoIterator<Item = &'a [(usize, f64)]>, catalog: &[TrainingFit]) -> Vec<NeedsRow> {
    let mut counts = vec![0u32; catalog.len()];
    let mut closed = vec![0.0f64; catalog.len()];
    for fits in people {
        for (k, c) in fits {
            counts[*k] += 1;
            closed[*k] += c;
        }
    }
    let mut rows: Vec<NeedsRow> = catalog
        .iter()
        .enumerate()
        .filter(|(k, _)| counts[*k] > 0)
        .map(|(k, t)| NeedsRow {
            training: t.key.clone(),
            people: counts[k],
            gap_closed: closed[k],
            cost: t.cost * u64::from(counts[k]),
            jp: u64::from(t.jp) * u64::from(counts[k]),
        })
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The analysis as first written: for each training, a pass over everyone's needs.
    fn per_training(people: &[Vec<Need>], catalog: &[TrainingFit]) -> Vec<NeedsRow> {
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

    const CODES: [&str; 4] = ["M.01", "M.02", "SK.01", "T.01"];

    fn need() -> impl Strategy<Value = Need> {
        (0..CODES.len(), 1.0f64..5.0, 1u8..=5).prop_map(|(c, score, required)| Need {
            competency: CODES[c].into(),
            score,
            required,
        })
    }

    fn training() -> impl Strategy<Value = TrainingFit> {
        (proptest::collection::vec(0..CODES.len(), 1..3), 1u8..=5, 0u8..=3, 1u32..40, 0u64..5_000_000).prop_map(
            |(cs, min, span, jp, cost)| TrainingFit {
                key: format!("t{min}{span}{jp}{cost}"),
                competencies: cs.into_iter().map(|c| CODES[c].to_string()).collect(),
                level_min: min,
                level_max: (min + span).min(5),
                jp,
                cost,
            },
        )
    }

    proptest! {
        /// Adding up each person's fits gives the analysis of the whole group, to the last bit, for any group.
        #[test]
        fn fits_added_up_equal_the_analysis_of_the_needs(
            people in proptest::collection::vec(proptest::collection::vec(need(), 0..4), 0..30),
            catalog in proptest::collection::vec(training(), 0..8),
        ) {
            let fits: Vec<Vec<(usize, f64)>> = people.iter().map(|n| person_fits(n, &catalog)).collect();
            let expected = per_training(&people, &catalog);
            prop_assert_eq!(needs_rows(fits.iter().map(Vec::as_slice), &catalog), expected.clone());
            prop_assert_eq!(needs_analysis(&people, &catalog), expected);
        }
    }
}
