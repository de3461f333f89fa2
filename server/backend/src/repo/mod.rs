//! Repositories: the only code that writes SurrealQL. Rows stay private here and convert into API/domain types.
//! Every query binds its parameters; no user input is ever spliced into query text.

pub mod accounts;
pub mod audit;
pub mod bias;
pub mod competency;
pub mod dashboard;
pub mod discipline;
pub mod feedback;
pub mod import;
pub mod integration;
pub mod org;
pub mod plan;
pub mod programme;
pub mod report;
pub mod seed;
pub mod settings;
pub mod skp;
pub mod talent;
pub mod training;

/// Whether a conditional change happened: the queries throw `unchanged` (cancelling their transaction) when their
/// condition did not hold.
fn changed(res: anyhow::Result<crate::db::Results>, what: &'static str) -> anyhow::Result<bool> {
    match res {
        Ok(_) => Ok(true),
        Err(e) if crate::db::statement_error(&e).is_some_and(|s| s.is_thrown("unchanged")) => Ok(false),
        Err(e) => Err(e.context(what)),
    }
}
