//! The append-only audit log: who changed what, when, before and after.

use crate::db::Db;
use anyhow::Context;
use domain::view::AuditEntry;
use serde::Deserialize;
use serde_json::{Value, json};

/// SurrealQL that appends one audit entry inside a larger transaction. Expects `$actor`, `$action`, `$subject`,
/// `$before`, `$after` and `$reason` to be bound.
pub const APPEND_SQL: &str = "CREATE audit SET at = time::now(), actor = $actor, action = $action, subject = $subject,
    before = $before, after = $after, reason = $reason;";

/// Appends one entry on its own.
pub async fn append(
    db: &Db,
    actor: &str,
    action: &str,
    subject: &str,
    before: Option<Value>,
    after: Option<Value>,
    reason: Option<&str>,
) -> anyhow::Result<()> {
    db.run(
        APPEND_SQL,
        json!({ "actor": actor, "action": action, "subject": subject, "before": before, "after": after, "reason": reason }),
    )
    .await
    .context("writing the audit log")?;
    Ok(())
}

#[derive(Deserialize)]
struct Row {
    at: String,
    actor: String,
    action: String,
    before: Option<Value>,
    after: Option<Value>,
    reason: Option<String>,
}

/// Entries about one subject (e.g. `employee:<nip>`), newest first.
pub async fn for_subject(db: &Db, subject: &str, limit: usize) -> anyhow::Result<Vec<AuditEntry>> {
    let sql = "SELECT <string> at AS at, actor, action, before, after, reason FROM audit WHERE subject = $subject
               ORDER BY at DESC LIMIT $limit;";
    let rows: Vec<Row> = db.rows(sql, json!({ "subject": subject, "limit": limit })).await?;
    Ok(rows
        .into_iter()
        .map(|r| AuditEntry {
            at: r.at,
            actor: r.actor,
            action: r.action,
            summary: diff(&r.before, &r.after),
            reason: r.reason,
        })
        .collect())
}

/// A short `field: before → after` summary of the fields that changed.
pub fn diff(before: &Option<Value>, after: &Option<Value>) -> String {
    let empty = serde_json::Map::new();
    let b = before.as_ref().and_then(Value::as_object).unwrap_or(&empty);
    let a = after.as_ref().and_then(Value::as_object).unwrap_or(&empty);
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    let show = |v: Option<&Value>| match v {
        None | Some(Value::Null) => "—".to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    keys.into_iter()
        .filter(|k| b.get(*k) != a.get(*k))
        .map(|k| format!("{k}: {} → {}", show(b.get(k)), show(a.get(k))))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Number of entries (tests, health).
pub async fn count(db: &Db) -> anyhow::Result<u64> {
    db.run("RETURN count(SELECT id FROM audit);", json!({})).await?.value(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_lists_only_changed_fields() {
        let before = Some(json!({ "unit": "a", "name": "Budi" }));
        let after = Some(json!({ "unit": "b", "name": "Budi", "supervisor": "x" }));
        assert_eq!(diff(&before, &after), "supervisor: — → x; unit: a → b");
    }
}
