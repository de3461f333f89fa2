//! Rater-bias signals for HR, server functions.

use crate::api::*;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::context::{service_error, signed_in};

/// `/talent/bias?round=&year=&period=`: the signals of a closed 360° round and a closed SKP period (HR).
#[server(prefix = "/api", endpoint = "talent/bias", output = crate::api::JsonText)]
pub async fn load_bias(round: Option<String>, year: Option<i32>, period: Option<u8>) -> Result<BiasPage, AppError> {
    let (state, viewer) = signed_in().await?;
    let period = year.zip(period);
    backend::services::bias::bias_page(&state.db, &viewer, round.as_deref(), period).await.map_err(service_error)
}

/// `/talent/bias`'s page: what [`load_bias`] answers, drawn by the server (`pages::bias::part`).
#[server(prefix = "/api", endpoint = "talent/bias/part", output = crate::api::JsonText)]
pub async fn load_bias_part(
    round: Option<String>,
    year: Option<i32>,
    period: Option<u8>,
) -> Result<DrawnPart, AppError> {
    let page = load_bias(round, year, period).await?;
    Ok(crate::pages::bias::part(page))
}
