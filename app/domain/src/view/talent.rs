//! What the talent pages receive.

use crate::skp::{Predikat, Rating};
use crate::talent::{CalibrationState, PotentialBand, TalentSettings};
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
    /// The potential score the band comes from (the JPM itself unless the settings weigh other parts).
    pub potential_score: f64,
    /// The highest education recorded (the qualification part).
    pub education: Option<crate::Education>,
    /// Lesson hours of development completed in the last two years (the track-record part).
    pub training_jp: u32,
    /// The penalty that screens the person out of the succession pool (a moderate or severe one of the last two
    /// years): its level and decision date.
    pub screened: Option<(crate::discipline::PenaltyLevel, String)>,
    /// The box was fixed by a calibration session: the box the inputs gave and the reason of the move.
    pub calibrated: Option<(u8, String)>,
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
    /// No education recorded while the settings weigh the qualification.
    pub missing_education: bool,
}

/// Who the 9-box looks at within the viewer's scope: a unit with its sub-units (HR and the head), a position type,
/// and a minimum rank.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TalentFilter {
    pub unit: Option<String>,
    pub kind: Option<crate::PositionKind>,
    pub min_rank: Option<crate::Rank>,
}

impl TalentFilter {
    /// One unit with its sub-units.
    pub fn unit(unit: &str) -> Self {
        TalentFilter { unit: Some(unit.to_string()), ..Self::default() }
    }

    /// The address of `/talent` with this filter and a chosen box.
    pub fn href(&self, selected: Option<u8>) -> String {
        let mut q = Vec::new();
        if let Some(u) = &self.unit {
            q.push(format!("unit={u}"));
        }
        if let Some(k) = self.kind {
            q.push(format!("kind={}", k.code()));
        }
        if let Some(r) = self.min_rank {
            q.push(format!("rank={}", r.code()));
        }
        if let Some(b) = selected {
            q.push(format!("box={b}"));
        }
        if q.is_empty() { "/talent".into() } else { format!("/talent?{}", q.join("&")) }
    }
}

/// `/talent`: the 9-box of the viewer's scope (everyone for HR and the head, the subtree for a supervisor), or of
/// one unit with its sub-units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TalentPage {
    pub scope_name: String,
    /// The filter applied (a unit only for HR and the head).
    pub filter: TalentFilter,
    /// Units to choose from (HR and the head): (key, name, depth).
    pub units: Vec<(String, String, u32)>,
    /// The performance years used, newest first (their final period closed).
    pub years: Vec<i32>,
    /// The 360° round potential comes from.
    pub round_name: Option<String>,
    pub settings: TalentSettings,
    /// HR may change the settings.
    pub may_configure: bool,
    /// HR and the head calibrate (`/talent/calibrations`).
    pub may_calibrate: bool,
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
    pub missing_education: bool,
}

/// A calibration session as lists show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationInfo {
    pub id: String,
    pub unit: String,
    pub unit_name: String,
    /// The performance year calibrated (its final predikat is the newest the boxes use).
    pub year: i32,
    pub state: CalibrationState,
    /// Who opened it (name) and when (date).
    pub opened_by: String,
    pub opened_at: String,
    pub closed_at: Option<String>,
    /// People in the session and moves made.
    pub people: u32,
    pub moves: u32,
}

/// `/talent/calibrations`: the sessions, the newest first, and what a new one may be opened for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationsPage {
    pub sessions: Vec<CalibrationInfo>,
    /// Units to choose from: (key, name, depth).
    pub units: Vec<(String, String, u32)>,
    /// Closed performance years a session may calibrate, newest first.
    pub years: Vec<i32>,
    pub may_open: bool,
}

/// One person in a calibration session: the box the inputs gave when it opened and the box now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationEntry {
    pub nip: String,
    pub name: String,
    pub position: String,
    pub unit_name: String,
    pub original: u8,
    pub calibrated: u8,
    /// The final predikat per year and the JPM that placed them (the "why" of the original box).
    pub predikats: Vec<(i32, Predikat)>,
    pub jpm: f64,
}

/// One move of a calibration session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationMove {
    pub nip: String,
    pub name: String,
    pub from: u8,
    pub to: u8,
    pub reason: String,
    /// Who moved (name) and when (date and time).
    pub by: String,
    pub at: String,
}

/// `/talent/calibrations/:id?box=`: a session, how its distribution moved, the people (of one box when chosen) and
/// every move.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationPage {
    pub session: CalibrationInfo,
    /// People per box when the session opened and now (index 0 is box 1).
    pub before: Vec<u32>,
    pub after: Vec<u32>,
    /// The box chosen, if any (by the calibrated box).
    pub selected: Option<u8>,
    /// The people listed (at most [`MAX_LISTED`], by name) and how many match.
    pub people: Vec<CalibrationEntry>,
    pub matching: u32,
    pub moves: Vec<CalibrationMove>,
    /// The viewer may move people and close the session (HR and the head, while it is open).
    pub may_change: bool,
}
