//! The JSON API's resources: a stable contract for other systems (SIASN, e-Kinerja, an agency's data warehouse),
//! kept apart from the pages' read models so that either can change without breaking the other. Each type derives
//! its OpenAPI schema; codes are the stable values stored in the database, never display labels.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A unit of the organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Unit {
    /// The unit's code (stable key).
    #[schema(example = "setda")]
    pub code: String,
    pub name: String,
    /// The unit's kind code (for example `sekretariat`, `bidang`).
    pub kind: String,
    /// The code of the unit above; absent for the agency itself.
    pub parent: Option<String>,
    /// The level in the tree: the agency is the smallest, each level below one more.
    pub depth: u32,
    /// NIP of the unit's leader, when one is set.
    pub leader: Option<String>,
}

/// The units, in the order of the tree (each parent before its children).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct UnitList {
    pub items: Vec<Unit>,
}

/// An employee (ASN) with the fields the organisation import reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Employee {
    /// The 18-digit NIP.
    #[schema(example = "198503152010011002")]
    pub nip: String,
    pub name: String,
    pub email: Option<String>,
    /// Golongan/ruang, for example `III/c`.
    #[schema(example = "III/c")]
    pub rank: String,
    /// The date of the current rank (TMT golongan), `YYYY-MM-DD`.
    pub rank_since: Option<String>,
    pub position: String,
    /// The position type code (for example `jpt_pratama`, `administrator`, `fungsional_ahli_muda`).
    pub position_kind: String,
    pub unit: String,
    pub unit_name: String,
    /// NIP of the direct supervisor; absent for the head of the agency.
    pub supervisor: Option<String>,
    /// The highest education code (for example `s1`), when recorded.
    pub education: Option<String>,
    pub active: bool,
}

/// One page of employees, ordered by NIP.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct EmployeePage {
    pub items: Vec<Employee>,
    /// Pass as `after` to read the next page; absent on the last page.
    pub next_after: Option<String>,
}

/// Filters and paging of the employee list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EmployeeQuery {
    /// Only employees of this unit (its code; not the units below it).
    pub unit: Option<String>,
    /// Only active (`true`) or only inactive (`false`) employees; both when absent.
    pub active: Option<bool>,
    /// Start after this NIP (the previous page's `next_after`).
    pub after: Option<String>,
    /// Page size, 1–1000 (default 100).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
}

/// The predikat of one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PeriodRating {
    /// The period's number within the year (the final, annual period last).
    pub period: u8,
    pub is_final: bool,
    /// `YYYY-MM-DD`.
    pub start: String,
    pub end: String,
    /// `planned`, `open` or `closed`.
    pub state: String,
    /// `above`, `meets` or `below` (di atas, sesuai, di bawah ekspektasi); absent until rated.
    pub results: Option<String>,
    pub behaviour: Option<String>,
    /// `sangat_baik`, `baik`, `butuh_perbaikan`, `kurang` or `sangat_kurang`; absent until rated.
    pub predikat: Option<String>,
}

/// An employee's work plan (SKP) of one year: the newest version's status and each period's rating.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SkpStatus {
    pub nip: String,
    pub year: i32,
    /// The newest version's number; absent when no plan was started.
    pub version: Option<u32>,
    /// `draft`, `submitted`, `returned` or `approved`; absent when no plan was started.
    pub status: Option<String>,
    /// The newest approved version (the plan in force), when there is one.
    pub approved_version: Option<u32>,
    pub periods: Vec<PeriodRating>,
}

/// One line of a period's predikat list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PredikatLine {
    pub nip: String,
    pub name: String,
    pub unit_name: String,
    pub position: String,
    pub results: String,
    pub behaviour: String,
    pub predikat: String,
    /// NIP of the rater.
    pub rated_by: String,
    pub rated_at: String,
    /// The rating was changed by an upheld objection.
    pub by_objection: bool,
}

/// Every predikat of one period, ordered by NIP.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PredikatList {
    pub year: i32,
    pub period: u8,
    pub items: Vec<PredikatLine>,
}

/// One rater group's result for a competency. A group below the anonymity threshold is withheld: no mean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct GroupResult {
    /// `self`, `supervisor`, `peer` or `subordinate`.
    pub group: String,
    /// Raters whose answers counted.
    pub count: u32,
    /// The mean level (1–5), absent when withheld or without answers.
    pub mean: Option<f64>,
    /// Why the group is withheld (`below_threshold`, …), absent when shown.
    pub withheld: Option<String>,
}

/// One competency of a 360° result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CompetencyResult {
    pub code: String,
    pub name: String,
    /// The level the position requires (0 when not required).
    pub required: u8,
    /// The weighted combination of the shown groups (the agency's weights), absent when no weighted group is shown.
    pub combined: Option<f64>,
    pub groups: Vec<GroupResult>,
}

/// A person's result in a closed 360° round, with the same groups withheld as on the report page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct FeedbackResult {
    pub nip: String,
    pub round: String,
    pub round_name: String,
    /// The anonymity threshold the round applied.
    pub threshold: u32,
    /// Job-person match in percent over the required competencies that have a score.
    pub jpm: Option<f64>,
    pub competencies: Vec<CompetencyResult>,
    /// Closed rounds with a result for this person, newest first (codes).
    pub rounds: Vec<String>,
}

/// Which round to read.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RoundQuery {
    /// The round's code; the newest closed round with a result when absent.
    pub round: Option<String>,
}

/// How an import is started.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// The file name (its extension tells XLSX from CSV when the content type does not).
    pub file_name: Option<String>,
    /// The file is the whole agency: people it does not list are deactivated.
    pub deactivate_missing: Option<bool>,
}

/// An error of one row of an imported file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ImportError {
    /// The row as the spreadsheet numbers it (0: a person not in the file).
    pub row: usize,
    /// The column's header.
    pub column: String,
    /// What is wrong, in the language asked for.
    pub problem: String,
    pub value: String,
}

/// Counts of what an import would do (or did).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ImportCounts {
    pub rows: usize,
    pub new_units: usize,
    pub changed_units: usize,
    pub new: usize,
    pub moved: usize,
    pub changed: usize,
    pub deactivated: usize,
    pub reactivated: usize,
    pub unchanged: usize,
    pub errors: usize,
}

/// An organisation import: checked in the background (a dry run), applied on request, all or nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Import {
    pub id: String,
    /// `checking`, `checked`, `applying`, `applied` or `failed`.
    pub state: String,
    /// Rows read so far and rows in the file (0 while unknown).
    pub done: usize,
    pub total: usize,
    pub counts: Option<ImportCounts>,
    /// The first errors (all of them on the HR page's download).
    pub errors: Vec<ImportError>,
    /// Why the file could not be read or applied.
    pub failure: Option<String>,
    pub applied_at: Option<String>,
    pub accounts_created: usize,
}

/// An error answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ApiError {
    /// A stable code: `unauthorized`, `token_expired`, `token_revoked`, `forbidden`, `not_found`, `invalid`,
    /// `conflict`, `too_many`, `internal`.
    pub error: String,
    /// What went wrong, in the language the request asked for (`Accept-Language`: Indonesian unless English).
    pub message: String,
    /// The field or parameter at fault, for `invalid`.
    pub field: Option<String>,
}
