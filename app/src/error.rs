//! The one error type that crosses the wire between server functions and the UI.
//!
//! Messages are already localized on the server (it knows the user's language). `Internal` carries no detail:
//! the cause is logged once on the server, where it is handled.

use crate::i18n::{Lang, T};
use leptos::server_fn::codec::JsonEncoding;
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

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
mod adapter {
    //! The one adapter from the backend's errors to what crosses the wire (status, localized message).
    use super::AppError;
    use backend::ServiceError;
    use backend::services::hr::HrError;
    use i18n::{Lang, T, name_error, nip_error};

    impl AppError {
        /// A service error as the user sees it, in their language (`Unexpected` becomes the opaque internal error:
        /// log it before, see `api::context::service_error`).
        pub fn from_service(err: &ServiceError, lang: Lang) -> AppError {
            match err {
                ServiceError::NotFound => AppError::not_found(lang),
                ServiceError::Forbidden => AppError::forbidden(lang),
                ServiceError::Invalid { field, text } => AppError::validation(field, lang.t(*text)),
                ServiceError::Conflict(text) => AppError::Conflict(lang.t(*text).into()),
                ServiceError::Unexpected(_) => AppError::internal(lang),
            }
        }

        /// An HR service error as the user sees it, in their language.
        pub fn from_hr(err: &HrError, lang: Lang) -> AppError {
            let v = |field: &str, key: T| AppError::validation(field, lang.t(key));
            match err {
                HrError::Forbidden => AppError::forbidden(lang),
                HrError::NotFound => AppError::not_found(lang),
                HrError::Nip(e) => AppError::validation("nip", nip_error(lang, e)),
                HrError::Name(e) => AppError::validation("name", name_error(lang, e)),
                HrError::Email(e) => AppError::validation("email", name_error(lang, e)),
                HrError::RankRequired => v("rank", T::ErrRankRequired),
                HrError::PositionRequired => v("position_name", T::ErrPositionRequired),
                HrError::UnitUnknown => v("unit_key", T::ErrUnitRequired),
                HrError::SupervisorRequired => v("supervisor_nip", T::ErrSupervisorRequired),
                HrError::SupervisorNotFound => v("supervisor_nip", T::ErrSupervisorNotFound),
                HrError::SupervisorInactive => v("supervisor_nip", T::ErrInactiveSupervisor),
                HrError::SelfSupervisor => v("supervisor_nip", T::ErrSelfSupervisor),
                HrError::Cycle => AppError::Conflict(lang.t(T::ErrCycle).into()),
                HrError::NoPathToHead => AppError::Conflict(lang.t(T::ErrNoPathToHead).into()),
                HrError::HeadCannotMove => AppError::Conflict(lang.t(T::ErrHeadCannotMove).into()),
                HrError::HasReports => AppError::Conflict(lang.t(T::ErrHasReports).into()),
                HrError::NipTaken => v("nip", T::ErrNipTaken),
                HrError::NothingToChange => v("supervisor_nip", T::ErrNothingToChange),
                HrError::ReasonTooLong => v("reason", T::ReasonTooLong),
                HrError::Unexpected(_) => AppError::internal(lang),
            }
        }
    }
}
