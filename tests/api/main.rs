//! One black-box test binary: starts the real server on port 0 with an embedded database and talks HTTP to it.

mod attacks;
mod auth;
mod cluster;
mod development;
mod feedback;
mod helpers;
mod hr;
mod integration;
mod matrix;
mod org;
mod persistence;
mod server_parts;
mod skp;
mod talent;
