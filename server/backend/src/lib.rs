//! Server-only code (feature `ssr`): application state, the database connection and schema, repositories
//! (`repo/`, the only code that speaks SurrealQL) and services (`services/`, the business logic that server
//! functions call).

pub mod access;
pub mod db;
pub mod error;
pub mod hierarchy;
pub mod repo;
pub mod schema;
pub mod services;
pub mod state;

pub use db::{Db, DbConfig, connect, open};
pub use error::{ServiceError, ServiceResult};
pub use state::Runtime;
