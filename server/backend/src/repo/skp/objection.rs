//! Objections to a rating (one per rated period, keyed like the evaluation) and the decision on them. Filing checks,
//! in its transaction, that the rating objected to is still the one in force; deciding changes the evaluation's
//! ratings in the same transaction when upheld, marking them as changed by an objection.

use super::super::changed;
use super::evaluation::{TALLY_SQL, eval_key, wib_minute};
use crate::db::Db;
use crate::repo::audit::APPEND_SQL;
use anyhow::Context;
use domain::skp::{Decision, OBJECTION_DOC_VERSION, ObjectionDoc, ObjectionState, Rating, Ratings};
use serde::Deserialize;
use serde_json::json;

/// A stored objection with its decision, timestamps as `YYYY-MM-DD HH:MM WIB` and the due date as `YYYY-MM-DD`.
#[derive(Debug, Clone)]
pub struct StoredObjection {
    pub nip: String,
    pub year: i32,
    pub period: u8,
    pub doc: ObjectionDoc,
    pub rater: String,
    pub original: Ratings,
    pub filed_at: String,
    pub due: String,
    pub state: ObjectionState,
    pub decision_reason: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub new_ratings: Option<Ratings>,
}

#[derive(Deserialize)]
struct Row {
    nip: String,
    year: i32,
    period: u8,
    doc: String,
    rater: String,
    original_results: Rating,
    original_behaviour: Rating,
    filed_at: String,
    due: String,
    state: ObjectionState,
    decision_reason: String,
    decided_by: Option<String>,
    decided_at: Option<String>,
    new_results: Option<Rating>,
    new_behaviour: Option<Rating>,
}

const FIELDS: &str = "record::id(employee) AS nip, year, period, doc, rater, original_results, original_behaviour,
    <string> filed_at AS filed_at, <string> due AS due, state, decision_reason, decided_by,
    (IF decided_at != NONE THEN <string> decided_at END) AS decided_at, new_results, new_behaviour";

impl TryFrom<Row> for StoredObjection {
    type Error = anyhow::Error;
    fn try_from(r: Row) -> anyhow::Result<Self> {
        let doc: ObjectionDoc = serde_json::from_str(&r.doc).context("decoding an objection")?;
        if doc.v != OBJECTION_DOC_VERSION {
            anyhow::bail!("objection document version {} is newer than this build reads", doc.v);
        }
        Ok(StoredObjection {
            nip: r.nip,
            year: r.year,
            period: r.period,
            doc,
            rater: r.rater,
            original: Ratings { results: r.original_results, behaviour: r.original_behaviour },
            filed_at: wib_minute(&r.filed_at),
            due: r.due.chars().take(10).collect(),
            state: r.state,
            decision_reason: r.decision_reason,
            decided_by: r.decided_by,
            decided_at: r.decided_at.as_deref().map(wib_minute),
            new_ratings: match (r.new_results, r.new_behaviour) {
                (Some(results), Some(behaviour)) => Some(Ratings { results, behaviour }),
                _ => None,
            },
        })
    }
}

/// The objection to an employee's rating of a period, if filed.
pub async fn objection(db: &Db, nip: &str, year: i32, period: u8) -> anyhow::Result<Option<StoredObjection>> {
    let rows: Vec<Row> = db
        .rows(
            &format!("SELECT {FIELDS} FROM ONLY type::record('skp_objection', $key);"),
            json!({ "key": eval_key(nip, year, period) }),
        )
        .await?;
    rows.into_iter().next().map(StoredObjection::try_from).transpose()
}

/// Objections awaiting a decision, oldest first, and those of `year` decided (for the lists of deciders, HR and the
/// head; objections are few).
pub async fn objections(db: &Db, year: i32) -> anyhow::Result<Vec<StoredObjection>> {
    let rows: Vec<Row> = db
        .rows(
            &format!("SELECT {FIELDS} FROM skp_objection WHERE state = 'filed' OR year = $year ORDER BY filed_at;"),
            json!({ "year": year }),
        )
        .await?;
    rows.into_iter().map(StoredObjection::try_from).collect()
}

/// What filing writes.
#[derive(Debug, Clone, Copy)]
pub struct Filing<'a> {
    pub doc: &'a ObjectionDoc,
    /// The rating objected to, and who gave it.
    pub original: Ratings,
    pub rater: &'a str,
    /// `YYYY-MM-DD`.
    pub due: &'a str,
}

/// Files an objection, audited. Returns whether it was written (`false`: one exists already, or the rating changed
/// meanwhile).
pub async fn file_objection(db: &Db, nip: &str, year: i32, period: u8, f: &Filing<'_>) -> anyhow::Result<bool> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $eval = type::record('skp_eval', $key);
         IF $eval.results != $results OR $eval.behaviour != $behaviour OR $eval.rated_by != $rater {{ THROW 'unchanged' }};
         IF type::record('skp_objection', $key).state != NONE {{ THROW 'unchanged' }};
         CREATE type::record('skp_objection', $key) SET employee = type::record('employee', $nip), year = $year,
            period = $period, doc = $doc, rater = $rater, original_results = $results,
            original_behaviour = $behaviour, filed_at = time::now(), due = <datetime> $due, state = 'filed';
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    let res = db
        .run(
            &sql,
            json!({ "key": eval_key(nip, year, period), "nip": nip, "year": year, "period": period,
                    "doc": serde_json::to_string(f.doc).context("encoding an objection")?, "rater": f.rater,
                    "results": f.original.results.code(), "behaviour": f.original.behaviour.code(),
                    "due": format!("{}T00:00:00Z", f.due), "actor": nip, "action": "skp.objection.file",
                    "subject": format!("employee:{nip}"), "before": null,
                    "after": { "year": year, "period": period, "predikat": f.original.predikat().code() },
                    "reason": f.doc.reasons }),
        )
        .await;
    changed(res, "filing an objection")
}

/// Decides a filed objection, audited; an upheld one replaces the evaluation's ratings (marked as changed by an
/// objection) in the same transaction. Returns whether it was decided (`false`: decided meanwhile).
pub async fn decide_objection(
    db: &Db,
    decider: &str,
    nip: &str,
    year: i32,
    period: u8,
    decision: Decision,
    reason: &str,
) -> anyhow::Result<bool> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $changed = UPDATE type::record('skp_objection', $key) SET state = $state, decision_reason = $why,
            decided_by = $actor, decided_at = time::now(), new_results = $new_results,
            new_behaviour = $new_behaviour WHERE state = 'filed' RETURN VALUE id;
         IF array::len($changed) == 0 {{ THROW 'unchanged' }};
         LET $rec = type::record('skp_eval', $key);
         LET $was = $rec.{{ predikat, units }};
         IF $new_results != NONE {{
            UPDATE $rec SET results = $new_results, behaviour = $new_behaviour,
                predikat = $predikat, by_objection = true, updated_at = time::now();
         }};
         {TALLY_SQL}
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    let new = match decision {
        Decision::Upheld(r) => Some(r),
        Decision::Rejected => None,
    };
    let res = db
        .run(
            &sql,
            json!({ "key": eval_key(nip, year, period), "state": decision.state().code(), "why": reason,
                    "actor": decider, "new_results": new.map(|r| r.results.code()),
                    "new_behaviour": new.map(|r| r.behaviour.code()),
                    "predikat": new.map(|r| r.predikat().code()), "action": "skp.objection.decide",
                    "subject": format!("employee:{nip}"), "before": null,
                    "after": { "year": year, "period": period, "state": decision.state().code(),
                               "predikat": new.map(|r| r.predikat().code()) },
                    "reason": reason }),
        )
        .await;
    changed(res, "deciding an objection")
}
