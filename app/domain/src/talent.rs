//! Talent management (PermenPANRB 3/2020), the pure part: the two axes of the talent matrix and the 9-box.
//! Performance comes from the official predikat of the last closed years (the SKP's final period), potential from
//! the JPM of the latest closed 360° round; each axis has three bands, and the box follows from the pair as
//! DOMAIN.md numbers it:
//!
//! | performance ↓ · potential → | Rendah | Menengah | Tinggi |
//! |---|---|---|---|
//! | Di atas ekspektasi | 4 | 7 | 9 |
//! | Sesuai ekspektasi | 2 | 5 | 8 |
//! | Di bawah ekspektasi | 1 | 3 | 6 |

use crate::skp::{Predikat, Rating};
use serde::{Deserialize, Serialize};

/// A band of the potential axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PotentialBand {
    /// Rendah.
    Low,
    /// Menengah.
    Middle,
    /// Tinggi.
    High,
}

impl PotentialBand {
    pub const ALL: [PotentialBand; 3] = [PotentialBand::Low, PotentialBand::Middle, PotentialBand::High];
}

/// The performance band of one year's final predikat: Sangat Baik is above expectation, Baik meets it, the rest is
/// below.
pub const fn year_band(p: Predikat) -> Rating {
    match p {
        Predikat::SangatBaik => Rating::Above,
        Predikat::Baik => Rating::Meets,
        _ => Rating::Below,
    }
}

const fn score(r: Rating) -> u32 {
    match r {
        Rating::Below => 1,
        Rating::Meets => 2,
        Rating::Above => 3,
    }
}

/// The performance axis over the years considered: each year's band scored 1–3 and averaged; a mean exactly
/// between two bands takes the lower one (so Sangat Baik then Baik is "meets", Baik then Butuh Perbaikan is
/// "below"). `None` without any year.
pub fn performance_band(years: &[Predikat]) -> Option<Rating> {
    if years.is_empty() {
        return None;
    }
    let n = years.len() as u32;
    let sum: u32 = years.iter().map(|p| score(year_band(*p))).sum();
    Some(if 2 * sum > 5 * n {
        Rating::Above
    } else if 2 * sum > 3 * n {
        Rating::Meets
    } else {
        Rating::Below
    })
}

/// The potential band of a JPM percentage under the settings' thresholds (Tinggi ≥ high, Menengah ≥ low).
pub fn potential_band(jpm: f64, settings: &TalentSettings) -> PotentialBand {
    if jpm >= settings.potential_high {
        PotentialBand::High
    } else if jpm >= settings.potential_low {
        PotentialBand::Middle
    } else {
        PotentialBand::Low
    }
}

/// The box (1–9) of a performance and a potential band.
pub const fn nine_box(performance: Rating, potential: PotentialBand) -> u8 {
    match (performance, potential) {
        (Rating::Above, PotentialBand::Low) => 4,
        (Rating::Above, PotentialBand::Middle) => 7,
        (Rating::Above, PotentialBand::High) => 9,
        (Rating::Meets, PotentialBand::Low) => 2,
        (Rating::Meets, PotentialBand::Middle) => 5,
        (Rating::Meets, PotentialBand::High) => 8,
        (Rating::Below, PotentialBand::Low) => 1,
        (Rating::Below, PotentialBand::Middle) => 3,
        (Rating::Below, PotentialBand::High) => 6,
    }
}

/// The two bands of a box, the inverse of [`nine_box`].
pub fn box_axes(number: u8) -> Option<(Rating, PotentialBand)> {
    Rating::ALL
        .into_iter()
        .flat_map(|r| PotentialBand::ALL.into_iter().map(move |p| (r, p)))
        .find(|(r, p)| nine_box(*r, *p) == number)
}

/// The boxes as the grid shows them: performance from above to below (rows), potential from low to high (columns).
pub const GRID: [[u8; 3]; 3] = [[4, 7, 9], [2, 5, 8], [1, 3, 6]];

/// Boxes 7, 8 and 9 form the succession pool.
pub const fn in_succession_pool(number: u8) -> bool {
    matches!(number, 7..=9)
}

/// The follow-up the regulation's practice recommends for a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUp {
    /// 9: promote, retain, first in succession.
    PromoteRetain,
    /// 8 and 7: succession with rotation and development.
    Succession,
    /// 4: rotation to a post that uses the performance.
    Rotation,
    /// 6, 5, 3, 2: coaching and development.
    Develop,
    /// 1: handled under the discipline rules.
    Discipline,
}

/// The follow-up for a box (`None` outside 1–9).
pub const fn follow_up(number: u8) -> Option<FollowUp> {
    match number {
        9 => Some(FollowUp::PromoteRetain),
        7 | 8 => Some(FollowUp::Succession),
        4 => Some(FollowUp::Rotation),
        2 | 3 | 5 | 6 => Some(FollowUp::Develop),
        1 => Some(FollowUp::Discipline),
        _ => None,
    }
}

/// How the axes are formed; kept by HR, every change a new version.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TalentSettings {
    /// Counts the saved changes (1 for the defaults).
    pub version: u32,
    /// How many of the last closed performance years the performance axis uses (1–3).
    pub years: u8,
    /// JPM at or above which potential is Tinggi.
    pub potential_high: f64,
    /// JPM at or above which potential is Menengah.
    pub potential_low: f64,
}

impl Default for TalentSettings {
    fn default() -> Self {
        TalentSettings { version: 1, years: 2, potential_high: 90.0, potential_low: 78.0 }
    }
}

/// Why talent settings typed into a form are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TalentSettingsProblem {
    #[error("the performance axis uses 1 to 3 years")]
    Years,
    #[error("the potential thresholds must be numbers with 0 < Menengah < Tinggi ≤ 100")]
    Thresholds,
}

impl TalentSettings {
    /// New settings from a form (a decimal comma is accepted), as the version after `self`.
    pub fn parse(&self, years: &str, high: &str, low: &str) -> Result<TalentSettings, TalentSettingsProblem> {
        let years =
            years.trim().parse::<u8>().ok().filter(|y| (1..=3).contains(y)).ok_or(TalentSettingsProblem::Years)?;
        let number = |s: &str| s.trim().replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite());
        let (high, low) = (number(high), number(low));
        let (Some(high), Some(low)) = (high, low) else { return Err(TalentSettingsProblem::Thresholds) };
        if !(low > 0.0 && low < high && high <= 100.0) {
            return Err(TalentSettingsProblem::Thresholds);
        }
        Ok(TalentSettings { version: self.version + 1, years, potential_high: high, potential_low: low })
    }
}

/// A calibration session: open while its members move people between boxes, closed once the calibrated boxes are
/// fixed (final).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalibrationState {
    Open,
    Closed,
}

impl CalibrationState {
    pub const fn code(self) -> &'static str {
        match self {
            CalibrationState::Open => "open",
            CalibrationState::Closed => "closed",
        }
    }
}

/// The shortest written reason a calibration move takes (a word or two explains nothing).
pub const MOVE_REASON_MIN: usize = 10;
/// The longest.
pub const MOVE_REASON_MAX: usize = 2000;

/// Why a calibration move is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MoveProblem {
    #[error("the box must be 1 to 9")]
    Box,
    #[error("the person is already in that box")]
    Unchanged,
    #[error("a move needs a written reason of 10 to 2000 characters")]
    Reason,
}

/// Checks a move of someone in box `current` to box `to` with `reason`; returns the reason trimmed.
pub fn check_move(current: u8, to: u8, reason: &str) -> Result<String, MoveProblem> {
    if !(1..=9).contains(&to) {
        return Err(MoveProblem::Box);
    }
    if to == current {
        return Err(MoveProblem::Unchanged);
    }
    let reason = reason.trim();
    let chars = reason.chars().count();
    if !(MOVE_REASON_MIN..=MOVE_REASON_MAX).contains(&chars) {
        return Err(MoveProblem::Reason);
    }
    Ok(reason.to_string())
}

/// People per box (index 0 is box 1); numbers outside 1–9 are not counted.
pub fn distribution(boxes: impl IntoIterator<Item = u8>) -> Vec<u32> {
    let mut counts = vec![0u32; 9];
    for b in boxes {
        if let Some(c) = counts.get_mut(usize::from(b.wrapping_sub(1))) {
            *c += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_box_is_where_the_regulation_puts_it() {
        use PotentialBand::*;
        use Rating::*;
        let table = [
            ((Above, Low), 4),
            ((Above, Middle), 7),
            ((Above, High), 9),
            ((Meets, Low), 2),
            ((Meets, Middle), 5),
            ((Meets, High), 8),
            ((Below, Low), 1),
            ((Below, Middle), 3),
            ((Below, High), 6),
        ];
        for ((r, p), n) in table {
            assert_eq!(nine_box(r, p), n, "{r:?} × {p:?}");
            assert_eq!(box_axes(n), Some((r, p)));
        }
        let mut all: Vec<u8> = table.iter().map(|(_, n)| *n).collect();
        all.sort();
        assert_eq!(all, (1..=9).collect::<Vec<_>>(), "nine different boxes");
        assert_eq!(box_axes(0), None);
        assert_eq!(box_axes(10), None);
        // The grid is the table, row by row.
        for (row, r) in GRID.iter().zip([Above, Meets, Below]) {
            for (n, p) in row.iter().zip(PotentialBand::ALL) {
                assert_eq!(*n, nine_box(r, p));
            }
        }
        assert_eq!((1..=9).filter(|n| in_succession_pool(*n)).collect::<Vec<_>>(), [7, 8, 9]);
        assert_eq!(follow_up(9), Some(FollowUp::PromoteRetain));
        assert_eq!(follow_up(1), Some(FollowUp::Discipline));
        assert_eq!(follow_up(4), Some(FollowUp::Rotation));
        assert!((1..=9).all(|n| follow_up(n).is_some()));
    }

    #[test]
    fn performance_over_years_takes_the_lower_band_at_a_tie() {
        use Predikat::*;
        assert_eq!(performance_band(&[]), None);
        assert_eq!(performance_band(&[SangatBaik]), Some(Rating::Above));
        assert_eq!(performance_band(&[Baik]), Some(Rating::Meets));
        assert_eq!(performance_band(&[Kurang]), Some(Rating::Below));
        assert_eq!(performance_band(&[SangatBaik, SangatBaik]), Some(Rating::Above));
        assert_eq!(performance_band(&[SangatBaik, Baik]), Some(Rating::Meets));
        assert_eq!(performance_band(&[Baik, ButuhPerbaikan]), Some(Rating::Below));
        assert_eq!(performance_band(&[SangatBaik, SangatKurang]), Some(Rating::Meets));
        assert_eq!(performance_band(&[SangatBaik, SangatBaik, Baik]), Some(Rating::Above));
    }

    #[test]
    fn potential_bands_meet_their_thresholds_exactly() {
        let s = TalentSettings::default();
        assert_eq!(potential_band(90.0, &s), PotentialBand::High);
        assert_eq!(potential_band(89.99, &s), PotentialBand::Middle);
        assert_eq!(potential_band(78.0, &s), PotentialBand::Middle);
        assert_eq!(potential_band(77.99, &s), PotentialBand::Low);
    }

    #[test]
    fn settings_are_parsed_and_bad_ones_refused() {
        let s = TalentSettings::default().parse(" 1 ", "85,5", "70").unwrap();
        assert_eq!((s.version, s.years, s.potential_high, s.potential_low), (2, 1, 85.5, 70.0));
        let d = TalentSettings::default();
        assert_eq!(d.parse("0", "90", "78"), Err(TalentSettingsProblem::Years));
        assert_eq!(d.parse("4", "90", "78"), Err(TalentSettingsProblem::Years));
        for (h, l) in [("78", "90"), ("90", "90"), ("101", "78"), ("90", "0"), ("x", "78"), ("NaN", "1"), ("inf", "78")]
        {
            assert_eq!(d.parse("2", h, l), Err(TalentSettingsProblem::Thresholds), "{h} {l}");
        }
    }

    fn predikat() -> impl Strategy<Value = Predikat> {
        prop::sample::select(Predikat::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn the_performance_axis_ignores_the_order_of_years(mut years in prop::collection::vec(predikat(), 1..4)) {
            let band = performance_band(&years);
            years.reverse();
            prop_assert_eq!(performance_band(&years), band);
        }

        #[test]
        fn a_better_year_never_lowers_the_performance_axis(
            years in prop::collection::vec(predikat(), 1..4),
            at in 0usize..3,
        ) {
            let at = at % years.len();
            let band = performance_band(&years);
            let mut better = years.clone();
            better[at] = Predikat::SangatBaik;
            prop_assert!(performance_band(&better) >= band);
        }

        #[test]
        fn a_higher_jpm_never_lowers_the_potential_axis(a in 0.0f64..120.0, b in 0.0f64..120.0) {
            let s = TalentSettings::default();
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(potential_band(lo, &s) <= potential_band(hi, &s));
        }
    }

    #[test]
    fn a_move_needs_another_box_and_a_written_reason() {
        assert_eq!(check_move(5, 8, "  Kinerja tahun ini luar biasa  "), Ok("Kinerja tahun ini luar biasa".into()));
        assert_eq!(check_move(5, 0, "Kinerja tahun ini luar biasa"), Err(MoveProblem::Box));
        assert_eq!(check_move(5, 10, "Kinerja tahun ini luar biasa"), Err(MoveProblem::Box));
        assert_eq!(check_move(5, 5, "Kinerja tahun ini luar biasa"), Err(MoveProblem::Unchanged));
        assert_eq!(check_move(5, 8, "   ok      "), Err(MoveProblem::Reason));
        assert_eq!(check_move(5, 8, &"x".repeat(MOVE_REASON_MAX + 1)), Err(MoveProblem::Reason));
        assert!(check_move(5, 8, &"é".repeat(MOVE_REASON_MAX)).is_ok(), "characters, not bytes");
    }

    proptest! {
        #[test]
        fn a_distribution_counts_everyone_in_a_box(boxes in prop::collection::vec(0u8..12, 0..200)) {
            let d = distribution(boxes.iter().copied());
            prop_assert_eq!(d.len(), 9);
            prop_assert_eq!(d.iter().sum::<u32>() as usize, boxes.iter().filter(|b| (1..=9).contains(*b)).count());
            for n in 1..=9u8 {
                prop_assert_eq!(d[usize::from(n - 1)] as usize, boxes.iter().filter(|b| **b == n).count());
            }
        }
    }
}
