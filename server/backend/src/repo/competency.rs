//! The competency dictionary, default required levels per position type, and per-position overrides.

use crate::db::Db;
use anyhow::Context;
use domain::competency::{Bilingual, Competency, CompetencyKind, LevelText};
use serde::Deserialize;
use serde_json::json;
use std::collections::HashMap;

#[derive(Deserialize)]
struct Row {
    key: String,
    code: String,
    kind: String,
    name_id: String,
    name_en: String,
    description_id: String,
    description_en: String,
    levels_json: String,
    items_json: String,
    active: bool,
}

impl Row {
    fn into_competency(self) -> anyhow::Result<Competency> {
        Ok(Competency {
            kind: CompetencyKind::from_code(&self.kind).context("unknown competency kind")?,
            levels: serde_json::from_str::<Vec<LevelText>>(&self.levels_json).context("competency levels")?,
            items: serde_json::from_str::<Vec<Bilingual>>(&self.items_json).context("competency items")?,
            key: self.key,
            code: self.code,
            name: Bilingual::new(self.name_id, self.name_en),
            description: Bilingual::new(self.description_id, self.description_en),
            active: self.active,
        })
    }
}

const FIELDS: &str = "record::id(id) AS key, code, kind, name_id, name_en, description_id, description_en, levels_json,
    items_json, active, ord";

/// Every competency, in dictionary order.
pub async fn all(db: &Db) -> anyhow::Result<Vec<Competency>> {
    let rows: Vec<Row> = db.rows(&format!("SELECT {FIELDS} FROM competency ORDER BY ord, code;"), json!({})).await?;
    rows.into_iter().map(Row::into_competency).collect()
}

/// One competency.
pub async fn get(db: &Db, key: &str) -> anyhow::Result<Option<Competency>> {
    let sql = format!("SELECT {FIELDS} FROM ONLY type::record('competency', $key);");
    let row: Option<Row> = db.run(&sql, json!({ "key": key })).await?.value(0)?;
    row.map(Row::into_competency).transpose()
}

/// How many competencies exist.
pub async fn count(db: &Db) -> anyhow::Result<u64> {
    db.run("RETURN count(SELECT id FROM competency);", json!({})).await?.value(0)
}

fn content(c: &Competency, ord: i64) -> anyhow::Result<serde_json::Value> {
    Ok(json!({
        "code": c.code, "kind": c.kind.code(), "name_id": c.name.id, "name_en": c.name.en,
        "description_id": c.description.id, "description_en": c.description.en,
        "levels_json": serde_json::to_string(&c.levels)?, "items_json": serde_json::to_string(&c.items)?,
        "ord": ord, "active": c.active,
    }))
}

/// Creates or replaces a competency, with an audit entry, in one transaction. A new competency goes last.
pub async fn save(db: &Db, c: &Competency, actor: &str, before: Option<serde_json::Value>) -> anyhow::Result<()> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $ord = (SELECT VALUE ord FROM ONLY type::record('competency', $key)) ?? ((math::max(SELECT VALUE ord FROM competency) ?? 0) + 1);
         UPSERT type::record('competency', $key) CONTENT object::extend($content, {{ ord: $ord }});
         {}
         COMMIT TRANSACTION;",
        crate::repo::audit::APPEND_SQL
    );
    let after = content(c, 0)?;
    db.run(
        &sql,
        json!({ "key": c.key, "content": after, "actor": actor, "action": "competency.save",
                "subject": format!("competency:{}", c.key), "before": before, "after": after, "reason": null }),
    )
    .await
    .context("saving a competency")?;
    Ok(())
}

/// Inserts the initial dictionary (first start).
pub async fn insert_all(db: &Db, list: &[Competency]) -> anyhow::Result<()> {
    let rows: Vec<serde_json::Value> = list
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut v = content(c, i as i64 + 1)?;
            v["id"] = json!(c.key);
            Ok(v)
        })
        .collect::<anyhow::Result<_>>()?;
    db.run(
        "FOR $r IN $rows { UPSERT type::record('competency', $r.id) CONTENT object::remove($r, 'id'); };",
        json!({ "rows": rows }),
    )
    .await
    .context("inserting the competency dictionary")?;
    Ok(())
}

/// The required level per position type (only the types that have one stored).
pub async fn standards(db: &Db) -> anyhow::Result<HashMap<String, u8>> {
    let rows: Vec<(String, i64)> = db.rows("SELECT VALUE [record::id(id), level] FROM standard;", json!({})).await?;
    Ok(rows.into_iter().map(|(k, l)| (k, domain::competency::clamp_level(l))).collect())
}

/// Sets the required level of a position type (with an audit entry when an actor is given).
pub async fn set_standard(db: &Db, kind: &str, level: u8, actor: Option<&str>) -> anyhow::Result<()> {
    let before = standards(db).await?.get(kind).copied();
    let audit = if actor.is_some() { crate::repo::audit::APPEND_SQL } else { "" };
    let sql = format!(
        "BEGIN TRANSACTION; UPSERT type::record('standard', $kind) SET level = $level; {audit} COMMIT TRANSACTION;"
    );
    db.run(
        &sql,
        json!({ "kind": kind, "level": level, "actor": actor, "action": "standard.set",
                "subject": format!("standard:{kind}"), "before": before.map(|b| json!({ "level": b })),
                "after": { "level": level }, "reason": null }),
    )
    .await
    .context("setting a required level")?;
    Ok(())
}

/// A position's kind and its override of required levels.
pub async fn position_required(db: &Db, position: &str) -> anyhow::Result<Option<(String, HashMap<String, u8>)>> {
    #[derive(Deserialize)]
    struct P {
        kind: String,
        required_json: Option<String>,
    }
    let sql = "SELECT kind, required_json FROM ONLY type::record('position', $key);";
    let p: Option<P> = db.run(sql, json!({ "key": position })).await?.value(0)?;
    p.map(|p| {
        let map = match p.required_json {
            Some(j) => serde_json::from_str(&j).context("position requirements")?,
            None => HashMap::new(),
        };
        Ok((p.kind, map))
    })
    .transpose()
}

/// Every position's kind and override, keyed by position key (for closing a round).
pub async fn all_position_requirements(db: &Db) -> anyhow::Result<HashMap<String, (String, HashMap<String, u8>)>> {
    let rows: Vec<(String, String, Option<String>)> =
        db.rows("SELECT VALUE [record::id(id), kind, required_json] FROM position;", json!({})).await?;
    rows.into_iter()
        .map(|(k, kind, j)| {
            let map = match j {
                Some(j) => serde_json::from_str(&j).context("position requirements")?,
                None => HashMap::new(),
            };
            Ok((k, (kind, map)))
        })
        .collect()
}

/// Replaces a position's override, with an audit entry.
pub async fn set_position_required(
    db: &Db,
    position: &str,
    levels: &HashMap<String, u8>,
    actor: &str,
) -> anyhow::Result<()> {
    let before = position_required(db, position).await?.map(|(_, m)| m);
    let sql = format!(
        "BEGIN TRANSACTION;
         UPDATE type::record('position', $key) SET required_json = $json;
         {}
         COMMIT TRANSACTION;",
        crate::repo::audit::APPEND_SQL
    );
    db.run(
        &sql,
        json!({ "key": position, "json": serde_json::to_string(levels)?, "actor": actor,
                "action": "position.required", "subject": format!("position:{position}"),
                "before": before.map(|b| json!({ "required": b })), "after": { "required": levels }, "reason": null }),
    )
    .await
    .context("setting a position's required levels")?;
    Ok(())
}
