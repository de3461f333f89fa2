//! Talent management: the 9-box and its settings, server functions.

use crate::api::*;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::context::{service_error, signed_in};
#[cfg(feature = "ssr")]
use crate::api::feedback::plain_redirect as back;
#[cfg(feature = "ssr")]
use backend::services::talent as service;

/// `/talent?unit=&box=`: the 9-box of the viewer's scope or of one unit, and the people of one box.
#[server(prefix = "/api", endpoint = "talent")]
pub async fn load_talent(unit: Option<String>, selected: Option<u8>) -> Result<TalentPage, AppError> {
    let (state, viewer) = signed_in().await?;
    service::talent_page(&state.db, &viewer, unit.as_deref(), selected).await.map_err(service_error)
}

/// A person's box with the "why", for their profile (the person, those above them, HR and the head).
#[server(prefix = "/api", endpoint = "talent/person")]
pub async fn load_person_talent(nip: String) -> Result<PersonTalent, AppError> {
    let (state, viewer) = signed_in().await?;
    let nip = crate::api::context::subject(&viewer, &nip)?;
    service::person_talent(&state.db, &viewer, &nip).await.map_err(service_error)
}

/// HR changes how the axes are formed: the years of performance and the potential thresholds.
#[server(prefix = "/api", endpoint = "talent/settings")]
pub async fn save_talent_settings(
    years: String,
    potential_high: String,
    potential_low: String,
) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let result = service::save_talent_settings(&state.db, &viewer, &years, &potential_high, &potential_low)
        .await
        .map(|_| ())
        .map_err(service_error);
    back(result, "/talent?saved=1", "/talent")
}
