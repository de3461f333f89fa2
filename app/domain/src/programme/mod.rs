//! Leadership programmes (Pelatihan Kepemimpinan, LAN) and who may join them. Eligibility is data: each programme
//! has a versioned rule set (kept by HR) of conditions every candidate must meet (`common`) and alternative routes
//! (`routes`, any one of which suffices, each a list of conditions). One rule engine evaluates a person's facts
//! against a rule set and explains every condition: met, not met or no data, with the value it saw.

use crate::discipline::{Penalty, PenaltyLevel, screening};
use crate::skp::Predikat;
use crate::{PositionKind, Rank};
use serde::{Deserialize, Serialize};
use time::Date;

pub mod text;

/// A leadership programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Programme {
    /// Pelatihan Kepemimpinan Pengawas.
    Pkp,
    /// Pelatihan Kepemimpinan Administrator.
    Pka,
    /// Pelatihan Kepemimpinan Nasional Tingkat II.
    Pkn2,
    /// Pelatihan Kepemimpinan Nasional Tingkat I.
    Pkn1,
}

impl Programme {
    /// Junior first.
    pub const ALL: [Programme; 4] = [Programme::Pkp, Programme::Pka, Programme::Pkn2, Programme::Pkn1];

    pub const fn code(self) -> &'static str {
        match self {
            Programme::Pkp => "pkp",
            Programme::Pka => "pka",
            Programme::Pkn2 => "pkn2",
            Programme::Pkn1 => "pkn1",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code.trim())
    }

    /// The short official name.
    pub const fn short_name(self) -> &'static str {
        match self {
            Programme::Pkp => "PKP",
            Programme::Pka => "PKA",
            Programme::Pkn2 => "PKN Tingkat II",
            Programme::Pkn1 => "PKN Tingkat I",
        }
    }

    /// The position the programme prepares for (its target competency standard).
    pub const fn target(self) -> PositionKind {
        match self {
            Programme::Pkp => PositionKind::Pengawas,
            Programme::Pka => PositionKind::Administrator,
            Programme::Pkn2 => PositionKind::JptPratama,
            Programme::Pkn1 => PositionKind::JptMadya,
        }
    }
}

/// One condition of a rule set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Condition {
    /// The current position is one of these.
    Position { any_of: Vec<PositionKind> },
    /// The rank is at least this.
    MinRank { rank: Rank },
    /// The current rank has been held at least this many months (from its TMT).
    MinMonthsInRank { months: u16 },
    /// At most this old (whole years).
    MaxAge { years: u8 },
    /// The final predikat of each of the last `years` closed performance years is `at_least` or better.
    MinPredikat { years: u8, at_least: Predikat },
    /// The talent box is one of these.
    TalentBox { any_of: Vec<u8> },
    /// No moderate or severe disciplinary penalty within the last `years` years.
    NoPenalty { years: u8 },
    /// The programme has not been completed yet.
    NotCompleted,
}

/// An alternative way to qualify: all of its conditions must hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    /// What the route is, in plain words (e.g. "Administrator, IV/a ≥ 3,5 tahun, usia ≤ 55").
    pub label: String,
    pub conditions: Vec<Condition>,
}

/// A programme's eligibility rules at one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSet {
    pub programme: Programme,
    /// Counts the saved changes (1 for the shipped rules).
    pub version: u32,
    /// Where the rules come from; shipped defaults that an agency must check say so.
    pub source: String,
    /// Whether the rules follow a cited regulation (`false`: a sensible default to verify).
    pub verified: bool,
    /// Conditions every candidate must meet.
    pub common: Vec<Condition>,
    /// Alternative routes, any one of which suffices (none: the common conditions decide).
    pub routes: Vec<Route>,
}

/// What the engine knows about a person.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Facts {
    pub position: Option<PositionKind>,
    pub rank: Option<Rank>,
    /// TMT of the current rank.
    pub rank_since: Option<Date>,
    pub birth: Option<Date>,
    /// The final predikat of the last closed performance years, newest first (`None`: not rated that year).
    pub predikats: Vec<(i32, Option<Predikat>)>,
    pub talent_box: Option<u8>,
    pub penalties: Vec<Penalty>,
    pub completed: Vec<Programme>,
}

/// The outcome of one condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    Met,
    NotMet,
    NoData,
}

/// The value a condition was checked against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Seen {
    Nothing,
    Position { position: PositionKind },
    Rank { rank: Rank },
    Months { months: u32 },
    Age { years: u32 },
    Predikats { years: Vec<(i32, Option<Predikat>)> },
    Box { number: u8 },
    Penalty { level: PenaltyLevel, decided_on: String },
    NoPenalty,
    Completed { done: bool },
}

/// A condition with its outcome and what was seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub condition: Condition,
    pub check: Check,
    pub seen: Seen,
}

/// A person evaluated against a rule set, every condition explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eligibility {
    pub programme: Programme,
    pub version: u32,
    pub eligible: bool,
    pub common: Vec<Verdict>,
    /// Each route's label and verdicts.
    pub routes: Vec<(String, Vec<Verdict>)>,
    /// The route that qualifies, or else the one closest to qualifying (fewest conditions not met, then most met).
    pub best: Option<usize>,
}

impl Eligibility {
    /// What stands between the person and the programme: the common conditions not met and those of the closest
    /// route (empty when eligible).
    pub fn lacking(&self) -> Vec<&Verdict> {
        if self.eligible {
            return Vec::new();
        }
        let route = self.best.and_then(|i| self.routes.get(i)).map(|(_, v)| v.as_slice()).unwrap_or_default();
        self.common.iter().chain(route).filter(|v| v.check != Check::Met).collect()
    }

    /// Not eligible for exactly one reason.
    pub fn is_nearly(&self) -> bool {
        !self.eligible && self.lacking().len() == 1
    }
}

/// Whole months from `from` to `to` (0 when `from` is later).
pub fn months_between(from: Date, to: Date) -> u32 {
    if from > to {
        return 0;
    }
    let months = (to.year() - from.year()) * 12 + i32::from(to.month() as u8) - i32::from(from.month() as u8);
    let months = if to.day() < from.day() { months - 1 } else { months };
    months.max(0) as u32
}

/// Whole years of age on `today`.
pub fn age_on(birth: Date, today: Date) -> u32 {
    months_between(birth, today) / 12
}

fn rank_of(p: Predikat) -> usize {
    Predikat::ALL.iter().position(|q| *q == p).unwrap_or(Predikat::ALL.len())
}

/// Checks one condition of `programme`'s rules against `facts` on `today`.
pub fn check(condition: &Condition, facts: &Facts, programme: Programme, today: Date) -> Verdict {
    let (check, seen) = match condition {
        Condition::Position { any_of } => match facts.position {
            Some(p) => (met(any_of.contains(&p)), Seen::Position { position: p }),
            None => (Check::NoData, Seen::Nothing),
        },
        Condition::MinRank { rank } => match facts.rank {
            Some(r) => (met(r >= *rank), Seen::Rank { rank: r }),
            None => (Check::NoData, Seen::Nothing),
        },
        Condition::MinMonthsInRank { months } => match facts.rank_since {
            Some(since) => {
                let held = months_between(since, today);
                (met(held >= u32::from(*months)), Seen::Months { months: held })
            }
            None => (Check::NoData, Seen::Nothing),
        },
        Condition::MaxAge { years } => match facts.birth {
            Some(birth) => {
                let age = age_on(birth, today);
                (met(age <= u32::from(*years)), Seen::Age { years: age })
            }
            None => (Check::NoData, Seen::Nothing),
        },
        Condition::MinPredikat { years, at_least } => {
            let window: Vec<(i32, Option<Predikat>)> =
                facts.predikats.iter().take(usize::from(*years)).copied().collect();
            let below = window.iter().any(|(_, p)| p.is_some_and(|p| rank_of(p) > rank_of(*at_least)));
            let missing = window.len() < usize::from(*years) || window.iter().any(|(_, p)| p.is_none());
            let check = if below {
                Check::NotMet
            } else if missing {
                Check::NoData
            } else {
                Check::Met
            };
            (check, Seen::Predikats { years: window })
        }
        Condition::TalentBox { any_of } => match facts.talent_box {
            Some(b) => (met(any_of.contains(&b)), Seen::Box { number: b }),
            None => (Check::NoData, Seen::Nothing),
        },
        Condition::NoPenalty { years } => match screening(&facts.penalties, today, *years) {
            Some(p) => (Check::NotMet, Seen::Penalty { level: p.level, decided_on: p.decided_on.clone() }),
            None => (Check::Met, Seen::NoPenalty),
        },
        Condition::NotCompleted => {
            let done = facts.completed.contains(&programme);
            (met(!done), Seen::Completed { done })
        }
    };
    Verdict { condition: condition.clone(), check, seen }
}

const fn met(ok: bool) -> Check {
    if ok { Check::Met } else { Check::NotMet }
}

/// Evaluates `facts` against `rules` on `today`: eligible when every common condition is met and (when there are
/// routes) every condition of at least one route.
pub fn evaluate(rules: &RuleSet, facts: &Facts, today: Date) -> Eligibility {
    let verdicts = |conditions: &[Condition]| -> Vec<Verdict> {
        conditions.iter().map(|c| check(c, facts, rules.programme, today)).collect()
    };
    let common = verdicts(&rules.common);
    let routes: Vec<(String, Vec<Verdict>)> =
        rules.routes.iter().map(|r| (r.label.clone(), verdicts(&r.conditions))).collect();
    let failing = |v: &[Verdict]| v.iter().filter(|v| v.check != Check::Met).count();
    // Closest: fewest conditions failing, then most conditions met (a route one is not even placed for is not close).
    let best = routes
        .iter()
        .enumerate()
        .min_by_key(|(i, (_, v))| (failing(v), std::cmp::Reverse(v.len() - failing(v)), *i))
        .map(|(i, _)| i);
    let route_ok = routes.is_empty() || best.is_some_and(|i| failing(&routes[i].1) == 0);
    Eligibility {
        programme: rules.programme,
        version: rules.version,
        eligible: failing(&common) == 0 && route_ok,
        common,
        routes,
        best,
    }
}

/// Where candidates come from in the shipped rules: the succession pool.
const POOL: [u8; 3] = [7, 8, 9];

fn shared(rest: &[Condition]) -> Vec<Condition> {
    let mut common = vec![Condition::NotCompleted, Condition::NoPenalty { years: 2 }];
    common.extend_from_slice(rest);
    common
}

fn route(label: &str, conditions: Vec<Condition>) -> Route {
    Route { label: label.into(), conditions }
}

/// The rules Kinerja ships for `programme` (version 1). PKN II follows DOMAIN.md (Peraturan LAN); the others are
/// sensible defaults, labelled as such, for HR to check against the current LAN rules.
pub fn shipped(programme: Programme) -> RuleSet {
    use Condition::*;
    use PositionKind as P;
    let good = MinPredikat { years: 2, at_least: Predikat::Baik };
    let (verified, source, common, routes) = match programme {
        Programme::Pkn2 => (
            true,
            "Peraturan LAN tentang PKN Tingkat II (DOMAIN.md)",
            shared(&[]),
            vec![
                route("JPT Pratama atau JF Ahli Utama", vec![Position { any_of: vec![P::JptPratama, P::AhliUtama] }]),
                route(
                    "Administrator, golongan ≥ IV/a selama ≥ 3,5 tahun, usia ≤ 55",
                    vec![
                        Position { any_of: vec![P::Administrator] },
                        MinRank { rank: Rank::IVa },
                        MinMonthsInRank { months: 42 },
                        MaxAge { years: 55 },
                    ],
                ),
                route(
                    "JF Ahli Madya, golongan ≥ IV/a selama ≥ 2,5 tahun, usia ≤ 55",
                    vec![
                        Position { any_of: vec![P::AhliMadya] },
                        MinRank { rank: Rank::IVa },
                        MinMonthsInRank { months: 30 },
                        MaxAge { years: 55 },
                    ],
                ),
            ],
        ),
        Programme::Pkn1 => (
            false,
            "Bawaan Kinerja — periksa terhadap peraturan LAN yang berlaku",
            shared(&[good]),
            vec![
                route("JPT Madya", vec![Position { any_of: vec![P::JptMadya] }]),
                route(
                    "JPT Pratama, golongan ≥ IV/c selama ≥ 2 tahun, usia ≤ 56",
                    vec![
                        Position { any_of: vec![P::JptPratama] },
                        MinRank { rank: Rank::IVc },
                        MinMonthsInRank { months: 24 },
                        MaxAge { years: 56 },
                    ],
                ),
            ],
        ),
        Programme::Pka => (
            false,
            "Bawaan Kinerja — periksa terhadap peraturan LAN yang berlaku",
            shared(&[good]),
            vec![
                route("Administrator", vec![Position { any_of: vec![P::Administrator] }]),
                route(
                    "Pengawas atau JF Ahli Muda, golongan ≥ III/c selama ≥ 2 tahun, usia ≤ 52, kotak talenta 7–9",
                    vec![
                        Position { any_of: vec![P::Pengawas, P::AhliMuda] },
                        MinRank { rank: Rank::IIIc },
                        MinMonthsInRank { months: 24 },
                        MaxAge { years: 52 },
                        TalentBox { any_of: POOL.to_vec() },
                    ],
                ),
            ],
        ),
        Programme::Pkp => (
            false,
            "Bawaan Kinerja — periksa terhadap peraturan LAN yang berlaku",
            shared(&[good]),
            vec![
                route("Pengawas", vec![Position { any_of: vec![P::Pengawas] }]),
                route(
                    "Pelaksana, JF Ahli Pertama atau Penyelia, golongan ≥ III/b selama ≥ 2 tahun, usia ≤ 50, \
                     kotak talenta 7–9",
                    vec![
                        Position { any_of: vec![P::Pelaksana, P::AhliPertama, P::Penyelia] },
                        MinRank { rank: Rank::IIIb },
                        MinMonthsInRank { months: 24 },
                        MaxAge { years: 50 },
                        TalentBox { any_of: POOL.to_vec() },
                    ],
                ),
            ],
        ),
    };
    RuleSet { programme, version: 1, source: source.into(), verified, common, routes }
}

/// Where a nomination to a cohort stands: the trainer (or HR) nominates, the candidate's direct supervisor confirms
/// or declines, then HR confirms or declines; a decline ends it, with its reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NominationState {
    Nominated,
    SupervisorConfirmed,
    Confirmed,
    Declined,
}

impl NominationState {
    pub const ALL: [NominationState; 4] = [
        NominationState::Nominated,
        NominationState::SupervisorConfirmed,
        NominationState::Confirmed,
        NominationState::Declined,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            NominationState::Nominated => "nominated",
            NominationState::SupervisorConfirmed => "supervisor_confirmed",
            NominationState::Confirmed => "confirmed",
            NominationState::Declined => "declined",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Still taking a seat of the cohort.
    pub const fn holds_a_seat(self) -> bool {
        !matches!(self, NominationState::Declined)
    }
}

/// Who decides a nomination at its current step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NominationActor {
    /// The candidate's current direct supervisor.
    Supervisor,
    Hr,
}

/// Why a nomination decision is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NominationError {
    #[error("it is not this person's turn to decide")]
    NotYourTurn,
    #[error("the nomination is already decided")]
    Decided,
    #[error("a decline needs a written reason")]
    ReasonNeeded,
}

/// The state after `actor` confirms (`confirm`) or declines (with `reason`) a nomination in `state`. The supervisor
/// decides first; HR decides after them, or first when the candidate has no supervisor (`has_supervisor`).
pub fn decide_nomination(
    state: NominationState,
    actor: NominationActor,
    has_supervisor: bool,
    confirm: bool,
    reason: &str,
) -> Result<NominationState, NominationError> {
    use NominationState::*;
    let step = match (state, actor) {
        (Confirmed | Declined, _) => return Err(NominationError::Decided),
        (Nominated, NominationActor::Supervisor) => SupervisorConfirmed,
        (Nominated, NominationActor::Hr) if !has_supervisor => Confirmed,
        (SupervisorConfirmed, NominationActor::Hr) => Confirmed,
        _ => return Err(NominationError::NotYourTurn),
    };
    if confirm {
        Ok(step)
    } else if reason.trim().is_empty() {
        Err(NominationError::ReasonNeeded)
    } else {
        Ok(Declined)
    }
}

/// Why a cohort typed into a form is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CohortProblem {
    #[error("a cohort needs a name (1–120 characters)")]
    Name,
    #[error("the dates must be dates, the end not before the start")]
    Dates,
    #[error("the capacity is a whole number from 1 to 200")]
    Capacity,
}

/// A cohort from a form: its name, first and last day, and capacity.
pub fn parse_cohort(
    name: &str,
    starts: &str,
    ends: &str,
    capacity: &str,
) -> Result<(String, Date, Date, u16), CohortProblem> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 120 {
        return Err(CohortProblem::Name);
    }
    let date = |s: &str| crate::discipline::parse_date(s);
    let (Some(starts), Some(ends)) = (date(starts), date(ends)) else { return Err(CohortProblem::Dates) };
    if ends < starts {
        return Err(CohortProblem::Dates);
    }
    let capacity =
        capacity.trim().parse::<u16>().ok().filter(|c| (1..=200).contains(c)).ok_or(CohortProblem::Capacity)?;
    Ok((name.to_string(), starts, ends, capacity))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 12 - 03);

    fn administrator() -> Facts {
        Facts {
            position: Some(PositionKind::Administrator),
            rank: Some(Rank::IVa),
            rank_since: Some(date!(2022 - 04 - 01)),
            birth: Some(date!(1975 - 05 - 10)),
            predikats: vec![(2025, Some(Predikat::Baik)), (2024, Some(Predikat::SangatBaik))],
            talent_box: Some(8),
            penalties: vec![],
            completed: vec![],
        }
    }

    #[test]
    fn pkn_ii_follows_domain_md_and_explains_every_condition() {
        let rules = shipped(Programme::Pkn2);
        let e = evaluate(&rules, &administrator(), TODAY);
        assert!(e.eligible, "{e:?}");
        assert_eq!(e.best, Some(1));
        assert_eq!(e.routes[1].1[2].seen, Seen::Months { months: 56 });
        assert_eq!(e.routes[1].1[3].seen, Seen::Age { years: 51 });
        // 3.5 years in rank is the line: a month short fails on exactly that condition.
        let short = Facts { rank_since: Some(date!(2023 - 07 - 04)), ..administrator() };
        let e = evaluate(&rules, &short, TODAY);
        assert!(!e.eligible && e.is_nearly());
        assert_eq!(e.lacking()[0].condition, Condition::MinMonthsInRank { months: 42 });
        assert_eq!(e.lacking()[0].seen, Seen::Months { months: 40 });
        // Too old, and a JPT Pratama qualifies by position alone.
        let old = Facts { birth: Some(date!(1970 - 01 - 01)), ..administrator() };
        assert!(!evaluate(&rules, &old, TODAY).eligible);
        let jpt = Facts { position: Some(PositionKind::JptPratama), birth: Some(date!(1965 - 01 - 01)), ..old };
        assert!(evaluate(&rules, &jpt, TODAY).eligible);
        // A moderate penalty last year screens out, a light one does not; completing it ends eligibility.
        let penalty = |level| Penalty { id: "1".into(), level, kind: "x".into(), decided_on: "2026-01-10".into() };
        let light = Facts { penalties: vec![penalty(PenaltyLevel::Light)], ..administrator() };
        assert!(evaluate(&rules, &light, TODAY).eligible);
        let moderate = Facts { penalties: vec![penalty(PenaltyLevel::Moderate)], ..administrator() };
        let e = evaluate(&rules, &moderate, TODAY);
        assert!(!e.eligible);
        assert_eq!(
            e.lacking()[0].seen,
            Seen::Penalty { level: PenaltyLevel::Moderate, decided_on: "2026-01-10".into() }
        );
        let done = Facts { completed: vec![Programme::Pkn2], ..administrator() };
        assert_eq!(evaluate(&rules, &done, TODAY).lacking()[0].condition, Condition::NotCompleted);
    }

    #[test]
    fn missing_facts_are_no_data_never_a_silent_pass() {
        let rules = shipped(Programme::Pka);
        let e = evaluate(&rules, &Facts::default(), TODAY);
        assert!(!e.eligible);
        let good = e.common.iter().find(|v| matches!(v.condition, Condition::MinPredikat { .. })).unwrap();
        assert_eq!(good.check, Check::NoData);
        assert!(e.routes.iter().all(|(_, v)| v.iter().all(|v| v.check == Check::NoData)));
        // One year below Baik fails even while the other is missing.
        let f = Facts { predikats: vec![(2025, Some(Predikat::ButuhPerbaikan))], ..Facts::default() };
        let v = check(&Condition::MinPredikat { years: 2, at_least: Predikat::Baik }, &f, Programme::Pka, TODAY);
        assert_eq!(v.check, Check::NotMet);
        let f = Facts { predikats: vec![(2025, Some(Predikat::SangatBaik))], ..Facts::default() };
        let v = check(&Condition::MinPredikat { years: 2, at_least: Predikat::Baik }, &f, Programme::Pka, TODAY);
        assert_eq!(v.check, Check::NoData);
    }

    #[test]
    fn a_nomination_goes_through_the_supervisor_then_hr_and_a_decline_needs_a_reason() {
        use NominationActor::*;
        use NominationState::*;
        assert_eq!(decide_nomination(Nominated, Supervisor, true, true, ""), Ok(SupervisorConfirmed));
        assert_eq!(decide_nomination(Nominated, Hr, true, true, ""), Err(NominationError::NotYourTurn));
        assert_eq!(decide_nomination(Nominated, Hr, false, true, ""), Ok(Confirmed), "no supervisor: HR alone");
        assert_eq!(decide_nomination(SupervisorConfirmed, Hr, true, true, ""), Ok(Confirmed));
        assert_eq!(
            decide_nomination(SupervisorConfirmed, Supervisor, true, true, ""),
            Err(NominationError::NotYourTurn)
        );
        assert_eq!(decide_nomination(Nominated, Supervisor, true, false, "  "), Err(NominationError::ReasonNeeded));
        assert_eq!(decide_nomination(SupervisorConfirmed, Hr, true, false, "Kuota penuh"), Ok(Declined));
        for done in [Confirmed, Declined] {
            for actor in [Supervisor, Hr] {
                assert_eq!(decide_nomination(done, actor, true, true, ""), Err(NominationError::Decided));
            }
        }
        assert!(NominationState::ALL.iter().all(|s| NominationState::from_code(s.code()) == Some(*s)));
    }

    #[test]
    fn a_cohort_form_is_checked() {
        assert_eq!(
            parse_cohort(" Angkatan I ", "2027-03-01", "2027-06-30", "30"),
            Ok(("Angkatan I".into(), date!(2027 - 03 - 01), date!(2027 - 06 - 30), 30))
        );
        assert_eq!(parse_cohort("", "2027-03-01", "2027-06-30", "30"), Err(CohortProblem::Name));
        assert_eq!(parse_cohort("A", "2027-07-01", "2027-06-30", "30"), Err(CohortProblem::Dates));
        assert_eq!(parse_cohort("A", "1/3/2027", "2027-06-30", "30"), Err(CohortProblem::Dates));
        assert_eq!(parse_cohort("A", "2027-03-01", "2027-06-30", "0"), Err(CohortProblem::Capacity));
        assert_eq!(parse_cohort("A", "2027-03-01", "2027-06-30", "dua"), Err(CohortProblem::Capacity));
    }

    #[test]
    fn months_and_ages_count_whole_units() {
        assert_eq!(months_between(date!(2024 - 01 - 31), date!(2024 - 02 - 29)), 0);
        assert_eq!(months_between(date!(2024 - 01 - 31), date!(2024 - 03 - 01)), 1);
        assert_eq!(months_between(date!(2025 - 01 - 01), date!(2024 - 01 - 01)), 0);
        assert_eq!(age_on(date!(1971 - 12 - 04), TODAY), 54);
        assert_eq!(age_on(date!(1971 - 12 - 03), TODAY), 55);
    }

    #[test]
    fn shipped_rules_round_trip_as_data() {
        for p in Programme::ALL {
            let rules = shipped(p);
            let json = serde_json::to_string(&rules).unwrap();
            assert_eq!(serde_json::from_str::<RuleSet>(&json).unwrap(), rules);
            assert_eq!(Programme::from_code(p.code()), Some(p));
        }
    }

    fn date_strategy() -> impl Strategy<Value = Date> {
        (1960i32..2026, 1u8..=12, 1u8..=28)
            .prop_map(|(y, m, d)| Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).unwrap())
    }

    fn predikat() -> impl Strategy<Value = Predikat> {
        prop::sample::select(Predikat::ALL.to_vec())
    }

    fn facts() -> impl Strategy<Value = Facts> {
        (
            prop::option::of(prop::sample::select(PositionKind::ALL.to_vec())),
            prop::option::of(prop::sample::select(Rank::ALL.to_vec())),
            prop::option::of(date_strategy()),
            prop::option::of(date_strategy()),
            prop::collection::vec(prop::option::of(predikat()), 0..3),
            prop::option::of(1u8..=9),
            prop::collection::vec((prop::sample::select(PenaltyLevel::ALL.to_vec()), date_strategy()), 0..2),
            prop::collection::vec(prop::sample::select(Programme::ALL.to_vec()), 0..2),
        )
            .prop_map(|(position, rank, rank_since, birth, years, talent_box, penalties, completed)| Facts {
                position,
                rank,
                rank_since,
                birth,
                predikats: years.into_iter().enumerate().map(|(i, p)| (2025 - i as i32, p)).collect(),
                talent_box,
                penalties: penalties
                    .into_iter()
                    .enumerate()
                    .map(|(i, (level, d))| Penalty {
                        id: i.to_string(),
                        level,
                        kind: "x".into(),
                        decided_on: d.to_string(),
                    })
                    .collect(),
                completed,
            })
    }

    fn condition() -> impl Strategy<Value = Condition> {
        prop_oneof![
            prop::collection::vec(prop::sample::select(PositionKind::ALL.to_vec()), 1..4)
                .prop_map(|any_of| Condition::Position { any_of }),
            prop::sample::select(Rank::ALL.to_vec()).prop_map(|rank| Condition::MinRank { rank }),
            (0u16..120).prop_map(|months| Condition::MinMonthsInRank { months }),
            (30u8..65).prop_map(|years| Condition::MaxAge { years }),
            ((1u8..=3), predikat()).prop_map(|(years, at_least)| Condition::MinPredikat { years, at_least }),
            prop::collection::vec(1u8..=9, 1..4).prop_map(|any_of| Condition::TalentBox { any_of }),
            (1u8..=3).prop_map(|years| Condition::NoPenalty { years }),
            Just(Condition::NotCompleted),
        ]
    }

    fn rules() -> impl Strategy<Value = RuleSet> {
        (
            prop::sample::select(Programme::ALL.to_vec()),
            prop::collection::vec(condition(), 0..3),
            prop::collection::vec(prop::collection::vec(condition(), 0..4), 0..3),
        )
            .prop_map(|(programme, common, routes)| RuleSet {
                programme,
                version: 1,
                source: String::new(),
                verified: false,
                common,
                routes: routes.into_iter().map(|conditions| Route { label: "r".into(), conditions }).collect(),
            })
    }

    proptest! {
        #[test]
        fn adding_a_satisfied_condition_never_removes_eligibility(
            rules in rules(), facts in facts(), extra in condition(), slot in 0usize..4
        ) {
            let before = evaluate(&rules, &facts, TODAY);
            prop_assume!(check(&extra, &facts, rules.programme, TODAY).check == Check::Met);
            let mut more = rules.clone();
            match more.routes.get_mut(slot) {
                Some(r) => r.conditions.push(extra),
                None => more.common.push(extra),
            }
            let after = evaluate(&more, &facts, TODAY);
            prop_assert_eq!(before.eligible, after.eligible);
        }

        #[test]
        fn every_refusal_names_its_conditions(rules in rules(), facts in facts()) {
            let e = evaluate(&rules, &facts, TODAY);
            if e.eligible {
                prop_assert!(e.lacking().is_empty());
                prop_assert!(e.common.iter().all(|v| v.check == Check::Met));
            } else {
                prop_assert!(!e.lacking().is_empty());
                prop_assert!(e.lacking().iter().all(|v| v.check != Check::Met));
                // Every route has a failing condition, or a common one fails.
                let common_fails = e.common.iter().any(|v| v.check != Check::Met);
                let every_route_fails = e.routes.iter().all(|(_, v)| v.iter().any(|v| v.check != Check::Met));
                prop_assert!(common_fails || (every_route_fails && !e.routes.is_empty()));
            }
            prop_assert_eq!(e.common.len(), rules.common.len());
        }
    }
}
