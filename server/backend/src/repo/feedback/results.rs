//! Closing reads every edge of a round once and writes each ratee's materialised result; reports read them back.
//! Results are stored as versioned documents ([`ResultDoc`]), never as the read model the pages receive.

use crate::db::Db;
use anyhow::Context;
use domain::feedback::{AssignmentState, RaterGroup, ResultDoc};
use domain::report::ScoreRow;
use domain::view::ResultData;
use serde_json::json;
use surrealdb::types::{Object, RecordId, Value};

/// Every edge of a round, for closing: (ratee, group, state, answers, comments).
pub type EdgeData = (String, RaterGroup, AssignmentState, Vec<i64>, Vec<String>);

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

/// The (ratee, group) pairs whose membership was changed by hand after one of the group's raters had submitted.
pub async fn changed_after_submission(db: &Db, round: &str) -> anyhow::Result<Vec<(String, RaterGroup)>> {
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

/// A result to write: the ratee, their result and its compact summary (what reports and trends read).
pub type NewResult = (String, ResultData, Vec<ScoreRow>);

/// Writes results.
pub async fn insert_results(db: &Db, round: &str, rows: &[NewResult]) -> anyhow::Result<()> {
    let now = Value::Datetime(surrealdb::types::Datetime::now());
    for chunk in rows.chunks(2_000) {
        let mut values: Vec<Value> = Vec::with_capacity(chunk.len());
        for (nip, data, summary) in chunk {
            let data = serde_json::to_string(&ResultDoc::from(data)).context("encoding a result")?;
            let summary = serde_json::to_string(summary).context("encoding a summary")?;
            values.push({
                let mut o = Object::new();
                o.insert("id", Value::RecordId(RecordId::new("round_result", result_key(round, nip))));
                o.insert("round", Value::RecordId(RecordId::new("round", round)));
                o.insert("employee", Value::RecordId(RecordId::new("employee", nip.as_str())));
                o.insert("data_json", Value::String(data));
                o.insert("summary_json", Value::String(summary));
                o.insert("computed_at", now.clone());
                Value::Object(o)
            });
        }
        let mut vars = Object::new();
        vars.insert("rows", values);
        db.run_native("INSERT INTO round_result $rows RETURN NONE;", vars).await.context("writing results")?;
    }
    Ok(())
}

/// One person's materialised result in a round.
pub async fn result(db: &Db, round: &str, nip: &str) -> anyhow::Result<Option<ResultData>> {
    let json: Option<String> = db
        .run(
            "SELECT VALUE data_json FROM ONLY type::record('round_result', $key);",
            json!({ "key": result_key(round, nip) }),
        )
        .await?
        .value(0)?;
    json.map(|j| decode_result(&j)).transpose()
}

/// Decodes a stored result document into the result pages read (see [`ResultDoc`]).
pub fn decode_result(json: &str) -> anyhow::Result<ResultData> {
    let doc: ResultDoc = serde_json::from_str(json).context("decoding a result")?;
    Ok(ResultData::try_from(doc)?)
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
