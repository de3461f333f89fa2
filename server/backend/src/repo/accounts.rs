//! Accounts, sessions and failed sign-in counters.

use crate::db::Db;
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

/// The versions a kept session depends on (see `state::SessionStamp`), in one read.
pub async fn session_stamp(db: &Db) -> anyhow::Result<crate::state::SessionStamp> {
    let sql = "RETURN [(SELECT VALUE version FROM ONLY meta:sessions) ?? 0, (SELECT VALUE version FROM ONLY meta:hierarchy) ?? 0];";
    let pair: Option<(i64, i64)> = db.run(sql, json!({})).await?.value(0)?;
    Ok(pair.unwrap_or((0, 0)))
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

/// SurrealQL that creates a one-time link `$link` (HMAC key) for `$account` valid for `$hours`, replacing every
/// unused link of the account (only the newest works).
pub const LINK_SQL: &str = "DELETE credential_link WHERE account = type::record('account', $account) AND used = NONE;
    CREATE type::record('credential_link', $link) SET account = type::record('account', $account),
        purpose = $purpose, expires = time::now() + <duration> string::concat(<string> $hours, 'h'),
        created_by = $actor;";

/// Creates a one-time link (see [`LINK_SQL`]) with its audit entry.
pub async fn create_link(
    db: &Db,
    link: &str,
    account: &str,
    purpose: &str,
    hours: i64,
    actor: &str,
) -> anyhow::Result<()> {
    let sql = format!("BEGIN TRANSACTION; {LINK_SQL} {} COMMIT TRANSACTION;", crate::repo::audit::APPEND_SQL);
    db.run(
        &sql,
        json!({ "link": link, "account": account, "purpose": purpose, "hours": hours, "actor": actor,
                "action": format!("account.{purpose}_link"), "subject": format!("account:{account}"),
                "before": null, "after": { "expires_in_hours": hours }, "reason": null }),
    )
    .await
    .context("creating a password link")?;
    Ok(())
}

/// A usable link: its account and the person's identifiers (for the password rules and the page).
#[derive(Debug, Clone, Deserialize)]
pub struct LinkTarget {
    pub account: String,
    pub nip: String,
    pub name: String,
    pub username: Option<String>,
    pub purpose: String,
}

/// The target of a link that is unused and unexpired, if any.
pub async fn usable_link(db: &Db, link: &str) -> anyhow::Result<Option<LinkTarget>> {
    let sql = "SELECT record::id(account) AS account, record::id(account.employee) AS nip,
            account.employee.name AS name, account.username AS username, purpose
        FROM ONLY type::record('credential_link', $link) WHERE used = NONE AND expires > time::now();";
    db.run(sql, json!({ "link": link })).await?.value(0)
}

/// Sets an account's password hash, ends every session of the account and voids its other unused links (a reset
/// link issued earlier stops working once the owner has chosen a password), in one transaction with its audit
/// entry. With `link`, the link must still be usable and is used up by this; returns whether it was.
pub async fn set_password(db: &Db, account: &str, hash: &str, link: Option<&str>, actor: &str) -> anyhow::Result<bool> {
    let use_link = if link.is_some() {
        "LET $used = UPDATE type::record('credential_link', $link) SET used = time::now()
            WHERE used = NONE AND expires > time::now() AND account = type::record('account', $account) RETURN VALUE id;
         IF array::len($used) == 0 { THROW 'unusable link' };"
    } else {
        ""
    };
    let sql = format!(
        "BEGIN TRANSACTION;
         {use_link}
         UPDATE type::record('account', $account) SET password_hash = $hash;
         DELETE session WHERE account = type::record('account', $account);
         DELETE credential_link WHERE account = type::record('account', $account) AND used = NONE;
         {}
         COMMIT TRANSACTION;",
        crate::repo::audit::APPEND_SQL
    );
    let res = db
        .run(
            &sql,
            json!({ "account": account, "hash": hash, "link": link, "actor": actor, "action": "account.password",
                    "subject": format!("account:{account}"), "before": null,
                    "after": { "by_link": link.is_some() }, "reason": null }),
        )
        .await;
    match res {
        Ok(_) => Ok(true),
        Err(e) if crate::db::statement_error(&e).is_some_and(|s| s.message.contains("unusable link")) => Ok(false),
        Err(e) => Err(e.context("setting a password")),
    }
}

/// The password hash and identifiers of an account (changing one's own password). Never serialized or logged.
#[derive(Deserialize)]
pub struct OwnAccount {
    pub nip: String,
    pub username: Option<String>,
    pub password_hash: String,
}

impl std::fmt::Debug for OwnAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OwnAccount").field("nip", &self.nip).finish_non_exhaustive()
    }
}

/// An account's own identifiers and hash.
pub async fn own_account(db: &Db, account: &str) -> anyhow::Result<Option<OwnAccount>> {
    let sql = "SELECT record::id(employee) AS nip, username, password_hash FROM ONLY type::record('account', $a);";
    db.run(sql, json!({ "a": account })).await?.value(0)
}

/// The account of an employee (HR issuing a reset link).
pub async fn account_of(db: &Db, nip: &str) -> anyhow::Result<Option<String>> {
    let sql = "SELECT VALUE record::id(id) FROM account WHERE employee = type::record('employee', $nip) LIMIT 1;";
    let rows: Vec<String> = db.rows(sql, json!({ "nip": nip })).await?;
    Ok(rows.into_iter().next())
}

/// The roles granted to an employee's account, when they have one.
pub async fn granted_roles(db: &Db, nip: &str) -> anyhow::Result<Option<Vec<String>>> {
    db.run(
        "RETURN (SELECT VALUE roles FROM account WHERE employee = type::record('employee', $nip))[0];",
        json!({ "nip": nip }),
    )
    .await?
    .value(0)
    .context("reading granted roles")
}

/// Replaces the roles granted to an employee's account, audited on the employee. Returns false when the person
/// has no account.
pub async fn set_roles(db: &Db, actor: &str, nip: &str, roles: &[&str]) -> anyhow::Result<bool> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $acc = (SELECT id, roles FROM account WHERE employee = type::record('employee', $nip))[0];
         IF $acc == NONE {{ THROW 'unchanged' }};
         UPDATE $acc.id SET roles = $roles;
         LET $before = {{ roles: $acc.roles }};
         LET $after = {{ roles: $roles }};
         {}
         COMMIT TRANSACTION;",
        crate::repo::audit::APPEND_SQL
    );
    super::changed(
        db.run(
            &sql,
            json!({ "nip": nip, "roles": roles, "actor": actor, "action": "account.roles",
                    "subject": format!("employee:{nip}"), "reason": null }),
        )
        .await,
        "granting roles",
    )
}
