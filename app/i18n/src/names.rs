//! Names of domain values (proficiency levels, JPM categories) as text keys: the domain says what a value is, this
//! layer says what it is called.

use super::T;
use domain::report::{JpmBand, JpmProfile};
use domain::skp::{CoreValue, ObjectionState, OrgPredikat, Predikat, Rating};

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

/// The name of a rating of results or behaviour.
pub fn rating_name(r: Rating) -> T {
    match r {
        Rating::Below => T::RatingBelow,
        Rating::Meets => T::RatingMeets,
        Rating::Above => T::RatingAbove,
    }
}

/// The name of an objection's state.
pub fn objection_state_name(s: ObjectionState) -> T {
    match s {
        ObjectionState::Filed => T::SkpObjectionFiled,
        ObjectionState::Upheld => T::SkpObjectionUpheld,
        ObjectionState::Rejected => T::SkpObjectionRejected,
    }
}

/// The name of a work plan's state.
pub fn skp_status_name(s: domain::skp::SkpStatus) -> T {
    use domain::skp::SkpStatus;
    match s {
        SkpStatus::Draft => T::SkpStatusDraft,
        SkpStatus::Submitted => T::SkpStatusSubmitted,
        SkpStatus::Returned => T::SkpStatusReturned,
        SkpStatus::Approved => T::SkpStatusApproved,
    }
}

/// The name of an employee's predikat.
pub fn predikat_name(p: Predikat) -> T {
    match p {
        Predikat::SangatBaik => T::PredikatSangatBaik,
        Predikat::Baik => T::PredikatBaik,
        Predikat::ButuhPerbaikan => T::PredikatButuhPerbaikan,
        Predikat::Kurang => T::PredikatKurang,
        Predikat::SangatKurang => T::PredikatSangatKurang,
    }
}

/// The name of a unit's organisational predikat.
pub fn org_predikat_name(p: OrgPredikat) -> T {
    match p {
        OrgPredikat::Istimewa => T::OrgIstimewa,
        OrgPredikat::Baik => T::PredikatBaik,
        OrgPredikat::ButuhPerbaikan => T::PredikatButuhPerbaikan,
        OrgPredikat::Kurang => T::PredikatKurang,
        OrgPredikat::SangatKurang => T::PredikatSangatKurang,
    }
}

/// The name of a BerAKHLAK core value and its three behaviour guides (*panduan perilaku*).
pub fn core_value(v: CoreValue) -> (T, [T; 3]) {
    match v {
        CoreValue::BerorientasiPelayanan => {
            (T::ValueBerorientasiPelayanan, [T::GuidePelayanan1, T::GuidePelayanan2, T::GuidePelayanan3])
        }
        CoreValue::Akuntabel => (T::ValueAkuntabel, [T::GuideAkuntabel1, T::GuideAkuntabel2, T::GuideAkuntabel3]),
        CoreValue::Kompeten => (T::ValueKompeten, [T::GuideKompeten1, T::GuideKompeten2, T::GuideKompeten3]),
        CoreValue::Harmonis => (T::ValueHarmonis, [T::GuideHarmonis1, T::GuideHarmonis2, T::GuideHarmonis3]),
        CoreValue::Loyal => (T::ValueLoyal, [T::GuideLoyal1, T::GuideLoyal2, T::GuideLoyal3]),
        CoreValue::Adaptif => (T::ValueAdaptif, [T::GuideAdaptif1, T::GuideAdaptif2, T::GuideAdaptif3]),
        CoreValue::Kolaboratif => {
            (T::ValueKolaboratif, [T::GuideKolaboratif1, T::GuideKolaboratif2, T::GuideKolaboratif3])
        }
    }
}

/// The name of a potential band.
pub fn potential_name(p: domain::talent::PotentialBand) -> T {
    match p {
        domain::talent::PotentialBand::Low => T::PotentialLow,
        domain::talent::PotentialBand::Middle => T::PotentialMiddle,
        domain::talent::PotentialBand::High => T::PotentialHigh,
    }
}

/// The recommended follow-up of a talent box.
pub fn follow_up_name(f: domain::talent::FollowUp) -> T {
    match f {
        domain::talent::FollowUp::PromoteRetain => T::FollowUpPromote,
        domain::talent::FollowUp::Succession => T::FollowUpSuccession,
        domain::talent::FollowUp::Rotation => T::FollowUpRotation,
        domain::talent::FollowUp::Develop => T::FollowUpDevelop,
        domain::talent::FollowUp::Discipline => T::FollowUpDiscipline,
    }
}

/// The name of a disciplinary penalty's level.
pub fn penalty_level_name(l: domain::discipline::PenaltyLevel) -> T {
    match l {
        domain::discipline::PenaltyLevel::Light => T::PenaltyLight,
        domain::discipline::PenaltyLevel::Moderate => T::PenaltyModerate,
        domain::discipline::PenaltyLevel::Severe => T::PenaltySevere,
    }
}

/// The name of a condition's outcome.
pub fn check_name(c: domain::programme::Check) -> T {
    match c {
        domain::programme::Check::Met => T::CheckMet,
        domain::programme::Check::NotMet => T::CheckNotMet,
        domain::programme::Check::NoData => T::CheckNoData,
    }
}

/// A programme condition in words.
pub fn condition_text(
    c: &domain::programme::Condition,
    programme: domain::programme::Programme,
    lang: crate::Lang,
) -> String {
    use domain::programme::Condition;
    let list = |items: Vec<String>| items.join(", ");
    match c {
        Condition::Position { any_of } => {
            lang.fill(T::CondPosition, &[("list", &list(any_of.iter().map(|k| k.label().to_string()).collect()))])
        }
        Condition::MinRank { rank } => lang.fill(T::CondMinRank, &[("rank", &rank.code())]),
        Condition::MinMonthsInRank { months } => {
            lang.fill(T::CondMinMonthsInRank, &[("years", &crate::format::num(f64::from(*months) / 12.0, lang))])
        }
        Condition::MaxAge { years } => lang.fill(T::CondMaxAge, &[("n", years)]),
        Condition::MinPredikat { years, at_least } => {
            lang.fill(T::CondMinPredikat, &[("years", years), ("predikat", &lang.t(predikat_name(*at_least)))])
        }
        Condition::TalentBox { any_of } => {
            lang.fill(T::CondTalentBox, &[("list", &list(any_of.iter().map(ToString::to_string).collect()))])
        }
        Condition::NoPenalty { years } => lang.fill(T::CondNoPenalty, &[("n", years)]),
        Condition::NotCompleted => lang.fill(T::CondNotCompleted, &[("programme", &programme.short_name())]),
    }
}

/// What a condition was checked against, in words.
pub fn seen_text(s: &domain::programme::Seen, lang: crate::Lang) -> String {
    use domain::programme::Seen;
    match s {
        Seen::Nothing => lang.t(T::SeenNothing).to_string(),
        Seen::Position { position } => position.label().to_string(),
        Seen::Rank { rank } => rank.code().to_string(),
        Seen::Months { months } => lang.fill(T::SeenMonths, &[("y", &(months / 12)), ("m", &(months % 12))]),
        Seen::Age { years } => lang.fill(T::SeenAge, &[("n", years)]),
        Seen::Predikats { years } => years
            .iter()
            .map(|(y, p)| format!("{y}: {}", p.map_or(lang.t(T::SeenNotRated), |p| lang.t(predikat_name(p)))))
            .collect::<Vec<_>>()
            .join("; "),
        Seen::Box { number } => lang.fill(T::TalentBox, &[("n", number)]),
        Seen::Penalty { level, decided_on } => format!("{} ({decided_on})", lang.t(penalty_level_name(*level))),
        Seen::NoPenalty => lang.t(T::SeenNoPenalty).to_string(),
        Seen::Completed { done } => lang.t(if *done { T::SeenCompleted } else { T::SeenNotCompleted }).to_string(),
    }
}

/// The name of a nomination's state.
pub fn nomination_state_name(s: domain::programme::NominationState) -> T {
    match s {
        domain::programme::NominationState::Nominated => T::NominationNominated,
        domain::programme::NominationState::SupervisorConfirmed => T::NominationSupervisorConfirmed,
        domain::programme::NominationState::Confirmed => T::NominationConfirmed,
        domain::programme::NominationState::Declined => T::NominationDeclined,
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
    fn every_core_value_has_its_own_name_and_three_guides() {
        let mut seen = std::collections::HashSet::new();
        for v in CoreValue::ALL {
            let (name, guides) = core_value(v);
            assert!(seen.insert(Lang::Id.t(name)), "{v:?}");
            for g in guides {
                assert!(seen.insert(Lang::Id.t(g)), "{v:?}: a guide is used twice");
            }
        }
        assert_eq!(Lang::Id.t(predikat_name(Predikat::Kurang)), "Kurang/Misconduct");
        assert_eq!(Lang::En.t(rating_name(Rating::Meets)), "Meets expectations");
    }

    #[test]
    fn levels_are_named_from_awareness_to_expert() {
        let names: Vec<&str> = (1..=5).map(|l| Lang::Id.t(level_name(l))).collect();
        assert_eq!(names, ["Paham", "Dasar", "Menengah", "Mumpuni", "Ahli"]);
    }
}
