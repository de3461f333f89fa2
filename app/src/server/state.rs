//! The one application state, passed explicitly to routes and provided to server functions as context.

use crate::server::db::Db;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// Runtime settings the services need (already resolved from configuration and the database).
#[derive(Debug, Clone)]
pub struct Runtime {
    /// Key for deriving session ids from cookie tokens (HMAC). Never sent anywhere.
    pub session_secret: Vec<u8>,
    /// Whether cookies get the `Secure` attribute (served over https).
    pub secure_cookies: bool,
    /// How long a session lives without activity, in seconds.
    pub session_idle_secs: i64,
    /// Absolute session lifetime, in seconds.
    pub session_max_secs: i64,
    /// A real hash checked when the account does not exist, so that response times do not reveal which accounts
    /// exist.
    pub dummy_hash: String,
}

impl Runtime {
    /// Settings with the default session lifetimes (8 hours idle, 24 hours at most).
    pub fn new(session_secret: Vec<u8>, secure_cookies: bool) -> anyhow::Result<Self> {
        Ok(Runtime {
            session_secret,
            secure_cookies,
            session_idle_secs: 8 * 3600,
            session_max_secs: 24 * 3600,
            dummy_hash: crate::server::services::auth::hash_password("kinerja-timing-equaliser")?,
        })
    }
}

/// Everything a request handler may need.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub runtime: Arc<Runtime>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
