//! Evidence files over HTTP: `POST /skp/evidence` takes a `multipart/form-data` form (a plain HTML form, so that it
//! works without JavaScript) and returns to the evaluation page with the outcome in the query string;
//! `GET /skp/evidence/{id}` serves a file as a download to those who may read it, never inline and never sniffed.

use crate::{download_viewer, see_other};
use app::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use backend::ServiceError;
use backend::services::skp::{self as service, Upload};

/// The evaluation page of the viewer's own period, to return to.
fn evaluation_url(nip: &str, year: i32, period: u8) -> String {
    format!("/skp/{nip}/periods/{period}?year={year}")
}

/// The form's fields; the file's bytes are read whole (the edge bounds the body).
#[derive(Default)]
struct Form {
    year: Option<i32>,
    period: Option<u8>,
    row: String,
    file_name: String,
    bytes: Vec<u8>,
}

async fn read_form(mut multipart: Multipart) -> Result<Form, axum::extract::multipart::MultipartError> {
    let mut form = Form::default();
    while let Some(field) = multipart.next_field().await? {
        match field.name().unwrap_or_default() {
            "year" => form.year = field.text().await?.trim().parse().ok(),
            "period" => form.period = field.text().await?.trim().parse().ok(),
            "row" => form.row = field.text().await?.trim().to_string(),
            "file" => {
                form.file_name = field.file_name().unwrap_or_default().to_string();
                form.bytes = field.bytes().await?.to_vec();
            }
            _ => {}
        }
    }
    Ok(form)
}

/// `POST /skp/evidence`: the owner attaches a file to a row of an open period.
pub async fn upload_route(State(state): State<AppState>, headers: HeaderMap, multipart: Multipart) -> Response {
    let (viewer, lang) = match download_viewer(&state, &headers).await {
        Ok(v) => v,
        Err(refusal) => return *refusal,
    };
    let form = match read_form(multipart).await {
        Ok(f) => f,
        Err(e) => {
            tracing::info!(error = %e, "an unreadable evidence upload");
            return (StatusCode::BAD_REQUEST, lang.t(i18n::T::SkpEvidenceEmpty)).into_response();
        }
    };
    let (Some(year), Some(period)) = (form.year, form.period) else {
        return (StatusCode::BAD_REQUEST, lang.t(i18n::T::SkpEvidenceEmpty)).into_response();
    };
    let page = evaluation_url(&viewer.nip, year, period);
    let upload = Upload { year, period, row: &form.row, file_name: &form.file_name, bytes: &form.bytes };
    match service::upload_evidence(&state.db, &viewer, upload).await {
        Ok(_) => see_other(&format!("{page}&saved=1#evidence-{}", form.row)),
        Err(ServiceError::Unexpected(e)) => {
            tracing::error!(error = ?e, "storing an evidence file");
            (StatusCode::INTERNAL_SERVER_ERROR, lang.t(i18n::T::ErrInternal)).into_response()
        }
        Err(e) => {
            let message = app::error::AppError::from_service(&e, lang).to_string();
            see_other(&format!("{page}&error={}", app::api::hr::percent_encode(&message)))
        }
    }
}

/// `Content-Disposition` for a stored name: an ASCII fallback and the exact name (RFC 6266 / 5987).
fn disposition(name: &str) -> String {
    let ascii: String = name.chars().map(|c| if c.is_ascii_graphic() || c == ' ' { c } else { '_' }).collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{}", app::api::hr::percent_encode(name))
}

/// `GET /skp/evidence/{id}`: the file, as a download.
pub async fn download_route(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let (viewer, lang) = match download_viewer(&state, &headers).await {
        Ok(v) => v,
        Err(refusal) => return *refusal,
    };
    match service::evidence_download(&state.db, &viewer, &id).await {
        Ok(file) => {
            let mut res = (StatusCode::OK, file.bytes).into_response();
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(file.kind.mime()));
            if let Ok(v) = HeaderValue::from_str(&disposition(&file.name)) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
            h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; sandbox"));
            res
        }
        Err(e) => crate::refusal(e, lang, "an evidence file"),
    }
}
