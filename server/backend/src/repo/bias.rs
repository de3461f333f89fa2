//! What rater-bias signals are computed from: a round's submitted assessments with their raters (never leaving the
//! server), and a period's predikat with their raters and the unit paths they were given in.

use crate::db::Db;
use anyhow::Context;
use domain::feedback::RaterGroup;
use domain::skp::Predikat;
use serde_json::json;

/// One submitted assessment: rater, ratee, group and answers.
pub type Assessment = (String, String, RaterGroup, Vec<u8>);

/// A round's submitted assessments.
pub async fn round_assessments(db: &Db, round: &str) -> anyhow::Result<Vec<Assessment>> {
    db.rows(
        "SELECT VALUE [record::id(in), record::id(out), rater_group, answers] FROM assesses
         WHERE round = type::record('round', $r) AND state = 'submitted';",
        json!({ "r": round }),
    )
    .await
    .context("reading a round's assessments for bias signals")
}

/// One rating of a period: the rater, the predikat and the unit path of the rated person ([unit … root]).
pub type PeriodRating = (String, Predikat, Vec<String>);

/// A period's ratings with a predikat and a rater.
pub async fn period_ratings(db: &Db, year: i32, period: u8) -> anyhow::Result<Vec<PeriodRating>> {
    db.rows(
        "SELECT VALUE [rated_by, predikat, units ?? []] FROM skp_eval
         WHERE year = $year AND period = $period AND predikat != NONE AND rated_by != NONE;",
        json!({ "year": year, "period": period }),
    )
    .await
    .context("reading a period's ratings for bias signals")
}
