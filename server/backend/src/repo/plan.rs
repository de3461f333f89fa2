//! Development plans (IDP): one row per activity, every change audited with before and after.

use crate::db::Db;
use crate::repo::audit::APPEND_SQL;
use anyhow::Context;
use domain::plan::{PlanApproval, PlanStatus};
use domain::view::PlanItem;
use serde::Deserialize;
use serde_json::{Value, json};

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
            approval: PlanApproval::from_code(&r.approval).unwrap_or(PlanApproval::Pending),
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
            "due": item.due, "status": item.status.code(), "evidence": item.evidence, "approval": item.approval.code(),
            "supervisor_note": item.supervisor_note })
}

/// Adds an activity to a plan, audited, in one transaction: pending review, or already approved (a programme whose
/// nomination the supervisor and HR confirmed). Returns its key.
pub async fn add_plan_item(db: &Db, actor: &str, nip: &str, item: &PlanItem) -> anyhow::Result<String> {
    let sql = format!(
        "BEGIN TRANSACTION;
         CREATE type::record('plan_item', $key) SET employee = type::record('employee', $nip), training = $training,
            title = $title, competency = $competency, gap = $gap, due = $due, status = $status, evidence = $evidence,
            approval = $approval, reviewed_by = $reviewed_by, supervisor_note = '', created_at = time::now(),
            updated_at = time::now();
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    db.run(
        &sql,
        json!({ "key": item.key, "nip": nip, "training": item.training, "title": item.title,
                "competency": item.competency, "gap": item.gap, "due": item.due, "status": item.status.code(),
                "evidence": item.evidence, "approval": item.approval.code(), "reviewed_by": item.reviewed_by,
                "actor": actor, "action": "plan.add",
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
                "evidence": after.evidence, "approval": after.approval.code(), "note": after.supervisor_note,
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

/// Catalog codes in a person's plan.
pub async fn planned_trainings(db: &Db, nip: &str) -> anyhow::Result<Vec<String>> {
    db.rows(
        "SELECT VALUE training FROM plan_item WHERE employee = type::record('employee', $nip) AND training != NONE;",
        json!({ "nip": nip }),
    )
    .await
}

/// The lesson hours (JP) of catalog trainings each person completed in their plan with a due date from `since`
/// (`YYYY-MM-DD`) on: by NIP, only for those with any; everyone's, or `only` one person's.
pub async fn completed_training_jp(
    db: &Db,
    since: &str,
    only: Option<&str>,
) -> anyhow::Result<std::collections::HashMap<String, u32>> {
    let whose = if only.is_some() { "employee = type::record('employee', $nip) AND" } else { "" };
    let rows: Vec<(String, String)> = db
        .rows(
            &format!(
                "SELECT VALUE [record::id(employee), training] FROM plan_item
                 WHERE {whose} status = 'done' AND training != NONE AND due >= $since;"
            ),
            json!({ "since": since, "nip": only }),
        )
        .await
        .context("reading completed trainings")?;
    if rows.is_empty() {
        return Ok(Default::default());
    }
    let jp: std::collections::HashMap<String, u32> = db
        .rows::<(String, u32)>("SELECT VALUE [code, jp] FROM training;", json!({}))
        .await
        .context("reading lesson hours")?
        .into_iter()
        .collect();
    let mut out = std::collections::HashMap::new();
    for (nip, code) in rows {
        if let Some(h) = jp.get(&code) {
            *out.entry(nip).or_insert(0) += h;
        }
    }
    Ok(out)
}
