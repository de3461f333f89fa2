//! Names of domain values (proficiency levels, JPM categories) as text keys: the domain says what a value is, this
//! layer says what it is called.

use super::T;
use domain::report::{JpmBand, JpmProfile};

/// The name of a proficiency level (1 Paham … 5 Ahli).
pub fn level_name(level: u8) -> T {
    match level {
        1 => T::LevelAwareness,
        2 => T::LevelBasic,
        3 => T::LevelIntermediate,
        4 => T::LevelAdvanced,
        _ => T::LevelExpert,
    }
}

/// The name of a JPM category under a threshold profile.
pub fn band_name(profile: JpmProfile, band: JpmBand) -> T {
    match (profile, band) {
        (JpmProfile::Selection, JpmBand::High) => T::JpmMeets,
        (JpmProfile::Selection, JpmBand::Middle) => T::JpmStillMeets,
        (JpmProfile::Selection, JpmBand::Low) => T::JpmDoesNotMeet,
        (JpmProfile::Mapping, JpmBand::High) => T::JpmOptimal,
        (JpmProfile::Mapping, JpmBand::Middle) => T::JpmFairlyOptimal,
        (JpmProfile::Mapping, JpmBand::Low) => T::JpmLessOptimal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn jpm_categories_are_named_as_the_regulation_names_them() {
        assert_eq!(Lang::Id.t(band_name(JpmProfile::Mapping, JpmBand::Middle)), "Cukup Optimal");
        assert_eq!(Lang::Id.t(band_name(JpmProfile::Selection, JpmBand::Low)), "Kurang Memenuhi Syarat");
        assert_eq!(Lang::En.t(band_name(JpmProfile::Selection, JpmBand::High)), "Meets requirements");
    }

    #[test]
    fn levels_are_named_from_awareness_to_expert() {
        let names: Vec<&str> = (1..=5).map(|l| Lang::Id.t(level_name(l))).collect();
        assert_eq!(names, ["Paham", "Dasar", "Menengah", "Mumpuni", "Ahli"]);
    }
}
