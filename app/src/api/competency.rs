//! The competency dictionary: everyone reads it, HR edits it.
#![allow(clippy::too_many_arguments)]

use crate::api::DictionaryPage;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::context::signed_in;

/// The dictionary with levels, indicators and questionnaire items, and the required level per position type.
#[server(prefix = "/api", endpoint = "competencies")]
pub async fn load_dictionary() -> Result<DictionaryPage, AppError> {
    use crate::server::context::internal;
    let (state, viewer) = signed_in().await?;
    crate::server::services::competency::dictionary(&state.db, &viewer).await.map_err(internal)
}

/// Creates (empty `key`) or edits a competency. Levels and items: one per line.
#[server(prefix = "/api", endpoint = "competencies/save")]
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
    use crate::server::context::{fail, is_plain_form_post, lang};
    use crate::server::services::competency::{CompetencyInput, save_competency as save};
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
    let key = save(&state.db, &viewer, &input, lang()).await.map_err(fail)?;
    if is_plain_form_post() {
        crate::server::context::redirect(&format!("/competencies#c-{key}"));
    }
    Ok(key)
}

/// Sets the required level of managerial and socio-cultural competencies for a position type.
#[server(prefix = "/api", endpoint = "competencies/standard")]
pub async fn set_standard(kind: String, level: String) -> Result<(), AppError> {
    use crate::server::context::{fail, is_plain_form_post, lang};
    let (state, viewer) = signed_in().await?;
    crate::server::services::competency::set_standard(&state.db, &viewer, &kind, &level, lang()).await.map_err(fail)?;
    if is_plain_form_post() {
        crate::server::context::redirect("/competencies#standards");
    }
    Ok(())
}

/// The required levels of one position.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PositionLevels {
    pub position_key: String,
    pub position_name: String,
    pub kind_label: String,
    /// (competency key, code, name, required level (0 = not required), set for this position).
    pub levels: Vec<(String, String, crate::domain::Bilingual, u8, bool)>,
    pub can_edit: bool,
}

/// Sets the required levels of one position (`levels[<competency key>] = 1..5`, empty = type default).
#[server(prefix = "/api", endpoint = "competencies/position/save")]
pub async fn save_position_levels(
    position: String,
    nip: String,
    levels: Option<std::collections::HashMap<String, String>>,
) -> Result<(), AppError> {
    use crate::server::context::{fail, is_plain_form_post, lang};
    let (state, viewer) = signed_in().await?;
    crate::server::services::competency::set_position_levels(
        &state.db,
        &viewer,
        &position,
        &levels.unwrap_or_default(),
        lang(),
    )
    .await
    .map_err(fail)?;
    if is_plain_form_post() {
        crate::server::context::redirect(&format!("/employees/{}", nip.trim()));
    }
    Ok(())
}
