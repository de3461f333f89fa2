//! Rater-bias signals, the pure part: how far each rater's scores sit from the other raters of the same people
//! (leniency and strictness, standardized, with their count), straight-lining (one answer to every item),
//! reciprocal rating rings (people who rate each other markedly above how others rate them), and supervisors whose
//! predikat differ sharply from the rest of their unit. The statistics only inform calibration; who may be named is
//! the service's decision (never a rater to whom anonymity applies).

use crate::feedback::RaterGroup;
use crate::skp::Predikat;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A rater leans (or a supervisor's predikat diverge) only beyond this many standard errors…
pub const Z_SIGNAL: f64 = 3.0;
/// …and by at least this many scale points.
pub const MIN_DIFFERENCE: f64 = 0.5;
/// A rater's leniency needs this many ratees with enough co-raters.
pub const MIN_RATEES: usize = 3;
/// A ring link: each rates the other at least this many points above the other raters of that person…
pub const RING_LIFT: f64 = 0.75;
/// …and at least this many round spreads above.
pub const RING_Z: f64 = 2.5;
/// Straight-lining is only called on at least this many answered items.
pub const STRAIGHT_MIN_ITEMS: usize = 4;
/// A supervisor's predikat are compared when they rated at least this many people…
pub const MIN_RATED: usize = 5;
/// …against at least this many other ratings of their unit.
pub const MIN_UNIT_RATED: usize = 10;

/// One submitted assessment's score (the mean of its answers on the 1–5 scale), by indices into the caller's lists.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub rater: usize,
    pub ratee: usize,
    pub group: RaterGroup,
    pub score: f64,
}

/// One score's difference from the mean of the other raters of the same ratee.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Difference {
    pub rater: usize,
    pub ratee: usize,
    pub group: RaterGroup,
    /// How many other raters the ratee had.
    pub co_raters: usize,
    pub value: f64,
}

/// Every score's difference from the other raters of its ratee, for ratees with at least `min_co` other raters.
/// Self-ratings take no part on either side.
pub fn differences(scored: &[Scored], min_co: usize) -> Vec<Difference> {
    let mut by_ratee: BTreeMap<usize, Vec<&Scored>> = BTreeMap::new();
    for s in scored.iter().filter(|s| s.group != RaterGroup::SelfRating && s.score.is_finite()) {
        by_ratee.entry(s.ratee).or_default().push(s);
    }
    let mut out = Vec::new();
    for list in by_ratee.values() {
        let n = list.len();
        if n < min_co.max(1) + 1 {
            continue;
        }
        let sum: f64 = list.iter().map(|s| s.score).sum();
        for s in list {
            let others = (sum - s.score) / (n - 1) as f64;
            out.push(Difference {
                rater: s.rater,
                ratee: s.ratee,
                group: s.group,
                co_raters: n - 1,
                value: s.score - others,
            });
        }
    }
    out
}

/// The sample standard deviation of the differences (the round's spread); `None` under two, or when all are equal.
pub fn spread(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let v: Vec<f64> = values.into_iter().collect();
    if v.len() < 2 {
        return None;
    }
    let mean = v.iter().sum::<f64>() / v.len() as f64;
    let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (v.len() - 1) as f64;
    (var > 1e-12).then(|| var.sqrt())
}

/// Which way a rater leans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lean {
    Lenient,
    Strict,
}

/// A rater's mean difference from the co-raters of their ratees, its count and its standardized size
/// (`z = mean / (spread / √n)`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Leniency {
    pub ratees: u32,
    pub difference: f64,
    pub z: f64,
}

impl Leniency {
    /// Lenient or strict when the difference is both statistically and practically large.
    pub fn lean(&self) -> Option<Lean> {
        (self.z.abs() >= Z_SIGNAL && self.difference.abs() >= MIN_DIFFERENCE).then_some(if self.z > 0.0 {
            Lean::Lenient
        } else {
            Lean::Strict
        })
    }
}

/// A rater's leniency from their differences, under the round's `spread`; `None` under [`MIN_RATEES`].
pub fn leniency(values: &[f64], spread: f64) -> Option<Leniency> {
    if values.len() < MIN_RATEES || spread.is_nan() || spread <= 0.0 {
        return None;
    }
    let n = values.len() as f64;
    let difference = values.iter().sum::<f64>() / n;
    Some(Leniency { ratees: values.len() as u32, difference, z: difference / (spread / n.sqrt()) })
}

/// Every rater's leniency over the differences that `counts` (e.g. one rater group), by rater index.
pub fn leniencies(diffs: &[Difference], spread: f64, counts: impl Fn(&Difference) -> bool) -> Vec<(usize, Leniency)> {
    let mut by_rater: BTreeMap<usize, Vec<f64>> = BTreeMap::new();
    for d in diffs.iter().filter(|d| counts(d)) {
        by_rater.entry(d.rater).or_default().push(d.value);
    }
    by_rater.into_iter().filter_map(|(r, v)| leniency(&v, spread).map(|l| (r, l))).collect()
}

/// The same answer to every item (at least [`STRAIGHT_MIN_ITEMS`] answered on the scale, none "not observed").
pub fn straight_lined(answers: &[u8]) -> bool {
    answers.len() >= STRAIGHT_MIN_ITEMS
        && answers.iter().all(|a| (1..=5).contains(a))
        && answers.windows(2).all(|w| w[0] == w[1])
}

/// A reciprocal rating ring: people each linked to another by mutual lifted scores, and the mean lift of those
/// links.
#[derive(Debug, Clone, PartialEq)]
pub struct Ring {
    pub members: Vec<usize>,
    pub lift: f64,
}

/// Reciprocal rating rings: two people are linked when each rates the other at least [`RING_LIFT`] points and
/// [`RING_Z`] spreads above the other raters of that person; each connected group of linked people is one ring
/// (a pair, or a small clique), largest lift first.
pub fn rings(diffs: &[Difference], spread: f64) -> Vec<Ring> {
    let lifted: HashMap<(usize, usize), f64> = diffs
        .iter()
        .filter(|d| d.rater != d.ratee && d.value >= RING_LIFT && spread > 0.0 && d.value / spread >= RING_Z)
        .map(|d| ((d.rater, d.ratee), d.value))
        .collect();
    let mut links: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    let mut lift: HashMap<(usize, usize), f64> = HashMap::new();
    for (&(a, b), &v) in &lifted {
        if a < b
            && let Some(&w) = lifted.get(&(b, a))
        {
            links.entry(a).or_default().insert(b);
            links.entry(b).or_default().insert(a);
            lift.insert((a, b), (v + w) / 2.0);
        }
    }
    let mut seen: BTreeSet<usize> = BTreeSet::new();
    let mut out = Vec::new();
    for &start in links.keys() {
        if !seen.insert(start) {
            continue;
        }
        let mut members = vec![start];
        let mut i = 0;
        while i < members.len() {
            for &next in &links[&members[i]] {
                if seen.insert(next) {
                    members.push(next);
                }
            }
            i += 1;
        }
        members.sort_unstable();
        let inside: Vec<f64> =
            lift.iter().filter(|((a, b), _)| members.contains(a) && members.contains(b)).map(|(_, v)| *v).collect();
        let mean = inside.iter().sum::<f64>() / inside.len().max(1) as f64;
        out.push(Ring { members, lift: mean });
    }
    out.sort_by(|a, b| b.lift.total_cmp(&a.lift));
    out
}

/// A predikat on a 1–5 scale (Sangat Baik 5 … Sangat Kurang 1).
pub const fn predikat_score(p: Predikat) -> f64 {
    match p {
        Predikat::SangatBaik => 5.0,
        Predikat::Baik => 4.0,
        Predikat::ButuhPerbaikan => 3.0,
        Predikat::Kurang => 2.0,
        Predikat::SangatKurang => 1.0,
    }
}

/// How a supervisor's predikat compare with the other ratings of their unit in one period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Divergence {
    pub rated: u32,
    pub mean: f64,
    /// Their share of Sangat Baik, in percent.
    pub top_share: f64,
    pub unit_rated: u32,
    pub unit_mean: f64,
    pub unit_top_share: f64,
    /// `(mean − unit mean) / (unit spread · √(1/n + 1/m))`, the unit spread at least a quarter point.
    pub z: f64,
}

impl Divergence {
    /// The supervisor's predikat differ sharply from the unit's.
    pub fn sharp(&self) -> bool {
        self.z.abs() >= Z_SIGNAL && (self.mean - self.unit_mean).abs() >= MIN_DIFFERENCE
    }
}

/// Compares a supervisor's predikat (`own`) with the other ratings of their unit (`rest`); `None` under
/// [`MIN_RATED`] or [`MIN_UNIT_RATED`].
pub fn divergence(own: &[Predikat], rest: &[Predikat]) -> Option<Divergence> {
    if own.len() < MIN_RATED || rest.len() < MIN_UNIT_RATED {
        return None;
    }
    let scores = |v: &[Predikat]| v.iter().map(|p| predikat_score(*p)).collect::<Vec<f64>>();
    let top = |v: &[Predikat]| 100.0 * v.iter().filter(|p| **p == Predikat::SangatBaik).count() as f64 / v.len() as f64;
    let (o, r) = (scores(own), scores(rest));
    let mean = o.iter().sum::<f64>() / o.len() as f64;
    let unit_mean = r.iter().sum::<f64>() / r.len() as f64;
    let s = spread(r.iter().copied()).unwrap_or(0.0).max(0.25);
    let z = (mean - unit_mean) / (s * (1.0 / o.len() as f64 + 1.0 / r.len() as f64).sqrt());
    Some(Divergence {
        rated: own.len() as u32,
        mean,
        top_share: top(own),
        unit_rated: rest.len() as u32,
        unit_mean,
        unit_top_share: top(rest),
        z,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};

    /// A synthetic round: `people` ratees with a true level each, rated by `raters` peers chosen at random with
    /// noise; `bend` adds to what a rater gives a ratee.
    fn round(seed: u64, people: usize, raters: usize, bend: impl Fn(usize, usize) -> f64) -> Vec<Scored> {
        let mut rng = StdRng::seed_from_u64(seed);
        let level: Vec<f64> = (0..people).map(|_| rng.random_range(2.0..3.5)).collect();
        let mut out = Vec::new();
        for (ratee, level) in level.iter().enumerate() {
            let mut chosen = BTreeSet::new();
            while chosen.len() < raters {
                let r = rng.random_range(0..people);
                if r != ratee {
                    chosen.insert(r);
                }
            }
            for rater in chosen {
                let noise: f64 = rng.random_range(-0.5..0.5);
                let score = (level + noise + bend(rater, ratee)).clamp(1.0, 5.0);
                out.push(Scored { rater, ratee, group: RaterGroup::Peer, score });
            }
        }
        out
    }

    /// Adds the ratings `a` → `b` and `b` → `a` (with a lift) to a round.
    fn mutual(scored: &mut Vec<Scored>, a: usize, b: usize, score: f64) {
        scored.retain(|s| !((s.rater == a && s.ratee == b) || (s.rater == b && s.ratee == a)));
        scored.push(Scored { rater: a, ratee: b, group: RaterGroup::Peer, score });
        scored.push(Scored { rater: b, ratee: a, group: RaterGroup::Peer, score });
    }

    #[test]
    fn a_difference_is_against_the_other_raters_of_the_same_ratee_without_self() {
        let s = |rater, ratee, group, score| Scored { rater, ratee, group, score };
        let scored = [
            s(1, 0, RaterGroup::Peer, 4.0),
            s(2, 0, RaterGroup::Peer, 3.0),
            s(3, 0, RaterGroup::Supervisor, 2.0),
            s(0, 0, RaterGroup::SelfRating, 5.0),
            s(1, 9, RaterGroup::Peer, 5.0),
        ];
        let d = differences(&scored, 2);
        assert_eq!(d.len(), 3, "ratee 9 has no co-raters; the self-rating takes no part");
        let of = |r: usize| d.iter().find(|d| d.rater == r).unwrap();
        assert_eq!((of(1).value, of(1).co_raters), (1.5, 2));
        assert_eq!(of(3).value, -1.5);
        assert!(differences(&scored, 3).is_empty());
    }

    #[test]
    fn a_planted_lenient_and_a_planted_strict_rater_are_found_and_nobody_else() {
        let (lenient, strict) = (7, 11);
        let scored = round(42, 150, 6, |rater, _| match rater {
            r if r == lenient => 1.2,
            r if r == strict => -1.2,
            _ => 0.0,
        });
        let diffs = differences(&scored, 2);
        let s = spread(diffs.iter().map(|d| d.value)).unwrap();
        let flagged: Vec<(usize, Lean)> =
            leniencies(&diffs, s, |_| true).into_iter().filter_map(|(r, l)| l.lean().map(|x| (r, x))).collect();
        assert!(flagged.contains(&(lenient, Lean::Lenient)), "{flagged:?}");
        assert!(flagged.contains(&(strict, Lean::Strict)), "{flagged:?}");
        assert_eq!(flagged.len(), 2, "random raters are not flagged: {flagged:?}");
    }

    #[test]
    fn a_planted_ring_is_found_and_random_raters_make_none() {
        for seed in 0..5 {
            let scored = round(seed, 120, 6, |_, _| 0.0);
            let diffs = differences(&scored, 2);
            let s = spread(diffs.iter().map(|d| d.value)).unwrap();
            assert!(rings(&diffs, s).is_empty(), "seed {seed}: {:?}", rings(&diffs, s));
        }
        let mut scored = round(9, 120, 6, |_, _| 0.0);
        // A pair, and a clique of three, who give each other full marks.
        mutual(&mut scored, 3, 4, 5.0);
        for (a, b) in [(20, 21), (21, 22), (20, 22)] {
            mutual(&mut scored, a, b, 5.0);
        }
        let diffs = differences(&scored, 2);
        let s = spread(diffs.iter().map(|d| d.value)).unwrap();
        let found: Vec<Vec<usize>> = rings(&diffs, s).into_iter().map(|r| r.members).collect();
        assert!(found.contains(&vec![20, 21, 22]) && found.contains(&vec![3, 4]) && found.len() == 2, "{found:?}");
    }

    #[test]
    fn straight_lining_needs_enough_answered_items_all_alike() {
        assert!(straight_lined(&[3, 3, 3, 3]));
        assert!(straight_lined(&[5; 12]));
        assert!(!straight_lined(&[3, 3, 3]));
        assert!(!straight_lined(&[3, 3, 4, 3]));
        assert!(!straight_lined(&[3, 3, 3, 0, 3]), "not observed is not the same answer");
    }

    #[test]
    fn a_supervisor_far_above_the_unit_diverges_and_one_like_it_does_not() {
        use Predikat::*;
        let unit: Vec<Predikat> = [vec![Baik; 30], vec![ButuhPerbaikan; 8], vec![SangatBaik; 4]].concat();
        let generous = vec![SangatBaik; 8];
        let d = divergence(&generous, &unit).unwrap();
        assert!(d.sharp() && d.z > 0.0 && d.top_share == 100.0, "{d:?}");
        let like = [vec![Baik; 6], vec![ButuhPerbaikan; 1], vec![SangatBaik; 1]].concat();
        assert!(!divergence(&like, &unit).unwrap().sharp());
        assert!(divergence(&generous[..4], &unit).is_none(), "too few rated");
        assert!(divergence(&generous, &unit[..9]).is_none(), "too few to compare with");
    }

    proptest! {
        #[test]
        fn adding_the_same_to_every_score_changes_no_difference(
            scores in prop::collection::vec((0usize..6, 0usize..4, 1.0f64..5.0), 1..60),
            shift in -1.0f64..1.0,
        ) {
            let scored: Vec<Scored> = scores.iter().map(|(r, e, s)| Scored { rater: *r, ratee: *e, group: RaterGroup::Peer, score: *s }).collect();
            let shifted: Vec<Scored> = scored.iter().map(|s| Scored { score: s.score + shift, ..*s }).collect();
            let (a, b) = (differences(&scored, 1), differences(&shifted, 1));
            prop_assert_eq!(a.len(), b.len());
            for (x, y) in a.iter().zip(&b) {
                prop_assert!((x.value - y.value).abs() < 1e-9);
            }
        }

        #[test]
        fn differences_of_a_ratee_sum_to_zero(scores in prop::collection::vec(1.0f64..5.0, 2..10)) {
            let scored: Vec<Scored> = scores.iter().enumerate().map(|(r, s)| Scored { rater: r, ratee: 99, group: RaterGroup::Peer, score: *s }).collect();
            let sum: f64 = differences(&scored, 1).iter().map(|d| d.value).sum();
            prop_assert!(sum.abs() < 1e-9);
        }
    }
}
