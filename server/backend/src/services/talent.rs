//! The talent matrix (9-box): every person in the viewer's scope placed by their performance (the final predikat of
//! the last closed performance years) and potential (the JPM of the latest closed 360° round), with the inputs of
//! both axes; people without enough data are listed with what is missing, never placed silently. HR keeps the
//! settings (versioned, audited).

use crate::db::Db;
use crate::error::{ServiceError, invalid};
use crate::repo::report as report_repo;
use crate::repo::skp as skp_repo;
use crate::repo::talent as talent_repo;
use crate::repo::{audit, feedback as fb_repo, org, settings};
use crate::services::auth::Viewer;
use crate::services::org::units_below;
use crate::services::report::{reference, summary_of};
use anyhow::Context;
use domain::Role;
use domain::access::Reach;
use domain::discipline;
use domain::report as rep;
use domain::skp::{PeriodState, Predikat};
use domain::talent::{self, CalibrationState, MoveProblem, TalentSettings, TalentSettingsProblem};
use domain::view::{
    CalibrationEntry, CalibrationMove, CalibrationPage, CalibrationsPage, MAX_LISTED, PersonTalent, TalentFilter,
    TalentMissing, TalentPage, TalentPerson,
};
use i18n::T;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

const SETTINGS_KEY: &str = "talent";

/// The talent settings (the defaults until HR saves some).
pub async fn talent_settings(db: &Db) -> Result<TalentSettings, ServiceError> {
    Ok(match settings::get(db, SETTINGS_KEY).await? {
        Some(json) => serde_json::from_str(&json).context("decoding the talent settings")?,
        None => TalentSettings::default(),
    })
}

/// HR changes the talent settings: a new version, audited with before and after.
pub async fn save_talent_settings(
    db: &Db,
    viewer: &Viewer,
    form: &talent::SettingsForm<'_>,
) -> Result<TalentSettings, ServiceError> {
    if !viewer.roles.has(Role::HrAdmin) {
        return Err(ServiceError::Forbidden);
    }
    let before = talent_settings(db).await?;
    let new = before.parse(form).map_err(|p| match p {
        TalentSettingsProblem::Years => invalid("years", T::TalentSettingsYears),
        TalentSettingsProblem::Thresholds => invalid("potential", T::TalentSettingsThresholds),
        TalentSettingsProblem::Weights => invalid("weights", T::TalentSettingsWeights),
    })?;
    settings::set(db, SETTINGS_KEY, &serde_json::to_string(&new).context("encoding the talent settings")?).await?;
    audit::append(
        db,
        &viewer.nip,
        "talent.settings",
        "setting:talent",
        Some(serde_json::to_value(before).context("encoding")?),
        Some(serde_json::to_value(new).context("encoding")?),
        None,
    )
    .await?;
    Ok(new)
}

/// The last `n` performance years (up to `as_of`, or this year) whose final period is closed, newest first:
/// (year, final period).
async fn closed_finals(db: &Db, n: u8, as_of: Option<i32>) -> anyhow::Result<Vec<(i32, u8)>> {
    let now = as_of.unwrap_or_else(|| time::OffsetDateTime::now_utc().year());
    // Periods' states move the talent version (schema V18), so what was found holds while it does.
    let versions = base_versions(db).await?;
    if let Some(found) = base_read(db, versions, |b| b.finals.get(&(n, now)).cloned()) {
        return Ok(found);
    }
    let mut out = Vec::new();
    for year in (now - 10..=now).rev() {
        if out.len() >= usize::from(n) {
            break;
        }
        let periods = skp_repo::periods(db, year).await?;
        if let Some(last) = periods.iter().find(|p| p.is_final && p.state == PeriodState::Closed) {
            out.push((year, last.number));
        }
    }
    base_write(db, versions, |b| {
        b.finals.insert((n, now), out.clone());
    });
    Ok(out)
}

/// The last `n` closed performance years, newest first, with each person's final predikat.
pub(crate) async fn closed_years(
    db: &Db,
    n: u8,
    as_of: Option<i32>,
) -> anyhow::Result<Vec<(i32, Arc<HashMap<String, Predikat>>)>> {
    let mut out = Vec::new();
    for (year, number) in closed_finals(db, n, as_of).await? {
        out.push((year, closed_period_predikats(db, year, number).await?));
    }
    Ok(out)
}

/// A closed period's predikat by NIP, kept in the talent base (they change only through an objection, which moves
/// the talent version).
pub(crate) async fn closed_period_predikats(
    db: &Db,
    year: i32,
    number: u8,
) -> anyhow::Result<Arc<HashMap<String, Predikat>>> {
    let versions = base_versions(db).await?;
    if let Some(map) = base_read(db, versions, |b| b.predikats.get(&(year, number)).cloned()) {
        return Ok(map);
    }
    let map: Arc<HashMap<String, Predikat>> =
        Arc::new(skp_repo::period_predikats(db, year, number).await?.into_iter().collect());
    base_write(db, versions, |b| {
        b.predikats.insert((year, number), map.clone());
    });
    Ok(map)
}

/// The hierarchy and talent versions (schema V18) the talent base is current at.
pub(crate) async fn base_versions(db: &Db) -> anyhow::Result<(i64, i64)> {
    let v: Option<(Option<i64>, Option<i64>)> = db
        .run(
            "RETURN [(SELECT VALUE version FROM ONLY meta:hierarchy), (SELECT VALUE version FROM ONLY meta:talent)];",
            serde_json::json!({}),
        )
        .await?
        .value(0)?;
    let (h, t) = v.unwrap_or_default();
    Ok((h.unwrap_or(0), t.unwrap_or(0)))
}

/// Every active person (NIP, unit, position), kept while the hierarchy and talent versions hold: a new employee
/// moves the first, a change of the active flag, unit or position the second.
pub(crate) async fn active_people(db: &Db) -> anyhow::Result<Arc<Vec<(String, String, String)>>> {
    kept(db, |b| b.active.clone(), |b, v| b.active = Some(v), || fb_repo::active_people(db)).await
}

/// Every active person's facts of programme eligibility, kept while the hierarchy and talent versions hold (schema
/// V23 moves the talent version with each of them).
pub(crate) async fn active_facts(db: &Db) -> anyhow::Result<Arc<Vec<crate::repo::programme::PersonFacts>>> {
    kept(db, |b| b.facts.clone(), |b, v| b.facts = Some(v), || crate::repo::programme::active_facts(db)).await
}

/// The programmes each person has completed (by NIP), kept like [`active_facts`].
pub(crate) async fn completions(db: &Db) -> anyhow::Result<Arc<crate::repo::programme::Completions>> {
    kept(db, |b| b.completions.clone(), |b, v| b.completions = Some(v), || crate::repo::programme::completions(db))
        .await
}

/// Something of the talent base: kept while the hierarchy and talent versions hold, else `read` and kept.
pub(crate) async fn kept<T, F>(
    db: &Db,
    pick: impl FnOnce(&crate::db::TalentBase) -> Option<Arc<T>>,
    put: impl FnOnce(&mut crate::db::TalentBase, Arc<T>),
    read: impl FnOnce() -> F,
) -> anyhow::Result<Arc<T>>
where
    F: std::future::Future<Output = anyhow::Result<T>>,
{
    let versions = base_versions(db).await?;
    if let Some(v) = base_read(db, versions, pick) {
        return Ok(v);
    }
    let v = Arc::new(read().await?);
    base_write(db, versions, |b| put(b, v.clone()));
    Ok(v)
}

/// Something of the talent base, if it was kept at `versions`.
pub(crate) fn base_read<T>(
    db: &Db,
    versions: (i64, i64),
    pick: impl FnOnce(&crate::db::TalentBase) -> Option<T>,
) -> Option<T> {
    db.talent_base_cache().read().ok().filter(|b| b.versions == versions).and_then(|b| pick(&b))
}

/// Keeps something read at `versions` (everything kept at older versions is dropped first).
pub(crate) fn base_write(db: &Db, versions: (i64, i64), put: impl FnOnce(&mut crate::db::TalentBase)) {
    if let Ok(mut base) = db.talent_base_cache().write() {
        if base.versions != versions {
            *base = crate::db::TalentBase { versions, ..Default::default() };
        }
        put(&mut base);
    }
}

/// A person's place in the matrix: the box, the predikat per year that placed them, their JPM and the potential
/// score with its other parts.
#[derive(Debug, Clone)]
pub(crate) struct Placement {
    pub number: u8,
    pub predikats: Vec<(i32, Predikat)>,
    pub jpm: f64,
    pub potential: f64,
    pub education: Option<domain::Education>,
    pub training_jp: u32,
}

/// What keeps someone out of the matrix: the years without a final predikat, and the potential's missing parts.
pub(crate) type Missing = (Vec<i32>, talent::PotentialMissing);

/// What the 9-box of a set of people is formed from: the settings, the last closed years with everyone's final
/// predikat (newest first; at least the settings' years), the JPM of the latest closed round, and (when the
/// settings weigh them) the education and the development completed.
pub(crate) struct TalentInputs {
    pub settings: TalentSettings,
    pub years: Vec<(i32, Arc<HashMap<String, Predikat>>)>,
    /// The latest closed round: key and name.
    pub latest: Option<(String, String)>,
    pub jpms: Arc<HashMap<String, f64>>,
    /// With a target position: each JPM against its standard.
    pub target_jpms: Arc<HashMap<String, f64>>,
    /// The boxes a closed calibration fixed for the newest year.
    pub fixed: HashMap<String, talent_repo::FixedBox>,
    pub educations: HashMap<String, domain::Education>,
    pub training_jp: HashMap<String, u32>,
}

impl TalentInputs {
    /// A person's box (as a closed calibration fixed it, if one did) with its inputs, or what is missing.
    pub fn placement(&self, nip: &str) -> Result<Placement, Missing> {
        self.computed(nip).map(|mut p| {
            if let Some(f) = self.fixed.get(nip) {
                p.number = f.calibrated;
            }
            p
        })
    }

    /// A person's box as their inputs give it (before any calibration).
    pub fn computed(&self, nip: &str) -> Result<Placement, Missing> {
        let years = &self.years[..self.years.len().min(usize::from(self.settings.years))];
        let predikats: Vec<(i32, Predikat)> = years.iter().filter_map(|(y, m)| m.get(nip).map(|p| (*y, *p))).collect();
        let missing_years: Vec<i32> = years.iter().filter(|(_, m)| !m.contains_key(nip)).map(|(y, _)| *y).collect();
        let potential = talent::PotentialInputs {
            jpm: self.jpms.get(nip).copied(),
            education: self.educations.get(nip).copied(),
            training_jp: self.training_jp.get(nip).copied().unwrap_or(0),
        };
        place(&self.settings, predikats, missing_years, years.is_empty(), &potential)
    }
}

/// The box from the predikat of the settings' years and the potential's inputs, or what is missing.
fn place(
    settings: &TalentSettings,
    predikats: Vec<(i32, Predikat)>,
    missing_years: Vec<i32>,
    no_years: bool,
    inputs: &talent::PotentialInputs,
) -> Result<Placement, Missing> {
    let score = talent::potential_score(inputs, &settings.weights);
    let values: Vec<Predikat> = predikats.iter().map(|(_, p)| *p).collect();
    let performance = talent::performance_band(&values).filter(|_| !no_years && missing_years.is_empty());
    match (performance, score, inputs.jpm) {
        (Some(performance), Ok(potential), Some(jpm)) => Ok(Placement {
            number: talent::nine_box(performance, talent::potential_band(potential, settings)),
            predikats,
            jpm,
            potential,
            education: inputs.education,
            training_jp: inputs.training_jp,
        }),
        (_, score, jpm) => {
            let mut missing = score.err().unwrap_or_default();
            missing.jpm |= jpm.is_none();
            Err((missing_years, missing))
        }
    }
}

/// The talent inputs of `people`, with at least `years` closed performance years (and the settings' years), the
/// newest of them `as_of` a year (or the newest closed one); with `target`, also each JPM against that position's
/// standard (managerial and socio-cultural competencies: a position one does not hold has no technical standard).
pub(crate) async fn talent_inputs(
    db: &Db,
    people: &HashSet<String>,
    years: u8,
    as_of: Option<i32>,
    target: Option<domain::PositionKind>,
) -> anyhow::Result<TalentInputs> {
    let settings = talent_settings(db).await?;
    let years = closed_years(db, settings.years.max(years), as_of).await?;
    let fixed = match years.first() {
        Some((newest, _)) => talent_repo::fixed_boxes(db, *newest).await?,
        None => HashMap::new(),
    };
    let reference = reference(db).await?;
    let latest = reference.closed_rounds.last().map(|(k, n, _)| (k.clone(), n.clone()));
    let (jpms, target_jpms) = match &latest {
        Some((round, _)) => (
            round_jpms(db, &reference, round, None).await?,
            match target {
                Some(kind) => round_jpms(db, &reference, round, Some(kind)).await?,
                None => Arc::default(),
            },
        ),
        None => (Arc::default(), Arc::default()),
    };
    let (educations, training_jp) = other_parts(db, people, &settings.weights).await?;
    Ok(TalentInputs { settings, years, latest, jpms, target_jpms, fixed, educations, training_jp })
}

/// The parts of potential besides the JPM, read only when the weights count them: each person's education and the
/// lesson hours of development they completed in the track record's years.
async fn other_parts(
    db: &Db,
    people: &HashSet<String>,
    weights: &talent::PotentialWeights,
) -> anyhow::Result<(HashMap<String, domain::Education>, HashMap<String, u32>)> {
    let educations = if weights.qualification > 0 {
        org::educations(db, &people.iter().cloned().collect::<Vec<_>>()).await?
    } else {
        HashMap::new()
    };
    let training_jp = if weights.track_record > 0 {
        let since = discipline::years_before(crate::services::skp::today(), talent::TRACK_RECORD_YEARS as u8);
        let only = if people.len() == 1 { people.iter().next().map(String::as_str) } else { None };
        crate::repo::plan::completed_training_jp(db, &since.to_string(), only).await?
    } else {
        HashMap::new()
    };
    Ok((educations, training_jp))
}

/// Every JPM of a closed `round` (by NIP): against each person's own position, or with `target` against
/// that position type's standard. Read once per reference data (see [`crate::db::RoundJpmCache`]): the 9-box and
/// the candidate lists of a large agency then cost no pass over every result.
pub(crate) async fn round_jpms(
    db: &Db,
    reference: &Arc<crate::services::report::Reference>,
    round: &str,
    target: Option<domain::PositionKind>,
) -> anyhow::Result<Arc<HashMap<String, f64>>> {
    if let Ok(guard) = db.round_jpm_cache().read()
        && let Some((at, maps)) = guard.as_ref()
        && Arc::ptr_eq(at, reference)
        && let Some(map) = maps.get(&(round.to_string(), target))
    {
        return Ok(map.clone());
    }
    let target_levels = match target {
        Some(kind) => Some(target_levels(db, round, kind).await?),
        None => None,
    };
    let mut out = HashMap::new();
    for (nip, json) in report_repo::round_summaries(db, round).await? {
        let rows = summary_of(db, round, &nip, json.as_deref()).await?;
        let jpm = match &target_levels {
            None => jpm_of(&rows, &reference.settings),
            Some(levels) => {
                let levels: Vec<(Option<f64>, u8)> = rows
                    .iter()
                    .filter_map(|r| levels.get(&r.code).map(|l| (r.combined(&reference.settings.weights), *l)))
                    .collect();
                rep::jpm(&levels, reference.settings.jpm.cap_at_100).map(|j| j.percent)
            }
        };
        if let Some(j) = jpm {
            out.insert(nip, j);
        }
    }
    let out = Arc::new(out);
    if let Ok(mut guard) = db.round_jpm_cache().write() {
        match guard.as_mut() {
            Some((at, maps)) if Arc::ptr_eq(at, reference) => {
                maps.insert((round.to_string(), target), out.clone());
            }
            _ => *guard = Some((reference.clone(), HashMap::from([((round.to_string(), target), out.clone())]))),
        }
    }
    Ok(out)
}

/// The levels a position of `kind` requires of a round's managerial and socio-cultural competencies, by code.
async fn target_levels(db: &Db, round: &str, kind: domain::PositionKind) -> anyhow::Result<HashMap<String, u8>> {
    let q = crate::services::feedback::questionnaire(db, round).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let level = crate::repo::competency::standards(db)
        .await?
        .get(kind.code())
        .copied()
        .unwrap_or_else(|| domain::competency::default_required_level(kind));
    Ok(q.competencies
        .iter()
        .filter(|c| c.kind != domain::competency::CompetencyKind::Technical)
        .map(|c| (c.code.clone(), level))
        .collect())
}

/// The first day the disciplinary screen looks at.
fn screen_since() -> time::Date {
    discipline::years_before(crate::services::skp::today(), discipline::SCREEN_YEARS)
}

/// The penalty that screens someone out of the succession pool today: its level and date.
fn screen(penalties: &[discipline::Penalty]) -> Option<(discipline::PenaltyLevel, String)> {
    discipline::screening(penalties, crate::services::skp::today(), discipline::SCREEN_YEARS)
        .map(|p| (p.level, p.decided_on.clone()))
}

/// A JPM from a person's score rows under the report settings.
pub(crate) fn jpm_of(rows: &[rep::ScoreRow], settings: &domain::view::ReportSettings) -> Option<f64> {
    let levels: Vec<(Option<f64>, u8)> = rows.iter().map(|r| (r.combined(&settings.weights), r.required)).collect();
    rep::jpm(&levels, settings.jpm.cap_at_100).map(|j| j.percent)
}

/// A person's talent box with the "why", for their profile: the person, those above them, HR and the head.
pub async fn person_talent(db: &Db, viewer: &Viewer, nip: &domain::Nip) -> Result<PersonTalent, ServiceError> {
    let nip = nip.as_str();
    if !crate::access::scope(db, viewer).await?.may_read(nip) {
        return Err(ServiceError::Forbidden);
    }
    let person = org::summaries(db, &[nip.to_string()]).await?.into_iter().next().ok_or(ServiceError::NotFound)?;
    let settings = talent_settings(db).await?;
    let finals = closed_finals(db, settings.years, None).await?;
    let mut predikats = Vec::new();
    let mut missing_years = Vec::new();
    for (year, number) in &finals {
        let rated = skp_repo::ratings_of(db, &[nip.to_string()], *year).await?;
        match rated.iter().find(|(_, p, _)| p == number) {
            Some((_, _, r)) => predikats.push((*year, r.predikat())),
            None => missing_years.push(*year),
        }
    }
    let reference = reference(db).await?;
    let latest = reference.closed_rounds.last().cloned();
    let mut jpm = None;
    let results = match &latest {
        Some(_) => report_repo::person_results(db, nip).await?,
        None => Vec::new(),
    };
    if let Some(((round, _, _), (_, json))) =
        latest.as_ref().and_then(|l| results.iter().find(|(r, _)| *r == l.0).map(|r| (l, r)))
    {
        jpm = jpm_of(&summary_of(db, round, nip, json.as_deref()).await?, &reference.settings);
    }
    let one = [nip.to_string()].into_iter().collect::<HashSet<String>>();
    let (educations, training_jp) = other_parts(db, &one, &settings.weights).await?;
    let inputs = talent::PotentialInputs {
        jpm,
        education: educations.get(nip).copied(),
        training_jp: training_jp.get(nip).copied().unwrap_or(0),
    };
    let placed = place(&settings, predikats, missing_years, finals.is_empty(), &inputs);
    let (placed, missing_years, missing) = match placed {
        Ok(p) => {
            let mut person = talent_person(person, p, &settings);
            let penalties = crate::repo::discipline::penalties_of(db, nip).await?;
            person.screened = screen(&penalties);
            if let Some((year, _)) = finals.first()
                && let Some(f) = talent_repo::fixed_box(db, nip, *year).await?
            {
                person.calibrated = calibration_note(&f);
                person.box_number = f.calibrated;
            }
            (Some(person), Vec::new(), talent::PotentialMissing::default())
        }
        Err((years, missing)) => (None, years, missing),
    };
    Ok(PersonTalent {
        years: finals.iter().map(|(y, _)| *y).collect(),
        round_name: latest.map(|(_, n, _)| n),
        settings,
        missing_jpm: missing.jpm,
        missing_education: missing.education,
        missing_years,
        placed,
    })
}

/// A placed person as lists and profiles show them (not screened, not calibrated: the caller knows).
fn talent_person(person: domain::view::EmployeeSummary, p: Placement, settings: &TalentSettings) -> TalentPerson {
    let values: Vec<Predikat> = p.predikats.iter().map(|(_, p)| *p).collect();
    TalentPerson {
        nip: person.nip,
        name: person.name,
        position: person.position,
        unit_name: person.unit_name,
        box_number: p.number,
        performance: talent::performance_band(&values).unwrap_or(domain::skp::Rating::Meets),
        predikats: p.predikats,
        potential: talent::potential_band(p.potential, settings),
        jpm: rep::round3(p.jpm),
        potential_score: rep::round3(p.potential),
        education: p.education,
        training_jp: p.training_jp,
        screened: None,
        calibrated: None,
    }
}

/// What a person's profile and lists say of a fixed box: the box the inputs gave and why it moved (`None` when the
/// calibration kept it).
fn calibration_note(f: &talent_repo::FixedBox) -> Option<(u8, String)> {
    (f.original != f.calibrated).then(|| (f.original, f.reason.clone()))
}

/// Everyone active placed in the 9-box, formed once while the hierarchy and talent versions, the reference data
/// (settings, closed rounds) and the day hold: a page of any scope then counts boxes over indices and reads only the
/// people it lists. Everything a placement rests on moves one of these (schema V18, V19, V23; settings and closed
/// rounds are reference data) except completed development, so with a track-record weight the matrix is formed
/// afresh for each page.
#[derive(Debug)]
pub struct Matrix {
    reference: Arc<crate::services::report::Reference>,
    day: time::Date,
    /// Active people in NIP order: NIP, unit, position type (code), rank.
    people: Vec<(String, String, Option<String>, Option<domain::Rank>)>,
    index: HashMap<String, usize>,
    /// Per person (same order): the box with its inputs, or what is missing.
    placed: Vec<Result<Placement, Missing>>,
    settings: TalentSettings,
    years: Vec<i32>,
    latest: Option<(String, String)>,
    fixed: HashMap<String, talent_repo::FixedBox>,
}

/// The matrix, kept while what it rests on holds (see [`Matrix`]).
async fn matrix(db: &Db) -> anyhow::Result<Arc<Matrix>> {
    let versions = base_versions(db).await?;
    let reference = reference(db).await?;
    let day = crate::services::skp::today();
    let kept = base_read(db, versions, |b| {
        b.matrix.as_ref().filter(|m| Arc::ptr_eq(&m.reference, &reference) && m.day == day).cloned()
    });
    if let Some(m) = kept {
        return Ok(m);
    }
    let facts = active_facts(db).await?;
    let mut people: Vec<(String, String, Option<String>, Option<domain::Rank>)> =
        facts.iter().map(|f| (f.nip.clone(), f.unit.clone(), f.kind.clone(), domain::Rank::parse(&f.rank))).collect();
    people.sort_by(|a, b| a.0.cmp(&b.0));
    let everyone: HashSet<String> = people.iter().map(|p| p.0.clone()).collect();
    let inputs = talent_inputs(db, &everyone, 0, None, None).await?;
    let placed = people.iter().map(|p| inputs.placement(&p.0)).collect();
    let index = people.iter().enumerate().map(|(i, p)| (p.0.clone(), i)).collect();
    let TalentInputs { settings, years, latest, fixed, .. } = inputs;
    let keep = settings.weights.track_record == 0;
    let m = Arc::new(Matrix {
        reference,
        day,
        people,
        index,
        placed,
        settings,
        years: years.iter().map(|(y, _)| *y).collect(),
        latest,
        fixed,
    });
    if keep {
        base_write(db, versions, |b| b.matrix = Some(m.clone()));
    }
    Ok(m)
}

/// A person of the chosen box with their placement.
type Chosen = (String, Placement);

/// `/talent`: the 9-box of the viewer's scope (HR and the head: everyone, or one `unit` with its sub-units; a
/// supervisor: their subtree), the people of the `selected` box with the "why", and who cannot be placed yet.
pub async fn talent_page(
    db: &Db,
    viewer: &Viewer,
    filter: &TalentFilter,
    selected: Option<u8>,
) -> Result<TalentPage, ServiceError> {
    talent_listing(db, viewer, filter, selected, MAX_LISTED).await
}

/// Everyone placed in the viewer's scope (the page's filters apply), in `people` ordered by box then name, for
/// the 9-box's download: the same access rules as the page.
pub async fn talent_export(db: &Db, viewer: &Viewer, filter: &TalentFilter) -> Result<TalentPage, ServiceError> {
    let mut page = talent_listing(db, viewer, filter, Some(0), usize::MAX).await?;
    page.people.sort_by(|a, b| (a.box_number, &a.name, &a.nip).cmp(&(b.box_number, &b.name, &b.nip)));
    page.selected = None;
    Ok(page)
}

/// The talent page listing the people of the `selected` box (`Some(0)`: of every box), at most `limit`.
async fn talent_listing(
    db: &Db,
    viewer: &Viewer,
    filter: &TalentFilter,
    selected: Option<u8>,
    limit: usize,
) -> Result<TalentPage, ServiceError> {
    let scope = crate::access::scope(db, viewer).await?;
    if scope.reach() == Reach::Own {
        return Err(ServiceError::Forbidden);
    }
    let everyone = scope.reach() == Reach::Everyone;
    let selected = selected.filter(|b| (0..=9).contains(b));
    let unit = filter.unit.as_deref().filter(|u| !u.is_empty() && everyone);
    let filter = TalentFilter { unit: unit.map(str::to_string), ..filter.clone() };
    let matrix = matrix(db).await?;
    // The people in scope as places in the matrix, in NIP order.
    let mut members: Vec<usize> = match scope.people() {
        Some(set) => {
            let mut m: Vec<usize> = set.iter().filter_map(|n| matrix.index.get(n).copied()).collect();
            m.sort_unstable();
            m
        }
        None => (0..matrix.people.len()).collect(),
    };
    let scope_name = match unit {
        Some(u) => {
            let name = org::unit_name(db, u).await?.ok_or(ServiceError::NotFound)?;
            let units = units_below(db, &[u.to_string()]).await?;
            members.retain(|i| units.contains(&matrix.people[*i].1));
            name
        }
        None if everyone => org::agency_name(db).await?,
        None => viewer.name.clone(),
    };
    // A supervisor's scope includes themselves; their own box is not theirs to review.
    if !everyone {
        members.retain(|i| matrix.people[*i].0 != viewer.nip);
    }
    if filter.kind.is_some() || filter.min_rank.is_some() {
        members.retain(|i| {
            let (_, _, kind, rank) = &matrix.people[*i];
            filter.kind.is_none_or(|k| kind.as_deref() == Some(k.code()))
                && filter.min_rank.is_none_or(|min| rank.is_some_and(|r| r >= min))
        });
    }
    let mut boxes: Vec<u8> = Vec::with_capacity(members.len());
    let mut chosen: Vec<Chosen> = Vec::new();
    let mut missing: Vec<(String, Missing)> = Vec::new();
    let mut missing_count = 0u32;
    for &i in &members {
        match &matrix.placed[i] {
            Ok(p) => {
                boxes.push(p.number);
                if (selected == Some(p.number) || selected == Some(0)) && chosen.len() < limit {
                    chosen.push((matrix.people[i].0.clone(), p.clone()));
                }
            }
            Err(m) => {
                missing_count += 1;
                if missing.len() < MAX_LISTED {
                    missing.push((matrix.people[i].0.clone(), m.clone()));
                }
            }
        }
    }
    let counts = talent::distribution(boxes);
    let (settings, fixed) = (matrix.settings, &matrix.fixed);
    // Names only for the people listed: the missing ones by NIP (a new agency may have nobody placed yet).
    let listed: Vec<String> = chosen.iter().map(|c| c.0.clone()).chain(missing.iter().map(|m| m.0.clone())).collect();
    let summaries: HashMap<String, domain::view::EmployeeSummary> =
        org::summaries(db, &listed).await?.into_iter().map(|s| (s.nip.clone(), s)).collect();
    let penalties = crate::repo::discipline::penalties_since(db, &screen_since().to_string()).await?;
    let name = |nip: &str| summaries.get(nip).map(|s| s.name.clone()).unwrap_or_else(|| nip.to_string());
    let unit_name = |nip: &str| summaries.get(nip).map(|s| s.unit_name.clone()).unwrap_or_default();
    let mut placed: Vec<TalentPerson> = chosen
        .into_iter()
        .map(|(nip, p)| {
            let summary = summaries.get(&nip).cloned().unwrap_or_else(|| domain::view::EmployeeSummary {
                nip: nip.clone(),
                name: nip.clone(),
                ..Default::default()
            });
            let mut person = talent_person(summary, p, &settings);
            person.screened = screen(penalties.get(&nip).map(Vec::as_slice).unwrap_or_default());
            person.calibrated = fixed.get(&nip).and_then(calibration_note);
            person
        })
        .collect();
    placed.sort_by(|a, b| (&a.name, &a.nip).cmp(&(&b.name, &b.nip)));
    let mut missing: Vec<TalentMissing> = missing
        .into_iter()
        .map(|(nip, (missing_years, m))| TalentMissing {
            name: name(&nip),
            unit_name: unit_name(&nip),
            nip,
            missing_years,
            missing_jpm: m.jpm,
            missing_education: m.education,
        })
        .collect();
    missing.sort_by(|a, b| (&a.name, &a.nip).cmp(&(&b.name, &b.nip)));
    Ok(TalentPage {
        scope_name,
        filter,
        units: if everyone { crate::services::org::unit_options(db).await? } else { Vec::new() },
        years: matrix.years.clone(),
        round_name: matrix.latest.as_ref().map(|(_, n)| n.clone()),
        settings,
        may_configure: viewer.roles.has(Role::HrAdmin),
        may_calibrate: may_calibrate(viewer),
        counts,
        selected,
        people: placed,
        missing,
        missing_count,
    })
}

/// Who calibrates the talent matrix: HR and the head of agency.
fn may_calibrate(viewer: &Viewer) -> bool {
    viewer.roles.has(Role::HrAdmin) || viewer.roles.has(Role::Head)
}

/// The closed performance years a calibration may be for, newest first.
async fn calibration_years(db: &Db) -> anyhow::Result<Vec<i32>> {
    Ok(closed_finals(db, 3, None).await?.into_iter().map(|(y, _)| y).collect())
}

/// `/talent/calibrations`: every session, and the units and years a new one may be opened for.
pub async fn calibrations_page(db: &Db, viewer: &Viewer) -> Result<CalibrationsPage, ServiceError> {
    if !may_calibrate(viewer) {
        return Err(ServiceError::Forbidden);
    }
    Ok(CalibrationsPage {
        sessions: talent_repo::calibrations(db).await?,
        units: crate::services::org::unit_options(db).await?,
        years: calibration_years(db).await?,
        may_open: true,
    })
}

/// HR or the head opens a calibration session for a unit (with its sub-units) and a closed performance year: everyone
/// there who can be placed enters with the box their inputs give (the viewer excepted: nobody calibrates their own
/// box). Returns the session's id.
pub async fn open_calibration(db: &Db, viewer: &Viewer, unit: &str, year: &str) -> Result<String, ServiceError> {
    if !may_calibrate(viewer) {
        return Err(ServiceError::Forbidden);
    }
    let years = calibration_years(db).await?;
    let year = year
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| years.contains(y))
        .ok_or_else(|| invalid("year", T::CalibrationYear))?;
    if unit.is_empty() || org::unit_name(db, unit).await?.is_none() {
        return Err(invalid("unit", T::CalibrationUnit));
    }
    let units = units_below(db, &[unit.to_string()]).await?;
    let people: HashSet<String> = active_people(db)
        .await?
        .iter()
        .filter(|(nip, u, _)| units.contains(u) && *nip != viewer.nip)
        .map(|(n, _, _)| n.clone())
        .collect();
    let inputs = talent_inputs(db, &people, 0, Some(year), None).await?;
    let mut entries = Vec::new();
    for nip in &people {
        if let Ok(p) = inputs.placement(nip) {
            let predikats_json = serde_json::to_string(&p.predikats).context("encoding predikat")?;
            entries.push(talent_repo::NewEntry {
                nip: nip.clone(),
                original: p.number,
                jpm: rep::round3(p.jpm),
                predikats_json,
            });
        }
    }
    if entries.is_empty() {
        return Err(ServiceError::Conflict(T::CalibrationNobody));
    }
    entries.sort_by(|a, b| a.nip.cmp(&b.nip));
    match talent_repo::open_calibration(db, &viewer.nip, unit, year, &entries).await? {
        talent_repo::Opened::Done(id) => Ok(id),
        talent_repo::Opened::Already(_) => Err(ServiceError::Conflict(T::CalibrationOpenAlready)),
    }
}

/// `/talent/calibrations/:id?box=`: a session with the distribution before and now, the people (of the chosen
/// calibrated box, when one is chosen) and every move with its reason.
pub async fn calibration_page(
    db: &Db,
    viewer: &Viewer,
    id: &str,
    selected: Option<u8>,
) -> Result<CalibrationPage, ServiceError> {
    if !may_calibrate(viewer) {
        return Err(ServiceError::Forbidden);
    }
    let session = talent_repo::calibration(db, id).await?.ok_or(ServiceError::NotFound)?;
    let selected = selected.filter(|b| (1..=9).contains(b));
    let entries = talent_repo::entries(db, id).await?;
    let before = talent::distribution(entries.iter().map(|e| e.original));
    let after = talent::distribution(entries.iter().map(|e| e.calibrated));
    let mut matching: Vec<talent_repo::StoredEntry> =
        entries.into_iter().filter(|e| selected.is_none_or(|b| e.calibrated == b)).collect();
    let count = matching.len() as u32;
    matching.sort_by(|a, b| a.nip.cmp(&b.nip));
    matching.truncate(MAX_LISTED);
    let stored_moves = talent_repo::moves(db, id).await?;
    let mut nips: Vec<String> = matching.iter().map(|e| e.nip.clone()).collect();
    nips.extend(stored_moves.iter().flat_map(|m| [m.nip.clone(), m.by.clone()]));
    nips.sort();
    nips.dedup();
    let people: HashMap<String, domain::view::EmployeeSummary> =
        org::summaries(db, &nips).await?.into_iter().map(|s| (s.nip.clone(), s)).collect();
    let name = |nip: &str| people.get(nip).map(|s| s.name.clone()).unwrap_or_else(|| nip.to_string());
    let mut listed: Vec<CalibrationEntry> = matching
        .into_iter()
        .map(|e| CalibrationEntry {
            name: name(&e.nip),
            position: people.get(&e.nip).map(|s| s.position.clone()).unwrap_or_default(),
            unit_name: people.get(&e.nip).map(|s| s.unit_name.clone()).unwrap_or_default(),
            original: e.original,
            calibrated: e.calibrated,
            predikats: serde_json::from_str(&e.predikats_json).unwrap_or_default(),
            jpm: e.jpm,
            nip: e.nip,
        })
        .collect();
    listed.sort_by(|a, b| (&a.name, &a.nip).cmp(&(&b.name, &b.nip)));
    let moves = stored_moves
        .into_iter()
        .map(|m| CalibrationMove {
            name: name(&m.nip),
            by: name(&m.by),
            at: m.at.chars().take(16).collect::<String>().replace('T', " "),
            nip: m.nip,
            from: m.from,
            to: m.to,
            reason: m.reason,
        })
        .collect();
    let may_change = session.state == CalibrationState::Open;
    Ok(CalibrationPage { session, before, after, selected, people: listed, matching: count, moves, may_change })
}

/// A member moves a person of an open session to another box with a written reason (never themselves).
pub async fn move_in_calibration(
    db: &Db,
    viewer: &Viewer,
    id: &str,
    nip: &domain::Nip,
    to: &str,
    reason: &str,
) -> Result<(), ServiceError> {
    if !may_calibrate(viewer) || nip.as_str() == viewer.nip {
        return Err(ServiceError::Forbidden);
    }
    let session = talent_repo::calibration(db, id).await?.ok_or(ServiceError::NotFound)?;
    if session.state == CalibrationState::Closed {
        return Err(ServiceError::Conflict(T::CalibrationClosed));
    }
    let entry = talent_repo::entry(db, id, nip.as_str()).await?.ok_or(ServiceError::NotFound)?;
    let to = to.trim().parse::<u8>().map_err(|_| invalid("to", T::CalibrationBox))?;
    let reason = talent::check_move(entry.calibrated, to, reason).map_err(|p| match p {
        MoveProblem::Box => invalid("to", T::CalibrationBox),
        MoveProblem::Unchanged => invalid("to", T::CalibrationUnchanged),
        MoveProblem::Reason => invalid("reason", T::CalibrationReason),
    })?;
    match talent_repo::move_person(db, &viewer.nip, id, nip.as_str(), (entry.calibrated, to), &reason).await? {
        talent_repo::Moved::Done => Ok(()),
        talent_repo::Moved::Closed => Err(ServiceError::Conflict(T::CalibrationClosed)),
        talent_repo::Moved::Changed => Err(ServiceError::Conflict(T::CalibrationChanged)),
    }
}

/// HR or the head closes an open session: the calibrated boxes become the people's boxes for the session's year.
pub async fn close_calibration(db: &Db, viewer: &Viewer, id: &str) -> Result<(), ServiceError> {
    if !may_calibrate(viewer) {
        return Err(ServiceError::Forbidden);
    }
    talent_repo::calibration(db, id).await?.ok_or(ServiceError::NotFound)?;
    if talent_repo::close_calibration(db, &viewer.nip, id).await? {
        Ok(())
    } else {
        Err(ServiceError::Conflict(T::CalibrationClosed))
    }
}
