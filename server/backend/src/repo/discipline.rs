//! Disciplinary penalties recorded by HR: level, what was imposed and the decision date, each write audited in its
//! transaction.

use crate::db::Db;
use crate::repo::audit::APPEND_SQL;
use anyhow::Context;
use domain::discipline::{Penalty, PenaltyLevel};
use serde_json::json;
use std::collections::HashMap;

const FIELDS: &str = "record::id(id) AS id, level, kind, string::slice(<string> decided_on, 0, 10) AS decided_on";

/// A person's penalties, newest first.
pub async fn penalties_of(db: &Db, nip: &str) -> anyhow::Result<Vec<Penalty>> {
    db.rows(
        &format!(
            "SELECT {FIELDS}, decided_on AS at FROM penalty WHERE employee = type::record('employee', $nip)
             ORDER BY at DESC;"
        ),
        json!({ "nip": nip }),
    )
    .await
    .context("reading a person's penalties")
}

/// Every penalty decided on or after `since` (ISO date), by person: what a screen of many people needs.
pub async fn penalties_since(db: &Db, since: &str) -> anyhow::Result<HashMap<String, Vec<Penalty>>> {
    #[derive(serde::Deserialize)]
    struct Row {
        nip: String,
        #[serde(flatten)]
        penalty: Penalty,
    }
    let rows: Vec<Row> = db
        .rows(
            &format!(
                "SELECT record::id(employee) AS nip, {FIELDS} FROM penalty
                 WHERE decided_on >= <datetime> $since;"
            ),
            json!({ "since": format!("{since}T00:00:00Z") }),
        )
        .await
        .context("reading recent penalties")?;
    let mut out: HashMap<String, Vec<Penalty>> = HashMap::new();
    for r in rows {
        out.entry(r.nip).or_default().push(r.penalty);
    }
    Ok(out)
}

/// Records a penalty, audited. Returns its id.
pub async fn add_penalty(
    db: &Db,
    actor: &str,
    nip: &str,
    level: PenaltyLevel,
    kind: &str,
    decided_on: &str,
) -> anyhow::Result<String> {
    let id = hex::encode(rand::random::<[u8; 8]>());
    let sql = format!(
        "BEGIN TRANSACTION;
         CREATE type::record('penalty', $id) SET employee = type::record('employee', $nip), level = $level,
            kind = $kind, decided_on = <datetime> $decided_on, recorded_by = $actor;
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    db.run(
        &sql,
        json!({ "id": id, "nip": nip, "level": level.code(), "kind": kind,
                "decided_on": format!("{decided_on}T00:00:00Z"), "actor": actor, "action": "discipline.add",
                "subject": format!("employee:{nip}"), "before": null,
                "after": { "id": id, "level": level.code(), "kind": kind, "decided_on": decided_on },
                "reason": null }),
    )
    .await
    .context("recording a penalty")?;
    Ok(id)
}

/// Removes a penalty recorded by mistake (or annulled), audited with what it was and why. Returns whether it
/// existed for that person.
pub async fn remove_penalty(db: &Db, actor: &str, nip: &str, id: &str, reason: &str) -> anyhow::Result<bool> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $rec = type::record('penalty', $id);
         LET $before = (SELECT level, kind, <string> decided_on AS decided_on FROM ONLY $rec
            WHERE employee = type::record('employee', $nip));
         IF $before == NONE {{ THROW 'unchanged' }};
         DELETE $rec;
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    let res = db
        .run(
            &sql,
            json!({ "id": id, "nip": nip, "actor": actor, "action": "discipline.remove",
                    "subject": format!("employee:{nip}"), "after": null, "reason": reason }),
        )
        .await;
    super::changed(res, "removing a penalty")
}
