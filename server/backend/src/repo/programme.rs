//! Leadership programmes: the facts eligibility is checked against (position, rank and its TMT, birth date) and the
//! programmes people have completed. Rule sets are settings (`programme.<code>`), read and written by the service.

use crate::db::Db;
use crate::repo::audit::APPEND_SQL;
use anyhow::Context;
use domain::programme::Programme;
use domain::view::CohortInfo;
use serde::Deserialize;
use serde_json::json;
use std::collections::HashMap;

/// One active employee as eligibility sees them.
#[derive(Debug, Clone, Deserialize)]
pub struct PersonFacts {
    pub nip: String,
    pub name: String,
    pub unit: String,
    pub position: Option<String>,
    pub kind: Option<String>,
    pub rank: String,
    /// ISO date of the current rank's TMT.
    pub rank_since: Option<String>,
    /// ISO date.
    pub birth_date: String,
}

const FACT_FIELDS: &str = "record::id(id) AS nip, name, record::id(unit) AS unit, position.name AS position,
    position.kind AS kind, rank, (IF rank_since != NONE { string::slice(<string> rank_since, 0, 10) }) AS rank_since,
    string::slice(<string> birth_date, 0, 10) AS birth_date";

/// Every active employee's facts.
pub async fn active_facts(db: &Db) -> anyhow::Result<Vec<PersonFacts>> {
    db.rows(&format!("SELECT {FACT_FIELDS} FROM employee WHERE active;"), json!({}))
        .await
        .context("reading the facts of eligibility")
}

/// One employee's facts.
pub async fn facts_of(db: &Db, nip: &str) -> anyhow::Result<Option<PersonFacts>> {
    Ok(db
        .rows(&format!("SELECT {FACT_FIELDS} FROM type::record('employee', $nip);"), json!({ "nip": nip }))
        .await
        .context("reading a person's facts")?
        .into_iter()
        .next())
}

/// The programmes each person has completed, with the year: by NIP.
pub type Completions = HashMap<String, Vec<(Programme, i32)>>;

/// Every completed programme (see [`Completions`]).
pub async fn completions(db: &Db) -> anyhow::Result<Completions> {
    let rows: Vec<(String, Programme, i32)> = db
        .rows("SELECT VALUE [record::id(employee), programme, year] FROM programme_done;", json!({}))
        .await
        .context("reading completed programmes")?;
    let mut out: HashMap<String, Vec<(Programme, i32)>> = HashMap::new();
    for (nip, p, year) in rows {
        out.entry(nip).or_default().push((p, year));
    }
    Ok(out)
}

/// One person's completed programmes, junior first.
pub async fn completions_of(db: &Db, nip: &str) -> anyhow::Result<Vec<(Programme, i32)>> {
    let mut rows: Vec<(Programme, i32)> = db
        .rows(
            "SELECT VALUE [programme, year] FROM programme_done WHERE employee = type::record('employee', $nip);",
            json!({ "nip": nip }),
        )
        .await
        .context("reading a person's completed programmes")?;
    rows.sort();
    Ok(rows)
}

/// Records (or corrects the year of) a completed programme, audited.
pub async fn record_completion(db: &Db, actor: &str, nip: &str, programme: Programme, year: i32) -> anyhow::Result<()> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $rec = type::record('programme_done', [$nip, $programme]);
         LET $before = $rec.{{ year }};
         UPSERT $rec SET employee = type::record('employee', $nip), programme = $programme, year = $year,
            recorded_by = $actor, recorded_at = time::now();
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    db.run(
        &sql,
        json!({ "nip": nip, "programme": programme.code(), "year": year, "actor": actor,
                "action": "programme.completed", "subject": format!("employee:{nip}"),
                "after": { "programme": programme.code(), "year": year }, "reason": null }),
    )
    .await
    .context("recording a completed programme")?;
    Ok(())
}

/// Removes a completion recorded by mistake, audited. Returns whether there was one.
pub async fn remove_completion(db: &Db, actor: &str, nip: &str, programme: Programme) -> anyhow::Result<bool> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $rec = type::record('programme_done', [$nip, $programme]);
         LET $before = $rec.{{ year }};
         IF $before.year == NONE {{ THROW 'unchanged' }};
         DELETE $rec;
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    let res = db
        .run(
            &sql,
            json!({ "nip": nip, "programme": programme.code(), "actor": actor, "action": "programme.completion_removed",
                    "subject": format!("employee:{nip}"), "after": null, "reason": null }),
        )
        .await;
    super::changed(res, "removing a completed programme")
}

/// Sets (or clears) the TMT of a person's current rank, audited. Returns whether the person exists.
pub async fn set_rank_since(db: &Db, actor: &str, nip: &str, date: Option<&str>) -> anyhow::Result<bool> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $rec = type::record('employee', $nip);
         IF $rec.nip == NONE {{ THROW 'unchanged' }};
         LET $before = {{ rank_since: $rec.rank_since }};
         UPDATE $rec SET rank_since = IF $date == NONE {{ NONE }} ELSE {{ <datetime> $date }};
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    let res = db
        .run(
            &sql,
            json!({ "nip": nip, "date": date.map(|d| format!("{d}T00:00:00Z")), "actor": actor,
                    "action": "employee.rank_since", "subject": format!("employee:{nip}"),
                    "after": { "rank_since": date }, "reason": null }),
        )
        .await;
    super::changed(res, "setting the date of a rank")
}

const COHORT_FIELDS: &str = "record::id(id) AS id, programme, name, string::slice(<string> starts, 0, 10) AS starts,
    string::slice(<string> ends, 0, 10) AS ends, capacity,
    count(SELECT id FROM nomination WHERE cohort = $parent.id AND state != 'declined') AS taken,
    count(SELECT id FROM nomination WHERE cohort = $parent.id AND state = 'confirmed') AS confirmed";

/// Every cohort, the latest first.
pub async fn cohorts(db: &Db) -> anyhow::Result<Vec<CohortInfo>> {
    db.rows(&format!("SELECT {COHORT_FIELDS}, starts AS at FROM cohort ORDER BY at DESC;"), json!({}))
        .await
        .context("reading cohorts")
}

/// One cohort.
pub async fn cohort(db: &Db, id: &str) -> anyhow::Result<Option<CohortInfo>> {
    Ok(db
        .rows(&format!("SELECT {COHORT_FIELDS} FROM type::record('cohort', $id);"), json!({ "id": id }))
        .await
        .context("reading a cohort")?
        .into_iter()
        .next())
}

/// Creates a cohort, audited. Returns its id.
pub async fn create_cohort(
    db: &Db,
    actor: &str,
    programme: Programme,
    name: &str,
    (starts, ends): (&str, &str),
    capacity: u16,
) -> anyhow::Result<String> {
    let id = hex::encode(rand::random::<[u8; 8]>());
    let sql = format!(
        "BEGIN TRANSACTION;
         CREATE type::record('cohort', $id) SET programme = $programme, name = $name, starts = <datetime> $starts,
            ends = <datetime> $ends, capacity = $capacity, created_by = $actor;
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    db.run(
        &sql,
        json!({ "id": id, "programme": programme.code(), "name": name, "starts": format!("{starts}T00:00:00Z"),
                "ends": format!("{ends}T00:00:00Z"), "capacity": capacity, "actor": actor, "action": "cohort.create",
                "subject": format!("cohort:{id}"), "before": null,
                "after": { "programme": programme.code(), "name": name, "starts": starts, "ends": ends,
                           "capacity": capacity }, "reason": null }),
    )
    .await
    .context("creating a cohort")?;
    Ok(id)
}

/// How a nomination attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nominated {
    Done,
    /// Every seat is taken.
    Full,
    /// The person is nominated to this cohort already.
    Already,
}

/// Nominates a person to a cohort while a seat is free (checked in the writing transaction), audited.
pub async fn nominate(db: &Db, actor: &str, cohort: &str, nip: &str) -> anyhow::Result<Nominated> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $c = type::record('cohort', $cohort);
         LET $rec = type::record('nomination', [$cohort, $nip]);
         IF $rec.state != NONE {{ THROW 'already' }};
         IF count(SELECT id FROM nomination WHERE cohort = $c AND state != 'declined') >= $c.capacity {{
            THROW 'full' }};
         CREATE $rec SET cohort = $c, employee = type::record('employee', $nip), state = 'nominated',
            nominated_by = $actor;
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    let res = db
        .run(
            &sql,
            json!({ "cohort": cohort, "nip": nip, "actor": actor, "action": "nomination.create",
                    "subject": format!("employee:{nip}"), "before": null, "after": { "cohort": cohort },
                    "reason": null }),
        )
        .await;
    match res {
        Ok(_) => Ok(Nominated::Done),
        Err(e) => match crate::db::statement_error(&e) {
            Some(s) if s.is_thrown("full") => Ok(Nominated::Full),
            Some(s) if s.is_thrown("already") || s.is_duplicate() => Ok(Nominated::Already),
            _ => Err(e.context("nominating")),
        },
    }
}

/// A stored nomination.
#[derive(Debug, Clone, Deserialize)]
pub struct StoredNomination {
    pub cohort: String,
    pub nip: String,
    pub state: domain::programme::NominationState,
    pub nominated_by: String,
    pub nominated_at: String,
    pub supervisor_reason: String,
    pub hr_reason: String,
}

const NOMINATION_FIELDS: &str = "record::id(cohort) AS cohort, record::id(employee) AS nip, state, nominated_by,
    <string> nominated_at AS nominated_at, supervisor_reason, hr_reason";

/// The nominations of a cohort, in the order they were made.
pub async fn nominations_of(db: &Db, cohort: &str) -> anyhow::Result<Vec<StoredNomination>> {
    db.rows(
        &format!(
            "SELECT {NOMINATION_FIELDS}, nominated_at AS at FROM nomination
             WHERE cohort = type::record('cohort', $cohort) ORDER BY at;"
        ),
        json!({ "cohort": cohort }),
    )
    .await
    .context("reading a cohort's nominations")
}

/// The nominations in one of `states`, for the lists of decisions to make.
pub async fn nominations_in(db: &Db, states: &[&str]) -> anyhow::Result<Vec<StoredNomination>> {
    db.rows(
        &format!("SELECT {NOMINATION_FIELDS}, nominated_at AS at FROM nomination WHERE state IN $states ORDER BY at;"),
        json!({ "states": states }),
    )
    .await
    .context("reading nominations to decide")
}

/// One nomination.
pub async fn nomination(db: &Db, cohort: &str, nip: &str) -> anyhow::Result<Option<StoredNomination>> {
    Ok(db
        .rows(
            &format!("SELECT {NOMINATION_FIELDS} FROM type::record('nomination', [$cohort, $nip]);"),
            json!({ "cohort": cohort, "nip": nip }),
        )
        .await
        .context("reading a nomination")?
        .into_iter()
        .next())
}

/// Moves a nomination from `from` to `to`, recording who decided (`as_supervisor` or as HR) and the reason, audited.
/// Returns whether it changed (`false`: decided meanwhile).
#[allow(clippy::too_many_arguments)]
pub async fn decide_nomination(
    db: &Db,
    actor: &str,
    cohort: &str,
    nip: &str,
    from: domain::programme::NominationState,
    to: domain::programme::NominationState,
    as_supervisor: bool,
    reason: &str,
) -> anyhow::Result<bool> {
    let who = if as_supervisor {
        "supervisor_by = $actor, supervisor_reason = $why"
    } else {
        "hr_by = $actor, hr_reason = $why"
    };
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $changed = UPDATE type::record('nomination', [$cohort, $nip]) SET state = $to, {who},
            decided_at = time::now() WHERE state = $from RETURN VALUE id;
         IF array::len($changed) == 0 {{ THROW 'unchanged' }};
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    let res = db
        .run(
            &sql,
            json!({ "cohort": cohort, "nip": nip, "from": from.code(), "to": to.code(), "why": reason,
                    "actor": actor, "action": "nomination.decide", "subject": format!("employee:{nip}"),
                    "before": { "cohort": cohort, "state": from.code() },
                    "after": { "cohort": cohort, "state": to.code() }, "reason": reason }),
        )
        .await;
    super::changed(res, "deciding a nomination")
}
