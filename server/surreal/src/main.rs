//! The `surreal` command of SurrealDB 3.3.5 (`surreal start --user root --pass … memory`), built with only the
//! engines Kinerja's tests use.

fn main() -> std::process::ExitCode {
    surrealdb_server::init(surrealdb_server::core::CommunityComposer())
}
