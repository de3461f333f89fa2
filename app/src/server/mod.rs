//! Server-only code (feature `ssr`): application state, the database connection and schema, repositories
//! (`repo/`, the only code that speaks SurrealQL) and services (`services/`, the business logic that server
//! functions call).

pub mod context;
pub mod db;
pub mod hierarchy;
pub mod repo;
pub mod schema;
pub mod services;
pub mod state;

pub use db::{Db, DbConfig, connect};
pub use state::{AppState, Runtime};
