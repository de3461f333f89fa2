//! The `surreal` command of SurrealDB 3.3.5 (`surreal start --user root --pass … memory`), built with only the
//! engines Kinerja's tests use.

// As in SurrealDB's own binary: the optimised build lays out deeply nested async functions of the query engine.
#![recursion_limit = "256"]

fn main() -> std::process::ExitCode {
    surrealdb_server::init(surrealdb_server::core::CommunityComposer())
}
