//! One black-box test binary: starts the real server on port 0 with an embedded database and talks HTTP to it.

mod auth;
mod development;
mod feedback;
mod helpers;
mod hr;
mod org;
mod persistence;
