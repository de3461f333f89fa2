//! Periods and evaluation of work plans: HR plans a year's assessment periods and opens and closes them; while a
//! period is open the employee records what they achieved on each row of the plan in force, with evidence, and a
//! self-assessment; the current direct supervisor rates results and behaviour with written feedback, and the
//! predikat follows from the regulation's matrix. A closed period's ratings are final.

use super::{check_year, is_direct_supervisor};
use crate::db::{Db, statement_error};
use crate::error::{ServiceError, invalid};
use crate::repo::org;
use crate::repo::skp as repo;
use crate::services::auth::Viewer;
use domain::Nip;
use domain::Role;
use domain::skp::{
    self, CurveWarning, DialogueDoc, DialogueProblem, Distribution, EVAL_DOC_VERSION, EvalDoc, EvalProblem,
    OrgPredikat, PeriodScheme, PeriodState, Predikat, RatingRefusal, Ratings, ResultRow, SkpStatus,
};
use domain::text::{MAX_NOTE, within};
use domain::view::{CurveView, DialogueInfo, EvaluationPage, OrgPredikatRow, PeriodResult, PeriodsPage, RatingInfo};
use i18n::T;
use std::collections::HashMap;

fn require_hr(viewer: &Viewer) -> Result<(), ServiceError> {
    if viewer.roles.has(Role::HrAdmin) { Ok(()) } else { Err(ServiceError::Forbidden) }
}

/// Who sets organisational predikat: the head, or HR for them.
fn may_set_org(viewer: &Viewer) -> bool {
    viewer.roles.has(Role::Head) || viewer.roles.has(Role::HrAdmin)
}

/// `/skp/periods`: a year's periods (every signed-in person reads them; HR manages them) and the units'
/// organisational predikat (read by everyone, as agencies publish them; set by the head or HR).
pub async fn periods_page(db: &Db, viewer: &Viewer, year: i32) -> Result<PeriodsPage, ServiceError> {
    let year = check_year(year)?;
    let periods = repo::periods(db, year).await?;
    let units = crate::services::org::unit_options(db).await?;
    let names: HashMap<&str, &str> = units.iter().map(|(k, n, _)| (k.as_str(), n.as_str())).collect();
    let mut org: Vec<OrgPredikatRow> = repo::org_predikats(db, year)
        .await?
        .into_iter()
        .map(|(unit, period, predikat)| OrgPredikatRow {
            unit_name: names.get(unit.as_str()).map(|n| n.to_string()).unwrap_or_else(|| unit.clone()),
            unit,
            period,
            predikat,
        })
        .collect();
    org.sort_by(|a, b| (a.period, &a.unit_name).cmp(&(b.period, &b.unit_name)));
    let may_set_org = may_set_org(viewer);
    Ok(PeriodsPage {
        year,
        periods,
        may_manage: viewer.roles.has(Role::HrAdmin),
        may_set_org,
        units: if may_set_org { units } else { Vec::new() },
        org,
        settings: super::skp_settings(db).await?,
    })
}

/// The head (or HR for them) sets a unit's organisational predikat for a period that is not closed.
pub async fn set_org_predikat(
    db: &Db,
    viewer: &Viewer,
    unit: &str,
    year: i32,
    number: u8,
    predikat: OrgPredikat,
) -> Result<(), ServiceError> {
    if !may_set_org(viewer) {
        return Err(ServiceError::Forbidden);
    }
    let year = check_year(year)?;
    let period = repo::period(db, year, number).await?.ok_or(ServiceError::NotFound)?;
    if period.state == PeriodState::Closed {
        return Err(ServiceError::Conflict(T::SkpPeriodClosed));
    }
    if org::unit_name(db, unit).await?.is_none() {
        return Err(invalid("unit", T::SkpUnknownUnit));
    }
    repo::set_org_predikat(db, &viewer.nip, unit, year, number, predikat).await?;
    Ok(())
}

/// The unit whose organisational predikat applies to `nip` in a period (their own unit or the nearest one above
/// that has one), and the distribution of predikat among everyone rated in that unit and below it — read from the
/// unit's tally, which counts each rating in the unit its person belonged to when rated; `own` is the person's
/// predikat where that tally counts it.
async fn curve_of(
    db: &Db,
    nip: &str,
    year: i32,
    number: u8,
) -> anyhow::Result<Option<(String, OrgPredikat, Distribution, Option<Predikat>)>> {
    let start = repo::curve_start(db, nip, year, number).await?;
    let Some((unit, name, org)) = start.path.into_iter().find_map(|(u, n, o)| Some((u, n, o?))) else {
        return Ok(None);
    };
    let d = repo::tally(db, &unit, year, number).await?;
    let own = start.own.filter(|(_, units)| units.contains(&unit)).map(|(p, _)| p);
    Ok(Some((name, org, d, own)))
}

/// HR plans a year's periods (`scheme`, and the input deadline `deadline_days` after each period's end), all
/// planned; a year is planned once.
pub async fn plan_year(
    db: &Db,
    viewer: &Viewer,
    year: i32,
    scheme: PeriodScheme,
    deadline_days: u16,
) -> Result<usize, ServiceError> {
    require_hr(viewer)?;
    let year = check_year(year)?;
    if deadline_days > 90 {
        return Err(invalid("deadline_days", T::SkpDeadlineDays));
    }
    if !repo::periods(db, year).await?.is_empty() {
        return Err(ServiceError::Conflict(T::SkpYearPlanned));
    }
    let planned = skp::plan_periods(year, scheme, deadline_days);
    repo::create_periods(db, &viewer.nip, year, scheme, &planned).await.map_err(|e| {
        if statement_error(&e).is_some_and(|s| s.is_duplicate()) {
            ServiceError::Conflict(T::SkpYearPlanned)
        } else {
            e.into()
        }
    })?;
    Ok(planned.len())
}

/// HR moves a period on: planned → open → closed (never back).
pub async fn advance_period(db: &Db, viewer: &Viewer, year: i32, number: u8) -> Result<PeriodState, ServiceError> {
    require_hr(viewer)?;
    let year = check_year(year)?;
    let p = repo::period(db, year, number).await?.ok_or(ServiceError::NotFound)?;
    let to = p.state.next().ok_or(ServiceError::Conflict(T::SkpPeriodClosed))?;
    if !repo::set_period_state(db, &viewer.nip, year, number, p.state, to).await? {
        return Err(ServiceError::Conflict(T::SkpChangedMeanwhile));
    }
    Ok(to)
}

/// The year's periods with `nip`'s predikat in each (for their plan's page).
pub async fn period_results(db: &Db, nip: &str, year: i32) -> anyhow::Result<Vec<PeriodResult>> {
    let ratings = repo::ratings_of(db, &[nip.to_string()], year).await?;
    Ok(repo::periods(db, year)
        .await?
        .into_iter()
        .map(|p| {
            let predikat = ratings.iter().find(|(_, n, _)| *n == p.number).map(|(_, _, r)| r.predikat());
            PeriodResult { period: p, predikat }
        })
        .collect())
}

/// The plan in force for a year: its version and rows (none before the first approval).
async fn plan_in_force(db: &Db, nip: &str, year: i32) -> anyhow::Result<Option<(u32, Vec<ResultRow>)>> {
    let versions = repo::versions(db, nip, year).await?;
    Ok(versions.into_iter().rev().find(|v| v.status == SkpStatus::Approved).map(|v| (v.version, v.doc.rows)))
}

async fn person_name(db: &Db, nip: &str) -> anyhow::Result<String> {
    Ok(org::employee(db, nip).await?.map(|e| e.name).unwrap_or_else(|| nip.to_string()))
}

/// `/skp/:nip/periods/:n`: the evaluation of one period, for everyone who may read the person's plan.
pub async fn evaluation_page(
    db: &Db,
    viewer: &Viewer,
    nip: &Nip,
    year: i32,
    number: u8,
) -> Result<EvaluationPage, ServiceError> {
    let year = check_year(year)?;
    let nip = nip.as_str();
    // The decider of an objection reads the evaluation even where the hierarchy no longer puts them above.
    if !crate::access::scope(db, viewer).await?.may_read(nip)
        && !super::is_decider(db, viewer, nip, year, number).await?
    {
        return Err(ServiceError::Forbidden);
    }
    let person = org::employee(db, nip).await?.ok_or(ServiceError::NotFound)?;
    let period = repo::period(db, year, number).await?.ok_or(ServiceError::NotFound)?;
    let plan = plan_in_force(db, nip, year).await?;
    let stored = repo::evaluation(db, nip, year, number).await?;
    let is_supervisor = is_direct_supervisor(db, viewer, nip).await?;
    let rated_by = stored.as_ref().and_then(|s| s.rated_by.clone());
    let rated = stored.as_ref().and_then(|s| Some((s.rated_by.as_deref()?, s.rated_at.as_deref()?)));
    let part = super::objection_part(db, viewer, nip, year, number, rated).await?;
    let may_rate = part.objection.is_none()
        && skp::may_rate(period.state, plan.is_some(), is_supervisor, rated_by.as_deref(), &viewer.nip).is_ok();
    let settings = super::skp_settings(db).await?;
    let rating = match stored.as_ref().and_then(|s| s.ratings.map(|r| (r, s))) {
        Some((ratings, s)) => {
            let by = s.rated_by.clone().unwrap_or_default();
            Some(RatingInfo {
                ratings,
                predikat: ratings.predikat(),
                feedback: s.feedback.clone(),
                rated_by: (by.clone(), person_name(db, &by).await?),
                rated_at: s.rated_at.clone().unwrap_or_default(),
                curve_warning: s.curve_warning.clone(),
                curve_reason: s.curve_reason.clone(),
                by_objection: s.by_objection,
            })
        }
        None => None,
    };
    let curve = if may_rate || may_set_org(viewer) {
        curve_of(db, nip, year, number).await?.map(|(unit_name, org, distribution, _)| CurveView {
            unit_name,
            org,
            rules: skp::guideline(org).iter().map(|r| (*r).into()).collect(),
            breaches: skp::check(org, &distribution).into_iter().map(|b| b.rule.into()).collect(),
            distribution,
        })
    } else {
        None
    };
    let dialogue = match repo::dialogue(db, nip, year, number).await? {
        Some(d) => Some(DialogueInfo {
            recorded_by: (d.recorded_by.clone(), person_name(db, &d.recorded_by).await?),
            doc: d.doc,
            recorded_at: d.recorded_at,
            acknowledged_at: d.acknowledged_at,
        }),
        None => None,
    };
    let may_record_dialogue = is_supervisor && period.state != PeriodState::Planned;
    let may_acknowledge = viewer.nip == nip && dialogue.as_ref().is_some_and(|d| d.acknowledged_at.is_none());
    let doc = stored.map(|s| s.doc).unwrap_or_default();
    let (plan_version, rows) = plan.map(|(v, rows)| (Some(v), rows)).unwrap_or_default();
    let keys: Vec<String> = rows.iter().map(|r| r.key.clone()).collect();
    let missing = doc.missing(&keys).into_iter().map(str::to_string).collect();
    let files = repo::evidence_files(db, nip, year, number).await?;
    Ok(EvaluationPage {
        is_owner: viewer.nip == nip,
        may_realise: viewer.nip == nip
            && period.state == PeriodState::Open
            && plan_version.is_some()
            && rating.is_none(),
        nip: person.nip,
        name: person.name,
        position: person.position.unwrap_or_default(),
        period,
        plan_version,
        rows,
        doc,
        missing,
        files,
        rating,
        may_rate,
        allowance: settings.allowance,
        curve,
        dialogue,
        may_record_dialogue,
        may_acknowledge,
        follow_up_due: crate::services::plan::default_due(),
        objection: part.objection,
        may_object_until: part.may_object_until,
        may_decide: part.may_decide,
    })
}

fn eval_problem(p: EvalProblem) -> ServiceError {
    match p {
        EvalProblem::Text => invalid("text", T::SkpRealisationText),
        EvalProblem::Link => invalid("link", T::SkpEvidenceLink),
        EvalProblem::SelfAssessment => invalid("self_assessment", T::NoteTooLong),
        EvalProblem::UnknownRow => ServiceError::NotFound,
    }
}

fn not_open(e: anyhow::Error) -> ServiceError {
    match statement_error(&e) {
        Some(s) if s.is_thrown("period_not_open") => ServiceError::Conflict(T::SkpPeriodNotOpen),
        Some(s) if s.is_thrown("objected") => ServiceError::Conflict(T::SkpObjectionLocksRating),
        _ => e.into(),
    }
}

/// Checks that the owner may write their part of a period, and returns the keys of the rows in force and the
/// current document.
pub(super) async fn owner_part(
    db: &Db,
    nip: &str,
    year: i32,
    number: u8,
) -> Result<(Vec<String>, EvalDoc), ServiceError> {
    let period = repo::period(db, year, number).await?.ok_or(ServiceError::NotFound)?;
    if period.state != PeriodState::Open {
        return Err(ServiceError::Conflict(T::SkpPeriodNotOpen));
    }
    let (_, rows) = plan_in_force(db, nip, year).await?.ok_or(ServiceError::Conflict(T::SkpNoPlanInForce))?;
    let stored = repo::evaluation(db, nip, year, number).await?;
    if stored.as_ref().is_some_and(|s| s.ratings.is_some()) {
        return Err(ServiceError::Conflict(T::SkpAlreadyRated));
    }
    Ok((rows.into_iter().map(|r| r.key).collect(), stored.map(|s| s.doc).unwrap_or_default()))
}

async fn save_owner_part(db: &Db, nip: &str, year: i32, number: u8, mut doc: EvalDoc) -> Result<(), ServiceError> {
    doc.v = EVAL_DOC_VERSION;
    if !repo::save_eval_doc(db, nip, year, number, &doc).await.map_err(not_open)? {
        return Err(ServiceError::Conflict(T::SkpAlreadyRated));
    }
    Ok(())
}

/// The owner records what they achieved on one row of the plan in force, with an evidence link (optional).
pub async fn realise(
    db: &Db,
    viewer: &Viewer,
    year: i32,
    number: u8,
    row: &str,
    text: &str,
    link: &str,
) -> Result<(), ServiceError> {
    let year = check_year(year)?;
    let (keys, mut doc) = owner_part(db, &viewer.nip, year, number).await?;
    doc.realise(&keys, row, text, link).map_err(eval_problem)?;
    save_owner_part(db, &viewer.nip, year, number, doc).await
}

/// The owner writes (or clears) their self-assessment of a period.
pub async fn assess_self(db: &Db, viewer: &Viewer, year: i32, number: u8, text: &str) -> Result<(), ServiceError> {
    let year = check_year(year)?;
    let (_, mut doc) = owner_part(db, &viewer.nip, year, number).await?;
    doc.assess_self(text).map_err(eval_problem)?;
    save_owner_part(db, &viewer.nip, year, number, doc).await
}

/// A supervisor's rating of a period as typed: both ratings, the feedback, and the reason for keeping a rating that
/// puts the unit outside the curve guideline (may be empty).
#[derive(Debug, Clone, Copy)]
pub struct RatingInput<'a> {
    pub ratings: Ratings,
    pub feedback: &'a str,
    pub curve_reason: &'a str,
}

/// The current direct supervisor rates results and behaviour of a period with written feedback (or changes their
/// own rating while the period is open). Returns the predikat.
pub async fn rate(
    db: &Db,
    viewer: &Viewer,
    owner: &Nip,
    year: i32,
    number: u8,
    input: RatingInput<'_>,
) -> Result<skp::Predikat, ServiceError> {
    let RatingInput { ratings, feedback, curve_reason } = input;
    let year = check_year(year)?;
    let owner = owner.as_str();
    // Anyone but the current direct supervisor is refused without learning whether a plan or period exists.
    let is_supervisor = is_direct_supervisor(db, viewer, owner).await?;
    if !is_supervisor {
        return Err(ServiceError::Forbidden);
    }
    let feedback = feedback.trim();
    if feedback.is_empty() {
        return Err(invalid("feedback", T::SkpFeedbackNeeded));
    }
    if !within(feedback, MAX_NOTE) {
        return Err(invalid("feedback", T::NoteTooLong));
    }
    let curve_reason = curve_reason.trim();
    if !within(curve_reason, MAX_NOTE) {
        return Err(invalid("curve_reason", T::NoteTooLong));
    }
    let period = repo::period(db, year, number).await?.ok_or(ServiceError::NotFound)?;
    let plan = plan_in_force(db, owner, year).await?;
    let rated_by = repo::evaluation(db, owner, year, number).await?.and_then(|s| s.rated_by);
    skp::may_rate(period.state, plan.is_some(), is_supervisor, rated_by.as_deref(), &viewer.nip).map_err(
        |r| match r {
            RatingRefusal::PeriodNotOpen => ServiceError::Conflict(T::SkpPeriodNotOpen),
            RatingRefusal::NoPlanInForce => ServiceError::Conflict(T::SkpNoPlanInForce),
            RatingRefusal::NotTheRater => ServiceError::Conflict(T::SkpRatedByAnother),
            RatingRefusal::NotSupervisor => ServiceError::Forbidden,
        },
    )?;
    // Outside the unit's guideline the rating still stands (the regulation says "take into account"): the warning
    // and the rater's reason are kept with it.
    let warning: Option<CurveWarning> = curve_of(db, owner, year, number)
        .await?
        .and_then(|(_, org, d, own)| skp::warning(org, &d.replaced(own, ratings.predikat())));
    let record = repo::RatingRecord {
        ratings,
        feedback,
        warning: warning.as_ref(),
        reason: if warning.is_some() { curve_reason } else { "" },
    };
    if !repo::rate(db, &viewer.nip, owner, year, number, &record).await.map_err(not_open)? {
        return Err(ServiceError::Conflict(T::SkpRatedByAnother));
    }
    Ok(ratings.predikat())
}

/// One line of a period's predikat export.
#[derive(Debug, Clone, PartialEq)]
pub struct PredikatLine {
    pub nip: String,
    pub name: String,
    pub unit_name: String,
    pub position: String,
    pub ratings: Ratings,
    pub rated_by: String,
    pub rated_at: String,
    /// The ratings were changed by an upheld objection.
    pub by_objection: bool,
}

/// Every predikat of a period, for HR and the head (the CSV export), ordered by NIP.
pub async fn period_predikat_lines(
    db: &Db,
    viewer: &Viewer,
    year: i32,
    number: u8,
) -> Result<Vec<PredikatLine>, ServiceError> {
    if !may_set_org(viewer) {
        return Err(ServiceError::Forbidden);
    }
    let year = check_year(year)?;
    repo::period(db, year, number).await?.ok_or(ServiceError::NotFound)?;
    let rows = repo::rated_in(db, year, number).await?;
    let nips: Vec<String> = rows.iter().map(|r| r.nip.clone()).collect();
    let mut people: HashMap<String, domain::view::EmployeeSummary> =
        org::summaries(db, &nips).await?.into_iter().map(|s| (s.nip.clone(), s)).collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let s = people.remove(&r.nip);
            PredikatLine {
                name: s.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
                unit_name: s.as_ref().map(|s| s.unit_name.clone()).unwrap_or_default(),
                position: s.map(|s| s.position).unwrap_or_default(),
                ratings: Ratings { results: r.results, behaviour: r.behaviour },
                rated_by: r.rated_by.unwrap_or_default(),
                rated_at: r.rated_at.unwrap_or_default(),
                by_objection: r.by_objection,
                nip: r.nip,
            }
        })
        .collect())
}

fn dialogue_problem(p: DialogueProblem) -> ServiceError {
    match p {
        DialogueProblem::Date => invalid("held_on", T::SkpDialogueDate),
        DialogueProblem::Discussed => invalid("discussed", T::SkpDialogueDiscussed),
        DialogueProblem::FollowUps => invalid("follow_ups", T::SkpDialogueFollowUps),
    }
}

/// A dialogue as typed: the date, what was discussed, and the follow-ups one per line.
#[derive(Debug, Clone, Copy)]
pub struct DialogueForm<'a> {
    pub held_on: &'a str,
    pub discussed: &'a str,
    pub follow_ups: &'a str,
}

/// The current direct supervisor records (or corrects) the performance dialogue of a period; a correction asks the
/// employee to acknowledge again.
pub async fn record_dialogue(
    db: &Db,
    viewer: &Viewer,
    owner: &Nip,
    year: i32,
    number: u8,
    form: DialogueForm<'_>,
) -> Result<(), ServiceError> {
    let owner = owner.as_str();
    if !is_direct_supervisor(db, viewer, owner).await? {
        return Err(ServiceError::Forbidden);
    }
    let year = check_year(year)?;
    let doc = DialogueDoc::parse(form.held_on, form.discussed, form.follow_ups).map_err(dialogue_problem)?;
    let period = repo::period(db, year, number).await?.ok_or(ServiceError::NotFound)?;
    if period.state == PeriodState::Planned {
        return Err(ServiceError::Conflict(T::SkpPeriodNotOpen));
    }
    repo::record_dialogue(db, &viewer.nip, owner, year, number, &doc).await?;
    Ok(())
}

/// The employee acknowledges the dialogue of a period as recorded.
pub async fn acknowledge_dialogue(db: &Db, viewer: &Viewer, year: i32, number: u8) -> Result<(), ServiceError> {
    let year = check_year(year)?;
    let nip = viewer.nip.as_str();
    if repo::dialogue(db, nip, year, number).await?.is_none() {
        return Err(ServiceError::NotFound);
    }
    if !repo::acknowledge_dialogue(db, nip, year, number).await? {
        return Err(ServiceError::Conflict(T::SkpDialogueAcknowledged));
    }
    Ok(())
}
