//! Sign-in, sessions and sign-out. Passwords are hashed with argon2id; sessions live in the database and are
//! referenced by an opaque random token in an HttpOnly cookie. The database stores only an HMAC of the token.

use crate::domain::{Role, Roles};
use crate::server::db::Db;
use crate::server::repo::accounts;
use crate::server::state::Runtime;
use anyhow::{Context, anyhow};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Failed attempts allowed per identifier within [`FAILURE_WINDOW_SECS`] before sign-in is refused.
pub const MAX_FAILURES: u32 = 5;
/// The throttling window, in seconds.
pub const FAILURE_WINDOW_SECS: i64 = 15 * 60;
/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "kinerja_session";

/// Why a sign-in failed.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("wrong identifier or password")]
    BadCredentials,
    #[error("too many failed attempts")]
    Throttled,
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

/// A signed-in person, resolved from a session.
#[derive(Debug, Clone, PartialEq)]
pub struct Viewer {
    pub account: String,
    pub nip: String,
    pub name: String,
    pub username: Option<String>,
    pub roles: Roles,
}

/// Hashes a password with argon2id and a random salt (PHC string).
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow!("hashing a password: {e}"))
}

/// Checks a password against a PHC string.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// The database key of a session: HMAC-SHA256 of the cookie token under the server's secret.
pub fn session_id(secret: &[u8], token: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(token.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// A fresh random token for a cookie (256 bits).
pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::random();
    hex::encode(bytes)
}

/// Normalises what people type as their identifier: usernames are case-insensitive, NIPs may contain spaces.
pub fn normalise_identifier(input: &str) -> String {
    let trimmed = input.trim();
    let digits: String = trimmed.chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) { digits } else { trimmed.to_lowercase() }
}

/// Signs in and opens a session. Returns the cookie token.
#[tracing::instrument(skip(db, rt, password))]
pub async fn sign_in(db: &Db, rt: &Runtime, identifier: &str, password: &str) -> Result<String, AuthError> {
    let ident = normalise_identifier(identifier);
    let throttle_key = format!("id:{ident}");
    let failures = accounts::failures(db, &throttle_key, FAILURE_WINDOW_SECS, MAX_FAILURES).await?;
    if failures.locked {
        tracing::warn!(identifier = %ident, "sign-in throttled");
        return Err(AuthError::Throttled);
    }
    let account = accounts::find_for_login(db, &ident).await?;
    let (hash, usable) = match &account {
        Some(a) => (a.password_hash.clone(), a.active),
        None => (rt.dummy_hash.clone(), false),
    };
    let pw = password.to_owned();
    let ok = tokio::task::spawn_blocking(move || verify_password(&pw, &hash)).await.context("verifying a password")?;
    let account = match account {
        Some(a) if ok && usable => a,
        _ => {
            accounts::record_failure(db, &throttle_key, FAILURE_WINDOW_SECS).await?;
            tracing::info!(identifier = %ident, "sign-in failed");
            return Err(AuthError::BadCredentials);
        }
    };
    accounts::clear_failures(db, &throttle_key).await?;
    let token = new_token();
    accounts::create_session(db, &session_id(&rt.session_secret, &token), &account.key, rt.session_max_secs).await?;
    tracing::info!(account = %account.key, "signed in");
    Ok(token)
}

/// Resolves a cookie token to the signed-in person, or `None` when the session is unknown or expired.
pub async fn resolve(db: &Db, rt: &Runtime, token: &str) -> anyhow::Result<Option<Viewer>> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let sid = session_id(&rt.session_secret, token);
    if let Some(viewer) = rt.cached_session(&sid) {
        return Ok(Some(viewer));
    }
    let Some(row) = accounts::resolve_session(db, &sid, rt.session_idle_secs).await? else {
        return Ok(None);
    };
    let mut roles: Vec<Role> = row.roles.iter().filter_map(|r| Role::from_code(r)).collect();
    // Supervisor is derived from the graph: the person has direct reports.
    if crate::server::repo::org::has_reports(db, &row.nip).await? {
        roles.push(Role::Supervisor);
    }
    let viewer =
        Viewer { account: row.account, nip: row.nip, name: row.name, username: row.username, roles: Roles::new(roles) };
    rt.cache_session(&sid, &viewer);
    Ok(Some(viewer))
}

/// Ends the session of a cookie token.
pub async fn sign_out(db: &Db, rt: &Runtime, token: &str) -> anyhow::Result<()> {
    let sid = session_id(&rt.session_secret, token);
    rt.forget_sessions(Some(&sid));
    accounts::delete_session(db, &sid).await
}

/// Reads the session token from a `Cookie` header value.
pub fn token_from_cookie_header(header: &str) -> Option<String> {
    header
        .split(';')
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == SESSION_COOKIE)
        .map(|(_, v)| v.to_string())
}

/// The `Set-Cookie` value that stores a session token.
pub fn session_cookie(token: &str, rt: &Runtime) -> String {
    let secure = if rt.secure_cookies { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}", rt.session_max_secs)
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_session_cookie(rt: &Runtime) -> String {
    let secure = if rt.secure_cookies { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify_only_the_right_password() {
        let hash = hash_password("kinerja-demo").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("kinerja-demo", &hash));
        assert!(!verify_password("kinerja-demO", &hash));
        assert!(!verify_password("kinerja-demo", "not a hash"));
    }

    #[test]
    fn session_ids_depend_on_the_secret() {
        let a = session_id(b"secret-a", "token");
        assert_eq!(a.len(), 64);
        assert_ne!(a, session_id(b"secret-b", "token"));
        assert_eq!(a, session_id(b"secret-a", "token"));
    }

    #[test]
    fn identifiers_are_normalised() {
        assert_eq!(normalise_identifier(" Admin "), "admin");
        assert_eq!(normalise_identifier("19850315 201001 1 002"), "198503152010011002");
    }

    #[test]
    fn the_session_cookie_is_http_only_and_same_site() {
        let rt = Runtime::new(vec![1; 32], true).unwrap();
        let c = session_cookie("abc", &rt);
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.contains("Secure"));
        assert_eq!(token_from_cookie_header("x=1; kinerja_session=abc"), Some("abc".into()));
    }
}
