//! Kinerja: competency-based performance appraisal and 360° feedback for Indonesian civil servants.
//!
//! This crate is shared by the server (feature `ssr`) and the browser (feature `hydrate`): the pages, components,
//! chart builders, the wire error and the server functions. It re-exports the pure [`domain`] and the [`i18n`]
//! table; with `ssr` it calls the `backend` crate (services) and holds the request context (`api::context`).
#![recursion_limit = "512"]

pub mod api;
pub mod app;
pub mod charts;
pub mod components;
pub mod error;
pub mod pages;
#[cfg(feature = "ssr")]
mod state;

pub use app::{App, shell};
pub use domain;
pub use i18n;
#[cfg(feature = "ssr")]
pub use state::AppState;
