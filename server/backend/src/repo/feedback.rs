//! 360° rounds: the round records, the `rater -> assesses -> ratee` edges and the materialised results.

use crate::db::Db;
use anyhow::Context;
use serde::Deserialize;
use serde_json::json;
use surrealdb::types::{Object, RecordId, Value};

/// Whether a conditional change happened: the queries throw `unchanged` (cancelling their transaction) when their
/// condition did not hold.
fn changed(res: anyhow::Result<crate::db::Results>, what: &'static str) -> anyhow::Result<bool> {
    match res {
        Ok(_) => Ok(true),
        Err(e) if crate::db::statement_error(&e).is_some_and(|s| s.is_thrown("unchanged")) => Ok(false),
        Err(e) => Err(e.context(what)),
    }
}

/// A round as stored.
#[derive(Debug, Clone, Deserialize)]
pub struct RoundRow {
    pub key: String,
    pub name: String,
    pub status: String,
    pub period_start: String,
    pub period_end: String,
    pub opens: String,
    pub closes: String,
    pub threshold: i64,
    pub max_peers: i64,
    pub assignment_count: i64,
    pub units: Vec<String>,
    pub unit_names: Vec<String>,
    pub competencies: Vec<String>,
    pub is_past_close: bool,
}

const ROUND_FIELDS: &str = "record::id(id) AS key, name, status, <string> period_start AS period_start,
    <string> period_end AS period_end, <string> opens AS opens, <string> closes AS closes, threshold, max_peers,
    assignment_count, units.map(|$u| record::id($u)) AS units, units.map(|$u| $u.name) AS unit_names, competencies,
    closes < time::now() AS is_past_close";

/// A round to create.
#[derive(Debug, Clone)]
pub struct NewRound {
    pub key: String,
    pub name: String,
    pub period_start: String,
    pub period_end: String,
    pub units: Vec<String>,
    pub competencies: Vec<String>,
    pub opens: String,
    pub closes: String,
    pub threshold: u32,
    pub max_peers: u32,
}

/// Creates a round in the draft state, with its audit entry.
pub async fn create_round(db: &Db, r: &NewRound, actor: &str) -> anyhow::Result<()> {
    let sql = format!(
        "BEGIN TRANSACTION;
         CREATE type::record('round', $key) SET name = $name, period_start = <datetime> $ps, period_end = <datetime> $pe,
            units = $units.map(|$u| type::record('unit', $u)), competencies = $competencies,
            opens = <datetime> $opens, closes = <datetime> $closes, threshold = $threshold, max_peers = $max_peers,
            status = 'draft', created_by = $actor, created_at = time::now();
         {}
         COMMIT TRANSACTION;",
        crate::repo::audit::APPEND_SQL
    );
    let after = json!({ "name": r.name, "opens": r.opens, "closes": r.closes, "threshold": r.threshold,
                        "max_peers": r.max_peers, "units": r.units });
    db.run(
        &sql,
        json!({ "key": r.key, "name": r.name, "ps": r.period_start, "pe": r.period_end, "units": r.units,
                "competencies": r.competencies, "opens": r.opens, "closes": r.closes, "threshold": r.threshold,
                "max_peers": r.max_peers, "actor": actor, "action": "round.create",
                "subject": format!("round:{}", r.key), "before": null, "after": after, "reason": null }),
    )
    .await
    .context("creating a round")?;
    Ok(())
}

/// Every round, newest first.
pub async fn rounds(db: &Db) -> anyhow::Result<Vec<RoundRow>> {
    db.rows(&format!("SELECT {ROUND_FIELDS} FROM round ORDER BY created_at DESC;"), json!({})).await
}

/// One round.
pub async fn round(db: &Db, key: &str) -> anyhow::Result<Option<RoundRow>> {
    let sql = format!("SELECT {ROUND_FIELDS} FROM ONLY type::record('round', $key);");
    db.run(&sql, json!({ "key": key })).await?.value(0)
}

/// The questionnaire frozen when a round opened (JSON), if it has been opened.
pub async fn questionnaire_json(db: &Db, key: &str) -> anyhow::Result<Option<String>> {
    db.run("SELECT VALUE json FROM ONLY type::record('questionnaire', $key);", json!({ "key": key })).await?.value(0)
}

/// Moves round `key` to status `to` with `change` (`SET … WHERE …`, binding `$from` and `$to`) and its audit
/// entry, in one transaction; throws `unchanged` when the round did not match.
async fn round_change(
    db: &Db,
    key: &str,
    change: &str,
    from: serde_json::Value,
    to: &str,
    actor: &str,
) -> anyhow::Result<crate::db::Results> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $changed = UPDATE type::record('round', $key) {change} RETURN VALUE id;
         IF array::len($changed) == 0 {{ THROW 'unchanged' }};
         {}
         COMMIT TRANSACTION;",
        crate::repo::audit::APPEND_SQL
    );
    db.run(
        &sql,
        json!({ "key": key, "from": from, "to": to, "actor": actor, "action": format!("round.{to}"),
                "subject": format!("round:{key}"), "before": { "status": from }, "after": { "status": to },
                "reason": null }),
    )
    .await
}

/// Sets a round's status (from one of `from`), with an audit entry. Returns whether it changed.
pub async fn set_status(db: &Db, key: &str, from: &[&str], to: &str, actor: &str) -> anyhow::Result<bool> {
    let stamp = match to {
        "open" => ", opened_at = time::now()",
        "closed" => ", closed_at = time::now()",
        _ => "",
    };
    let change = format!("SET status = $to, claimed_at = NONE {stamp} WHERE status IN $from");
    let res = round_change(db, key, &change, json!(from), to, actor).await;
    changed(res, "changing a round's status")
}

/// Stores the questionnaire and the number of assignments, and opens the round.
pub async fn mark_open(
    db: &Db,
    key: &str,
    questionnaire_json: &str,
    count: usize,
    actor: &str,
) -> anyhow::Result<bool> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $changed = UPDATE type::record('round', $key) SET status = 'open', opened_at = time::now(),
            assignment_count = $count, claimed_at = NONE WHERE status = 'opening' RETURN VALUE id;
         IF array::len($changed) == 0 {{ THROW 'unchanged' }};
         UPSERT type::record('questionnaire', $key) SET json = $q;
         {}
         COMMIT TRANSACTION;",
        crate::repo::audit::APPEND_SQL
    );
    let res = db
        .run(
            &sql,
            json!({ "key": key, "q": questionnaire_json, "count": count, "actor": actor, "action": "round.open",
                    "subject": format!("round:{key}"), "before": null,
                    "after": { "status": "open", "assignments": count }, "reason": null }),
        )
        .await;
    changed(res, "opening a round")
}

/// Moves a round from `from` to the working state `to` (`opening` or `closing`), or takes over such work that has
/// not finished in 15 minutes (a crashed instance). Only one of concurrent claims gets `true`: the others are
/// told (`false`) instead of doing the same work twice.
pub async fn claim_round(db: &Db, key: &str, from: &str, to: &str, actor: &str) -> anyhow::Result<bool> {
    let change = "SET status = $to, claimed_at = time::now()
        WHERE status = $from OR (status = $to AND (claimed_at = NONE OR claimed_at < time::now() - 15m))";
    let res = round_change(db, key, change, json!(from), to, actor).await;
    match res {
        Err(e) if crate::db::is_conflict(&e) => Ok(false),
        other => changed(other, "claiming a round"),
    }
}

/// Gives a claimed round back as a draft (an opening that failed).
pub async fn release_opening(db: &Db, key: &str) -> anyhow::Result<()> {
    db.run(
        "UPDATE type::record('round', $key) SET status = 'draft', claimed_at = NONE WHERE status = 'opening';",
        json!({ "key": key }),
    )
    .await
    .context("releasing an opening")?;
    Ok(())
}

/// Removes the assignments of a round that is being opened (a resumed opening starts clean).
pub async fn clear_draft_assignments(db: &Db, round: &str) -> anyhow::Result<()> {
    db.run(
        "IF (SELECT VALUE status FROM ONLY type::record('round', $r)) IN ['draft', 'opening'] {
            DELETE assesses WHERE round = type::record('round', $r);
         };",
        json!({ "r": round }),
    )
    .await
    .context("clearing assignments")?;
    Ok(())
}

/// An assignment generated when a round opens.
#[derive(Debug, Clone)]
pub struct NewAssignment {
    pub rater: String,
    pub ratee: String,
    pub group: &'static str,
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
            db.run_native("INSERT RELATION INTO assesses $rows;", vars).await.context("inserting assignments")
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
    o.insert("rater_group", Value::String(a.group.to_string()));
    o.insert("unit", Value::RecordId(RecordId::new("unit", a.rater_unit.as_str())));
    match &a.filled {
        None => o.insert("state", Value::String("pending".into())),
        Some(f) => {
            let state = if f.submitted { "submitted" } else { "draft" };
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

/// Units and their parents: (key, parent).
pub async fn unit_parents(db: &Db) -> anyhow::Result<Vec<(String, Option<String>)>> {
    db.rows("SELECT VALUE [record::id(id), IF parent != NONE THEN record::id(parent) END] FROM unit;", json!({})).await
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
    pub round_status: String,
    pub closes: String,
    pub is_past_close: bool,
    pub rater_group: String,
    pub state: String,
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
pub struct AssignmentState {
    pub rater: String,
    pub round_key: String,
    pub round_status: String,
    pub is_past_close: bool,
    pub state: String,
    pub submitted_at: Option<String>,
}

/// The state of one assignment (a light read for the submission path).
pub async fn assignment_state(db: &Db, key: &str) -> anyhow::Result<Option<AssignmentState>> {
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
    pub group: &'a str,
    pub state: &'a str,
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
    let to = if approve { "pending" } else { "rejected" };
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

/// Counts of assignments per (key, state), grouped by the rater's unit, the rater or the ratee.
pub async fn progress_counts(db: &Db, round: &str, by: &str) -> anyhow::Result<Vec<(String, String, u64)>> {
    let field = match by {
        "unit" => "record::id(unit)",
        "rater" => "record::id(in)",
        _ => "record::id(out)",
    };
    let sql = format!(
        "SELECT VALUE [k, state, n] FROM (SELECT {field} AS k, state, count() AS n FROM assesses
         WHERE round = type::record('round', $r) GROUP BY k, state);"
    );
    db.rows(&sql, json!({ "r": round })).await
}

/// Every edge of a round, for closing: (ratee, group, state, answers, comments).
pub type EdgeData = (String, String, String, Vec<i64>, Vec<String>);

/// The edges of a round whose ratee is in `ratees` (all when `None`).
pub async fn round_edges(db: &Db, round: &str) -> anyhow::Result<Vec<EdgeData>> {
    db.rows(
        "SELECT VALUE [record::id(out), rater_group, state, IF state = 'submitted' THEN answers ELSE [] END,
            IF state = 'submitted' THEN comments ELSE [] END]
         FROM assesses WHERE round = type::record('round', $r) AND state IN ['pending', 'draft', 'submitted'];",
        json!({ "r": round }),
    )
    .await
}

/// A change by hand of a round's assignments, as the round's page lists it.
#[derive(Debug, Clone, Deserialize)]
pub struct ChangeRow {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub rater: String,
    pub ratee: String,
    pub rater_group: String,
}

/// The changes by hand of a round, newest first.
pub async fn round_changes(db: &Db, round: &str) -> anyhow::Result<Vec<ChangeRow>> {
    db.rows(
        "SELECT <string> at AS at, actor, action, rater, ratee, rater_group FROM round_change
         WHERE round = type::record('round', $r) ORDER BY at DESC;",
        json!({ "r": round }),
    )
    .await
}

/// The (ratee, group) pairs whose membership was changed by hand after one of the group's raters had submitted.
pub async fn changed_after_submission(db: &Db, round: &str) -> anyhow::Result<Vec<(String, String)>> {
    db.rows(
        "LET $r = type::record('round', $round);
         SELECT VALUE [ratee, rater_group] FROM round_change WHERE round = $r
            AND count(SELECT id FROM assesses WHERE out = type::record('employee', $parent.ratee) AND round = $r
                AND rater_group = $parent.rater_group AND state = 'submitted' AND submitted_at < $parent.at) > 0;",
        json!({ "round": round }),
    )
    .await
}

/// Ratees who already have a result in a round (a resumed closing skips them).
pub async fn result_owners(db: &Db, round: &str) -> anyhow::Result<Vec<String>> {
    db.rows(
        "SELECT VALUE record::id(employee) FROM round_result WHERE round = type::record('round', $r);",
        json!({ "r": round }),
    )
    .await
}

/// The key of a result record.
pub fn result_key(round: &str, nip: &str) -> String {
    format!("{round}_{nip}")
}

/// Writes results: (nip, JSON data).
pub async fn insert_results(db: &Db, round: &str, rows: &[(String, String, String)]) -> anyhow::Result<()> {
    let now = Value::Datetime(surrealdb::types::Datetime::now());
    for chunk in rows.chunks(2_000) {
        let values: Vec<Value> = chunk
            .iter()
            .map(|(nip, data, summary)| {
                let mut o = Object::new();
                o.insert("id", Value::RecordId(RecordId::new("round_result", result_key(round, nip))));
                o.insert("round", Value::RecordId(RecordId::new("round", round)));
                o.insert("employee", Value::RecordId(RecordId::new("employee", nip.as_str())));
                o.insert("data_json", Value::String(data.clone()));
                o.insert("summary_json", Value::String(summary.clone()));
                o.insert("computed_at", now.clone());
                Value::Object(o)
            })
            .collect();
        let mut vars = Object::new();
        vars.insert("rows", values);
        db.run_native("INSERT INTO round_result $rows;", vars).await.context("writing results")?;
    }
    Ok(())
}

/// One person's materialised result in a round.
pub async fn result(db: &Db, round: &str, nip: &str) -> anyhow::Result<Option<String>> {
    db.run(
        "SELECT VALUE data_json FROM ONLY type::record('round_result', $key);",
        json!({ "key": result_key(round, nip) }),
    )
    .await?
    .value(0)
}

/// Closed rounds with a result for a person: (round key, round name), newest first.
pub async fn results_of(db: &Db, nip: &str) -> anyhow::Result<Vec<(String, String)>> {
    db.rows(
        "SELECT VALUE [record::id(round), round.name] FROM round_result WHERE employee = type::record('employee', $nip)
         AND round.status = 'closed';",
        json!({ "nip": nip }),
    )
    .await
}
