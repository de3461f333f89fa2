//! Organisation imports: the organisation as an import compares against it, the import jobs (the uploaded file,
//! its progress and preview), and the one transaction that applies a plan.

use super::seed::text;
use crate::db::Db;
use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use domain::import::{EmployeeState, Existing, ExistingEmployee, ExistingUnit};
use serde::Deserialize;
use serde_json::json;
use std::collections::HashMap;
use surrealdb::types::Value;

#[derive(Deserialize)]
struct UnitRow {
    key: String,
    name: String,
    kind: String,
    parent: Option<String>,
    depth: u32,
    leader: Option<String>,
}

#[derive(Deserialize)]
struct EmployeeRow {
    nip: String,
    name: String,
    email: Option<String>,
    rank: String,
    position: String,
    unit: String,
    education: Option<String>,
    rank_since: Option<String>,
    active: bool,
}

#[derive(Deserialize)]
struct EdgeRow {
    e: String,
    s: String,
}

/// A position as stored: `(unit, name, kind)` → key.
pub type Positions = HashMap<(String, String, String), String>;

#[derive(Deserialize)]
struct PositionRow {
    key: String,
    name: String,
    kind: String,
    unit: String,
}

/// Every unit, position, employee and reporting line, as an import compares against them.
pub async fn existing(db: &Db) -> anyhow::Result<(Existing, Positions)> {
    let mut res = db
        .run(
            "SELECT <string> record::id(id) AS key, name, kind,
                (IF parent != NONE { <string> record::id(parent) } ELSE { NONE }) AS parent, depth,
                (IF leader != NONE { <string> record::id(leader) } ELSE { NONE }) AS leader FROM unit;
             SELECT <string> record::id(id) AS key, name, kind, <string> record::id(unit) AS unit FROM position;
             SELECT nip, name, email, rank, <string> record::id(position) AS position, <string> record::id(unit) AS unit,
                education, (IF rank_since != NONE { <string> rank_since } ELSE { NONE }) AS rank_since, active
                FROM employee;
             SELECT <string> record::id(in) AS e, <string> record::id(out) AS s FROM reports_to;",
            json!({}),
        )
        .await
        .context("reading the organisation for an import")?;
    let units: Vec<UnitRow> = res.rows(0)?;
    let positions: Vec<PositionRow> = res.rows(1)?;
    let employees: Vec<EmployeeRow> = res.rows(2)?;
    let edges: Vec<EdgeRow> = res.rows(3)?;
    let supervisor: HashMap<String, String> = edges.into_iter().map(|e| (e.e, e.s)).collect();
    let by_key: HashMap<&str, &PositionRow> = positions.iter().map(|p| (p.key.as_str(), p)).collect();
    let employees = employees
        .into_iter()
        .map(|e| {
            let position = by_key.get(e.position.as_str());
            ExistingEmployee {
                state: EmployeeState {
                    name: e.name,
                    email: e.email,
                    rank: e.rank,
                    position: position.map(|p| p.name.clone()).unwrap_or_default(),
                    kind: position.map(|p| p.kind.clone()).unwrap_or_default(),
                    unit: e.unit,
                    supervisor: supervisor.get(&e.nip).cloned(),
                    education: e.education,
                    rank_since: e.rank_since.as_deref().and_then(date_of),
                    active: e.active,
                },
                nip: e.nip,
            }
        })
        .collect();
    let units: Vec<ExistingUnit> = units
        .into_iter()
        .map(|u| ExistingUnit {
            key: u.key,
            name: u.name,
            kind: u.kind,
            parent: u.parent,
            depth: u.depth,
            leader: u.leader,
        })
        .collect();
    let head = units.iter().find(|u| u.parent.is_none()).and_then(|u| u.leader.clone());
    let positions = positions.into_iter().map(|p| ((p.unit, p.name, p.kind), p.key)).collect();
    Ok((Existing { units, employees, head }, positions))
}

/// The date part of a stored datetime.
fn date_of(stored: &str) -> Option<time::Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(stored.get(..10)?, &format).ok()
}

/// A new import: the uploaded file, kept with the job until the job is removed.
pub async fn create_job(
    db: &Db,
    id: &str,
    actor: &str,
    file_name: &str,
    bytes: &[u8],
    deactivate_missing: bool,
) -> anyhow::Result<()> {
    db.run(
        "CREATE type::record('import_job', $id) SET actor = $actor, file_name = $name,
            file = encoding::base64::decode($data), state = 'checking', deactivate_missing = $deactivate,
            beat = time::now();",
        json!({ "id": id, "actor": actor, "name": file_name, "data": STANDARD.encode(bytes), "deactivate": deactivate_missing }),
    )
    .await
    .context("storing an import file")?;
    Ok(())
}

/// A stored import.
#[derive(Debug, Deserialize)]
pub struct JobRow {
    pub id: String,
    pub actor: String,
    pub actor_name: Option<String>,
    pub file_name: String,
    pub created: String,
    pub state: String,
    pub done: usize,
    pub total: usize,
    pub deactivate_missing: bool,
    pub preview_json: Option<String>,
    pub digest: Option<String>,
    pub failure_json: Option<String>,
    pub applied: Option<String>,
    pub applied_by: Option<String>,
    pub accounts_created: usize,
    pub has_links: bool,
    /// Running, but without progress for [`domain::view::STALE_MINUTES`]: its server stopped.
    #[serde(default)]
    pub stale: bool,
}

const JOB_FIELDS: &str = "<string> record::id(id) AS id, actor, type::record('employee', actor).name AS actor_name,
    file_name, <string> created AS created, state, done, total, deactivate_missing, preview_json, digest, failure_json,
    (IF applied != NONE { <string> applied } ELSE { NONE }) AS applied, applied_by, accounts_created,
    accounts_created > 0 AS has_links,
    (state IN ['checking', 'applying'] AND (beat ?? created) + <duration> $stale < time::now()) AS stale";

pub async fn job(db: &Db, id: &str) -> anyhow::Result<Option<JobRow>> {
    let sql = format!("SELECT {JOB_FIELDS} FROM ONLY type::record('import_job', $id);");
    Ok(db.rows(&sql, json!({ "id": id, "stale": stale() })).await?.into_iter().next())
}

/// The newest imports, without their files.
pub async fn recent_jobs(db: &Db, limit: usize) -> anyhow::Result<Vec<JobRow>> {
    let sql = format!("SELECT {JOB_FIELDS}, created AS at FROM import_job ORDER BY at DESC LIMIT $limit;");
    db.rows(&sql, json!({ "limit": limit, "stale": stale() })).await
}

/// The uploaded file of an import.
pub async fn job_file(db: &Db, id: &str) -> anyhow::Result<Option<Vec<u8>>> {
    let rows: Vec<String> = db
        .rows(
            "SELECT VALUE encoding::base64::encode(file) FROM ONLY type::record('import_job', $id);",
            json!({ "id": id }),
        )
        .await?;
    let Some(data) = rows.into_iter().next() else { return Ok(None) };
    Ok(Some(
        base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(data.trim_end_matches('='))
            .context("decoding an import file")?,
    ))
}

/// Progress while checking.
pub async fn progress(db: &Db, id: &str, done: usize, total: usize) -> anyhow::Result<()> {
    db.run(
        "UPDATE type::record('import_job', $id) SET done = $done, total = $total, beat = time::now();",
        json!({ "id": id, "done": done, "total": total }),
    )
    .await?;
    Ok(())
}

/// The checked preview, or the failure.
pub async fn checked(
    db: &Db,
    id: &str,
    rows: usize,
    preview_json: Option<&str>,
    digest: Option<&str>,
    failure_json: Option<&str>,
) -> anyhow::Result<()> {
    db.run(
        "UPDATE type::record('import_job', $id) SET state = IF $failure { 'failed' } ELSE { 'checked' },
            done = $rows, total = $rows, preview_json = $preview, digest = $digest, failure_json = $failure;",
        json!({ "id": id, "rows": rows, "preview": preview_json, "digest": digest, "failure": failure_json }),
    )
    .await?;
    Ok(())
}

/// Claims a checked import for applying (once: a second claim finds it no longer `checked`); its progress counts
/// the `people` changes written.
pub async fn claim(db: &Db, id: &str, actor: &str, people: usize) -> anyhow::Result<bool> {
    super::changed(
        db.run(
            "BEGIN TRANSACTION;
             IF type::record('import_job', $id).state != 'checked' { THROW 'unchanged' };
             UPDATE type::record('import_job', $id) SET state = 'applying', applied_by = $actor, done = 0,
                total = $people, beat = time::now();
             COMMIT TRANSACTION;",
            json!({ "id": id, "actor": actor, "people": people }),
        )
        .await,
        "claiming an import",
    )
}

/// How long a running import may go without progress (a SurrealQL duration).
fn stale() -> String {
    format!("{}m", domain::view::STALE_MINUTES)
}

/// Marks a running import whose server stopped as failed with `failure_json` — only while it is still running
/// without progress (an import another instance moves on is left alone). Returns whether it was marked.
pub async fn interrupt(db: &Db, id: &str, failure_json: &str) -> anyhow::Result<bool> {
    // A stopped apply may have written parts without moving the version stamps: move them now.
    let sql = format!(
        "BEGIN TRANSACTION;
             LET $j = type::record('import_job', $id);
             IF !($j.state IN ['checking', 'applying'] AND ($j.beat ?? $j.created) + <duration> $stale < time::now()) {{
                 THROW 'unchanged'
             }};
             UPDATE $j SET state = 'failed', failure_json = $failure;
             {bump}
             {TALENT_SQL}
             COMMIT TRANSACTION;",
        bump = crate::hierarchy::BUMP_SQL
    );
    super::changed(
        db.run(&sql, json!({ "id": id, "failure": failure_json, "stale": stale() })).await,
        "marking a stopped import",
    )
}

/// Marks an import that could not be applied (the organisation is unchanged).
pub async fn apply_failed(db: &Db, id: &str, failure_json: &str) -> anyhow::Result<()> {
    db.run(
        "UPDATE type::record('import_job', $id) SET state = 'failed', failure_json = $failure;",
        json!({ "id": id, "failure": failure_json }),
    )
    .await?;
    Ok(())
}

/// The set-up links of an applied import (`(nip, token)`), for the person who applied it.
pub async fn links(db: &Db, id: &str) -> anyhow::Result<Vec<(String, String)>> {
    #[derive(Deserialize)]
    struct Link {
        nip: String,
        token: String,
    }
    let rows: Vec<Link> =
        db.rows("SELECT nip, token FROM import_link WHERE job = $id ORDER BY nip;", json!({ "id": id })).await?;
    Ok(rows.into_iter().map(|l| (l.nip, l.token)).collect())
}

/// Everything one import writes, in the shapes the database stores.
#[derive(Default, Clone)]
pub struct Writes {
    pub new_units: Vec<Value>,
    pub unit_updates: Vec<Value>,
    pub positions: Vec<Value>,
    pub employees: Vec<Value>,
    pub accounts: Vec<Value>,
    pub links: Vec<Value>,
    pub employee_updates: Vec<Value>,
    /// People whose reporting line ends (before a new one starts).
    pub lines_ending: Vec<Value>,
    pub lines: Vec<Value>,
    pub leaders: Vec<Value>,
    pub audits: Vec<Value>,
    /// The agency's name when there is no agency yet (a first import into an empty database).
    pub agency: Option<String>,
}

/// Builders for [`Writes`].
pub mod value {
    pub use super::super::seed::{datetime, object, rid, text};
    use surrealdb::types::{SurrealValue, Value};

    pub fn opt_text(s: Option<&str>) -> Value {
        s.map(text).unwrap_or(Value::None)
    }

    pub fn json(v: serde_json::Value) -> Value {
        v.into_value()
    }
}

/// Writes one part of an import in one transaction: its units and positions (the first part), its people whole
/// (employee, account, set-up link, reporting line, audit entry) and their set-up links kept for the person who
/// applied it. Parts touch disjoint keys, so two may run at once; `guard` (the first part) checks that the import is
/// still being applied. The progress, the leaders and the version stamps are written by [`part_written`] and
/// [`finish`].
pub async fn apply_part(
    db: &Db,
    id: &str,
    writes: Writes,
    links: &[(String, String)],
    guard: bool,
) -> anyhow::Result<()> {
    // Only the statements a part needs: a large array bound as a parameter is copied each time a statement reads
    // it, so an `IF array::len($x) > 0` guard would copy it once more. The text is built from fixed fragments only.
    let mut sql = String::from("BEGIN TRANSACTION;");
    let mut add = |wanted: bool, statement: &str| {
        if wanted {
            sql.push_str(statement);
        }
    };
    add(guard, "IF type::record('import_job', $job).state != 'applying' { THROW 'unchanged' };");
    add(
        writes.agency.is_some(),
        "IF count(SELECT id FROM agency LIMIT 1) = 0 {
             CREATE agency:main SET name = $agency, short_name = $agency, region = '';
         };",
    );
    add(!writes.new_units.is_empty(), "INSERT INTO unit $new_units RETURN NONE;");
    add(
        !writes.unit_updates.is_empty(),
        "FOR $u IN $unit_updates { UPDATE $u.id SET name = $u.name, kind = $u.kind, parent = $u.parent, depth = $u.depth; };",
    );
    add(!writes.positions.is_empty(), "INSERT INTO position $positions RETURN NONE;");
    add(!writes.employees.is_empty(), "INSERT INTO employee $employees RETURN NONE;");
    add(!writes.accounts.is_empty(), "INSERT INTO account $accounts RETURN NONE;");
    add(!writes.links.is_empty(), "INSERT INTO credential_link $links RETURN NONE;");
    add(
        !writes.employee_updates.is_empty(),
        "FOR $e IN $employee_updates {
             UPDATE $e.id SET name = $e.name, email = $e.email, rank = $e.rank, position = $e.position, unit = $e.unit,
                 education = $e.education, rank_since = $e.rank_since, active = $e.active;
         };",
    );
    add(
        !writes.lines_ending.is_empty(),
        "FOR $e IN $lines_ending {
             LET $old = (SELECT * FROM reports_to WHERE in = $e)[0];
             IF $old {
                 CREATE reports_to_history SET employee = $e, supervisor = $old.out, since = $old.since, until = time::now();
                 DELETE $old.id;
             };
         };",
    );
    add(!writes.lines.is_empty(), "INSERT RELATION INTO reports_to $lines RETURN NONE;");
    add(!writes.audits.is_empty(), "INSERT INTO audit $audits RETURN NONE;");
    add(!links.is_empty(), "INSERT INTO import_link $link_rows RETURN NONE;");
    sql.push_str("COMMIT TRANSACTION;");
    let mut vars = surrealdb::types::Object::new();
    vars.insert("job", text(id));
    vars.insert("agency", writes.agency.as_deref().map(text).unwrap_or(Value::None));
    vars.insert("new_units", Value::from_t(writes.new_units));
    vars.insert("unit_updates", Value::from_t(writes.unit_updates));
    vars.insert("positions", Value::from_t(writes.positions));
    vars.insert("employees", Value::from_t(writes.employees));
    vars.insert("accounts", Value::from_t(writes.accounts));
    vars.insert("links", Value::from_t(writes.links));
    vars.insert("employee_updates", Value::from_t(writes.employee_updates));
    vars.insert("lines_ending", Value::from_t(writes.lines_ending));
    vars.insert("lines", Value::from_t(writes.lines));
    vars.insert("audits", Value::from_t(writes.audits));
    let link_rows: Vec<Value> = links
        .iter()
        .map(|(nip, token)| value::object(vec![("job", text(id)), ("nip", text(nip)), ("token", text(token))]))
        .collect();
    vars.insert("link_rows", Value::from_t(link_rows));
    db.run_native(&sql, vars).await.context("applying an import")
}

/// Counts a committed part in the import's progress.
pub async fn part_written(db: &Db, id: &str, people: usize, accounts: usize) -> anyhow::Result<()> {
    db.run(
        "UPDATE type::record('import_job', $id) SET done += $people, accounts_created += $accounts, beat = time::now();",
        json!({ "id": id, "people": people, "accounts": accounts }),
    )
    .await
    .context("counting an import's progress")?;
    Ok(())
}

/// Finishes an import once every part is written: the units' leaders, the hierarchy and talent version stamps
/// (so every instance reads the new organisation), and the import marked applied — in one transaction.
pub async fn finish(db: &Db, id: &str, leaders: Vec<Value>) -> anyhow::Result<()> {
    let sql = format!(
        "BEGIN TRANSACTION;
         FOR $u IN $leaders {{ UPDATE $u.id SET leader = $u.leader; }};
         {bump}
         {TALENT_SQL}
         UPDATE type::record('import_job', $job) SET state = 'applied', applied = time::now(), beat = time::now();
         COMMIT TRANSACTION;",
        bump = crate::hierarchy::BUMP_SQL
    );
    let mut vars = surrealdb::types::Object::new();
    vars.insert("job", text(id));
    vars.insert("leaders", Value::from_t(leaders));
    db.run_native(&sql, vars).await.context("finishing an import")
}

/// What the talent matrix reads has changed (people, units, positions).
const TALENT_SQL: &str = "UPSERT meta:talent SET version = (version ?? 0) + 1;";
