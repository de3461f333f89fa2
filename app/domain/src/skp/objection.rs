//! Objections (*keberatan*) to a rating: within a set number of days after the rating the employee files one, with
//! reasons and evidence; the rater's own supervisor (*atasan pejabat penilai*; HR where the rater has none) decides
//! it by a deadline — upheld with a changed rating, or rejected — always with a written reason. One objection per
//! rated period; the original rating is kept beside the decided one.

use super::evaluation::valid_link;
use super::{Predikat, Rating, Ratings};
use crate::text::{MAX_NOTE, within};
use serde::{Deserialize, Serialize};
use time::Date;

/// The version of [`ObjectionDoc`] this build writes; a missing `v` reads as 1.
pub const OBJECTION_DOC_VERSION: u32 = 1;

/// Days after the rating during which an objection may be filed, and days the decider has, unless HR sets others.
pub const DEFAULT_OBJECTION_DAYS: u16 = 14;
pub const DEFAULT_DECISION_DAYS: u16 = 14;
/// The longest window HR may set for either.
pub const MAX_WINDOW_DAYS: u16 = 90;

/// Where an objection stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectionState {
    /// Filed, awaiting the decision.
    Filed,
    /// Upheld: the rating was changed.
    Upheld,
    /// Rejected: the rating stands.
    Rejected,
}

impl ObjectionState {
    pub const ALL: [ObjectionState; 3] = [ObjectionState::Filed, ObjectionState::Upheld, ObjectionState::Rejected];

    pub const fn code(self) -> &'static str {
        match self {
            ObjectionState::Filed => "filed",
            ObjectionState::Upheld => "upheld",
            ObjectionState::Rejected => "rejected",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// What the employee files: the reasons and, optionally, a link to evidence.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ObjectionDoc {
    #[serde(default = "one")]
    pub v: u32,
    pub reasons: String,
    pub link: String,
}

fn one() -> u32 {
    1
}

/// What is wrong with an objection or a decision as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ObjectionProblem {
    #[error("the reasons must be written (at most {MAX_NOTE} characters)")]
    Reasons,
    #[error("the evidence link must start with https:// or http:// and have no spaces")]
    Link,
    #[error("the decision needs a written reason (at most {MAX_NOTE} characters)")]
    DecisionReason,
    #[error("an upheld objection changes the rating")]
    Unchanged,
}

impl ObjectionDoc {
    pub fn parse(reasons: &str, link: &str) -> Result<ObjectionDoc, ObjectionProblem> {
        let (reasons, link) = (reasons.trim(), link.trim());
        if reasons.is_empty() || !within(reasons, MAX_NOTE) {
            return Err(ObjectionProblem::Reasons);
        }
        if !valid_link(link) {
            return Err(ObjectionProblem::Link);
        }
        Ok(ObjectionDoc { v: OBJECTION_DOC_VERSION, reasons: reasons.to_string(), link: link.to_string() })
    }
}

/// The decision on an objection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    /// Upheld, with the rating that replaces the original.
    Upheld(Ratings),
    Rejected,
}

impl Decision {
    pub const fn state(self) -> ObjectionState {
        match self {
            Decision::Upheld(_) => ObjectionState::Upheld,
            Decision::Rejected => ObjectionState::Rejected,
        }
    }

    /// A decision as taken: an upheld objection must change the `original` rating, and every decision has a reason
    /// (returned trimmed).
    pub fn check(self, original: Ratings, reason: &str) -> Result<String, ObjectionProblem> {
        let reason = reason.trim();
        if reason.is_empty() || !within(reason, MAX_NOTE) {
            return Err(ObjectionProblem::DecisionReason);
        }
        if self == Decision::Upheld(original) {
            return Err(ObjectionProblem::Unchanged);
        }
        Ok(reason.to_string())
    }

    /// The predikat in force after the decision.
    pub const fn predikat(self, original: Ratings) -> Predikat {
        match self {
            Decision::Upheld(r) => r.predikat(),
            Decision::Rejected => original.predikat(),
        }
    }
}

/// Why an objection may not be filed now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FilingRefusal {
    #[error("there is no rating to object to")]
    NotRated,
    #[error("an objection to this rating was already filed")]
    AlreadyFiled,
    #[error("the time to object has passed")]
    WindowClosed,
}

/// The last day an objection to a rating given on `rated_on` may be filed.
pub fn last_filing_day(rated_on: Date, window_days: u16) -> Date {
    rated_on.saturating_add(time::Duration::days(i64::from(window_days)))
}

/// The day by which an objection filed on `filed_on` is to be decided.
pub fn decision_due(filed_on: Date, decision_days: u16) -> Date {
    filed_on.saturating_add(time::Duration::days(i64::from(decision_days)))
}

/// Whether the employee may file an objection `today` to a rating given on `rated_on` (none when not rated).
pub fn may_file(
    rated_on: Option<Date>,
    already_filed: bool,
    today: Date,
    window_days: u16,
) -> Result<(), FilingRefusal> {
    let rated_on = rated_on.ok_or(FilingRefusal::NotRated)?;
    if already_filed {
        return Err(FilingRefusal::AlreadyFiled);
    }
    if today > last_filing_day(rated_on, window_days) {
        return Err(FilingRefusal::WindowClosed);
    }
    Ok(())
}

/// Who decides an objection: the rater's current supervisor, or HR where the rater has none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decider {
    Supervisor(String),
    Hr,
}

impl Decider {
    pub fn of(rater_supervisor: Option<&str>) -> Decider {
        rater_supervisor.map_or(Decider::Hr, |s| Decider::Supervisor(s.to_string()))
    }

    /// Whether `viewer` (HR or not) decides: the named supervisor, or anyone in HR where there is none. The rater and
    /// the employee never decide their own objection.
    pub fn is(&self, viewer: &str, viewer_is_hr: bool, rater: &str, employee: &str) -> bool {
        if viewer == rater || viewer == employee {
            return false;
        }
        match self {
            Decider::Supervisor(s) => s == viewer,
            Decider::Hr => viewer_is_hr,
        }
    }
}

/// A rating typed as two codes, for forms.
pub fn ratings_from_codes(results: &str, behaviour: &str) -> Option<Ratings> {
    Some(Ratings { results: Rating::from_code(results)?, behaviour: Rating::from_code(behaviour)? })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const MEETS: Ratings = Ratings { results: Rating::Meets, behaviour: Rating::Meets };
    const ABOVE: Ratings = Ratings { results: Rating::Above, behaviour: Rating::Above };

    #[test]
    fn an_objection_needs_reasons_and_a_web_link_if_any() {
        let d = ObjectionDoc::parse("  Bukti capaian tidak dipertimbangkan ", " https://x.go.id/b ").unwrap();
        assert_eq!((d.reasons.as_str(), d.link.as_str()), ("Bukti capaian tidak dipertimbangkan", "https://x.go.id/b"));
        assert_eq!(ObjectionDoc::parse("  ", ""), Err(ObjectionProblem::Reasons));
        assert_eq!(ObjectionDoc::parse(&"a".repeat(MAX_NOTE + 1), ""), Err(ObjectionProblem::Reasons));
        assert_eq!(ObjectionDoc::parse("x", "javascript:alert(1)"), Err(ObjectionProblem::Link));
    }

    #[test]
    fn the_filing_window_counts_days_from_the_rating_inclusive() {
        let rated = date!(2026 - 04 - 01);
        assert_eq!(last_filing_day(rated, 14), date!(2026 - 04 - 15));
        assert_eq!(may_file(Some(rated), false, rated, 14), Ok(()));
        assert_eq!(may_file(Some(rated), false, date!(2026 - 04 - 15), 14), Ok(()));
        assert_eq!(may_file(Some(rated), false, date!(2026 - 04 - 16), 14), Err(FilingRefusal::WindowClosed));
        assert_eq!(may_file(Some(rated), true, rated, 14), Err(FilingRefusal::AlreadyFiled));
        assert_eq!(may_file(None, false, rated, 14), Err(FilingRefusal::NotRated));
        assert_eq!(may_file(Some(rated), false, rated, 0), Ok(()));
        assert_eq!(decision_due(date!(2026 - 12 - 25), 14), date!(2027 - 01 - 08));
    }

    #[test]
    fn a_decision_has_a_reason_and_an_upheld_one_changes_the_rating() {
        assert_eq!(Decision::Rejected.check(MEETS, "  Bukti sudah dinilai "), Ok("Bukti sudah dinilai".into()));
        assert_eq!(Decision::Rejected.check(MEETS, " "), Err(ObjectionProblem::DecisionReason));
        assert_eq!(Decision::Upheld(MEETS).check(MEETS, "x"), Err(ObjectionProblem::Unchanged));
        assert_eq!(Decision::Upheld(ABOVE).check(MEETS, "x"), Ok("x".into()));
        assert_eq!(Decision::Upheld(ABOVE).predikat(MEETS), Predikat::SangatBaik);
        assert_eq!(Decision::Rejected.predikat(MEETS), Predikat::Baik);
        assert_eq!(Decision::Upheld(ABOVE).state(), ObjectionState::Upheld);
    }

    #[test]
    fn the_raters_supervisor_decides_or_hr_where_there_is_none_never_the_parties() {
        let boss = Decider::of(Some("boss"));
        assert!(boss.is("boss", false, "rater", "emp"));
        assert!(!boss.is("hr1", true, "rater", "emp"));
        assert!(!boss.is("rater", false, "rater", "emp"));
        let hr = Decider::of(None);
        assert!(hr.is("hr1", true, "rater", "emp"));
        assert!(!hr.is("x", false, "rater", "emp"));
        // An HR officer who rated (or objected) does not decide their own case.
        assert!(!hr.is("rater", true, "rater", "emp"));
        assert!(!hr.is("emp", true, "rater", "emp"));
        for s in ObjectionState::ALL {
            assert_eq!(ObjectionState::from_code(s.code()), Some(s));
        }
        assert_eq!(
            ratings_from_codes("above", "meets"),
            Some(Ratings { results: Rating::Above, behaviour: Rating::Meets })
        );
        assert_eq!(ratings_from_codes("above", "x"), None);
    }
}
