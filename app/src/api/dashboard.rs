//! The head-of-agency dashboard, server function.

use crate::api::*;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::context::{service_error, signed_in};

/// `/dashboard?unit=&period=YYYY-N&measure=`: one unit's figures (or the viewer's whole scope) with its child units
/// beside them — the head and HR everywhere, a supervisor within their subtree.
#[server(prefix = "/api", endpoint = "dashboard", output = crate::api::JsonText)]
pub async fn load_dashboard(
    unit: Option<String>,
    period: Option<String>,
    measure: Option<String>,
) -> Result<DashboardPage, AppError> {
    let (state, viewer) = signed_in().await?;
    let query = DashboardQuery::parse(unit.as_deref(), period.as_deref(), measure.as_deref())
        .ok_or_else(|| service_error(backend::error::invalid("period", crate::i18n::T::DashboardQueryInvalid)))?;
    backend::services::dashboard::dashboard_page(&state.db, &viewer, &query).await.map_err(service_error)
}

/// `/dashboard`'s page: what [`load_dashboard`] answers, drawn by the server (`pages::dashboard::part`).
#[server(prefix = "/api", endpoint = "dashboard/part", output = crate::api::JsonText)]
pub async fn load_dashboard_part(
    unit: Option<String>,
    period: Option<String>,
    measure: Option<String>,
) -> Result<DrawnPart, AppError> {
    let page = load_dashboard(unit, period, measure).await?;
    Ok(crate::pages::dashboard::part(page))
}
