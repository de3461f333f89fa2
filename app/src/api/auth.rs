//! Sign-in and sign-out.

use crate::api::ViewerInfo;
use crate::error::AppError;
use leptos::prelude::*;

/// Signs in with a NIP or username and a password. With JavaScript off (a plain form post) it redirects: home on
/// success, back to the sign-in page with an error code otherwise.
#[server(prefix = "/api", endpoint = "auth/login")]
pub async fn login(identifier: String, password: String, next: Option<String>) -> Result<ViewerInfo, AppError> {
    use crate::i18n::T;
    use crate::server::context::*;
    use crate::server::services::auth::{self, AuthError};
    use crate::server::services::org::viewer_info;

    let state = state()?;
    let lang = lang();
    let plain = is_plain_form_post();
    let target = crate::domain::redirect::safe_next(next.as_deref());
    // A plain form post gets a redirect (302) back to the sign-in page with an error code instead of an error body.
    let refuse = |code: &str, err: AppError| {
        if plain {
            crate::server::context::redirect(&format!("/login?error={code}"));
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
            crate::server::context::redirect(&target);
            Ok(viewer_info(&viewer))
        }
        Err(AuthError::BadCredentials) => {
            Err(refuse("credentials", AppError::Unauthorized(lang.t(T::BadCredentials).into())))
        }
        Err(AuthError::Throttled) => {
            Err(refuse("throttled", AppError::TooManyRequests(lang.t(T::TooManyAttempts).into())))
        }
        Err(AuthError::TooLong) => {
            Err(refuse("too_long", AppError::validation("identifier", lang.t(T::CredentialsTooLong))))
        }
        Err(AuthError::Busy) => Err(refuse("busy", AppError::TooManyRequests(lang.t(T::SignInBusy).into()))),
        Err(AuthError::Unexpected(e)) => Err(internal(e)),
    }
}

/// Signs out: the session is deleted on the server and the cookie cleared.
#[server(prefix = "/api", endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::server::context::*;
    use crate::server::services::auth;

    let state = state()?;
    if let Some(token) = session_token() {
        auth::sign_out(&state.db, &state.runtime, &token).await.map_err(internal)?;
    }
    set_cookie(&auth::clear_session_cookie(&state.runtime));
    crate::server::context::redirect("/login");
    Ok(())
}

/// The signed-in person, or `None`.
#[server(prefix = "/api", endpoint = "auth/me")]
pub async fn current_viewer() -> Result<Option<ViewerInfo>, AppError> {
    use crate::server::context::*;
    use crate::server::services::org::viewer_info;

    let state = state()?;
    Ok(viewer_opt(&state).await?.as_ref().map(viewer_info))
}
