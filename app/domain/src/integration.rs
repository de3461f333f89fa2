//! The JSON API for other systems (`/api/v1`): the scopes an API token may carry and the rules of a token — its
//! shape, its lifetime — so that the HR page, the server and the tests agree on them.

use serde::{Deserialize, Serialize};

/// What a token lets a system do. A token acts within its issuer's reach (HR) and never beyond its scopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ApiScope {
    /// Units and employees (the directory in the import's fields).
    OrgRead,
    /// Work plans' status and the predikat of each period.
    SkpRead,
    /// 360° results under the same anonymity rules as the report page.
    ResultsRead,
    /// Loading the organisation from a file, with the same dry run and apply as `/hr/import`.
    OrgWrite,
}

impl ApiScope {
    pub const ALL: [ApiScope; 4] = [ApiScope::OrgRead, ApiScope::SkpRead, ApiScope::ResultsRead, ApiScope::OrgWrite];

    /// The scope's code, as stored and as the OpenAPI document names it.
    pub fn code(self) -> &'static str {
        match self {
            ApiScope::OrgRead => "org:read",
            ApiScope::SkpRead => "skp:read",
            ApiScope::ResultsRead => "results:read",
            ApiScope::OrgWrite => "org:write",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The name of the scope's checkbox on the form that issues a token.
    pub fn field(self) -> &'static str {
        match self {
            ApiScope::OrgRead => "org_read",
            ApiScope::SkpRead => "skp_read",
            ApiScope::ResultsRead => "results_read",
            ApiScope::OrgWrite => "org_write",
        }
    }
}

/// Every token's text starts with this, so that a leaked one is recognisable (secret scanners, logs).
pub const TOKEN_PREFIX: &str = "knj_";
/// Hex digits of randomness after the prefix (256 bits).
pub const TOKEN_HEX: usize = 64;
/// Hex digits shown to tell tokens apart (never enough to use one).
pub const SHOWN_HEX: usize = 8;
/// The longest lifetime a token may be given, in days; every token expires.
pub const MAX_TOKEN_DAYS: u32 = 366;
/// The lifetime offered by default.
pub const DEFAULT_TOKEN_DAYS: u32 = 90;
/// The longest token name.
pub const MAX_TOKEN_NAME: usize = 80;

/// Whether `text` has the shape of a token (checked before any database work).
pub fn is_token_shaped(text: &str) -> bool {
    text.strip_prefix(TOKEN_PREFIX).is_some_and(|hex| {
        hex.len() == TOKEN_HEX && hex.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    })
}

/// The part of a token shown in lists: the prefix and the first hex digits.
pub fn shown_part(token: &str) -> String {
    token.chars().take(TOKEN_PREFIX.len() + SHOWN_HEX).collect()
}

/// Why a token request cannot be accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenProblem {
    NameEmpty,
    NameTooLong,
    NoScope,
    Days,
}

/// Checks what HR typed for a new token; returns the trimmed name and the scopes in order, without duplicates.
pub fn check_request(name: &str, scopes: &[ApiScope], days: u32) -> Result<(String, Vec<ApiScope>), TokenProblem> {
    let name = name.trim();
    if name.is_empty() {
        return Err(TokenProblem::NameEmpty);
    }
    if name.chars().count() > MAX_TOKEN_NAME {
        return Err(TokenProblem::NameTooLong);
    }
    let mut scopes = scopes.to_vec();
    scopes.sort();
    scopes.dedup();
    if scopes.is_empty() {
        return Err(TokenProblem::NoScope);
    }
    if days == 0 || days > MAX_TOKEN_DAYS {
        return Err(TokenProblem::Days);
    }
    Ok((name.to_string(), scopes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_codes_round_trip() {
        for s in ApiScope::ALL {
            assert_eq!(ApiScope::from_code(s.code()), Some(s));
        }
        assert_eq!(ApiScope::from_code("org:admin"), None);
    }

    #[test]
    fn token_shape() {
        let good = format!("{TOKEN_PREFIX}{}", "a1".repeat(32));
        assert!(is_token_shaped(&good));
        assert_eq!(shown_part(&good), "knj_a1a1a1a1");
        assert!(!is_token_shaped(&good.to_uppercase()));
        assert!(!is_token_shaped(&good[..good.len() - 1]));
        assert!(!is_token_shaped(&format!("{good}0")));
        assert!(!is_token_shaped(&good.replace("knj_", "abc_")));
        assert!(!is_token_shaped(&format!("{TOKEN_PREFIX}{}", "g1".repeat(32))));
    }

    #[test]
    fn requests_are_checked() {
        assert_eq!(check_request("  ", &[ApiScope::OrgRead], 30), Err(TokenProblem::NameEmpty));
        assert_eq!(check_request(&"x".repeat(81), &[ApiScope::OrgRead], 30), Err(TokenProblem::NameTooLong));
        assert_eq!(check_request("SIASN", &[], 30), Err(TokenProblem::NoScope));
        assert_eq!(check_request("SIASN", &[ApiScope::OrgRead], 0), Err(TokenProblem::Days));
        assert_eq!(check_request("SIASN", &[ApiScope::OrgRead], MAX_TOKEN_DAYS + 1), Err(TokenProblem::Days));
        assert_eq!(
            check_request(" SIASN ", &[ApiScope::SkpRead, ApiScope::OrgRead, ApiScope::SkpRead], 90),
            Ok(("SIASN".to_string(), vec![ApiScope::OrgRead, ApiScope::SkpRead]))
        );
    }
}
