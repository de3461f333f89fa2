//! Read models and forms: what services return and pages show, exchanged over the wire as JSON. Plain serde
//! types, grouped by feature; no database or framework types, so the backend and the browser share them without
//! the backend knowing about pages.

mod bias;
mod common;
mod competency;
mod dashboard;
mod feedback;
mod import;
mod integration;
mod programme;
mod report;
mod skp;
mod talent;

pub use bias::*;
pub use common::*;
pub use competency::*;
pub use dashboard::*;
pub use feedback::*;
pub use import::*;
pub use integration::*;
pub use programme::*;
pub use report::*;
pub use skp::*;
pub use talent::*;
