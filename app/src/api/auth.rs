//! Sign-in and sign-out.

use crate::api::ViewerInfo;
use crate::error::AppError;
use leptos::prelude::*;

/// Signs in with a NIP or username and a password. With JavaScript off (a plain form post) it redirects: home on
/// success, back to the sign-in page with an error code otherwise.
#[server(prefix = "/api", endpoint = "auth/login", output = crate::api::JsonText)]
pub async fn login(identifier: String, password: String, next: Option<String>) -> Result<ViewerInfo, AppError> {
    use crate::api::context::*;
    use crate::i18n::T;
    use backend::ServiceError;
    use backend::services::auth;
    use backend::services::org::viewer_info;

    let state = state()?;
    let lang = lang();
    let plain = is_plain_form_post();
    let target = crate::domain::redirect::safe_next(next.as_deref());
    // A plain form post gets a redirect (302) back to the sign-in page with an error code instead of an error body.
    let refuse = |code: &str, err: AppError| {
        if plain {
            crate::api::context::redirect(&format!("/login?error={code}"));
            err
        } else {
            fail(err)
        }
    };
    if identifier.trim().is_empty() || password.is_empty() {
        return Err(refuse("missing", AppError::validation("identifier", lang.t(T::MissingCredentials))));
    }
    let client = client_address(&state.runtime);
    match auth::sign_in(&state.db, &state.runtime, &identifier, &password, &client).await {
        Ok(token) => {
            set_cookie(&auth::session_cookie(&token, &state.runtime));
            let viewer = auth::resolve(&state.db, &state.runtime, &token)
                .await
                .map_err(internal)?
                .ok_or_else(|| AppError::internal(lang))?;
            crate::api::context::redirect(&target);
            Ok(viewer_info(&viewer))
        }
        Err(ServiceError::Unexpected(e)) => Err(internal(e)),
        // Without JavaScript the sign-in page shows the message for the code in its query string.
        Err(e) => {
            let code = match &e {
                ServiceError::Unauthorized(_) => "credentials",
                ServiceError::TooMany(T::TooManyAttempts) => "throttled",
                ServiceError::TooMany(_) => "busy",
                _ => "too_long",
            };
            Err(refuse(code, AppError::from_service(&e, lang)))
        }
    }
}

/// Signs out: the session is deleted on the server and the cookie cleared.
#[server(prefix = "/api", endpoint = "auth/logout", output = crate::api::JsonText)]
pub async fn logout() -> Result<(), AppError> {
    use crate::api::context::*;
    use backend::services::auth;

    let state = state()?;
    if let Some(token) = session_token() {
        auth::sign_out(&state.db, &state.runtime, &token).await.map_err(internal)?;
    }
    set_cookie(&auth::clear_session_cookie(&state.runtime));
    crate::api::context::redirect("/login");
    Ok(())
}

/// The signed-in person, or `None`.
#[server(prefix = "/api", endpoint = "auth/me", output = crate::api::JsonText)]
pub async fn current_viewer() -> Result<Option<ViewerInfo>, AppError> {
    use crate::api::context::*;
    use backend::services::org::viewer_info;

    let state = state()?;
    Ok(viewer_opt(&state).await?.as_ref().map(viewer_info))
}

/// What the password-link page shows about its link.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LinkInfo {
    pub name: String,
    /// `setup` (a new account) or `reset`.
    pub purpose: String,
}

#[cfg(feature = "ssr")]
use crate::api::context::service_error;

/// The account and purpose of a one-time password link (no sign-in needed; a used, expired or unknown link
/// answers alike).
#[server(prefix = "/api", endpoint = "auth/link", output = crate::api::JsonText)]
pub async fn load_link(token: String) -> Result<LinkInfo, AppError> {
    use crate::api::context::state;
    let state = state()?;
    let target = backend::services::password::link_target(&state.db, &state.runtime, token.trim())
        .await
        .map_err(service_error)?;
    Ok(LinkInfo { name: target.name, purpose: target.purpose })
}

/// Chooses a password through a one-time link; the link is used up and every session of the account ends.
/// Without JavaScript it returns to the sign-in page (or back to the link with the error).
#[server(prefix = "/api", endpoint = "auth/set_password", output = crate::api::JsonText)]
pub async fn set_password(token: String, password: String, again: String) -> Result<(), AppError> {
    use crate::api::context::state;
    let state = state()?;
    let token = token.trim().to_string();
    let result = backend::services::password::set_with_link(&state.db, &state.runtime, &token, &password, &again)
        .await
        .map_err(service_error);
    crate::api::feedback::plain_redirect(result, "/login?password=set", &format!("/account/setup/{token}"))
}

/// Changes the signed-in person's own password (the current one required). Every other session of the account
/// ends; this browser gets a new session.
#[server(prefix = "/api", endpoint = "auth/change_password", output = crate::api::JsonText)]
pub async fn change_password(current: String, password: String, again: String) -> Result<(), AppError> {
    use crate::api::context::*;
    use backend::services::auth;
    let (state, viewer) = signed_in().await?;
    let client = client_address(&state.runtime);
    let result = backend::services::password::change_own(
        &state.db,
        &state.runtime,
        &viewer,
        &current,
        &password,
        &again,
        &client,
    )
    .await
    .map_err(service_error)
    .map(|token| set_cookie(&auth::session_cookie(&token, &state.runtime)));
    crate::api::feedback::plain_redirect(result, "/account/password?changed=1", "/account/password")
}

/// HR issues a one-time reset link for an employee (HR never sees or sets the password). Its answer is the link.
/// Posted without JavaScript it goes back to the profile, which shows the link once: it travels there in a cookie
/// for that page alone that lives a few minutes ([`take_reset_link`]), never in the address (the history, logs and
/// `Referer` keep addresses).
#[server(prefix = "/api", endpoint = "hr/reset_link", output = crate::api::JsonText)]
pub async fn reset_link(nip: String) -> Result<String, AppError> {
    use crate::api::context::{is_plain_form_post, set_cookie, signed_in, subject};
    let (state, viewer) = signed_in().await?;
    let nip = subject(&viewer, &nip)?;
    let result =
        backend::services::password::reset_link(&state.db, &state.runtime, &viewer, &nip).await.map_err(service_error);
    if is_plain_form_post()
        && let Ok(link) = &result
    {
        set_cookie(&reset_link_cookie(nip.as_str(), link, RESET_LINK_COOKIE_SECS, state.runtime.secure_cookies));
    }
    let profile = format!("/employees/{}", nip.as_str());
    crate::api::feedback::plain_redirect(result, &profile, &profile)
}

/// The cookie that carries a reset link issued by a plain form post to the person's profile.
#[cfg(feature = "ssr")]
const RESET_LINK_COOKIE: &str = "kinerja_reset_link";
/// How long it may wait for the profile to be shown.
#[cfg(feature = "ssr")]
const RESET_LINK_COOKIE_SECS: u32 = 300;

#[cfg(feature = "ssr")]
fn reset_link_cookie(nip: &str, link: &str, max_age: u32, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{RESET_LINK_COOKIE}={link}; Path=/employees/{nip}; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}")
}

/// The reset link a plain form post left for the profile of `nip` ([`reset_link`]), taken: the cookie is cleared
/// with this response, so the link is shown once.
#[cfg(feature = "ssr")]
pub fn take_reset_link(nip: &str, secure: bool) -> Option<String> {
    let link = crate::api::context::cookie(RESET_LINK_COOKIE)
        .filter(|link| link.starts_with("/account/") && link.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'/'))?;
    crate::api::context::set_cookie(&reset_link_cookie(nip, "", 0, secure));
    Some(link)
}
