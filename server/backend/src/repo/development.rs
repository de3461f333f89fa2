//! The training catalog, development plans (IDP), report settings and the result reads of reports.

use crate::db::Db;
use crate::repo::audit::APPEND_SQL;
use anyhow::Context;
use domain::competency::Bilingual;
use domain::report::PlanStatus;
use domain::view::{PlanItem, TrainingInfo};
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

#[derive(Deserialize)]
struct PlanRow {
    key: String,
    training: Option<String>,
    title: String,
    competency: Option<String>,
    gap: Option<f64>,
    due: String,
    status: String,
    evidence: String,
    approval: String,
    supervisor_note: String,
    reviewed_by: Option<String>,
    updated_at: String,
}

impl From<PlanRow> for PlanItem {
    fn from(r: PlanRow) -> Self {
        PlanItem {
            key: r.key,
            training: r.training,
            title: r.title,
            competency: r.competency,
            gap: r.gap,
            due: r.due,
            status: PlanStatus::from_code(&r.status).unwrap_or(PlanStatus::Planned),
            evidence: r.evidence,
            approval: r.approval,
            supervisor_note: r.supervisor_note,
            reviewed_by: r.reviewed_by,
            updated_at: r.updated_at,
        }
    }
}

const PLAN_FIELDS: &str = "record::id(id) AS key, training, title, competency, gap, due, status, evidence, approval,
    supervisor_note, reviewed_by, <string> updated_at AS updated_at";

/// A person's plan, by due date.
pub async fn plan_items(db: &Db, nip: &str) -> anyhow::Result<Vec<PlanItem>> {
    let rows: Vec<PlanRow> = db
        .rows(
            &format!(
                "SELECT {PLAN_FIELDS}, created_at FROM plan_item WHERE employee = type::record('employee', $nip)
                 ORDER BY due, created_at;"
            ),
            json!({ "nip": nip }),
        )
        .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// One activity and its owner's NIP.
pub async fn plan_item(db: &Db, key: &str) -> anyhow::Result<Option<(String, PlanItem)>> {
    #[derive(Deserialize)]
    struct WithOwner {
        owner: String,
        #[serde(flatten)]
        row: PlanRow,
    }
    let row: Option<WithOwner> = db
        .run(
            &format!("SELECT {PLAN_FIELDS}, record::id(employee) AS owner FROM ONLY type::record('plan_item', $key);"),
            json!({ "key": key }),
        )
        .await?
        .value(0)?;
    Ok(row.map(|r| (r.owner, r.row.into())))
}

/// Pending approvals per owner among `nips`: (nip, count).
pub async fn pending_reviews(db: &Db, nips: &[String]) -> anyhow::Result<Vec<(String, u32)>> {
    let ids: Vec<Value> = nips.iter().map(|n| json!(n)).collect();
    db.rows(
        "SELECT VALUE [record::id(employee), count] FROM (SELECT employee, count() AS count FROM plan_item
         WHERE approval = 'pending' AND record::id(employee) IN $nips GROUP BY employee);",
        json!({ "nips": ids }),
    )
    .await
}

fn plan_snapshot(item: &PlanItem) -> Value {
    json!({ "title": item.title, "training": item.training, "competency": item.competency, "gap": item.gap,
            "due": item.due, "status": item.status.code(), "evidence": item.evidence, "approval": item.approval,
            "supervisor_note": item.supervisor_note })
}

/// Adds an activity to a plan, audited, in one transaction. Returns its key.
pub async fn add_plan_item(db: &Db, actor: &str, nip: &str, item: &PlanItem) -> anyhow::Result<String> {
    let sql = format!(
        "BEGIN TRANSACTION;
         CREATE type::record('plan_item', $key) SET employee = type::record('employee', $nip), training = $training,
            title = $title, competency = $competency, gap = $gap, due = $due, status = $status, evidence = $evidence,
            approval = 'pending', supervisor_note = '', created_at = time::now(), updated_at = time::now();
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    db.run(
        &sql,
        json!({ "key": item.key, "nip": nip, "training": item.training, "title": item.title,
                "competency": item.competency, "gap": item.gap, "due": item.due, "status": item.status.code(),
                "evidence": item.evidence, "actor": actor, "action": "plan.add",
                "subject": format!("employee:{nip}"), "before": null, "after": plan_snapshot(item), "reason": null }),
    )
    .await
    .context("adding a plan activity")?;
    Ok(item.key.clone())
}

/// Replaces an activity's editable fields (owner or reviewer), audited, in one transaction. Fails with
/// `THROW 'changed'` when the stored version is not `before` (someone else changed it in between).
pub async fn update_plan_item(
    db: &Db,
    actor: &str,
    owner: &str,
    action: &str,
    before: &PlanItem,
    after: &PlanItem,
) -> anyhow::Result<()> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $cur = (SELECT VALUE <string> updated_at FROM ONLY type::record('plan_item', $key));
         IF $cur != $stamp {{ THROW 'changed'; }};
         UPDATE type::record('plan_item', $key) SET due = $due, status = $status, evidence = $evidence,
            approval = $approval, supervisor_note = $note, reviewed_by = $reviewed_by, updated_at = time::now();
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    db.run(
        &sql,
        json!({ "key": after.key, "stamp": before.updated_at, "due": after.due, "status": after.status.code(),
                "evidence": after.evidence, "approval": after.approval, "note": after.supervisor_note,
                "reviewed_by": after.reviewed_by, "actor": actor, "action": action,
                "subject": format!("employee:{owner}"), "before": plan_snapshot(before),
                "after": plan_snapshot(after), "reason": null }),
    )
    .await
    .context("updating a plan activity")?;
    Ok(())
}

/// Removes an activity, audited.
pub async fn remove_plan_item(db: &Db, actor: &str, owner: &str, item: &PlanItem) -> anyhow::Result<()> {
    let sql = format!(
        "BEGIN TRANSACTION;
         DELETE type::record('plan_item', $key);
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    db.run(
        &sql,
        json!({ "key": item.key, "actor": actor, "action": "plan.remove", "subject": format!("employee:{owner}"),
                "before": plan_snapshot(item), "after": null, "reason": null }),
    )
    .await
    .context("removing a plan activity")?;
    Ok(())
}

/// A person's results in every round: (round key, summary JSON). Rounds are few; their names and states come from
/// [`closed_rounds`].
pub async fn person_results(db: &Db, nip: &str) -> anyhow::Result<Vec<(String, Option<String>)>> {
    db.rows(
        "SELECT VALUE [record::id(round), summary_json] FROM round_result WHERE employee = type::record('employee', $nip);",
        json!({ "nip": nip }),
    )
    .await
}

/// Closed rounds: (key, name, period end), oldest period first.
pub async fn closed_rounds(db: &Db) -> anyhow::Result<Vec<(String, String, String)>> {
    db.rows(
        "SELECT VALUE [record::id(id), name, <string> period_end] FROM (SELECT id, name, period_end FROM round
         WHERE status = 'closed' ORDER BY period_end);",
        json!({}),
    )
    .await
}

/// Every result summary of a round: (nip, summary JSON).
pub async fn round_summaries(db: &Db, round: &str) -> anyhow::Result<Vec<(String, Option<String>)>> {
    db.rows(
        "SELECT VALUE [record::id(employee), summary_json] FROM round_result WHERE round = type::record('round', $round);",
        json!({ "round": round }),
    )
    .await
}

/// What a report's heading shows of a person.
#[derive(Deserialize)]
pub struct PersonHeading {
    pub name: String,
    pub position: Option<String>,
    pub unit: Option<String>,
}

/// A person's name, position and unit (one record read).
pub async fn person_heading(db: &Db, nip: &str) -> anyhow::Result<Option<PersonHeading>> {
    db.run(
        "SELECT name, position.name AS position, unit.name AS unit FROM ONLY type::record('employee', $nip);",
        json!({ "nip": nip }),
    )
    .await?
    .value(0)
}

/// Catalog codes in a person's plan.
pub async fn planned_trainings(db: &Db, nip: &str) -> anyhow::Result<Vec<String>> {
    db.rows(
        "SELECT VALUE training FROM plan_item WHERE employee = type::record('employee', $nip) AND training != NONE;",
        json!({ "nip": nip }),
    )
    .await
}
