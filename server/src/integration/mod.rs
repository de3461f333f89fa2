//! The JSON API for other systems under `/api/v1` (the server functions under `/api` stay private to the pages).
//! Every call but the OpenAPI document and its readable page carries an API token (`Authorization: Bearer …`,
//! issued by HR on `/hr/api`), is checked against the token's scopes, and is logged. The OpenAPI 3 document is
//! generated from these handlers' annotations and the resource types (`backend::services::integration::types`).

use crate::edge;

mod docs;
use app::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use backend::ServiceError;
use backend::services::import::Upload;
use backend::services::integration::types::*;
use backend::services::integration::{self as service, Caller};
use i18n::{Lang, T};
use serde::Serialize;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

/// The API's routes, to be merged into the application's router.
pub fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/api/v1/openapi.json", get(openapi_json))
        .route("/api/v1/docs", get(docs))
        .route("/api/v1/units", get(units))
        .route("/api/v1/employees", get(employees))
        .route("/api/v1/employees/{nip}", get(employee))
        .route("/api/v1/employees/{nip}/skp/{year}", get(skp_status))
        .route("/api/v1/employees/{nip}/results", get(results))
        .route("/api/v1/periods/{year}/{period}/predikat", get(predikat))
        .route(
            edge::API_IMPORT_PATH,
            post(start_import).layer(axum::extract::DefaultBodyLimit::max(edge::body_limit(edge::API_IMPORT_PATH))),
        )
        .route("/api/v1/imports/{id}", get(import))
        .route("/api/v1/imports/{id}/apply", post(apply_import))
        .route("/api/v1/{*rest}", axum::routing::any(no_route))
        .route("/hr/api/issue", post(issue_route))
}

/// The OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kinerja API",
        version = "1",
        description = "Exchange of organisation, work plan (SKP) and 360° data with SIASN, e-Kinerja and other \
            systems. Authenticate with a token issued by HR (`Authorization: Bearer knj_…`); each endpoint names \
            the scope it needs. Error messages follow `Accept-Language` (Indonesian unless English is asked for).",
        license(name = "AGPL-3.0-or-later")
    ),
    paths(units, employees, employee, skp_status, predikat, results, start_import, import, apply_import),
    components(schemas(
        Unit, UnitList, Employee, EmployeePage, SkpStatus, PeriodRating, PredikatList, PredikatLine, FeedbackResult,
        CompetencyResult, GroupResult, Import, ImportCounts, ImportError, ApiError, ImportFile
    )),
    modifiers(&TokenAuth),
    tags(
        (name = "organisation", description = "Units and employees (scope `org:read`; the import: `org:write`)"),
        (name = "performance", description = "Work plans and predikat (scope `skp:read`)"),
        (name = "competency", description = "360° results under the report's anonymity rules (scope `results:read`)")
    )
)]
pub struct ApiDoc;

struct TokenAuth;

impl Modify for TokenAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("knj_ followed by 64 hex digits")
                    .description(Some("An API token issued by HR on /hr/api."))
                    .build(),
            ),
        );
    }
}

/// A staff list file: XLSX, or UTF-8 CSV, in the columns of the HR import (see the template on `/hr/import`).
pub struct ImportFile;

impl utoipa::PartialSchema for ImportFile {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .min_length(Some(1))
            .description(Some("The file's bytes: XLSX, or UTF-8 CSV"))
            .into()
    }
}

impl ToSchema for ImportFile {}

/// The language of an API answer: English when `Accept-Language` prefers it, Indonesian otherwise.
fn lang_of(headers: &HeaderMap) -> Lang {
    let first = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    if first.starts_with("en") { Lang::En } else { Lang::Id }
}

fn error_body(status: StatusCode, code: &str, message: String, field: Option<String>) -> Response {
    let mut res = (status, Json(ApiError { error: code.to_string(), message, field })).into_response();
    if status == StatusCode::UNAUTHORIZED {
        res.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"kinerja\""));
    }
    res
}

/// A refused or failed call as JSON; an unexpected failure is logged, its cause never shown.
fn error_response(e: &ServiceError, lang: Lang) -> Response {
    let message = |t: T| lang.t(t).to_string();
    match e {
        ServiceError::Unauthorized(t) => {
            let code = match t {
                T::ApiTokenRevoked => "token_revoked",
                T::ApiTokenExpired => "token_expired",
                T::ApiIssuerGone => "issuer_inactive",
                _ => "unauthorized",
            };
            error_body(StatusCode::UNAUTHORIZED, code, message(*t), None)
        }
        ServiceError::Forbidden => error_body(StatusCode::FORBIDDEN, "forbidden", message(T::ApiForbidden), None),
        ServiceError::NotFound => error_body(StatusCode::NOT_FOUND, "not_found", message(T::ErrNotFound), None),
        ServiceError::Unexpected(cause) => {
            tracing::error!(error = ?cause, "an API call failed");
            error_body(StatusCode::INTERNAL_SERVER_ERROR, "internal", message(T::ErrInternal), None)
        }
        other => {
            let err = app::error::AppError::from_service(other, lang);
            let (status, code) = match other {
                ServiceError::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
                ServiceError::TooMany(_) => (StatusCode::TOO_MANY_REQUESTS, "too_many"),
                _ => (StatusCode::BAD_REQUEST, "invalid"),
            };
            error_body(status, code, err.to_string(), err.field().map(str::to_string))
        }
    }
}

/// Authenticates, runs `work` for the caller, answers with `ok` and JSON, and logs the call with its status.
async fn answer<R, F, Fut>(
    state: &AppState,
    headers: &HeaderMap,
    method: Method,
    uri: &Uri,
    ok: StatusCode,
    work: F,
) -> Response
where
    R: Serialize,
    F: FnOnce(backend::Db, Caller, Lang) -> Fut,
    Fut: Future<Output = Result<R, ServiceError>>,
{
    let lang = lang_of(headers);
    let authorization = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
    let caller = match service::authenticate(&state.db, authorization).await {
        Ok(c) => c,
        Err(e) => {
            tracing::info!(path = uri.path(), error = %e, "an API call without a valid token");
            return error_response(&e, lang);
        }
    };
    let res = match work(state.db.clone(), caller.clone(), lang).await {
        Ok(body) => (ok, Json(body)).into_response(),
        Err(e) => error_response(&e, lang),
    };
    if let Err(e) = service::record(&state.db, &caller, method.as_str(), uri.path(), res.status().as_u16()).await {
        // An answer whose call cannot be logged is not given: every call is audited.
        tracing::error!(error = ?e, "logging an API call");
        return error_response(&ServiceError::Unexpected(e), lang);
    }
    res
}

/// Query parameters that do not parse: refused after the token is checked (a caller without one learns nothing).
fn read_query<Q>(query: Result<Query<Q>, QueryRejection>) -> Result<Q, ServiceError> {
    query.map(|Query(q)| q).map_err(|_| backend::error::invalid("query", T::ApiBadRequest))
}

fn parse_year(text: &str) -> Result<i32, ServiceError> {
    text.parse::<i32>().map_err(|_| backend::error::invalid("year", T::ApiYear))
}

/// The units of the organisation, each parent before its children.
#[utoipa::path(get, path = "/api/v1/units", tag = "organisation",
    responses(
        (status = 200, description = "The units", body = UnitList),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 403, description = "The token lacks the scope", body = ApiError),
    ),
    security(("token" = ["org:read"])))]
async fn units(State(state): State<AppState>, headers: HeaderMap, uri: Uri) -> Response {
    answer(&state, &headers, Method::GET, &uri, StatusCode::OK, |db, c, _| async move { service::units(&db, &c).await })
        .await
}

/// Employees ordered by NIP, a page at a time (follow `next_after`).
#[utoipa::path(get, path = "/api/v1/employees", tag = "organisation", params(EmployeeQuery),
    responses(
        (status = 200, description = "A page of employees", body = EmployeePage),
        (status = 400, description = "A parameter is invalid", body = ApiError),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 403, description = "The token lacks the scope", body = ApiError),
    ),
    security(("token" = ["org:read"])))]
async fn employees(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    query: Result<Query<EmployeeQuery>, QueryRejection>,
) -> Response {
    answer(&state, &headers, Method::GET, &uri, StatusCode::OK, |db, c, _| async move {
        service::employees(&db, &c, &read_query(query)?).await
    })
    .await
}

/// One employee by NIP.
#[utoipa::path(get, path = "/api/v1/employees/{nip}", tag = "organisation",
    params(("nip" = String, Path, description = "The 18-digit NIP", pattern = "^[0-9]{18}$")),
    responses(
        (status = 200, description = "The employee", body = Employee),
        (status = 400, description = "Not a valid NIP", body = ApiError),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 403, description = "The token lacks the scope", body = ApiError),
        (status = 404, description = "No such employee", body = ApiError),
    ),
    security(("token" = ["org:read"])))]
async fn employee(State(state): State<AppState>, headers: HeaderMap, uri: Uri, Path(nip): Path<String>) -> Response {
    answer(&state, &headers, Method::GET, &uri, StatusCode::OK, |db, c, _| async move {
        service::employee_by_nip(&db, &c, &nip).await
    })
    .await
}

/// An employee's work plan (SKP) of a year: the newest version's status and each period's rating.
#[utoipa::path(get, path = "/api/v1/employees/{nip}/skp/{year}", tag = "performance",
    params(
        ("nip" = String, Path, description = "The 18-digit NIP", pattern = "^[0-9]{18}$"),
        ("year" = i32, Path, description = "The performance year", minimum = 2000, maximum = 2100, example = 2026),
    ),
    responses(
        (status = 200, description = "The plan's status and ratings", body = SkpStatus),
        (status = 400, description = "Not a valid NIP or year", body = ApiError),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 403, description = "The token lacks the scope", body = ApiError),
        (status = 404, description = "No such employee", body = ApiError),
    ),
    security(("token" = ["skp:read"])))]
async fn skp_status(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Path((nip, year)): Path<(String, String)>,
) -> Response {
    answer(&state, &headers, Method::GET, &uri, StatusCode::OK, |db, c, _| async move {
        service::skp_status(&db, &c, &nip, parse_year(&year)?).await
    })
    .await
}

/// Every predikat of one period, ordered by NIP.
#[utoipa::path(get, path = "/api/v1/periods/{year}/{period}/predikat", tag = "performance",
    params(
        ("year" = i32, Path, description = "The performance year", minimum = 2000, maximum = 2100, example = 2026),
        ("period" = u8, Path, description = "The period's number within the year", minimum = 1, maximum = 13, example = 1),
    ),
    responses(
        (status = 200, description = "The period's ratings", body = PredikatList),
        (status = 400, description = "Not a valid year or period", body = ApiError),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 403, description = "The token lacks the scope", body = ApiError),
        (status = 404, description = "No such period", body = ApiError),
    ),
    security(("token" = ["skp:read"])))]
async fn predikat(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Path((year, period)): Path<(String, String)>,
) -> Response {
    answer(&state, &headers, Method::GET, &uri, StatusCode::OK, |db, c, _| async move {
        let period = period.parse::<u8>().map_err(|_| backend::error::invalid("period", T::ApiBadRequest))?;
        service::predikat(&db, &c, parse_year(&year)?, period).await
    })
    .await
}

/// A person's result in a closed 360° round (the newest unless `round` is given). Groups below the anonymity
/// threshold are withheld exactly as on the report page; comments and per-item scores are not exported.
#[utoipa::path(get, path = "/api/v1/employees/{nip}/results", tag = "competency",
    params(("nip" = String, Path, description = "The 18-digit NIP", pattern = "^[0-9]{18}$"), RoundQuery),
    responses(
        (status = 200, description = "The result", body = FeedbackResult),
        (status = 400, description = "Not a valid NIP", body = ApiError),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 403, description = "The token lacks the scope", body = ApiError),
        (status = 404, description = "No such employee, round or result", body = ApiError),
    ),
    security(("token" = ["results:read"])))]
async fn results(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Path(nip): Path<String>,
    query: Result<Query<RoundQuery>, QueryRejection>,
) -> Response {
    answer(&state, &headers, Method::GET, &uri, StatusCode::OK, |db, c, _| async move {
        service::results(&db, &c, &nip, read_query(query)?.round.as_deref()).await
    })
    .await
}

/// Starts an import of the organisation from a file (the body): it is checked in the background as a dry run
/// (poll the import), and nothing changes until it is applied.
#[utoipa::path(post, path = "/api/v1/imports", tag = "organisation", params(ImportQuery),
    request_body(content = ImportFile, description = "The staff list (XLSX or CSV)",
        content_type = "application/octet-stream"),
    responses(
        (status = 202, description = "The import, being checked", body = Import),
        (status = 400, description = "An empty or oversized file", body = ApiError),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 403, description = "The token lacks the scope", body = ApiError),
        (status = 413, description = "The file is too large"),
    ),
    security(("token" = ["org:write"])))]
async fn start_import(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    query: Result<Query<ImportQuery>, QueryRejection>,
    body: Bytes,
) -> Response {
    let is_xlsx = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.contains("spreadsheetml") || t.contains("ms-excel"));
    answer(&state, &headers, Method::POST, &uri, StatusCode::ACCEPTED, |db, c, _| async move {
        let query = read_query(query)?;
        let file_name = query.file_name.unwrap_or_else(|| if is_xlsx { "api.xlsx".into() } else { "api.csv".into() });
        let upload = Upload {
            file_name: &file_name,
            bytes: &body,
            deactivate_missing: query.deactivate_missing.unwrap_or(false),
        };
        service::start_import(&db, &c, upload).await
    })
    .await
}

/// Where an import stands: its progress, what it would change (or changed), and its first errors.
#[utoipa::path(get, path = "/api/v1/imports/{id}", tag = "organisation",
    params(("id" = String, Path, description = "The import's id")),
    responses(
        (status = 200, description = "The import", body = Import),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 403, description = "The token lacks the scope", body = ApiError),
        (status = 404, description = "No such import", body = ApiError),
    ),
    security(("token" = ["org:write"])))]
async fn import(State(state): State<AppState>, headers: HeaderMap, uri: Uri, Path(id): Path<String>) -> Response {
    answer(&state, &headers, Method::GET, &uri, StatusCode::OK, |db, c, lang| async move {
        service::import(&db, &c, &id, lang).await
    })
    .await
}

/// Applies a checked import without errors, all or nothing, one audit entry per change (in the background: poll
/// the import until it is `applied` or `failed`). New accounts get set-up links, which HR hands out from the
/// import's page; no password is ever created.
#[utoipa::path(post, path = "/api/v1/imports/{id}/apply", tag = "organisation",
    params(("id" = String, Path, description = "The import's id")),
    responses(
        (status = 202, description = "The import, being applied", body = Import),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 403, description = "The token lacks the scope", body = ApiError),
        (status = 404, description = "No such import", body = ApiError),
        (status = 409, description = "Not checked, has errors, already applied, or the organisation changed", body = ApiError),
    ),
    security(("token" = ["org:write"])))]
async fn apply_import(State(state): State<AppState>, headers: HeaderMap, uri: Uri, Path(id): Path<String>) -> Response {
    let runtime = state.runtime.clone();
    answer(&state, &headers, Method::POST, &uri, StatusCode::ACCEPTED, |db, c, lang| async move {
        service::apply_import(&db, &runtime, &c, &id, lang).await
    })
    .await
}

async fn no_route(headers: HeaderMap) -> Response {
    error_body(StatusCode::NOT_FOUND, "not_found", lang_of(&headers).t(T::ApiNoRoute).to_string(), None)
}

/// The OpenAPI document, generated once.
pub fn openapi() -> &'static serde_json::Value {
    static DOC: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    DOC.get_or_init(|| serde_json::to_value(ApiDoc::openapi()).unwrap_or_default())
}

async fn openapi_json() -> Response {
    let mut res = Json(openapi()).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    res
}

/// `/api/v1/docs`: the OpenAPI document as a page, in the reader's language (the site's cookie).
async fn docs(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let cookies: Vec<&str> = headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).collect();
    let lang = Lang::from_cookie_header(&cookies.join("; "));
    let html = docs::render(openapi(), lang, &crate::assets::stylesheet(&state.leptos_options));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8")),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(
                    "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'",
                ),
            ),
        ],
        html,
    )
        .into_response()
}

/// The form that issues a token (`/hr/api`): a name, a checkbox per scope, the days it is valid.
#[derive(serde::Deserialize)]
pub struct IssueForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    days: String,
    #[serde(flatten)]
    checked: std::collections::HashMap<String, String>,
}

/// `POST /hr/api/issue` (HR): issues a token and answers with a page that shows its secret this once (never
/// stored, never in a URL, not cached); a refused form goes back to `/hr/api` with the reason.
async fn issue_route(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<axum::Form<IssueForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let (viewer, lang) = match crate::download_viewer(&state, &headers).await {
        Ok(v) => v,
        Err(refusal) => return *refusal,
    };
    let Ok(axum::Form(form)) = form else {
        return crate::see_other(&format!("/hr/api?error={}", app::api::hr::percent_encode(lang.t(T::ApiBadRequest))));
    };
    let scopes: Vec<domain::integration::ApiScope> =
        domain::integration::ApiScope::ALL.into_iter().filter(|s| form.checked.contains_key(s.field())).collect();
    let days = form.days.trim().parse::<u32>().unwrap_or(0);
    match service::issue(&state.db, &viewer, &form.name, &scopes, days).await {
        Ok(issued) => {
            let mut res = (
                [
                    (header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8")),
                    (
                        header::CONTENT_SECURITY_POLICY,
                        HeaderValue::from_static(
                            "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'",
                        ),
                    ),
                ],
                docs::issued(&issued, lang, &crate::assets::stylesheet(&state.leptos_options)),
            )
                .into_response();
            res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            res
        }
        Err(e @ (ServiceError::Unexpected(_) | ServiceError::Forbidden)) => crate::refusal(e, lang, "an API token"),
        Err(e) => {
            let message = app::error::AppError::from_service(&e, lang).to_string();
            crate::see_other(&format!("/hr/api?error={}", app::api::hr::percent_encode(&message)))
        }
    }
}
