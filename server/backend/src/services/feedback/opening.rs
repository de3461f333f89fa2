//! Opening a round: its questionnaire frozen from the dictionary and its assignments planned from the reporting
//! lines, written so that an interrupted or concurrent opening can never leave half a round.

use crate::db::Db;
use crate::error::ServiceError;
use crate::repo::competency as comp_repo;
use crate::repo::feedback::{self as repo, NewAssignment};
use domain::feedback::{RoundStatus, plan_assignments};
use domain::view::{QCompetency, Questionnaire};
use i18n::T;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Freezes the round's questionnaire from the dictionary.
async fn build_questionnaire(db: &Db, keys: &[String]) -> anyhow::Result<Questionnaire> {
    let all = comp_repo::all(db).await?;
    Ok(Questionnaire {
        competencies: all
            .into_iter()
            .filter(|c| keys.contains(&c.key))
            .map(|c| QCompetency {
                key: c.key,
                code: c.code,
                kind: c.kind,
                name: c.name,
                levels: c.levels,
                items: c.items,
            })
            .collect(),
    })
}

/// Opens a draft round: generates its assignments and freezes its questionnaire (HR only). Resumable: an
/// interrupted opening leaves the round a draft, and opening again starts from a clean slate.
pub async fn open_round(db: &Db, actor: &str, key: &str) -> Result<usize, ServiceError> {
    let (questionnaire, plan) = prepare_open(db, key).await?;
    write_open(db, actor, key, &questionnaire, &plan).await
}

/// Writes a planned opening: the assignments, then the questionnaire and the open status.
pub async fn write_open(
    db: &Db,
    actor: &str,
    key: &str,
    questionnaire: &Questionnaire,
    plan: &[NewAssignment],
) -> Result<usize, ServiceError> {
    // One opening at a time: the loser of concurrent openings is told the round is no longer a draft (409).
    if !repo::claim_round(db, key, RoundStatus::Draft, RoundStatus::Opening, actor).await? {
        return Err(ServiceError::Conflict(T::RoundNotDraft));
    }
    let _beat = super::closing::ClaimBeat::start(db, key);
    let written = async {
        repo::clear_draft_assignments(db, key).await?;
        repo::insert_assignments(db, key, plan).await?;
        repo::mark_open(db, key, questionnaire, plan.len(), actor).await
    }
    .await;
    match written {
        Ok(true) => Ok(plan.len()),
        Ok(false) => Err(ServiceError::Conflict(T::RoundNotDraft)),
        Err(e) => {
            // Give the round back as a draft so that HR can try again; its partial assignments are cleared then.
            if let Err(release) = repo::release_opening(db, key).await {
                tracing::error!(round = key, error = %release, "could not release a failed opening");
            }
            Err(e.into())
        }
    }
}

/// Plans the opening of a draft round: its questionnaire and assignments.
pub async fn prepare_open(db: &Db, key: &str) -> Result<(Questionnaire, Vec<NewAssignment>), ServiceError> {
    let round = repo::round(db, key).await?.ok_or(ServiceError::NotFound)?;
    if !matches!(round.status, RoundStatus::Draft | RoundStatus::Opening) {
        return Err(ServiceError::Conflict(T::RoundNotDraft));
    }
    let questionnaire = build_questionnaire(db, &round.competencies).await?;
    let snapshot = db.hierarchy().await?;
    let people: HashMap<String, String> =
        repo::active_people(db).await?.into_iter().map(|(nip, unit, _)| (nip, unit)).collect();
    let scope: Option<HashSet<String>> =
        if round.units.is_empty() { None } else { Some(crate::services::org::units_below(db, &round.units).await?) };
    let in_scope = |nip: &str| match &scope {
        None => true,
        Some(units) => people.get(nip).is_some_and(|u| units.contains(u)),
    };
    let plan = plan_assignments(&*snapshot, &people, in_scope, round.max_peers.max(0) as usize)
        .into_iter()
        .map(|a| NewAssignment {
            rater: a.rater,
            ratee: a.ratee,
            group: a.group,
            rater_unit: a.rater_unit,
            filled: None,
        })
        .collect();
    Ok((questionnaire, plan))
}

/// The questionnaire of an opened round (cached: it never changes once the round is open).
pub async fn questionnaire(db: &Db, round: &str) -> Result<Arc<Questionnaire>, ServiceError> {
    if let Some(q) = db.questionnaires().read().ok().and_then(|m| m.get(round).cloned()) {
        return Ok(q);
    }
    if repo::round(db, round).await?.is_none() {
        return Err(ServiceError::NotFound);
    }
    let q = Arc::new(repo::questionnaire(db, round).await?.ok_or(ServiceError::Conflict(T::RoundNotOpen))?);
    if let Ok(mut m) = db.questionnaires().write() {
        m.insert(round.to_string(), q.clone());
    }
    Ok(q)
}
