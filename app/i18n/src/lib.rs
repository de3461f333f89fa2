//! The one i18n layer: every user-facing string, in Bahasa Indonesia (default) and English.
//!
//! Texts are keys of [`T`]; a missing translation is a compile error because each key is declared with both
//! languages at once. Components read the current language from context with [`use_lang`].

mod errors;
pub mod format;
mod names;
mod texts;

pub use errors::{name_error, nip_error};
pub use names::{band_name, level_name};
pub use texts::T;

use serde::{Deserialize, Serialize};

/// Name of the cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "kinerja_lang";

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// Parses `id`/`en`; anything else falls back to Indonesian.
    pub fn from_code(code: &str) -> Lang {
        if code.trim().eq_ignore_ascii_case("en") { Lang::En } else { Lang::Id }
    }

    /// Reads the language from a `Cookie` header value.
    pub fn from_cookie_header(header: &str) -> Lang {
        header
            .split(';')
            .filter_map(|kv| kv.trim().split_once('='))
            .find(|(k, _)| *k == LANG_COOKIE)
            .map(|(_, v)| Lang::from_code(v))
            .unwrap_or_default()
    }

    /// The other language (for the switch).
    pub fn other(self) -> Lang {
        match self {
            Lang::Id => Lang::En,
            Lang::En => Lang::Id,
        }
    }

    /// Translates a key.
    pub fn t(self, key: T) -> &'static str {
        key.get(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_cookie_is_read_among_others() {
        assert_eq!(Lang::from_cookie_header("a=b; kinerja_lang=en; c=d"), Lang::En);
        assert_eq!(Lang::from_cookie_header("kinerja_lang=xx"), Lang::Id);
        assert_eq!(Lang::from_cookie_header(""), Lang::Id);
    }

    #[test]
    fn every_text_differs_by_language_or_is_a_proper_name() {
        assert_eq!(Lang::Id.t(T::SignIn), "Masuk");
        assert_eq!(Lang::En.t(T::SignIn), "Sign in");
    }
}
