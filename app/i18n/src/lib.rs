//! The one i18n layer: every user-facing string, in Bahasa Indonesia (default) and English.
//!
//! Texts are keys of [`T`]; a missing translation is a compile error because each key is declared with both
//! languages at once. Components read the current language from context with [`use_lang`].

mod errors;
pub mod format;
#[cfg(feature = "loaded")]
pub mod loaded;
mod names;
mod table;
mod texts;

pub use errors::{import_column, import_failure, import_problem, name_error, nip_error};
pub use names::{
    band_name, check_name, condition_text, core_value, follow_up_name, level_name, nomination_state_name,
    objection_state_name, org_predikat_name, penalty_level_name, potential_name, predikat_name, rating_name, seen_text,
    skp_status_name,
};
pub use table::{split_table, table_href};
#[cfg(not(feature = "loaded"))]
pub use table::{table, table_name};
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

    /// Translates a key whose text has placeholders (`{name}`), filling each from `args`. The sentence stays whole
    /// in each language, so a translation may put the values in any order.
    pub fn fill(self, key: T, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let mut out = key.get(self).to_string();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), &value.to_string());
        }
        out
    }
}

/// The placeholders (`{name}`) of a text, in order.
#[cfg(test)]
fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        out.push(&rest[start + 1..start + len]);
        rest = &rest[start + len + 1..];
    }
    out
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
    fn both_languages_of_a_text_have_the_same_placeholders() {
        for key in T::ALL {
            let mut id = placeholders(Lang::Id.t(*key));
            let mut en = placeholders(Lang::En.t(*key));
            id.sort();
            en.sort();
            assert_eq!(id, en, "{key:?}");
        }
    }

    #[test]
    fn placeholders_are_filled_by_name_in_any_order() {
        let text = Lang::Id.fill(T::GapClosedOf, &[("total", &"3,00"), ("closed", &"1,50"), ("pct", &50)]);
        assert_eq!(text, "Kesenjangan tertutup 1,50 dari 3,00 (50%)");
        assert_eq!(
            Lang::En.fill(T::HomeFeedbackPending, &[("n", &2)]),
            "360° feedback: you still have 2 assessments to fill in."
        );
    }

    #[test]
    fn every_text_differs_by_language_or_is_a_proper_name() {
        assert_eq!(Lang::Id.t(T::SignIn), "Masuk");
        assert_eq!(Lang::En.t(T::SignIn), "Sign in");
    }
}
