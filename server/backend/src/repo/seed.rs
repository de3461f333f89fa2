//! Bulk writes for the demo-data generator: batches of rows inserted in one statement each.

use crate::db::Db;
use anyhow::Context;
use serde::Serialize;
use serde_json::json;
use surrealdb::types::{Datetime, Object, RecordId, Value};

#[derive(Debug, Clone, Serialize)]
pub struct NewUnit {
    pub key: String,
    pub name: String,
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    pub depth: u32,
    pub ord: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leader: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewPosition {
    pub key: String,
    pub name: String,
    pub kind: &'static str,
    pub unit: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewEmployee {
    pub nip: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub rank: &'static str,
    pub gender: &'static str,
    /// RFC 3339 timestamps.
    pub birth_date: String,
    pub service_start: String,
    /// TMT of the current rank.
    pub rank_since: String,
    pub unit: String,
    pub position: String,
    pub education: Option<domain::Education>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewEdge {
    pub from: String,
    pub to: String,
    pub since: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewAccount {
    pub key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    pub nip: String,
    pub hash: String,
    pub roles: Vec<&'static str>,
}

/// Whether the database already holds an agency (seeding happens once).
pub async fn is_seeded(db: &Db) -> anyhow::Result<bool> {
    db.run("RETURN count(SELECT id FROM agency LIMIT 1) > 0;", json!({})).await?.value(0)
}

pub async fn agency(db: &Db, name: &str, short_name: &str, region: &str) -> anyhow::Result<()> {
    db.run(
        "CREATE agency:main SET name = $name, short_name = $short, region = $region;",
        json!({ "name": name, "short": short_name, "region": region }),
    )
    .await
    .context("creating the agency")?;
    Ok(())
}

pub fn rid(table: &str, key: &str) -> Value {
    Value::RecordId(RecordId::new(table, key))
}

pub fn datetime(rfc3339: &str) -> anyhow::Result<Value> {
    Ok(Value::Datetime(rfc3339.parse::<Datetime>().map_err(|e| anyhow::anyhow!("bad datetime {rfc3339}: {e:?}"))?))
}

pub fn text(s: &str) -> Value {
    Value::String(s.to_string())
}

pub fn object(fields: Vec<(&str, Value)>) -> Value {
    let mut o = Object::new();
    for (k, v) in fields {
        o.insert(k, v);
    }
    Value::Object(o)
}

async fn insert(db: &Db, sql: &str, rows: Vec<Value>, what: &'static str) -> anyhow::Result<()> {
    let mut vars = Object::new();
    vars.insert("rows", rows);
    db.run_native(sql, vars).await.context(what)
}

pub async fn units(db: &Db, rows: &[NewUnit]) -> anyhow::Result<()> {
    let values = rows
        .iter()
        .map(|u| {
            object(vec![
                ("id", rid("unit", &u.key)),
                ("name", text(&u.name)),
                ("kind", text(u.kind)),
                ("parent", u.parent.as_deref().map(|p| rid("unit", p)).unwrap_or(Value::None)),
                ("depth", Value::from_t(i64::from(u.depth))),
                ("ord", Value::from_t(i64::from(u.ord))),
                ("leader", u.leader.as_deref().map(|l| rid("employee", l)).unwrap_or(Value::None)),
            ])
        })
        .collect();
    insert(db, "INSERT INTO unit $rows RETURN NONE;", values, "inserting units").await
}

pub async fn positions(db: &Db, rows: &[NewPosition]) -> anyhow::Result<()> {
    let values = rows
        .iter()
        .map(|p| {
            object(vec![
                ("id", rid("position", &p.key)),
                ("name", text(&p.name)),
                ("kind", text(p.kind)),
                ("unit", rid("unit", &p.unit)),
            ])
        })
        .collect();
    insert(db, "INSERT INTO position $rows RETURN NONE;", values, "inserting positions").await
}

pub async fn employees(db: &Db, rows: &[NewEmployee]) -> anyhow::Result<()> {
    let values = rows
        .iter()
        .map(|e| {
            Ok(object(vec![
                ("id", rid("employee", &e.nip)),
                ("nip", text(&e.nip)),
                ("name", text(&e.name)),
                ("email", e.email.as_deref().map(text).unwrap_or(Value::None)),
                ("rank", text(e.rank)),
                ("gender", text(e.gender)),
                ("birth_date", datetime(&e.birth_date)?),
                ("service_start", datetime(&e.service_start)?),
                ("rank_since", datetime(&e.rank_since)?),
                ("unit", rid("unit", &e.unit)),
                ("position", rid("position", &e.position)),
                ("active", Value::Bool(true)),
                ("education", e.education.map(|e| text(e.code())).unwrap_or(Value::None)),
            ]))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    insert(db, "INSERT INTO employee $rows RETURN NONE;", values, "inserting employees").await
}

pub async fn reports_to(db: &Db, rows: &[NewEdge]) -> anyhow::Result<()> {
    let values = rows
        .iter()
        .map(|r| {
            Ok(object(vec![
                ("in", rid("employee", &r.from)),
                ("out", rid("employee", &r.to)),
                ("since", datetime(&r.since)?),
            ]))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    insert(db, "INSERT RELATION INTO reports_to $rows RETURN NONE;", values, "inserting reporting lines").await
}

/// Marks the reporting graph as changed (after bulk edge inserts).
pub async fn bump_hierarchy(db: &Db) -> anyhow::Result<()> {
    db.run(crate::hierarchy::BUMP_SQL, json!({})).await?;
    Ok(())
}

pub async fn accounts(db: &Db, rows: &[NewAccount]) -> anyhow::Result<()> {
    let values = rows
        .iter()
        .map(|a| {
            object(vec![
                ("id", rid("account", &a.key)),
                ("username", a.username.as_deref().map(text).unwrap_or(Value::None)),
                ("employee", rid("employee", &a.nip)),
                ("password_hash", text(&a.hash)),
                ("roles", Value::from_t(a.roles.iter().map(|r| r.to_string()).collect::<Vec<String>>())),
                ("active", Value::Bool(true)),
            ])
        })
        .collect();
    insert(db, "INSERT INTO account $rows RETURN NONE;", values, "inserting accounts").await
}

/// An approved first version of a demo work plan.
#[derive(Debug, Clone)]
pub struct NewSkp {
    pub nip: String,
    pub year: i32,
    /// The plan document as JSON.
    pub doc: String,
    pub decided_by: Option<String>,
    /// RFC 3339.
    pub decided_at: String,
}

pub async fn skp_plans(db: &Db, rows: &[NewSkp]) -> anyhow::Result<()> {
    let values = rows
        .iter()
        .map(|s| {
            Ok(object(vec![
                ("id", rid("skp", &format!("{}_{}_1", s.nip, s.year))),
                ("employee", rid("employee", &s.nip)),
                ("year", Value::from_t(i64::from(s.year))),
                ("version", Value::from_t(1i64)),
                ("status", text("approved")),
                ("doc", text(&s.doc)),
                ("decided_by", s.decided_by.as_deref().map(text).unwrap_or(Value::None)),
                ("submitted_at", datetime(&s.decided_at)?),
                ("decided_at", datetime(&s.decided_at)?),
                ("updated_at", datetime(&s.decided_at)?),
            ]))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    insert(db, "INSERT INTO skp $rows RETURN NONE;", values, "inserting work plans").await
}

/// A rated demo evaluation of one period (ratings as codes; `by_objection` when an objection changed them).
#[derive(Debug, Clone)]
pub struct NewEval {
    pub nip: String,
    pub year: i32,
    pub period: u8,
    /// The realisations as JSON.
    pub doc: String,
    /// The ratings, the predikat, the rater and when (RFC 3339); `None` while not rated.
    pub results: Option<&'static str>,
    pub behaviour: Option<&'static str>,
    pub predikat: Option<&'static str>,
    pub feedback: String,
    pub rated_by: Option<String>,
    pub rated_at: Option<String>,
    pub by_objection: bool,
    /// The unit path the rating is counted under (the person's unit first); empty while not rated.
    pub units: Vec<String>,
}

impl NewEval {
    /// Realisations entered in a running period, not rated yet.
    pub fn unrated(nip: &str, year: i32, period: u8, doc: String) -> Self {
        NewEval {
            nip: nip.to_string(),
            year,
            period,
            doc,
            results: None,
            behaviour: None,
            predikat: None,
            feedback: String::new(),
            rated_by: None,
            rated_at: None,
            by_objection: false,
            units: Vec::new(),
        }
    }
}

pub async fn skp_evals(db: &Db, rows: &[NewEval]) -> anyhow::Result<()> {
    let values = rows
        .iter()
        .map(|e| {
            let mut fields = vec![
                ("id", rid("skp_eval", &format!("{}_{}_{}", e.nip, e.year, e.period))),
                ("employee", rid("employee", &e.nip)),
                ("year", Value::from_t(i64::from(e.year))),
                ("period", Value::from_t(i64::from(e.period))),
                ("doc", text(&e.doc)),
                ("feedback", text(&e.feedback)),
                ("by_objection", Value::Bool(e.by_objection)),
            ];
            if let (Some(r), Some(b), Some(p), Some(by), Some(at)) =
                (e.results, e.behaviour, e.predikat, &e.rated_by, &e.rated_at)
            {
                fields.extend([
                    ("results", text(r)),
                    ("behaviour", text(b)),
                    ("predikat", text(p)),
                    ("rated_by", text(by)),
                    ("rated_at", datetime(at)?),
                    ("updated_at", datetime(at)?),
                    ("units", Value::Array(e.units.iter().map(|u| text(u)).collect::<Vec<_>>().into())),
                ]);
            }
            Ok(object(fields))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    insert(db, "INSERT INTO skp_eval $rows RETURN NONE;", values, "inserting evaluations").await
}

/// After inserting ratings (possibly of closed periods, in concurrent batches): moves the talent version once
/// (schema V18).
pub async fn ratings_inserted(db: &Db) -> anyhow::Result<()> {
    db.run("UPSERT meta:talent SET version = (version ?? 0) + 1;", json!({})).await?;
    Ok(())
}

/// Completed leadership programmes: (nip, programme code, year).
pub async fn programmes_done(db: &Db, rows: &[(String, &'static str, i32)]) -> anyhow::Result<()> {
    let values = rows
        .iter()
        .map(|(nip, programme, year)| {
            let key: Vec<Value> = vec![text(nip), text(programme)];
            object(vec![
                ("id", Value::RecordId(RecordId::new("programme_done", surrealdb::types::Array::from(key)))),
                ("employee", rid("employee", nip)),
                ("programme", text(programme)),
                ("year", Value::from_t(i64::from(*year))),
                ("recorded_by", text("seed")),
            ])
        })
        .collect();
    insert(db, "INSERT INTO programme_done $rows RETURN NONE;", values, "inserting completed programmes").await
}

/// Disciplinary penalties: (nip, level code, what was imposed, decision date as ISO date).
pub async fn penalties(db: &Db, rows: &[(String, &'static str, &'static str, String)]) -> anyhow::Result<()> {
    let values = rows
        .iter()
        .enumerate()
        .map(|(i, (nip, level, kind, on))| {
            Ok(object(vec![
                ("id", rid("penalty", &format!("seed{i}"))),
                ("employee", rid("employee", nip)),
                ("level", text(level)),
                ("kind", text(kind)),
                ("decided_on", datetime(&format!("{on}T00:00:00Z"))?),
                ("recorded_by", text("seed")),
            ]))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    insert(db, "INSERT INTO penalty $rows RETURN NONE;", values, "inserting penalties").await
}

/// The demo's open cohort: (programme code, name, start, end (ISO dates), capacity, formed by).
pub async fn cohort(
    db: &Db,
    (programme, name, starts, ends, capacity, by): (&str, &str, &str, &str, u16, &str),
) -> anyhow::Result<()> {
    let values = vec![object(vec![
        ("id", rid("cohort", "demo-pka")),
        ("programme", text(programme)),
        ("name", text(name)),
        ("starts", datetime(&format!("{starts}T00:00:00Z"))?),
        ("ends", datetime(&format!("{ends}T00:00:00Z"))?),
        ("capacity", Value::from_t(i64::from(capacity))),
        ("created_by", text(by)),
    ])];
    insert(db, "INSERT INTO cohort $rows RETURN NONE;", values, "inserting the demo cohort").await
}

/// The predikat tallies of seeded ratings: (unit, year, period, predikat code, count).
pub async fn predikat_tallies(db: &Db, rows: &[(String, i32, u8, &'static str, u32)]) -> anyhow::Result<()> {
    let values = rows
        .iter()
        .map(|(unit, year, period, predikat, n)| {
            let key: Vec<Value> =
                vec![text(unit), Value::from_t(i64::from(*year)), Value::from_t(i64::from(*period)), text(predikat)];
            object(vec![
                ("id", Value::RecordId(RecordId::new("predikat_tally", surrealdb::types::Array::from(key)))),
                ("unit", text(unit)),
                ("year", Value::from_t(i64::from(*year))),
                ("period", Value::from_t(i64::from(*period))),
                ("predikat", text(predikat)),
                ("n", Value::from_t(i64::from(*n))),
            ])
        })
        .collect();
    insert(db, "INSERT INTO predikat_tally $rows RETURN NONE;", values, "inserting predikat tallies").await
}

/// A decided demo objection.
#[derive(Debug, Clone)]
pub struct NewObjection {
    pub nip: String,
    pub year: i32,
    pub period: u8,
    /// The filing as JSON.
    pub doc: String,
    pub rater: String,
    pub original: (&'static str, &'static str),
    /// RFC 3339.
    pub filed_at: String,
    pub due: String,
    pub upheld: Option<(&'static str, &'static str)>,
    pub reason: String,
    pub decided_by: String,
    pub decided_at: String,
}

pub async fn skp_objections(db: &Db, rows: &[NewObjection]) -> anyhow::Result<()> {
    let values = rows
        .iter()
        .map(|o| {
            Ok(object(vec![
                ("id", rid("skp_objection", &format!("{}_{}_{}", o.nip, o.year, o.period))),
                ("employee", rid("employee", &o.nip)),
                ("year", Value::from_t(i64::from(o.year))),
                ("period", Value::from_t(i64::from(o.period))),
                ("doc", text(&o.doc)),
                ("rater", text(&o.rater)),
                ("original_results", text(o.original.0)),
                ("original_behaviour", text(o.original.1)),
                ("filed_at", datetime(&o.filed_at)?),
                ("due", datetime(&o.due)?),
                ("state", text(if o.upheld.is_some() { "upheld" } else { "rejected" })),
                ("decision_reason", text(&o.reason)),
                ("decided_by", text(&o.decided_by)),
                ("decided_at", datetime(&o.decided_at)?),
                ("new_results", o.upheld.map(|u| text(u.0)).unwrap_or(Value::None)),
                ("new_behaviour", o.upheld.map(|u| text(u.1)).unwrap_or(Value::None)),
            ]))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    insert(db, "INSERT INTO skp_objection $rows RETURN NONE;", values, "inserting objections").await
}

/// Closes every period of a demo year (seeded as history).
pub async fn close_periods(db: &Db, year: i32) -> anyhow::Result<()> {
    db.run("UPDATE skp_period SET state = 'closed' WHERE year = $year;", json!({ "year": year }))
        .await
        .context("closing the demo periods")?;
    Ok(())
}
