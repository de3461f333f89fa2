//! The one error type that crosses the wire between server functions and the UI.
//!
//! Messages are already localized on the server (it knows the user's language). `Internal` carries no detail:
//! the cause is logged once on the server, where it is handled.

use crate::i18n::{Lang, T};
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A user-meaningful failure of a server call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{message}")]
    Validation { field: String, message: String },
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    TooManyRequests(String),
    #[error("{0}")]
    Internal(String),
    /// A transport-level failure reported by the server-function machinery.
    #[error("{0}")]
    Transport(String),
}

impl AppError {
    pub fn unauthorized(lang: Lang) -> Self {
        AppError::Unauthorized(lang.t(T::ErrUnauthorized).into())
    }
    pub fn forbidden(lang: Lang) -> Self {
        AppError::Forbidden(lang.t(T::ErrForbidden).into())
    }
    pub fn not_found(lang: Lang) -> Self {
        AppError::NotFound(lang.t(T::ErrNotFound).into())
    }
    pub fn internal(lang: Lang) -> Self {
        AppError::Internal(lang.t(T::ErrInternal).into())
    }
    pub fn validation(field: &str, message: impl Into<String>) -> Self {
        AppError::Validation { field: field.into(), message: message.into() }
    }

    /// The HTTP status code for this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthorized(_) => 401,
            AppError::Forbidden(_) => 403,
            AppError::NotFound(_) => 404,
            AppError::Validation { .. } => 422,
            AppError::Conflict(_) => 409,
            AppError::TooManyRequests(_) => 429,
            AppError::Internal(_) | AppError::Transport(_) => 500,
        }
    }

    /// The field a validation error belongs to, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Validation { field, .. } => Some(field),
            _ => None,
        }
    }
}

/// Sent as JSON and read from text, as every answer is (`api::JsonText`): one JSON reader in the browser's wasm.
impl FromServerFnError for AppError {
    type Encoder = crate::api::JsonTextEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
mod adapter {
    //! The one adapter from the backend's errors to what crosses the wire (status, localized message).
    use super::AppError;
    use backend::ServiceError;
    use i18n::{Lang, name_error, nip_error};

    impl AppError {
        /// A service error as the user sees it, in their language (`Unexpected` becomes the opaque internal error:
        /// log it before, see `api::context::service_error`).
        pub fn from_service(err: &ServiceError, lang: Lang) -> AppError {
            match err {
                ServiceError::NotFound => AppError::not_found(lang),
                ServiceError::Forbidden => AppError::forbidden(lang),
                ServiceError::Invalid { field, text } => AppError::validation(field, lang.t(*text)),
                ServiceError::Nip { field, error } => AppError::validation(field, nip_error(lang, error)),
                ServiceError::Name { field, error } => AppError::validation(field, name_error(lang, error)),
                ServiceError::Unauthorized(text) => AppError::Unauthorized(lang.t(*text).into()),
                ServiceError::TooMany(text) => AppError::TooManyRequests(lang.t(*text).into()),
                ServiceError::Conflict(text) => AppError::Conflict(lang.t(*text).into()),
                ServiceError::Unexpected(_) => AppError::internal(lang),
            }
        }
    }
}
