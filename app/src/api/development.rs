//! Reports, training catalog, training-needs analysis and development plans: server functions. Each resolves the
//! viewer on the server and calls one service in `server::services::development`.
#![allow(clippy::too_many_arguments)]

use crate::api::*;
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::HashMap;

#[cfg(feature = "ssr")]
use crate::api::context::{service_error, signed_in};
#[cfg(feature = "ssr")]
use backend::services::development as svc;

/// Without JavaScript a form post returns to a page.
#[cfg(feature = "ssr")]
fn back<T>(result: Result<T, AppError>, ok: &str, back: &str) -> Result<T, AppError> {
    crate::api::feedback::plain_redirect(result, ok, back)
}

/// `/reports/:nip` (`me` for one's own); `round` empty for the latest closed round.
#[server(prefix = "/api", endpoint = "reports")]
pub async fn load_report(nip: String, round: Option<String>) -> Result<ReportPage, AppError> {
    let (state, viewer) = signed_in().await?;
    svc::report_page(&state.db, &viewer, &nip, round.as_deref()).await.map_err(service_error)
}

/// The report settings in force.
#[server(prefix = "/api", endpoint = "reports/settings")]
pub async fn load_report_settings() -> Result<ReportSettings, AppError> {
    let (state, _viewer) = signed_in().await?;
    svc::report_settings(&state.db).await.map_err(service_error)
}

/// HR changes group weights, the JPM profile, its thresholds and the cap.
#[server(prefix = "/api", endpoint = "reports/settings/save")]
pub async fn save_report_settings(
    self_rating: String,
    supervisor: String,
    peer: String,
    subordinate: String,
    profile: String,
    selection_high: String,
    selection_low: String,
    mapping_high: String,
    mapping_low: String,
    cap: Option<String>,
) -> Result<(), AppError> {
    use crate::api::context::{fail, lang};
    use crate::domain::report::{JpmProfile, JpmSettings, Weights};
    use crate::i18n::T;
    let (state, viewer) = signed_in().await?;
    // Authorization before parsing: someone who may not change the settings learns nothing from their arguments.
    if !viewer.roles.has(crate::domain::Role::HrAdmin) {
        return Err(service_error(backend::ServiceError::Forbidden));
    }
    let pct = |s: &str| s.trim().parse::<u32>().ok();
    let num = |s: &str| s.trim().replace(',', ".").parse::<f64>().ok();
    let weights = match (pct(&self_rating), pct(&supervisor), pct(&peer), pct(&subordinate)) {
        (Some(a), Some(b), Some(c), Some(d)) => Weights { self_rating: a, supervisor: b, peer: c, subordinate: d },
        _ => return Err(fail(AppError::validation("weights", lang().t(T::InvalidWeights)))),
    };
    let jpm = match (num(&selection_high), num(&selection_low), num(&mapping_high), num(&mapping_low)) {
        (Some(a), Some(b), Some(c), Some(d)) => JpmSettings {
            profile: JpmProfile::from_code(&profile).unwrap_or(JpmProfile::Mapping),
            selection: (a, b),
            mapping: (c, d),
            cap_at_100: cap.is_some(),
        },
        _ => return Err(fail(AppError::validation("jpm", lang().t(T::InvalidJpmBands)))),
    };
    let result =
        svc::save_report_settings(&state.db, &viewer, &ReportSettings { weights, jpm }).await.map_err(service_error);
    back(result, "/trainings?saved=1", "/trainings")
}

/// `/trainings`.
#[server(prefix = "/api", endpoint = "trainings")]
pub async fn load_catalog() -> Result<CatalogPage, AppError> {
    let (state, viewer) = signed_in().await?;
    svc::catalog_page(&state.db, &viewer).await.map_err(service_error)
}

/// HR creates (`editing` empty) or edits a training. `competencies[<code>]` are checkboxes.
#[server(prefix = "/api", endpoint = "trainings/save")]
pub async fn save_training(
    editing: Option<String>,
    code: String,
    title_id: String,
    title_en: String,
    provider: String,
    mode: String,
    competencies: Option<HashMap<String, String>>,
    level_min: String,
    level_max: String,
    jp: String,
    cost: String,
    active: Option<String>,
) -> Result<String, AppError> {
    let (state, viewer) = signed_in().await?;
    let mut comps: Vec<String> = competencies.unwrap_or_default().into_keys().collect();
    comps.sort();
    let input = svc::TrainingInput {
        code,
        title_id,
        title_en,
        provider,
        mode,
        competencies: comps,
        level_min,
        level_max,
        jp,
        cost,
        active: active.is_some() || editing.as_deref().is_none_or(str::is_empty),
    };
    let editing = editing.filter(|e| !e.is_empty());
    let result = svc::save_training(&state.db, &viewer, &input, editing.as_deref()).await.map_err(service_error);
    let back_to = match &editing {
        Some(k) => format!("/trainings/{k}/edit"),
        None => "/trainings/new".into(),
    };
    back(result, "/trainings?saved=1", &back_to)
}

/// HR imports trainings from CSV text; all rows or none.
#[server(prefix = "/api", endpoint = "trainings/import")]
pub async fn import_trainings(csv: String) -> Result<ImportReport, AppError> {
    let (state, viewer) = signed_in().await?;
    svc::import_csv(&state.db, &viewer, &csv, crate::api::context::lang()).await.map_err(service_error)
}

/// `/trainings/needs`: `budget` in rupiah or JP (`budget_unit` = `rupiah` | `jp`).
#[server(prefix = "/api", endpoint = "trainings/needs")]
pub async fn load_needs(
    unit: Option<String>,
    budget: Option<String>,
    budget_unit: Option<String>,
) -> Result<NeedsPage, AppError> {
    let (state, viewer) = signed_in().await?;
    let budget = budget
        .map(|b| b.chars().filter(char::is_ascii_digit).collect::<String>())
        .filter(|b| !b.is_empty())
        .and_then(|b| b.parse::<u64>().ok());
    svc::needs_page(&state.db, &viewer, unit.as_deref(), budget, budget_unit.as_deref().unwrap_or("rupiah"))
        .await
        .map_err(service_error)
}

/// `/plan` (`me`) and `/plan/:nip`.
#[server(prefix = "/api", endpoint = "plan")]
pub async fn load_plan(nip: String) -> Result<PlanPage, AppError> {
    let (state, viewer) = signed_in().await?;
    svc::plan_page(&state.db, &viewer, &nip).await.map_err(service_error)
}

/// The employee adds a training (`training` = its code) or their own activity to their plan; `target` is the
/// position type aimed at, when the gap is measured against a target position.
#[server(prefix = "/api", endpoint = "plan/add")]
pub async fn add_plan_item(
    training: Option<String>,
    title: Option<String>,
    competency: Option<String>,
    due: String,
    target: Option<String>,
) -> Result<String, AppError> {
    let (state, viewer) = signed_in().await?;
    let (training, title, competency) = (training.as_deref(), title.as_deref(), competency.as_deref());
    let result = svc::add_plan_item(&state.db, &viewer, training, title, competency, &due, target.as_deref())
        .await
        .map_err(service_error);
    back(result, "/plan?saved=1", "/plan")
}

/// The employee updates an activity's status, evidence and due date.
#[server(prefix = "/api", endpoint = "plan/update")]
pub async fn update_plan_item(
    key: String,
    status: String,
    evidence: String,
    due: Option<String>,
) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let result = svc::update_plan_item(&state.db, &viewer, &key, &status, &evidence, due.as_deref())
        .await
        .map_err(service_error);
    back(result, "/plan?saved=1", "/plan")
}

/// A supervisor approves (`decision` = `approve`) or comments on an activity.
#[server(prefix = "/api", endpoint = "plan/review")]
pub async fn review_plan_item(key: String, decision: String, note: String, owner: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let result =
        svc::review_plan_item(&state.db, &viewer, &key, decision == "approve", &note).await.map_err(service_error);
    let page = format!("/plan/{}", crate::api::hr::percent_encode(&owner));
    back(result, &format!("{page}?saved=1"), &page)
}

/// The employee removes an activity that is not done.
#[server(prefix = "/api", endpoint = "plan/remove")]
pub async fn remove_plan_item(key: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let result = svc::remove_plan_item(&state.db, &viewer, &key).await.map_err(service_error);
    back(result, "/plan?saved=1", "/plan")
}
