//! What the talent pages receive.

use crate::skp::{Predikat, Rating};
use crate::talent::{PotentialBand, TalentSettings};
use serde::{Deserialize, Serialize};

/// One person placed in the talent matrix, with the inputs of both axes (the "why").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TalentPerson {
    pub nip: String,
    pub name: String,
    pub position: String,
    pub unit_name: String,
    pub box_number: u8,
    pub performance: Rating,
    /// The final predikat of each year considered, newest first.
    pub predikats: Vec<(i32, Predikat)>,
    pub potential: PotentialBand,
    /// The JPM of the latest closed 360° round, in percent.
    pub jpm: f64,
    /// The penalty that screens the person out of the succession pool (a moderate or severe one of the last two
    /// years): its level and decision date.
    pub screened: Option<(crate::discipline::PenaltyLevel, String)>,
}

/// Someone who cannot be placed yet, and what is missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TalentMissing {
    pub nip: String,
    pub name: String,
    pub unit_name: String,
    /// Years considered without a final predikat for this person.
    pub missing_years: Vec<i32>,
    /// No JPM in the latest closed 360° round.
    pub missing_jpm: bool,
}

/// `/talent`: the 9-box of the viewer's scope (everyone for HR and the head, the subtree for a supervisor), or of
/// one unit with its sub-units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TalentPage {
    pub scope_name: String,
    /// The unit chosen (HR and the head), if any.
    pub unit: Option<String>,
    /// Units to choose from (HR and the head): (key, name, depth).
    pub units: Vec<(String, String, u32)>,
    /// The performance years used, newest first (their final period closed).
    pub years: Vec<i32>,
    /// The 360° round potential comes from.
    pub round_name: Option<String>,
    pub settings: TalentSettings,
    /// HR may change the settings.
    pub may_configure: bool,
    /// People per box: index 0 is box 1.
    pub counts: Vec<u32>,
    /// The box whose people are listed, and them (at most [`MAX_LISTED`], by name).
    pub selected: Option<u8>,
    pub people: Vec<TalentPerson>,
    /// Everyone in scope who cannot be placed yet (at most [`MAX_LISTED`], by name) and how many in all.
    pub missing: Vec<TalentMissing>,
    pub missing_count: u32,
}

/// The most people listed by name, in a box or among those without enough data; the counts are always complete.
pub const MAX_LISTED: usize = 200;

/// One person's place in the talent matrix, for their profile: their box with both axes' inputs, or what is missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonTalent {
    /// The performance years used, newest first.
    pub years: Vec<i32>,
    pub round_name: Option<String>,
    pub settings: TalentSettings,
    pub placed: Option<TalentPerson>,
    /// Without a box: the years without a final predikat and whether the JPM is missing.
    pub missing_years: Vec<i32>,
    pub missing_jpm: bool,
}
