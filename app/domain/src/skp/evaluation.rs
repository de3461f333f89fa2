//! Execution and evaluation of a work plan per period: the assessment period's state, the employee's realisation
//! per result row with its evidence (*bukti dukung*) and self-assessment, and the rules for who may write what while
//! a period is open. The supervisor's two ratings and the predikat are in [`super::rating`].

use super::{Predikat, Rating, predikat};
use crate::text::{MAX_NOTE, within};
use serde::{Deserialize, Serialize};

/// The state of an assessment period: planned (not yet open), open (realisations and ratings are written), closed
/// (ratings are final; only an objection changes them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodState {
    Planned,
    Open,
    Closed,
}

impl PeriodState {
    pub const ALL: [PeriodState; 3] = [PeriodState::Planned, PeriodState::Open, PeriodState::Closed];

    pub const fn code(self) -> &'static str {
        match self {
            PeriodState::Planned => "planned",
            PeriodState::Open => "open",
            PeriodState::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The one state a period may move to from this one: planned → open → closed, never back (a closed period's
    /// ratings are final).
    pub const fn next(self) -> Option<PeriodState> {
        match self {
            PeriodState::Planned => Some(PeriodState::Open),
            PeriodState::Open => Some(PeriodState::Closed),
            PeriodState::Closed => None,
        }
    }
}

/// The longest evidence link.
pub const MAX_LINK: usize = 500;

/// What the employee achieved on one result row in a period, and where the evidence is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Realisation {
    /// The key of the result row (stable across versions of the plan).
    pub row: String,
    pub text: String,
    /// A link to the evidence (`https://…` or `http://…`), or empty.
    pub link: String,
}

/// The employee's part of one period's evaluation: realisations and a self-assessment. Stored as a versioned
/// document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EvalDoc {
    #[serde(default = "one")]
    pub v: u32,
    pub realisations: Vec<Realisation>,
    pub self_assessment: String,
}

fn one() -> u32 {
    1
}

/// The version of [`EvalDoc`] this build writes; a missing `v` reads as 1.
pub const EVAL_DOC_VERSION: u32 = 1;

/// What is wrong with a realisation or a self-assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EvalProblem {
    #[error("the realisation must be written (at most {MAX_NOTE} characters)")]
    Text,
    #[error("the evidence link must start with https:// or http:// and have no spaces")]
    Link,
    #[error("the self-assessment is too long")]
    SelfAssessment,
    #[error("the row is not part of the plan in force")]
    UnknownRow,
}

/// Whether `link` may be stored and shown as a link: empty, or an http(s) address without spaces or quotes (so that
/// nothing but a web address is ever rendered into an `href`).
pub fn valid_link(link: &str) -> bool {
    if link.is_empty() {
        return true;
    }
    let rest = link.strip_prefix("https://").or_else(|| link.strip_prefix("http://"));
    rest.is_some_and(|r| {
        !r.is_empty() && r.chars().all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`'))
    }) && link.len() <= MAX_LINK
}

impl EvalDoc {
    /// Sets the realisation of `row` (one of `rows`, the keys of the plan in force), replacing an earlier one.
    pub fn realise(&mut self, rows: &[String], row: &str, text: &str, link: &str) -> Result<(), EvalProblem> {
        let (text, link) = (text.trim(), link.trim());
        if !rows.iter().any(|r| r == row) {
            return Err(EvalProblem::UnknownRow);
        }
        if text.is_empty() || !within(text, MAX_NOTE) {
            return Err(EvalProblem::Text);
        }
        if !valid_link(link) {
            return Err(EvalProblem::Link);
        }
        let new = Realisation { row: row.to_string(), text: text.to_string(), link: link.to_string() };
        match self.realisations.iter_mut().find(|r| r.row == row) {
            Some(r) => *r = new,
            None => self.realisations.push(new),
        }
        Ok(())
    }

    /// Sets the self-assessment (empty clears it).
    pub fn assess_self(&mut self, text: &str) -> Result<(), EvalProblem> {
        let text = text.trim();
        if !within(text, MAX_NOTE) {
            return Err(EvalProblem::SelfAssessment);
        }
        self.self_assessment = text.to_string();
        Ok(())
    }

    /// The rows of `rows` (keys of the plan in force) that have no realisation yet: what is still missing.
    pub fn missing<'a>(&self, rows: &'a [String]) -> Vec<&'a str> {
        rows.iter().filter(|k| !self.realisations.iter().any(|r| r.row == **k)).map(String::as_str).collect()
    }
}

/// The supervisor's evaluation of one period: both ratings are stored, the predikat is derived from them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratings {
    pub results: Rating,
    pub behaviour: Rating,
}

impl Ratings {
    pub const fn predikat(self) -> Predikat {
        predikat(self.results, self.behaviour)
    }
}

/// Why a rating may not be written now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RatingRefusal {
    #[error("the period is not open")]
    PeriodNotOpen,
    #[error("there is no approved work plan for this year")]
    NoPlanInForce,
    #[error("only the employee's direct supervisor rates")]
    NotSupervisor,
    #[error("a rating is changed only by the one who gave it")]
    NotTheRater,
}

/// Whether `viewer` may write a rating: the period is open, a plan is in force, the viewer is the current direct
/// supervisor, and an existing rating is changed only by whoever gave it.
pub fn may_rate(
    state: PeriodState,
    plan_in_force: bool,
    viewer_is_supervisor: bool,
    rated_by: Option<&str>,
    viewer: &str,
) -> Result<(), RatingRefusal> {
    if !viewer_is_supervisor {
        return Err(RatingRefusal::NotSupervisor);
    }
    if rated_by.is_some_and(|r| r != viewer) {
        return Err(RatingRefusal::NotTheRater);
    }
    if state != PeriodState::Open {
        return Err(RatingRefusal::PeriodNotOpen);
    }
    if !plan_in_force {
        return Err(RatingRefusal::NoPlanInForce);
    }
    Ok(())
}

/// The performance allowance (*tunjangan kinerja*) paid per predikat, in percent, as agencies commonly set it; an
/// agency's own figures are a setting.
pub const DEFAULT_ALLOWANCE: [(Predikat, u8); 5] = [
    (Predikat::SangatBaik, 100),
    (Predikat::Baik, 100),
    (Predikat::ButuhPerbaikan, 80),
    (Predikat::Kurang, 70),
    (Predikat::SangatKurang, 60),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> Vec<String> {
        vec!["r1".into(), "r2".into()]
    }

    #[test]
    fn periods_only_move_forward() {
        assert_eq!(PeriodState::Planned.next(), Some(PeriodState::Open));
        assert_eq!(PeriodState::Open.next(), Some(PeriodState::Closed));
        assert_eq!(PeriodState::Closed.next(), None);
        for s in PeriodState::ALL {
            assert_eq!(PeriodState::from_code(s.code()), Some(s));
        }
    }

    #[test]
    fn links_are_web_addresses_only() {
        for ok in ["", "https://drive.example.go.id/a?b=1&c=2", "http://intranet/bukti/12"] {
            assert!(valid_link(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "https://",
            "https://a b",
            "https://a\"onmouseover=x",
            "ftp://x",
            "data:text/html,x",
            "//evil",
        ] {
            assert!(!valid_link(bad), "{bad}");
        }
        assert!(!valid_link(&format!("https://{}", "a".repeat(MAX_LINK))));
    }

    #[test]
    fn a_realisation_replaces_the_earlier_one_of_its_row_and_missing_rows_are_listed() {
        let mut d = EvalDoc::default();
        assert_eq!(d.missing(&keys()), ["r1", "r2"]);
        d.realise(&keys(), "r1", " 12 laporan ", "").unwrap();
        d.realise(&keys(), "r1", "14 laporan", "https://x.go.id/b").unwrap();
        assert_eq!(d.realisations.len(), 1);
        assert_eq!(
            (d.realisations[0].text.as_str(), d.realisations[0].link.as_str()),
            ("14 laporan", "https://x.go.id/b")
        );
        assert_eq!(d.missing(&keys()), ["r2"]);
    }

    #[test]
    fn bad_realisations_change_nothing() {
        let mut d = EvalDoc::default();
        d.realise(&keys(), "r1", "ok", "").unwrap();
        let before = d.clone();
        assert_eq!(d.realise(&keys(), "zz", "x", ""), Err(EvalProblem::UnknownRow));
        assert_eq!(d.realise(&keys(), "r1", "  ", ""), Err(EvalProblem::Text));
        assert_eq!(d.realise(&keys(), "r1", &"a".repeat(MAX_NOTE + 1), ""), Err(EvalProblem::Text));
        assert_eq!(d.realise(&keys(), "r1", "x", "javascript:alert(1)"), Err(EvalProblem::Link));
        assert_eq!(d.assess_self(&"a".repeat(MAX_NOTE + 1)), Err(EvalProblem::SelfAssessment));
        assert_eq!(d, before);
    }

    #[test]
    fn only_the_supervisor_rates_only_while_open_and_only_the_rater_changes_a_rating() {
        use PeriodState::*;
        assert_eq!(may_rate(Open, true, true, None, "s"), Ok(()));
        assert_eq!(may_rate(Open, true, true, Some("s"), "s"), Ok(()));
        assert_eq!(may_rate(Open, true, true, Some("old"), "s"), Err(RatingRefusal::NotTheRater));
        assert_eq!(may_rate(Open, true, false, None, "s"), Err(RatingRefusal::NotSupervisor));
        assert_eq!(may_rate(Closed, true, true, Some("s"), "s"), Err(RatingRefusal::PeriodNotOpen));
        assert_eq!(may_rate(Planned, true, true, None, "s"), Err(RatingRefusal::PeriodNotOpen));
        assert_eq!(may_rate(Open, false, true, None, "s"), Err(RatingRefusal::NoPlanInForce));
    }

    #[test]
    fn the_predikat_is_derived_from_both_ratings() {
        let r = Ratings { results: Rating::Above, behaviour: Rating::Below };
        assert_eq!(r.predikat(), Predikat::Kurang);
        assert_eq!(DEFAULT_ALLOWANCE.len(), Predikat::ALL.len());
        for (p, (q, _)) in Predikat::ALL.iter().zip(DEFAULT_ALLOWANCE) {
            assert_eq!(*p, q);
        }
    }
}
