//! Data of reports, the training catalog, training-needs analysis and development plans.

use crate::competency::Bilingual;
use crate::plan::{PlanApproval, PlanStatus};
use crate::report::{JpmSettings, Weights};
use crate::training::{Budget, BudgetPlan, NeedsRow, TrainingFit};
use crate::view::ResultData;
use serde::{Deserialize, Serialize};

/// Training modes (stored codes).
pub const TRAINING_MODES: [&str; 4] = ["classroom", "e-learning", "coaching", "on_the_job"];

/// A training in the catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingInfo {
    pub key: String,
    pub code: String,
    pub title: Bilingual,
    pub provider: String,
    pub mode: String,
    /// Competency codes (e.g. `M.03`).
    pub competencies: Vec<String>,
    pub level_min: u8,
    pub level_max: u8,
    pub jp: u32,
    /// Rupiah per participant.
    pub cost: u64,
    pub active: bool,
}

impl TrainingInfo {
    /// What the recommender needs.
    pub fn fit(&self) -> TrainingFit {
        TrainingFit {
            key: self.code.clone(),
            competencies: self.competencies.clone(),
            level_min: self.level_min,
            level_max: self.level_max,
            jp: self.jp,
            cost: self.cost,
        }
    }
}

/// `/trainings`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogPage {
    pub trainings: Vec<TrainingInfo>,
    /// (code, name) of active competencies.
    pub competencies: Vec<(String, Bilingual)>,
    pub can_edit: bool,
    /// Whether the viewer may open the training-needs analysis.
    pub can_analyse: bool,
}

/// The outcome of a CSV import: all rows or none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    pub imported: usize,
    pub updated: usize,
}

/// How reports combine groups and categorise JPM (HR setting).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct ReportSettings {
    pub weights: Weights,
    pub jpm: JpmSettings,
}

/// One closed round in a person's history: the combined score per competency code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryPoint {
    pub round_key: String,
    pub round_name: String,
    pub period_end: String,
    pub scores: Vec<(String, Option<f64>)>,
}

/// `/reports/:nip`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportPage {
    pub nip: String,
    pub name: String,
    pub position: String,
    pub unit: String,
    /// Closed rounds with a result for this person: (key, name), newest first.
    pub rounds: Vec<(String, String)>,
    pub round_key: Option<String>,
    pub round_name: String,
    pub data: Option<ResultData>,
    /// Item texts per competency, in the result's order.
    pub items: Vec<Vec<Bilingual>>,
    /// The kind of each competency, in the result's order.
    pub kinds: Vec<crate::CompetencyKind>,
    /// Development targets: (position type code, label, managerial level it requires), highest first.
    pub targets: Vec<(String, String, u8)>,
    pub settings: ReportSettings,
    pub catalog: Vec<TrainingInfo>,
    pub history: Vec<HistoryPoint>,
    /// Training codes already in the person's plan.
    pub planned: Vec<String>,
    /// The viewer is the person (may add to the plan).
    pub is_self: bool,
    /// A suggested due date for new plan activities (six months ahead).
    pub default_due: String,
}

/// `/reports/:nip` as the page shows it: the report drawn by the server above and below the what-if, the what-if
/// as the server draws it before the browser has its code, and the report the what-if recomputes — as JSON text,
/// read only by the what-if's own part of the wasm, which the browser loads after the page is shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportParts {
    pub top: crate::view::DrawnPart,
    pub what_if: crate::view::DrawnPart,
    pub report: String,
    pub bottom: crate::view::DrawnPart,
}

/// An activity in a development plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanItem {
    pub key: String,
    pub training: Option<String>,
    pub title: String,
    pub competency: Option<String>,
    pub gap: Option<f64>,
    pub due: String,
    pub status: PlanStatus,
    pub evidence: String,
    pub approval: PlanApproval,
    pub supervisor_note: String,
    pub reviewed_by: Option<String>,
    pub updated_at: String,
}

/// `/plan` and `/plan/:nip`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanPage {
    pub nip: String,
    pub name: String,
    pub position: String,
    pub items: Vec<PlanItem>,
    pub progress: f64,
    pub is_owner: bool,
    /// The viewer may approve and comment (the person's supervisor, anyone above, HR).
    pub can_review: bool,
    pub history: Vec<HistoryPoint>,
    /// (code, name, current gap) of competencies below the standard in the latest round.
    pub gaps: Vec<(String, Bilingual, f64)>,
    /// (code, name) of every active competency.
    pub competencies: Vec<(String, Bilingual)>,
    /// People below the viewer with activities waiting for approval: (nip, name, pending count).
    pub team: Vec<(String, String, u32)>,
    /// A suggested due date for new activities (six months ahead).
    pub default_due: String,
}

/// A budget plan as the page shows it: per training the number of seats (who they are stays on the server).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanSummary {
    pub budget: Budget,
    /// (training code, seats, gap closed, spent).
    pub rows: Vec<(String, u32, f64, u64)>,
    pub spent: u64,
    pub gap_closed: f64,
    pub total_gap: f64,
    pub left_out: u32,
}

impl From<BudgetPlan> for PlanSummary {
    fn from(p: BudgetPlan) -> Self {
        PlanSummary {
            budget: p.budget,
            rows: p.rows.into_iter().map(|r| (r.training, r.people.len() as u32, r.gap_closed, r.spent)).collect(),
            spent: p.spent,
            gap_closed: p.gap_closed,
            total_gap: p.total_gap,
            left_out: p.left_out,
        }
    }
}

/// `/trainings/needs`: which trainings close the most gap, and a plan under a budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedsPage {
    pub scope_name: String,
    pub unit: Option<String>,
    pub round_name: Option<String>,
    pub people: u32,
    pub people_with_gaps: u32,
    pub rows: Vec<NeedsRow>,
    pub plan: Option<PlanSummary>,
    pub catalog: Vec<TrainingInfo>,
    /// (code, name, people below the standard, mean gap of those people).
    pub by_competency: Vec<(String, Bilingual, u32, f64)>,
    /// Units the viewer may choose: (key, name, depth); empty for supervisors (their subtree).
    pub units: Vec<(String, String, u32)>,
    pub budget_unit: String,
    pub budget: u64,
}
