//! The one application state, passed explicitly to routes and provided to server functions as context.

use axum::extract::FromRef;
use backend::{Db, Runtime};
use leptos::config::LeptosOptions;
use std::sync::Arc;

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
