//! Work plans (SKP): one record per version of an employee's plan for a year. The content is a versioned document
//! ([`SkpDoc`]) encoded and decoded here only; every change is audited in the same transaction.

use super::changed;

mod evaluation;
mod evidence;
mod notes;
mod objection;
use crate::db::Db;
use crate::repo::audit::APPEND_SQL;
use anyhow::Context;
use domain::skp::{SkpDoc, SkpStatus};
pub use evaluation::*;
pub use evidence::*;
pub use notes::*;
pub use objection::*;
use serde::Deserialize;
use serde_json::json;

/// The key of one version.
pub fn skp_key(nip: &str, year: i32, version: u32) -> String {
    format!("{nip}_{year}_{version}")
}

/// One stored version.
#[derive(Debug, Clone)]
pub struct SkpVersion {
    pub version: u32,
    pub status: SkpStatus,
    pub doc: SkpDoc,
    pub comment: String,
    pub decided_by: Option<String>,
    pub updated_at: String,
}

#[derive(Deserialize)]
struct Row {
    version: u32,
    status: SkpStatus,
    doc: String,
    comment: String,
    decided_by: Option<String>,
    updated_at: String,
}

impl TryFrom<Row> for SkpVersion {
    type Error = anyhow::Error;
    fn try_from(r: Row) -> anyhow::Result<Self> {
        let doc = decode(&r.doc)?;
        Ok(SkpVersion {
            version: r.version,
            status: r.status,
            doc,
            comment: r.comment,
            decided_by: r.decided_by,
            updated_at: r.updated_at,
        })
    }
}

/// Decodes a stored plan; a document newer than this build reads is refused, never guessed.
fn decode(text: &str) -> anyhow::Result<SkpDoc> {
    let doc: SkpDoc = serde_json::from_str(text).context("decoding a work plan")?;
    if doc.v != domain::skp::SKP_DOC_VERSION {
        anyhow::bail!("work plan document version {} is newer than this build reads", doc.v);
    }
    Ok(doc)
}

/// Keeps each person's newest version of `(nip, version, value)` rows, ordered by NIP.
fn newest_per_person<T>(rows: Vec<(String, u32, T)>) -> Vec<(String, T)> {
    let mut newest: std::collections::HashMap<String, (u32, T)> = std::collections::HashMap::new();
    for (nip, version, value) in rows {
        match newest.get(&nip) {
            Some((v, _)) if *v > version => {}
            _ => {
                newest.insert(nip, (version, value));
            }
        }
    }
    let mut out: Vec<(String, T)> = newest.into_iter().map(|(n, (_, value))| (n, value)).collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Every version of a person's plan for a year, oldest first.
pub async fn versions(db: &Db, nip: &str, year: i32) -> anyhow::Result<Vec<SkpVersion>> {
    let rows: Vec<Row> = db
        .rows(
            "SELECT version, status, doc, comment, decided_by, <string> updated_at AS updated_at FROM skp
             WHERE employee = type::record('employee', $nip) AND year = $year ORDER BY version;",
            json!({ "nip": nip, "year": year }),
        )
        .await?;
    rows.into_iter().map(SkpVersion::try_from).collect()
}

fn encode(doc: &SkpDoc) -> anyhow::Result<String> {
    serde_json::to_string(doc).context("encoding a work plan")
}

/// Creates version `version` as a draft. Fails with a duplicate error when it exists (a concurrent edit).
pub async fn create_version(
    db: &Db,
    actor: &str,
    nip: &str,
    year: i32,
    version: u32,
    doc: &SkpDoc,
) -> anyhow::Result<()> {
    let sql = format!(
        "BEGIN TRANSACTION;
         CREATE type::record('skp', $key) SET employee = type::record('employee', $nip), year = $year,
            version = $version, status = 'draft', doc = $doc, updated_at = time::now();
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    db.run(
        &sql,
        json!({ "key": skp_key(nip, year, version), "nip": nip, "year": year, "version": version,
                "doc": encode(doc)?, "actor": actor, "action": "skp.create", "subject": format!("employee:{nip}"),
                "before": null, "after": { "year": year, "version": version }, "reason": null }),
    )
    .await
    .context("creating a work plan version")?;
    Ok(())
}

/// Replaces the content of a version that is a draft or returned. Returns whether it changed.
pub async fn save_draft(
    db: &Db,
    actor: &str,
    nip: &str,
    year: i32,
    version: u32,
    doc: &SkpDoc,
) -> anyhow::Result<bool> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $changed = UPDATE type::record('skp', $key) SET doc = $doc, updated_at = time::now()
            WHERE status IN ['draft', 'returned'] RETURN VALUE id;
         IF array::len($changed) == 0 {{ THROW 'unchanged' }};
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    let res = db
        .run(
            &sql,
            json!({ "key": skp_key(nip, year, version), "doc": encode(doc)?, "actor": actor, "action": "skp.edit",
                    "subject": format!("employee:{nip}"), "before": null,
                    "after": { "year": year, "version": version, "rows": doc.rows.len() }, "reason": null }),
        )
        .await;
    changed(res, "saving a work plan")
}

/// Moves a version from `from` to `to` (submit, return with `comment`, approve), audited. Returns whether it changed.
#[expect(clippy::too_many_arguments, reason = "one audited state change names everything it records")]
pub async fn set_status(
    db: &Db,
    actor: &str,
    nip: &str,
    year: i32,
    version: u32,
    from: &[SkpStatus],
    to: SkpStatus,
    comment: &str,
) -> anyhow::Result<bool> {
    let stamp = match to {
        SkpStatus::Submitted => "submitted_at = time::now(), comment = ''",
        _ => "decided_at = time::now(), decided_by = $actor, comment = $comment",
    };
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $changed = UPDATE type::record('skp', $key) SET status = $to, {stamp}, updated_at = time::now()
            WHERE status IN $from RETURN VALUE id;
         IF array::len($changed) == 0 {{ THROW 'unchanged' }};
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    let from: Vec<&str> = from.iter().map(|s| s.code()).collect();
    let res = db
        .run(
            &sql,
            json!({ "key": skp_key(nip, year, version), "from": from, "to": to.code(), "comment": comment,
                    "actor": actor, "action": format!("skp.{}", to.code()), "subject": format!("employee:{nip}"),
                    "before": { "status": from }, "after": { "status": to.code(), "version": version },
                    "reason": if comment.is_empty() { None } else { Some(comment) } }),
        )
        .await;
    changed(res, "changing a work plan's status")
}

/// The newest version of each of `nips`' plans for a year: (nip, status, content); people without a plan are left
/// out. One query for a whole team, one indexed lookup per person (`employee = … AND year = …` uses the
/// (employee, year, version) index; `employee IN […]` scanned every plan of the year).
pub async fn newest_plans(db: &Db, nips: &[String], year: i32) -> anyhow::Result<Vec<(String, SkpStatus, SkpDoc)>> {
    if nips.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(String, u32, (SkpStatus, String))> = db
        .rows(
            "RETURN array::flatten($nips.map(|$n| (SELECT VALUE [record::id(employee), version, [status, doc]]
                FROM skp WHERE employee = type::record('employee', $n) AND year = $year)));",
            json!({ "nips": nips, "year": year }),
        )
        .await?;
    newest_per_person(rows).into_iter().map(|(nip, (status, doc))| Ok((nip, status, decode(&doc)?))).collect()
}
