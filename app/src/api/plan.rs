//! Development plans (IDP): server functions.
#![allow(clippy::too_many_arguments)]

use crate::api::*;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::context::{service_error, signed_in, subject};
#[cfg(feature = "ssr")]
use crate::api::feedback::plain_redirect as back;
#[cfg(feature = "ssr")]
use backend::services::plan;

/// `/plan` (`me`) and `/plan/:nip`.
#[server(prefix = "/api", endpoint = "plan", output = crate::api::JsonText)]
pub async fn load_plan(nip: String) -> Result<PlanPage, AppError> {
    let (state, viewer) = signed_in().await?;
    let nip = subject(&viewer, &nip)?;
    plan::plan_page(&state.db, &viewer, &nip).await.map_err(service_error)
}

/// `/plan`'s page: what [`load_plan`] answers, drawn by the server (`pages::plan::part`).
#[server(prefix = "/api", endpoint = "plan/part", output = crate::api::JsonText)]
pub async fn load_plan_part(nip: String) -> Result<DrawnPart, AppError> {
    let page = load_plan(nip).await?;
    Ok(crate::pages::plan::part(page))
}

/// The employee adds a training (`training` = its code) or their own activity to their plan; `target` is the
/// position type aimed at, when the gap is measured against a target position.
#[server(prefix = "/api", endpoint = "plan/add", output = crate::api::JsonText)]
pub async fn add_plan_item(
    training: Option<String>,
    title: Option<String>,
    competency: Option<String>,
    due: String,
    target: Option<String>,
) -> Result<String, AppError> {
    let (state, viewer) = signed_in().await?;
    let (training, title, competency) = (training.as_deref(), title.as_deref(), competency.as_deref());
    let result = plan::add_plan_item(&state.db, &viewer, training, title, competency, &due, target.as_deref())
        .await
        .map_err(service_error);
    back(result, "/plan?saved=1", "/plan")
}

/// The employee updates an activity's status, evidence and due date.
#[server(prefix = "/api", endpoint = "plan/update", output = crate::api::JsonText)]
pub async fn update_plan_item(
    key: String,
    status: String,
    evidence: String,
    due: Option<String>,
) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let result = plan::update_plan_item(&state.db, &viewer, &key, &status, &evidence, due.as_deref())
        .await
        .map_err(service_error);
    back(result, "/plan?saved=1", "/plan")
}

/// A supervisor approves (`decision` = `approve`) or comments on an activity.
#[server(prefix = "/api", endpoint = "plan/review", output = crate::api::JsonText)]
pub async fn review_plan_item(key: String, decision: String, note: String, owner: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let result =
        plan::review_plan_item(&state.db, &viewer, &key, decision == "approve", &note).await.map_err(service_error);
    let page = format!("/plan/{}", crate::api::hr::percent_encode(&owner));
    back(result, &format!("{page}?saved=1"), &page)
}

/// The employee removes an activity that is not done.
#[server(prefix = "/api", endpoint = "plan/remove", output = crate::api::JsonText)]
pub async fn remove_plan_item(key: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let result = plan::remove_plan_item(&state.db, &viewer, &key).await.map_err(service_error);
    back(result, "/plan?saved=1", "/plan")
}
