//! The reads of reports: a person's results per round, the closed rounds, a round's compact summaries and the
//! heading of a report.

use crate::db::Db;
use serde::Deserialize;
use serde_json::json;

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
