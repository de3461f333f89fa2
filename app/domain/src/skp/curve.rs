//! The distribution curve: a unit first gets an organisational predikat, and its employees' predikat should then
//! follow the regulation's guideline (*pola distribusi*). The regulation says to "take it into account", so the
//! check only warns; what it found and the rater's reason for keeping the ratings are stored with the ratings.

use super::Predikat;
use serde::{Deserialize, Serialize};

/// A unit's organisational predikat for a period, set by the head (or HR for them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgPredikat {
    Istimewa,
    Baik,
    ButuhPerbaikan,
    Kurang,
    SangatKurang,
}

impl OrgPredikat {
    pub const ALL: [OrgPredikat; 5] = [
        OrgPredikat::Istimewa,
        OrgPredikat::Baik,
        OrgPredikat::ButuhPerbaikan,
        OrgPredikat::Kurang,
        OrgPredikat::SangatKurang,
    ];

    /// The code stored in the database.
    pub const fn code(self) -> &'static str {
        match self {
            OrgPredikat::Istimewa => "istimewa",
            OrgPredikat::Baik => "baik",
            OrgPredikat::ButuhPerbaikan => "butuh_perbaikan",
            OrgPredikat::Kurang => "kurang",
            OrgPredikat::SangatKurang => "sangat_kurang",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// What a rule asks of the share of employees whose predikat is one of the rule's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "bound", content = "percent", rename_all = "snake_case")]
pub enum Bound {
    AtMost(u32),
    AtLeast(u32),
    /// At least one employee (whatever the share).
    AtLeastOne,
    /// Nobody.
    NoneAllowed,
}

/// One rule of the guideline: the share of employees with any of `predikat` must satisfy `bound`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CurveRule {
    pub predikat: &'static [Predikat],
    pub bound: Bound,
}

const fn rule(predikat: &'static [Predikat], bound: Bound) -> CurveRule {
    CurveRule { predikat, bound }
}

use Predikat::{Baik, ButuhPerbaikan, Kurang, SangatBaik, SangatKurang};

/// The guideline for a unit with organisational predikat `org` (PermenPANRB 6/2022, pola distribusi):
/// - Istimewa: at most 70 % Sangat Baik;
/// - Baik: at most 70 % Baik, and someone Butuh Perbaikan or Kurang/Misconduct;
/// - Butuh Perbaikan: at least 60 % Butuh Perbaikan, at most 10 % Sangat Baik;
/// - Kurang: at least 60 % Kurang/Misconduct, at least 10 % Butuh Perbaikan, at most 10 % Sangat Baik;
/// - Sangat Kurang: at least 60 % Sangat Kurang, at least 10 % Kurang/Misconduct or Butuh Perbaikan, no Sangat Baik.
pub fn guideline(org: OrgPredikat) -> &'static [CurveRule] {
    const ISTIMEWA: [CurveRule; 1] = [rule(&[SangatBaik], Bound::AtMost(70))];
    const BAIK: [CurveRule; 2] = [rule(&[Baik], Bound::AtMost(70)), rule(&[ButuhPerbaikan, Kurang], Bound::AtLeastOne)];
    const BUTUH: [CurveRule; 2] = [rule(&[ButuhPerbaikan], Bound::AtLeast(60)), rule(&[SangatBaik], Bound::AtMost(10))];
    const KURANG: [CurveRule; 3] = [
        rule(&[Kurang], Bound::AtLeast(60)),
        rule(&[ButuhPerbaikan], Bound::AtLeast(10)),
        rule(&[SangatBaik], Bound::AtMost(10)),
    ];
    const SANGAT_KURANG: [CurveRule; 3] = [
        rule(&[SangatKurang], Bound::AtLeast(60)),
        rule(&[Kurang, ButuhPerbaikan], Bound::AtLeast(10)),
        rule(&[SangatBaik], Bound::NoneAllowed),
    ];
    match org {
        OrgPredikat::Istimewa => &ISTIMEWA,
        OrgPredikat::Baik => &BAIK,
        OrgPredikat::ButuhPerbaikan => &BUTUH,
        OrgPredikat::Kurang => &KURANG,
        OrgPredikat::SangatKurang => &SANGAT_KURANG,
    }
}

/// How many employees of a unit have each predikat (in the order of [`Predikat::ALL`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Distribution {
    pub counts: [u32; 5],
}

impl Distribution {
    pub fn of(predikat: impl IntoIterator<Item = Predikat>) -> Self {
        let mut d = Distribution::default();
        for p in predikat {
            d.add(p);
        }
        d
    }

    pub fn add(&mut self, p: Predikat) {
        if let Some(i) = Predikat::ALL.iter().position(|q| *q == p) {
            self.counts[i] += 1;
        }
    }

    pub fn count(&self, p: Predikat) -> u32 {
        Predikat::ALL.iter().position(|q| *q == p).map_or(0, |i| self.counts[i])
    }

    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }

    /// The share of employees with `p`, in percent (0 when nobody is rated).
    pub fn percent(&self, p: Predikat) -> f64 {
        let total = self.total();
        if total == 0 { 0.0 } else { f64::from(self.count(p)) * 100.0 / f64::from(total) }
    }
}

/// A rule of the guideline the distribution does not follow, with what was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Breach {
    pub rule: CurveRule,
    /// Employees with any of the rule's predikat.
    pub count: u32,
    pub total: u32,
}

/// The rules of `org`'s guideline that `d` does not follow. Nothing is checked before anyone is rated.
pub fn check(org: OrgPredikat, d: &Distribution) -> Vec<Breach> {
    let total = d.total();
    if total == 0 {
        return Vec::new();
    }
    guideline(org)
        .iter()
        .filter_map(|rule| {
            let count: u32 = rule.predikat.iter().map(|p| d.count(*p)).sum();
            // Shares compared in whole numbers: count / total ≤ pct / 100 ⇔ 100·count ≤ pct·total.
            let (share, allowed) = (u64::from(count) * 100, u64::from(total));
            let ok = match rule.bound {
                Bound::AtMost(pct) => share <= u64::from(pct) * allowed,
                Bound::AtLeast(pct) => share >= u64::from(pct) * allowed,
                Bound::AtLeastOne => count > 0,
                Bound::NoneAllowed => count == 0,
            };
            (!ok).then_some(Breach { rule: *rule, count, total })
        })
        .collect()
}

/// A rule as data: what pages show and what a rating stores with its warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleView {
    pub predikat: Vec<Predikat>,
    pub bound: Bound,
}

impl From<CurveRule> for RuleView {
    fn from(r: CurveRule) -> Self {
        RuleView { predikat: r.predikat.to_vec(), bound: r.bound }
    }
}

/// What a rating outside the guideline leaves on record: the unit's organisational predikat and the rules its
/// distribution broke with that rating in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurveWarning {
    pub org: OrgPredikat,
    pub breaches: Vec<RuleView>,
}

impl Distribution {
    /// The distribution after one person's predikat changes from `before` (none: not rated yet) to `after`.
    pub fn replaced(&self, before: Option<Predikat>, after: Predikat) -> Distribution {
        let mut d = *self;
        if let Some(i) = before.and_then(|b| Predikat::ALL.iter().position(|q| *q == b)) {
            d.counts[i] = d.counts[i].saturating_sub(1);
        }
        d.add(after);
        d
    }
}

/// The warning a rating raises: `None` when the distribution with it follows `org`'s guideline.
pub fn warning(org: OrgPredikat, d: &Distribution) -> Option<CurveWarning> {
    let breaches: Vec<RuleView> = check(org, d).into_iter().map(|b| b.rule.into()).collect();
    (!breaches.is_empty()).then_some(CurveWarning { org, breaches })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_changed_rating_moves_one_person_and_the_warning_names_the_broken_rules() {
        use Predikat::*;
        let d = Distribution::of([Baik, Baik, Baik, ButuhPerbaikan]);
        let after = d.replaced(Some(ButuhPerbaikan), Baik);
        assert_eq!((after.count(Baik), after.count(ButuhPerbaikan), after.total()), (4, 0, 4));
        assert_eq!(d.replaced(None, SangatBaik).total(), 5);
        assert_eq!(
            warning(OrgPredikat::Baik, &d),
            Some(CurveWarning {
                org: OrgPredikat::Baik,
                breaches: vec![RuleView { predikat: vec![Baik], bound: Bound::AtMost(70) }],
            })
        );
        let w = warning(OrgPredikat::Baik, &after).unwrap();
        assert_eq!(w.breaches.len(), 2, "too many Baik and nobody below");
        assert_eq!(warning(OrgPredikat::Istimewa, &d), None);
    }

    fn dist(sb: u32, b: u32, bp: u32, k: u32, sk: u32) -> Distribution {
        Distribution { counts: [sb, b, bp, k, sk] }
    }

    #[test]
    fn a_good_unit_needs_someone_who_needs_improvement_and_at_most_70_percent_baik() {
        assert!(check(OrgPredikat::Baik, &dist(1, 7, 2, 0, 0)).is_empty());
        let all_baik = check(OrgPredikat::Baik, &dist(0, 10, 0, 0, 0));
        assert_eq!(all_baik.len(), 2, "{all_baik:?}");
        assert_eq!(all_baik[0].rule.bound, Bound::AtMost(70));
        assert_eq!(all_baik[1].rule.bound, Bound::AtLeastOne);
        // 7 of 10 is exactly 70 %: allowed; 8 of 10 is not.
        assert!(check(OrgPredikat::Baik, &dist(0, 7, 0, 3, 0)).is_empty());
        assert_eq!(check(OrgPredikat::Baik, &dist(0, 8, 0, 2, 0)).len(), 1);
    }

    #[test]
    fn the_other_guidelines_at_their_edges() {
        assert!(check(OrgPredikat::Istimewa, &dist(7, 3, 0, 0, 0)).is_empty());
        assert_eq!(check(OrgPredikat::Istimewa, &dist(8, 2, 0, 0, 0)).len(), 1);
        assert!(check(OrgPredikat::ButuhPerbaikan, &dist(1, 3, 6, 0, 0)).is_empty());
        assert_eq!(check(OrgPredikat::ButuhPerbaikan, &dist(2, 3, 5, 0, 0)).len(), 2);
        assert!(check(OrgPredikat::Kurang, &dist(1, 2, 1, 6, 0)).is_empty());
        assert_eq!(check(OrgPredikat::Kurang, &dist(1, 3, 0, 6, 0)).len(), 1);
        assert!(check(OrgPredikat::SangatKurang, &dist(0, 3, 1, 0, 6)).is_empty());
        let breaches = check(OrgPredikat::SangatKurang, &dist(1, 2, 1, 0, 6));
        assert_eq!(breaches.len(), 1);
        assert_eq!(breaches[0].rule.bound, Bound::NoneAllowed);
    }

    #[test]
    fn nothing_is_checked_before_anyone_is_rated() {
        for org in OrgPredikat::ALL {
            assert!(check(org, &Distribution::default()).is_empty());
        }
    }

    proptest! {
        /// At an "at most" bound the last allowed person passes and one more of that predikat breaks the rule.
        #[test]
        fn at_most_bounds_hold_exactly_at_the_edge(total in 10u32..400) {
            for org in [OrgPredikat::Istimewa, OrgPredikat::Baik] {
                let p = if org == OrgPredikat::Istimewa { SangatBaik } else { Baik };
                let allowed = total * 70 / 100;
                // Fill the rest with Butuh Perbaikan so the Baik unit's second rule holds.
                let mut d = Distribution::default();
                d.counts[Predikat::ALL.iter().position(|q| *q == p).unwrap()] = allowed;
                d.counts[2] = total - allowed;
                prop_assert!(check(org, &d).is_empty(), "{org:?} {d:?}");
                d.counts[Predikat::ALL.iter().position(|q| *q == p).unwrap()] += 1;
                d.counts[2] -= 1;
                prop_assert_eq!(check(org, &d).len(), 1, "{:?} {:?}", org, d);
            }
        }

        /// The percent shown and the count always agree with the total.
        #[test]
        fn shares_add_up_to_everyone(counts in proptest::array::uniform5(0u32..50)) {
            let d = Distribution { counts };
            let sum: f64 = Predikat::ALL.iter().map(|p| d.percent(*p)).sum();
            if d.total() == 0 { prop_assert_eq!(sum, 0.0) } else { prop_assert!((sum - 100.0).abs() < 1e-9) }
        }
    }
}
