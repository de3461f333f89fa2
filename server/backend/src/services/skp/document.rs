//! The printable documents: the SKP as agencies sign it (the two parties, the results with the supervisor's result
//! each supports and its indicators and targets, the behaviour values with the supervisor's expectations, and the
//! signature block) and, for a period, the evaluation document (realisations, the two ratings, the predikat and the
//! feedback). Read by everyone who may read the plan.

use super::check_year;
use crate::db::Db;
use crate::error::ServiceError;
use crate::repo::org;
use crate::repo::skp as repo;
use crate::services::auth::Viewer;
use domain::Nip;
use domain::skp::SkpStatus;
use domain::view::{DocumentEvaluation, Signatory, SkpDocument};

async fn signatory(db: &Db, nip: &str) -> anyhow::Result<Option<Signatory>> {
    Ok(org::employee(db, nip).await?.map(|e| Signatory {
        nip: e.nip,
        name: e.name,
        rank: e.rank,
        position: e.position.unwrap_or_default(),
        unit: e.unit_name.unwrap_or_default(),
    }))
}

/// `/skp/:nip/print?year=` (the plan in force, or the newest version while none is approved) and
/// `…&period=n` (that period's evaluation against the plan in force).
pub async fn skp_document(
    db: &Db,
    viewer: &Viewer,
    nip: &Nip,
    year: i32,
    period: Option<u8>,
) -> Result<SkpDocument, ServiceError> {
    let year = check_year(year)?;
    let nip = nip.as_str();
    if !crate::access::scope(db, viewer).await?.may_read(nip) {
        return Err(ServiceError::Forbidden);
    }
    let person = signatory(db, nip).await?.ok_or(ServiceError::NotFound)?;
    let versions = repo::versions(db, nip, year).await?;
    let plan = versions.iter().rev().find(|v| v.status == SkpStatus::Approved).or(versions.last());
    let (evaluation, rater) = match period {
        None => (None, None),
        Some(n) => {
            let info = repo::period(db, year, n).await?.ok_or(ServiceError::NotFound)?;
            let stored = repo::evaluation(db, nip, year, n).await?;
            let rater = stored.as_ref().and_then(|s| s.rated_by.clone());
            let evaluation = DocumentEvaluation {
                period: info,
                doc: stored.as_ref().map(|s| s.doc.clone()).unwrap_or_default(),
                ratings: stored.as_ref().and_then(|s| s.ratings),
                feedback: stored.as_ref().map(|s| s.feedback.clone()).unwrap_or_default(),
                rated_at: stored.as_ref().and_then(|s| s.rated_at.clone()),
                by_objection: stored.as_ref().is_some_and(|s| s.by_objection),
            };
            (Some(evaluation), rater)
        }
    };
    // The evaluation is signed by whoever rated it; the plan by the supervisor who approved it, else the current one.
    let current = db.hierarchy().await?.supervisor(nip).map(str::to_string);
    let supervisor_nip = rater.or_else(|| plan.and_then(|v| v.decided_by.clone())).or(current);
    let supervisor = match supervisor_nip {
        Some(s) => signatory(db, &s).await?,
        None => None,
    };
    let supervisor_rows = match &supervisor {
        Some(s) => repo::versions(db, &s.nip, year).await?.pop().map(|v| v.doc.rows).unwrap_or_default(),
        None => Vec::new(),
    };
    Ok(SkpDocument {
        agency: org::agency_name(db).await?,
        year,
        person,
        supervisor,
        version: plan.map(|v| v.version),
        status: plan.map(|v| v.status),
        rows: plan.map(|v| v.doc.rows.clone()).unwrap_or_default(),
        expectations: plan.map(|v| v.doc.expectations.clone()).unwrap_or_default(),
        supervisor_rows,
        evaluation,
        printed_on: super::today().to_string(),
    })
}
