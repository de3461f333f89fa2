//! Following a round: completion by unit, rater and ratee, and the raters who still have work (exported as CSV).

use super::{may_manage, summary};
use crate::db::Db;
use crate::error::ServiceError;
use crate::repo::feedback::{self as repo, CountBy};
use crate::repo::org;
use crate::services::auth::Viewer;
use domain::feedback::{self as fb, AssignmentState};
use domain::view::{EmployeeSummary, ProgressRow, RoundChange, RoundProgress};
use std::collections::{HashMap, HashSet};

/// Who may follow a round, and over whom: `None` = everyone (HR, head), `Some(set)` = a supervisor's subtree.
async fn progress_scope(db: &Db, viewer: &Viewer) -> Result<Option<HashSet<String>>, ServiceError> {
    let scope = crate::access::scope(db, viewer).await?;
    if !domain::access::may_follow_others(scope.reach()) {
        return Err(ServiceError::Forbidden);
    }
    Ok(scope.people())
}

fn empty_row(key: String) -> ProgressRow {
    ProgressRow { key, name: String::new(), total: 0, submitted: 0, drafts: 0 }
}

fn fold(counts: Vec<(String, AssignmentState, u64)>, keep: impl Fn(&str) -> bool) -> HashMap<String, ProgressRow> {
    let mut rows: HashMap<String, ProgressRow> = HashMap::new();
    for (key, state, n) in counts {
        if !keep(&key) || !state.is_task() {
            continue;
        }
        let row = rows.entry(key.clone()).or_insert_with(|| empty_row(key));
        row.total += n;
        match state {
            AssignmentState::Submitted => row.submitted += n,
            AssignmentState::Draft => row.drafts += n,
            _ => {}
        }
    }
    rows
}

async fn name_rows(db: &Db, mut rows: Vec<ProgressRow>) -> anyhow::Result<Vec<ProgressRow>> {
    let nips: Vec<String> = rows.iter().map(|r| r.key.clone()).collect();
    let names: HashMap<String, String> = repo::names(db, &nips).await?.into_iter().collect();
    for r in &mut rows {
        r.name = names.get(&r.key).cloned().unwrap_or_default();
    }
    Ok(rows)
}

/// How many people are listed per table on the progress page (the CSV has everyone).
pub const PROGRESS_LIST: usize = 100;

/// `/rounds/:id`: completion by unit, rater and ratee (a supervisor sees their subtree only).
pub async fn progress(db: &Db, viewer: &Viewer, key: &str) -> Result<RoundProgress, ServiceError> {
    let scope = progress_scope(db, viewer).await?;
    let round = repo::round(db, key).await?.ok_or(ServiceError::NotFound)?;
    let keep = |nip: &str| scope.as_ref().is_none_or(|s| s.contains(nip));
    let raters = fold(repo::progress_counts(db, key, CountBy::Rater).await?, keep);
    let ratee_counts = repo::progress_counts(db, key, CountBy::Ratee).await?;
    let proposed =
        ratee_counts.iter().filter(|(k, s, _)| *s == AssignmentState::Proposed && keep(k)).map(|(_, _, n)| n).sum();
    let ratees = fold(ratee_counts, keep);
    let units: HashMap<String, (String, u32)> =
        crate::services::org::unit_options(db).await?.into_iter().map(|(k, n, d)| (k, (n, d))).collect();
    let by_unit_counts = if scope.is_none() {
        fold(repo::progress_counts(db, key, CountBy::Unit).await?, |_| true)
    } else {
        // Scoped: the units of the raters in scope.
        let people: HashMap<String, String> =
            repo::active_people(db).await?.into_iter().map(|(n, u, _)| (n, u)).collect();
        let mut rows: HashMap<String, ProgressRow> = HashMap::new();
        for r in raters.values() {
            let unit = people.get(&r.key).cloned().unwrap_or_default();
            let row = rows.entry(unit.clone()).or_insert_with(|| empty_row(unit));
            row.total += r.total;
            row.submitted += r.submitted;
            row.drafts += r.drafts;
        }
        rows
    };
    let mut by_unit: Vec<ProgressRow> = by_unit_counts
        .into_values()
        .map(|mut r| {
            r.name = units.get(&r.key).map(|(n, _)| n.clone()).unwrap_or_else(|| r.key.clone());
            r
        })
        .collect();
    by_unit.sort_by(|a, b| a.name.cmp(&b.name));
    let total = raters.values().map(|r| r.total).sum();
    let submitted = raters.values().map(|r| r.submitted).sum();
    let drafts = raters.values().map(|r| r.drafts).sum();
    let mut rater_rows: Vec<ProgressRow> = raters.into_values().filter(|r| r.submitted < r.total).collect();
    rater_rows.sort_by(|a, b| (b.total - b.submitted).cmp(&(a.total - a.submitted)).then(a.key.cmp(&b.key)));
    rater_rows.truncate(PROGRESS_LIST);
    let mut ratee_rows: Vec<ProgressRow> = ratees.into_values().collect();
    ratee_rows.sort_by(|a, b| {
        let pa = fb::completion_percent(a.submitted, a.total);
        let pb = fb::completion_percent(b.submitted, b.total);
        pa.total_cmp(&pb).then(a.key.cmp(&b.key))
    });
    ratee_rows.truncate(PROGRESS_LIST);
    let changes = repo::round_changes(db, key)
        .await?
        .into_iter()
        .filter(|c| keep(&c.ratee))
        .map(|c| RoundChange {
            at: c.at.chars().take(19).collect::<String>().replace('T', " "),
            actor: c.actor,
            action: c.action,
            rater: c.rater,
            ratee: c.ratee,
            group: c.rater_group,
        })
        .collect();
    Ok(RoundProgress {
        round: summary(&round),
        total,
        submitted,
        drafts,
        by_unit,
        raters: name_rows(db, rater_rows).await?,
        ratees: name_rows(db, ratee_rows).await?,
        can_manage: may_manage(viewer),
        scoped: scope.is_some(),
        proposed,
        changes,
    })
}

/// A rater who still has work in a round, as the pending-raters export lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingRater {
    pub nip: String,
    pub name: String,
    pub unit_name: String,
    pub position: String,
    /// Assessments not yet submitted.
    pub pending: u64,
    /// Of those, saved as drafts.
    pub drafts: u64,
}

/// The raters who still have work in a round, by NIP (same access as the progress page).
pub async fn pending_raters(db: &Db, viewer: &Viewer, key: &str) -> Result<Vec<PendingRater>, ServiceError> {
    let scope = progress_scope(db, viewer).await?;
    repo::round(db, key).await?.ok_or(ServiceError::NotFound)?;
    let keep = |nip: &str| scope.as_ref().is_none_or(|s| s.contains(nip));
    let raters = fold(repo::progress_counts(db, key, CountBy::Rater).await?, keep);
    let mut rows: Vec<ProgressRow> = raters.into_values().filter(|r| r.submitted < r.total).collect();
    rows.sort_by(|a, b| a.key.cmp(&b.key));
    let nips: Vec<String> = rows.iter().map(|r| r.key.clone()).collect();
    let mut summaries: HashMap<String, EmployeeSummary> =
        org::summaries(db, &nips).await?.into_iter().map(|s| (s.nip.clone(), s)).collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let s = summaries.remove(&r.key);
            PendingRater {
                name: s.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
                unit_name: s.as_ref().map(|s| s.unit_name.clone()).unwrap_or_default(),
                position: s.map(|s| s.position).unwrap_or_default(),
                pending: r.total - r.submitted,
                drafts: r.drafts,
                nip: r.key,
            }
        })
        .collect())
}
