use crate::integration::ApiScope;
use serde::{Deserialize, Serialize};

/// One API token as HR sees it (never its secret).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiToken {
    pub id: String,
    pub name: String,
    /// The prefix and first hex digits, to tell tokens apart.
    pub shown: String,
    pub scopes: Vec<ApiScope>,
    /// The issuer's NIP and name: the token acts within their reach.
    pub issued_by: String,
    pub issued_by_name: String,
    /// Timestamps as ISO strings (UTC).
    pub created: String,
    pub expires: String,
    pub revoked: Option<String>,
    pub revoked_by: Option<String>,
    pub last_used: Option<String>,
    pub calls: u64,
    /// Whether the token still works (not revoked, not expired, its issuer still HR).
    pub usable: bool,
}

/// One call made with a token (the API's audit log).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiCall {
    pub at: String,
    pub token: String,
    pub token_name: String,
    pub method: String,
    pub path: String,
    pub status: u16,
}

/// `/hr/api`: the tokens, the latest calls, and the fields of a new token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiTokensPage {
    pub tokens: Vec<ApiToken>,
    pub calls: Vec<ApiCall>,
    pub default_days: u32,
    pub max_days: u32,
}

/// A token just issued: its secret is shown this once and never stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssuedToken {
    pub id: String,
    pub name: String,
    pub secret: String,
    pub expires: String,
}
