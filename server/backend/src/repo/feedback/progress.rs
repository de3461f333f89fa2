//! What a round's progress page counts: assignments per state by unit, rater or ratee, and the changes by hand.

use crate::db::Db;
use domain::feedback::{AssignmentState, RaterGroup};
use serde::Deserialize;
use serde_json::json;

/// What progress is counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountBy {
    /// The rater's unit when the round opened.
    Unit,
    Rater,
    Ratee,
}

/// Counts of assignments per (key, state), grouped by the rater's unit, the rater or the ratee.
pub async fn progress_counts(db: &Db, round: &str, by: CountBy) -> anyhow::Result<Vec<(String, AssignmentState, u64)>> {
    let field = match by {
        CountBy::Unit => "record::id(unit)",
        CountBy::Rater => "record::id(in)",
        CountBy::Ratee => "record::id(out)",
    };
    let sql = format!(
        "SELECT VALUE [k, state, n] FROM (SELECT {field} AS k, state, count() AS n FROM assesses
         WHERE round = type::record('round', $r) GROUP BY k, state);"
    );
    db.rows(&sql, json!({ "r": round })).await
}

/// A change by hand of a round's assignments, as the round's page lists it.
#[derive(Debug, Clone, Deserialize)]
pub struct ChangeRow {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub rater: String,
    pub ratee: String,
    pub rater_group: RaterGroup,
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
