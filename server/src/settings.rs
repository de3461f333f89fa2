//! Typed settings: defaults, then a TOML file (`kinerja.toml` or `--config`), then `KINERJA_*` environment
//! variables, then command-line flags.

use anyhow::{Context, bail};
use serde::Deserialize;
use std::path::Path;

/// All settings of a Kinerja instance.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Address to listen on, `HOST:PORT`.
    pub addr: String,
    /// Database URL: `surrealkv://path` (embedded, default), `mem://` (in memory), `ws://host:port` or
    /// `wss://host:port` (a server; `http(s)://` also works, without live queries).
    pub db_url: String,
    pub db_namespace: String,
    pub db_database: String,
    pub db_username: Option<String>,
    pub db_password: Option<String>,
    /// Secret for session ids. Generated and stored in the database on first start when not given.
    pub session_secret: Option<String>,
    /// Set the `Secure` cookie attribute (serve over https behind a proxy).
    pub secure_cookies: bool,
    /// `tracing` filter, e.g. `info` or `kinerja=debug,info`.
    pub log: String,
    /// Seed a demo agency on first start when the database is empty.
    pub seed_demo: bool,
    /// Size of the demo agency.
    pub demo_employees: usize,
    /// The public URL people use (`https://kinerja.example.go.id`): its origin is accepted for state-changing
    /// requests behind a proxy, and https there makes cookies `Secure` (with the `__Host-` prefix) and adds HSTS.
    pub public_url: Option<String>,
    /// A header with the client's address set by a trusted reverse proxy (e.g. `x-forwarded-for`). Off by
    /// default; never set it when clients can reach Kinerja directly, or they could choose their own address.
    pub client_ip_header: Option<String>,
    /// A folder for scheduled backups taken by this instance while it serves (`kinerja-<time>.surql`, the same
    /// copy as `kinerja backup`). Off by default; on a cluster set it on one instance only.
    pub backup_dir: Option<String>,
    /// Hours between scheduled backups (the first is taken one interval after start).
    pub backup_hours: u32,
    /// How many scheduled backups are kept (older ones are deleted after a new one is complete).
    pub backup_keep: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            addr: "127.0.0.1:3000".into(),
            db_url: "surrealkv://data/kinerja.db".into(),
            db_namespace: "kinerja".into(),
            db_database: "kinerja".into(),
            db_username: None,
            db_password: None,
            session_secret: None,
            secure_cookies: false,
            log: "info".into(),
            seed_demo: false,
            demo_employees: 1200,
            public_url: None,
            client_ip_header: None,
            backup_dir: None,
            backup_hours: 24,
            backup_keep: 14,
        }
    }
}

impl Settings {
    /// Loads settings from an optional file and the environment.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Self> {
        let default_file = Path::new("kinerja.toml");
        let mut settings = match file {
            Some(path) => Self::from_file(path)?,
            None if default_file.exists() => Self::from_file(default_file)?,
            None => Settings::default(),
        };
        settings.apply_env(|k| std::env::var(k).ok())?;
        Ok(settings)
    }

    fn from_file(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))
    }

    /// Applies `KINERJA_*` variables.
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> anyhow::Result<()> {
        let flag = |v: String| matches!(v.to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "on");
        if let Some(v) = get("KINERJA_ADDR") {
            self.addr = v;
        }
        if let Some(v) = get("KINERJA_DB_URL") {
            self.db_url = v;
        }
        if let Some(v) = get("KINERJA_DB_NAMESPACE") {
            self.db_namespace = v;
        }
        if let Some(v) = get("KINERJA_DB_DATABASE") {
            self.db_database = v;
        }
        if let Some(v) = get("KINERJA_DB_USERNAME") {
            self.db_username = Some(v);
        }
        if let Some(v) = get("KINERJA_DB_PASSWORD") {
            self.db_password = Some(v);
        }
        if let Some(v) = get("KINERJA_SESSION_SECRET") {
            self.session_secret = Some(v);
        }
        if let Some(v) = get("KINERJA_SECURE_COOKIES") {
            self.secure_cookies = flag(v);
        }
        if let Some(v) = get("KINERJA_LOG") {
            self.log = v;
        }
        if let Some(v) = get("KINERJA_SEED_DEMO") {
            self.seed_demo = flag(v);
        }
        if let Some(v) = get("KINERJA_PUBLIC_URL") {
            self.public_url = Some(v);
        }
        if let Some(v) = get("KINERJA_CLIENT_IP_HEADER") {
            self.client_ip_header = Some(v.to_ascii_lowercase());
        }
        if let Some(v) = get("KINERJA_BACKUP_DIR") {
            self.backup_dir = Some(v);
        }
        if let Some(v) = get("KINERJA_BACKUP_HOURS") {
            self.backup_hours = v.parse().context("KINERJA_BACKUP_HOURS must be a number of hours")?;
        }
        if let Some(v) = get("KINERJA_BACKUP_KEEP") {
            self.backup_keep = v.parse().context("KINERJA_BACKUP_KEEP must be a number")?;
        }
        if let Some(v) = get("KINERJA_DEMO_EMPLOYEES") {
            self.demo_employees = v.parse().context("KINERJA_DEMO_EMPLOYEES must be a number")?;
        }
        self.validate()
    }

    /// Checks values that would otherwise fail later with a less clear error.
    pub fn validate(&self) -> anyhow::Result<()> {
        if self.addr.parse::<std::net::SocketAddr>().is_err() {
            bail!("listen address {:?} is not HOST:PORT (e.g. 127.0.0.1:3000)", self.addr);
        }
        let known = ["surrealkv://", "mem://", "ws://", "wss://", "http://", "https://"];
        if !known.iter().any(|p| self.db_url.starts_with(p)) {
            bail!("database URL {:?} must start with one of {}", self.db_url, known.join(", "));
        }
        if let Some(u) = &self.public_url
            && !(u.starts_with("https://") || u.starts_with("http://"))
        {
            bail!("the public URL {u:?} must start with https:// (or http:// for a test)");
        }
        if self.backup_dir.is_some() && (self.backup_hours == 0 || self.backup_keep == 0) {
            bail!("scheduled backups need backup_hours and backup_keep of at least 1");
        }
        if let Some(s) = &self.session_secret
            && s.len() < 32
        {
            bail!("the session secret must have at least 32 characters");
        }
        Ok(())
    }

    /// The database part.
    pub fn db_config(&self) -> backend::DbConfig {
        backend::DbConfig {
            url: self.db_url.clone(),
            namespace: self.db_namespace.clone(),
            database: self.db_database.clone(),
            username: self.db_username.clone(),
            password: self.db_password.clone(),
        }
    }
}
