//! API tokens (keyed by the SHA-256 of their secret) and the log of the calls made with them. Issuing and revoking
//! a token are audited in their transaction; every call is one `api_call` row.

use crate::db::Db;
use crate::repo::audit::APPEND_SQL;
use anyhow::Context;
use domain::integration::ApiScope;
use domain::view::{ApiCall, ApiToken};
use serde::Deserialize;
use serde_json::json;

/// A new token's fields.
pub struct NewToken<'a> {
    pub hash: &'a str,
    pub public_id: &'a str,
    pub name: &'a str,
    pub shown: &'a str,
    pub scopes: &'a [ApiScope],
    pub account: &'a str,
    pub days: u32,
}

/// Stores a token, audited. Returns its expiry.
pub async fn create(db: &Db, actor: &str, token: &NewToken<'_>) -> anyhow::Result<String> {
    let scopes: Vec<&str> = token.scopes.iter().map(|s| s.code()).collect();
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $t = CREATE ONLY type::record('api_token', $hash) SET name = $name, shown = $shown, scopes = $scopes,
            account = type::record('account', $account), public_id = $public_id,
            expires = time::now() + <duration> string::concat(<string> $days, 'd');
         LET $after = {{ name: $name, scopes: $scopes, expires: <string> $t.expires, shown: $shown }};
         {APPEND_SQL}
         RETURN <string> $t.expires;
         COMMIT TRANSACTION;"
    );
    db.run(
        &sql,
        json!({ "hash": token.hash, "name": token.name, "shown": token.shown, "scopes": scopes,
                "account": token.account, "public_id": token.public_id, "days": token.days, "actor": actor,
                "subject": format!("api_token:{}", token.public_id), "action": "api_token.issue", "before": null,
                "reason": null }),
    )
    .await
    .context("storing an API token")?
    .value(4)
}

/// The token a secret's hash names, with its issuer's standing, when it exists.
#[derive(Debug, Clone, Deserialize)]
pub struct TokenHolder {
    pub public_id: String,
    pub scopes: Vec<String>,
    pub expired: bool,
    pub revoked: bool,
    /// The issuer's account, NIP, name, username and roles; `active` is false when the account or employee is not.
    pub account: String,
    pub nip: String,
    pub name: String,
    pub username: Option<String>,
    pub roles: Vec<String>,
    pub active: bool,
}

/// Looks a token up by the hash of its secret (one record read).
pub async fn holder(db: &Db, hash: &str) -> anyhow::Result<Option<TokenHolder>> {
    let sql = "SELECT public_id, scopes, expires < time::now() AS expired, revoked != NONE AS revoked,
            record::id(account) AS account, record::id(account.employee) AS nip, account.employee.name AS name,
            account.username AS username, account.roles AS roles,
            (account.active AND account.employee.active) ?? false AS active
        FROM ONLY type::record('api_token', $hash);";
    db.run(sql, json!({ "hash": hash })).await?.value(0).context("looking up an API token")
}

/// Logs one call made with a token.
pub async fn log_call(db: &Db, public_id: &str, method: &str, path: &str, status: u16) -> anyhow::Result<()> {
    db.run(
        "CREATE api_call SET token = $public_id, at = time::now(), method = $method, path = $path, status = $status;",
        json!({ "public_id": public_id, "method": method, "path": path, "status": status }),
    )
    .await
    .context("logging an API call")?;
    Ok(())
}

/// Marks a token as used, at most once a minute (a busy integration does not contend on its token record).
pub async fn touch(db: &Db, hash: &str) -> anyhow::Result<()> {
    db.run(
        "UPDATE type::record('api_token', $hash) SET last_used = time::now()
         WHERE last_used = NONE OR last_used + 1m < time::now();",
        json!({ "hash": hash }),
    )
    .await
    .context("marking an API token used")?;
    Ok(())
}

#[derive(Deserialize)]
struct TokenRow {
    public_id: String,
    name: String,
    shown: String,
    scopes: Vec<String>,
    issued_by: String,
    issued_by_name: Option<String>,
    created: String,
    expires: String,
    revoked: Option<String>,
    revoked_by: Option<String>,
    last_used: Option<String>,
    calls: u64,
    usable: bool,
}

/// Every token, newest first, with its call count. `usable` is computed here except for the issuer's roles,
/// which the service checks.
pub async fn tokens(db: &Db) -> anyhow::Result<Vec<(ApiToken, Vec<String>)>> {
    let sql = "SELECT public_id, name, shown, scopes, record::id(account.employee) AS issued_by,
            account.employee.name AS issued_by_name, <string> created AS created, <string> expires AS expires,
            (IF revoked != NONE { <string> revoked } ELSE { NONE }) AS revoked, revoked_by,
            (IF last_used != NONE { <string> last_used } ELSE { NONE }) AS last_used,
            count(SELECT id FROM api_call WHERE token = $parent.public_id) AS calls,
            (revoked = NONE AND expires > time::now() AND account.active AND account.employee.active) ?? false AS usable,
            account.roles AS roles
        FROM api_token ORDER BY created DESC;";
    #[derive(Deserialize)]
    struct WithRoles {
        #[serde(flatten)]
        row: TokenRow,
        #[serde(default)]
        roles: Vec<String>,
    }
    let rows: Vec<WithRoles> = db.rows(sql, json!({})).await.context("reading API tokens")?;
    Ok(rows
        .into_iter()
        .map(|WithRoles { row: r, roles }| {
            (
                ApiToken {
                    id: r.public_id,
                    name: r.name,
                    shown: r.shown,
                    scopes: r.scopes.iter().filter_map(|s| ApiScope::from_code(s)).collect(),
                    issued_by: r.issued_by,
                    issued_by_name: r.issued_by_name.unwrap_or_default(),
                    created: r.created,
                    expires: r.expires,
                    revoked: r.revoked,
                    revoked_by: r.revoked_by,
                    last_used: r.last_used,
                    calls: r.calls,
                    usable: r.usable,
                },
                roles,
            )
        })
        .collect())
}

/// The newest calls of every token.
pub async fn recent_calls(db: &Db, limit: usize) -> anyhow::Result<Vec<ApiCall>> {
    #[derive(Deserialize)]
    struct Row {
        at: String,
        token: String,
        token_name: Option<String>,
        method: String,
        path: String,
        status: u16,
    }
    let rows: Vec<Row> = db
        .rows(
            "SELECT <string> at AS at, token, (SELECT VALUE name FROM api_token WHERE public_id = $parent.token)[0]
                AS token_name, method, path, status FROM api_call ORDER BY at DESC LIMIT $limit;",
            json!({ "limit": limit }),
        )
        .await
        .context("reading the API's calls")?;
    Ok(rows
        .into_iter()
        .map(|r| ApiCall {
            at: r.at,
            token: r.token,
            token_name: r.token_name.unwrap_or_default(),
            method: r.method,
            path: r.path,
            status: r.status,
        })
        .collect())
}

/// Number of calls logged for one token (tests, the page).
pub async fn call_count(db: &Db, public_id: &str) -> anyhow::Result<u64> {
    db.run("RETURN count(SELECT id FROM api_call WHERE token = $public_id);", json!({ "public_id": public_id }))
        .await?
        .value(0)
}

/// Revokes a token, audited with why. Returns whether it was live (an unknown or already revoked one is not).
pub async fn revoke(db: &Db, actor: &str, public_id: &str, reason: &str) -> anyhow::Result<bool> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $t = (SELECT id, name FROM api_token WHERE public_id = $public_id AND revoked = NONE)[0];
         IF $t == NONE {{ THROW 'unchanged' }};
         UPDATE $t.id SET revoked = time::now(), revoked_by = $actor;
         LET $before = {{ name: $t.name }};
         LET $after = {{ name: $t.name, revoked: true }};
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    super::changed(
        db.run(
            &sql,
            json!({ "public_id": public_id, "actor": actor, "action": "api_token.revoke",
                    "subject": format!("api_token:{public_id}"), "reason": reason }),
        )
        .await,
        "revoking an API token",
    )
}

/// One employee as the API returns it.
#[derive(Debug, Clone, Deserialize)]
pub struct EmployeeRow {
    pub nip: String,
    pub name: String,
    pub email: Option<String>,
    pub rank: String,
    pub rank_since: Option<String>,
    pub position: Option<String>,
    pub position_kind: Option<String>,
    pub unit: String,
    pub unit_name: Option<String>,
    pub supervisor: Option<String>,
    pub education: Option<String>,
    pub active: bool,
}

const EMPLOYEE_FIELDS: &str = "nip, name, email, rank,
    (IF rank_since != NONE { string::slice(<string> rank_since, 0, 10) } ELSE { NONE }) AS rank_since,
    position.name AS position, position.kind AS position_kind, <string> record::id(unit) AS unit,
    unit.name AS unit_name, (->reports_to->employee).map(|$s| record::id($s))[0] AS supervisor, education, active";

/// Which employees a page of the list holds.
pub struct EmployeeFilter<'a> {
    pub unit: Option<&'a str>,
    pub active: Option<bool>,
    pub after: Option<&'a str>,
    pub limit: u32,
}

/// A page of employees ordered by NIP (the `nip` index gives the order and the start).
pub async fn employees(db: &Db, filter: &EmployeeFilter<'_>) -> anyhow::Result<Vec<EmployeeRow>> {
    // Only fixed fragments are added to the query text; every value is bound.
    let mut conditions = vec!["nip > $after"];
    if filter.unit.is_some() {
        conditions.push("unit = type::record('unit', $unit)");
    }
    if filter.active.is_some() {
        conditions.push("active = $active");
    }
    let sql =
        format!("SELECT {EMPLOYEE_FIELDS} FROM employee WHERE {} ORDER BY nip LIMIT $limit;", conditions.join(" AND "));
    db.rows(
        &sql,
        json!({ "unit": filter.unit, "active": filter.active, "after": filter.after.unwrap_or(""),
                "limit": filter.limit }),
    )
    .await
    .context("reading a page of employees")
}

/// One employee by NIP.
pub async fn employee(db: &Db, nip: &str) -> anyhow::Result<Option<EmployeeRow>> {
    db.run(&format!("SELECT {EMPLOYEE_FIELDS} FROM ONLY type::record('employee', $nip);"), json!({ "nip": nip }))
        .await?
        .value(0)
        .context("reading an employee")
}
