//! The agency's SKP settings, kept by HR: how many days an employee has to object to a rating, how many days the
//! decider has, and the performance allowance (*tunjangan kinerja*) paid per predikat.

use super::Predikat;
use super::evaluation::DEFAULT_ALLOWANCE;
use super::objection::{DEFAULT_DECISION_DAYS, DEFAULT_OBJECTION_DAYS, MAX_WINDOW_DAYS};
use serde::{Deserialize, Serialize};

/// The SKP settings in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkpSettings {
    /// Days after a rating during which the employee may object.
    pub objection_days: u16,
    /// Days the decider has to decide an objection.
    pub decision_days: u16,
    /// The allowance per predikat in percent, best predikat first (one entry per predikat).
    pub allowance: Vec<(Predikat, u8)>,
}

impl Default for SkpSettings {
    fn default() -> Self {
        SkpSettings {
            objection_days: DEFAULT_OBJECTION_DAYS,
            decision_days: DEFAULT_DECISION_DAYS,
            allowance: DEFAULT_ALLOWANCE.to_vec(),
        }
    }
}

/// What is wrong with settings as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SettingsProblem {
    #[error("the number of days must be a whole number from 1 to {MAX_WINDOW_DAYS}")]
    Days,
    #[error("each allowance must be a whole percentage from 0 to 100, one per predikat")]
    Allowance,
}

impl SkpSettings {
    /// Settings from a form: the two windows in days and one allowance percentage per predikat (best first).
    pub fn parse(objection_days: &str, decision_days: &str, allowance: &[&str]) -> Result<Self, SettingsProblem> {
        let days = |s: &str| {
            s.trim().parse::<u16>().ok().filter(|d| (1..=MAX_WINDOW_DAYS).contains(d)).ok_or(SettingsProblem::Days)
        };
        if allowance.len() != Predikat::ALL.len() {
            return Err(SettingsProblem::Allowance);
        }
        let allowance = Predikat::ALL
            .into_iter()
            .zip(allowance)
            .map(|(p, s)| {
                s.trim().parse::<u8>().ok().filter(|v| *v <= 100).map(|v| (p, v)).ok_or(SettingsProblem::Allowance)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(SkpSettings { objection_days: days(objection_days)?, decision_days: days(decision_days)?, allowance })
    }

    /// The allowance paid for `p`, in percent.
    pub fn allowance_of(&self, p: Predikat) -> u8 {
        self.allowance.iter().find(|(q, _)| *q == p).map_or(0, |(_, v)| *v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_parsed_from_a_form_and_bad_values_refused() {
        let s = SkpSettings::parse(" 21 ", "10", &["100", "95", "80", "70", "50"]).unwrap();
        assert_eq!((s.objection_days, s.decision_days), (21, 10));
        assert_eq!(s.allowance_of(Predikat::Baik), 95);
        assert_eq!(s.allowance_of(Predikat::SangatKurang), 50);
        let five = ["100"; 5];
        assert_eq!(SkpSettings::parse("0", "10", &five), Err(SettingsProblem::Days));
        assert_eq!(SkpSettings::parse("91", "10", &five), Err(SettingsProblem::Days));
        assert_eq!(SkpSettings::parse("7", "x", &five), Err(SettingsProblem::Days));
        assert_eq!(SkpSettings::parse("7", "7", &["100"; 4]), Err(SettingsProblem::Allowance));
        assert_eq!(SkpSettings::parse("7", "7", &["100", "101", "1", "1", "1"]), Err(SettingsProblem::Allowance));
        assert_eq!(SkpSettings::parse("7", "7", &["100", "-1", "1", "1", "1"]), Err(SettingsProblem::Allowance));
    }

    #[test]
    fn the_defaults_are_the_regulations_windows_and_the_common_allowance() {
        let d = SkpSettings::default();
        assert_eq!((d.objection_days, d.decision_days), (14, 14));
        assert_eq!(d.allowance_of(Predikat::ButuhPerbaikan), 80);
    }
}
