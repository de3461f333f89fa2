//! What the dashboard reads besides what other features keep: everyone's position type and rank, the newest work
//! plan's status per person, each rater's assessments in a round, and development-plan progress.

use crate::db::Db;
use anyhow::Context;
use domain::feedback::AssignmentState;
use domain::skp::SkpStatus;
use serde_json::json;
use std::collections::HashMap;

/// One active employee as the dashboard groups them.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Member {
    pub nip: String,
    pub unit: String,
    pub kind: Option<String>,
    pub rank: Option<String>,
}

/// Every active employee's unit, position type and rank.
pub async fn members(db: &Db) -> anyhow::Result<Vec<Member>> {
    db.rows(
        "SELECT record::id(id) AS nip, record::id(unit) AS unit, position.kind AS kind, rank FROM employee WHERE active;",
        json!({}),
    )
    .await
    .context("reading the members of units")
}

/// The status of each person's newest work-plan version for a year.
pub async fn plan_statuses(db: &Db, year: i32) -> anyhow::Result<HashMap<String, SkpStatus>> {
    let rows: Vec<(String, u32, SkpStatus)> = db
        .rows(
            "SELECT VALUE [record::id(employee), version, status] FROM skp WHERE year = $year;",
            json!({ "year": year }),
        )
        .await
        .context("reading work-plan states")?;
    let mut out: HashMap<String, (u32, SkpStatus)> = HashMap::new();
    for (nip, version, status) in rows {
        match out.get(&nip) {
            Some((v, _)) if *v > version => {}
            _ => {
                out.insert(nip, (version, status));
            }
        }
    }
    Ok(out.into_iter().map(|(n, (_, s))| (n, s)).collect())
}

/// Each rater's assessments in a round: (submitted, assigned), counting every assignment that is to be answered.
pub async fn rater_counts(db: &Db, round: &str) -> anyhow::Result<HashMap<String, (u32, u32)>> {
    let rows = crate::repo::feedback::progress_counts(db, round, crate::repo::feedback::CountBy::Rater).await?;
    let mut out: HashMap<String, (u32, u32)> = HashMap::new();
    for (rater, state, n) in rows {
        let n = n as u32;
        let e = out.entry(rater).or_default();
        match state {
            AssignmentState::Submitted => {
                e.0 += n;
                e.1 += n;
            }
            AssignmentState::Pending | AssignmentState::Draft => e.1 += n,
            AssignmentState::Proposed | AssignmentState::Rejected => {}
        }
    }
    Ok(out)
}

/// Each person's development-plan items: (done, all).
pub async fn plan_progress(db: &Db) -> anyhow::Result<HashMap<String, (u32, u32)>> {
    let rows: Vec<(String, u32, u32)> = db
        .rows(
            "SELECT VALUE [k, done, n] FROM (SELECT record::id(employee) AS k, math::sum(IF status = 'done' THEN 1 ELSE 0 END) AS done,
                count() AS n FROM plan_item GROUP BY k);",
            json!({}),
        )
        .await
        .context("reading development-plan progress")?;
    Ok(rows.into_iter().map(|(k, d, n)| (k, (d, n))).collect())
}

/// How many objections are filed and not yet decided, by the objector's NIP.
pub async fn open_objections(db: &Db) -> anyhow::Result<Vec<String>> {
    db.rows("SELECT VALUE record::id(employee) FROM skp_objection WHERE state = 'filed';", json!({}))
        .await
        .context("reading open objections")
}
