//! Chart options for pages the browser renders itself: server functions (thin: session, parse, build).

use crate::error::AppError;
use leptos::prelude::*;

/// The ECharts option (JSON) of a chart described by its data (`spec`: a [`crate::charts::ChartSpec`] as JSON),
/// built as the server builds it into the pages it renders, with texts in the viewer's language. The browser asks
/// for it when it renders a page with charts after a client-side navigation, so the builders stay out of the wasm.
/// For signed-in people only; it reads nothing stored: the data is the caller's own, from a page they could load.
#[server(prefix = "/api", endpoint = "charts", output = crate::api::JsonText)]
pub async fn chart_option(spec: String) -> Result<String, AppError> {
    use crate::api::context::{fail, lang, signed_in};
    use crate::i18n::T;
    signed_in().await?;
    let spec: crate::charts::ChartSpec =
        serde_json::from_str(&spec).map_err(|_| fail(AppError::validation("spec", lang().t(T::ChartSpecInvalid))))?;
    Ok(spec.option(lang()))
}
