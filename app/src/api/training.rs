//! The training catalog and the training-needs analysis: server functions.
#![allow(clippy::too_many_arguments)]

use crate::api::*;
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::HashMap;

#[cfg(feature = "ssr")]
use crate::api::context::{service_error, signed_in};
#[cfg(feature = "ssr")]
use crate::api::feedback::plain_redirect as back;
#[cfg(feature = "ssr")]
use backend::services::training;

/// `/trainings`.
#[server(prefix = "/api", endpoint = "trainings", output = crate::api::JsonText)]
pub async fn load_catalog() -> Result<CatalogPage, AppError> {
    let (state, viewer) = signed_in().await?;
    training::catalog_page(&state.db, &viewer).await.map_err(service_error)
}

/// `/trainings`'s page: the catalog, and for HR the report settings, drawn by the server (`pages::training::part`).
#[server(prefix = "/api", endpoint = "trainings/part", output = crate::api::JsonText)]
pub async fn load_catalog_part() -> Result<DrawnPart, AppError> {
    let page = load_catalog().await?;
    let settings = if page.can_edit { Some(crate::api::report::load_report_settings().await?) } else { None };
    Ok(crate::pages::training::part(page, settings))
}

/// HR creates (`editing` empty) or edits a training. `competencies[<code>]` are checkboxes.
#[server(prefix = "/api", endpoint = "trainings/save", output = crate::api::JsonText)]
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
    let input = training::TrainingInput {
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
    let result = training::save_training(&state.db, &viewer, &input, editing.as_deref()).await.map_err(service_error);
    let back_to = match &editing {
        Some(k) => format!("/trainings/{k}/edit"),
        None => "/trainings/new".into(),
    };
    back(result, "/trainings?saved=1", &back_to)
}

/// HR imports trainings from CSV text; all rows or none. Rows with problems refuse the whole text, with one line
/// per problem ("Baris 3: mode: …").
#[server(prefix = "/api", endpoint = "trainings/import", output = crate::api::JsonText)]
pub async fn import_trainings(csv: String) -> Result<ImportReport, AppError> {
    use crate::api::context::{fail, lang};
    let (state, viewer) = signed_in().await?;
    let result = async {
        let outcome = training::import_csv(&state.db, &viewer, &csv).await.map_err(service_error)?;
        if outcome.problems.is_empty() {
            return Ok(ImportReport { imported: outcome.imported, updated: outcome.updated });
        }
        let lang = lang();
        let mut message = lang.t(crate::i18n::T::ImportRejected).to_string();
        for p in outcome.problems {
            let text = lang.t(p.text);
            let problem = match (p.column, p.value) {
                (Some(column), _) => format!("{column}: {text}"),
                (None, Some(value)) => format!("{text} ({value})"),
                (None, None) => text.to_string(),
            };
            message.push('\n');
            message.push_str(&lang.fill(crate::i18n::T::RulesLine, &[("line", &p.line), ("problem", &problem)]));
        }
        Err(fail(AppError::validation("csv", message)))
    }
    .await;
    back(result, "/trainings?saved=1", "/trainings")
}

/// `/trainings/needs`: `budget` in rupiah or JP (`budget_unit` = `rupiah` | `jp`).
#[server(prefix = "/api", endpoint = "trainings/needs", output = crate::api::JsonText)]
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
    training::needs_page(&state.db, &viewer, unit.as_deref(), budget, budget_unit.as_deref().unwrap_or("rupiah"))
        .await
        .map_err(service_error)
}

/// `/trainings/needs`'s page: what [`load_needs`] answers, drawn by the server (`pages::training::needs::part`).
#[server(prefix = "/api", endpoint = "trainings/needs/part", output = crate::api::JsonText)]
pub async fn load_needs_part(
    unit: Option<String>,
    budget: Option<String>,
    budget_unit: Option<String>,
) -> Result<DrawnPart, AppError> {
    let page = load_needs(unit, budget, budget_unit).await?;
    Ok(crate::pages::training::needs::part(page))
}
