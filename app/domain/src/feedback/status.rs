//! The states of a 360° round and of one assignment (who rates whom in it), as enums: the database, the services
//! and the pages all use these, so a misspelt state is a compile error rather than a silently unmatched string.

use serde::{Deserialize, Serialize};

/// Where a round is in its life: created as a draft, opened (assignments planned, questionnaire frozen), then
/// closed (results computed). `Opening` and `Closing` are held while that work runs, so that a second attempt
/// running at the same time is refused rather than done twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RoundStatus {
    Draft,
    Opening,
    Open,
    Closing,
    Closed,
}

impl RoundStatus {
    pub const ALL: [RoundStatus; 5] =
        [RoundStatus::Draft, RoundStatus::Opening, RoundStatus::Open, RoundStatus::Closing, RoundStatus::Closed];

    /// The code stored in the database.
    pub const fn code(self) -> &'static str {
        match self {
            RoundStatus::Draft => "draft",
            RoundStatus::Opening => "opening",
            RoundStatus::Open => "open",
            RoundStatus::Closing => "closing",
            RoundStatus::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether raters may still see the round's forms (a draft round has no questionnaire yet).
    pub fn has_questionnaire(self) -> bool {
        !matches!(self, RoundStatus::Draft | RoundStatus::Opening)
    }
}

/// The state of one assignment. A peer nomination starts `Proposed` and becomes `Pending` when approved or
/// `Rejected`; every other assignment starts `Pending`, becomes `Draft` once answers are saved and `Submitted`
/// when the rater submits (final).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AssignmentState {
    Proposed,
    Rejected,
    Pending,
    Draft,
    Submitted,
}

impl AssignmentState {
    pub const ALL: [AssignmentState; 5] = [
        AssignmentState::Proposed,
        AssignmentState::Rejected,
        AssignmentState::Pending,
        AssignmentState::Draft,
        AssignmentState::Submitted,
    ];

    /// The code stored in the database.
    pub const fn code(self) -> &'static str {
        match self {
            AssignmentState::Proposed => "proposed",
            AssignmentState::Rejected => "rejected",
            AssignmentState::Pending => "pending",
            AssignmentState::Draft => "draft",
            AssignmentState::Submitted => "submitted",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the assignment is work for its rater (approved, whether started or not).
    pub fn is_task(self) -> bool {
        matches!(self, AssignmentState::Pending | AssignmentState::Draft | AssignmentState::Submitted)
    }

    /// What a ratee may know of one of their nominations: proposed, approved or rejected — never whether the rater
    /// has started or submitted.
    pub fn as_nomination(self) -> NominationState {
        match self {
            AssignmentState::Proposed => NominationState::Proposed,
            AssignmentState::Rejected => NominationState::Rejected,
            _ => NominationState::Approved,
        }
    }
}

/// A nomination as its ratee sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NominationState {
    Proposed,
    Approved,
    Rejected,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_match_serde() {
        for s in RoundStatus::ALL {
            assert_eq!(RoundStatus::from_code(s.code()), Some(s));
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.code()));
        }
        for s in AssignmentState::ALL {
            assert_eq!(AssignmentState::from_code(s.code()), Some(s));
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.code()));
        }
        assert_eq!(RoundStatus::from_code("gone"), None);
    }

    #[test]
    fn a_ratee_never_learns_a_raters_progress_from_a_nomination() {
        let seen: Vec<NominationState> = [AssignmentState::Pending, AssignmentState::Draft, AssignmentState::Submitted]
            .into_iter()
            .map(AssignmentState::as_nomination)
            .collect();
        assert!(seen.iter().all(|s| *s == NominationState::Approved));
    }
}
