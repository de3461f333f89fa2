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

/// `/talent?unit=&kind=&rank=&box=`: the 9-box of the viewer's scope or of one unit, of one position type and from a
/// rank up, and the people of one box.
#[server(prefix = "/api", endpoint = "talent", output = crate::api::JsonText)]
pub async fn load_talent(
    unit: Option<String>,
    kind: Option<String>,
    rank: Option<String>,
    selected: Option<u8>,
) -> Result<TalentPage, AppError> {
    let (state, viewer) = signed_in().await?;
    let invalid =
        |field| crate::api::context::service_error(backend::error::invalid(field, crate::i18n::T::TalentFilterInvalid));
    let kind = match kind.as_deref().filter(|k| !k.is_empty()) {
        Some(k) => Some(domain::PositionKind::from_code(k).ok_or_else(|| invalid("kind"))?),
        None => None,
    };
    let min_rank = match rank.as_deref().filter(|r| !r.is_empty()) {
        Some(r) => Some(domain::Rank::parse(r).ok_or_else(|| invalid("rank"))?),
        None => None,
    };
    let filter = TalentFilter { unit: unit.filter(|u| !u.is_empty()), kind, min_rank };
    service::talent_page(&state.db, &viewer, &filter, selected).await.map_err(service_error)
}

/// `/talent`'s page: what [`load_talent`] answers, drawn by the server (`pages::talent::part`).
#[server(prefix = "/api", endpoint = "talent/part", output = crate::api::JsonText)]
pub async fn load_talent_part(
    unit: Option<String>,
    kind: Option<String>,
    rank: Option<String>,
    selected: Option<u8>,
) -> Result<DrawnPart, AppError> {
    let page = load_talent(unit, kind, rank, selected).await?;
    Ok(crate::pages::talent::part(page))
}

/// A person's box with the "why", for their profile (the person, those above them, HR and the head).
#[server(prefix = "/api", endpoint = "talent/person", output = crate::api::JsonText)]
pub async fn load_person_talent(nip: String) -> Result<PersonTalent, AppError> {
    let (state, viewer) = signed_in().await?;
    let nip = crate::api::context::subject(&viewer, &nip)?;
    service::person_talent(&state.db, &viewer, &nip).await.map_err(service_error)
}

/// HR changes how the axes are formed: the years of performance, the potential thresholds and the weights of the
/// potential's parts (competency, qualification, track record; left as they are when not sent).
#[server(prefix = "/api", endpoint = "talent/settings", output = crate::api::JsonText)]
pub async fn save_talent_settings(
    years: String,
    potential_high: String,
    potential_low: String,
    weight_competency: Option<String>,
    weight_qualification: Option<String>,
    weight_track_record: Option<String>,
) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let weights = match (&weight_competency, &weight_qualification, &weight_track_record) {
        (None, None, None) => None,
        (c, q, t) => Some([c, q, t].map(|w| w.as_deref().unwrap_or(""))),
    };
    let form = domain::talent::SettingsForm { years: &years, high: &potential_high, low: &potential_low, weights };
    let result = service::save_talent_settings(&state.db, &viewer, &form).await.map(|_| ()).map_err(service_error);
    back(result, "/talent?saved=1", "/talent")
}

/// `/talent/calibrations`: the calibration sessions (HR and the head).
#[server(prefix = "/api", endpoint = "talent/calibrations", output = crate::api::JsonText)]
pub async fn load_calibrations() -> Result<CalibrationsPage, AppError> {
    let (state, viewer) = signed_in().await?;
    service::calibrations_page(&state.db, &viewer).await.map_err(service_error)
}

/// `/talent/calibrations`'s page: what [`load_calibrations`] answers, drawn by the server.
#[server(prefix = "/api", endpoint = "talent/calibrations/part", output = crate::api::JsonText)]
pub async fn load_calibrations_part() -> Result<DrawnPart, AppError> {
    let page = load_calibrations().await?;
    Ok(crate::pages::talent::calibrations_part(page))
}

/// `/talent/calibrations/:id?box=`: a session, how its distribution moved, its people and moves.
#[server(prefix = "/api", endpoint = "talent/calibration", output = crate::api::JsonText)]
pub async fn load_calibration(id: String, selected: Option<u8>) -> Result<CalibrationPage, AppError> {
    let (state, viewer) = signed_in().await?;
    service::calibration_page(&state.db, &viewer, &id, selected).await.map_err(service_error)
}

/// A session's page: what [`load_calibration`] answers, drawn by the server.
#[server(prefix = "/api", endpoint = "talent/calibration/part", output = crate::api::JsonText)]
pub async fn load_calibration_part(id: String, selected: Option<u8>) -> Result<DrawnPart, AppError> {
    let page = load_calibration(id, selected).await?;
    Ok(crate::pages::talent::calibration_part(page))
}

/// The page of a session.
#[cfg(feature = "ssr")]
fn calibration_href(id: &str) -> String {
    format!("/talent/calibrations/{}", crate::api::hr::percent_encode(id))
}

/// HR or the head opens a calibration session for a unit and a closed performance year; its page opens (with
/// JavaScript too: the answer asks for it).
#[server(prefix = "/api", endpoint = "talent/calibration/open", output = crate::api::JsonText)]
pub async fn open_calibration(unit: String, year: String) -> Result<String, AppError> {
    let (state, viewer) = signed_in().await?;
    let result = service::open_calibration(&state.db, &viewer, &unit, &year).await.map_err(service_error);
    let ok = match &result {
        Ok(id) => calibration_href(id),
        Err(_) => String::new(),
    };
    if result.is_ok() {
        // With or without JavaScript.
        crate::api::context::redirect(&ok);
        return result;
    }
    back(result, &ok, "/talent/calibrations")
}

/// A member moves a person of an open session to another box with a written reason.
#[server(prefix = "/api", endpoint = "talent/calibration/move", output = crate::api::JsonText)]
pub async fn move_in_calibration(id: String, nip: String, to: String, reason: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let nip = crate::api::context::subject(&viewer, &nip)?;
    let page = calibration_href(&id);
    let result = service::move_in_calibration(&state.db, &viewer, &id, &nip, &to, &reason).await.map_err(service_error);
    back(result, &format!("{page}?saved=1"), &page)
}

/// HR or the head closes a session, fixing its calibrated boxes.
#[server(prefix = "/api", endpoint = "talent/calibration/close", output = crate::api::JsonText)]
pub async fn close_calibration(id: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let page = calibration_href(&id);
    let result = service::close_calibration(&state.db, &viewer, &id).await.map_err(service_error);
    back(result, &page, &page)
}
