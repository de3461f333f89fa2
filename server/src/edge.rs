//! The HTTP edge: what every request and response passes through before the application sees it.
//!
//! - **Same origin for every state-changing request** (POST, PUT, PATCH, DELETE; sign-in included): a browser
//!   sends `Origin` (or at least `Referer`, or `Sec-Fetch-Site`) with such a request; when one of them names another
//!   site the request is refused with 403 before any work. Requests without any of them are not from a browser
//!   page and cannot carry a victim's cookie cross-site (the session cookie is also `SameSite=Lax`).
//! - **Body limits** (larger for the organisation import, by form or through the API), checked against `Content-Length` before the body is read (and enforced while reading when
//!   it is absent): a clear, localized 413.
//! - **Security headers** on every response: `nosniff`, `Referrer-Policy`, `X-Frame-Options`, a restrictive
//!   Content-Security-Policy for anything that is not a page (pages set their own, with the render's nonce), and
//!   HSTS when served over https.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use i18n::{Lang, T};

/// The largest request body accepted (server functions and uploads such as the training catalog's CSV).
pub const MAX_BODY: usize = 4 * 1024 * 1024;

/// The one path that takes larger bodies: an organisation import (a whole agency's staff list).
pub const IMPORT_PATH: &str = "/hr/import/upload";

/// The same import through the JSON API (the file is the whole body).
pub const API_IMPORT_PATH: &str = "/api/v1/imports";

/// The body limit of a request path.
pub fn body_limit(path: &str) -> usize {
    if path == IMPORT_PATH || path == API_IMPORT_PATH {
        backend::services::import::MAX_FILE + 64 * 1024
    } else {
        MAX_BODY
    }
}

/// How the edge decides; built once from the settings.
#[derive(Debug, Clone, Default)]
pub struct EdgeConfig {
    /// The public URL (`https://kinerja.example.go.id`), when set: its origin is accepted besides the `Host`.
    pub public_origin: Option<String>,
    /// Whether the site is served over https (HSTS, `Secure` cookies).
    pub https: bool,
}

impl EdgeConfig {
    /// From the configured public URL (`scheme://host[:port]`, any path ignored).
    pub fn new(public_url: Option<&str>, secure_cookies: bool) -> Self {
        let public_origin = public_url.map(origin_of).filter(|o| !o.is_empty());
        let https = secure_cookies || public_origin.as_deref().is_some_and(|o| o.starts_with("https://"));
        EdgeConfig { public_origin, https }
    }
}

/// `scheme://authority` of a URL, lower-cased.
fn origin_of(url: &str) -> String {
    let url = url.trim();
    let Some((scheme, rest)) = url.split_once("://") else { return String::new() };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    format!("{}://{}", scheme.to_ascii_lowercase(), authority.to_ascii_lowercase())
}

fn lang_of(headers: &HeaderMap) -> Lang {
    let cookies: Vec<&str> = headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).collect();
    Lang::from_cookie_header(&cookies.join("; "))
}

fn refuse(status: StatusCode, text: T, headers: &HeaderMap) -> Response {
    let body = lang_of(headers).t(text);
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

/// Whether a state-changing request comes from our own pages (see the module documentation).
pub fn same_origin(config: &EdgeConfig, headers: &HeaderMap) -> bool {
    let get = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    if get(header::HeaderName::from_static("sec-fetch-site")) == Some("cross-site") {
        return false;
    }
    let claimed = match (get(header::ORIGIN), get(header::REFERER)) {
        (Some(origin), _) => origin_of(origin),
        (None, Some(referer)) => origin_of(referer),
        (None, None) => return true,
    };
    if claimed.is_empty() {
        return false; // `Origin: null` (sandboxed frames, some redirects) or garbage.
    }
    let host = get(header::HOST).unwrap_or_default().to_ascii_lowercase();
    let authority = claimed.split_once("://").map(|(_, a)| a).unwrap_or_default();
    (!host.is_empty() && authority == host) || config.public_origin.as_deref() == Some(claimed.as_str())
}

/// The request guard: origin check and body limit.
pub async fn guard(State(config): State<EdgeConfig>, req: Request, next: Next) -> Response {
    let changes = matches!(*req.method(), Method::POST | Method::PUT | Method::PATCH | Method::DELETE);
    if changes && !same_origin(&config, req.headers()) {
        tracing::warn!(method = %req.method(), path = req.uri().path(), "refused a cross-site request");
        return refuse(StatusCode::FORBIDDEN, T::ErrCrossSite, req.headers());
    }
    let declared =
        req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    let limit = body_limit(req.uri().path());
    if declared.is_some_and(|n| n > limit as u64) {
        return refuse(StatusCode::PAYLOAD_TOO_LARGE, T::ErrTooLarge, req.headers());
    }
    let headers = req.headers().clone();
    let (parts, body) = req.into_parts();
    // Without a length (chunked), the limit applies while reading: the reader sees an error past the limit.
    let limited = Body::new(http_body_util::Limited::new(body, limit));
    let res = next.run(Request::from_parts(parts, limited)).await;
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return refuse(StatusCode::PAYLOAD_TOO_LARGE, T::ErrTooLarge, &headers);
    }
    res
}

/// Anything that is not a page: nothing may run or be framed.
const OTHER_POLICY: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// Adds the security headers to every response.
pub async fn headers(State(config): State<EdgeConfig>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut HeaderMap, name: &'static str, value: &'static str| {
        h.entry(header::HeaderName::from_static(name)).or_insert(HeaderValue::from_static(value));
    };
    set(h, "x-content-type-options", "nosniff");
    set(h, "referrer-policy", "same-origin");
    set(h, "x-frame-options", "DENY");
    set(h, "cross-origin-opener-policy", "same-origin");
    let is_script_or_style = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.contains("javascript") || t.contains("css") || t.contains("wasm"));
    if !is_script_or_style {
        set(h, "content-security-policy", OTHER_POLICY);
    }
    if config.https {
        set(h, "strict-transport-security", "max-age=31536000; includeSubDomains");
    }
    res
}
