//! Passwords that nobody but their owner knows: new accounts and resets get a one-time link (random token, only
//! its HMAC stored, single use, expiring; a newer link replaces an unused older one) instead of a password; anyone
//! changes their own password with the current one. Setting a password ends every session of the account.
//! HR issues links but never sees or sets a password; every link and change is audited.

use crate::db::Db;
use crate::error::{ServiceError, invalid, password_problem};
use crate::repo::accounts;
use crate::services::auth::{self, Viewer, new_token, session_id};
use crate::state::Runtime;
use anyhow::Context;
use domain::Nip;
use domain::password::check_new_password;
use i18n::T;

/// How long a new account's set-up link works.
pub const SETUP_LINK_HOURS: i64 = 7 * 24;
/// How long a reset link works.
pub const RESET_LINK_HOURS: i64 = 24;

/// The page path of a link token.
pub fn link_path(token: &str) -> String {
    format!("/account/setup/{token}")
}

/// A fresh link token and the key it is stored under.
pub fn new_link(rt: &Runtime) -> (String, String) {
    let token = new_token();
    let key = session_id(&rt.session_secret, &token);
    (token, key)
}

/// HR issues a reset link for an employee's account (the path to hand over). Older unused links stop working.
#[tracing::instrument(skip(db, rt, viewer), fields(actor = %viewer.nip))]
pub async fn reset_link(db: &Db, rt: &Runtime, viewer: &Viewer, nip: &Nip) -> Result<String, ServiceError> {
    let nip = nip.as_str();
    if !viewer.roles.may_edit_employees() {
        return Err(ServiceError::Forbidden);
    }
    let account = accounts::account_of(db, nip).await?.ok_or(ServiceError::NotFound)?;
    let (token, key) = new_link(rt);
    accounts::create_link(db, &key, &account, "reset", RESET_LINK_HOURS, &viewer.nip).await?;
    Ok(link_path(&token))
}

/// What the link page shows: whose account and why (setup or reset). Unknown, used and expired links are alike.
pub async fn link_target(db: &Db, rt: &Runtime, token: &str) -> Result<accounts::LinkTarget, ServiceError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(invalid("token", T::LinkInvalid));
    }
    accounts::usable_link(db, &session_id(&rt.session_secret, token)).await?.ok_or(invalid("token", T::LinkInvalid))
}

fn identifiers(nip: &str, username: Option<&str>) -> Vec<String> {
    std::iter::once(nip.to_string()).chain(username.map(str::to_string)).collect()
}

async fn hash(rt: &Runtime, password: &str) -> Result<String, ServiceError> {
    auth::hash_bounded(rt, password).await
}

/// Sets the password of a link's account and uses the link up. Every session of the account ends.
pub async fn set_with_link(
    db: &Db,
    rt: &Runtime,
    token: &str,
    password: &str,
    again: &str,
) -> Result<(), ServiceError> {
    let target = link_target(db, rt, token).await?;
    let ids = identifiers(&target.nip, target.username.as_deref());
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    check_new_password(password, again, &ids).map_err(password_problem)?;
    let hashed = hash(rt, password).await?;
    let key = session_id(&rt.session_secret, token);
    if !accounts::set_password(db, &target.account, &hashed, Some(&key), &target.nip).await? {
        return Err(invalid("token", T::LinkInvalid));
    }
    rt.forget_sessions(None);
    Ok(())
}

/// Changes the viewer's own password (the current one required). Every session of the account ends; the new
/// session for this browser is returned as its cookie token.
pub async fn change_own(
    db: &Db,
    rt: &Runtime,
    viewer: &Viewer,
    current: &str,
    password: &str,
    again: &str,
    client: &str,
) -> Result<String, ServiceError> {
    let own = accounts::own_account(db, &viewer.account).await?.ok_or(ServiceError::NotFound)?;
    let ids = identifiers(&own.nip, own.username.as_deref());
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    check_new_password(password, again, &ids).map_err(password_problem)?;
    // Guessing the current password from a stolen session is throttled like signing in.
    let counter = format!("acct:{}|ip:{client}|change", viewer.account);
    if auth::take(db, &counter).await? > auth::MAX_FAILURES {
        return Err(ServiceError::TooMany(T::TooManyAttempts));
    }
    if current.len() > auth::MAX_PASSWORD || !auth::check_password(rt, current, own.password_hash.clone()).await? {
        return Err(invalid("current", T::PwWrongCurrent));
    }
    accounts::clear_failures(db, &counter).await?;
    let hashed = hash(rt, password).await?;
    accounts::set_password(db, &viewer.account, &hashed, None, &viewer.nip).await?;
    rt.forget_sessions(None);
    let token = new_token();
    accounts::create_session(db, &session_id(&rt.session_secret, &token), &viewer.account, rt.session_max_secs)
        .await
        .context("opening the new session")?;
    Ok(token)
}
