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

/// Failed sign-ins for an identifier within the window.
#[derive(Debug, Deserialize)]
pub struct Failures {
    pub count: u32,
    pub locked: bool,
}

/// Reads the failure counter of `key`; counts older than `window_secs` are ignored.
pub async fn failures(db: &Db, key: &str, window_secs: i64, max: u32) -> anyhow::Result<Failures> {
    let sql = "LET $f = SELECT * FROM ONLY type::record('login_failure', $key);
        RETURN IF $f == NONE OR $f.last + <duration> string::concat(<string> $window, 's') < time::now()
            { { count: 0, locked: false } } ELSE { { count: $f.count, locked: $f.count >= $max } };";
    db.run(sql, json!({ "key": key, "window": window_secs, "max": max })).await?.value(1)
}

/// Records one failed sign-in for `key`.
pub async fn record_failure(db: &Db, key: &str, window_secs: i64) -> anyhow::Result<()> {
    let sql = "LET $id = type::record('login_failure', $key);
        LET $f = SELECT * FROM ONLY $id;
        IF $f == NONE OR $f.last + <duration> string::concat(<string> $window, 's') < time::now() {
            UPSERT $id SET count = 1, first = time::now(), last = time::now();
        } ELSE {
            UPDATE $id SET count += 1, last = time::now();
        };";
    db.run(sql, json!({ "key": key, "window": window_secs })).await?;
    Ok(())
}

/// Clears the failure counter after a successful sign-in.
pub async fn clear_failures(db: &Db, key: &str) -> anyhow::Result<()> {
    db.run("DELETE type::record('login_failure', $key);", json!({ "key": key })).await?;
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
