//! Kinerja's backend: the database connection and schema, repositories (`repo/`, the only code that speaks
//! SurrealQL), services (`services/`, the business logic server functions call), the per-request access scope and
//! the one service error. It depends on the pure `domain` and the `i18n` keys, never on pages or server functions
//! (the app depends on it through its `ssr` feature).

pub mod access;
pub mod backup;
pub mod db;
pub mod error;
pub mod hierarchy;
pub mod repo;
pub mod schema;
pub mod services;
pub mod state;
pub mod xlsx;

pub use db::{Db, DbConfig, attach, connect, open};
pub use error::{ServiceError, ServiceResult};
pub use state::Runtime;
