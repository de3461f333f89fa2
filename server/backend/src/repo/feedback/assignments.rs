//! The `rater -> assesses -> ratee` edges: planned assignments written when a round opens, the rater's reads and
//! writes (inbox, form, answers), nominations and HR's changes by hand.

use super::changed;
use crate::db::Db;
use anyhow::Context;
use domain::feedback::{AssignmentState, RaterGroup, RoundStatus};
use serde::Deserialize;
use serde_json::json;
use surrealdb::types::{Object, RecordId, Value};

/// An assignment generated when a round opens.
#[derive(Debug, Clone)]
pub struct NewAssignment {
    pub rater: String,
    pub ratee: String,
    pub group: RaterGroup,
    pub rater_unit: String,
    /// Answers already given (demo data and benchmarks only; opening a round creates empty assignments).
    pub filled: Option<Filled>,
}

/// Answers of a pre-filled assignment.
#[derive(Debug, Clone)]
pub struct Filled {
    pub submitted: bool,
    pub answers: Vec<u8>,
    pub comments: Vec<String>,
}

/// The key of an assignment: `<round>_<rater>_<ratee>` (round keys never contain `_`; NIPs are digits).
pub fn assignment_key(round: &str, rater: &str, ratee: &str) -> String {
    format!("{round}_{rater}_{ratee}")
}

/// The round, rater and ratee named by an assignment key.
pub fn parse_assignment_key(key: &str) -> Option<(&str, &str, &str)> {
    let mut parts = key.split('_');
    let (round, rater, ratee) = (parts.next()?, parts.next()?, parts.next()?);
    (parts.next().is_none() && !round.is_empty() && rater.len() == 18 && ratee.len() == 18)
        .then_some((round, rater, ratee))
}

/// Inserts generated assignments in batches, a few transactions at a time (the embedded engine uses both cores).
pub async fn insert_assignments(db: &Db, round: &str, rows: &[NewAssignment]) -> anyhow::Result<()> {
    let now = Value::Datetime(surrealdb::types::Datetime::now());
    let mut tasks = tokio::task::JoinSet::new();
    for chunk in rows.chunks(2_000) {
        let values: Vec<Value> = chunk.iter().map(|a| assignment_value(round, a, &now)).collect();
        if tasks.len() >= 3
            && let Some(done) = tasks.join_next().await
        {
            done.context("an insert task failed")??;
        }
        let db = db.clone();
        tasks.spawn(async move {
            let mut vars = Object::new();
            vars.insert("rows", values);
            db.run_native("INSERT RELATION INTO assesses $rows RETURN NONE;", vars)
                .await
                .context("inserting assignments")
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.context("an insert task failed")??;
    }
    Ok(())
}

fn assignment_value(round: &str, a: &NewAssignment, now: &Value) -> Value {
    let mut o = Object::new();
    o.insert("id", Value::RecordId(RecordId::new("assesses", assignment_key(round, &a.rater, &a.ratee))));
    o.insert("in", Value::RecordId(RecordId::new("employee", a.rater.as_str())));
    o.insert("out", Value::RecordId(RecordId::new("employee", a.ratee.as_str())));
    o.insert("round", Value::RecordId(RecordId::new("round", round)));
    o.insert("rater_group", Value::String(a.group.code().into()));
    o.insert("unit", Value::RecordId(RecordId::new("unit", a.rater_unit.as_str())));
    match &a.filled {
        None => o.insert("state", Value::String(AssignmentState::Pending.code().into())),
        Some(f) => {
            let state = if f.submitted { AssignmentState::Submitted } else { AssignmentState::Draft }.code();
            o.insert("answers", Value::from_t(f.answers.iter().map(|v| i64::from(*v)).collect::<Vec<i64>>()));
            o.insert("comments", Value::from_t(f.comments.clone()));
            o.insert("saved_at", now.clone());
            if f.submitted {
                o.insert("submitted_at", now.clone());
            }
            o.insert("state", Value::String(state.into()))
        }
    };
    Value::Object(o)
}

/// Active employees with their unit and position: (nip, unit, position).
pub async fn active_people(db: &Db) -> anyhow::Result<Vec<(String, String, String)>> {
    db.rows(
        "SELECT VALUE [record::id(id), record::id(unit), record::id(position)] FROM employee WHERE active;",
        json!({}),
    )
    .await
}

/// An assignment as its rater sees it.
#[derive(Debug, Clone, Deserialize)]
pub struct AssignmentRow {
    pub key: String,
    pub rater: String,
    pub ratee_nip: String,
    pub ratee_name: String,
    pub ratee_position: Option<String>,
    pub round_key: String,
    pub round_name: String,
    pub round_status: RoundStatus,
    pub closes: String,
    pub is_past_close: bool,
    pub rater_group: RaterGroup,
    pub state: AssignmentState,
    pub answers: Vec<i64>,
    pub comments: Vec<String>,
    pub submitted_at: Option<String>,
    pub nominated_by: Option<String>,
    #[serde(default)]
    pub rater_name: Option<String>,
}

const ASSIGNMENT_FIELDS: &str = "record::id(id) AS key, record::id(in) AS rater, record::id(out) AS ratee_nip,
    out.name AS ratee_name, out.position.name AS ratee_position, record::id(round) AS round_key,
    round.name AS round_name, round.status AS round_status, <string> round.closes AS closes,
    round.closes < time::now() AS is_past_close, rater_group, state, answers, comments, in.name AS rater_name,
    IF submitted_at != NONE THEN <string> submitted_at END AS submitted_at, nominated_by";

/// What a submission needs to know about an assignment.
#[derive(Debug, Clone, Deserialize)]
pub struct AssignmentNow {
    pub rater: String,
    pub round_key: String,
    pub round_status: RoundStatus,
    pub is_past_close: bool,
    pub state: AssignmentState,
    pub submitted_at: Option<String>,
}

/// The state of one assignment (a light read for the submission path).
pub async fn assignment_state(db: &Db, key: &str) -> anyhow::Result<Option<AssignmentNow>> {
    let sql = "SELECT record::id(in) AS rater, record::id(round) AS round_key, round.status AS round_status,
        round.closes < time::now() AS is_past_close, state,
        IF submitted_at != NONE THEN <string> submitted_at END AS submitted_at
        FROM ONLY type::record('assesses', $key);";
    db.run(sql, json!({ "key": key })).await?.value(0)
}

/// One assignment.
pub async fn assignment(db: &Db, key: &str) -> anyhow::Result<Option<AssignmentRow>> {
    let sql = format!("SELECT {ASSIGNMENT_FIELDS} FROM ONLY type::record('assesses', $key);");
    db.run(&sql, json!({ "key": key })).await?.value(0)
}

/// The assignments of a rater in open rounds.
pub async fn inbox(db: &Db, rater: &str) -> anyhow::Result<Vec<AssignmentRow>> {
    let sql = format!(
        "SELECT {ASSIGNMENT_FIELDS} FROM assesses WHERE in = type::record('employee', $me)
         AND state IN ['pending', 'draft', 'submitted'] AND round.status = 'open';"
    );
    db.rows(&sql, json!({ "me": rater })).await
}

/// How many assessments a rater still has to fill in, in open rounds.
pub async fn pending_count(db: &Db, rater: &str) -> anyhow::Result<u64> {
    db.run(
        "RETURN count(SELECT id FROM assesses WHERE in = type::record('employee', $me)
            AND state IN ['pending', 'draft'] AND round.status = 'open');",
        json!({ "me": rater }),
    )
    .await?
    .value(0)
}

/// Peer nominations (any state) where the ratee is one of `ratees` (anyone when `None`), in open rounds.
pub async fn nominations_for(
    db: &Db,
    ratees: Option<&[String]>,
    only_proposed: bool,
) -> anyhow::Result<Vec<AssignmentRow>> {
    if ratees.is_some_and(|r| r.is_empty()) {
        return Ok(vec![]);
    }
    let state = if only_proposed { "AND state = 'proposed'" } else { "" };
    let who = if ratees.is_some() { "out IN $ratees.map(|$n| type::record('employee', $n)) AND" } else { "" };
    let sql = format!(
        "SELECT {ASSIGNMENT_FIELDS} FROM assesses
         WHERE {who} nominated_by != NONE {state}
         AND round.status = 'open';"
    );
    db.rows(&sql, json!({ "ratees": ratees })).await
}

/// Names of employees by NIP (for nominations).
pub async fn names(db: &Db, nips: &[String]) -> anyhow::Result<Vec<(String, String)>> {
    db.rows(
        "SELECT VALUE [record::id(id), name] FROM $ids.map(|$n| type::record('employee', $n));",
        json!({ "ids": nips }),
    )
    .await
}

/// Open rounds in which `nip` is assessed: (key, name).
pub async fn open_rounds_assessing(db: &Db, nip: &str) -> anyhow::Result<Vec<(String, String)>> {
    db.rows(
        "SELECT VALUE [record::id(round), round.name] FROM assesses
         WHERE out = type::record('employee', $nip) AND rater_group = 'self' AND round.status = 'open';",
        json!({ "nip": nip }),
    )
    .await
}

/// Saves answers as a draft, or submits them. Only an unsubmitted assignment of an open round before its closing
/// date changes. Returns the time saved, or `None` when nothing changed. The caller checks that the key names the
/// rater ([`parse_assignment_key`]): every edge is created under [`assignment_key`] of its own round, rater and
/// ratee, so the key is the rater check and the write needs no other. The round is open until its gate says so
/// (see schema v4).
pub async fn save_answers(
    db: &Db,
    key: &str,
    round: &str,
    answers: &[u8],
    comments: &[String],
    submit: bool,
) -> anyhow::Result<Option<String>> {
    let set = if submit { "state = 'submitted', submitted_at = time::now()" } else { "state = 'draft'" };
    let sql = format!(
        "UPDATE type::record('assesses', $key) SET answers = $answers, comments = $comments, saved_at = time::now(), {set}
         WHERE state IN ['pending', 'draft'] AND type::record('round_gate', $round).open_until >= time::now()
         RETURN VALUE <string> saved_at;"
    );
    let answers: Vec<i64> = answers.iter().map(|a| i64::from(*a)).collect();
    let rows: Vec<String> = db
        .rows(&sql, json!({ "key": key, "round": round, "answers": answers, "comments": comments }))
        .await
        .context("saving answers")?;
    Ok(rows.into_iter().next())
}

/// An assignment added by hand: a nomination or an HR fix.
#[derive(Debug, Clone, Copy)]
pub struct AddedAssignment<'a> {
    pub round: &'a str,
    pub rater: &'a str,
    pub ratee: &'a str,
    pub group: RaterGroup,
    pub state: AssignmentState,
    pub nominated_by: Option<&'a str>,
}

/// Creates a proposed (or, for HR, pending) assignment. Fails with a duplicate error if it exists (the key is
/// the round, rater and ratee).
/// Adds an assignment (a nomination, or HR's change by hand when `by_hand`: then also kept in `round_change`).
pub async fn add_assignment(db: &Db, a: &AddedAssignment<'_>, actor: &str, by_hand: bool) -> anyhow::Result<()> {
    let AddedAssignment { round, rater, ratee, group, state, nominated_by } = *a;
    let change = if by_hand { CHANGE_SQL } else { "" };
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $from = type::record('employee', $rater);
         INSERT RELATION INTO assesses {{ id: type::record('assesses', $key), in: $from,
            out: type::record('employee', $ratee), round: type::record('round', $round), rater_group: $group,
            state: $state, unit: $from.unit, nominated_by: $nominated_by }};
         LET $change = 'add';
         {change}
         {}
         COMMIT TRANSACTION;",
        crate::repo::audit::APPEND_SQL
    );
    let (group, state) = (group.code(), state.code());
    db.run(
        &sql,
        json!({ "key": assignment_key(round, rater, ratee), "round": round, "rater": rater, "ratee": ratee,
                "group": group, "state": state, "nominated_by": nominated_by, "actor": actor, "action": "assignment.add",
                "subject": format!("round:{round}"), "before": null,
                "after": { "rater": rater, "ratee": ratee, "group": group, "state": state }, "reason": null }),
    )
    .await
    .context("adding an assignment")?;
    Ok(())
}

/// Approves or rejects a proposed nomination. Returns whether it changed.
pub async fn decide_nomination(db: &Db, key: &str, approve: bool, actor: &str) -> anyhow::Result<bool> {
    let to = if approve { AssignmentState::Pending } else { AssignmentState::Rejected }.code();
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $changed = UPDATE type::record('assesses', $key) SET state = $to WHERE state = 'proposed' RETURN VALUE id;
         IF array::len($changed) == 0 {{ THROW 'unchanged' }};
         {}
         COMMIT TRANSACTION;",
        crate::repo::audit::APPEND_SQL
    );
    let res = db
        .run(
            &sql,
            json!({ "key": key, "to": to, "actor": actor, "action": "nomination.decide",
                    "subject": format!("assesses:{key}"), "before": { "state": "proposed" }, "after": { "state": to },
                    "reason": null }),
        )
        .await;
    changed(res, "deciding a nomination")
}

/// Keeps a change by hand (`$change`: add or remove) of the assignment `$round`, `$rater`, `$ratee`, `$group`.
const CHANGE_SQL: &str = "CREATE round_change SET round = type::record('round', $round), rater = $rater,
    ratee = $ratee, rater_group = $group, action = $change, actor = $actor;";

/// HR removes an assignment that has not been submitted (a change by hand, kept in `round_change`). Returns whether
/// it was removed.
pub async fn remove_assignment(db: &Db, key: &str, actor: &str) -> anyhow::Result<bool> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $gone = DELETE type::record('assesses', $key) WHERE state != 'submitted' RETURN BEFORE;
         IF array::len($gone) == 0 {{ THROW 'unchanged' }};
         LET $round = record::id($gone[0].round);
         LET $rater = record::id($gone[0].in);
         LET $ratee = record::id($gone[0].out);
         LET $group = $gone[0].rater_group;
         LET $change = 'remove';
         {CHANGE_SQL}
         {}
         COMMIT TRANSACTION;",
        crate::repo::audit::APPEND_SQL
    );
    let res = db
        .run(
            &sql,
            json!({ "key": key, "actor": actor, "action": "assignment.remove", "subject": format!("assesses:{key}"),
                    "before": null, "after": null, "reason": null }),
        )
        .await;
    changed(res, "removing an assignment")
}
