//! The training catalog: rows, reads and audited saves.

use crate::db::Db;
use anyhow::Context;
use domain::competency::Bilingual;
use domain::view::TrainingInfo;
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Deserialize)]
struct TrainingRow {
    key: String,
    code: String,
    title_id: String,
    title_en: String,
    provider: String,
    mode: String,
    competencies: Vec<String>,
    level_min: i64,
    level_max: i64,
    jp: i64,
    cost: i64,
    active: bool,
}

impl From<TrainingRow> for TrainingInfo {
    fn from(r: TrainingRow) -> Self {
        TrainingInfo {
            key: r.key,
            code: r.code,
            title: Bilingual::new(r.title_id, r.title_en),
            provider: r.provider,
            mode: r.mode,
            competencies: r.competencies,
            level_min: r.level_min.clamp(1, 5) as u8,
            level_max: r.level_max.clamp(1, 5) as u8,
            jp: r.jp.max(0) as u32,
            cost: r.cost.max(0) as u64,
            active: r.active,
        }
    }
}

const TRAINING_FIELDS: &str = "record::id(id) AS key, code, title_id, title_en, provider, mode, competencies, level_min, level_max, jp, cost, active";

/// The whole catalog, by code.
pub async fn trainings(db: &Db) -> anyhow::Result<Vec<TrainingInfo>> {
    let rows: Vec<TrainingRow> =
        db.rows(&format!("SELECT {TRAINING_FIELDS} FROM training ORDER BY code;"), json!({})).await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// One training by key.
pub async fn training(db: &Db, key: &str) -> anyhow::Result<Option<TrainingInfo>> {
    let row: Option<TrainingRow> = db
        .run(&format!("SELECT {TRAINING_FIELDS} FROM ONLY type::record('training', $key);"), json!({ "key": key }))
        .await?
        .value(0)?;
    Ok(row.map(Into::into))
}

pub fn training_content(t: &TrainingInfo) -> Value {
    json!({
        "code": t.code, "title_id": t.title.id, "title_en": t.title.en, "provider": t.provider, "mode": t.mode,
        "competencies": t.competencies, "level_min": t.level_min, "level_max": t.level_max, "jp": t.jp,
        "cost": t.cost, "active": t.active,
    })
}

/// Creates or replaces trainings (keyed by code) in one transaction, each with an audit entry when `actor` is
/// given. `before` holds the replaced versions (or null).
pub async fn save_trainings(
    db: &Db,
    list: &[(TrainingInfo, Option<Value>)],
    actor: Option<&str>,
    action: &str,
) -> anyhow::Result<()> {
    let rows: Vec<Value> = list
        .iter()
        .map(|(t, before)| {
            json!({ "key": t.code, "content": training_content(t), "before": before,
                    "subject": format!("training:{}", t.code) })
        })
        .collect();
    let audit = if actor.is_some() {
        "CREATE audit SET at = time::now(), actor = $actor, action = $action, subject = $r.subject,
            before = $r.before ?? NONE, after = $r.content, reason = NONE;"
    } else {
        ""
    };
    let sql = format!(
        "BEGIN TRANSACTION;
         FOR $r IN $rows {{
            UPSERT type::record('training', $r.key) CONTENT object::extend($r.content, {{ updated_at: time::now() }});
            {audit}
         }};
         COMMIT TRANSACTION;"
    );
    db.run(&sql, json!({ "rows": rows, "actor": actor, "action": action })).await.context("saving trainings")?;
    Ok(())
}

/// How many trainings exist.
pub async fn training_count(db: &Db) -> anyhow::Result<u64> {
    db.run("RETURN count(SELECT id FROM training);", json!({})).await?.value(0)
}
