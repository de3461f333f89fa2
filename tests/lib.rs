//! Black-box integration tests live in `api/` (one test binary). This library is intentionally empty.
