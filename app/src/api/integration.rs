//! API tokens (HR): the tokens and the API's latest calls, and revoking a token. Issuing one is a plain form posted
//! to `/hr/api/issue` (see the server's `integration` routes), whose answer shows the secret this once.

use crate::api::*;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::context::{service_error, signed_in};
#[cfg(feature = "ssr")]
use crate::api::feedback::plain_redirect as back;
#[cfg(feature = "ssr")]
use backend::services::integration as service;

/// `/hr/api`: every token and the newest calls.
#[server(prefix = "/api", endpoint = "api-tokens", output = crate::api::JsonText)]
pub async fn load_api_tokens() -> Result<ApiTokensPage, AppError> {
    let (state, viewer) = signed_in().await?;
    service::tokens_page(&state.db, &viewer).await.map_err(service_error)
}

/// HR revokes a token, with a reason (audited).
#[server(prefix = "/api", endpoint = "api-tokens/revoke", output = crate::api::JsonText)]
pub async fn revoke_api_token(id: String, reason: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let result = service::revoke(&state.db, &viewer, &id, &reason).await.map_err(service_error);
    back(result, "/hr/api?revoked=1", "/hr/api")
}
