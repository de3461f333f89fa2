//! The one error every service returns: user-meaningful kinds, never localized here (a text key says what went wrong; the app turns it
//! into the reader's language, status code and no-JS notice), never logged here (the app logs `Unexpected` once).

use domain::password::PasswordProblem;
use domain::{NameError, NipError};
use i18n::T;

/// A refused or failed service call.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Nothing there — or something the viewer may not know exists (answers exactly like a missing one).
    #[error("not found")]
    NotFound,
    /// The viewer's roles do not allow this.
    #[error("forbidden")]
    Forbidden,
    /// An input that cannot be accepted; `field` is the form field, `text` the message key.
    #[error("invalid input: {field}")]
    Invalid { field: &'static str, text: T },
    /// A NIP that does not parse; the error says which rule it breaks.
    #[error("invalid NIP in {field}: {error}")]
    Nip { field: &'static str, error: NipError },
    /// A name or an e-mail address that does not parse.
    #[error("invalid {field}: {error}")]
    Name { field: &'static str, error: NameError },
    /// Credentials that do not match (a sign-in; answers alike for unknown accounts).
    #[error("bad credentials")]
    Unauthorized(T),
    /// Too many attempts, or too busy to check one now: try again later.
    #[error("too many requests: {0:?}")]
    TooMany(T),
    /// The request is valid but conflicts with the current state (a closed round, a duplicate, a race).
    #[error("conflict: {0:?}")]
    Conflict(T),
    /// A failure of ours (database, bug); the cause chain goes to the log, not to the user.
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

/// Shorthand for an invalid field.
pub fn invalid(field: &'static str, text: T) -> ServiceError {
    ServiceError::Invalid { field, text }
}

/// The message key of a refused new password.
pub fn password_problem(problem: PasswordProblem) -> ServiceError {
    invalid(
        "password",
        match problem {
            PasswordProblem::TooShort => T::PwTooShort,
            PasswordProblem::TooLong => T::PwTooLong,
            PasswordProblem::Common => T::PwCommon,
            PasswordProblem::ContainsIdentifier => T::PwContainsId,
            PasswordProblem::Mismatch => T::PwMismatch,
        },
    )
}

/// The result of a service call.
pub type ServiceResult<T> = Result<T, ServiceError>;
