//! Objections (*keberatan*) to a rating and the agency's SKP settings. Within the settings' window after a rating the
//! employee files one objection per rated period, with reasons and evidence; from then on the rater can no longer
//! change the rating. The rater's current supervisor (*atasan pejabat penilai*; HR where the rater has none) decides
//! by the due date — upheld with a changed rating, or rejected — always with written reasons. Both ratings are kept;
//! the evaluation shows that its rating was changed by an objection. Everything is audited.

use super::check_year;
use crate::db::Db;
use crate::error::{ServiceError, invalid};
use crate::repo::skp as repo;
use crate::repo::{audit, org, settings};
use crate::services::auth::Viewer;
use anyhow::Context;
use domain::skp::{
    self, Decider, Decision, FilingRefusal, ObjectionDoc, ObjectionProblem, ObjectionState, Predikat, SettingsProblem,
    SkpSettings,
};
use domain::view::{DecisionInfo, ObjectionInfo, ObjectionRow, ObjectionsPage};
use domain::{Nip, Role};
use i18n::T;
use time::Date;

/// Setting key of the SKP settings.
const SETTINGS_KEY: &str = "skp";

/// Today in WIB (UTC+7), where the agencies are.
pub(crate) fn today() -> Date {
    let wib = time::UtcOffset::from_hms(7, 0, 0).unwrap_or(time::UtcOffset::UTC);
    time::OffsetDateTime::now_utc().to_offset(wib).date()
}

/// The date part of `YYYY-MM-DD…`.
fn date_of(text: &str) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(text.get(..10)?, &format).ok()
}

/// The SKP settings in force (defaults until HR changes them).
pub async fn skp_settings(db: &Db) -> Result<SkpSettings, ServiceError> {
    Ok(match settings::get(db, SETTINGS_KEY).await? {
        Some(json) => serde_json::from_str(&json).context("decoding the SKP settings")?,
        None => SkpSettings::default(),
    })
}

/// The SKP settings as typed into HR's form: the two windows in days and one allowance percentage per predikat,
/// best first.
#[derive(Debug, Clone, Copy)]
pub struct SettingsForm<'a> {
    pub objection_days: &'a str,
    pub decision_days: &'a str,
    pub allowance: &'a [&'a str],
}

/// HR changes the SKP settings (audited with before and after). Objections already filed keep their due date.
pub async fn save_skp_settings(db: &Db, viewer: &Viewer, form: SettingsForm<'_>) -> Result<SkpSettings, ServiceError> {
    if !viewer.roles.has(Role::HrAdmin) {
        return Err(ServiceError::Forbidden);
    }
    let new = SkpSettings::parse(form.objection_days, form.decision_days, form.allowance).map_err(|p| match p {
        SettingsProblem::Days => invalid("days", T::SkpSettingsDays),
        SettingsProblem::Allowance => invalid("allowance", T::SkpSettingsAllowance),
    })?;
    let before = skp_settings(db).await?;
    let json = serde_json::to_string(&new).context("encoding the SKP settings")?;
    settings::set(db, SETTINGS_KEY, &json).await?;
    audit::append(
        db,
        &viewer.nip,
        "skp.settings",
        "setting:skp",
        Some(serde_json::to_value(before).context("encoding")?),
        Some(serde_json::to_value(&new).context("encoding")?),
        None,
    )
    .await?;
    Ok(new)
}

/// Who decides an objection to a rating given by `rater`: the rater's current supervisor, or HR.
async fn decider_of(db: &Db, rater: &str) -> anyhow::Result<Decider> {
    Ok(Decider::of(db.hierarchy().await?.supervisor(rater)))
}

/// Whether `viewer` decides `o` (awaiting a decision or not).
async fn decides(db: &Db, viewer: &Viewer, o: &repo::StoredObjection) -> anyhow::Result<bool> {
    Ok(decider_of(db, &o.rater).await?.is(&viewer.nip, viewer.roles.has(Role::HrAdmin), &o.rater, &o.nip))
}

/// Whether `viewer` is the decider of the objection (filed or decided) to `nip`'s rating of a period: they may read
/// the evaluation even where the hierarchy no longer puts them above the employee.
pub(super) async fn is_decider(db: &Db, viewer: &Viewer, nip: &str, year: i32, period: u8) -> anyhow::Result<bool> {
    match repo::objection(db, nip, year, period).await? {
        Some(o) => Ok(o.decided_by.as_deref() == Some(viewer.nip.as_str()) || decides(db, viewer, &o).await?),
        None => Ok(false),
    }
}

async fn name_of(db: &Db, nip: &str) -> anyhow::Result<(String, String)> {
    let name = org::employee(db, nip).await?.map(|e| e.name).unwrap_or_else(|| nip.to_string());
    Ok((nip.to_string(), name))
}

/// The evaluation page's objection part: the objection with its decision, until when the owner may object, and
/// whether the viewer decides.
pub(super) struct ObjectionPart {
    pub objection: Option<ObjectionInfo>,
    pub may_object_until: Option<String>,
    pub may_decide: bool,
}

pub(super) async fn objection_part(
    db: &Db,
    viewer: &Viewer,
    nip: &str,
    year: i32,
    period: u8,
    rated: Option<(&str, &str)>,
) -> Result<ObjectionPart, ServiceError> {
    let stored = repo::objection(db, nip, year, period).await?;
    let today = today();
    let may_object_until = match rated {
        Some((_, rated_at)) if viewer.nip == nip && stored.is_none() => {
            let settings = skp_settings(db).await?;
            let rated_on = date_of(rated_at);
            skp::may_file(rated_on, false, today, settings.objection_days)
                .ok()
                .and(rated_on)
                .map(|d| skp::last_filing_day(d, settings.objection_days).to_string())
        }
        _ => None,
    };
    let Some(o) = stored else {
        return Ok(ObjectionPart { objection: None, may_object_until, may_decide: false });
    };
    let decider = decider_of(db, &o.rater).await?;
    let may_decide =
        o.state == ObjectionState::Filed && decider.is(&viewer.nip, viewer.roles.has(Role::HrAdmin), &o.rater, &o.nip);
    let decision = match &o.decided_by {
        Some(by) => Some(DecisionInfo {
            decided_by: name_of(db, by).await?,
            decided_at: o.decided_at.clone().unwrap_or_default(),
            reason: o.decision_reason.clone(),
            new_ratings: o.new_ratings,
        }),
        None => None,
    };
    let overdue = o.state == ObjectionState::Filed && date_of(&o.due).is_some_and(|d| today > d);
    Ok(ObjectionPart {
        objection: Some(ObjectionInfo {
            doc: o.doc,
            original: o.original,
            filed_at: o.filed_at,
            due: o.due,
            overdue,
            state: o.state,
            decider: match decider {
                Decider::Supervisor(s) => Some(name_of(db, &s).await?),
                Decider::Hr => None,
            },
            decision,
        }),
        may_object_until,
        may_decide,
    })
}

fn objection_problem(p: ObjectionProblem) -> ServiceError {
    match p {
        ObjectionProblem::Reasons => invalid("reasons", T::SkpObjectionReasons),
        ObjectionProblem::Link => invalid("link", T::SkpEvidenceLink),
        ObjectionProblem::DecisionReason => invalid("reason", T::SkpDecisionReason),
        ObjectionProblem::Unchanged => invalid("results", T::SkpDecisionUnchanged),
    }
}

/// The employee files an objection to their rating of a period, with reasons and an optional evidence link.
pub async fn file_objection(
    db: &Db,
    viewer: &Viewer,
    year: i32,
    period: u8,
    reasons: &str,
    link: &str,
) -> Result<(), ServiceError> {
    let year = check_year(year)?;
    let nip = viewer.nip.as_str();
    let doc = ObjectionDoc::parse(reasons, link).map_err(objection_problem)?;
    let eval = repo::evaluation(db, nip, year, period).await?;
    let rated = eval.as_ref().and_then(|e| Some((e.ratings?, e.rated_by.clone()?, e.rated_at.clone()?)));
    let existing = repo::objection(db, nip, year, period).await?.is_some();
    let settings = skp_settings(db).await?;
    let today = today();
    let rated_on = rated.as_ref().and_then(|(_, _, at)| date_of(at));
    skp::may_file(rated_on, existing, today, settings.objection_days).map_err(|r| match r {
        FilingRefusal::NotRated => ServiceError::Conflict(T::SkpObjectionNotRated),
        FilingRefusal::AlreadyFiled => ServiceError::Conflict(T::SkpObjectionExists),
        FilingRefusal::WindowClosed => ServiceError::Conflict(T::SkpObjectionWindowClosed),
    })?;
    let Some((original, rater, _)) = rated else { return Err(ServiceError::Conflict(T::SkpObjectionNotRated)) };
    let due = skp::decision_due(today, settings.decision_days).to_string();
    let filing = repo::Filing { doc: &doc, original, rater: &rater, due: &due };
    if !repo::file_objection(db, nip, year, period, &filing).await? {
        return Err(ServiceError::Conflict(T::SkpObjectionExists));
    }
    Ok(())
}

/// The decider decides an objection to `owner`'s rating of a period. Returns the predikat in force afterwards.
pub async fn decide_objection(
    db: &Db,
    viewer: &Viewer,
    owner: &Nip,
    year: i32,
    period: u8,
    decision: Decision,
    reason: &str,
) -> Result<Predikat, ServiceError> {
    let year = check_year(year)?;
    let owner = owner.as_str();
    // Anyone but the decider is refused without learning whether an objection exists.
    let Some(o) = repo::objection(db, owner, year, period).await? else { return Err(ServiceError::Forbidden) };
    if !decides(db, viewer, &o).await? {
        return Err(ServiceError::Forbidden);
    }
    if o.state != ObjectionState::Filed {
        return Err(ServiceError::Conflict(T::SkpObjectionDecided));
    }
    let reason = decision.check(o.original, reason).map_err(objection_problem)?;
    if !repo::decide_objection(db, &viewer.nip, owner, year, period, decision, &reason).await? {
        return Err(ServiceError::Conflict(T::SkpObjectionDecided));
    }
    Ok(decision.predikat(o.original))
}

/// `/skp/objections`: the objections awaiting a decision and those of `year`, that the viewer decides, filed, or
/// rated; HR and the head see all.
pub async fn objections_page(db: &Db, viewer: &Viewer, year: i32) -> Result<ObjectionsPage, ServiceError> {
    let year = check_year(year)?;
    let sees_all = viewer.roles.has(Role::HrAdmin) || viewer.roles.has(Role::Head);
    let today = today();
    let mut rows = Vec::new();
    for o in repo::objections(db, year).await? {
        let to_decide = o.state == ObjectionState::Filed && decides(db, viewer, &o).await?;
        let involved = o.nip == viewer.nip || o.rater == viewer.nip || o.decided_by.as_deref() == Some(&viewer.nip);
        if !(sees_all || to_decide || involved) {
            continue;
        }
        let period_info = repo::period(db, o.year, o.period).await?;
        rows.push(ObjectionRow {
            name: name_of(db, &o.nip).await?.1,
            overdue: o.state == ObjectionState::Filed && date_of(&o.due).is_some_and(|d| today > d),
            nip: o.nip,
            year: o.year,
            period: o.period,
            period_info,
            filed_at: o.filed_at,
            due: o.due,
            state: o.state,
            to_decide,
        });
    }
    // What the viewer must decide first, then the oldest.
    rows.sort_by_key(|r| !r.to_decide);
    Ok(ObjectionsPage { year, rows })
}
