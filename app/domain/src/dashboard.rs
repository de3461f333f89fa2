//! The head-of-agency dashboard's arithmetic: the figures of a set of people (headcount, work-plan status,
//! predikat, 360° completion, JPM, competency scores, 9-box, development plans) as sums that add up unit by unit,
//! and the rule that withholds a 360° figure of too few people — also where it could be recovered by subtracting
//! the figures shown next to it.

use crate::PositionKind;
use crate::Rank;
use crate::report::JpmBand;
use crate::skp::{Predikat, SkpStatus};
use serde::{Deserialize, Serialize};

/// The fewest people a shown 360° figure (competency means, JPM) may be formed from — the feedback threshold.
pub const MIN_PEOPLE: u32 = 3;

/// How long (seconds) an instance keeps the figures that move by the hour — work-plan states, an open period's
/// predikat, round completion, development plans — before reading them again; the page says when they were read.
pub const LIVE_SECONDS: u64 = 15;

/// Work-plan states as the dashboard counts them: no plan yet, then [`SkpStatus::ALL`].
pub const SKP_STATES: usize = 1 + SkpStatus::ALL.len();

/// What one person adds to the figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub kind: Option<PositionKind>,
    pub rank: Option<Rank>,
    /// The newest work plan's status for the year (`None`: no plan).
    pub skp: Option<SkpStatus>,
    /// The predikat of the chosen period.
    pub predikat: Option<Predikat>,
    /// As a rater in the round being followed: (submitted, assigned).
    pub assessments: (u32, u32),
    /// The JPM of the latest closed round with its band.
    pub jpm: Option<(f64, JpmBand)>,
    /// Per competency of the dashboard (in its order): the combined score and whether it is below the required level.
    pub scores: Vec<Option<(f64, bool)>>,
    /// The talent box (1–9), or `None` when the person cannot be placed.
    pub talent_box: Option<u8>,
    /// Development-plan items: (done, all).
    pub plan: (u32, u32),
}

impl Facts {
    /// Whether the person has 360° results (a JPM or a competency score).
    pub fn has_results(&self) -> bool {
        self.jpm.is_some() || self.scores.iter().any(Option::is_some)
    }
}

/// One competency's sums over a set of people.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct ScoreSum {
    pub people: u32,
    pub sum: f64,
    pub below: u32,
}

impl ScoreSum {
    pub fn mean(&self) -> Option<f64> {
        (self.people > 0).then(|| self.sum / f64::from(self.people))
    }

    /// The share of people below the required level, in percent.
    pub fn below_percent(&self) -> Option<f64> {
        (self.people > 0).then(|| f64::from(self.below) * 100.0 / f64::from(self.people))
    }
}

/// The figures of a set of people; adding two sets' figures gives the figures of their union.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub people: u32,
    /// By [`PositionKind::ALL`], then those without a position type.
    pub kinds: Vec<u32>,
    /// By [`Rank::ALL`], then those without a rank.
    pub ranks: Vec<u32>,
    /// No plan, then by [`SkpStatus::ALL`].
    pub skp: Vec<u32>,
    /// By [`Predikat::ALL`].
    pub predikat: Vec<u32>,
    /// People whose 360° results are counted here (see [`pools`]).
    pub results: u32,
    /// Assessments submitted and assigned in the round followed.
    pub assessed: u32,
    pub assigned: u32,
    /// People with a JPM, their sum, and how many per band (high, middle, low).
    pub jpm_people: u32,
    pub jpm_sum: f64,
    pub jpm_bands: Vec<u32>,
    /// Per competency of the dashboard.
    pub scores: Vec<ScoreSum>,
    /// People per box (index 0 is box 1), and those not placed.
    pub boxes: Vec<u32>,
    pub unplaced: u32,
    /// People with a development plan, and its items done and all.
    pub planners: u32,
    pub plan_done: u32,
    pub plan_items: u32,
}

const BANDS: [JpmBand; 3] = [JpmBand::High, JpmBand::Middle, JpmBand::Low];

impl Figures {
    /// Empty figures for `competencies` competencies.
    pub fn new(competencies: usize) -> Self {
        Figures {
            kinds: vec![0; PositionKind::ALL.len() + 1],
            ranks: vec![0; Rank::ALL.len() + 1],
            skp: vec![0; SKP_STATES],
            predikat: vec![0; Predikat::ALL.len()],
            jpm_bands: vec![0; BANDS.len()],
            scores: vec![ScoreSum::default(); competencies],
            boxes: vec![0; 9],
            ..Default::default()
        }
    }

    /// Counts one more person, with their 360° results.
    pub fn add(&mut self, f: &Facts) {
        self.add_counts(f);
        self.add_results(f);
    }

    /// Counts one more person, leaving out their 360° results (counted where [`pools`] puts them).
    pub fn add_counts(&mut self, f: &Facts) {
        self.people += 1;
        let kind =
            f.kind.and_then(|k| PositionKind::ALL.iter().position(|x| *x == k)).unwrap_or(PositionKind::ALL.len());
        self.kinds[kind] += 1;
        let rank = f.rank.and_then(|r| Rank::ALL.iter().position(|x| *x == r)).unwrap_or(Rank::ALL.len());
        self.ranks[rank] += 1;
        let skp = f.skp.and_then(|s| SkpStatus::ALL.iter().position(|x| *x == s)).map_or(0, |i| i + 1);
        self.skp[skp] += 1;
        if let Some(i) = f.predikat.and_then(|p| Predikat::ALL.iter().position(|x| *x == p)) {
            self.predikat[i] += 1;
        }
        self.assessed += f.assessments.0;
        self.assigned += f.assessments.1;
        match f.talent_box.filter(|b| (1..=9).contains(b)) {
            Some(b) => self.boxes[usize::from(b - 1)] += 1,
            None => self.unplaced += 1,
        }
        if f.plan.1 > 0 {
            self.planners += 1;
            self.plan_done += f.plan.0;
            self.plan_items += f.plan.1;
        }
    }

    /// Counts one person's 360° results (JPM and competency scores), if they have any.
    pub fn add_results(&mut self, f: &Facts) {
        if !f.has_results() {
            return;
        }
        self.results += 1;
        if let Some((jpm, band)) = f.jpm {
            self.add_jpm(jpm, band);
        }
        for (c, score) in f.scores.iter().enumerate() {
            if let Some((s, below)) = score {
                self.add_score(c, *s, *below);
            }
        }
    }

    /// Counts one JPM.
    pub fn add_jpm(&mut self, jpm: f64, band: JpmBand) {
        self.jpm_people += 1;
        self.jpm_sum += jpm;
        if let Some(i) = BANDS.iter().position(|b| *b == band) {
            self.jpm_bands[i] += 1;
        }
    }

    /// Counts one score of the competency at `c`.
    pub fn add_score(&mut self, c: usize, score: f64, below: bool) {
        if let Some(sum) = self.scores.get_mut(c) {
            sum.people += 1;
            sum.sum += score;
            sum.below += u32::from(below);
        }
    }

    /// Adds another set's figures (of the same competencies).
    pub fn merge(&mut self, o: &Figures) {
        fn add_all(a: &mut [u32], b: &[u32]) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        self.people += o.people;
        add_all(&mut self.kinds, &o.kinds);
        add_all(&mut self.ranks, &o.ranks);
        add_all(&mut self.skp, &o.skp);
        add_all(&mut self.predikat, &o.predikat);
        self.results += o.results;
        self.assessed += o.assessed;
        self.assigned += o.assigned;
        self.jpm_people += o.jpm_people;
        self.jpm_sum += o.jpm_sum;
        add_all(&mut self.jpm_bands, &o.jpm_bands);
        for (a, b) in self.scores.iter_mut().zip(&o.scores) {
            a.people += b.people;
            a.sum += b.sum;
            a.below += b.below;
        }
        add_all(&mut self.boxes, &o.boxes);
        self.unplaced += o.unplaced;
        self.planners += o.planners;
        self.plan_done += o.plan_done;
        self.plan_items += o.plan_items;
    }

    /// Everyone rated in the chosen period.
    pub fn rated(&self) -> u32 {
        self.predikat.iter().sum()
    }

    /// People whose plan for the year is approved.
    pub fn approved(&self) -> u32 {
        self.skp.last().copied().unwrap_or(0)
    }

    pub fn jpm_mean(&self) -> Option<f64> {
        (self.jpm_people > 0).then(|| self.jpm_sum / f64::from(self.jpm_people))
    }

    /// The share (percent) of people with a JPM in the high band: meeting the standard.
    pub fn meeting_percent(&self) -> Option<f64> {
        (self.jpm_people > 0).then(|| f64::from(self.jpm_bands[0]) * 100.0 / f64::from(self.jpm_people))
    }

    /// Assessments submitted, in percent of those assigned.
    pub fn completion_percent(&self) -> Option<f64> {
        (self.assigned > 0).then(|| f64::from(self.assessed) * 100.0 / f64::from(self.assigned))
    }

    /// Development-plan items done, in percent.
    pub fn plan_percent(&self) -> Option<f64> {
        (self.plan_items > 0).then(|| f64::from(self.plan_done) * 100.0 / f64::from(self.plan_items))
    }

    /// The share (percent) of those rated with Baik or Sangat Baik.
    pub fn good_percent(&self) -> Option<f64> {
        let rated = self.rated();
        let good: u32 = Predikat::ALL
            .iter()
            .zip(&self.predikat)
            .filter(|(p, _)| matches!(p, Predikat::SangatBaik | Predikat::Baik))
            .map(|(_, n)| n)
            .sum();
        (rated > 0).then(|| f64::from(good) * 100.0 / f64::from(rated))
    }
}

/// Where the 360° results of each unit's own people are counted, so that no figure anyone can form — a unit's,
/// or a unit's minus the units shown beside or below it — covers fewer than [`MIN_PEOPLE`] people. Units are
/// `0..parent.len()`, `parent[u]` is `u`'s parent (`None`: a top unit, or the top of the viewer's scope), `direct[u]`
/// how many people directly in `u` have results. Working up from the leaves, a unit keeps the results of its own
/// people and of the small groups passed up to it when together they are at least [`MIN_PEOPLE`]; otherwise it
/// passes them up to its parent ("merged upward"). Returns, per unit, the unit its own people's results are counted
/// at — itself, the nearest unit above that keeps them, or `None` (not counted: too few in the whole scope).
///
/// Every figure is then a union of kept groups of at least [`MIN_PEOPLE`] each, and so is the difference of any
/// figure and the figures of units below it.
pub fn pools(parent: &[Option<usize>], direct: &[u32]) -> Vec<Option<usize>> {
    let n = parent.len();
    let depth = |mut u: usize| {
        let mut d = 0;
        while let Some(p) = parent[u] {
            d += 1;
            u = p;
            if d > n {
                break;
            }
        }
        d
    };
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|u| std::cmp::Reverse(depth(*u)));
    let mut pool: Vec<u32> = direct.to_vec();
    let mut kept = vec![false; n];
    for u in order {
        if pool[u] >= MIN_PEOPLE {
            kept[u] = true;
        } else if let Some(p) = parent[u] {
            pool[p] += pool[u];
        }
    }
    (0..n)
        .map(|u| {
            let mut at = Some(u);
            let mut steps = 0;
            while let Some(v) = at {
                if kept[v] {
                    return Some(v);
                }
                at = parent[v];
                steps += 1;
                if steps > n {
                    return None;
                }
            }
            None
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn person(i: u32) -> Facts {
        Facts {
            kind: Some(PositionKind::ALL[(i as usize) % PositionKind::ALL.len()]),
            rank: (!i.is_multiple_of(5)).then(|| Rank::ALL[(i as usize) % Rank::ALL.len()]),
            skp: (!i.is_multiple_of(4)).then(|| SkpStatus::ALL[(i as usize) % 4]),
            predikat: (!i.is_multiple_of(3)).then(|| Predikat::ALL[(i as usize) % 5]),
            assessments: (i % 3, 3),
            jpm: (i.is_multiple_of(2)).then(|| (60.0 + f64::from(i % 40), BANDS[(i as usize) % 3])),
            scores: vec![Some((f64::from(i % 5), i.is_multiple_of(2))), None],
            talent_box: (!i.is_multiple_of(7)).then(|| (i % 9) as u8 + 1),
            plan: (i % 2, i % 3),
        }
    }

    #[test]
    fn figures_count_every_part_of_a_person() {
        let mut f = Figures::new(2);
        for i in 0..12 {
            f.add(&person(i));
        }
        assert_eq!(f.people, 12);
        assert_eq!(f.kinds.iter().sum::<u32>(), 12);
        assert_eq!(f.ranks.iter().sum::<u32>(), 12);
        assert_eq!(f.ranks[Rank::ALL.len()], 3, "0, 5 and 10 have no rank");
        assert_eq!(f.skp[0], 3, "0, 4 and 8 have no plan");
        assert_eq!(f.rated(), 8);
        assert_eq!((f.assessed, f.assigned), ((0..12).map(|i| i % 3).sum(), 36));
        assert_eq!(f.jpm_people, 6);
        assert_eq!(f.scores[0].people, 12);
        assert_eq!(f.scores[1].people, 0);
        assert_eq!(f.scores[0].below, 6);
        assert_eq!(f.boxes.iter().sum::<u32>() + f.unplaced, 12);
        assert_eq!(f.unplaced, 2, "0 and 7 are not placed");
        assert_eq!(f.planners, (0..12).filter(|i| i % 3 > 0).count() as u32);
    }

    proptest! {
        #[test]
        fn merged_figures_equal_the_figures_of_the_union(split in 0u32..40, n in 0u32..40) {
            let mut all = Figures::new(2);
            let (mut a, mut b) = (Figures::new(2), Figures::new(2));
            for i in 0..n {
                all.add(&person(i));
                if i < split { a.add(&person(i)) } else { b.add(&person(i)) }
            }
            a.merge(&b);
            prop_assert_eq!(a.people, all.people);
            prop_assert_eq!(&a.kinds, &all.kinds);
            prop_assert_eq!(&a.predikat, &all.predikat);
            prop_assert_eq!(&a.boxes, &all.boxes);
            prop_assert!((a.jpm_sum - all.jpm_sum).abs() < 1e-9);
            prop_assert_eq!(a.scores[0].people, all.scores[0].people);
        }

        #[test]
        fn no_figure_nor_difference_of_figures_covers_fewer_than_the_threshold(
            tree in proptest::collection::vec((0usize..12, 0u32..6), 1..14),
        ) {
            // Unit u's parent is some unit before it (or none): a forest.
            let parent: Vec<Option<usize>> =
                tree.iter().enumerate().map(|(u, (p, _))| (u > 0 && *p % 4 != 0).then(|| p % u)).collect();
            let direct: Vec<u32> = tree.iter().map(|(_, d)| *d).collect();
            let anchor = pools(&parent, &direct);
            let n = parent.len();
            let below = |u: usize, v: usize| {
                let mut at = Some(v);
                while let Some(x) = at { if x == u { return true; } at = parent[x]; }
                false
            };
            // What each unit's figure counts: the results anchored within its subtree.
            let figure = |u: usize| (0..n).filter(|v| anchor[*v].is_some_and(|a| below(u, a))).map(|v| direct[v]).sum::<u32>();
            for (u, at) in anchor.iter().enumerate() {
                let f = figure(u);
                prop_assert!(f == 0 || f >= MIN_PEOPLE, "unit {} counts {}", u, f);
                let children: u32 = (0..n).filter(|c| parent[*c] == Some(u)).map(figure).sum();
                let rest = f - children;
                prop_assert!(rest == 0 || rest >= MIN_PEOPLE, "unit {} minus its children leaves {}", u, rest);
                // Counted where they are or above, never below or beside.
                if let Some(a) = at { prop_assert!(below(*a, u)); }
            }
            // Nobody is dropped unless the whole tree they are in has too few.
            for u in 0..n {
                if anchor[u].is_none() && direct[u] > 0 {
                    let mut top = u;
                    while let Some(p) = parent[top] { top = p; }
                    let whole: u32 = (0..n).filter(|v| below(top, *v)).map(|v| direct[v]).sum();
                    prop_assert!(whole < MIN_PEOPLE || (0..n).any(|v| below(top, v) && anchor[v].is_some()));
                }
            }
        }
    }

    #[test]
    fn a_small_team_is_counted_with_its_parent() {
        // 0 ← 1 ← 2: the head alone at 0, four at 1, two at 2; 3 under 0 with five.
        let parent = [None, Some(0), Some(1), Some(0)];
        assert_eq!(
            pools(&parent, &[1, 4, 2, 5]),
            [None, Some(1), Some(1), Some(3)],
            "the head alone is counted nowhere"
        );
        assert_eq!(
            pools(&parent, &[1, 1, 1, 5]),
            [Some(0), Some(0), Some(0), Some(3)],
            "1 and 2 merge up with the head"
        );
        assert_eq!(pools(&[None], &[2]), [None]);
    }
}
