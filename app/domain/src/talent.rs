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

use crate::Education;
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

/// The potential band of a potential score under the settings' thresholds (Tinggi ≥ high, Menengah ≥ low).
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

/// How the potential axis weighs its three parts, in percent (summing to 100): competency (the JPM), qualification
/// (the highest education) and track record (competency development completed). The default is the competency
/// alone; the national guidance's even split is, for example, competency 50 and the other two 25 each. Settings
/// keep the competency's weight at least 1, so that whoever is placed has a JPM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PotentialWeights {
    pub competency: u8,
    pub qualification: u8,
    pub track_record: u8,
}

impl Default for PotentialWeights {
    fn default() -> Self {
        PotentialWeights { competency: 100, qualification: 0, track_record: 0 }
    }
}

impl PotentialWeights {
    /// Whether potential is the JPM alone.
    pub const fn competency_only(&self) -> bool {
        self.qualification == 0 && self.track_record == 0
    }
}

/// The qualification score (0–100) of an education level: S-3 100, S-2 90, S-1 and D-IV 80, D-III 70, D-I and
/// D-II 60, SMA 50, SMP 40, SD 30.
pub const fn qualification_score(e: Education) -> f64 {
    match e {
        Education::S3 => 100.0,
        Education::S2 => 90.0,
        Education::S1 | Education::D4 => 80.0,
        Education::D3 => 70.0,
        Education::D1 | Education::D2 => 60.0,
        Education::Sma => 50.0,
        Education::Smp => 40.0,
        Education::Sd => 30.0,
    }
}

/// The lesson hours (JP) of competency development every civil servant is due each year (PP 17/2020, art. 203).
pub const TRAINING_JP_PER_YEAR: u32 = 20;
/// The years the track record looks back on.
pub const TRACK_RECORD_YEARS: u32 = 2;

/// The track-record score (0–100): the lesson hours of development completed in the last
/// [`TRACK_RECORD_YEARS`] against what was due, capped at 100.
pub fn track_record_score(jp: u32) -> f64 {
    let due = f64::from(TRAINING_JP_PER_YEAR * TRACK_RECORD_YEARS);
    (f64::from(jp) / due * 100.0).min(100.0)
}

/// What the potential axis of one person is formed from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PotentialInputs {
    /// The JPM of the latest closed 360° round.
    pub jpm: Option<f64>,
    pub education: Option<Education>,
    /// Lesson hours of development completed in the last [`TRACK_RECORD_YEARS`].
    pub training_jp: u32,
}

/// Which part of the potential axis is missing for someone (only parts with a weight are needed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PotentialMissing {
    pub jpm: bool,
    pub education: bool,
}

/// The potential score (0–100 for JPM within 100): the weighted mean of the parts; a part with weight 0 is not
/// needed, a weighted part without data makes the score missing (never guessed).
pub fn potential_score(inputs: &PotentialInputs, w: &PotentialWeights) -> Result<f64, PotentialMissing> {
    let missing = PotentialMissing {
        jpm: w.competency > 0 && inputs.jpm.is_none(),
        education: w.qualification > 0 && inputs.education.is_none(),
    };
    if missing.jpm || missing.education {
        return Err(missing);
    }
    if w.competency == 100 {
        // Exactly the JPM (no rounding through the weighted sum).
        return Ok(inputs.jpm.unwrap_or(0.0));
    }
    let part = |weight: u8, value: f64| f64::from(weight) * value;
    let sum = part(w.competency, inputs.jpm.unwrap_or(0.0))
        + part(w.qualification, inputs.education.map(qualification_score).unwrap_or(0.0))
        + part(w.track_record, track_record_score(inputs.training_jp));
    Ok(sum / 100.0)
}

/// How the axes are formed; kept by HR, every change a new version.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TalentSettings {
    /// Counts the saved changes (1 for the defaults).
    pub version: u32,
    /// How many of the last closed performance years the performance axis uses (1–3).
    pub years: u8,
    /// Potential score at or above which potential is Tinggi.
    pub potential_high: f64,
    /// Potential score at or above which potential is Menengah.
    pub potential_low: f64,
    /// How the potential score weighs its parts (settings saved before weights existed: the JPM alone).
    #[serde(default)]
    pub weights: PotentialWeights,
}

impl Default for TalentSettings {
    fn default() -> Self {
        TalentSettings {
            version: 1,
            years: 2,
            potential_high: 90.0,
            potential_low: 78.0,
            weights: PotentialWeights::default(),
        }
    }
}

/// Why talent settings typed into a form are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TalentSettingsProblem {
    #[error("the performance axis uses 1 to 3 years")]
    Years,
    #[error("the potential thresholds must be numbers with 0 < Menengah < Tinggi ≤ 100")]
    Thresholds,
    #[error("the weights must be whole numbers that add up to 100, the competency's at least 1")]
    Weights,
}

/// The talent settings as a form sends them; without weights (a client that does not send them) the weights stay.
#[derive(Debug, Clone, Copy)]
pub struct SettingsForm<'a> {
    pub years: &'a str,
    pub high: &'a str,
    pub low: &'a str,
    pub weights: Option<[&'a str; 3]>,
}

impl TalentSettings {
    /// New settings from a form (a decimal comma is accepted; an empty weight is 0), as the version after `self`.
    pub fn parse(&self, form: &SettingsForm) -> Result<TalentSettings, TalentSettingsProblem> {
        let years =
            form.years.trim().parse::<u8>().ok().filter(|y| (1..=3).contains(y)).ok_or(TalentSettingsProblem::Years)?;
        let number = |s: &str| s.trim().replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite());
        let (high, low) = (number(form.high), number(form.low));
        let (Some(high), Some(low)) = (high, low) else { return Err(TalentSettingsProblem::Thresholds) };
        if !(low > 0.0 && low < high && high <= 100.0) {
            return Err(TalentSettingsProblem::Thresholds);
        }
        let weight = |s: &str| match s.trim() {
            "" => Some(0),
            t => t.parse::<u8>().ok().filter(|w| *w <= 100),
        };
        let parsed = match form.weights {
            Some([c, q, t]) => (weight(c), weight(q), weight(t)),
            None => (Some(self.weights.competency), Some(self.weights.qualification), Some(self.weights.track_record)),
        };
        let (Some(competency), Some(qualification), Some(track_record)) = parsed else {
            return Err(TalentSettingsProblem::Weights);
        };
        // The competency assessment always counts: it is what the regulation forms potential from.
        if competency == 0 || u32::from(competency) + u32::from(qualification) + u32::from(track_record) != 100 {
            return Err(TalentSettingsProblem::Weights);
        }
        Ok(TalentSettings {
            version: self.version + 1,
            years,
            potential_high: high,
            potential_low: low,
            weights: PotentialWeights { competency, qualification, track_record },
        })
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

    fn form<'a>(years: &'a str, high: &'a str, low: &'a str) -> SettingsForm<'a> {
        SettingsForm { years, high, low, weights: Some(["100", "", "0"]) }
    }

    #[test]
    fn settings_are_parsed_and_bad_ones_refused() {
        let s = TalentSettings::default().parse(&form(" 1 ", "85,5", "70")).unwrap();
        assert_eq!((s.version, s.years, s.potential_high, s.potential_low), (2, 1, 85.5, 70.0));
        assert_eq!(s.weights, PotentialWeights::default());
        let d = TalentSettings::default();
        assert_eq!(d.parse(&form("0", "90", "78")), Err(TalentSettingsProblem::Years));
        assert_eq!(d.parse(&form("4", "90", "78")), Err(TalentSettingsProblem::Years));
        for (h, l) in [("78", "90"), ("90", "90"), ("101", "78"), ("90", "0"), ("x", "78"), ("NaN", "1"), ("inf", "78")]
        {
            assert_eq!(d.parse(&form("2", h, l)), Err(TalentSettingsProblem::Thresholds), "{h} {l}");
        }
        let even = SettingsForm { weights: Some(["50", " 25 ", "25"]), ..form("2", "90", "78") };
        let even = d.parse(&even).unwrap();
        assert_eq!(even.weights, PotentialWeights { competency: 50, qualification: 25, track_record: 25 });
        let kept = even.parse(&SettingsForm { weights: None, ..form("1", "90", "78") }).unwrap();
        assert_eq!((kept.version, kept.years, kept.weights), (3, 1, even.weights), "weights not sent stay");
        for (c, q, t) in [
            ("50", "25", "24"),
            ("60", "50", "0"),
            ("0", "50", "50"),
            ("-10", "60", "50"),
            ("50.5", "49.5", "0"),
            ("x", "", ""),
        ] {
            let f = SettingsForm { weights: Some([c, q, t]), ..form("2", "90", "78") };
            assert_eq!(d.parse(&f), Err(TalentSettingsProblem::Weights), "{c} {q} {t}");
        }
    }

    #[test]
    fn settings_saved_before_weights_read_as_the_jpm_alone() {
        let old = r#"{"version":3,"years":1,"potential_high":85.0,"potential_low":70.0}"#;
        let s: TalentSettings = serde_json::from_str(old).unwrap();
        assert_eq!((s.version, s.weights), (3, PotentialWeights::default()));
    }

    #[test]
    fn potential_needs_only_the_weighted_parts() {
        let w = PotentialWeights::default();
        let none = PotentialInputs { jpm: None, education: None, training_jp: 0 };
        assert_eq!(potential_score(&none, &w), Err(PotentialMissing { jpm: true, education: false }));
        let even = PotentialWeights { competency: 50, qualification: 25, track_record: 25 };
        assert_eq!(potential_score(&none, &even), Err(PotentialMissing { jpm: true, education: true }));
        let only_school = PotentialWeights { competency: 0, qualification: 100, track_record: 0 };
        let s2 = PotentialInputs { education: Some(Education::S2), ..none };
        assert_eq!(potential_score(&s2, &only_school), Ok(90.0));
        // JPM 80, S-1 (80), 20 JP of the 40 due (50): 40 + 20 + 12.5.
        let p = PotentialInputs { jpm: Some(80.0), education: Some(Education::S1), training_jp: 20 };
        assert_eq!(potential_score(&p, &even), Ok(72.5));
        assert_eq!(track_record_score(0), 0.0);
        assert_eq!(track_record_score(40), 100.0);
        assert_eq!(track_record_score(400), 100.0, "capped");
        let mut sorted = Education::ALL;
        sorted.sort_by(|a, b| qualification_score(*a).total_cmp(&qualification_score(*b)));
        assert_eq!(sorted, Education::ALL, "a higher education never scores lower");
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
        fn the_jpm_alone_is_the_potential_by_default(jpm in 0.0f64..120.0, jp in 0u32..200, e in 0usize..10) {
            let inputs = PotentialInputs { jpm: Some(jpm), education: Some(Education::ALL[e]), training_jp: jp };
            prop_assert_eq!(potential_score(&inputs, &PotentialWeights::default()), Ok(jpm));
        }

        #[test]
        fn better_inputs_never_lower_the_potential(
            c in 0u8..=100, q in 0u8..=100,
            jpm in 0.0f64..100.0, more_jpm in 0.0f64..20.0,
            e in 0usize..10, better in 0usize..10,
            jp in 0u32..100, more_jp in 0u32..100,
        ) {
            let q = q.min(100 - c);
            let w = PotentialWeights { competency: c, qualification: q, track_record: 100 - c - q };
            let base = PotentialInputs { jpm: Some(jpm), education: Some(Education::ALL[e]), training_jp: jp };
            let up = PotentialInputs {
                jpm: Some(jpm + more_jpm),
                education: Some(Education::ALL[e.max(better)]),
                training_jp: jp + more_jp,
            };
            let (a, b) = (potential_score(&base, &w).unwrap(), potential_score(&up, &w).unwrap());
            prop_assert!(a <= b + 1e-9, "{} > {}", a, b);
            prop_assert!((0.0..=100.0 + 1e-9).contains(&a), "within 0–100: {}", a);
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
