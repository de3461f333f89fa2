//! Assessment periods of a performance year and each employee's evaluation of a period: the realisations and
//! self-assessment (an [`EvalDoc`], encoded here only) and the supervisor's two ratings with their feedback. Writes
//! that depend on the period being open check it inside their transaction, so that a period closing meanwhile wins.

use super::super::changed;
use crate::db::Db;
use crate::repo::audit::APPEND_SQL;
use anyhow::Context;
use domain::skp::{
    CurveWarning, DIALOGUE_DOC_VERSION, DialogueDoc, Distribution, EVAL_DOC_VERSION, EvalDoc, OrgPredikat,
    PeriodScheme, PeriodState, PlannedPeriod, Predikat, Rating, Ratings,
};
use domain::view::PeriodInfo;
use serde::Deserialize;
use serde_json::json;

pub(super) fn period_key(year: i32, number: u8) -> String {
    format!("{year}_{number}")
}

pub(super) fn eval_key(nip: &str, year: i32, period: u8) -> String {
    format!("{nip}_{year}_{period}")
}

const PERIOD_FIELDS: &str = "year, number, is_final, scheme, <string> start AS start, <string> end AS end,
    <string> deadline AS deadline, state";

/// The periods of a year, in order (the final one last).
pub async fn periods(db: &Db, year: i32) -> anyhow::Result<Vec<PeriodInfo>> {
    let mut rows: Vec<PeriodInfo> = db
        .rows(
            &format!("SELECT {PERIOD_FIELDS} FROM skp_period WHERE year = $year ORDER BY number;"),
            json!({ "year": year }),
        )
        .await?;
    for p in &mut rows {
        for d in [&mut p.start, &mut p.end, &mut p.deadline] {
            d.truncate(10);
        }
    }
    Ok(rows)
}

/// One period.
pub async fn period(db: &Db, year: i32, number: u8) -> anyhow::Result<Option<PeriodInfo>> {
    Ok(periods(db, year).await?.into_iter().find(|p| p.number == number))
}

/// Creates a year's periods, all planned, in one transaction; fails with a duplicate error when the year has them.
pub async fn create_periods(
    db: &Db,
    actor: &str,
    year: i32,
    scheme: PeriodScheme,
    planned: &[PlannedPeriod],
) -> anyhow::Result<()> {
    let rows: Vec<serde_json::Value> = planned
        .iter()
        .map(|p| {
            json!({ "key": period_key(year, p.number), "number": p.number, "is_final": p.is_final,
                    "start": format!("{}T00:00:00Z", p.start), "end": format!("{}T00:00:00Z", p.end),
                    "deadline": format!("{}T00:00:00Z", p.deadline) })
        })
        .collect();
    let sql = format!(
        "BEGIN TRANSACTION;
         FOR $p IN $rows {{
            CREATE type::record('skp_period', $p.key) SET year = $year, number = $p.number, is_final = $p.is_final,
                scheme = $scheme, start = <datetime> $p.start, end = <datetime> $p.end,
                deadline = <datetime> $p.deadline, state = 'planned';
         }};
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    db.run(
        &sql,
        json!({ "rows": rows, "year": year, "scheme": scheme.code(), "actor": actor, "action": "skp.periods",
                "subject": format!("skp_year:{year}"), "before": null,
                "after": { "scheme": scheme.code(), "periods": planned.len() }, "reason": null }),
    )
    .await
    .context("creating the periods of a year")?;
    Ok(())
}

/// Moves a period from `from` to `to`, audited. Returns whether it changed.
pub async fn set_period_state(
    db: &Db,
    actor: &str,
    year: i32,
    number: u8,
    from: PeriodState,
    to: PeriodState,
) -> anyhow::Result<bool> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $changed = UPDATE type::record('skp_period', $key) SET state = $to WHERE state = $from RETURN VALUE id;
         IF array::len($changed) == 0 {{ THROW 'unchanged' }};
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    let res = db
        .run(
            &sql,
            json!({ "key": period_key(year, number), "from": from.code(), "to": to.code(), "actor": actor,
                    "action": format!("skp.period.{}", to.code()), "subject": format!("skp_period:{year}_{number}"),
                    "before": { "state": from.code() }, "after": { "state": to.code() }, "reason": null }),
        )
        .await;
    changed(res, "changing a period's state")
}

/// One employee's evaluation of a period.
#[derive(Debug, Clone)]
pub struct StoredEval {
    pub doc: EvalDoc,
    pub ratings: Option<Ratings>,
    pub feedback: String,
    pub rated_by: Option<String>,
    pub rated_at: Option<String>,
    pub curve_warning: Option<CurveWarning>,
    pub curve_reason: String,
    /// The ratings were changed by an upheld objection.
    pub by_objection: bool,
}

#[derive(Deserialize)]
struct EvalRow {
    doc: String,
    results: Option<Rating>,
    behaviour: Option<Rating>,
    feedback: String,
    rated_by: Option<String>,
    rated_at: Option<String>,
    curve_warning: Option<String>,
    #[serde(default)]
    curve_reason: String,
    #[serde(default)]
    by_objection: bool,
}

impl TryFrom<EvalRow> for StoredEval {
    type Error = anyhow::Error;
    fn try_from(r: EvalRow) -> anyhow::Result<Self> {
        let doc: EvalDoc = serde_json::from_str(&r.doc).context("decoding an evaluation")?;
        if doc.v != EVAL_DOC_VERSION {
            anyhow::bail!("evaluation document version {} is newer than this build reads", doc.v);
        }
        let ratings = match (r.results, r.behaviour) {
            (Some(results), Some(behaviour)) => Some(Ratings { results, behaviour }),
            _ => None,
        };
        Ok(StoredEval {
            doc,
            ratings,
            feedback: r.feedback,
            rated_by: r.rated_by,
            rated_at: r.rated_at.as_deref().map(wib_minute),
            curve_warning: match r.curve_warning {
                Some(w) => Some(serde_json::from_str(&w).context("decoding a curve warning")?),
                None => None,
            },
            curve_reason: r.curve_reason,
            by_objection: r.by_objection,
        })
    }
}

/// A stored timestamp as `YYYY-MM-DD HH:MM WIB` (UTC+7, where the agencies are).
pub(super) fn wib_minute(s: &str) -> String {
    let wib = time::UtcOffset::from_hms(7, 0, 0).unwrap_or(time::UtcOffset::UTC);
    match time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339) {
        Ok(t) => {
            let t = t.to_offset(wib);
            format!("{} {:02}:{:02} WIB", t.date(), t.hour(), t.minute())
        }
        Err(_) => s.chars().take(16).collect::<String>().replace('T', " "),
    }
}

/// An employee's evaluation of a period, if anything was written.
pub async fn evaluation(db: &Db, nip: &str, year: i32, period: u8) -> anyhow::Result<Option<StoredEval>> {
    let rows: Vec<EvalRow> = db
        .rows(
            "SELECT doc, results, behaviour, feedback, rated_by,
                (IF rated_at != NONE THEN <string> rated_at END) AS rated_at, curve_warning,
                curve_reason, by_objection FROM ONLY type::record('skp_eval', $key);",
            json!({ "key": eval_key(nip, year, period) }),
        )
        .await?;
    rows.into_iter().next().map(StoredEval::try_from).transpose()
}

/// Each employee's predikat per period of a year, where rated: (nip, period, results, behaviour).
pub async fn ratings_of(db: &Db, nips: &[String], year: i32) -> anyhow::Result<Vec<(String, u8, Ratings)>> {
    if nips.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(String, u8, Rating, Rating)> = db
        .rows(
            // One indexed lookup per person (see `newest_plans`).
            "RETURN array::flatten($nips.map(|$n| (SELECT VALUE [record::id(employee), period, results, behaviour]
                FROM skp_eval WHERE employee = type::record('employee', $n) AND year = $year AND results != NONE)));",
            json!({ "nips": nips, "year": year }),
        )
        .await?;
    Ok(rows.into_iter().map(|(n, p, results, behaviour)| (n, p, Ratings { results, behaviour })).collect())
}

/// The check every evaluation write makes in its transaction: the period is open.
pub(super) const PERIOD_OPEN_SQL: &str =
    "IF (SELECT VALUE state FROM ONLY type::record('skp_period', $period_key)) != 'open' {
    THROW 'period_not_open' };";

/// Saves the employee's part (realisations, self-assessment) while the period is open and no rating exists yet.
/// Returns whether it was written (`false`: rated meanwhile). Fails with `period_not_open` when the period closed.
pub async fn save_eval_doc(db: &Db, nip: &str, year: i32, period: u8, doc: &EvalDoc) -> anyhow::Result<bool> {
    let sql = format!(
        "BEGIN TRANSACTION;
         {PERIOD_OPEN_SQL}
         LET $rec = type::record('skp_eval', $key);
         IF $rec.results != NONE {{ THROW 'unchanged' }};
         UPSERT $rec SET employee = type::record('employee', $nip), year = $year, period = $period, doc = $doc,
            updated_at = time::now();
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    let res = db
        .run(
            &sql,
            json!({ "key": eval_key(nip, year, period), "period_key": period_key(year, period), "nip": nip,
                    "year": year, "period": period, "doc": serde_json::to_string(doc).context("encoding an evaluation")?,
                    "actor": nip, "action": "skp.realise", "subject": format!("employee:{nip}"), "before": null,
                    "after": { "year": year, "period": period, "realisations": doc.realisations.len() },
                    "reason": null }),
        )
        .await;
    changed(res, "saving a realisation")
}

/// What a rating writes: both ratings, the feedback, and — when it puts the unit outside the curve guideline — the
/// warning and the rater's reason.
#[derive(Debug, Clone, Copy)]
pub struct RatingRecord<'a> {
    pub ratings: Ratings,
    pub feedback: &'a str,
    pub warning: Option<&'a CurveWarning>,
    pub reason: &'a str,
}

/// Writes the supervisor's ratings and feedback while the period is open; a rating given by someone else is never
/// overwritten (`false`). Fails with `period_not_open` when the period closed, and with `objected` once an objection
/// was filed (from then on only its decision changes the rating).
pub async fn rate(
    db: &Db,
    rater: &str,
    nip: &str,
    year: i32,
    period: u8,
    record: &RatingRecord<'_>,
) -> anyhow::Result<bool> {
    let RatingRecord { ratings, feedback, warning, reason } = *record;
    let sql = format!(
        "BEGIN TRANSACTION;
         {PERIOD_OPEN_SQL}
         LET $rec = type::record('skp_eval', $key);
         IF $rec.rated_by != NONE AND $rec.rated_by != $actor {{ THROW 'unchanged' }};
         IF type::record('skp_objection', $key).state != NONE {{ THROW 'objected' }};
         LET $before = $rec.{{ results, behaviour }};
         LET $was = $rec.{{ predikat, units }};
         UPSERT $rec SET employee = type::record('employee', $nip), year = $year, period = $period,
            doc = doc ?? $empty, results = $results, behaviour = $behaviour, predikat = $predikat,
            feedback = $feedback, rated_by = $actor, rated_at = time::now(), updated_at = time::now(),
            curve_warning = $curve_warning, curve_reason = $curve_reason, units = {UNIT_PATH_SQL};
         {TALLY_SQL}
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    let empty = EvalDoc { v: EVAL_DOC_VERSION, ..EvalDoc::default() };
    let res = db
        .run(
            &sql,
            json!({ "key": eval_key(nip, year, period), "period_key": period_key(year, period), "nip": nip,
                    "year": year, "period": period, "empty": serde_json::to_string(&empty)?,
                    "results": ratings.results.code(), "behaviour": ratings.behaviour.code(),
                    "predikat": ratings.predikat().code(), "feedback": feedback, "actor": rater,
                    "curve_warning": warning.map(serde_json::to_string).transpose()?, "curve_reason": reason,
                    "action": "skp.rate", "subject": format!("employee:{nip}"), "before": null,
                    "after": { "year": year, "period": period, "results": ratings.results.code(),
                               "behaviour": ratings.behaviour.code(), "outside_curve": warning.is_some() },
                    "reason": if reason.is_empty() { None } else { Some(reason) } }),
        )
        .await;
    changed(res, "rating a period")
}

/// SurrealQL for the unit path of `$nip` now: their unit's key first, then the keys of the units above it.
pub const UNIT_PATH_SQL: &str = "(type::record('employee', $nip).unit.{..+collect+inclusive}.parent)
    .filter(|$u| $u != NONE).map(|$u| record::id($u))";

/// SurrealQL that keeps the predikat tallies after a write of the evaluation `$rec`, given `$was` — its
/// `{ predikat, units }` read before the write in the same transaction: the old predikat leaves every unit of the old
/// path, the new one joins every unit of the new path. Include it in every transaction that changes a predikat.
pub const TALLY_SQL: &str = "
    LET $now = $rec.{ year, period, predikat, units };
    IF $was.predikat != $now.predikat OR $was.units != $now.units {
        IF $was.predikat != NONE {
            FOR $u IN $was.units ?? [] {
                UPDATE type::record('predikat_tally', [$u, $now.year, $now.period, $was.predikat]) SET n -= 1;
            };
        };
        IF $now.predikat != NONE {
            FOR $u IN $now.units ?? [] {
                UPSERT type::record('predikat_tally', [$u, $now.year, $now.period, $now.predikat])
                    SET unit = $u, year = $now.year, period = $now.period, predikat = $now.predikat,
                        n = (n ?? 0) + 1;
            };
        };
    };";

/// The record key of a unit's tally of one predikat in a period.
pub fn tally_key(unit: &str, year: i32, period: u8, predikat: Predikat) -> serde_json::Value {
    json!([unit, year, period, predikat.code()])
}

/// How many ratings of a period gave each predikat in `unit` and everything below it (each rating counted in the unit
/// its person belonged to when rated).
pub async fn tally(db: &Db, unit: &str, year: i32, period: u8) -> anyhow::Result<Distribution> {
    let counts: Vec<u32> = db
        .run(
            "RETURN $keys.map(|$k| type::record('predikat_tally', $k).n ?? 0);",
            json!({ "keys": Predikat::ALL.iter().map(|p| tally_key(unit, year, period, *p)).collect::<Vec<_>>() }),
        )
        .await
        .context("reading a predikat tally")?
        .value(0)?;
    let mut d = Distribution::default();
    for (slot, n) in d.counts.iter_mut().zip(counts) {
        *slot = n;
    }
    Ok(d)
}

/// What a curve starts from: the person's unit path now (their unit first: key, name, and the unit's organisational
/// predikat of the period if set), and their predikat of the period with the unit path it was counted under.
#[derive(Debug, Clone, Default)]
pub struct CurveStart {
    pub path: Vec<(String, String, Option<OrgPredikat>)>,
    pub own: Option<(Predikat, Vec<String>)>,
}

pub async fn curve_start(db: &Db, nip: &str, year: i32, period: u8) -> anyhow::Result<CurveStart> {
    #[derive(Deserialize)]
    struct Own {
        predikat: Option<Predikat>,
        units: Option<Vec<String>>,
    }
    let mut res = db
        .run(
            "RETURN (type::record('employee', $nip).unit.{..+collect+inclusive}.parent).filter(|$u| $u != NONE)
                .map(|$u| [record::id($u), $u.name,
                    type::record('org_predikat', string::concat(record::id($u), $suffix)).predikat]);
             RETURN type::record('skp_eval', $key).{ predikat, units };",
            json!({ "nip": nip, "key": eval_key(nip, year, period), "suffix": format!("_{year}_{period}") }),
        )
        .await
        .context("reading where a person's curve starts")?;
    let path: Option<Vec<(String, String, Option<OrgPredikat>)>> = res.value(0)?;
    let own: Option<Own> = res.value(1)?;
    Ok(CurveStart {
        path: path.unwrap_or_default(),
        own: own.and_then(|o| Some((o.predikat?, o.units.unwrap_or_default()))),
    })
}

/// Every tally of a year's periods: (unit, period, predikat, count), for checks and dashboards.
pub async fn tallies(db: &Db, year: i32) -> anyhow::Result<Vec<(String, u8, Predikat, u32)>> {
    db.rows(
        "SELECT VALUE [unit, period, predikat, n] FROM predikat_tally WHERE year = $year AND n > 0;",
        json!({ "year": year }),
    )
    .await
}

/// Every rated employee's predikat in a period: (nip, predikat).
pub async fn period_predikats(db: &Db, year: i32, period: u8) -> anyhow::Result<Vec<(String, Predikat)>> {
    db.rows(
        "SELECT VALUE [record::id(employee), predikat] FROM skp_eval
         WHERE year = $year AND period = $period AND predikat != NONE;",
        json!({ "year": year, "period": period }),
    )
    .await
}

/// The organisational predikat set for a year: (unit, period, predikat).
pub async fn org_predikats(db: &Db, year: i32) -> anyhow::Result<Vec<(String, u8, OrgPredikat)>> {
    db.rows(
        "SELECT VALUE [record::id(unit), period, predikat] FROM org_predikat WHERE year = $year;",
        json!({ "year": year }),
    )
    .await
}

/// Sets (or changes) a unit's organisational predikat for a period, audited.
pub async fn set_org_predikat(
    db: &Db,
    actor: &str,
    unit: &str,
    year: i32,
    period: u8,
    predikat: OrgPredikat,
) -> anyhow::Result<()> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $rec = type::record('org_predikat', $key);
         LET $before = $rec.predikat;
         UPSERT $rec SET unit = type::record('unit', $unit), year = $year, period = $period, predikat = $predikat,
            set_by = $actor, set_at = time::now();
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    db.run(
        &sql,
        json!({ "key": format!("{unit}_{year}_{period}"), "unit": unit, "year": year, "period": period,
                "predikat": predikat.code(), "actor": actor, "action": "skp.org_predikat",
                "subject": format!("unit:{unit}"), "after": { "year": year, "period": period,
                "predikat": predikat.code() }, "reason": null }),
    )
    .await
    .context("setting an organisational predikat")?;
    Ok(())
}

/// One rated employee of a period as exported: (nip, results, behaviour, rater, rated at).
#[derive(Debug, Clone, Deserialize)]
pub struct RatedRow {
    pub nip: String,
    pub results: Rating,
    pub behaviour: Rating,
    pub rated_by: Option<String>,
    pub rated_at: Option<String>,
    #[serde(default)]
    pub by_objection: bool,
}

/// Everyone rated in a period, by NIP.
pub async fn rated_in(db: &Db, year: i32, period: u8) -> anyhow::Result<Vec<RatedRow>> {
    let mut rows: Vec<RatedRow> = db
        .rows(
            "SELECT record::id(employee) AS nip, results, behaviour, rated_by, <string> rated_at AS rated_at,
                by_objection FROM skp_eval WHERE year = $year AND period = $period AND results != NONE ORDER BY nip;",
            json!({ "year": year, "period": period }),
        )
        .await?;
    for r in &mut rows {
        r.rated_at = r.rated_at.as_deref().map(wib_minute);
    }
    Ok(rows)
}

/// A stored performance dialogue.
#[derive(Debug, Clone)]
pub struct StoredDialogue {
    pub doc: DialogueDoc,
    pub recorded_by: String,
    pub recorded_at: String,
    pub acknowledged_at: Option<String>,
}

#[derive(Deserialize)]
struct DialogueRow {
    doc: String,
    recorded_by: String,
    recorded_at: String,
    acknowledged_at: Option<String>,
}

/// The dialogue of a period, if recorded.
pub async fn dialogue(db: &Db, nip: &str, year: i32, period: u8) -> anyhow::Result<Option<StoredDialogue>> {
    let rows: Vec<DialogueRow> = db
        .rows(
            "SELECT doc, recorded_by, <string> recorded_at AS recorded_at, (IF acknowledged_at != NONE THEN <string> acknowledged_at END) AS acknowledged_at
             FROM ONLY type::record('skp_dialogue', $key);",
            json!({ "key": eval_key(nip, year, period) }),
        )
        .await?;
    let Some(r) = rows.into_iter().next() else { return Ok(None) };
    let doc: DialogueDoc = serde_json::from_str(&r.doc).context("decoding a dialogue")?;
    if doc.v != DIALOGUE_DOC_VERSION {
        anyhow::bail!("dialogue document version {} is newer than this build reads", doc.v);
    }
    Ok(Some(StoredDialogue {
        doc,
        recorded_by: r.recorded_by,
        recorded_at: wib_minute(&r.recorded_at),
        acknowledged_at: r.acknowledged_at.as_deref().map(wib_minute),
    }))
}

/// Records (or corrects) a dialogue, audited; a correction clears the employee's acknowledgement.
pub async fn record_dialogue(
    db: &Db,
    actor: &str,
    nip: &str,
    year: i32,
    period: u8,
    doc: &DialogueDoc,
) -> anyhow::Result<()> {
    let sql = format!(
        "BEGIN TRANSACTION;
         UPSERT type::record('skp_dialogue', $key) SET employee = type::record('employee', $nip), year = $year,
            period = $period, doc = $doc, recorded_by = $actor, recorded_at = time::now(), acknowledged_at = NONE;
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    db.run(
        &sql,
        json!({ "key": eval_key(nip, year, period), "nip": nip, "year": year, "period": period,
                "doc": serde_json::to_string(doc).context("encoding a dialogue")?, "actor": actor,
                "action": "skp.dialogue", "subject": format!("employee:{nip}"),
                "after": { "year": year, "period": period, "held_on": doc.held_on,
                           "follow_ups": doc.follow_ups.len() }, "reason": null }),
    )
    .await
    .context("recording a dialogue")?;
    Ok(())
}

/// The employee acknowledges the dialogue as recorded. Returns whether it changed (`false`: none, or already).
pub async fn acknowledge_dialogue(db: &Db, nip: &str, year: i32, period: u8) -> anyhow::Result<bool> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $changed = UPDATE type::record('skp_dialogue', $key) SET acknowledged_at = time::now()
            WHERE acknowledged_at = NONE RETURN VALUE id;
         IF array::len($changed) == 0 {{ THROW 'unchanged' }};
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    let res = db
        .run(
            &sql,
            json!({ "key": eval_key(nip, year, period), "actor": nip, "action": "skp.dialogue.ack",
                    "subject": format!("employee:{nip}"), "after": { "year": year, "period": period },
                    "reason": null }),
        )
        .await;
    changed(res, "acknowledging a dialogue")
}
