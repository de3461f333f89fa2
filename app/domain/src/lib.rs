//! The pure domain: identity, positions, ranks, roles and the rules that tie them together.
//!
//! Nothing here touches the database, the network or the UI framework, so the browser (wasm) runs exactly the
//! same parsing and validation as the server. Its tests run without building the database.

pub mod access;
pub mod bias;
pub mod competency;
pub mod csv;
pub mod dashboard;
pub mod discipline;
pub mod employee;
pub mod feedback;
pub mod import;
pub mod integration;
pub mod nip;
pub mod password;
pub mod plan;
pub mod position;
pub mod programme;
pub mod rank;
pub mod redirect;
pub mod report;
pub mod role;
pub mod skp;
pub mod talent;
pub mod text;
pub mod training;
pub mod unit;
pub mod view;

pub use competency::{Bilingual, Competency, CompetencyKind, LevelText};
pub use employee::{Education, EmailAddress, EmployeeName, NameError};
pub use feedback::{GroupScore, RaterGroup, Withheld};
pub use nip::{Gender, Nip, NipError};
pub use position::PositionKind;
pub use rank::Rank;
pub use role::{Role, Roles};
pub use unit::{UnitKey, would_create_cycle};
