//! Work plans (SKP): the employee drafts (also before the supervisor has finished their own) and submits; the
//! current direct supervisor returns it with a comment or approves it. A change after approval is a new version;
//! every version stays readable. Who may read follows the access rules of the rest of Kinerja (self, anyone above,
//! HR and the head); a wrong or missing supervisor never blocks drafting, and when HR fixes the hierarchy the plan
//! follows the new supervisor, because the decider is read from the hierarchy at the moment of the decision.

use crate::db::{Db, statement_error};
use crate::error::{ServiceError, invalid};
use crate::repo::org;
use crate::repo::skp as repo;
use crate::services::auth::Viewer;
use domain::Nip;
use domain::skp::{
    self, Indicator, LifecycleError, Outcome, ResultRow, SkpAction, SkpActor, SkpDoc, SkpProblem, SkpStatus,
};
use domain::text::{MAX_NOTE, within};
use domain::view::{SkpPage, SkpVersionInfo, TeamPlan};
use i18n::T;

fn check_year(year: i32) -> Result<i32, ServiceError> {
    if (2000..=2100).contains(&year) { Ok(year) } else { Err(invalid("year", T::SkpYearRange)) }
}

/// Whether `viewer` is `owner`'s current direct supervisor — read from the hierarchy when asked, so that a plan, its
/// ratings and its dialogue follow a hierarchy HR has fixed.
async fn is_direct_supervisor(db: &Db, viewer: &Viewer, owner: &str) -> anyhow::Result<bool> {
    Ok(db.hierarchy().await?.supervisor(owner) == Some(viewer.nip.as_str()))
}

fn problem(p: SkpProblem) -> ServiceError {
    let (field, text) = match p {
        SkpProblem::NoMainResult => ("rows", T::SkpNoMainResult),
        SkpProblem::TooManyRows => ("rows", T::SkpTooManyRows),
        SkpProblem::RowText { .. } => ("rows", T::SkpRowText),
        SkpProblem::Indicators { .. } => ("indicators", T::SkpIndicators),
        SkpProblem::IndicatorText { .. } => ("indicators", T::SkpIndicatorText),
        SkpProblem::Target { .. } => ("indicators", T::SkpTarget),
        SkpProblem::Expectation => ("expectations", T::SkpExpectation),
        SkpProblem::DuplicateRow { .. } => ("rows", T::SkpDuplicateRow),
    };
    invalid(field, text)
}

fn lifecycle(e: LifecycleError) -> ServiceError {
    match e {
        // Someone else's plan answers like one that does not exist to the wrong actor.
        LifecycleError::NotOwner | LifecycleError::NotSupervisor => ServiceError::Forbidden,
        LifecycleError::AwaitingDecision => ServiceError::Conflict(T::SkpAwaitingDecision),
        LifecycleError::NotSubmitted => ServiceError::Conflict(T::SkpNotSubmitted),
        LifecycleError::AlreadySubmitted => ServiceError::Conflict(T::SkpAlreadySubmitted),
    }
}

/// `/skp/:nip` for a year: every version, the one shown (`version`, or the newest), the version in force, and what
/// the viewer may do.
pub async fn skp_page(
    db: &Db,
    viewer: &Viewer,
    nip: &Nip,
    year: i32,
    version: Option<u32>,
) -> Result<SkpPage, ServiceError> {
    let year = check_year(year)?;
    let nip = nip.as_str();
    let scope = crate::access::scope(db, viewer).await?;
    if !scope.may_read(nip) {
        return Err(ServiceError::Forbidden);
    }
    let person = org::employee(db, nip).await?.ok_or(ServiceError::NotFound)?;
    let versions = repo::versions(db, nip, year).await?;
    let shown = match version {
        Some(n) => Some(versions.iter().find(|v| v.version == n).ok_or(ServiceError::NotFound)?),
        None => versions.last(),
    };
    let snapshot = scope.snapshot();
    let supervisor = match snapshot.supervisor(nip) {
        Some(s) => org::employee(db, s).await?.map(|e| (e.nip, e.name)),
        None => None,
    };
    let supervisor_rows = match &supervisor {
        Some((s, _)) => repo::versions(db, s, year).await?.pop().map(|v| v.doc.rows).unwrap_or_default(),
        None => Vec::new(),
    };
    // The direct reports' newest plans, read once for the cascade (the rows of the version shown, and which of the
    // reports' rows support each of them) and, on one's own page, the team's states.
    let reports = snapshot.direct_reports(nip);
    let own = viewer.nip == nip;
    let (mut names, plans) = if !reports.is_empty() && (shown.is_some() || own) {
        let names: Vec<(String, String)> = crate::repo::feedback::names(db, reports).await?;
        (names, repo::newest_plans(db, reports, year).await?)
    } else {
        (Vec::new(), Vec::new())
    };
    names.sort_by(|a, b| a.1.cmp(&b.1));
    let name_of: std::collections::HashMap<&str, &str> =
        names.iter().map(|(n, name)| (n.as_str(), name.as_str())).collect();
    let cascade = match shown {
        Some(v) if !plans.is_empty() => {
            let mut team: Vec<(String, String, Vec<ResultRow>)> = plans
                .iter()
                .map(|(n, _, doc)| (n.clone(), name_of.get(n.as_str()).unwrap_or(&"").to_string(), doc.rows.clone()))
                .collect();
            team.sort_by(|a, b| a.1.cmp(&b.1));
            skp::cascade(&v.doc.rows, &team)
        }
        _ => Vec::new(),
    };
    let statuses: Vec<(u32, SkpStatus)> = versions.iter().map(|v| (v.version, v.status)).collect();
    let team = if own {
        let states: std::collections::HashMap<&str, SkpStatus> =
            plans.iter().map(|(n, status, _)| (n.as_str(), *status)).collect();
        names
            .iter()
            .map(|(nip, name)| TeamPlan {
                status: states.get(nip.as_str()).copied(),
                nip: nip.clone(),
                name: name.clone(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let notes = notes::threads(db, nip, year, shown.map(|v| v.doc.rows.as_slice()).unwrap_or_default()).await?;
    let is_supervisor = supervisor.as_ref().is_some_and(|(s, _)| *s == viewer.nip);
    Ok(SkpPage {
        notes,
        may_note: is_supervisor,
        may_reply: is_supervisor || viewer.nip == nip,
        nip: person.nip,
        name: person.name,
        position: person.position.unwrap_or_default(),
        year,
        shown: shown.map(|v| v.version),
        doc: shown.map(|v| v.doc.clone()).unwrap_or_default(),
        in_force: skp::in_force(&statuses),
        team,
        may_edit: viewer.nip == nip,
        may_decide: supervisor.as_ref().is_some_and(|(s, _)| *s == viewer.nip),
        supervisor,
        supervisor_rows,
        periods: period_results(db, nip, year).await?,
        cascade,
        versions: versions
            .into_iter()
            .map(|v| SkpVersionInfo {
                version: v.version,
                status: v.status,
                comment: v.comment,
                decided_by: v.decided_by,
                updated_at: v.updated_at,
            })
            .collect(),
    })
}

/// The owner saves their plan for `year`: the first draft, a change to a draft or returned version, or — after
/// approval — a new version (the approved one stays in force until the new one is approved). Returns the version
/// written. Links to the supervisor's results must name rows of the supervisor's newest version.
pub async fn save(db: &Db, viewer: &Viewer, year: i32, mut doc: SkpDoc) -> Result<u32, ServiceError> {
    let year = check_year(year)?;
    doc.v = skp::SKP_DOC_VERSION;
    doc.check_draft().map_err(problem)?;
    let nip = viewer.nip.as_str();
    if let Some(sup) = db.hierarchy().await?.supervisor(nip) {
        let rows = repo::versions(db, sup, year).await?.pop().map(|v| v.doc.rows).unwrap_or_default();
        let known = |key: &String| rows.iter().any(|r| r.key == *key);
        if doc.rows.iter().filter_map(|r| r.supports.as_ref()).any(|k| !known(k)) {
            return Err(invalid("supports", T::SkpUnknownSupervisorRow));
        }
    } else if doc.rows.iter().any(|r| r.supports.is_some()) {
        return Err(invalid("supports", T::SkpUnknownSupervisorRow));
    }
    let latest = repo::versions(db, nip, year).await?.pop();
    let written = match latest {
        None => {
            repo::create_version(db, nip, nip, year, 1, &doc).await.map_err(conflict_on_duplicate)?;
            1
        }
        Some(v) => match skp::apply(v.status, SkpActor::Owner, SkpAction::Edit).map_err(lifecycle)? {
            Outcome::NewVersion => {
                repo::create_version(db, nip, nip, year, v.version + 1, &doc).await.map_err(conflict_on_duplicate)?;
                v.version + 1
            }
            Outcome::Becomes(_) => {
                if !repo::save_draft(db, nip, nip, year, v.version, &doc).await? {
                    return Err(ServiceError::Conflict(T::SkpChangedMeanwhile));
                }
                v.version
            }
        },
    };
    Ok(written)
}

fn conflict_on_duplicate(e: anyhow::Error) -> ServiceError {
    if statement_error(&e).is_some_and(|s| s.is_duplicate()) {
        ServiceError::Conflict(T::SkpChangedMeanwhile)
    } else {
        e.into()
    }
}

/// The owner submits their newest version for approval.
pub async fn submit(db: &Db, viewer: &Viewer, year: i32) -> Result<u32, ServiceError> {
    let year = check_year(year)?;
    let nip = viewer.nip.as_str();
    let v = repo::versions(db, nip, year).await?.pop().ok_or(ServiceError::NotFound)?;
    let Outcome::Becomes(to) = skp::apply(v.status, SkpActor::Owner, SkpAction::Submit).map_err(lifecycle)? else {
        return Err(ServiceError::Conflict(T::SkpAlreadySubmitted));
    };
    v.doc.check_submission().map_err(problem)?;
    if !repo::set_status(db, nip, nip, year, v.version, &[SkpStatus::Draft, SkpStatus::Returned], to, "").await? {
        return Err(ServiceError::Conflict(T::SkpChangedMeanwhile));
    }
    Ok(v.version)
}

/// The owner's current direct supervisor approves the submitted version, or returns it with a comment.
pub async fn decide(
    db: &Db,
    viewer: &Viewer,
    owner: &Nip,
    year: i32,
    approve: bool,
    comment: &str,
) -> Result<(), ServiceError> {
    let year = check_year(year)?;
    let owner = owner.as_str();
    // Anyone but the current direct supervisor is refused without learning whether a plan exists.
    if !is_direct_supervisor(db, viewer, owner).await? {
        return Err(ServiceError::Forbidden);
    }
    let comment = comment.trim();
    if !within(comment, MAX_NOTE) {
        return Err(invalid("comment", T::NoteTooLong));
    }
    if !approve && comment.is_empty() {
        return Err(invalid("comment", T::SkpReturnNeedsComment));
    }
    let v = repo::versions(db, owner, year).await?.pop().ok_or(ServiceError::NotFound)?;
    let action = if approve { SkpAction::Approve } else { SkpAction::Return };
    let Outcome::Becomes(to) = skp::apply(v.status, SkpActor::Supervisor, action).map_err(lifecycle)? else {
        return Err(ServiceError::Conflict(T::SkpNotSubmitted));
    };
    if !repo::set_status(db, &viewer.nip, owner, year, v.version, &[SkpStatus::Submitted], to, comment).await? {
        return Err(ServiceError::Conflict(T::SkpChangedMeanwhile));
    }
    Ok(())
}

/// Applies `change` to the owner's newest content (an empty plan before the first draft) and saves it as
/// [`save`] does.
async fn edit(
    db: &Db,
    viewer: &Viewer,
    year: i32,
    change: impl FnOnce(&mut SkpDoc) -> Result<(), ServiceError>,
) -> Result<u32, ServiceError> {
    let year = check_year(year)?;
    let mut doc = repo::versions(db, &viewer.nip, year).await?.pop().map(|v| v.doc).unwrap_or_default();
    change(&mut doc)?;
    save(db, viewer, year, doc).await
}

/// The owner adds a result row (with its first indicator). Its key is new and stays with the row in later versions.
pub async fn add_row(db: &Db, viewer: &Viewer, year: i32, mut row: ResultRow) -> Result<u32, ServiceError> {
    row.key = crate::services::auth::new_token().chars().filter(char::is_ascii_alphanumeric).take(12).collect();
    edit(db, viewer, year, |doc| {
        doc.rows.push(row);
        Ok(())
    })
    .await
}

/// The owner adds an indicator to one of their rows.
pub async fn add_indicator(
    db: &Db,
    viewer: &Viewer,
    year: i32,
    row: &str,
    indicator: Indicator,
) -> Result<u32, ServiceError> {
    edit(db, viewer, year, |doc| {
        let r = doc.rows.iter_mut().find(|r| r.key == row).ok_or(ServiceError::NotFound)?;
        r.indicators.push(indicator);
        Ok(())
    })
    .await
}

/// The owner removes a row.
pub async fn remove_row(db: &Db, viewer: &Viewer, year: i32, row: &str) -> Result<u32, ServiceError> {
    edit(db, viewer, year, |doc| {
        let before = doc.rows.len();
        doc.rows.retain(|r| r.key != row);
        if doc.rows.len() == before { Err(ServiceError::NotFound) } else { Ok(()) }
    })
    .await
}

mod document;
mod evaluation;
mod evidence;
mod notes;
mod objection;
pub use document::*;
pub use evaluation::*;
pub use evidence::*;
pub use notes::*;
pub use objection::*;

#[cfg(test)]
mod tests;
