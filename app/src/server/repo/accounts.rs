//! Accounts, sessions and failed sign-in counters.

use crate::server::db::Db;
use anyhow::Context;
use serde::Deserialize;
use serde_json::json;

/// An account as the sign-in check needs it. Holds the password hash: never serialized.
#[derive(Deserialize)]
pub struct AccountSecret {
    pub key: String,
    pub nip: String,
    pub password_hash: String,
    pub active: bool,
}

impl std::fmt::Debug for AccountSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccountSecret").field("key", &self.key).field("nip", &self.nip).finish_non_exhaustive()
    }
}

/// Finds an account by username or by the linked employee's NIP.
pub async fn find_for_login(db: &Db, identifier: &str) -> anyhow::Result<Option<AccountSecret>> {
    let sql = "SELECT record::id(id) AS key, record::id(employee) AS nip, password_hash, (active AND employee.active) AS active
               FROM account WHERE username = $ident OR employee = type::record('employee', $ident) LIMIT 1;";
    let rows: Vec<AccountSecret> =
        db.rows(sql, json!({ "ident": identifier })).await.context("looking up an account")?;
    Ok(rows.into_iter().next())
}

/// The session's account, if the session exists and has not expired; refreshes `last_seen` when `touch`.
#[derive(Debug, Deserialize)]
pub struct SessionAccount {
    pub account: String,
    pub nip: String,
    pub name: String,
    pub username: Option<String>,
    pub roles: Vec<String>,
}

/// Creates a session.
pub async fn create_session(db: &Db, session_id: &str, account: &str, max_secs: i64) -> anyhow::Result<()> {
    let sql = "CREATE type::record('session', $sid) SET account = type::record('account', $account),
                created = time::now(), last_seen = time::now(),
                expires = time::now() + <duration> string::concat(<string> $max, 's');";
    db.run(sql, json!({ "sid": session_id, "account": account, "max": max_secs }))
        .await
        .context("creating a session")?;
    Ok(())
}

/// Resolves a session id to its account. Sessions past their absolute expiry or idle for longer than
/// `idle_secs` are deleted and yield `None`.
pub async fn resolve_session(db: &Db, session_id: &str, idle_secs: i64) -> anyhow::Result<Option<SessionAccount>> {
    let sql = "LET $s = type::record('session', $sid);
        LET $row = SELECT * FROM ONLY $s;
        IF $row != NONE AND ($row.expires < time::now() OR $row.last_seen + <duration> string::concat(<string> $idle, 's') < time::now()) {
            DELETE $s;
        } ELSE IF $row != NONE AND $row.last_seen + 1m < time::now() {
            UPDATE $s SET last_seen = time::now();
        };
        SELECT record::id(account) AS account, record::id(account.employee) AS nip, account.employee.name AS name,
            account.username AS username, account.roles AS roles
            FROM ONLY $s WHERE account.active AND account.employee.active;";
    let row: Option<SessionAccount> =
        db.run(sql, json!({ "sid": session_id, "idle": idle_secs })).await?.value(3).context("resolving a session")?;
    Ok(row)
}

/// Deletes a session (sign-out).
pub async fn delete_session(db: &Db, session_id: &str) -> anyhow::Result<()> {
    db.run("DELETE type::record('session', $sid);", json!({ "sid": session_id })).await?;
    Ok(())
}

/// Number of live sessions of an account (for tests and admin views).
pub async fn session_count(db: &Db, account: &str) -> anyhow::Result<u64> {
    let sql = "RETURN count(SELECT id FROM session WHERE account = type::record('account', $account));";
    db.run(sql, json!({ "account": account })).await?.value(0)
}

/// Takes one sign-in attempt from the counter `key` atomically and returns how many the window has taken with
/// this one (a window older than `window_secs` starts again at one). Concurrent attempts on one counter conflict
/// in the database and are retried by the caller, so a burst can never take more attempts than it is counted for.
pub async fn take_attempt(db: &Db, key: &str, window_secs: i64) -> anyhow::Result<u32> {
    // One statement: the conditions read the stored `last` before the last clause moves it.
    let sql = "LET $window = <duration> string::concat(<string> $secs, 's');
        UPSERT type::record('login_failure', $key) SET
            count = IF last == NONE OR last + $window < time::now() { 1 } ELSE { count + 1 },
            first = IF last == NONE OR last + $window < time::now() { time::now() } ELSE { first },
            last = time::now()
        RETURN VALUE count;";
    let counts: Vec<u32> = db.rows(sql, json!({ "key": key, "secs": window_secs })).await?;
    Ok(counts.first().copied().unwrap_or(u32::MAX))
}

/// The attempts the window of counter `key` has taken (0 when none or expired).
pub async fn attempts(db: &Db, key: &str, window_secs: i64) -> anyhow::Result<u32> {
    let sql = "LET $f = SELECT * FROM ONLY type::record('login_failure', $key);
        RETURN IF $f == NONE OR $f.last + <duration> string::concat(<string> $window, 's') < time::now()
            { 0 } ELSE { $f.count };";
    db.run(sql, json!({ "key": key, "window": window_secs })).await?.value(1).map(|n: Option<u32>| n.unwrap_or(0))
}

/// Gives back one attempt taken from `key` (a successful sign-in from a shared address).
pub async fn give_back_attempt(db: &Db, key: &str) -> anyhow::Result<()> {
    let sql = "UPDATE type::record('login_failure', $key) SET count = math::max([count - 1, 0]);";
    db.run(sql, json!({ "key": key })).await?;
    Ok(())
}

/// Clears a counter after a successful sign-in, and drops counters whose window ended long ago.
pub async fn clear_failures(db: &Db, key: &str) -> anyhow::Result<()> {
    db.run(
        "DELETE type::record('login_failure', $key);
         DELETE login_failure WHERE last < time::now() - 1d;",
        json!({ "key": key }),
    )
    .await?;
    Ok(())
}

/// Creates or replaces an account.
pub async fn upsert_account(
    db: &Db,
    key: &str,
    username: Option<&str>,
    nip: &str,
    password_hash: &str,
    roles: &[&str],
) -> anyhow::Result<()> {
    let sql = "UPSERT type::record('account', $key) CONTENT {
        username: $username, employee: type::record('employee', $nip), password_hash: $hash, roles: $roles, active: true };";
    db.run(sql, json!({ "key": key, "username": username, "nip": nip, "hash": password_hash, "roles": roles }))
        .await
        .context("saving an account")?;
    Ok(())
}
