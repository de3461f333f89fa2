//! Server functions, grouped by feature, with the data types they exchange with the UI.
//! Each server function is thin: read state and session, parse arguments, call one service, map the error.

pub mod auth;
pub mod bias;
pub mod competency;
#[cfg(feature = "ssr")]
pub mod context;
pub mod dashboard;
pub mod feedback;
pub mod hr;
pub mod import;
pub mod integration;
pub mod org;
pub mod plan;
pub mod programme;
pub mod report;
pub mod skp;
pub mod talent;
pub mod training;

pub use domain::view::*;
