//! Leadership programmes: the facts eligibility is checked against (position, rank and its TMT, birth date) and the
//! programmes people have completed. Rule sets are settings (`programme.<code>`), read and written by the service.

use crate::db::Db;
use crate::repo::audit::APPEND_SQL;
use anyhow::Context;
use domain::programme::Programme;
use serde::Deserialize;
use serde_json::json;
use std::collections::HashMap;

/// One active employee as eligibility sees them.
#[derive(Debug, Clone, Deserialize)]
pub struct PersonFacts {
    pub nip: String,
    pub name: String,
    pub unit: String,
    pub position: Option<String>,
    pub kind: Option<String>,
    pub rank: String,
    /// ISO date of the current rank's TMT.
    pub rank_since: Option<String>,
    /// ISO date.
    pub birth_date: String,
}

const FACT_FIELDS: &str = "record::id(id) AS nip, name, record::id(unit) AS unit, position.name AS position,
    position.kind AS kind, rank, (IF rank_since != NONE { string::slice(<string> rank_since, 0, 10) }) AS rank_since,
    string::slice(<string> birth_date, 0, 10) AS birth_date";

/// Every active employee's facts.
pub async fn active_facts(db: &Db) -> anyhow::Result<Vec<PersonFacts>> {
    db.rows(&format!("SELECT {FACT_FIELDS} FROM employee WHERE active;"), json!({}))
        .await
        .context("reading the facts of eligibility")
}

/// One employee's facts.
pub async fn facts_of(db: &Db, nip: &str) -> anyhow::Result<Option<PersonFacts>> {
    Ok(db
        .rows(&format!("SELECT {FACT_FIELDS} FROM type::record('employee', $nip);"), json!({ "nip": nip }))
        .await
        .context("reading a person's facts")?
        .into_iter()
        .next())
}

/// The programmes each person has completed, with the year: by NIP.
pub async fn completions(db: &Db) -> anyhow::Result<HashMap<String, Vec<(Programme, i32)>>> {
    let rows: Vec<(String, Programme, i32)> = db
        .rows("SELECT VALUE [record::id(employee), programme, year] FROM programme_done;", json!({}))
        .await
        .context("reading completed programmes")?;
    let mut out: HashMap<String, Vec<(Programme, i32)>> = HashMap::new();
    for (nip, p, year) in rows {
        out.entry(nip).or_default().push((p, year));
    }
    Ok(out)
}

/// One person's completed programmes, junior first.
pub async fn completions_of(db: &Db, nip: &str) -> anyhow::Result<Vec<(Programme, i32)>> {
    let mut rows: Vec<(Programme, i32)> = db
        .rows(
            "SELECT VALUE [programme, year] FROM programme_done WHERE employee = type::record('employee', $nip);",
            json!({ "nip": nip }),
        )
        .await
        .context("reading a person's completed programmes")?;
    rows.sort();
    Ok(rows)
}

/// Records (or corrects the year of) a completed programme, audited.
pub async fn record_completion(db: &Db, actor: &str, nip: &str, programme: Programme, year: i32) -> anyhow::Result<()> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $rec = type::record('programme_done', [$nip, $programme]);
         LET $before = $rec.{{ year }};
         UPSERT $rec SET employee = type::record('employee', $nip), programme = $programme, year = $year,
            recorded_by = $actor, recorded_at = time::now();
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    db.run(
        &sql,
        json!({ "nip": nip, "programme": programme.code(), "year": year, "actor": actor,
                "action": "programme.completed", "subject": format!("employee:{nip}"),
                "after": { "programme": programme.code(), "year": year }, "reason": null }),
    )
    .await
    .context("recording a completed programme")?;
    Ok(())
}

/// Removes a completion recorded by mistake, audited. Returns whether there was one.
pub async fn remove_completion(db: &Db, actor: &str, nip: &str, programme: Programme) -> anyhow::Result<bool> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $rec = type::record('programme_done', [$nip, $programme]);
         LET $before = $rec.{{ year }};
         IF $before.year == NONE {{ THROW 'unchanged' }};
         DELETE $rec;
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    let res = db
        .run(
            &sql,
            json!({ "nip": nip, "programme": programme.code(), "actor": actor, "action": "programme.completion_removed",
                    "subject": format!("employee:{nip}"), "after": null, "reason": null }),
        )
        .await;
    super::changed(res, "removing a completed programme")
}

/// Sets (or clears) the TMT of a person's current rank, audited. Returns whether the person exists.
pub async fn set_rank_since(db: &Db, actor: &str, nip: &str, date: Option<&str>) -> anyhow::Result<bool> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $rec = type::record('employee', $nip);
         IF $rec.nip == NONE {{ THROW 'unchanged' }};
         LET $before = {{ rank_since: $rec.rank_since }};
         UPDATE $rec SET rank_since = IF $date == NONE {{ NONE }} ELSE {{ <datetime> $date }};
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    let res = db
        .run(
            &sql,
            json!({ "nip": nip, "date": date.map(|d| format!("{d}T00:00:00Z")), "actor": actor,
                    "action": "employee.rank_since", "subject": format!("employee:{nip}"),
                    "after": { "rank_since": date }, "reason": null }),
        )
        .await;
    super::changed(res, "setting the date of a rank")
}
