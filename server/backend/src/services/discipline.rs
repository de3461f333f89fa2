//! HR records disciplinary penalties (level, what was imposed, decision date) and removes one recorded by mistake
//! with a reason; both audited. A moderate or severe penalty of the last two years screens the person out of the
//! succession pool and out of leadership programmes; who reads the penalties: [`crate::services::programme`].

use crate::db::Db;
use crate::error::{ServiceError, invalid};
use crate::repo::discipline as repo;
use crate::repo::org;
use crate::services::auth::Viewer;
use crate::services::programme::require_hr;
use domain::Nip;
use domain::discipline::{PenaltyProblem, parse_penalty};
use domain::text::{MAX_NOTE, within};
use i18n::T;

/// HR records a penalty. Returns its id.
pub async fn add_penalty(
    db: &Db,
    viewer: &Viewer,
    nip: &Nip,
    level: &str,
    kind: &str,
    decided_on: &str,
) -> Result<String, ServiceError> {
    require_hr(viewer)?;
    let (level, kind, date) =
        parse_penalty(level, kind, decided_on, crate::services::skp::today()).map_err(|p| match p {
            PenaltyProblem::Level => invalid("level", T::PenaltyLevelNeeded),
            PenaltyProblem::Kind => invalid("kind", T::PenaltyKind),
            PenaltyProblem::Date => invalid("decided_on", T::PenaltyDate),
        })?;
    org::employee(db, nip.as_str()).await?.ok_or(ServiceError::NotFound)?;
    Ok(repo::add_penalty(db, &viewer.nip, nip.as_str(), level, &kind, &date.to_string()).await?)
}

/// HR removes a penalty recorded by mistake or annulled, with the reason.
pub async fn remove_penalty(db: &Db, viewer: &Viewer, nip: &Nip, id: &str, reason: &str) -> Result<(), ServiceError> {
    require_hr(viewer)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(invalid("reason", T::ReasonNeeded));
    }
    if !within(reason, MAX_NOTE) {
        return Err(invalid("reason", T::ReasonTooLong));
    }
    if !repo::remove_penalty(db, &viewer.nip, nip.as_str(), id, reason).await? {
        return Err(ServiceError::NotFound);
    }
    Ok(())
}
