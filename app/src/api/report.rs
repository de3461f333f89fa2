//! Competency reports and their settings: server functions (thin: session, parse, one service, one error adapter).
#![allow(clippy::too_many_arguments)]

use crate::api::*;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::context::{service_error, signed_in, subject};
#[cfg(feature = "ssr")]
use crate::api::feedback::plain_redirect as back;
#[cfg(feature = "ssr")]
use backend::services::report;

/// `/reports/:nip` (`me` for one's own); `round` empty for the latest closed round.
#[server(prefix = "/api", endpoint = "reports", output = crate::api::JsonText)]
pub async fn load_report(nip: String, round: Option<String>) -> Result<ReportPage, AppError> {
    let (state, viewer) = signed_in().await?;
    let nip = subject(&viewer, &nip)?;
    report::report_page(&state.db, &viewer, &nip, round.as_deref()).await.map_err(service_error)
}

/// `/reports/:nip`'s page: what [`load_report`] answers, drawn by the server around the what-if
/// (`pages::report::report_parts`).
#[server(prefix = "/api", endpoint = "reports/parts", output = crate::api::JsonText)]
pub async fn load_report_parts(nip: String, round: Option<String>) -> Result<ReportParts, AppError> {
    let report = load_report(nip, round).await?;
    Ok(crate::pages::report::report_parts(report))
}

/// The report settings in force.
#[server(prefix = "/api", endpoint = "reports/settings", output = crate::api::JsonText)]
pub async fn load_report_settings() -> Result<ReportSettings, AppError> {
    let (state, _viewer) = signed_in().await?;
    report::report_settings(&state.db).await.map_err(service_error)
}

/// HR changes group weights, the JPM profile, its thresholds and the cap.
#[server(prefix = "/api", endpoint = "reports/settings/save", output = crate::api::JsonText)]
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
        report::save_report_settings(&state.db, &viewer, &ReportSettings { weights, jpm }).await.map_err(service_error);
    back(result, "/trainings?saved=1", "/trainings")
}
