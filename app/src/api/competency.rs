//! The competency dictionary: everyone reads it, HR edits it.
#![allow(clippy::too_many_arguments)]

use crate::api::DictionaryPage;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::context::signed_in;

/// The dictionary with levels, indicators and questionnaire items, and the required level per position type.
#[server(prefix = "/api", endpoint = "competencies", output = crate::api::JsonText)]
pub async fn load_dictionary() -> Result<DictionaryPage, AppError> {
    use crate::api::context::internal;
    let (state, viewer) = signed_in().await?;
    backend::services::competency::dictionary(&state.db, &viewer).await.map_err(internal)
}

/// Creates (empty `key`) or edits a competency. Levels and items: one per line.
#[server(prefix = "/api", endpoint = "competencies/save", output = crate::api::JsonText)]
pub async fn save_competency(
    key: String,
    code: String,
    kind: String,
    name_id: String,
    name_en: String,
    description_id: String,
    description_en: String,
    levels_id: String,
    levels_en: String,
    items_id: String,
    items_en: String,
    active: Option<String>,
) -> Result<String, AppError> {
    use crate::api::context::{is_plain_form_post, service_error};
    use backend::services::competency::{CompetencyInput, save_competency as save};
    let (state, viewer) = signed_in().await?;
    let input = CompetencyInput {
        key,
        code,
        kind,
        name_id,
        name_en,
        description_id,
        description_en,
        levels_id,
        levels_en,
        items_id,
        items_en,
        active: active.is_some(),
    };
    let key = save(&state.db, &viewer, &input).await.map_err(service_error)?;
    if is_plain_form_post() {
        crate::api::context::redirect(&format!("/competencies#c-{key}"));
    }
    Ok(key)
}

/// Sets the required level of managerial and socio-cultural competencies for a position type.
#[server(prefix = "/api", endpoint = "competencies/standard", output = crate::api::JsonText)]
pub async fn set_standard(kind: String, level: String) -> Result<(), AppError> {
    use crate::api::context::{is_plain_form_post, service_error};
    let (state, viewer) = signed_in().await?;
    backend::services::competency::set_standard(&state.db, &viewer, &kind, &level).await.map_err(service_error)?;
    if is_plain_form_post() {
        crate::api::context::redirect("/competencies#standards");
    }
    Ok(())
}

/// Sets the required levels of one position (`levels[<competency key>] = 1..5`, empty = type default).
#[server(prefix = "/api", endpoint = "competencies/position/save", output = crate::api::JsonText)]
pub async fn save_position_levels(
    position: String,
    nip: String,
    levels: Option<std::collections::HashMap<String, String>>,
) -> Result<(), AppError> {
    use crate::api::context::{is_plain_form_post, service_error};
    let (state, viewer) = signed_in().await?;
    backend::services::competency::set_position_levels(&state.db, &viewer, &position, &levels.unwrap_or_default())
        .await
        .map_err(service_error)?;
    if is_plain_form_post() {
        crate::api::context::redirect(&format!("/employees/{}", nip.trim()));
    }
    Ok(())
}
