//! Business logic. Services take the database handle and parsed inputs, and return domain/API types or a precise
//! error. They are tested against an embedded SurrealDB (`mem://`), without HTTP.

pub mod auth;
pub mod bias;
pub mod competency;
pub mod dashboard;
pub mod discipline;
pub mod feedback;
pub mod hr;
pub mod import;
pub mod integration;
pub mod org;
pub mod password;
pub mod plan;
pub mod programme;
pub mod report;
pub mod seed;
pub mod skp;
pub mod talent;
pub mod training;

#[cfg(test)]
mod bias_tests;
#[cfg(test)]
mod dashboard_tests;
#[cfg(test)]
mod development_tests;
#[cfg(test)]
mod import_tests;
#[cfg(test)]
mod password_tests;
#[cfg(test)]
mod programme_tests;
#[cfg(test)]
mod talent_tests;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
