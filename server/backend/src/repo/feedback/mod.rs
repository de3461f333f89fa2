//! 360° rounds: the round records, the `rater -> assesses -> ratee` edges and the materialised results.

mod assignments;
mod progress;
mod results;
mod rounds;

pub use assignments::*;
pub use progress::*;
pub use results::*;
pub use rounds::*;

/// Whether a conditional change happened: the queries throw `unchanged` (cancelling their transaction) when their
/// condition did not hold.
pub(super) fn changed(res: anyhow::Result<crate::db::Results>, what: &'static str) -> anyhow::Result<bool> {
    match res {
        Ok(_) => Ok(true),
        Err(e) if crate::db::statement_error(&e).is_some_and(|s| s.is_thrown("unchanged")) => Ok(false),
        Err(e) => Err(e.context(what)),
    }
}
