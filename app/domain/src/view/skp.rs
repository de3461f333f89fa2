//! What the work-plan (SKP) pages receive.

use crate::skp::{ResultRow, SkpDoc, SkpStatus};
use serde::{Deserialize, Serialize};

/// One version of an SKP as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkpVersionInfo {
    pub version: u32,
    pub status: SkpStatus,
    /// The supervisor's comment when it was returned.
    pub comment: String,
    pub decided_by: Option<String>,
    pub updated_at: String,
}

/// `/skp` and `/skp/:nip`: an employee's work plan for a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkpPage {
    pub nip: String,
    pub name: String,
    pub position: String,
    pub year: i32,
    /// Every version, oldest first (empty before the first draft).
    pub versions: Vec<SkpVersionInfo>,
    /// The version shown: the requested one, or the newest.
    pub shown: Option<u32>,
    /// The content of the version shown (empty before the first draft).
    pub doc: SkpDoc,
    /// The version in force (the newest approved one).
    pub in_force: Option<u32>,
    /// The current direct supervisor: (NIP, name), if any.
    pub supervisor: Option<(String, String)>,
    /// The supervisor's result rows this plan may link to (from their newest version, whatever its state).
    pub supervisor_rows: Vec<ResultRow>,
    /// On the viewer's own page: their direct reports and the state of each one's newest version (`None`: no plan
    /// yet), so that a supervisor finds the plans waiting for them.
    pub team: Vec<TeamPlan>,
    /// The viewer may edit (the owner) / decide (the current direct supervisor).
    pub may_edit: bool,
    pub may_decide: bool,
}

/// A direct report's plan as their supervisor's page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamPlan {
    pub nip: String,
    pub name: String,
    pub status: Option<SkpStatus>,
}
