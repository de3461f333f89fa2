//! The rater's side: the inbox, one assessment form, saving a draft and the final submission.

use super::{date_part, may_decide, may_manage, nomination, questionnaire};
use crate::db::{Db, is_conflict};
use crate::error::{ServiceError, invalid};
use crate::repo::feedback as repo;
use crate::services::auth::Viewer;
use domain::feedback::{self as fb, AssignmentState, RoundStatus};
use domain::text::{MAX_NOTE, within};
use domain::view::{AssessmentForm, InboxItem, InboxPage, Nomination, SubmitOutcome};
use i18n::T;

/// `/feedback`: the viewer's assessments in open rounds, nominations to decide, own nominations and results.
pub async fn inbox(db: &Db, viewer: &Viewer) -> Result<InboxPage, ServiceError> {
    let rows = repo::inbox(db, &viewer.nip).await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let total = questionnaire(db, &row.round_key).await?.item_count();
        let answered = row.answers.iter().filter(|a| fb::is_final_answer(**a as u8)).count();
        items.push(InboxItem {
            key: row.key,
            round_name: row.round_name,
            closes: date_part(&row.closes),
            ratee_nip: row.ratee_nip,
            ratee_name: row.ratee_name,
            ratee_position: row.ratee_position.unwrap_or_default(),
            group: row.rater_group,
            state: row.state,
            answered: answered.min(total),
            total,
        });
    }
    // Self first, then supervisor, subordinates… and pending before submitted.
    items.sort_by(|a, b| {
        (a.state == AssignmentState::Submitted, a.group, &a.ratee_name).cmp(&(
            b.state == AssignmentState::Submitted,
            b.group,
            &b.ratee_name,
        ))
    });
    let snapshot = db.hierarchy().await?;
    let reports: Vec<String> = snapshot.direct_reports(&viewer.nip).to_vec();
    let mut approvals: Vec<Nomination> =
        repo::nominations_for(db, Some(&reports), true).await?.into_iter().map(nomination).collect();
    if may_manage(viewer) {
        // HR decides the nominations of people without a supervisor (the head of agency) that they made themselves.
        let rows = repo::nominations_for(db, None, true).await?.into_iter().filter(|n| {
            snapshot.supervisor(&n.ratee_nip).is_none()
                && may_decide(viewer, None, &n.ratee_nip, n.nominated_by.as_deref())
        });
        approvals.extend(rows.map(nomination));
    }
    let mine = repo::nominations_for(db, Some(std::slice::from_ref(&viewer.nip)), false).await?;
    if snapshot.supervisor(&viewer.nip).is_none() {
        // Without a supervisor, a person decides the peers HR proposed for them.
        let rows = mine.iter().filter(|n| {
            n.state == AssignmentState::Proposed && may_decide(viewer, None, &viewer.nip, n.nominated_by.as_deref())
        });
        approvals.extend(rows.cloned().map(nomination));
    }
    // The ratee sees only whether a nomination was decided, never whether the rater has started or submitted.
    let my_nominations = mine.into_iter().map(nomination).collect();
    let nominate_in = repo::open_rounds_assessing(db, &viewer.nip).await?;
    let my_results = repo::results_of(db, &viewer.nip).await?;
    Ok(InboxPage { items, approvals, my_nominations, nominate_in, my_results })
}

/// The form of one assignment, for its rater only. Submitted answers are not sent back.
pub async fn form(db: &Db, viewer: &Viewer, key: &str) -> Result<AssessmentForm, ServiceError> {
    let row = repo::assignment(db, key).await?.ok_or(ServiceError::NotFound)?;
    if row.rater != viewer.nip || !row.state.is_task() {
        return Err(ServiceError::NotFound);
    }
    if !row.round_status.has_questionnaire() {
        return Err(ServiceError::NotFound);
    }
    let q = questionnaire(db, &row.round_key).await?;
    let submitted = row.state == AssignmentState::Submitted;
    let editable = !submitted && row.round_status == RoundStatus::Open && !row.is_past_close;
    let n = q.item_count();
    let (answers, comments) = if submitted {
        (vec![], vec![])
    } else {
        let mut a: Vec<u8> = row.answers.iter().map(|v| (*v).clamp(0, 255) as u8).collect();
        a.resize(n, fb::UNANSWERED);
        let mut c = row.comments.clone();
        c.resize(q.competencies.len(), String::new());
        (a, c)
    };
    Ok(AssessmentForm {
        key: row.key,
        round_name: row.round_name,
        closes: date_part(&row.closes),
        ratee_nip: row.ratee_nip,
        ratee_name: row.ratee_name,
        ratee_position: row.ratee_position.unwrap_or_default(),
        group: row.rater_group,
        state: row.state,
        submitted_at: row.submitted_at,
        editable,
        questionnaire: (*q).clone(),
        answers,
        comments,
    })
}

/// Saves a draft (`submit = false`) or submits (final, idempotent). Returns what happened. Answers and comments
/// may be shorter than the questionnaire (unanswered items at the end of a draft); longer is refused.
pub async fn save(
    db: &Db,
    viewer: &Viewer,
    key: &str,
    mut answers: Vec<u8>,
    comments: Vec<String>,
    submit: bool,
) -> Result<SubmitOutcome, ServiceError> {
    // The key names the round and the rater: someone else's assignment is refused without a database read, and
    // the hot path is one conditional write.
    let Some((round, rater, _)) = repo::parse_assignment_key(key) else {
        return Err(ServiceError::NotFound);
    };
    if rater != viewer.nip {
        return Err(ServiceError::NotFound);
    }
    let q = match questionnaire(db, round).await {
        Ok(q) => q,
        Err(ServiceError::Conflict(_)) => return Err(ServiceError::NotFound),
        Err(e) => return Err(e),
    };
    if answers.len() > q.item_count() {
        return Err(invalid("answers", T::FbAnswerCount));
    }
    answers.resize(q.item_count(), fb::UNANSWERED);
    let ok = |a: &u8| if submit { fb::is_final_answer(*a) } else { fb::is_draft_answer(*a) };
    if !answers.iter().all(ok) {
        return Err(invalid("answers", if submit { T::FbAnswerAll } else { T::FbAnswerCount }));
    }
    let mut comments: Vec<String> = comments.into_iter().map(|c| c.trim().to_string()).collect();
    if comments.len() > q.competencies.len() {
        return Err(invalid("comments", T::FbAnswerCount));
    }
    if comments.iter().any(|c| !within(c, MAX_NOTE)) {
        return Err(invalid("comments", T::FbCommentTooLong));
    }
    comments.resize(q.competencies.len(), String::new());
    let mut attempt = 0;
    loop {
        let permit = db.writer().await;
        let saved = repo::save_answers(db, key, round, &answers, &comments, submit).await;
        drop(permit);
        match saved {
            Ok(Some(at)) => {
                return Ok(if submit { SubmitOutcome::Submitted { at } } else { SubmitOutcome::Saved { at } });
            }
            Ok(None) => break,
            Err(e) if is_conflict(&e) && attempt < 5 => {
                attempt += 1;
                tokio::task::yield_now().await;
            }
            // The database's message may quote the values written (answers, comments): it is neither logged nor
            // shown, only what failed.
            Err(e) => {
                let kind = if is_conflict(&e) { "a write conflict that did not resolve" } else { "a database error" };
                return Err(anyhow::anyhow!("saving the answers of assignment {key} failed with {kind}").into());
            }
        }
    }
    // Nothing changed: explain why from the current state.
    let now = repo::assignment_state(db, key).await?.ok_or(ServiceError::NotFound)?;
    match now.state {
        _ if now.rater != viewer.nip => Err(ServiceError::NotFound),
        AssignmentState::Submitted => Ok(SubmitOutcome::AlreadySubmitted { at: now.submitted_at.unwrap_or_default() }),
        AssignmentState::Pending | AssignmentState::Draft => Err(ServiceError::Conflict(T::FbLate)),
        _ => Err(ServiceError::NotFound),
    }
}
