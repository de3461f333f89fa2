//! The Job Person Match (JPM): how far a person's competencies meet their position's required levels, and the
//! category it falls in under the agency's threshold profile.

use serde::{Deserialize, Serialize};

/// Which JPM threshold profile is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JpmProfile {
    /// Selection (seleksi / uji kompetensi): 80 / 68.
    Selection,
    /// Mapping (pemetaan): 90 / 78.
    Mapping,
}

impl JpmProfile {
    pub fn code(self) -> &'static str {
        match self {
            JpmProfile::Selection => "selection",
            JpmProfile::Mapping => "mapping",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [JpmProfile::Selection, JpmProfile::Mapping].into_iter().find(|p| p.code() == code)
    }
}

/// The three JPM categories, from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JpmBand {
    High,
    Middle,
    Low,
}

/// The JPM settings: the profile in use, both profiles' thresholds (editable) and whether JPM is capped at 100 %.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct JpmSettings {
    pub profile: JpmProfile,
    /// (high, low) for selection: ≥ high Memenuhi Syarat, ≥ low Masih Memenuhi Syarat, otherwise Kurang.
    pub selection: (f64, f64),
    /// (high, low) for mapping: ≥ high Optimal, ≥ low Cukup Optimal, otherwise Kurang Optimal.
    pub mapping: (f64, f64),
    pub cap_at_100: bool,
}

impl Default for JpmSettings {
    fn default() -> Self {
        JpmSettings { profile: JpmProfile::Mapping, selection: (80.0, 68.0), mapping: (90.0, 78.0), cap_at_100: true }
    }
}

impl JpmSettings {
    pub fn bands(&self, profile: JpmProfile) -> (f64, f64) {
        match profile {
            JpmProfile::Selection => self.selection,
            JpmProfile::Mapping => self.mapping,
        }
    }

    pub fn is_valid(&self) -> bool {
        [self.selection, self.mapping].iter().all(|(h, l)| *l > 0.0 && l < h && *h <= 200.0)
    }
}

/// The category of a JPM percentage under a profile's (high, low) thresholds.
pub fn band(percent: f64, (high, low): (f64, f64)) -> JpmBand {
    if percent >= high {
        JpmBand::High
    } else if percent >= low {
        JpmBand::Middle
    } else {
        JpmBand::Low
    }
}

/// A JPM with its inputs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Jpm {
    pub percent: f64,
    /// The percentage before the cap.
    pub raw: f64,
    pub achieved: f64,
    pub required: f64,
    /// Competencies that entered the sums.
    pub counted: u32,
    /// Required competencies left out because they have no score.
    pub unscored: u32,
}

/// JPM = Σ achieved level / Σ required level × 100 % over required competencies that have a score; capped at
/// 100 % when the setting says so. `None` when no required competency has a score.
pub fn jpm(levels: &[(Option<f64>, u8)], cap_at_100: bool) -> Option<Jpm> {
    let (mut achieved, mut required, mut counted, mut unscored) = (0.0, 0.0, 0, 0);
    for (score, req) in levels.iter().filter(|(_, r)| *r > 0) {
        match score {
            Some(s) => {
                achieved += s;
                required += f64::from(*req);
                counted += 1;
            }
            None => unscored += 1,
        }
    }
    if counted == 0 {
        return None;
    }
    let raw = achieved / required * 100.0;
    let percent = if cap_at_100 { raw.min(100.0) } else { raw };
    Some(Jpm { percent, raw, achieved, required, counted, unscored })
}
