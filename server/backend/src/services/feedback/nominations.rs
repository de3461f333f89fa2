//! Peer nominations (the ratee proposes, the supervisor decides) and HR's fixes to a round's assignments.

use super::may_manage;
use crate::db::{Db, statement_error};
use crate::error::{ServiceError, invalid};
use crate::repo::feedback as repo;
use crate::repo::org;
use crate::services::auth::Viewer;
use domain::Nip;
use domain::feedback::{AssignmentState, RaterGroup, RoundStatus};
use domain::view::Nomination;
use i18n::T;

/// Most peers an employee may nominate in one round.
pub const MAX_NOMINATIONS: usize = 10;

pub(super) fn nomination(row: repo::AssignmentRow) -> Nomination {
    Nomination {
        key: row.key,
        round_name: row.round_name,
        rater_nip: row.rater,
        rater_name: row.rater_name.unwrap_or_default(),
        ratee_nip: row.ratee_nip,
        ratee_name: row.ratee_name,
        state: row.state.as_nomination(),
    }
}

/// Who decides a peer nomination: the ratee's current supervisor; for someone without a supervisor (the head of
/// agency), HR when the ratee nominated, and the ratee when HR added the peer — never whoever proposed it.
pub(super) fn may_decide(viewer: &Viewer, supervisor: Option<&str>, ratee: &str, nominated_by: Option<&str>) -> bool {
    match supervisor {
        Some(s) => viewer.nip == s,
        None if nominated_by == Some(ratee) => may_manage(viewer) && viewer.nip != ratee,
        None => viewer.nip == ratee && nominated_by != Some(viewer.nip.as_str()),
    }
}

/// The ratee nominates an extra peer in an open round; their supervisor approves it.
pub async fn nominate(db: &Db, viewer: &Viewer, round: &str, peer: &Nip) -> Result<(), ServiceError> {
    let peer = peer.as_str();
    if peer == viewer.nip {
        return Err(invalid("peer_nip", T::FbPeerSelf));
    }
    let rounds = repo::open_rounds_assessing(db, &viewer.nip).await?;
    if !rounds.iter().any(|(k, _)| k == round) {
        return Err(ServiceError::Conflict(T::RoundNotOpen));
    }
    let person = org::employee(db, peer).await?.filter(|e| e.active).ok_or(invalid("peer_nip", T::FbPeerUnknown))?;
    let mine = repo::nominations_for(db, Some(std::slice::from_ref(&viewer.nip)), false).await?;
    if mine.iter().filter(|n| n.round_key == round).count() >= MAX_NOMINATIONS {
        return Err(invalid("peer_nip", T::FbTooManyNominations));
    }
    // Every nomination waits for a decision: the supervisor's, or HR's for someone without a supervisor.
    let added = repo::AddedAssignment {
        round,
        rater: &person.nip,
        ratee: &viewer.nip,
        group: RaterGroup::Peer,
        state: AssignmentState::Proposed,
        nominated_by: Some(&viewer.nip),
    };
    match repo::add_assignment(db, &added, &viewer.nip, false).await {
        Ok(()) => Ok(()),
        // Someone already assigned: the answer is the same as for a new nomination, so that a ratee cannot learn
        // who rates them (or whether they have started) by nominating.
        Err(e) if statement_error(&e).is_some_and(|s| s.is_duplicate()) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// The ratee's direct supervisor (or HR) approves or rejects a nomination.
pub async fn decide(db: &Db, viewer: &Viewer, key: &str, approve: bool) -> Result<(), ServiceError> {
    let row = repo::assignment(db, key).await?.ok_or(ServiceError::NotFound)?;
    let snapshot = db.hierarchy().await?;
    // Someone else's nomination answers exactly like one that does not exist.
    if !may_decide(viewer, snapshot.supervisor(&row.ratee_nip), &row.ratee_nip, row.nominated_by.as_deref()) {
        return Err(ServiceError::NotFound);
    }
    if row.state != AssignmentState::Proposed || row.round_status != RoundStatus::Open {
        return Err(ServiceError::Conflict(T::FbAlreadyDecided));
    }
    if !repo::decide_nomination(db, key, approve, &viewer.nip).await? {
        return Err(ServiceError::Conflict(T::FbAlreadyDecided));
    }
    Ok(())
}

/// HR adds an assignment to an open round.
pub async fn add_assignment(
    db: &Db,
    viewer: &Viewer,
    round: &str,
    rater: &Nip,
    ratee: &Nip,
    group: RaterGroup,
) -> Result<(), ServiceError> {
    if !may_manage(viewer) {
        return Err(ServiceError::Forbidden);
    }
    let r = repo::round(db, round).await?.ok_or(ServiceError::NotFound)?;
    if r.status != RoundStatus::Open {
        return Err(ServiceError::Conflict(T::RoundNotOpen));
    }
    let (rater, ratee) = (rater.to_string(), ratee.to_string());
    if (group == RaterGroup::SelfRating) != (rater == ratee) {
        return Err(invalid("group", T::FbGroupRequired));
    }
    for nip in [&rater, &ratee] {
        if org::employee(db, nip).await?.filter(|e| e.active).is_none() {
            return Err(invalid("rater", T::FbPeerUnknown));
        }
    }
    // Raters added by hand must be real relations in the reporting graph as it is now; a peer HR adds waits for
    // the same approval as any nomination. HR cannot make up a group.
    let snapshot = db.hierarchy().await?;
    let related = match group {
        RaterGroup::SelfRating => true,
        RaterGroup::Supervisor => snapshot.supervisor(&ratee) == Some(rater.as_str()),
        RaterGroup::Subordinate => snapshot.supervisor(&rater) == Some(ratee.as_str()),
        RaterGroup::Peer => true,
    };
    if !related {
        return Err(invalid("rater", T::FbNotARelation));
    }
    let (state, nominated_by) = if group == RaterGroup::Peer {
        (AssignmentState::Proposed, Some(viewer.nip.as_str()))
    } else {
        (AssignmentState::Pending, None)
    };
    let added = repo::AddedAssignment { round, rater: &rater, ratee: &ratee, group, state, nominated_by };
    match repo::add_assignment(db, &added, &viewer.nip, true).await {
        Ok(()) => Ok(()),
        Err(e) if statement_error(&e).is_some_and(|s| s.is_duplicate()) => Err(ServiceError::Conflict(T::FbDuplicate)),
        Err(e) => Err(e.into()),
    }
}

/// HR removes an assignment that has not been submitted.
pub async fn remove_assignment(db: &Db, viewer: &Viewer, key: &str) -> Result<(), ServiceError> {
    if !may_manage(viewer) {
        return Err(ServiceError::Forbidden);
    }
    let row = repo::assignment(db, key).await?.ok_or(ServiceError::NotFound)?;
    if row.state == AssignmentState::Submitted || row.round_status != RoundStatus::Open {
        return Err(ServiceError::Conflict(T::FbCannotRemove));
    }
    if !repo::remove_assignment(db, key, &viewer.nip).await? {
        return Err(ServiceError::Conflict(T::FbCannotRemove));
    }
    Ok(())
}
