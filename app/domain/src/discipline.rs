//! Disciplinary penalties (PP 94/2021) as far as talent management needs them: HR records each penalty with its
//! level and the date of the decision; a moderate or severe penalty within the last two years screens a person out
//! of the succession pool and out of leadership programmes.

use serde::{Deserialize, Serialize};
use time::Date;

/// The level of a penalty (*tingkat hukuman disiplin*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PenaltyLevel {
    /// Ringan: a spoken or written reprimand, a statement of dissatisfaction.
    Light,
    /// Sedang: a cut of the performance allowance.
    Moderate,
    /// Berat: demotion, release from the position, dismissal.
    Severe,
}

impl PenaltyLevel {
    pub const ALL: [PenaltyLevel; 3] = [PenaltyLevel::Light, PenaltyLevel::Moderate, PenaltyLevel::Severe];

    /// The code stored in the database.
    pub const fn code(self) -> &'static str {
        match self {
            PenaltyLevel::Light => "light",
            PenaltyLevel::Moderate => "moderate",
            PenaltyLevel::Severe => "severe",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// Whether a penalty of this level screens a person out (moderate and severe do).
    pub const fn screens(self) -> bool {
        matches!(self, PenaltyLevel::Moderate | PenaltyLevel::Severe)
    }
}

/// Years the screen looks back.
pub const SCREEN_YEARS: u8 = 2;

/// One recorded penalty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Penalty {
    pub id: String,
    pub level: PenaltyLevel,
    /// What was imposed, as the decision names it (e.g. "Pemotongan tunjangan kinerja 25% selama 6 bulan").
    pub kind: String,
    /// The date of the decision (ISO `YYYY-MM-DD`).
    pub decided_on: String,
}

/// The same day `years` years earlier (29 February becomes 28 February).
pub fn years_before(day: Date, years: u8) -> Date {
    let year = day.year() - i32::from(years);
    day.replace_year(year).unwrap_or_else(|_| Date::from_calendar_date(year, day.month(), 28).unwrap_or(day))
}

/// Parses an ISO date.
pub fn parse_date(text: &str) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(text.trim(), &format).ok()
}

/// The penalty that screens a person out on `today`: the newest moderate or severe one decided within the last
/// `years` years (on or after the same day `years` years ago, and not in the future).
pub fn screening(penalties: &[Penalty], today: Date, years: u8) -> Option<&Penalty> {
    let since = years_before(today, years);
    penalties
        .iter()
        .filter(|p| p.level.screens())
        .filter_map(|p| Some((parse_date(&p.decided_on)?, p)))
        .filter(|(d, _)| *d >= since && *d <= today)
        .max_by_key(|(d, _)| *d)
        .map(|(_, p)| p)
}

/// Why a penalty typed into a form is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PenaltyProblem {
    #[error("choose the level of the penalty")]
    Level,
    #[error("name the penalty as the decision does (1–200 characters)")]
    Kind,
    #[error("the decision date must be a date, not in the future")]
    Date,
}

/// A penalty from a form: the level's code, what was imposed and the decision date, checked against `today`.
pub fn parse_penalty(
    level: &str,
    kind: &str,
    decided_on: &str,
    today: Date,
) -> Result<(PenaltyLevel, String, Date), PenaltyProblem> {
    let level = PenaltyLevel::from_code(level.trim()).ok_or(PenaltyProblem::Level)?;
    let kind = kind.trim();
    if kind.is_empty() || kind.chars().count() > 200 {
        return Err(PenaltyProblem::Kind);
    }
    let date = parse_date(decided_on).filter(|d| *d <= today && d.year() >= 1950).ok_or(PenaltyProblem::Date)?;
    Ok((level, kind.to_string(), date))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn penalty(level: PenaltyLevel, on: &str) -> Penalty {
        Penalty { id: on.into(), level, kind: "x".into(), decided_on: on.into() }
    }

    #[test]
    fn only_moderate_or_severe_penalties_of_the_last_two_years_screen() {
        let today = date!(2026 - 12 - 03);
        assert_eq!(screening(&[penalty(PenaltyLevel::Light, "2026-06-01")], today, 2), None);
        assert_eq!(screening(&[penalty(PenaltyLevel::Moderate, "2024-12-02")], today, 2), None, "a day too old");
        let on_the_day = [penalty(PenaltyLevel::Moderate, "2024-12-03")];
        assert_eq!(screening(&on_the_day, today, 2).map(|p| p.id.as_str()), Some("2024-12-03"));
        let both = [penalty(PenaltyLevel::Severe, "2025-01-10"), penalty(PenaltyLevel::Moderate, "2026-02-01")];
        assert_eq!(screening(&both, today, 2).map(|p| p.id.as_str()), Some("2026-02-01"), "the newest one");
        assert_eq!(screening(&[penalty(PenaltyLevel::Severe, "2027-01-01")], today, 2), None, "not in the future");
        assert_eq!(years_before(date!(2028 - 02 - 29), 2), date!(2026 - 02 - 28));
    }

    #[test]
    fn a_penalty_form_is_checked() {
        let today = date!(2026 - 12 - 03);
        assert_eq!(
            parse_penalty("moderate", " Pemotongan tunjangan kinerja ", "2026-01-05", today),
            Ok((PenaltyLevel::Moderate, "Pemotongan tunjangan kinerja".into(), date!(2026 - 01 - 05)))
        );
        assert_eq!(parse_penalty("", "x", "2026-01-05", today), Err(PenaltyProblem::Level));
        assert_eq!(parse_penalty("light", "  ", "2026-01-05", today), Err(PenaltyProblem::Kind));
        assert_eq!(parse_penalty("light", "x", "2027-01-05", today), Err(PenaltyProblem::Date));
        assert_eq!(parse_penalty("light", "x", "5/1/2026", today), Err(PenaltyProblem::Date));
    }
}
