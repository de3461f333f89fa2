//! Sign-in, sessions and sign-out. Passwords are hashed with argon2id; sessions live in the database and are
//! referenced by an opaque random token in an HttpOnly cookie. The database stores only an HMAC of the token.

use crate::db::Db;
use crate::error::{ServiceError, invalid};
use crate::repo::accounts;
use crate::state::Runtime;
use anyhow::{Context, anyhow};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use domain::{Role, Roles};
use hmac::{Hmac, Mac};
use i18n::T;
use sha2::Sha256;

/// Attempts allowed per account (or unknown identifier) from one client address within [`FAILURE_WINDOW_SECS`].
/// The NIP and the username of one account share this counter.
pub const MAX_FAILURES: u32 = 5;
/// Failed attempts allowed from one client address, whatever the accounts, within the window (an office behind
/// one address has many people; a successful sign-in gives its attempt back).
pub const MAX_ADDRESS_FAILURES: u32 = 100;
/// After this many failures on one account from all addresses together, every further attempt waits longer
/// (doubling up to [`MAX_DELAY_MS`]) — guessing slows down without anyone being able to lock a colleague out.
pub const DELAY_AFTER: u32 = 5;
/// The longest wait before a password is checked.
pub const MAX_DELAY_MS: u64 = 8_000;
/// Identifiers and passwords longer than these are refused before any work.
pub const MAX_IDENTIFIER: usize = 64;
pub const MAX_PASSWORD: usize = 256;
/// Password checks waiting for a free core beyond this are refused as "busy" instead of queueing without end.
pub const MAX_HASH_QUEUE: usize = 64;
/// The throttling window, in seconds.
pub const FAILURE_WINDOW_SECS: i64 = 15 * 60;
/// Name of the session cookie over plain http (development, tests).
pub const SESSION_COOKIE: &str = "kinerja_session";
/// Name of the session cookie over https: the `__Host-` prefix makes the browser refuse it unless it is `Secure`,
/// for this host only and for the whole site — no subdomain or plain-http page can plant or overwrite it.
pub const SECURE_SESSION_COOKIE: &str = "__Host-kinerja_session";

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

/// The wait before checking a password on an account that has `failures` failures from all addresses.
pub fn delay_ms(failures: u32) -> u64 {
    if failures < DELAY_AFTER {
        return 0;
    }
    (250u64 << (failures - DELAY_AFTER).min(10)).min(MAX_DELAY_MS)
}

/// Takes one attempt from a counter, retrying when concurrent attempts conflict; a counter that stays contended
/// counts as exhausted (fail closed).
pub async fn take(db: &Db, key: &str) -> anyhow::Result<u32> {
    for _ in 0..8 {
        match accounts::take_attempt(db, key, FAILURE_WINDOW_SECS).await {
            Ok(n) => return Ok(n),
            Err(e) if crate::db::is_conflict(&e) => tokio::task::yield_now().await,
            Err(e) => return Err(e),
        }
    }
    Ok(u32::MAX)
}

/// Checks a password with bounded concurrency: at most [`crate::state::hashing_permits`] run at once, and
/// past [`Runtime::max_hash_queue`] (default [`MAX_HASH_QUEUE`]) waiting the attempt is refused as busy.
pub async fn check_password(rt: &Runtime, password: &str, hash: String) -> Result<bool, ServiceError> {
    use std::sync::atomic::Ordering;
    struct Queued<'a>(&'a std::sync::atomic::AtomicUsize);
    impl Drop for Queued<'_> {
        fn drop(&mut self) {
            self.0.fetch_sub(1, Ordering::SeqCst);
        }
    }
    if rt.hash_queue.fetch_add(1, Ordering::SeqCst) >= rt.max_hash_queue {
        rt.hash_queue.fetch_sub(1, Ordering::SeqCst);
        return Err(ServiceError::TooMany(T::SignInBusy));
    }
    let _queued = Queued(&rt.hash_queue);
    let _permit = rt.hashing.acquire().await.context("waiting to check a password")?;
    let pw = password.to_owned();
    Ok(tokio::task::spawn_blocking(move || verify_password(&pw, &hash)).await.context("verifying a password")?)
}

/// Hashes a new password with the same bounded concurrency as [`check_password`].
pub async fn hash_bounded(rt: &Runtime, password: &str) -> Result<String, ServiceError> {
    let _permit = rt.hashing.acquire().await.context("waiting to hash a password")?;
    let pw = password.to_owned();
    Ok(tokio::task::spawn_blocking(move || hash_password(&pw)).await.context("hashing a password")??)
}

/// Signs in from the client address `client` and opens a session. Returns the cookie token.
///
/// Throttling: attempts are counted per account (the NIP and the username of one account share the counter) and
/// client address — [`MAX_FAILURES`] in the window — and per address — [`MAX_ADDRESS_FAILURES`]; each attempt is
/// taken from the counters atomically *before* the password is checked, so parallel bursts get no more tries.
/// Failures on an account from all addresses together only slow every further attempt down ([`delay_ms`]): the
/// right password from another address still works while one address is throttled.
#[tracing::instrument(skip(db, rt, password))]
pub async fn sign_in(
    db: &Db,
    rt: &Runtime,
    identifier: &str,
    password: &str,
    client: &str,
) -> Result<String, ServiceError> {
    if identifier.chars().count() > MAX_IDENTIFIER || password.len() > MAX_PASSWORD {
        return Err(invalid("identifier", T::CredentialsTooLong));
    }
    let ident = normalise_identifier(identifier);
    let account = accounts::find_for_login(db, &ident).await?;
    let who = match &account {
        Some(a) => format!("acct:{}", a.key),
        None => format!("id:{ident}"),
    };
    let (pair_key, address_key) = (format!("{who}|ip:{client}"), format!("ip:{client}"));
    let address = take(db, &address_key).await?;
    if address > MAX_ADDRESS_FAILURES {
        tracing::warn!(client, "sign-in throttled for the address");
        return Err(ServiceError::TooMany(T::TooManyAttempts));
    }
    if take(db, &pair_key).await? > MAX_FAILURES {
        tracing::warn!(identifier = %ident, client, "sign-in throttled");
        return Err(ServiceError::TooMany(T::TooManyAttempts));
    }
    let wait = delay_ms(accounts::attempts(db, &who, FAILURE_WINDOW_SECS).await?);
    if wait > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(wait)).await;
    }
    let (hash, usable) = match &account {
        Some(a) => (a.password_hash.clone(), a.active),
        None => (rt.dummy_hash.clone(), false),
    };
    let ok = check_password(rt, password, hash).await?;
    let account = match account {
        Some(a) if ok && usable => a,
        _ => {
            take(db, &who).await?;
            tracing::info!(identifier = %ident, client, "sign-in failed");
            return Err(ServiceError::Unauthorized(T::BadCredentials));
        }
    };
    accounts::clear_failures(db, &pair_key).await?;
    accounts::clear_failures(db, &who).await?;
    accounts::give_back_attempt(db, &address_key).await?;
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
    // Read before the session: a change that lands after this read leaves a newer stamp for the next request.
    let stamp = accounts::session_stamp(db).await?;
    if let Some(viewer) = rt.cached_session(&sid, stamp) {
        return Ok(Some(viewer));
    }
    let Some(row) = accounts::resolve_session(db, &sid, rt.session_idle_secs).await? else {
        return Ok(None);
    };
    let mut roles: Vec<Role> = row.roles.iter().filter_map(|r| Role::from_code(r)).collect();
    // Supervisor is derived from the graph: the person has direct reports.
    if crate::repo::org::has_reports(db, &row.nip).await? {
        roles.push(Role::Supervisor);
    }
    let viewer =
        Viewer { account: row.account, nip: row.nip, name: row.name, username: row.username, roles: Roles::new(roles) };
    rt.cache_session(&sid, stamp, &viewer);
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
        .find(|(k, _)| *k == SECURE_SESSION_COOKIE || *k == SESSION_COOKIE)
        .map(|(_, v)| v.to_string())
}

fn cookie_name(rt: &Runtime) -> (&'static str, &'static str) {
    if rt.secure_cookies { (SECURE_SESSION_COOKIE, "; Secure") } else { (SESSION_COOKIE, "") }
}

/// The `Set-Cookie` value that stores a session token.
pub fn session_cookie(token: &str, rt: &Runtime) -> String {
    let (name, secure) = cookie_name(rt);
    format!("{name}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}", rt.session_max_secs)
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_session_cookie(rt: &Runtime) -> String {
    let (name, secure) = cookie_name(rt);
    format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
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
        assert!(c.starts_with("__Host-kinerja_session=abc; Path=/;") && !c.contains("Domain"));
        let plain = session_cookie("abc", &Runtime::new(vec![1; 32], false).unwrap());
        assert!(plain.starts_with("kinerja_session=abc") && !plain.contains("Secure"));
        assert_eq!(token_from_cookie_header("x=1; kinerja_session=abc"), Some("abc".into()));
        assert_eq!(token_from_cookie_header("__Host-kinerja_session=abc"), Some("abc".into()));
    }

    #[test]
    fn failures_on_an_account_slow_every_attempt_down_without_locking_it() {
        assert_eq!(delay_ms(0), 0);
        assert_eq!(delay_ms(DELAY_AFTER - 1), 0);
        assert_eq!(delay_ms(DELAY_AFTER), 250);
        assert_eq!(delay_ms(DELAY_AFTER + 1), 500);
        assert_eq!(delay_ms(DELAY_AFTER + 40), MAX_DELAY_MS);
    }
}
