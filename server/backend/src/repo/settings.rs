//! Settings kept in the database so that every instance of a cluster shares them (e.g. the session secret).

use crate::db::Db;
use serde_json::json;

/// Reads a setting.
pub async fn get(db: &Db, key: &str) -> anyhow::Result<Option<String>> {
    db.run("SELECT VALUE value FROM ONLY type::record('setting', $key);", json!({ "key": key })).await?.value(0)
}

/// Stores `value` unless the setting already exists; returns the value in force (so that concurrent first starts
/// of several instances agree on one value).
pub async fn get_or_insert(db: &Db, key: &str, value: &str) -> anyhow::Result<String> {
    let sql = "LET $id = type::record('setting', $key);
        IF (SELECT * FROM ONLY $id) == NONE { CREATE $id SET value = $value; };
        SELECT VALUE value FROM ONLY $id;";
    db.run(sql, json!({ "key": key, "value": value })).await?.value(2)
}

/// Stores a setting, replacing any value.
pub async fn set(db: &Db, key: &str, value: &str) -> anyhow::Result<()> {
    db.run("UPSERT type::record('setting', $key) SET value = $value;", json!({ "key": key, "value": value })).await?;
    Ok(())
}
