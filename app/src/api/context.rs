//! Helpers for server functions: the state, the request's language, the signed-in viewer, and error mapping
//! that sets the HTTP status and logs unexpected causes once.

use crate::AppState;
use crate::error::AppError;
use crate::i18n::Lang;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use backend::services::auth::{self, Viewer};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

/// The application state provided by the router.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| AppError::internal(lang()))
}

fn cookie_header() -> Option<String> {
    let parts = use_context::<Parts>()?;
    let values: Vec<&str> = parts.headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).collect();
    Some(values.join("; "))
}

/// The value of the request's cookie `name`, if it sent one.
pub(crate) fn cookie(name: &str) -> Option<String> {
    cookie_header()?
        .split(';')
        .filter_map(|c| c.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.into())
}

/// The language of the current request (from the language cookie; Indonesian by default).
pub fn lang() -> Lang {
    cookie_header().map(|h| Lang::from_cookie_header(&h)).unwrap_or_default()
}

/// Whether the request is a plain HTML form post (JavaScript off), which expects a redirect, not data.
pub fn is_plain_form_post() -> bool {
    use_context::<Parts>()
        .and_then(|p| p.headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).map(|v| v.contains("text/html")))
        .unwrap_or(false)
}

/// The client's address: the socket's peer, or — when a trusted proxy header is configured — the last entry of
/// that header (the address the proxy itself saw). `unknown` when neither is there (in-process calls).
pub fn client_address(rt: &backend::Runtime) -> String {
    let Some(parts) = use_context::<Parts>() else { return "unknown".into() };
    if let Some(name) = &rt.client_ip_header
        && let Some(v) = parts.headers.get(name.as_str()).and_then(|v| v.to_str().ok())
        && let Some(last) = v.rsplit(',').map(str::trim).find(|s| !s.is_empty())
    {
        return last.chars().take(64).collect();
    }
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// The session token from the request's cookie, if any.
pub fn session_token() -> Option<String> {
    cookie_header().and_then(|h| auth::token_from_cookie_header(&h))
}

/// The signed-in viewer, if any.
pub async fn viewer_opt(state: &AppState) -> Result<Option<Viewer>, AppError> {
    let Some(token) = session_token() else {
        return Ok(None);
    };
    auth::resolve(&state.db, &state.runtime, &token).await.map_err(internal)
}

/// The signed-in viewer, or a 401 error.
pub async fn viewer(state: &AppState) -> Result<Viewer, AppError> {
    viewer_opt(state).await?.ok_or_else(|| fail(AppError::unauthorized(lang())))
}

/// The state and the signed-in viewer (401 when nobody is signed in).
pub async fn signed_in() -> Result<(AppState, Viewer), AppError> {
    let state = state()?;
    let viewer = viewer(&state).await?;
    Ok((state, viewer))
}

/// Sets the response status for an error and returns it.
/// The person a page is about: `me` (the viewer) or the NIP in the address, parsed before any service sees it. A
/// malformed NIP is a page that does not exist.
pub fn subject(viewer: &Viewer, text: &str) -> Result<domain::Nip, AppError> {
    let text = text.trim();
    let text = if text == "me" || text.is_empty() { viewer.nip.as_str() } else { text };
    domain::Nip::parse(text).map_err(|_| service_error(backend::ServiceError::NotFound))
}

/// A NIP typed into a form field, parsed before any service sees it; a malformed one is that field's `error`.
pub fn nip_field(text: &str, field: &'static str, error: crate::i18n::T) -> Result<domain::Nip, AppError> {
    domain::Nip::parse(text.trim()).map_err(|_| service_error(backend::error::invalid(field, error)))
}

pub fn fail(err: AppError) -> AppError {
    if let Some(res) = use_context::<ResponseOptions>() {
        res.set_status(StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR));
    }
    err
}

/// The one adapter for service errors: sets the status, logs an unexpected cause once, localizes the rest.
pub fn service_error(err: backend::ServiceError) -> AppError {
    match err {
        backend::ServiceError::Unexpected(e) => internal(e),
        other => fail(AppError::from_service(&other, lang())),
    }
}

/// Logs an unexpected error once, with its chain, and returns the opaque internal error.
pub fn internal(err: anyhow::Error) -> AppError {
    tracing::error!(error = ?err, "unexpected error");
    fail(AppError::internal(lang()))
}

/// Adds a `Set-Cookie` header to the response.
pub fn set_cookie(value: &str) {
    if let (Some(res), Ok(v)) = (use_context::<ResponseOptions>(), HeaderValue::from_str(value)) {
        res.append_header(header::SET_COOKIE, v);
    }
}

/// Redirects to a local path (a plain form post gets a 302, the server-function client a redirect header). Every
/// redirect goes through [`crate::domain::redirect::safe_next`]: an unsafe target goes home instead of elsewhere
/// (or of making the response header invalid).
pub fn redirect(path: &str) {
    leptos_axum::redirect(&crate::domain::redirect::safe_next(Some(path)));
}

/// Sets the page's Content-Security-Policy with this render's nonce: scripts only from this site or inline with
/// the nonce (the hydration and resource scripts Leptos writes carry it), WebAssembly compiled by the browser, no
/// plugins, no framing, forms posting only here. Called by the shell, so every rendered page has it.
pub fn set_page_policy() {
    let (Some(res), Some(nonce)) = (use_context::<ResponseOptions>(), leptos::nonce::use_nonce()) else { return };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(v) = HeaderValue::from_str(&policy) {
        res.insert_header(header::CONTENT_SECURITY_POLICY, v);
    }
}
