use crate::import::{ChangeKind, EmployeeChange, Plan, RowError, UnitChange};
use serde::{Deserialize, Serialize};

/// Where an import stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportState {
    /// The file is being read and compared with the organisation.
    Checking,
    /// The preview is ready (with or without errors).
    Checked,
    Applying,
    Applied,
    /// Reading or applying stopped: see the message.
    Failed,
}

impl ImportState {
    pub fn code(self) -> &'static str {
        match self {
            ImportState::Checking => "checking",
            ImportState::Checked => "checked",
            ImportState::Applying => "applying",
            ImportState::Applied => "applied",
            ImportState::Failed => "failed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Checking, Self::Checked, Self::Applying, Self::Applied, Self::Failed]
            .into_iter()
            .find(|s| s.code() == code)
    }

    /// Whether work is under way (the page keeps asking).
    pub fn is_running(self) -> bool {
        matches!(self, ImportState::Checking | ImportState::Applying)
    }
}

/// How many changes of each kind a preview lists in full (the counts are always complete; everything is in the
/// CSV of changes).
pub const PREVIEW_LISTED: usize = 200;
/// How many row errors a preview lists (all are in the CSV of errors).
pub const ERRORS_LISTED: usize = 500;

/// The dry run: what the import would do, in counts and the first changes of each kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub rows: usize,
    pub new_units: usize,
    pub changed_units: usize,
    pub new: usize,
    pub moved: usize,
    pub changed: usize,
    pub deactivated: usize,
    pub reactivated: usize,
    pub unchanged: usize,
    pub errors_total: usize,
    pub errors: Vec<RowError>,
    pub units: Vec<UnitChange>,
    pub employees: Vec<EmployeeChange>,
    /// Names of units and people the lists mention, for display: `(key or NIP, name)`.
    pub names: Vec<(String, String)>,
}

impl ImportPreview {
    pub fn from_plan(plan: &Plan) -> Self {
        let mut employees: Vec<EmployeeChange> = Vec::new();
        for kind in
            [ChangeKind::New, ChangeKind::Moved, ChangeKind::Changed, ChangeKind::Deactivated, ChangeKind::Reactivated]
        {
            employees.extend(plan.employees.iter().filter(|e| e.kind == kind).take(PREVIEW_LISTED).cloned());
        }
        ImportPreview {
            rows: plan.rows,
            new_units: plan.new_units(),
            changed_units: plan.changed_units(),
            new: plan.count(ChangeKind::New),
            moved: plan.count(ChangeKind::Moved),
            changed: plan.count(ChangeKind::Changed),
            deactivated: plan.count(ChangeKind::Deactivated),
            reactivated: plan.count(ChangeKind::Reactivated),
            unchanged: plan.unchanged,
            errors_total: plan.errors.len(),
            errors: plan.errors.iter().take(ERRORS_LISTED).cloned().collect(),
            units: plan.units.iter().take(PREVIEW_LISTED).cloned().collect(),
            employees,
            names: Vec::new(),
        }
    }

    /// Whether applying is allowed: no errors and something to do.
    pub fn can_apply(&self) -> bool {
        self.errors_total == 0
            && (self.new_units
                + self.changed_units
                + self.new
                + self.moved
                + self.changed
                + self.deactivated
                + self.reactivated)
                > 0
    }

    pub fn name_of(&self, key: &str) -> Option<&str> {
        self.names.iter().find(|(k, _)| k == key).map(|(_, n)| n.as_str())
    }
}

/// One import, as its page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportJob {
    pub id: String,
    pub file_name: String,
    pub created_at: String,
    pub actor_nip: String,
    pub actor_name: String,
    pub state: ImportState,
    /// Rows read so far while checking; for the progress bar.
    pub done: usize,
    /// Rows in the file, once known (0 while unknown).
    pub total: usize,
    pub deactivate_missing: bool,
    pub preview: Option<ImportPreview>,
    /// Why the file could not be read or applied.
    pub failure: Option<ImportFailure>,
    pub applied_at: Option<String>,
    /// New accounts whose set-up links can be downloaded (by the person who applied).
    pub accounts_created: usize,
    /// Whether the viewer may download the set-up links.
    pub links_available: bool,
}

/// Why an import stopped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportFailure {
    /// Neither an XLSX workbook nor UTF-8 CSV text.
    Unreadable,
    /// No sheet has a header row naming NIP.
    NoHeader,
    /// The header lacks required columns (their headers).
    MissingColumns(Vec<String>),
    /// Two columns mean the same (its header).
    ColumnTwice(String),
    /// The organisation changed between the preview and applying: check again.
    Stale,
    /// A large import stopped after `written` of `total` people changes were written (each whole, with its audit
    /// entry; units and positions first): checking the same file again shows what is left.
    Partial { written: usize, total: usize },
    /// The server stopped while the file was being checked (no progress for [`STALE_MINUTES`]): upload it again.
    Interrupted,
    /// Something unexpected (logged on the server).
    Internal,
}

/// Minutes without progress after which a running import counts as stopped (its server went down): a check is
/// marked interrupted, an apply as partly written (each part is whole, so checking the file again shows the rest).
pub const STALE_MINUTES: u32 = 10;

/// A line of the imports list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub id: String,
    pub file_name: String,
    pub created_at: String,
    pub actor_name: String,
    pub state: ImportState,
    pub rows: usize,
    pub errors: usize,
}
