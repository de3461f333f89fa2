//! Repositories: the only code that writes SurrealQL. Rows stay private here and convert into API/domain types.
//! Every query binds its parameters; no user input is ever spliced into query text.

pub mod accounts;
pub mod audit;
pub mod competency;
pub mod feedback;
pub mod org;
pub mod plan;
pub mod report;
pub mod seed;
pub mod settings;
pub mod skp;
pub mod training;
