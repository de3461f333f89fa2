//! Bulk writes for the demo-data generator: batches of rows inserted in one statement each.

use crate::server::db::Db;
use anyhow::Context;
use serde::Serialize;
use serde_json::json;

#[derive(Debug, Clone, Serialize)]
pub struct NewUnit {
    pub key: String,
    pub name: String,
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    pub depth: u32,
    pub ord: u32,
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
    pub unit: String,
    pub position: String,
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

pub async fn units(db: &Db, rows: &[NewUnit]) -> anyhow::Result<()> {
    let sql = "INSERT INTO unit $rows.map(|$u| {
        id: type::record('unit', $u.key), name: $u.name, kind: $u.kind,
        parent: IF $u.parent { type::record('unit', $u.parent) } ELSE { NONE },
        depth: $u.depth, ord: $u.ord });";
    db.run(sql, json!({ "rows": rows })).await.context("inserting units")?;
    Ok(())
}

pub async fn positions(db: &Db, rows: &[NewPosition]) -> anyhow::Result<()> {
    let sql = "INSERT INTO position $rows.map(|$p| {
        id: type::record('position', $p.key), name: $p.name, kind: $p.kind, unit: type::record('unit', $p.unit) });";
    db.run(sql, json!({ "rows": rows })).await.context("inserting positions")?;
    Ok(())
}

pub async fn employees(db: &Db, rows: &[NewEmployee]) -> anyhow::Result<()> {
    let sql = "INSERT INTO employee $rows.map(|$e| {
        id: type::record('employee', $e.nip), nip: $e.nip, name: $e.name, email: $e.email, rank: $e.rank,
        gender: $e.gender, birth_date: <datetime> $e.birth_date, service_start: <datetime> $e.service_start,
        unit: type::record('unit', $e.unit), position: type::record('position', $e.position), active: true });";
    db.run(sql, json!({ "rows": rows })).await.context("inserting employees")?;
    Ok(())
}

pub async fn reports_to(db: &Db, rows: &[NewEdge]) -> anyhow::Result<()> {
    let sql = "INSERT RELATION INTO reports_to $rows.map(|$r| {
        in: type::record('employee', $r.from), out: type::record('employee', $r.to), since: <datetime> $r.since });
        UPSERT meta:hierarchy SET version = (version ?? 0) + 1;";
    db.run(sql, json!({ "rows": rows })).await.context("inserting reporting lines")?;
    Ok(())
}

pub async fn leaders(db: &Db, pairs: &[(String, String)]) -> anyhow::Result<()> {
    let sql = "FOR $p IN $rows { UPDATE type::record('unit', $p[0]) SET leader = type::record('employee', $p[1]); };";
    db.run(sql, json!({ "rows": pairs })).await.context("setting unit leaders")?;
    Ok(())
}

pub async fn accounts(db: &Db, rows: &[NewAccount]) -> anyhow::Result<()> {
    let sql = "INSERT INTO account $rows.map(|$a| {
        id: type::record('account', $a.key), username: $a.username, employee: type::record('employee', $a.nip),
        password_hash: $a.hash, roles: $a.roles, active: true });";
    db.run(sql, json!({ "rows": rows })).await.context("inserting accounts")?;
    Ok(())
}
