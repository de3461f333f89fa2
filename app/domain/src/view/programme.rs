//! What the leadership-programme pages receive.

use crate::discipline::Penalty;
use crate::programme::{Eligibility, Programme, RuleSet};
use serde::{Deserialize, Serialize};

/// One person evaluated for a programme, with the facts a trainer ranks by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub nip: String,
    pub name: String,
    pub position: String,
    pub unit_name: String,
    pub rank: String,
    pub box_number: Option<u8>,
    /// JPM of the latest closed 360° round against the current position's standard, in percent.
    pub jpm: Option<f64>,
    /// The same scores against the standard of the position the programme prepares for (managerial and
    /// socio-cultural competencies): the smaller the gap, the higher.
    pub target_jpm: Option<f64>,
    pub eligibility: Eligibility,
}

/// `/programmes`: a programme's rules and, in the chosen scope, the eligible people ranked (talent box, then JPM)
/// and the nearly eligible (one condition short) with what they lack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammesPage {
    pub programme: Programme,
    pub rules: RuleSet,
    pub scope_name: String,
    /// The unit chosen (viewers who reach everyone), if any.
    pub unit: Option<String>,
    /// Units to choose from: (key, name, depth).
    pub units: Vec<(String, String, u32)>,
    /// How many people were evaluated.
    pub evaluated: u32,
    /// The eligible (at most [`crate::view::MAX_LISTED`]) and how many in all.
    pub eligible: Vec<Candidate>,
    pub eligible_count: u32,
    /// The nearly eligible (at most [`crate::view::MAX_LISTED`]) and how many in all.
    pub nearly: Vec<Candidate>,
    pub nearly_count: u32,
    /// The performance years the predikat conditions looked at, newest first, and the 360° round of the JPM.
    pub years: Vec<i32>,
    pub round_name: Option<String>,
    /// HR may change the rules.
    pub may_edit_rules: bool,
    /// Trainers and HR nominate the eligible.
    pub may_nominate: bool,
    /// Cohorts of this programme that have not ended, to nominate the eligible to (trainers and HR): (id, name).
    pub cohorts: Vec<(String, String)>,
    /// Nominations of this programme already made, by NIP (the cohort's name), so a list shows who is nominated.
    pub nominated: Vec<(String, String)>,
}

/// `/programmes/person/:nip`: a person's eligibility for every programme, explained, with the records it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonProgrammes {
    pub nip: String,
    pub name: String,
    pub position: String,
    pub rank: String,
    /// TMT of the current rank (ISO date).
    pub rank_since: Option<String>,
    pub box_number: Option<u8>,
    pub jpm: Option<f64>,
    pub eligibility: Vec<Eligibility>,
    /// Completed programmes with their year.
    pub completed: Vec<(Programme, i32)>,
    /// The penalties (HR, the head and the person themself; `None` for other readers).
    pub penalties: Option<Vec<Penalty>>,
    /// HR records penalties, completions and the rank's TMT.
    pub may_edit: bool,
}

/// A cohort of a programme, with how many seats are taken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortInfo {
    pub id: String,
    pub programme: Programme,
    pub name: String,
    /// ISO dates.
    pub starts: String,
    pub ends: String,
    pub capacity: u16,
    /// Nominations not declined (they hold a seat) and those confirmed.
    pub taken: u32,
    pub confirmed: u32,
}

/// One nomination, as its cohort's page and the decision lists show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NominationRow {
    pub cohort: String,
    pub cohort_name: String,
    pub programme: Programme,
    pub nip: String,
    pub name: String,
    pub position: String,
    pub unit_name: String,
    pub state: crate::programme::NominationState,
    /// (NIP, name) of who nominated.
    pub nominated_by: (String, String),
    pub nominated_at: String,
    pub supervisor_reason: String,
    pub hr_reason: String,
    /// The viewer may confirm or decline it now.
    pub may_decide: bool,
}

/// `/programmes/cohorts`: the cohorts, the nominations awaiting the viewer's decision, and (trainers and HR) a form
/// for a new cohort.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortsPage {
    pub cohorts: Vec<CohortInfo>,
    pub awaiting: Vec<NominationRow>,
    pub may_create: bool,
}

/// `/programmes/cohorts/:id`: a cohort and its nominations (all for trainers, HR and the head; a supervisor's
/// subtree for them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortPage {
    pub cohort: CohortInfo,
    pub nominations: Vec<NominationRow>,
    /// Trainers, HR and the head export the list.
    pub may_export: bool,
}

/// One candidate in a side-by-side comparison: the candidate's row with their eligibility explained, and the facts
/// behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparedCandidate {
    pub candidate: Candidate,
    /// TMT of the current rank (ISO date).
    pub rank_since: Option<String>,
    /// Whole years of age today.
    pub age: Option<u32>,
    /// The final predikat of the years the rules look at, newest first (`None`: not rated that year).
    pub predikats: Vec<(i32, Option<crate::skp::Predikat>)>,
    /// Completed programmes with their year.
    pub completed: Vec<(Programme, i32)>,
}

/// `/programmes/compare?programme=&nip=…`: two or three candidates side by side against one programme's rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonPage {
    pub programme: Programme,
    pub rules: RuleSet,
    pub people: Vec<ComparedCandidate>,
}
