//! Runtime settings the services need: session keys and lifetimes, the session cache, the hashing limits.

use std::sync::Arc;

/// Runtime settings the services need (already resolved from configuration and the database).
#[derive(Debug, Clone)]
pub struct Runtime {
    /// Key for deriving session ids from cookie tokens (HMAC). Never sent anywhere.
    pub session_secret: Vec<u8>,
    /// Whether cookies get the `Secure` attribute (served over https).
    pub secure_cookies: bool,
    /// How long a session lives without activity, in seconds.
    pub session_idle_secs: i64,
    /// Absolute session lifetime, in seconds.
    pub session_max_secs: i64,
    /// A real hash checked when the account does not exist, so that response times do not reveal which accounts
    /// exist.
    pub dummy_hash: String,
    /// Sessions resolved in the last few seconds (see [`SESSION_CACHE_SECS`]).
    pub sessions: SessionCache,
    /// The public URL (`https://kinerja.example.go.id`) when configured: its origin is ours, and https there
    /// makes cookies `Secure`.
    pub public_url: Option<String>,
    /// A header set by a trusted reverse proxy that carries the client's address (e.g. `x-forwarded-for`; its
    /// last entry is used). Off by default: the socket's peer address is the client.
    pub client_ip_header: Option<String>,
    /// Password checks that may run at once (a flood of sign-ins must not take every core from other requests).
    pub hashing: Arc<tokio::sync::Semaphore>,
    /// Password checks waiting for (or holding) a permit.
    pub hash_queue: Arc<std::sync::atomic::AtomicUsize>,
    /// Password checks allowed to wait before more are refused as busy.
    pub max_hash_queue: usize,
}

/// How many password checks may run at once: one core is always left for everything else.
pub fn hashing_permits() -> usize {
    std::thread::available_parallelism().map(|n| n.get().saturating_sub(1)).unwrap_or(1).max(1)
}

/// How long a resolved session is reused while nothing it depends on changed (see [`SessionStamp`]); after that it
/// is resolved again (which also moves its idle time on).
pub const SESSION_CACHE_SECS: u64 = 10;

/// What a resolved session depends on, read from the database on every request (one small read): the sessions
/// version (bumped by the database on a sign-out, a password change, an account's roles or state, a person's name
/// or state: schema V22) and the hierarchy version (whether the person still has reports). A kept session is used
/// only while both are unchanged, so a sign-out or an HR edit on any instance of a cluster counts on every other
/// instance from its next request.
pub type SessionStamp = (i64, i64);

/// Recently resolved sessions by session id, with the stamp they were resolved under.
pub type SessionCache = Arc<
    std::sync::Mutex<
        std::collections::HashMap<String, (std::time::Instant, SessionStamp, crate::services::auth::Viewer)>,
    >,
>;

impl Runtime {
    /// Settings with the default session lifetimes (8 hours idle, 24 hours at most).
    pub fn new(session_secret: Vec<u8>, secure_cookies: bool) -> anyhow::Result<Self> {
        Ok(Runtime {
            session_secret,
            secure_cookies,
            session_idle_secs: 8 * 3600,
            session_max_secs: 24 * 3600,
            dummy_hash: crate::services::auth::hash_password("kinerja-timing-equaliser")?,
            sessions: Default::default(),
            public_url: None,
            client_ip_header: None,
            hashing: Arc::new(tokio::sync::Semaphore::new(hashing_permits())),
            hash_queue: Default::default(),
            max_hash_queue: crate::services::auth::MAX_HASH_QUEUE,
        })
    }

    /// A recently resolved session, if still fresh and resolved under the current stamp.
    pub fn cached_session(&self, sid: &str, stamp: SessionStamp) -> Option<crate::services::auth::Viewer> {
        let map = self.sessions.lock().ok()?;
        let (at, kept, viewer) = map.get(sid)?;
        (*kept == stamp && at.elapsed().as_secs() < SESSION_CACHE_SECS).then(|| viewer.clone())
    }

    /// Remembers a resolved session with the stamp read before it was resolved.
    pub fn cache_session(&self, sid: &str, stamp: SessionStamp, viewer: &crate::services::auth::Viewer) {
        if let Ok(mut map) = self.sessions.lock() {
            if map.len() > 50_000 {
                map.retain(|_, (at, kept, _)| *kept == stamp && at.elapsed().as_secs() < SESSION_CACHE_SECS);
            }
            map.insert(sid.to_string(), (std::time::Instant::now(), stamp, viewer.clone()));
        }
    }

    /// Forgets one session (sign-out) or, with `None`, every session (roles or accounts changed).
    pub fn forget_sessions(&self, sid: Option<&str>) {
        if let Ok(mut map) = self.sessions.lock() {
            match sid {
                Some(sid) => {
                    map.remove(sid);
                }
                None => map.clear(),
            }
        }
    }
}
