//! Closing a round (computing and storing every ratee's result once) and reading one result.

use super::questionnaire;
use crate::db::Db;
use crate::error::ServiceError;
use crate::repo::feedback as repo;
use crate::repo::{competency as comp_repo, org};
use crate::services::auth::Viewer;
use domain::Nip;
use domain::competency::CompetencyKind;
use domain::feedback::{AssignmentState, EdgeInput, RaterGroup, RoundStatus, compute_result};
use domain::report::ScoreRow;
use domain::view::ResultPage;
use i18n::T;
use std::collections::{HashMap, HashSet};

pub use crate::repo::feedback::decode_result;

/// What closing did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CloseReport {
    pub ratees: usize,
    pub written: usize,
    pub skipped: usize,
}

/// Closes a round: stops submissions, computes and stores every ratee's result, then marks it closed.
/// Idempotent and resumable: an interrupted closing stays `closing`, and closing again only computes the ratees
/// that have no result yet (answers cannot change once the round is no longer open).
pub async fn close_round(db: &Db, actor: &str, key: &str) -> Result<CloseReport, ServiceError> {
    let round = repo::round(db, key).await?.ok_or(ServiceError::NotFound)?;
    match round.status {
        RoundStatus::Closed => {
            let n = repo::result_owners(db, key).await?.len();
            return Ok(CloseReport { ratees: n, written: 0, skipped: n });
        }
        RoundStatus::Open | RoundStatus::Closing => {}
        _ => return Err(ServiceError::Conflict(T::RoundNotOpen)),
    }
    // One closing at a time: a concurrent one is told the round is being closed (409) rather than computing too.
    // A closing that stopped midway (its instance killed) is taken over once its claim has gone stale, and
    // finishes what is missing: results already written are kept.
    if !repo::claim_round(db, key, RoundStatus::Open, RoundStatus::Closing, actor).await? {
        return Err(ServiceError::Conflict(T::RoundClosingBusy));
    }
    let _beat = ClaimBeat::start(db, key);
    let started = std::time::Instant::now();
    let q = questionnaire(db, key).await?;
    let threshold = round.threshold.max(0) as u32;
    let edges = repo::round_edges(db, key).await?;
    let done: HashSet<String> = repo::result_owners(db, key).await?.into_iter().collect();
    let mut changed: HashMap<String, Vec<RaterGroup>> = HashMap::new();
    for (ratee, group) in repo::changed_after_submission(db, key).await? {
        changed.entry(ratee).or_default().push(group);
    }
    let positions: HashMap<String, String> =
        repo::active_people(db).await?.into_iter().map(|(n, _, p)| (n, p)).collect();
    let requirements = comp_repo::all_position_requirements(db).await?;
    let standards = comp_repo::standards(db).await?;
    let comp_kinds: Vec<(String, CompetencyKind)> = q.competencies.iter().map(|c| (c.key.clone(), c.kind)).collect();
    let mut by_ratee: HashMap<&str, Vec<EdgeInput<'_>>> = HashMap::new();
    for (ratee, group, state, answers, comments) in &edges {
        by_ratee.entry(ratee.as_str()).or_default().push(EdgeInput {
            group: *group,
            submitted: *state == AssignmentState::Submitted,
            answers,
            comments,
        });
    }
    let ratees = by_ratee.len();
    let read = started.elapsed();
    let mut required_cache: HashMap<String, HashMap<String, u8>> = HashMap::new();
    let empty = HashMap::new();
    let mut rows = Vec::with_capacity(ratees);
    for (ratee, list) in &by_ratee {
        if done.contains(*ratee) {
            continue;
        }
        let required = match positions.get(*ratee) {
            Some(p) => required_cache.entry(p.clone()).or_insert_with(|| {
                let (kind, overrides) = requirements.get(p).cloned().unwrap_or_default();
                crate::services::competency::required_levels(&comp_kinds, &kind, &overrides, &standards)
            }),
            None => &empty,
        };
        let data = compute_result(&q, threshold, required, list, changed.get(*ratee).map_or(&[], |v| v.as_slice()));
        let summary: Vec<ScoreRow> =
            data.competencies.iter().map(|c| ScoreRow::new(&c.code, c.required, &c.groups)).collect();
        rows.push((ratee.to_string(), data, summary));
    }
    let computed = started.elapsed();
    repo::insert_results(db, key, &rows).await?;
    repo::set_status(db, key, &[RoundStatus::Closing], RoundStatus::Closed, actor).await?;
    tracing::info!(
        round = key,
        written = rows.len(),
        read_ms = read.as_millis() as u64,
        compute_ms = (computed - read).as_millis() as u64,
        write_ms = (started.elapsed() - computed).as_millis() as u64,
        "round closed"
    );
    Ok(CloseReport { ratees, written: rows.len(), skipped: done.len() })
}

/// Renews a round's claim while its holder works (see `repo::CLAIM_STALE_SECS`); stops when dropped, however the
/// work ends.
pub(super) struct ClaimBeat(tokio::task::JoinHandle<()>);

impl ClaimBeat {
    pub(super) fn start(db: &Db, key: &str) -> Self {
        let (db, key) = (db.clone(), key.to_string());
        ClaimBeat(tokio::spawn(async move {
            loop {
                tokio::time::sleep(std::time::Duration::from_secs(repo::CLAIM_BEAT_SECS)).await;
                if let Err(e) = repo::beat_claim(&db, &key).await {
                    tracing::warn!(round = key, error = format!("{e:#}"), "could not renew a round's claim");
                }
            }
        }))
    }
}

impl Drop for ClaimBeat {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Finishes every closing that stopped midway (an instance killed while closing): called by every instance now
/// and then; the claim lets exactly one of them take each over. Returns the rounds it closed.
pub async fn resume_closings(db: &Db) -> Result<Vec<String>, ServiceError> {
    let mut closed = vec![];
    for key in repo::stalled_closings(db).await? {
        match close_round(db, "system", &key).await {
            Ok(report) => {
                tracing::info!(round = key, written = report.written, kept = report.skipped, "resumed a closing");
                closed.push(key);
            }
            Err(ServiceError::Conflict(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(closed)
}

/// The result of one person in a closed round: for the person, anyone above them, HR and the head.
pub async fn result_page(db: &Db, viewer: &Viewer, round: &str, nip: &Nip) -> Result<ResultPage, ServiceError> {
    let nip = nip.as_str();
    if !crate::access::scope(db, viewer).await?.may_read(nip) {
        return Err(ServiceError::Forbidden);
    }
    let r = repo::round(db, round).await?.ok_or(ServiceError::NotFound)?;
    if r.status != RoundStatus::Closed {
        return Err(ServiceError::NotFound);
    }
    let data = repo::result(db, round, nip).await?.ok_or(ServiceError::NotFound)?;
    let person = org::employee(db, nip).await?.ok_or(ServiceError::NotFound)?;
    Ok(ResultPage {
        round_key: r.key,
        round_name: r.name,
        ratee_nip: person.nip.clone(),
        ratee_name: person.name.clone(),
        ratee_position: person.position.clone().unwrap_or_default(),
        data,
    })
}
