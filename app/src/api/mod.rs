//! Server functions, grouped by feature, with the data types they exchange with the UI.
//! Each server function is thin: read state and session, parse arguments, call one service, map the error.

pub mod auth;
pub mod competency;
pub mod development;
mod development_types;
pub mod feedback;
mod feedback_types;
pub mod hr;
pub mod org;
pub mod types;

pub use development_types::*;
pub use feedback_types::*;
pub use types::*;
