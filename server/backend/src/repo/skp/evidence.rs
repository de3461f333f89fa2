//! Evidence files of a period's realisations, stored with the record (bytes) so that a backup holds them. Writes
//! check in their transaction that the period is open, the evaluation not yet rated and the row not full, so that a
//! period closing or a rating arriving meanwhile wins.

use super::evaluation::{PERIOD_OPEN_SQL, eval_key, period_key, wib_minute};
use crate::db::Db;
use crate::repo::audit::APPEND_SQL;
use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use domain::skp::{EvidenceKind, MAX_FILES_PER_ROW};
use domain::view::EvidenceFile;
use serde::Deserialize;
use serde_json::json;

/// A file to attach: whose, which period and row, its stored name, kind and bytes.
#[derive(Debug, Clone, Copy)]
pub struct NewEvidence<'a> {
    pub nip: &'a str,
    pub year: i32,
    pub period: u8,
    pub row: &'a str,
    pub name: &'a str,
    pub kind: EvidenceKind,
    pub bytes: &'a [u8],
}

/// Stores a file under `id`, audited (the audit entry names the file, never its content). Fails with
/// `period_not_open`, `already_rated` or `evidence_row_full` (the row already has [`MAX_FILES_PER_ROW`] files).
pub async fn add_evidence(db: &Db, id: &str, file: &NewEvidence<'_>) -> anyhow::Result<()> {
    let sql = format!(
        "BEGIN TRANSACTION;
         {PERIOD_OPEN_SQL}
         IF type::record('skp_eval', $key).results != NONE {{ THROW 'already_rated' }};
         LET $employee = type::record('employee', $nip);
         IF array::len((SELECT VALUE id FROM skp_evidence WHERE employee = $employee AND year = $year
            AND period = $period AND row = $row)) >= $max {{ THROW 'evidence_row_full' }};
         CREATE type::record('skp_evidence', $id) SET employee = $employee, year = $year, period = $period,
            row = $row, name = $name, kind = $kind, size = $size, data = encoding::base64::decode($data),
            uploaded_at = time::now();
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    db.run(
        &sql,
        json!({ "id": id, "key": eval_key(file.nip, file.year, file.period),
                "period_key": period_key(file.year, file.period), "nip": file.nip, "year": file.year,
                "period": file.period, "row": file.row, "name": file.name, "kind": file.kind.code(),
                "size": file.bytes.len(), "data": STANDARD.encode(file.bytes), "max": MAX_FILES_PER_ROW,
                "actor": file.nip, "action": "skp.evidence.add", "subject": format!("employee:{}", file.nip),
                "before": null,
                "after": { "year": file.year, "period": file.period, "row": file.row, "file": id,
                           "name": file.name, "size": file.bytes.len() },
                "reason": null }),
    )
    .await
    .context("storing an evidence file")?;
    Ok(())
}

#[derive(Deserialize)]
struct FileRow {
    id: String,
    row: String,
    name: String,
    kind: EvidenceKind,
    size: u64,
    uploaded_at: String,
}

/// The files of one employee's evaluation of a period, oldest first (without their content).
pub async fn evidence_files(db: &Db, nip: &str, year: i32, period: u8) -> anyhow::Result<Vec<EvidenceFile>> {
    let rows: Vec<FileRow> = db
        .rows(
            "SELECT <string> record::id(id) AS id, row, name, kind, size, <string> uploaded_at AS uploaded_at
             FROM skp_evidence WHERE employee = type::record('employee', $nip) AND year = $year AND period = $period
             ORDER BY uploaded_at, id;",
            json!({ "nip": nip, "year": year, "period": period }),
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| EvidenceFile {
            id: r.id,
            row: r.row,
            name: r.name,
            kind: r.kind,
            size: r.size,
            uploaded_at: wib_minute(&r.uploaded_at),
        })
        .collect())
}

/// A stored file with whose evaluation it belongs to.
#[derive(Debug, Clone)]
pub struct StoredEvidence {
    pub nip: String,
    pub year: i32,
    pub period: u8,
    pub name: String,
    pub kind: EvidenceKind,
    pub bytes: Vec<u8>,
}

#[derive(Deserialize)]
struct StoredRow {
    nip: String,
    year: i32,
    period: u8,
    name: String,
    kind: EvidenceKind,
    data: String,
}

/// One file with its content.
pub async fn evidence_file(db: &Db, id: &str) -> anyhow::Result<Option<StoredEvidence>> {
    let rows: Vec<StoredRow> = db
        .rows(
            "SELECT <string> record::id(employee) AS nip, year, period, name, kind,
                encoding::base64::encode(data) AS data
             FROM ONLY type::record('skp_evidence', $id);",
            json!({ "id": id }),
        )
        .await?;
    let Some(r) = rows.into_iter().next() else { return Ok(None) };
    let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(r.data.trim_end_matches('='))
        .context("decoding a stored evidence file")?;
    Ok(Some(StoredEvidence { nip: r.nip, year: r.year, period: r.period, name: r.name, kind: r.kind, bytes }))
}

/// Removes one of `nip`'s files of a period while it is open and not rated, audited. Returns whether it was there.
pub async fn remove_evidence(db: &Db, nip: &str, year: i32, period: u8, id: &str) -> anyhow::Result<bool> {
    let sql = format!(
        "BEGIN TRANSACTION;
         {PERIOD_OPEN_SQL}
         IF type::record('skp_eval', $key).results != NONE {{ THROW 'already_rated' }};
         LET $gone = DELETE type::record('skp_evidence', $id) WHERE employee = type::record('employee', $nip)
            AND year = $year AND period = $period RETURN BEFORE;
         IF array::len($gone) == 0 {{ THROW 'unchanged' }};
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    let res = db
        .run(
            &sql,
            json!({ "id": id, "key": eval_key(nip, year, period), "period_key": period_key(year, period),
                    "nip": nip, "year": year, "period": period, "actor": nip, "action": "skp.evidence.remove",
                    "subject": format!("employee:{nip}"),
                    "before": { "year": year, "period": period, "file": id }, "after": null, "reason": null }),
        )
        .await;
    super::super::changed(res, "removing an evidence file")
}
