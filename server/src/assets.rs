//! The site's static files: the build's `/pkg` (the wasm, its JavaScript and the CSS, named by the hash of their
//! content when the build hashes them, as `make run`'s release build does), ECharts under `/vendor` (named by its
//! version and the hash of its entry, see `scripts/assets.sh`) and the public files. Each is sent from the `.br` or
//! `.gz` copy the release build wrote beside it when the browser accepts that encoding (nothing is compressed per
//! request), and cached to match its name: a name that changes with the content is kept for a year as immutable,
//! anything else is revalidated on every use. The texts of each language (`/texts`, see [`texts`]) are the one
//! exception to precompression: made from the text table in memory, they go through the server's compression layer.
//!
//! A page's preloads start once it has been painted ([`preloads_after_paint`]): the split build's parts of the page
//! being served (and its texts, and ECharts where it draws a chart) are preloaded so that hydration has no
//! waterfall, but never ahead of, or beside, what the first paint needs.

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{OriginalUri, Request};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use http_body_util::BodyExt;
use std::path::{Path, PathBuf};
use tower_http::services::{ServeDir, ServeFile};

/// Files under this prefix are named by their content.
const VENDOR: &str = "/vendor/";
/// The texts of each language (see [`texts`]), named by their content.
const TEXTS: &str = "/texts/";
/// What a name that changes with its content may be cached for.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// What every other static file may be cached for: kept, but asked about again each time.
const REVALIDATE: &str = "no-cache";

/// The build's hash file beside the running binary (`hash.txt`, written by `cargo leptos build` when it hashes file
/// names), when the files it names are in the site's `pkg` directory: a stale file from another build is ignored.
pub fn hash_file(site_root: &Path, pkg_dir: &str, output_name: &str) -> Option<PathBuf> {
    let file = std::env::current_exe().ok()?.parent()?.join("hash.txt");
    let hashes = std::fs::read_to_string(&file).ok()?;
    hashed_files_present(&hashes, &site_root.join(pkg_dir), output_name).then_some(file)
}

/// Whether every file a hash file names (`wasm`, `js`, `css`) is in `pkg`.
pub fn hashed_files_present(hashes: &str, pkg: &Path, output_name: &str) -> bool {
    let mut named = 0;
    for (kind, hash) in hashes.lines().filter_map(|l| l.trim().split_once(':')) {
        if matches!(kind, "wasm" | "js" | "css") {
            named += 1;
            if !pkg.join(format!("{output_name}.{}.{kind}", hash.trim())).is_file() {
                return false;
            }
        }
    }
    named > 0
}

/// The address of the site's stylesheet as the build named it (for the pages rendered outside the app's shell).
pub fn stylesheet(options: &leptos::config::LeptosOptions) -> String {
    let hash = options
        .hash_files
        .then(|| std::fs::read_to_string(&*options.hash_file).ok())
        .flatten()
        .and_then(|h| h.lines().find_map(|l| l.trim().strip_prefix("css:").map(|v| v.trim().to_string())));
    match hash {
        Some(h) => format!("/{}/{}.{h}.css", options.site_pkg_dir, options.output_name),
        None => format!("/{}/{}.css", options.site_pkg_dir, options.output_name),
    }
}

/// The caching a static file's path allows: a year, immutable, for `/pkg` when the build hashed its names, for
/// `/vendor` and for `/texts`; revalidation for the rest.
pub fn cache_control(path: &str, hashed: bool) -> &'static str {
    if (hashed && path.starts_with("/pkg/")) || path.starts_with(VENDOR) || path.starts_with(TEXTS) {
        IMMUTABLE
    } else {
        REVALIDATE
    }
}

/// The texts of a language, under the name every page links (`i18n::table_name`: it changes with the texts, so it
/// is kept for a year): the browser installs them before it hydrates, its wasm carries none. Compressed by the
/// server's compression layer, once per browser and release.
async fn texts(axum::extract::Path(name): axum::extract::Path<String>) -> Response {
    use axum::response::IntoResponse;
    use i18n::Lang;
    match [Lang::Id, Lang::En].into_iter().find(|l| i18n::table_name(*l) == name) {
        Some(lang) => ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], i18n::table(lang)).into_response(),
        None => axum::http::StatusCode::NOT_FOUND.into_response(),
    }
}

/// The routes of the static files under `site_root` (`pkg_dir` holding the build's output; `hashed`: its names
/// carry hashes). Anything else in the site root is left to the app's fallback.
pub fn routes<S: Clone + Send + Sync + 'static>(site_root: &Path, pkg_dir: &str, hashed: bool) -> Router<S> {
    let dir = |d: &str| ServeDir::new(site_root.join(d)).precompressed_br().precompressed_gzip();
    let file = |f: &str| ServeFile::new(site_root.join(f)).precompressed_br().precompressed_gzip();
    Router::new()
        .nest_service(&format!("/{pkg_dir}"), dir(pkg_dir))
        .nest_service(VENDOR.trim_end_matches('/'), dir("vendor"))
        .route_service("/forms.js", file("forms.js"))
        .route_service("/favicon.svg", file("favicon.svg"))
        .route("/texts/{name}", axum::routing::get(texts))
        .layer(axum::middleware::from_fn(move |req: Request, next: Next| caching(req, next, hashed)))
}

async fn caching(req: Request, next: Next, hashed: bool) -> Response {
    // The full path (a nested service sees it without its prefix).
    let path = req.extensions().get::<OriginalUri>().map_or_else(|| req.uri().path(), |u| u.0.path()).to_string();
    let mut res = next.run(req).await;
    if res.status().is_success() || res.status() == axum::http::StatusCode::NOT_MODIFIED {
        let h = res.headers_mut();
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control(&path, hashed)));
        // The same address answers differently by Accept-Encoding: caches on the way must keep them apart.
        if !h.contains_key(header::VARY) {
            h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
    }
    res
}

/// Sends a page's preloads inert, to be started once it has been painted, in each piece of an HTML response as it
/// is sent ([`after_paint`]). Leptos preloads every wasm part a lazily loaded page needs, at the browser's default
/// (high) priority; even at a low one they share a slow network with the first paint, and nothing a page preloads
/// is needed for it: hydration waits for an idle browser anyway (`HydrationScripts defer`). `public/forms.js` starts
/// them after the first frame. (Measured with Lighthouse's simulated phone: the paint no longer waits for the parts
/// that happened to arrive before it; see the README.)
pub async fn preloads_after_paint(req: Request, next: Next, pkg: std::sync::Arc<str>) -> Response {
    let res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if !html {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = body.map_frame(move |frame| {
        frame.map_data(|data| match std::str::from_utf8(&data).ok().and_then(|html| after_paint(html, &pkg)) {
            Some(lowered) => Bytes::from(lowered),
            None => data,
        })
    });
    Response::from_parts(parts, Body::new(body))
}

/// `html` with every `<link rel="preload">` or `<link rel="modulepreload">` made inert (`rel="kinerja-after-paint"`,
/// the relation kept in `data-rel`) and, where its address starts with `prefix` (the build's own files) and it sets
/// no priority of its own, given `fetchpriority="low"`, and without a repeated preload of one address; `None` when
/// there is no preload.
pub fn after_paint(html: &str, prefix: &str) -> Option<String> {
    const LINK: &str = "<link ";
    if !html.contains("preload") {
        return None;
    }
    let href = format!("href=\"{prefix}");
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    let mut changed = false;
    let mut seen = std::collections::HashSet::new();
    while let Some(at) = rest.find(LINK) {
        let (before, from_tag) = rest.split_at(at);
        out.push_str(before);
        let end = from_tag.find('>').map_or(from_tag.len(), |e| e + 1);
        let tag = &from_tag[..end];
        let relation = [r#"rel="preload""#, r#"rel="modulepreload""#].into_iter().find(|r| tag.contains(r));
        match relation {
            // A second preload of the same address (Leptos and the page's render both write a part's): dropped.
            Some(_) if !seen.insert(link_href(tag)) => changed = true,
            Some(rel) => {
                let inert = format!(r#"rel="kinerja-after-paint" data-{rel}"#);
                let tag = tag.replacen(rel, &inert, 1);
                if tag.contains(&href) && !tag.contains("fetchpriority") {
                    out.push_str(r#"<link fetchpriority="low" "#);
                    out.push_str(&tag[LINK.len()..]);
                } else {
                    out.push_str(&tag);
                }
                changed = true;
            }
            None => out.push_str(tag),
        }
        rest = &from_tag[end..];
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// The address of a `<link …>` tag (empty when it has none).
fn link_href(tag: &str) -> &str {
    tag.split_once(" href=\"").and_then(|(_, h)| h.split_once('"')).map_or("", |(h, _)| h)
}
