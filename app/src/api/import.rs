//! Importing the organisation (HR): the imports, one import's progress and preview, applying it. The upload itself
//! is a plain `multipart/form-data` form posted to `/hr/import` (see the server's `import` routes).

use crate::api::*;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::context::{service_error, signed_in};
#[cfg(feature = "ssr")]
use crate::api::feedback::plain_redirect as back;
#[cfg(feature = "ssr")]
use backend::services::import as service;

/// `/hr/import`: the newest imports.
#[server(prefix = "/api", endpoint = "imports", output = crate::api::JsonText)]
pub async fn load_imports() -> Result<Vec<ImportSummary>, AppError> {
    let (state, viewer) = signed_in().await?;
    service::recent(&state.db, &viewer).await.map_err(service_error)
}

/// `/hr/import/:id`: one import, its progress while it is checked or applied, its preview and outcome.
#[server(prefix = "/api", endpoint = "imports/one", output = crate::api::JsonText)]
pub async fn load_import(id: String) -> Result<ImportJob, AppError> {
    let (state, viewer) = signed_in().await?;
    service::job(&state.db, &viewer, &id).await.map_err(service_error)
}

/// An import's page: what [`load_import`] answers, drawn by the server (`pages::import::part`).
#[server(prefix = "/api", endpoint = "imports/one/part", output = crate::api::JsonText)]
pub async fn load_import_part(id: String) -> Result<DrawnPart, AppError> {
    let job = load_import(id).await?;
    Ok(crate::pages::import::part(job))
}

/// HR applies a checked import without errors (all of it or nothing; the page follows its progress).
#[server(prefix = "/api", endpoint = "imports/apply", output = crate::api::JsonText)]
pub async fn apply_import(id: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let page = format!("/hr/import/{}", crate::api::hr::percent_encode(&id));
    let result = service::apply(&state.db, &state.runtime, &viewer, &id).await.map_err(service_error);
    back(result, &page, &page)
}
