//! What the rater-bias page receives: signals that inform calibration, for HR only. A rater to whom anonymity
//! applies (a peer or a subordinate) is never named: their signals arrive as counts.

use crate::bias::{Divergence, Lean, Leniency};
use crate::view::PeriodInfo;
use serde::{Deserialize, Serialize};

/// `/talent/bias?round=&year=&period=`: the signals of one closed 360° round and of one closed SKP period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BiasPage {
    /// Closed rounds, the newest first: (key, name).
    pub rounds: Vec<(String, String)>,
    /// Closed SKP periods, the newest first.
    pub periods: Vec<PeriodInfo>,
    pub round: Option<RoundBias>,
    pub period: Option<PeriodBias>,
}

/// The signals of a closed 360° round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundBias {
    pub key: String,
    pub name: String,
    /// The anonymity threshold: the fewest co-raters a comparison uses, and the fewest raters a count covers.
    pub threshold: u32,
    /// Submitted assessments read, and the spread of the differences (scale points).
    pub assessments: u32,
    pub spread: Option<f64>,
    /// Raters as supervisors (not anonymous) compared, and those with a signal.
    pub supervisors_compared: u32,
    pub supervisors: Vec<RaterSignal>,
    /// Peers and subordinates as counts only; `None` when fewer than the threshold were compared.
    pub anonymous: Option<AnonymousSignals>,
    pub rings: Vec<RingSignal>,
}

/// A supervisor-rater's signal: leaning against the co-raters of their reports, or one answer to every item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RaterSignal {
    pub nip: String,
    pub name: String,
    pub unit_name: String,
    pub leniency: Option<Leniency>,
    pub lean: Option<Lean>,
    /// Assessments with one answer to every item, of those submitted.
    pub straight: u32,
    pub submitted: u32,
}

/// Signals of anonymous raters, counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnonymousSignals {
    /// Raters with enough co-raters to compare, of whom lenient and strict.
    pub raters: u32,
    pub lenient: u32,
    pub strict: u32,
    /// Assessments, of which straight-lined.
    pub assessments: u32,
    pub straight: u32,
}

/// A reciprocal rating ring: how many people, how far above the other raters they rate each other, and their unit
/// when all share one large enough to name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RingSignal {
    pub size: u32,
    pub lift: f64,
    pub unit_name: Option<String>,
}

/// The signals of an SKP period: supervisors whose predikat differ sharply from the rest of their unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodBias {
    pub period: PeriodInfo,
    /// Supervisors with enough ratings to compare, and those whose predikat diverge sharply.
    pub compared: u32,
    pub supervisors: Vec<SupervisorSignal>,
}

/// A supervisor whose predikat diverge from their unit's, and the unit compared with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupervisorSignal {
    pub nip: String,
    pub name: String,
    pub unit_name: String,
    pub divergence: Divergence,
}
