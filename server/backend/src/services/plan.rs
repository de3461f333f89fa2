//! Development plans (IDP): activities the employee adds, the supervisor reviews, and the employee marks done;
//! every change audited with before and after.

use super::report::{history, may_read, reference, report_settings};
use super::training::{competency_names, current_gaps};
use crate::db::{Db, statement_error};
use crate::error::{ServiceError, invalid};
use crate::repo::plan as plan_repo;
use crate::repo::training as training_repo;
use crate::repo::{competency as comp_repo, org};
use crate::services::auth::Viewer;
use domain::Nip;
use domain::Role;
use domain::plan::{PlanApproval, PlanStatus};
use domain::text::{MAX_NOTE, within};
use domain::view::*;
use i18n::T;
use std::collections::{HashMap, HashSet};

/// `/plan` (own) and `/plan/:nip` (the person's supervisors, HR and the head).
pub async fn plan_page(db: &Db, viewer: &Viewer, nip: &Nip) -> Result<PlanPage, ServiceError> {
    let nip = nip.as_str();
    if !may_read(db, viewer, nip).await? {
        return Err(ServiceError::Forbidden);
    }
    let person = org::employee(db, nip).await?.ok_or(ServiceError::NotFound)?;
    let settings = report_settings(db).await?;
    let items = plan_repo::plan_items(db, nip).await?;
    let statuses: Vec<PlanStatus> = items.iter().map(|i| i.status).collect();
    let names = competency_names(db).await?;
    let gaps = current_gaps(db, nip, &settings, None)
        .await?
        .into_iter()
        .map(|(code, gap)| {
            let name = names.iter().find(|(c, _)| *c == code).map(|(_, n)| n.clone()).unwrap_or_default();
            (code, name, gap)
        })
        .collect();
    let is_owner = viewer.nip == nip;
    let team = if is_owner && viewer.roles.has(Role::Supervisor) {
        let below = db.hierarchy().await?.descendants(&viewer.nip);
        let pending = plan_repo::pending_reviews(db, &below).await?;
        let nips: Vec<String> = pending.iter().map(|(n, _)| n.clone()).collect();
        let people: HashMap<String, String> =
            org::summaries(db, &nips).await?.into_iter().map(|s| (s.nip, s.name)).collect();
        let mut team: Vec<(String, String, u32)> =
            pending.into_iter().map(|(n, c)| (n.clone(), people.get(&n).cloned().unwrap_or_default(), c)).collect();
        team.sort_by(|a, b| a.1.cmp(&b.1));
        team
    } else {
        Vec::new()
    };
    Ok(PlanPage {
        nip: person.nip.clone(),
        name: person.name.clone(),
        position: person.position.clone().unwrap_or_default(),
        progress: domain::plan::plan_progress(&statuses),
        items,
        is_owner,
        can_review: may_review(db, viewer, nip).await?,
        history: history(db, nip, &*reference(db).await?).await?,
        gaps,
        competencies: names,
        team,
        default_due: default_due(),
    })
}

/// Six months from today (WIB).
pub(crate) fn default_due() -> String {
    let today = (time::OffsetDateTime::now_utc() + time::Duration::hours(7)).date();
    (today + time::Duration::days(182)).to_string()
}

fn valid_date(s: &str) -> Option<String> {
    let s = s.trim();
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, &fmt).ok().filter(|d| (2000..=2100).contains(&d.year())).map(|_| s.to_string())
}

pub(crate) fn new_key() -> String {
    let n: u64 = rand::random();
    format!("p{n:016x}")
}

/// The employee adds a catalog training (`training`) or their own activity (`title` and `competency`) to their
/// plan. The gap it addresses comes from their latest result. Returns the new activity's key.
pub async fn add_plan_item(
    db: &Db,
    viewer: &Viewer,
    training: Option<&str>,
    title: Option<&str>,
    competency: Option<&str>,
    due: &str,
    target: Option<&str>,
) -> Result<String, ServiceError> {
    let due = valid_date(due).ok_or(invalid("due", T::InvalidDueDate))?;
    let settings = report_settings(db).await?;
    let target_level = match target.filter(|t| !t.is_empty()) {
        Some(t) => Some(*comp_repo::standards(db).await?.get(t).ok_or(invalid("target", T::UnknownTarget))?),
        None => None,
    };
    let gaps = current_gaps(db, &viewer.nip, &settings, target_level).await?;
    let items = plan_repo::plan_items(db, &viewer.nip).await?;
    let (training, title, competency) = match training.filter(|t| !t.trim().is_empty()) {
        Some(code) => {
            let t =
                training_repo::training(db, code.trim()).await?.filter(|t| t.active).ok_or(ServiceError::NotFound)?;
            if items.iter().any(|i| i.training.as_deref() == Some(t.code.as_str()) && i.status != PlanStatus::Done) {
                return Err(ServiceError::Conflict(T::FbDuplicate));
            }
            // The competency it addresses: the one named (if the training develops it), else the largest of the
            // person's gaps it develops, else its first competency.
            let named = competency.map(str::trim).filter(|c| t.competencies.iter().any(|tc| tc == c));
            let comp = named
                .map(str::to_string)
                .or_else(|| {
                    gaps.iter()
                        .filter(|(c, _)| t.competencies.contains(c))
                        .min_by(|a, b| a.1.total_cmp(&b.1))
                        .map(|(c, _)| c.clone())
                })
                .or_else(|| t.competencies.first().cloned());
            (Some(t.code.clone()), t.title.id.clone(), comp)
        }
        None => {
            let title = title.map(str::trim).unwrap_or_default();
            if title.is_empty() || title.chars().count() > 200 {
                return Err(invalid("title", T::InvalidActivityTitle));
            }
            let known: HashSet<String> = competency_names(db).await?.into_iter().map(|(c, _)| c).collect();
            let comp = competency.map(str::trim).filter(|c| !c.is_empty());
            if comp.is_some_and(|c| !known.contains(c)) {
                return Err(invalid("competency", T::UnknownCompetency));
            }
            (None, title.to_string(), comp.map(str::to_string))
        }
    };
    if items.len() >= 50 {
        return Err(invalid("title", T::PlanFull));
    }
    let gap = competency.as_ref().and_then(|c| gaps.iter().find(|(g, _)| g == c).map(|(_, v)| *v));
    let item = PlanItem {
        key: new_key(),
        training,
        title,
        competency,
        gap,
        due,
        status: PlanStatus::Planned,
        evidence: String::new(),
        approval: PlanApproval::Pending,
        supervisor_note: String::new(),
        reviewed_by: None,
        updated_at: String::new(),
    };
    plan_repo::add_plan_item(db, &viewer.nip, &viewer.nip, &item).await?;
    Ok(item.key)
}

fn changed_meanwhile(err: &anyhow::Error) -> bool {
    statement_error(err).is_some_and(|e| e.message.contains("changed"))
}

/// The owner updates an activity's status, evidence and due date. Marking it done needs an evidence note; moving
/// the due date asks the supervisor again.
pub async fn update_plan_item(
    db: &Db,
    viewer: &Viewer,
    key: &str,
    status: &str,
    evidence: &str,
    due: Option<&str>,
) -> Result<(), ServiceError> {
    let (owner, before) = plan_repo::plan_item(db, key).await?.ok_or(ServiceError::NotFound)?;
    if owner != viewer.nip {
        return Err(if may_read(db, viewer, &owner).await? { ServiceError::Forbidden } else { ServiceError::NotFound });
    }
    let status = PlanStatus::from_code(status).ok_or(invalid("status", T::InvalidPlanStatus))?;
    let evidence = evidence.trim();
    if !within(evidence, MAX_NOTE) {
        return Err(invalid("evidence", T::NoteTooLong));
    }
    if status == PlanStatus::Done && evidence.is_empty() {
        return Err(invalid("evidence", T::EvidenceNeeded));
    }
    let mut after = before.clone();
    after.status = status;
    after.evidence = evidence.to_string();
    if let Some(due) = due.filter(|d| !d.trim().is_empty()) {
        let due = valid_date(due).ok_or(invalid("due", T::InvalidDueDate))?;
        if due != before.due {
            after.due = due;
            after.approval = PlanApproval::Pending;
        }
    }
    if after == before {
        return Ok(());
    }
    plan_repo::update_plan_item(db, &viewer.nip, &owner, "plan.update", &before, &after).await.map_err(|e| {
        if changed_meanwhile(&e) { ServiceError::Conflict(T::ChangedMeanwhile) } else { ServiceError::Unexpected(e) }
    })
}

/// Whether the viewer may approve or comment on someone's plan: anyone above them, or HR — never the owner.
async fn may_review(db: &Db, viewer: &Viewer, owner: &str) -> Result<bool, ServiceError> {
    Ok(owner != viewer.nip
        && (viewer.roles.has(Role::HrAdmin) || db.hierarchy().await?.chain(owner).contains(&viewer.nip)))
}

/// A supervisor above the owner (or HR) approves an activity or comments on it.
pub async fn review_plan_item(
    db: &Db,
    viewer: &Viewer,
    key: &str,
    approve: bool,
    note: &str,
) -> Result<(), ServiceError> {
    let (owner, before) = plan_repo::plan_item(db, key).await?.ok_or(ServiceError::NotFound)?;
    if !may_review(db, viewer, &owner).await? {
        return Err(if may_read(db, viewer, &owner).await? { ServiceError::Forbidden } else { ServiceError::NotFound });
    }
    let note = note.trim();
    if !within(note, MAX_NOTE) {
        return Err(invalid("note", T::NoteTooLong));
    }
    if !approve && note.is_empty() {
        return Err(invalid("note", T::CommentNeeded));
    }
    let mut after = before.clone();
    after.approval = if approve { PlanApproval::Approved } else { PlanApproval::Commented };
    if !note.is_empty() || !approve {
        after.supervisor_note = note.to_string();
    }
    after.reviewed_by = Some(viewer.name.clone());
    let action = if approve { "plan.approve" } else { "plan.comment" };
    plan_repo::update_plan_item(db, &viewer.nip, &owner, action, &before, &after).await.map_err(|e| {
        if changed_meanwhile(&e) { ServiceError::Conflict(T::ChangedMeanwhile) } else { ServiceError::Unexpected(e) }
    })
}

/// The owner removes an activity that is not done (audited).
pub async fn remove_plan_item(db: &Db, viewer: &Viewer, key: &str) -> Result<(), ServiceError> {
    let (owner, item) = plan_repo::plan_item(db, key).await?.ok_or(ServiceError::NotFound)?;
    if owner != viewer.nip {
        return Err(if may_read(db, viewer, &owner).await? { ServiceError::Forbidden } else { ServiceError::NotFound });
    }
    if item.status == PlanStatus::Done {
        return Err(ServiceError::Conflict(T::DoneStays));
    }
    plan_repo::remove_plan_item(db, &viewer.nip, &owner, &item).await?;
    Ok(())
}
