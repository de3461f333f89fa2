//! The Kinerja server as a library: settings, start-up (database, session secret, first-start demo data), the
//! axum router with Leptos SSR and server functions, and the benchmark. `main.rs` only parses the command line.

// The pages' view types are deep (`app` raises its limit too); the server instantiates their rendering.
#![recursion_limit = "512"]

pub mod assets;
pub mod bench;
pub mod bench_crash;
pub mod bench_dashboard;
pub mod bench_feedback;
pub mod bench_import;
pub mod bench_integration;
pub mod bench_login;
pub mod bench_report;
pub mod bench_skp;
pub mod bench_talent;
pub mod cli;
mod dashboard_csv;
pub mod edge;
mod evidence;
mod import;
pub mod integration;
pub mod settings;
mod tables;
mod talent_csv;

use anyhow::Context;
use app::AppState;
use app::{App, shell};
use axum::extract::DefaultBodyLimit;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use backend::Runtime;
use backend::repo::settings as stored;
use backend::services::seed;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use serde::Deserialize;
use settings::Settings;
use std::net::SocketAddr;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;

/// Leptos options for serving the built site (`target/site` unless `LEPTOS_SITE_ROOT` says otherwise), with the
/// hashed file names of the build when it hashed them (`make run`'s release build).
pub fn leptos_options(addr: SocketAddr) -> LeptosOptions {
    let site_root = std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into());
    let hash_file = assets::hash_file(std::path::Path::new(&site_root), "pkg", "kinerja");
    LeptosOptions::builder()
        .output_name("kinerja")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .hash_files(hash_file.is_some())
        .hash_file(hash_file.map_or_else(|| "hash.txt".into(), |f| f.to_string_lossy().into()))
        .build()
}

/// Connects to the database, resolves the session secret and, on an empty database, seeds the demo agency.
pub async fn build_state(settings: &Settings, options: LeptosOptions) -> anyhow::Result<AppState> {
    let db = backend::open(&settings.db_config()).await?;
    let secret = match &settings.session_secret {
        Some(s) => s.clone(),
        None => {
            let fresh: [u8; 32] = rand::random();
            stored::get_or_insert(&db, "session_secret", &hex::encode(fresh))
                .await
                .context("storing the session secret")?
        }
    };
    if settings.seed_demo && !backend::repo::seed::is_seeded(&db).await? {
        tracing::info!(employees = settings.demo_employees, "empty database: seeding the demo agency");
        let started = std::time::Instant::now();
        let report = seed::seed(&db, settings.demo_employees, 2026).await.context("seeding the demo agency")?;
        tracing::info!(
            employees = report.employees,
            units = report.units,
            depth = report.max_depth,
            seconds = started.elapsed().as_secs_f64(),
            "demo agency ready"
        );
        let keep: Vec<String> = report
            .demo_logins
            .iter()
            .filter(|(u, _)| u == "pegawai" || u == "atasan")
            .map(|(_, n)| n.clone())
            .collect();
        seed::feedback::seed_feedback(&db, 2026, &keep).await.context("seeding the demo feedback rounds")?;
        tracing::info!(seconds = started.elapsed().as_secs_f64(), "demo feedback rounds ready");
        let plans = seed::skp::seed_skp(&db, 2026, &keep, seed::skp::DEMO_PAST_YEARS)
            .await
            .context("seeding the demo work plans")?;
        tracing::info!(
            plans,
            seconds = started.elapsed().as_secs_f64(),
            "demo work plans of the last two years and this year ready"
        );
    }
    let mut runtime = Runtime::new(secret.into_bytes(), settings.secure_cookies)?;
    runtime.public_url = settings.public_url.clone();
    runtime.secure_cookies |= settings.public_url.as_deref().is_some_and(|u| u.trim().starts_with("https://"));
    runtime.client_ip_header = settings.client_ip_header.clone();
    Ok(AppState { leptos_options: options, db, runtime: Arc::new(runtime) })
}

/// The application's page routes, generated once per process. Generating them runs the whole app with resource
/// loading suppressed through a process-global flag, and a page whose resource is first polled meanwhile (on another
/// server of the same process) never finishes rendering (leptos #4773): so the list is generated exactly once,
/// before any router exists, and everything that needs it (several servers in one test binary, the benchmarks, the
/// route matrix test) shares it.
pub fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The router: health check, language switch, server functions, pages, static files.
pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let ctx_state = state.clone();
    let edge = edge::EdgeConfig::new(state.runtime.public_url.as_deref(), state.runtime.secure_cookies);
    Router::new()
        .route("/healthz", get(healthz))
        .route("/lang/{code}", get(switch_language))
        .route("/rounds/{id}/pending.csv", get(pending_csv_route))
        .route("/rounds/{id}/pending.xlsx", get(pending_csv_route))
        .route("/skp/periods/{year}/{period}/predikat.csv", get(predikat_csv_route))
        .route("/skp/periods/{year}/{period}/predikat.xlsx", get(predikat_csv_route))
        .route("/programmes/cohorts/{id}/nominations.csv", get(nominations_csv_route))
        .route("/programmes/cohorts/{id}/nominations.xlsx", get(nominations_csv_route))
        .route("/dashboard/{file}", get(dashboard_csv::dashboard_csv_route))
        .route("/skp/evidence", post(evidence::upload_route).layer(DefaultBodyLimit::max(edge::MAX_BODY)))
        .route("/skp/evidence/{id}", get(evidence::download_route))
        .route(
            edge::IMPORT_PATH,
            post(import::upload_route).layer(DefaultBodyLimit::max(edge::body_limit(edge::IMPORT_PATH))),
        )
        .route("/hr/import/template.xlsx", get(import::template_route))
        .route("/hr/import/{id}/errors.csv", get(import::errors_route))
        .route("/hr/import/{id}/errors.xlsx", get(import::errors_route))
        .route("/hr/import/{id}/links.csv", get(import::links_route))
        .route("/employees.xlsx", get(import::directory_route))
        .route("/org/units/{key}/{file}", get(tables::members_route))
        .route("/rounds/{id}/{file}", get(tables::progress_route))
        .route("/trainings/needs.csv", get(tables::needs_route))
        .route("/trainings/needs.xlsx", get(tables::needs_route))
        .route("/trainings/needs/plan.csv", get(tables::needs_route))
        .route("/trainings/needs/plan.xlsx", get(tables::needs_route))
        .route("/talent.csv", get(talent_csv::talent_route))
        .route("/talent.xlsx", get(talent_csv::talent_route))
        .route("/programmes/{programme}/{file}", get(talent_csv::candidates_route))
        .merge(integration::routes())
        .merge(assets::routes(
            std::path::Path::new(&*state.leptos_options.site_root),
            &state.leptos_options.site_pkg_dir,
            state.leptos_options.hash_files,
        ))
        .leptos_routes_with_context(&state, routes, move || provide_context(ctx_state.clone()), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer({
            let pkg: Arc<str> = format!("/{}/", state.leptos_options.site_pkg_dir).into();
            axum::middleware::from_fn(move |req: axum::extract::Request, next: axum::middleware::Next| {
                assets::preloads_after_paint(req, next, pkg.clone())
            })
        })
        .layer(axum::middleware::from_fn_with_state(edge.clone(), edge::guard))
        .layer(axum::middleware::from_fn_with_state(edge, edge::headers))
        .layer(CompressionLayer::new())
        .with_state(state)
}

#[derive(serde::Serialize)]
struct Health {
    status: &'static str,
    version: &'static str,
    database: &'static str,
    schema_version: Option<i64>,
}

async fn healthz(State(state): State<AppState>) -> Response {
    let up = state.db.ping().await;
    let schema_version = if up { backend::schema::stored_version(&state.db).await.ok() } else { None };
    let body = Health {
        status: if up { "ok" } else { "degraded" },
        version: env!("CARGO_PKG_VERSION"),
        database: if up { "ok" } else { "unreachable" },
        schema_version,
    };
    let code = if up { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (code, Json(body)).into_response()
}

#[derive(Deserialize)]
struct Next {
    next: Option<String>,
}

/// Stores the language choice in a cookie (a year) and returns to the page the person came from.
async fn switch_language(Path(code): Path<String>, Query(q): Query<Next>) -> Response {
    let lang = i18n::Lang::from_code(&code);
    let next = domain::redirect::safe_next(q.next.as_deref());
    let cookie = format!("{}={}; Path=/; Max-Age=31536000; SameSite=Lax", i18n::LANG_COOKIE, lang.code());
    let mut res = (StatusCode::SEE_OTHER, [(header::LOCATION, next)]).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}

/// The pending raters as CSV with localized headers; the NIP is written as text (`'`) so that spreadsheets keep
/// all 18 digits.
fn pending_csv(rows: &[backend::services::feedback::PendingRater], lang: i18n::Lang) -> String {
    use i18n::T;
    let mut out = String::from(domain::csv::BOM);
    let header =
        ["NIP", lang.t(T::Name), lang.t(T::Unit), lang.t(T::Position), lang.t(T::FbPendingCount), lang.t(T::FbDrafts)];
    out.push_str(&domain::csv::record(&header));
    for r in rows {
        let (pending, drafts) = (r.pending.to_string(), r.drafts.to_string());
        out.push_str(&domain::csv::record(&[
            &format!("'{}", r.nip),
            &r.name,
            &r.unit_name,
            &r.position,
            &pending,
            &drafts,
        ]));
    }
    out
}

/// The signed-in viewer of a download request and the reader's language, or the answer to send instead.
pub(crate) async fn download_viewer(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> Result<(backend::services::auth::Viewer, i18n::Lang), Box<Response>> {
    use backend::services::auth;
    let cookies: String =
        headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join("; ");
    let lang = i18n::Lang::from_cookie_header(&cookies);
    let viewer = match auth::token_from_cookie_header(&cookies) {
        Some(token) => auth::resolve(&state.db, &state.runtime, &token).await,
        None => Ok(None),
    };
    match viewer {
        Ok(Some(v)) => Ok((v, lang)),
        Ok(None) => Err(Box::new((StatusCode::UNAUTHORIZED, lang.t(i18n::T::ErrUnauthorized)).into_response())),
        Err(e) => {
            tracing::error!(error = ?e, "resolving a session");
            Err(Box::new((StatusCode::INTERNAL_SERVER_ERROR, lang.t(i18n::T::ErrInternal)).into_response()))
        }
    }
}

/// The format of a table download, from the path's extension (`….csv` or `….xlsx`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub(crate) fn of(uri: &axum::http::Uri) -> Self {
        if uri.path().ends_with(".xlsx") { Format::Xlsx } else { Format::Csv }
    }

    /// The format of a path segment naming the table `stem` (`members.csv`, `members.xlsx`), or `None`.
    pub(crate) fn of_file(file: &str, stem: &str) -> Option<Self> {
        match file.strip_prefix(stem)? {
            ".csv" => Some(Format::Csv),
            ".xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }
}

/// A table download named `name` (letters, digits and dashes kept): the CSV as built, or the same table as an XLSX
/// workbook (frozen header, typed cells); or the service's refusal in the reader's language.
pub(crate) fn table_download(
    result: Result<String, backend::ServiceError>,
    name: &str,
    lang: i18n::Lang,
    format: Format,
) -> Response {
    let name: String = name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    match (result, format) {
        (Ok(body), Format::Csv) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}.csv\"")),
            ],
            body,
        )
            .into_response(),
        (Ok(csv), Format::Xlsx) => {
            xlsx_download(backend::xlsx::Table::from_csv(&name, &csv).to_xlsx().map_err(Into::into), &name, lang)
        }
        (Err(e), _) => refusal(e, lang, &name),
    }
}

/// An XLSX download named `name`.
pub(crate) fn xlsx_download(result: Result<Vec<u8>, backend::ServiceError>, name: &str, lang: i18n::Lang) -> Response {
    match result {
        Ok(body) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}.xlsx\"")),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            body,
        )
            .into_response(),
        Err(e) => refusal(e, lang, name),
    }
}

/// A download's refusal in the reader's language (an unexpected failure is logged, its cause never shown).
pub(crate) fn refusal(e: backend::ServiceError, lang: i18n::Lang, what: &str) -> Response {
    match e {
        backend::ServiceError::Unexpected(e) => {
            tracing::error!(error = ?e, what, "preparing a download");
            (StatusCode::INTERNAL_SERVER_ERROR, lang.t(i18n::T::ErrInternal)).into_response()
        }
        e => {
            let err = app::error::AppError::from_service(&e, lang);
            (StatusCode::from_u16(err.status()).unwrap_or(StatusCode::FORBIDDEN), err.to_string()).into_response()
        }
    }
}

/// A `303 See Other` to `to` (after a plain form post).
pub(crate) fn see_other(to: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

/// The raters who still have work in a round, as CSV (HR and the head: everyone; a supervisor: their subtree).
async fn pending_csv_route(
    State(state): State<AppState>,
    Path(id): Path<String>,
    uri: axum::http::Uri,
    headers: axum::http::HeaderMap,
) -> Response {
    let (viewer, lang) = match download_viewer(&state, &headers).await {
        Ok(v) => v,
        Err(refusal) => return *refusal,
    };
    let result = backend::services::feedback::pending_raters(&state.db, &viewer, &id).await;
    table_download(result.map(|rows| pending_csv(&rows, lang)), &format!("pending-{id}"), lang, Format::of(&uri))
}

/// Every predikat of a period as CSV (HR and the head).
fn predikat_csv(lines: &[backend::services::skp::PredikatLine], lang: i18n::Lang) -> String {
    use i18n::T;
    let mut out = String::from(domain::csv::BOM);
    let header = [
        "NIP",
        lang.t(T::Name),
        lang.t(T::Unit),
        lang.t(T::Position),
        lang.t(T::SkpRatingResults),
        lang.t(T::SkpRatingBehaviour),
        lang.t(T::SkpPredikat),
        lang.t(T::SkpRater),
        lang.t(T::SkpRatedAt),
        lang.t(T::SkpChangedByObjection),
    ];
    out.push_str(&domain::csv::record(&header));
    for l in lines {
        out.push_str(&domain::csv::record(&[
            &format!("'{}", l.nip),
            &l.name,
            &l.unit_name,
            &l.position,
            lang.t(i18n::rating_name(l.ratings.results)),
            lang.t(i18n::rating_name(l.ratings.behaviour)),
            lang.t(i18n::predikat_name(l.ratings.predikat())),
            &format!("'{}", l.rated_by),
            &l.rated_at,
            lang.t(if l.by_objection { T::Yes } else { T::No }),
        ]));
    }
    out
}

async fn predikat_csv_route(
    State(state): State<AppState>,
    Path((year, period)): Path<(i32, u8)>,
    uri: axum::http::Uri,
    headers: axum::http::HeaderMap,
) -> Response {
    let (viewer, lang) = match download_viewer(&state, &headers).await {
        Ok(v) => v,
        Err(refusal) => return *refusal,
    };
    let result = backend::services::skp::period_predikat_lines(&state.db, &viewer, year, period).await;
    table_download(
        result.map(|lines| predikat_csv(&lines, lang)),
        &format!("predikat-{year}-{period}"),
        lang,
        Format::of(&uri),
    )
}

/// A cohort's nominations as CSV (trainers, HR and the head).
fn nominations_csv(page: &domain::view::CohortPage, lang: i18n::Lang) -> String {
    use i18n::T;
    let mut out = String::from(domain::csv::BOM);
    let header = [
        "NIP",
        lang.t(T::Name),
        lang.t(T::Position),
        lang.t(T::Unit),
        lang.t(T::ProgrammeLabel),
        lang.t(T::CohortNameLabel),
        lang.t(T::NominationState),
        lang.t(T::NominationBy),
        lang.t(T::NominationReasons),
    ];
    out.push_str(&domain::csv::record(&header));
    for r in &page.nominations {
        out.push_str(&domain::csv::record(&[
            &format!("'{}", r.nip),
            &r.name,
            &r.position,
            &r.unit_name,
            r.programme.short_name(),
            &r.cohort_name,
            lang.t(i18n::nomination_state_name(r.state)),
            &r.nominated_by.1,
            &[r.supervisor_reason.as_str(), r.hr_reason.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("; "),
        ]));
    }
    out
}

async fn nominations_csv_route(
    State(state): State<AppState>,
    Path(id): Path<String>,
    uri: axum::http::Uri,
    headers: axum::http::HeaderMap,
) -> Response {
    let (viewer, lang) = match download_viewer(&state, &headers).await {
        Ok(v) => v,
        Err(refusal) => return *refusal,
    };
    let result = backend::services::programme::cohort_export(&state.db, &viewer, &id).await;
    table_download(result.map(|page| nominations_csv(&page, lang)), &format!("nominasi-{id}"), lang, Format::of(&uri))
}

/// A server bound to its listener, ready to run.
pub struct Application {
    listener: tokio::net::TcpListener,
    router: Router,
    pub state: AppState,
    backups: Option<Backups>,
}

/// Tasks stopped when dropped.
struct Background(Vec<tokio::task::JoinHandle<()>>);

impl Drop for Background {
    fn drop(&mut self) {
        for task in &self.0 {
            task.abort();
        }
    }
}

/// Finishes closings of rounds that stopped midway (an instance killed while closing), checking now and every
/// few seconds: the round's claim lets one instance of a cluster take each over, once no instance renews it.
async fn resume_closings(db: backend::Db) {
    loop {
        if let Err(e) = backend::services::feedback::resume_closings(&db).await {
            tracing::error!(error = %e, "resuming a stopped closing failed; trying again");
        }
        tokio::time::sleep(std::time::Duration::from_secs(backend::repo::feedback::CLAIM_BEAT_SECS * 2)).await;
    }
}

/// Scheduled backups of a serving instance (`backup_dir`).
#[derive(Debug, Clone)]
struct Backups {
    dir: std::path::PathBuf,
    every: std::time::Duration,
    keep: usize,
}

impl Backups {
    /// Takes a backup every interval and keeps the newest `keep`; a failure is logged and tried again next time.
    async fn run(self, db: backend::Db) {
        loop {
            tokio::time::sleep(self.every).await;
            match take_backup(&db, &self.dir, self.keep).await {
                Ok(report) => {
                    tracing::info!(file = %report.file.display(), bytes = report.bytes, "scheduled backup taken")
                }
                Err(e) => tracing::error!(error = format!("{e:#}"), "scheduled backup failed"),
            }
        }
    }
}

/// One scheduled backup: a copy named by the time (`kinerja-YYYYMMDD-HHMMSS.surql`) in `dir`, then the oldest ones
/// beyond `keep` deleted (only once the new one is complete).
pub async fn take_backup(
    db: &backend::Db,
    dir: &std::path::Path,
    keep: usize,
) -> anyhow::Result<backend::backup::BackupReport> {
    let stamp = time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!("[year][month][day]-[hour][minute][second]"))?;
    let report = backend::backup::backup(db, &dir.join(format!("kinerja-{stamp}.surql"))).await?;
    let mut taken: Vec<std::path::PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("kinerja-") && n.ends_with(".surql"))
        })
        .collect();
    taken.sort();
    let excess = taken.len().saturating_sub(keep);
    for old in taken.into_iter().take(excess) {
        std::fs::remove_file(&old).with_context(|| format!("deleting the old backup {}", old.display()))?;
    }
    Ok(report)
}

impl Application {
    /// Binds the listener (port 0 picks a free port) and builds the state.
    pub async fn build(settings: &Settings) -> anyhow::Result<Self> {
        let listener = tokio::net::TcpListener::bind(&settings.addr)
            .await
            .with_context(|| format!("binding {}", settings.addr))?;
        let addr = listener.local_addr()?;
        let state = build_state(settings, leptos_options(addr)).await?;
        let backups = settings.backup_dir.as_ref().map(|dir| Backups {
            dir: dir.into(),
            every: std::time::Duration::from_secs(u64::from(settings.backup_hours) * 3600),
            keep: settings.backup_keep,
        });
        Ok(Application { listener, router: router(state.clone()), state, backups })
    }

    /// The address actually bound.
    pub fn addr(&self) -> SocketAddr {
        self.listener.local_addr().unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// Serves until the process ends or Ctrl-C.
    pub async fn run(self) -> anyhow::Result<()> {
        // Background work lives as long as serving does (also when the serving task is dropped, as tests do):
        // the database handle, and with it an embedded store's files, is released when it ends.
        let mut background = Background(vec![tokio::spawn(resume_closings(self.state.db.clone()))]);
        if let Some(backups) = self.backups {
            background.0.push(tokio::spawn(backups.run(self.state.db.clone())));
        }
        axum::serve(self.listener, self.router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("serving")
    }
}
