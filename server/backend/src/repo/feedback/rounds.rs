//! Round records: creating and listing rounds, moving a round through its states (each move audited, a concurrent
//! move refused) and its frozen questionnaire.

use super::changed;
use crate::db::Db;
use anyhow::Context;
use domain::feedback::{QuestionnaireDoc, RoundStatus};
use domain::view::Questionnaire;
use serde::Deserialize;
use serde_json::json;

/// A round as stored.
#[derive(Debug, Clone, Deserialize)]
pub struct RoundRow {
    pub key: String,
    pub name: String,
    pub status: RoundStatus,
    pub period_start: String,
    pub period_end: String,
    pub opens: String,
    pub closes: String,
    pub threshold: i64,
    pub max_peers: i64,
    pub assignment_count: i64,
    pub units: Vec<String>,
    pub unit_names: Vec<String>,
    pub competencies: Vec<String>,
    pub is_past_close: bool,
}

const ROUND_FIELDS: &str = "record::id(id) AS key, name, status, <string> period_start AS period_start,
    <string> period_end AS period_end, <string> opens AS opens, <string> closes AS closes, threshold, max_peers,
    assignment_count, units.map(|$u| record::id($u)) AS units, units.map(|$u| $u.name) AS unit_names, competencies,
    closes < time::now() AS is_past_close";

/// A round to create.
#[derive(Debug, Clone)]
pub struct NewRound {
    pub key: String,
    pub name: String,
    pub period_start: String,
    pub period_end: String,
    pub units: Vec<String>,
    pub competencies: Vec<String>,
    pub opens: String,
    pub closes: String,
    pub threshold: u32,
    pub max_peers: u32,
}

/// Creates a round in the draft state, with its audit entry.
pub async fn create_round(db: &Db, r: &NewRound, actor: &str) -> anyhow::Result<()> {
    let sql = format!(
        "BEGIN TRANSACTION;
         CREATE type::record('round', $key) SET name = $name, period_start = <datetime> $ps, period_end = <datetime> $pe,
            units = $units.map(|$u| type::record('unit', $u)), competencies = $competencies,
            opens = <datetime> $opens, closes = <datetime> $closes, threshold = $threshold, max_peers = $max_peers,
            status = 'draft', created_by = $actor, created_at = time::now();
         {}
         COMMIT TRANSACTION;",
        crate::repo::audit::APPEND_SQL
    );
    let after = json!({ "name": r.name, "opens": r.opens, "closes": r.closes, "threshold": r.threshold,
                        "max_peers": r.max_peers, "units": r.units });
    db.run(
        &sql,
        json!({ "key": r.key, "name": r.name, "ps": r.period_start, "pe": r.period_end, "units": r.units,
                "competencies": r.competencies, "opens": r.opens, "closes": r.closes, "threshold": r.threshold,
                "max_peers": r.max_peers, "actor": actor, "action": "round.create",
                "subject": format!("round:{}", r.key), "before": null, "after": after, "reason": null }),
    )
    .await
    .context("creating a round")?;
    Ok(())
}

/// Every round, newest first.
pub async fn rounds(db: &Db) -> anyhow::Result<Vec<RoundRow>> {
    db.rows(&format!("SELECT {ROUND_FIELDS} FROM round ORDER BY created_at DESC;"), json!({})).await
}

/// One round.
pub async fn round(db: &Db, key: &str) -> anyhow::Result<Option<RoundRow>> {
    let sql = format!("SELECT {ROUND_FIELDS} FROM ONLY type::record('round', $key);");
    db.run(&sql, json!({ "key": key })).await?.value(0)
}

/// The questionnaire frozen when a round opened, if it has been opened.
pub async fn questionnaire(db: &Db, key: &str) -> anyhow::Result<Option<Questionnaire>> {
    let json: Option<String> = db
        .run("SELECT VALUE json FROM ONLY type::record('questionnaire', $key);", json!({ "key": key }))
        .await?
        .value(0)?;
    let Some(json) = json else { return Ok(None) };
    let doc: QuestionnaireDoc = serde_json::from_str(&json).context("decoding a questionnaire")?;
    Ok(Some(Questionnaire::try_from(doc)?))
}

/// Moves round `key` to status `to` with `change` (`SET … WHERE …`, binding `$from` and `$to`) and its audit
/// entry, in one transaction; throws `unchanged` when the round did not match.
async fn round_change(
    db: &Db,
    key: &str,
    change: &str,
    from: serde_json::Value,
    to: RoundStatus,
    actor: &str,
) -> anyhow::Result<crate::db::Results> {
    let to = to.code();
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $changed = UPDATE type::record('round', $key) {change} RETURN VALUE id;
         IF array::len($changed) == 0 {{ THROW 'unchanged' }};
         {}
         COMMIT TRANSACTION;",
        crate::repo::audit::APPEND_SQL
    );
    run_retrying(
        db,
        &sql,
        json!({ "key": key, "from": from, "to": to, "actor": actor, "action": format!("round.{to}"),
                "subject": format!("round:{key}"), "before": { "status": from }, "after": { "status": to },
                "reason": null }),
    )
    .await
}

/// Runs a round's transaction, again when it lost a write conflict: while a round is opened or closed its claim's
/// beat renews `claimed_at` on the same record every few seconds, and may meet the final write (seen on a busy
/// machine, where an opening failed with a conflict).
async fn run_retrying(db: &Db, sql: &str, vars: serde_json::Value) -> anyhow::Result<crate::db::Results> {
    let mut tries = 0u64;
    loop {
        match db.run(sql, vars.clone()).await {
            Err(e) if crate::db::is_conflict(&e) && tries < 10 => {
                tries += 1;
                tokio::time::sleep(std::time::Duration::from_millis(20 * tries)).await;
            }
            other => return other,
        }
    }
}

/// Sets a round's status (from one of `from`), with an audit entry. Returns whether it changed.
pub async fn set_status(
    db: &Db,
    key: &str,
    from: &[RoundStatus],
    to: RoundStatus,
    actor: &str,
) -> anyhow::Result<bool> {
    let stamp = match to {
        RoundStatus::Open => ", opened_at = time::now()",
        RoundStatus::Closed => ", closed_at = time::now()",
        _ => "",
    };
    let change = format!("SET status = $to, claimed_at = NONE {stamp} WHERE status IN $from");
    let codes: Vec<&str> = from.iter().map(|s| s.code()).collect();
    let res = round_change(db, key, &change, json!(codes), to, actor).await;
    changed(res, "changing a round's status")
}

/// Stores the questionnaire and the number of assignments, and opens the round.
pub async fn mark_open(
    db: &Db,
    key: &str,
    questionnaire: &Questionnaire,
    count: usize,
    actor: &str,
) -> anyhow::Result<bool> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $changed = UPDATE type::record('round', $key) SET status = 'open', opened_at = time::now(),
            assignment_count = $count, claimed_at = NONE WHERE status = 'opening' RETURN VALUE id;
         IF array::len($changed) == 0 {{ THROW 'unchanged' }};
         UPSERT type::record('questionnaire', $key) SET json = $q;
         {}
         COMMIT TRANSACTION;",
        crate::repo::audit::APPEND_SQL
    );
    let json = serde_json::to_string(&QuestionnaireDoc::from(questionnaire)).context("encoding the questionnaire")?;
    let res = run_retrying(
        db,
        &sql,
        json!({ "key": key, "q": json, "count": count, "actor": actor, "action": "round.open",
                "subject": format!("round:{key}"), "before": null,
                "after": { "status": "open", "assignments": count }, "reason": null }),
    )
    .await;
    changed(res, "opening a round")
}

/// Moves a round from `from` to the working state `to` (`opening` or `closing`), or takes over such work that has
/// not finished in 15 minutes (a crashed instance). Only one of concurrent claims gets `true`: the others are
/// told (`false`) instead of doing the same work twice.
pub async fn claim_round(db: &Db, key: &str, from: RoundStatus, to: RoundStatus, actor: &str) -> anyhow::Result<bool> {
    let change = format!(
        "SET status = $to, claimed_at = time::now()
        WHERE status = $from OR (status = $to AND (claimed_at = NONE OR claimed_at < time::now() - {CLAIM_STALE_SECS}s))"
    );
    let res = round_change(db, key, &change, json!(from.code()), to, actor).await;
    match res {
        Err(e) if crate::db::is_conflict(&e) => Ok(false),
        other => changed(other, "claiming a round"),
    }
}

/// How often an instance that holds a round's claim (opening or closing it) says it is still at work.
pub const CLAIM_BEAT_SECS: u64 = 5;
/// A claim without a beat for this long belongs to an instance that stopped (crashed, killed, restarted): another
/// closing may take it over and finish the work.
pub const CLAIM_STALE_SECS: u64 = 30;

/// Renews the claim of a round being opened or closed (see [`CLAIM_STALE_SECS`]).
pub async fn beat_claim(db: &Db, key: &str) -> anyhow::Result<()> {
    db.run(
        "UPDATE type::record('round', $key) SET claimed_at = time::now() WHERE status IN ['opening', 'closing'];",
        json!({ "key": key }),
    )
    .await
    .context("renewing a round's claim")?;
    Ok(())
}

/// Rounds whose closing stopped midway (a claim without a beat): their closing is to be resumed.
pub async fn stalled_closings(db: &Db) -> anyhow::Result<Vec<String>> {
    db.rows(
        &format!(
            "SELECT VALUE record::id(id) FROM round WHERE status = 'closing'
             AND (claimed_at = NONE OR claimed_at < time::now() - {CLAIM_STALE_SECS}s);"
        ),
        json!({}),
    )
    .await
    .context("finding stalled closings")
}

/// Gives a claimed round back as a draft (an opening that failed).
pub async fn release_opening(db: &Db, key: &str) -> anyhow::Result<()> {
    db.run(
        "UPDATE type::record('round', $key) SET status = 'draft', claimed_at = NONE WHERE status = 'opening';",
        json!({ "key": key }),
    )
    .await
    .context("releasing an opening")?;
    Ok(())
}

/// Removes the assignments of a round that is being opened (a resumed opening starts clean).
pub async fn clear_draft_assignments(db: &Db, round: &str) -> anyhow::Result<()> {
    db.run(
        "IF (SELECT VALUE status FROM ONLY type::record('round', $r)) IN ['draft', 'opening'] {
            DELETE assesses WHERE round = type::record('round', $r);
         };",
        json!({ "r": round }),
    )
    .await
    .context("clearing assignments")?;
    Ok(())
}
