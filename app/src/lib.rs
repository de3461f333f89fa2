//! Kinerja: competency-based performance appraisal and 360° feedback for Indonesian civil servants.
//!
//! This crate is shared by the server (feature `ssr`) and the browser (feature `hydrate`): the domain, the i18n
//! table, the API types and server functions, the pages and the chart builders. Server-only code lives in
//! [`server`].
#![recursion_limit = "512"]

pub mod api;
pub mod app;
pub mod charts;
pub mod components;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

pub use app::{App, shell};
