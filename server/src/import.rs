//! Organisation import and export over HTTP: `POST /hr/import/upload` takes a `multipart/form-data` form (a plain
//! HTML form, so it works without JavaScript) and goes to the import's page; the template, the directory as XLSX,
//! every error of an import and the set-up links of an applied one are downloads.

use crate::{Format, download_viewer, see_other, table_download, xlsx_download};
use app::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use backend::ServiceError;
use backend::services::import::{self as service, Upload};

#[derive(Default)]
struct Form {
    file_name: String,
    bytes: Vec<u8>,
    deactivate_missing: bool,
}

async fn read_form(mut multipart: Multipart) -> Result<Form, axum::extract::multipart::MultipartError> {
    let mut form = Form::default();
    while let Some(field) = multipart.next_field().await? {
        match field.name().unwrap_or_default() {
            "deactivate_missing" => form.deactivate_missing = !field.text().await?.trim().is_empty(),
            "file" => {
                form.file_name = field.file_name().unwrap_or_default().to_string();
                form.bytes = field.bytes().await?.to_vec();
            }
            _ => {}
        }
    }
    Ok(form)
}

/// `POST /hr/import/upload`: HR uploads a file; it is checked in the background and its page follows.
pub async fn upload_route(State(state): State<AppState>, headers: HeaderMap, multipart: Multipart) -> Response {
    let (viewer, lang) = match download_viewer(&state, &headers).await {
        Ok(v) => v,
        Err(refusal) => return *refusal,
    };
    let form = match read_form(multipart).await {
        Ok(f) => f,
        Err(e) => {
            tracing::info!(error = %e, "an unreadable import upload");
            return see_other(&format!(
                "/hr/import?error={}",
                app::api::hr::percent_encode(lang.t(i18n::T::ImportEmptyFile))
            ));
        }
    };
    let upload = Upload { file_name: &form.file_name, bytes: &form.bytes, deactivate_missing: form.deactivate_missing };
    match service::start(&state.db, &viewer, upload).await {
        Ok(id) => see_other(&format!("/hr/import/{id}")),
        Err(e @ (ServiceError::Unexpected(_) | ServiceError::Forbidden)) => crate::refusal(e, lang, "an import"),
        Err(e) => {
            let message = app::error::AppError::from_service(&e, lang).to_string();
            see_other(&format!("/hr/import?error={}", app::api::hr::percent_encode(&message)))
        }
    }
}

/// `GET /hr/import/template.xlsx`: the import's columns with an example row (HR).
pub async fn template_route(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let (viewer, lang) = match download_viewer(&state, &headers).await {
        Ok(v) => v,
        Err(refusal) => return *refusal,
    };
    let result = if viewer.roles.may_edit_employees() {
        service::template(lang).map_err(ServiceError::Unexpected)
    } else {
        Err(ServiceError::Forbidden)
    };
    xlsx_download(result, "templat-impor-pegawai", lang)
}

/// `GET /employees.xlsx`: the directory the viewer may see (HR: the whole organisation in the import's columns).
pub async fn directory_route(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let (viewer, lang) = match download_viewer(&state, &headers).await {
        Ok(v) => v,
        Err(refusal) => return *refusal,
    };
    xlsx_download(service::directory(&state.db, &viewer, lang).await, "pegawai", lang)
}

/// `GET /hr/import/{id}/errors.csv`: every error of an import's file.
pub async fn errors_route(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    uri: axum::http::Uri,
) -> Response {
    let (viewer, lang) = match download_viewer(&state, &headers).await {
        Ok(v) => v,
        Err(refusal) => return *refusal,
    };
    let result = service::all_errors(&state.db, &viewer, &id).await.map(|errors| {
        let mut out = String::from(domain::csv::BOM);
        out.push_str(&domain::csv::record(&[
            lang.t(i18n::T::ImportRow),
            lang.t(i18n::T::ImportColumn),
            lang.t(i18n::T::ImportProblem),
            lang.t(i18n::T::ImportValue),
        ]));
        for e in errors {
            out.push_str(&domain::csv::record(&[
                e.row.to_string(),
                i18n::import_column(lang, e.column).to_string(),
                i18n::import_problem(lang, &e.problem),
                e.value,
            ]));
        }
        out
    });
    table_download(result, &format!("kesalahan-impor-{id}"), lang, Format::of(&uri))
}

/// `GET /hr/import/{id}/links.csv`: the new accounts' set-up links, for the person who applied the import.
pub async fn links_route(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let (viewer, lang) = match download_viewer(&state, &headers).await {
        Ok(v) => v,
        Err(refusal) => return *refusal,
    };
    let origin = state.runtime.public_url.clone().unwrap_or_else(|| {
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
        let scheme = if state.runtime.secure_cookies { "https" } else { "http" };
        format!("{scheme}://{host}")
    });
    let result = service::setup_links(&state.db, &viewer, &id).await.map(|links| {
        let mut out = String::from(domain::csv::BOM);
        out.push_str(&domain::csv::record(&["NIP", lang.t(i18n::T::Name), lang.t(i18n::T::ImportLinkColumn)]));
        for (nip, name, path) in links {
            out.push_str(&domain::csv::record(&[
                format!("'{nip}"),
                name,
                format!("{}{path}", origin.trim_end_matches('/')),
            ]));
        }
        out
    });
    let mut res = table_download(result, &format!("tautan-akun-{id}"), lang, Format::Csv);
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    res
}
