//! The individual development plan: the status of its activities and the plan's progress.

use serde::{Deserialize, Serialize};

/// Status of a development-plan activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    Planned,
    InProgress,
    Done,
}

impl PlanStatus {
    pub const ALL: [PlanStatus; 3] = [PlanStatus::Planned, PlanStatus::InProgress, PlanStatus::Done];

    pub fn code(self) -> &'static str {
        match self {
            PlanStatus::Planned => "planned",
            PlanStatus::InProgress => "in_progress",
            PlanStatus::Done => "done",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Where a plan activity stands with the supervisor: waiting (new or changed), approved, or returned with a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanApproval {
    Pending,
    Approved,
    Commented,
}

impl PlanApproval {
    pub const ALL: [PlanApproval; 3] = [PlanApproval::Pending, PlanApproval::Approved, PlanApproval::Commented];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            PlanApproval::Pending => "pending",
            PlanApproval::Approved => "approved",
            PlanApproval::Commented => "commented",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Progress of a plan in percent: done activities count fully, those in progress half.
pub fn plan_progress(statuses: &[PlanStatus]) -> f64 {
    if statuses.is_empty() {
        return 0.0;
    }
    let points: f64 = statuses
        .iter()
        .map(|s| match s {
            PlanStatus::Done => 1.0,
            PlanStatus::InProgress => 0.5,
            PlanStatus::Planned => 0.0,
        })
        .sum();
    points * 100.0 / statuses.len() as f64
}
