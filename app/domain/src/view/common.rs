//! Data exchanged between server functions and pages. Plain serde types: no database or framework types.

use crate::Role;
use crate::role::ProfileAccess;
use serde::{Deserialize, Serialize};

/// The signed-in person, as the UI sees them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ViewerInfo {
    pub nip: String,
    pub name: String,
    pub username: Option<String>,
    pub roles: Vec<Role>,
}

impl ViewerInfo {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// One line of the employee directory.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EmployeeSummary {
    pub nip: String,
    pub name: String,
    pub position: String,
    pub position_kind: String,
    pub unit_key: String,
    pub unit_name: String,
}

/// A period during which an employee reported to a supervisor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupervisorSpan {
    pub supervisor_nip: String,
    pub supervisor_name: String,
    pub since: String,
    pub until: Option<String>,
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub summary: String,
    pub reason: Option<String>,
}

/// An employee's profile. Fields beyond the directory entry are filled only with [`ProfileAccess::Full`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmployeeProfile {
    pub summary: EmployeeSummary,
    pub access: ProfileAccess,
    pub rank: Option<String>,
    pub gender: Option<String>,
    pub birth_date: Option<String>,
    pub service_start: Option<String>,
    pub email: Option<String>,
    /// The highest education (with full access, when recorded).
    pub education: Option<crate::Education>,
    pub active: bool,
    pub supervisor_chain: Vec<EmployeeSummary>,
    pub direct_reports: Vec<EmployeeSummary>,
    pub history: Vec<SupervisorSpan>,
    pub audit: Vec<AuditEntry>,
    pub can_edit: bool,
    /// The levels the person's position requires (with full access).
    pub position_levels: Option<crate::view::PositionLevels>,
    /// Units to move the person to (HR only): (key, name, depth).
    pub unit_options: Vec<(String, String, u32)>,
    /// The roles granted to the person's account (HR only; `None` without an account or for other viewers).
    #[serde(default)]
    pub granted_roles: Option<Vec<crate::Role>>,
}

/// A unit in the tree with its head counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitNode {
    pub key: String,
    pub name: String,
    pub kind: String,
    pub parent: Option<String>,
    pub depth: u32,
    pub leader_nip: Option<String>,
    pub leader_name: Option<String>,
    pub direct_count: u64,
    pub total_count: u64,
}

/// The whole organisation tree (units in depth-first order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgTree {
    pub agency: String,
    pub units: Vec<UnitNode>,
}

/// A unit page: the unit, its parent, sub-units and members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitPage {
    pub unit: UnitNode,
    pub parent: Option<UnitNode>,
    pub children: Vec<UnitNode>,
    pub members: Vec<EmployeeSummary>,
}

/// What the home page shows, per role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeData {
    pub viewer: ViewerInfo,
    pub me: Option<EmployeeSummary>,
    pub supervisor: Option<EmployeeSummary>,
    pub direct_reports: Vec<EmployeeSummary>,
    pub subtree_size: u64,
    pub active_employees: Option<u64>,
    pub unit_count: Option<u64>,
    /// 360° assessments the viewer still has to fill in (open rounds).
    pub feedback_pending: u64,
    /// Development-plan activities below the viewer waiting for approval.
    #[serde(default)]
    pub plan_reviews_pending: u64,
}

/// Options for the employee forms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormOptions {
    pub units: Vec<(String, String, u32)>,
    pub ranks: Vec<String>,
    pub kinds: Vec<(String, String)>,
    /// Education levels: code and label.
    pub educations: Vec<(String, String)>,
}

/// The editable fields of an employee, as the edit form shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmployeeForm {
    pub nip: String,
    pub name: String,
    pub email: String,
    pub rank: String,
    pub position_name: String,
    pub position_kind: String,
    pub unit_key: String,
    pub supervisor_nip: String,
    pub active: bool,
    /// The code of the highest education, or empty when not recorded.
    pub education: String,
}

/// A part of a page the server draws: its HTML, in the viewer's language. Pages that mostly show figures send
/// their tables and charts this way, so the browser needs no code to draw them (see `app::components::drawn_part`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrawnPart {
    pub html: String,
}
