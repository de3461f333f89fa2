//! Work plans (SKP) and the official rating (PermenPANRB 6/2022), the pure part: the rating matrix, the distribution
//! curve, the plan's lifecycle and versions, the assessment periods and the BerAKHLAK behaviour values.

mod behaviour;
mod cascade;
mod curve;
mod dialogue;
mod document;
mod evaluation;
mod evidence;
mod lifecycle;
mod notes;
mod objection;
mod period;
mod rating;
mod settings;

pub use behaviour::CoreValue;
pub use cascade::{CascadeRow, Supporter, cascade};
pub use curve::{
    Bound, Breach, CurveRule, CurveWarning, Distribution, OrgPredikat, RuleView, check, guideline, warning,
};
pub use dialogue::{DIALOGUE_DOC_VERSION, DialogueDoc, DialogueProblem, MAX_FOLLOW_UPS};
pub use document::{
    Aspect, Indicator, MAX_INDICATORS, MAX_ROWS, ResultRow, RowKind, SKP_DOC_VERSION, SkpDoc, SkpProblem, Target,
};
pub use evaluation::{
    DEFAULT_ALLOWANCE, EVAL_DOC_VERSION, EvalDoc, EvalProblem, MAX_LINK, PeriodState, RatingRefusal, Ratings,
    Realisation, may_rate, valid_link,
};
pub use evidence::{
    EvidenceKind, EvidenceProblem, MAX_EVIDENCE_BYTES, MAX_FILE_NAME, MAX_FILES_PER_ROW, check_evidence,
    evidence_file_name, size_label,
};
pub use lifecycle::{LifecycleError, Outcome, SkpAction, SkpActor, SkpStatus, apply, in_force};
pub use notes::{NoteAbout, note_text};
pub use objection::{
    DEFAULT_DECISION_DAYS, DEFAULT_OBJECTION_DAYS, Decider, Decision, FilingRefusal, MAX_WINDOW_DAYS,
    OBJECTION_DOC_VERSION, ObjectionDoc, ObjectionProblem, ObjectionState, decision_due, last_filing_day, may_file,
    ratings_from_codes,
};
pub use period::{PeriodScheme, PlannedPeriod, plan_periods};
pub use rating::{Predikat, Rating, predikat};
pub use settings::{SettingsProblem, SkpSettings};
