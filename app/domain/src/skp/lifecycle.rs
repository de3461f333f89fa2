//! The life of a work plan (SKP): the employee drafts (also before the supervisor has finished their own) and
//! submits; the supervisor returns it with comments or approves it (*ditetapkan*). A change after approval starts a
//! new version that needs approval again; every version stays readable and the latest approved one is in force.

use serde::{Deserialize, Serialize};

/// The state of one version of an SKP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkpStatus {
    Draft,
    Submitted,
    /// Returned by the supervisor with comments; the employee edits and submits again.
    Returned,
    Approved,
}

impl SkpStatus {
    pub const ALL: [SkpStatus; 4] = [SkpStatus::Draft, SkpStatus::Submitted, SkpStatus::Returned, SkpStatus::Approved];

    /// The code stored in the database.
    pub const fn code(self) -> &'static str {
        match self {
            SkpStatus::Draft => "draft",
            SkpStatus::Submitted => "submitted",
            SkpStatus::Returned => "returned",
            SkpStatus::Approved => "approved",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the employee may change the rows of this version in place.
    pub fn is_editable(self) -> bool {
        matches!(self, SkpStatus::Draft | SkpStatus::Returned)
    }
}

/// Who acts on an SKP: its owner or the owner's current direct supervisor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SkpActor {
    Owner,
    Supervisor,
}

/// What is done to an SKP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SkpAction {
    /// Change the rows, the behaviour expectations or the links to the supervisor's results.
    Edit,
    Submit,
    /// Return with comments.
    Return,
    Approve,
}

/// What an allowed action leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The version takes this status.
    Becomes(SkpStatus),
    /// An approved version stays as it is (still in force); the change goes into a new draft version.
    NewVersion,
}

/// An action the lifecycle does not allow, with the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LifecycleError {
    #[error("only the owner may do this")]
    NotOwner,
    #[error("only the direct supervisor may do this")]
    NotSupervisor,
    #[error("the work plan is waiting for the supervisor's decision")]
    AwaitingDecision,
    #[error("the work plan has not been submitted")]
    NotSubmitted,
    #[error("the work plan is already submitted or approved")]
    AlreadySubmitted,
}

/// The outcome of `action` by `actor` on a version in `status`.
pub fn apply(status: SkpStatus, actor: SkpActor, action: SkpAction) -> Result<Outcome, LifecycleError> {
    use SkpAction::*;
    use SkpStatus::*;
    match (action, actor) {
        (Edit | Submit, SkpActor::Supervisor) => Err(LifecycleError::NotOwner),
        (Return | Approve, SkpActor::Owner) => Err(LifecycleError::NotSupervisor),
        (Edit, SkpActor::Owner) => match status {
            Draft | Returned => Ok(Outcome::Becomes(status)),
            Submitted => Err(LifecycleError::AwaitingDecision),
            Approved => Ok(Outcome::NewVersion),
        },
        (Submit, SkpActor::Owner) => match status {
            Draft | Returned => Ok(Outcome::Becomes(Submitted)),
            Submitted | Approved => Err(LifecycleError::AlreadySubmitted),
        },
        (Return, SkpActor::Supervisor) => match status {
            Submitted => Ok(Outcome::Becomes(Returned)),
            _ => Err(LifecycleError::NotSubmitted),
        },
        (Approve, SkpActor::Supervisor) => match status {
            Submitted => Ok(Outcome::Becomes(Approved)),
            _ => Err(LifecycleError::NotSubmitted),
        },
    }
}

/// The version in force among `(version number, status)`: the newest approved one.
pub fn in_force(versions: &[(u32, SkpStatus)]) -> Option<u32> {
    versions.iter().filter(|(_, s)| *s == SkpStatus::Approved).map(|(n, _)| *n).max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use SkpAction::*;
    use SkpStatus::*;

    #[test]
    fn the_whole_cycle_draft_submit_return_resubmit_approve() {
        let mut s = Draft;
        for (actor, action, want) in [
            (SkpActor::Owner, Edit, Draft),
            (SkpActor::Owner, Submit, Submitted),
            (SkpActor::Supervisor, Return, Returned),
            (SkpActor::Owner, Edit, Returned),
            (SkpActor::Owner, Submit, Submitted),
            (SkpActor::Supervisor, Approve, Approved),
        ] {
            s = match apply(s, actor, action) {
                Ok(Outcome::Becomes(next)) => next,
                other => panic!("{actor:?} {action:?} on {s:?}: {other:?}"),
            };
            assert_eq!(s, want);
        }
        assert_eq!(apply(Approved, SkpActor::Owner, Edit), Ok(Outcome::NewVersion));
    }

    #[test]
    fn nobody_acts_in_the_others_place_and_nothing_is_decided_twice() {
        for s in SkpStatus::ALL {
            assert_eq!(apply(s, SkpActor::Supervisor, Edit), Err(LifecycleError::NotOwner));
            assert_eq!(apply(s, SkpActor::Supervisor, Submit), Err(LifecycleError::NotOwner));
            assert_eq!(apply(s, SkpActor::Owner, Approve), Err(LifecycleError::NotSupervisor));
            assert_eq!(apply(s, SkpActor::Owner, Return), Err(LifecycleError::NotSupervisor));
        }
        assert_eq!(apply(Submitted, SkpActor::Owner, Edit), Err(LifecycleError::AwaitingDecision));
        assert_eq!(apply(Approved, SkpActor::Supervisor, Approve), Err(LifecycleError::NotSubmitted));
        assert_eq!(apply(Draft, SkpActor::Supervisor, Return), Err(LifecycleError::NotSubmitted));
        assert_eq!(apply(Approved, SkpActor::Owner, Submit), Err(LifecycleError::AlreadySubmitted));
    }

    #[test]
    fn the_newest_approved_version_is_in_force_not_a_newer_draft() {
        assert_eq!(in_force(&[(1, Approved), (2, Draft)]), Some(1));
        assert_eq!(in_force(&[(1, Approved), (2, Approved), (3, Submitted)]), Some(2));
        assert_eq!(in_force(&[(1, Draft)]), None);
    }
}
