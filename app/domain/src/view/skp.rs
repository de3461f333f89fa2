//! What the work-plan (SKP) pages receive.

use crate::skp::{
    CascadeRow, CoreValue, CurveWarning, DialogueDoc, Distribution, EvalDoc, NoteAbout, ObjectionDoc, ObjectionState,
    OrgPredikat, PeriodScheme, PeriodState, Predikat, Ratings, ResultRow, RuleView, SkpDoc, SkpSettings, SkpStatus,
};
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
    /// The year's assessment periods with this person's predikat in each, where rated.
    pub periods: Vec<PeriodResult>,
    /// For someone with direct reports: each of their rows (of the version shown) and the reports' rows (of each
    /// one's newest version) that support it.
    pub cascade: Vec<CascadeRow>,
    /// Continuous feedback: the supervisor's notes on the plan, newest first, each with its replies.
    pub notes: Vec<NoteThread>,
    /// The viewer may write a note (the current direct supervisor) / reply to one (the employee or the supervisor).
    pub may_note: bool,
    pub may_reply: bool,
}

/// A continuous feedback note and its replies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteThread {
    pub id: String,
    pub about: NoteAbout,
    /// The text of the row it is about (empty for the plan, a behaviour value, or a row no longer in the plan).
    pub about_text: String,
    /// (NIP, name).
    pub author: (String, String),
    pub text: String,
    pub created_at: String,
    pub replies: Vec<NoteReply>,
}

/// A reply in a note's thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteReply {
    pub author: (String, String),
    pub text: String,
    pub created_at: String,
}

/// A direct report's plan as their supervisor's page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamPlan {
    pub nip: String,
    pub name: String,
    pub status: Option<SkpStatus>,
}

/// One assessment period of a performance year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodInfo {
    pub year: i32,
    pub number: u8,
    pub is_final: bool,
    pub scheme: PeriodScheme,
    /// Dates as `YYYY-MM-DD`.
    pub start: String,
    pub end: String,
    pub deadline: String,
    pub state: PeriodState,
}

/// `/skp/periods`: a year's periods, and whether the viewer (HR) manages them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodsPage {
    pub year: i32,
    pub periods: Vec<PeriodInfo>,
    pub may_manage: bool,
    /// The head (or HR for them) sets units' organisational predikat; the units to choose from (key, name, depth).
    pub may_set_org: bool,
    pub units: Vec<(String, String, u32)>,
    /// Organisational predikat set for the year's periods.
    pub org: Vec<OrgPredikatRow>,
    /// The agency's SKP settings (everyone reads them; HR changes them here).
    pub settings: SkpSettings,
}

/// A unit's organisational predikat for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgPredikatRow {
    pub unit: String,
    pub unit_name: String,
    pub period: u8,
    pub predikat: OrgPredikat,
}

/// The distribution of employee predikat in the unit whose organisational predikat applies, against its guideline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurveView {
    pub unit_name: String,
    pub org: OrgPredikat,
    pub distribution: Distribution,
    pub rules: Vec<RuleView>,
    /// The rules the distribution breaks now.
    pub breaches: Vec<RuleView>,
}

/// A period as a person's plan lists it, with their predikat there if rated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodResult {
    pub period: PeriodInfo,
    pub predikat: Option<Predikat>,
}

/// The supervisor's rating of a period: both ratings, the predikat they give, the feedback, who rated and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingInfo {
    pub ratings: Ratings,
    pub predikat: Predikat,
    pub feedback: String,
    pub rated_by: (String, String),
    pub rated_at: String,
    /// The guideline's warning when this rating put the unit's distribution outside it, and the rater's reason.
    pub curve_warning: Option<CurveWarning>,
    pub curve_reason: String,
    /// The ratings were changed by an upheld objection (the original is in the objection).
    pub by_objection: bool,
}

/// `/skp/:nip/periods/:n`: one person's evaluation of one period against the plan in force.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationPage {
    pub nip: String,
    pub name: String,
    pub position: String,
    pub period: PeriodInfo,
    /// The version of the plan in force (the newest approved one), and its rows; empty when none is approved.
    pub plan_version: Option<u32>,
    pub rows: Vec<ResultRow>,
    pub doc: EvalDoc,
    /// Keys of the rows without a realisation yet.
    pub missing: Vec<String>,
    /// Evidence files uploaded for the rows, oldest first.
    pub files: Vec<EvidenceFile>,
    pub rating: Option<RatingInfo>,
    /// The viewer is the employee whose evaluation this is.
    pub is_owner: bool,
    /// The owner may write realisations (period open, plan in force, not yet rated).
    pub may_realise: bool,
    /// The viewer may rate (or change their rating): the current direct supervisor while the period is open.
    pub may_rate: bool,
    /// The performance allowance per predikat, in percent.
    pub allowance: Vec<(Predikat, u8)>,
    /// For the rater, HR and the head: the unit's distribution against its organisational predikat's guideline.
    pub curve: Option<CurveView>,
    /// The performance dialogue of the period, if recorded.
    pub dialogue: Option<DialogueInfo>,
    /// The viewer may record (or correct) the dialogue: the current direct supervisor.
    pub may_record_dialogue: bool,
    /// The viewer may acknowledge it: the employee, once recorded and not yet acknowledged.
    pub may_acknowledge: bool,
    /// The due date offered when a follow-up becomes a development-plan activity.
    pub follow_up_due: String,
    /// The objection to the rating, with its decision, if filed.
    pub objection: Option<ObjectionInfo>,
    /// The owner may object until this day (`YYYY-MM-DD`): rated, none filed, within the window.
    pub may_object_until: Option<String>,
    /// The viewer decides the objection: the rater's supervisor (HR where there is none), while it awaits a decision.
    pub may_decide: bool,
}

/// An evidence file of a result row: served at `/skp/evidence/{id}` to those who may read the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceFile {
    pub id: String,
    /// The key of the result row.
    pub row: String,
    pub name: String,
    pub kind: crate::skp::EvidenceKind,
    pub size: u64,
    /// `YYYY-MM-DD HH:MM WIB`.
    pub uploaded_at: String,
}

/// An objection (*keberatan*) to a rating: what was filed, the rating objected to, who decides by when, and the
/// decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectionInfo {
    pub doc: ObjectionDoc,
    pub original: Ratings,
    pub filed_at: String,
    /// `YYYY-MM-DD`.
    pub due: String,
    /// Awaiting a decision past the due date.
    pub overdue: bool,
    pub state: ObjectionState,
    /// (NIP, name) of the decider; `None` where HR decides.
    pub decider: Option<(String, String)>,
    pub decision: Option<DecisionInfo>,
}

/// The decision on an objection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionInfo {
    pub decided_by: (String, String),
    pub decided_at: String,
    pub reason: String,
    /// The rating that replaced the original (upheld only).
    pub new_ratings: Option<Ratings>,
}

/// `/skp/objections`: the objections the viewer decides, filed, or may follow (HR and the head: all).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectionsPage {
    pub year: i32,
    pub rows: Vec<ObjectionRow>,
}

/// One objection in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectionRow {
    pub nip: String,
    pub name: String,
    pub year: i32,
    pub period: u8,
    /// The period as planned (for its name), if it still exists.
    pub period_info: Option<PeriodInfo>,
    pub filed_at: String,
    pub due: String,
    pub overdue: bool,
    pub state: ObjectionState,
    /// The viewer is the one to decide it.
    pub to_decide: bool,
}

/// A recorded performance dialogue: what was agreed, who recorded it when, and when the employee acknowledged it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DialogueInfo {
    pub doc: DialogueDoc,
    pub recorded_by: (String, String),
    pub recorded_at: String,
    pub acknowledged_at: Option<String>,
}

/// One party of a signed document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signatory {
    pub nip: String,
    pub name: String,
    pub rank: String,
    pub position: String,
    pub unit: String,
}

/// `/skp/:nip/print`: the SKP (and a period's evaluation) as the document agencies print and sign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkpDocument {
    pub agency: String,
    pub year: i32,
    pub person: Signatory,
    /// The rater (evaluation), the approver (plan), or the current direct supervisor.
    pub supervisor: Option<Signatory>,
    /// The version printed: the one in force, or the newest while none is approved.
    pub version: Option<u32>,
    pub status: Option<SkpStatus>,
    pub rows: Vec<ResultRow>,
    pub expectations: Vec<(CoreValue, String)>,
    /// The supervisor's rows, to name the result each row supports.
    pub supervisor_rows: Vec<ResultRow>,
    pub evaluation: Option<DocumentEvaluation>,
    /// `YYYY-MM-DD`.
    pub printed_on: String,
}

/// A period's evaluation in the printed document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentEvaluation {
    pub period: PeriodInfo,
    pub doc: EvalDoc,
    pub ratings: Option<Ratings>,
    pub feedback: String,
    pub rated_at: Option<String>,
    pub by_objection: bool,
}
