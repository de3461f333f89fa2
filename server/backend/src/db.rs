//! The database handle: one `Surreal<Any>` chosen by URL (`surrealkv://path`, `mem://`, `ws://host:port`), plus a
//! thin helper that runs parameterised SurrealQL and decodes rows with serde.

use anyhow::{Context, anyhow};
use serde::de::DeserializeOwned;
use surrealdb::Surreal;
use surrealdb::engine::any::Any;
use surrealdb::opt::auth::Root;

/// How to reach the database.
#[derive(Debug, Clone)]
pub struct DbConfig {
    pub url: String,
    pub namespace: String,
    pub database: String,
    /// Root credentials for a remote server; unused for embedded engines.
    pub username: Option<String>,
    pub password: Option<String>,
}

impl DbConfig {
    /// An in-memory database (tests).
    pub fn memory() -> Self {
        DbConfig {
            url: "mem://".into(),
            namespace: "kinerja".into(),
            database: "kinerja".into(),
            username: None,
            password: None,
        }
    }

    /// Whether the URL points at a remote server.
    pub fn is_remote(&self) -> bool {
        self.url.starts_with("ws://") || self.url.starts_with("wss://") || self.url.starts_with("http")
    }

    /// The same database reached in a way that can move whole files: SurrealDB exports and imports over HTTP, not
    /// over WebSocket, so `ws://host` becomes `http://host` (and `wss://` `https://`) on the same port.
    pub fn for_files(&self) -> DbConfig {
        let url = if let Some(rest) = self.url.strip_prefix("ws://") {
            format!("http://{rest}")
        } else if let Some(rest) = self.url.strip_prefix("wss://") {
            format!("https://{rest}")
        } else {
            self.url.clone()
        };
        DbConfig { url, ..self.clone() }
    }
}

/// The database handle shared by every request. Cheap to clone: clones share one SurrealDB session.
#[derive(Clone)]
pub struct Db {
    /// Behind an `Arc` on purpose: cloning a `Surreal` handle opens a new engine session (SurrealDB 3 sets up
    /// per-session maps and registers it through a channel, and tears it down on drop), which cost ~15 % of the
    /// CPU of every request when each request cloned the handle. One session is shared; every query carries its
    /// own bindings and transactions.
    inner: std::sync::Arc<Surreal<Any>>,
    hierarchy: crate::hierarchy::HierarchyCache,
    /// Questionnaires of opened rounds (immutable once a round is open), by round key.
    questionnaires: QuestionnaireCache,
    /// Small reference data read by every report (catalog, report settings, standards), kept while its version holds.
    reference: ReferenceCache,
    /// JPMs of the latest closed round, derived from the reference data they were computed under.
    round_jpms: RoundJpmCache,
    /// The active people and the final predikat of closed periods, kept while the hierarchy and talent versions hold.
    talent_base: TalentBaseCache,
    /// What the dashboard reads that moves by the hour, kept for a few seconds (see `services::dashboard::live`).
    dashboard_live: DashboardLiveCache,
    /// Admission control for the hot write path (answers saved and submitted).
    writers: std::sync::Arc<tokio::sync::Semaphore>,
}

/// Reference data with the time it was read.
pub type ReferenceCache =
    std::sync::Arc<std::sync::RwLock<Option<(i64, std::sync::Arc<crate::services::report::Reference>)>>>;

/// Every JPM of a closed round (by round and NIP), against each person's own position (`None`) or against a target
/// position type's standard, kept with the reference data they were computed from: a closed round's results never
/// change, and any change to what a JPM depends on (the closed rounds, report settings, standards) replaces the
/// reference data, so a cached map is current exactly while its reference data is the current one.
pub type RoundJpmCache = std::sync::Arc<
    std::sync::RwLock<
        Option<(
            std::sync::Arc<crate::services::report::Reference>,
            std::collections::HashMap<
                (String, Option<domain::PositionKind>),
                std::sync::Arc<std::collections::HashMap<String, f64>>,
            >,
        )>,
    >,
>;

/// What every talent matrix reads of people and ratings, at the (hierarchy, talent) versions it was read at (schema
/// V18): the active people (NIP, unit, position) and each closed period's predikat by NIP.
#[derive(Debug, Default)]
pub struct TalentBase {
    pub versions: (i64, i64),
    pub active: Option<std::sync::Arc<Vec<(String, String, String)>>>,
    pub predikats:
        std::collections::HashMap<(i32, u8), std::sync::Arc<std::collections::HashMap<String, domain::skp::Predikat>>>,
    /// Closed final periods: by (how many, up to which year) the (year, final period) pairs, newest first.
    pub finals: std::collections::HashMap<(u8, i32), Vec<(i32, u8)>>,
    /// The periods of the last years that were opened, newest first (by this year).
    pub periods: Option<(i32, std::sync::Arc<Vec<domain::view::PeriodInfo>>)>,
    /// Every active person's facts of programme eligibility.
    pub facts: Option<std::sync::Arc<Vec<crate::repo::programme::PersonFacts>>>,
    /// The programmes each person has completed, by NIP.
    pub completions: Option<std::sync::Arc<crate::repo::programme::Completions>>,
    /// Every unit in tree order (see [`crate::services::org::outline`]).
    pub units: Option<std::sync::Arc<Vec<domain::view::UnitNode>>>,
    /// Everyone's place in the 9-box (see [`crate::services::talent::Matrix`]).
    pub matrix: Option<std::sync::Arc<crate::services::talent::Matrix>>,
    /// The dashboard's per-person base, with the reference data it was formed under.
    pub dashboard:
        Option<(std::sync::Arc<crate::services::report::Reference>, std::sync::Arc<crate::services::dashboard::Base>)>,
}

/// See [`TalentBase`].
pub type TalentBaseCache = std::sync::Arc<std::sync::RwLock<TalentBase>>;

/// The dashboard's live figures by (year, period, followed round), with when they were read.
pub type DashboardLiveCache = std::sync::Arc<
    std::sync::RwLock<
        std::collections::HashMap<
            (i32, u8, String),
            (std::time::Instant, std::sync::Arc<crate::services::dashboard::Live>),
        >,
    >,
>;

/// Round questionnaires shared by every request of this database handle.
pub type QuestionnaireCache =
    std::sync::Arc<std::sync::RwLock<std::collections::HashMap<String, std::sync::Arc<domain::view::Questionnaire>>>>;

/// Connects, signs in (remote only), selects namespace and database, and applies the schema.
pub async fn connect(config: &DbConfig) -> anyhow::Result<Db> {
    let db = attach(config).await?;
    crate::schema::migrate(&db).await?;
    Ok(db)
}

/// Connects, signs in (remote only) and selects namespace and database, leaving the database as it is (a backup
/// must not change what it copies; a restore fills an empty database before the schema is checked).
pub async fn attach(config: &DbConfig) -> anyhow::Result<Db> {
    if let Some(path) = config.url.strip_prefix("surrealkv://") {
        let dir = path.split('?').next().unwrap_or(path);
        if let Some(parent) = std::path::Path::new(dir).parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating database folder {}", parent.display()))?;
        }
    }
    // The SDK refuses WebSocket messages over 64 MiB; a closing reads every edge of a round in one answer (about
    // 60 MiB at 10,000 people), so answers from our own server are not limited (the server limits what it receives).
    let connecting = if config.is_remote() {
        let unlimited = surrealdb::opt::WebsocketConfig::new().max_message_size(None);
        let options = surrealdb::opt::Config::new().websocket(unlimited).context("configuring the connection")?;
        surrealdb::engine::any::connect((config.url.as_str(), options))
    } else {
        surrealdb::engine::any::connect(config.url.as_str())
    };
    let inner = connecting.await.with_context(|| format!("connecting to the database at {}", config.url))?;
    if config.is_remote()
        && let (Some(username), Some(password)) = (&config.username, &config.password)
    {
        inner
            .signin(Root { username: username.clone(), password: password.clone() })
            .await
            .context("signing in to the database server")?;
    }
    // Selecting a namespace or database that does not exist yet defines it; instances (or test servers) starting
    // together against one server may then conflict on that write: such a conflict is retried.
    let mut tries = 0;
    loop {
        match inner.use_ns(config.namespace.as_str()).use_db(config.database.as_str()).await {
            Err(e) if tries < 10 && is_conflict(&anyhow!(e.to_string())) => {
                tries += 1;
                tokio::time::sleep(std::time::Duration::from_millis(50 * tries)).await;
            }
            other => {
                other.context("selecting namespace")?;
                break;
            }
        }
    }
    let db = Db {
        inner: std::sync::Arc::new(inner),
        hierarchy: Default::default(),
        questionnaires: Default::default(),
        reference: Default::default(),
        round_jpms: Default::default(),
        talent_base: Default::default(),
        dashboard_live: Default::default(),
        writers: std::sync::Arc::new(tokio::sync::Semaphore::new(writer_permits())),
    };
    Ok(db)
}

/// The database as the app serves it: connected, migrated, and holding the shipped reference data (the competency
/// dictionary and the training catalog, written only when missing). `kinerja migrate` uses [`connect`] alone.
pub async fn open(config: &DbConfig) -> anyhow::Result<Db> {
    let db = connect(config).await?;
    crate::services::competency::ensure_defaults(&db).await?;
    crate::services::training::ensure_catalog(&db).await?;
    Ok(db)
}

/// How many hot-path writes (answers saved or submitted) run at once on this instance: `KINERJA_DB_WRITERS`,
/// default 8. On two cores, 50–200 clients writing at once spend CPU on contention inside the engine; letting 8
/// run while the rest wait (which costs nothing) measured faster at every client count (README: benchmarks).
fn writer_permits() -> usize {
    std::env::var("KINERJA_DB_WRITERS").ok().and_then(|v| v.parse().ok()).filter(|n| *n > 0).unwrap_or(8)
}

/// The results of a multi-statement query, one per statement.
pub struct Results(surrealdb::IndexedResults);

impl Results {
    /// The raw result of statement `index` as JSON (record ids and datetimes become strings).
    fn json(&mut self, index: usize) -> anyhow::Result<serde_json::Value> {
        let value: surrealdb::types::Value =
            self.0.take(index).with_context(|| format!("reading statement {index}"))?;
        Ok(value.into_json_value())
    }

    /// Rows of statement `index`, decoded with serde.
    pub fn rows<T: DeserializeOwned>(&mut self, index: usize) -> anyhow::Result<Vec<T>> {
        let values = match self.json(index)? {
            serde_json::Value::Array(items) => items,
            serde_json::Value::Null => vec![],
            single => vec![single],
        };
        values
            .into_iter()
            .enumerate()
            .map(|(i, v)| decode(v).with_context(|| format!("decoding row {i} of statement {index}")))
            .collect()
    }

    /// The value of the last statement.
    pub fn last_value<T: DeserializeOwned>(&mut self) -> anyhow::Result<T> {
        let last = self.0.num_statements().saturating_sub(1);
        self.value(last)
    }

    /// A single value returned by statement `index` (e.g. `RETURN …` or `SELECT … FROM ONLY …`).
    pub fn value<T: DeserializeOwned>(&mut self, index: usize) -> anyhow::Result<T> {
        decode(self.json(index)?).with_context(|| format!("decoding the value of statement {index}"))
    }
}

/// Decodes a row into `T`. The error names the type and what did not fit but never the value: rows hold answers
/// and comments that must not reach a log.
fn decode<T: DeserializeOwned>(value: serde_json::Value) -> anyhow::Result<T> {
    serde_json::from_value(value)
        .map_err(|e| anyhow::anyhow!("{} does not fit {}", without_values(&e.to_string()), std::any::type_name::<T>()))
}

/// A serde message with any quoted value cut out (`invalid type: string "…", expected u8` keeps its kinds only);
/// messages about fields keep the field's name, which comes from our own types.
pub fn without_values(message: &str) -> String {
    if ["missing field", "unknown field", "duplicate field"].iter().any(|p| message.starts_with(p)) {
        return message.to_string();
    }
    let (head, tail) = message.split_once(", expected").map_or((message, None), |(h, t)| (h, Some(t)));
    let head = head.find(['"', '`', '\'']).map_or(head.to_string(), |at| format!("{}…", &head[..at]));
    match tail {
        Some(t) => format!("{head}, expected{t}"),
        None => head,
    }
}

/// An error raised by a statement. `THROW "code"` in SurrealQL surfaces here, so services can map codes they
/// raise themselves (e.g. a cycle detected inside a transaction) to precise errors.
#[derive(Debug, thiserror::Error)]
#[error("database statement failed: {message}")]
pub struct StatementError {
    pub message: String,
}

impl StatementError {
    /// Whether the error was raised by `THROW` with this code.
    pub fn is_thrown(&self, code: &str) -> bool {
        self.message.contains(code)
    }

    /// Whether the error is a unique-index violation.
    pub fn is_duplicate(&self) -> bool {
        self.message.contains("already contains") || self.message.contains("already exists")
    }
}

impl Db {
    /// Writes a consistent copy of the selected database (definitions and every record, read in one read
    /// transaction) as SurrealQL to `file`.
    pub async fn export_to(&self, file: &std::path::Path) -> anyhow::Result<()> {
        self.inner.export(file).await.with_context(|| format!("exporting the database to {}", file.display()))
    }

    /// Runs a file written by [`Db::export_to`] (as an import: no events or computed fields run again).
    pub async fn import_from(&self, file: &std::path::Path) -> anyhow::Result<()> {
        self.inner.import(file).await.with_context(|| format!("importing {}", file.display()))
    }

    /// Runs parameterised SurrealQL. `vars` is a JSON object of bindings. Any failed statement fails the call
    /// with a [`StatementError`] (downcastable from the returned `anyhow::Error`).
    /// Top-level `null` bindings are dropped, so that an absent optional value is stored as `NONE`.
    pub async fn run(&self, sql: &str, mut vars: serde_json::Value) -> anyhow::Result<Results> {
        if let Some(map) = vars.as_object_mut() {
            map.retain(|_, v| !v.is_null());
        }
        let mut response = self.inner.query(sql).bind(vars).await.with_context(|| sent_failed(sql))?;
        match statement_failure(response.take_errors()) {
            None => Ok(Results(response)),
            Some(failure) => Err(failure),
        }
    }

    /// Runs SurrealQL with natively typed bindings (record ids, datetimes): used for bulk writes, where building
    /// values in Rust is much faster than converting them in the query.
    pub async fn run_native(&self, sql: &str, vars: surrealdb::types::Object) -> anyhow::Result<()> {
        let mut response = self.inner.query(sql).bind(vars).await.with_context(|| sent_failed(sql))?;
        statement_failure(response.take_errors()).map_or(Ok(()), Err)
    }

    /// Convenience: rows of the last (or only) statement.
    pub async fn rows<T: DeserializeOwned>(&self, sql: &str, vars: serde_json::Value) -> anyhow::Result<Vec<T>> {
        let mut results = self.run(sql, vars).await?;
        let last = results.0.num_statements().saturating_sub(1);
        results.rows(last)
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> bool {
        self.inner.query("RETURN 1").await.is_ok()
    }

    /// The reporting graph, checked against the stored version on every call.
    pub async fn hierarchy(&self) -> anyhow::Result<std::sync::Arc<crate::hierarchy::Snapshot>> {
        self.hierarchy.snapshot(self).await
    }

    /// A permit to run one hot-path write (see [`writer_permits`]); waiting for it costs no CPU.
    pub async fn writer(&self) -> Option<tokio::sync::SemaphorePermit<'_>> {
        self.writers.acquire().await.ok()
    }

    /// The cache of opened rounds' questionnaires.
    pub fn questionnaires(&self) -> &QuestionnaireCache {
        &self.questionnaires
    }

    /// The cache of reference data (see `services::development::reference`).
    pub fn reference_cache(&self) -> &ReferenceCache {
        &self.reference
    }

    /// The cache of the latest closed round's JPMs (see `services::talent::round_jpms`).
    pub fn round_jpm_cache(&self) -> &RoundJpmCache {
        &self.round_jpms
    }

    /// The cache of what the talent matrix reads of people and ratings (see `services::talent::active_people`).
    pub fn talent_base_cache(&self) -> &TalentBaseCache {
        &self.talent_base
    }

    /// The cache of the dashboard's live figures (see `services::dashboard::live`).
    pub fn dashboard_live_cache(&self) -> &DashboardLiveCache {
        &self.dashboard_live
    }

    /// The raw handle, for the few places that need it (benchmarks).
    pub fn raw(&self) -> &Surreal<Any> {
        &self.inner
    }
}

/// The error of a failed query, if any statement failed. In a failed transaction every statement reports the
/// cancellation; the cause is the other message.
fn statement_failure(errors: std::collections::HashMap<usize, surrealdb::Error>) -> Option<anyhow::Error> {
    let mut errors: Vec<(usize, String)> = errors.into_iter().map(|(i, e)| (i, e.to_string())).collect();
    errors.sort();
    let first = errors.first()?.1.clone();
    let message = errors
        .into_iter()
        .map(|(_, m)| m)
        .find(|m| !m.contains("not executed due to a failed transaction"))
        .unwrap_or(first);
    Some(anyhow!(StatementError { message }))
}

/// Finds a [`StatementError`] in an error chain.
pub fn statement_error(err: &anyhow::Error) -> Option<&StatementError> {
    err.downcast_ref::<StatementError>()
}

/// Whether a write failed because a concurrent transaction touched the same records (worth retrying). SurrealDB
/// reports it only in the message text, as a transaction conflict or a request to retry.
pub fn is_conflict(err: &anyhow::Error) -> bool {
    let text = format!("{err:#}").to_lowercase();
    text.contains("conflict") || text.contains("retry")
}

/// The context of a query that could not be sent or answered: its first words say which one (never its bindings,
/// which may hold personal data).
fn sent_failed(sql: &str) -> String {
    let head: String = sql.split_whitespace().take(12).collect::<Vec<_>>().join(" ");
    format!("sending a query to the database ({head} …)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code, reason = "only decoded")]
    struct Answer {
        comments: Vec<u8>,
    }

    #[test]
    fn decode_errors_never_quote_the_value() {
        let secret = "RAHASIA komentar 7f3";
        for value in [
            serde_json::json!({ "comments": [secret] }),
            serde_json::json!({ "comments": secret }),
            serde_json::json!({ "comments": [300] }),
            serde_json::json!([secret]),
        ] {
            let err = format!("{:?}", decode::<Answer>(value).unwrap_err());
            assert!(!err.contains("RAHASIA") && !err.contains("300"), "{err}");
            assert!(err.contains("Answer"), "{err}");
        }
        let missing = format!("{}", decode::<Answer>(serde_json::json!({})).unwrap_err());
        assert!(missing.contains("missing field `comments`"), "{missing}");
    }
}
