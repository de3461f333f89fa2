//! Talent calibration: sessions, their people (`calibration_entry:[session, nip]`, the box each had when the session
//! opened and the box now), the moves with their reasons, and the boxes a closed session fixed
//! (`talent_box:[nip, year]`).

use crate::db::Db;
use crate::repo::audit::APPEND_SQL;
use anyhow::Context;
use domain::view::CalibrationInfo;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::HashMap;

/// A person placed in a new session: the box their inputs give, and the inputs (JSON of the predikat per year).
#[derive(Debug, Clone, Serialize)]
pub struct NewEntry {
    pub nip: String,
    pub original: u8,
    pub jpm: f64,
    pub predikats_json: String,
}

/// How opening a session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    Done(String),
    /// A session for the unit and year is open already: its id.
    Already(String),
}

/// Opens a session for a unit and year with its people, unless one is open for them already (checked in the
/// writing transaction), audited.
pub async fn open_calibration(
    db: &Db,
    actor: &str,
    unit: &str,
    year: i32,
    entries: &[NewEntry],
) -> anyhow::Result<Opened> {
    let id = hex::encode(rand::random::<[u8; 8]>());
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $u = type::record('unit', $unit);
         LET $open = SELECT VALUE record::id(id) FROM calibration WHERE unit = $u AND year = $year AND state = 'open';
         IF array::len($open) > 0 {{ THROW 'already:' + $open[0] }};
         LET $s = type::record('calibration', $id);
         CREATE $s SET unit = $u, year = $year, state = 'open', opened_by = $actor;
         INSERT INTO calibration_entry $entries.map(|$e| {{
            id: [$id, $e.nip], session: $s, employee: type::record('employee', $e.nip), original: $e.original,
            calibrated: $e.original, jpm: $e.jpm, predikats_json: $e.predikats_json }});
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    let res = db
        .run(
            &sql,
            json!({ "id": id, "unit": unit, "year": year, "entries": entries, "actor": actor,
                    "action": "calibration.open", "subject": format!("calibration:{id}"), "before": null,
                    "after": { "unit": unit, "year": year, "people": entries.len() }, "reason": null }),
        )
        .await;
    match res {
        Ok(_) => Ok(Opened::Done(id)),
        Err(e) => match crate::db::statement_error(&e).filter(|s| s.is_thrown("already:")) {
            Some(s) => {
                let rest = s.message.rsplit("already:").next().unwrap_or_default();
                Ok(Opened::Already(rest.chars().take_while(char::is_ascii_hexdigit).collect()))
            }
            None => Err(e.context("opening a calibration session")),
        },
    }
}

const SESSION_FIELDS: &str = "record::id(id) AS id, record::id(unit) AS unit, unit.name AS unit_name, year, state,
    (type::record('employee', opened_by).name ?? opened_by) AS opened_by,
    string::slice(<string> opened_at, 0, 10) AS opened_at,
    (IF closed_at != NONE { string::slice(<string> closed_at, 0, 10) }) AS closed_at,
    count(SELECT id FROM calibration_entry WHERE session = $parent.id) AS people,
    count(SELECT id FROM calibration_move WHERE session = $parent.id) AS moves";

/// Every session, the newest first.
pub async fn calibrations(db: &Db) -> anyhow::Result<Vec<CalibrationInfo>> {
    db.rows(&format!("SELECT {SESSION_FIELDS}, opened_at AS at FROM calibration ORDER BY at DESC;"), json!({}))
        .await
        .context("reading calibration sessions")
}

/// One session.
pub async fn calibration(db: &Db, id: &str) -> anyhow::Result<Option<CalibrationInfo>> {
    Ok(db
        .rows(&format!("SELECT {SESSION_FIELDS} FROM type::record('calibration', $id);"), json!({ "id": id }))
        .await
        .context("reading a calibration session")?
        .into_iter()
        .next())
}

/// A person of a session as stored.
#[derive(Debug, Clone, Deserialize)]
pub struct StoredEntry {
    pub nip: String,
    pub original: u8,
    pub calibrated: u8,
    pub jpm: f64,
    pub predikats_json: String,
}

/// The people of a session.
pub async fn entries(db: &Db, id: &str) -> anyhow::Result<Vec<StoredEntry>> {
    db.rows(
        "SELECT record::id(employee) AS nip, original, calibrated, jpm, predikats_json FROM calibration_entry
         WHERE session = type::record('calibration', $id);",
        json!({ "id": id }),
    )
    .await
    .context("reading the people of a calibration session")
}

/// One person of a session.
pub async fn entry(db: &Db, id: &str, nip: &str) -> anyhow::Result<Option<StoredEntry>> {
    Ok(db
        .rows(
            "SELECT record::id(employee) AS nip, original, calibrated, jpm, predikats_json
             FROM type::record('calibration_entry', [$id, $nip]);",
            json!({ "id": id, "nip": nip }),
        )
        .await
        .context("reading a person of a calibration session")?
        .into_iter()
        .next())
}

/// A move as stored: who was moved, from and to, why, by whom (NIP) and when.
#[derive(Debug, Clone, Deserialize)]
pub struct StoredMove {
    pub nip: String,
    pub from: u8,
    pub to: u8,
    pub reason: String,
    pub by: String,
    pub at: String,
}

/// The moves of a session, in the order they were made.
pub async fn moves(db: &Db, id: &str) -> anyhow::Result<Vec<StoredMove>> {
    db.rows(
        "SELECT record::id(employee) AS nip, from, to, reason, by, <string> at AS at, at AS t FROM calibration_move
         WHERE session = type::record('calibration', $id) ORDER BY t;",
        json!({ "id": id }),
    )
    .await
    .context("reading the moves of a calibration session")
}

/// How a move ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moved {
    Done,
    /// The session is closed.
    Closed,
    /// The person's box changed since it was read (another member moved them).
    Changed,
}

/// Moves a person of an open session from box `from` (as the caller read it) to `to` with a reason, audited.
pub async fn move_person(
    db: &Db,
    actor: &str,
    id: &str,
    nip: &str,
    (from, to): (u8, u8),
    reason: &str,
) -> anyhow::Result<Moved> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $s = type::record('calibration', $id);
         IF $s.state != 'open' {{ THROW 'closed' }};
         LET $e = type::record('calibration_entry', [$id, $nip]);
         IF $e.calibrated != $from {{ THROW 'unchanged' }};
         UPDATE $e SET calibrated = $to;
         CREATE calibration_move SET session = $s, employee = type::record('employee', $nip), from = $from, to = $to,
            reason = $reason, by = $actor;
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    let res = db
        .run(
            &sql,
            json!({ "id": id, "nip": nip, "from": from, "to": to, "reason": reason, "actor": actor,
                    "action": "calibration.move", "subject": format!("employee:{nip}"),
                    "before": { "calibration": id, "box": from }, "after": { "calibration": id, "box": to } }),
        )
        .await;
    match res {
        Ok(_) => Ok(Moved::Done),
        Err(e) => match crate::db::statement_error(&e) {
            Some(s) if s.is_thrown("closed") => Ok(Moved::Closed),
            Some(s) if s.is_thrown("unchanged") => Ok(Moved::Changed),
            _ => Err(e.context("moving a person in a calibration session")),
        },
    }
}

/// Closes an open session and fixes every person's calibrated box for the session's year (with the reason of their
/// last move), audited. Returns whether it was open.
pub async fn close_calibration(db: &Db, actor: &str, id: &str) -> anyhow::Result<bool> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $s = type::record('calibration', $id);
         IF $s.state != 'open' {{ THROW 'unchanged' }};
         LET $year = $s.year;
         UPDATE $s SET state = 'closed', closed_by = $actor, closed_at = time::now();
         LET $moves = SELECT employee, reason, at FROM calibration_move WHERE session = $s ORDER BY at;
         LET $rows = SELECT employee, original, calibrated FROM calibration_entry WHERE session = $s;
         FOR $r IN $rows {{
            UPSERT type::record('talent_box', [record::id($r.employee), $year]) SET employee = $r.employee,
                year = $year, original = $r.original, calibrated = $r.calibrated, session = $s, fixed_at = time::now(),
                reason = ($moves.filter(|$m| $m.employee == $r.employee).last().reason ?? '');
         }};
         LET $after = {{ state: 'closed', people: array::len($rows),
            moved: array::len($rows.filter(|$r| $r.original != $r.calibrated)) }};
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    let res = db
        .run(
            &sql,
            json!({ "id": id, "actor": actor, "action": "calibration.close", "subject": format!("calibration:{id}"),
                    "before": { "state": "open" }, "reason": null }),
        )
        .await;
    super::changed(res, "closing a calibration session")
}

/// A box fixed by a closed calibration: the calibrated box, the box the inputs gave, and the reason of the move.
#[derive(Debug, Clone, Deserialize)]
pub struct FixedBox {
    pub calibrated: u8,
    pub original: u8,
    pub reason: String,
}

/// The boxes fixed for `year`, by NIP.
pub async fn fixed_boxes(db: &Db, year: i32) -> anyhow::Result<HashMap<String, FixedBox>> {
    #[derive(Deserialize)]
    struct Row {
        nip: String,
        #[serde(flatten)]
        fixed: FixedBox,
    }
    let rows: Vec<Row> = db
        .rows(
            "SELECT record::id(employee) AS nip, calibrated, original, reason FROM talent_box WHERE year = $year;",
            json!({ "year": year }),
        )
        .await
        .context("reading calibrated boxes")?;
    Ok(rows.into_iter().map(|r| (r.nip, r.fixed)).collect())
}

/// One person's box fixed for `year`, if any.
pub async fn fixed_box(db: &Db, nip: &str, year: i32) -> anyhow::Result<Option<FixedBox>> {
    Ok(db
        .rows(
            "SELECT calibrated, original, reason FROM type::record('talent_box', [$nip, $year]);",
            json!({ "nip": nip, "year": year }),
        )
        .await
        .context("reading a calibrated box")?
        .into_iter()
        .next())
}
