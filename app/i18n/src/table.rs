//! The texts of one language as one file: every text in the order of [`T::ALL`], one per line. The server sends it
//! under a name that changes with its content (browsers keep it for a year); the browser installs it before it
//! hydrates a page (see [`crate::loaded`]).

#[cfg(not(feature = "loaded"))]
use super::Lang;
use super::T;

/// Where the table named `name` (see `table_name`) is served.
pub fn table_href(name: &str) -> String {
    format!("/texts/{name}")
}

/// The table of `lang`: its texts in the order of [`T::ALL`], one per line.
#[cfg(not(feature = "loaded"))]
pub fn table(lang: Lang) -> String {
    T::ALL.iter().map(|k| k.get(lang)).collect::<Vec<_>>().join("\n")
}

/// The file name of the table of `lang`: the language and a hash of the table (64-bit FNV-1a, hex). Worked out once
/// per language (every page names its table).
#[cfg(not(feature = "loaded"))]
pub fn table_name(lang: Lang) -> &'static str {
    use std::sync::OnceLock;
    static NAMES: [OnceLock<String>; 2] = [OnceLock::new(), OnceLock::new()];
    NAMES[lang as usize].get_or_init(|| {
        let hash = table(lang)
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        format!("{}.{hash:016x}.txt", lang.code())
    })
}

/// Reads a table: its texts in key order, or nothing when it does not have one text per key (a table of another
/// build).
pub fn split_table(table: &str) -> Option<Vec<&str>> {
    let texts: Vec<&str> = table.split('\n').collect();
    (texts.len() == T::ALL.len()).then_some(texts)
}

#[cfg(all(test, not(feature = "loaded")))]
mod tests {
    use super::*;

    #[test]
    fn a_table_reads_back_as_the_texts_of_its_language() {
        for lang in [Lang::Id, Lang::En] {
            let table = table(lang);
            let texts = split_table(&table).expect("one text per key");
            for (key, text) in T::ALL.iter().zip(texts) {
                assert_eq!(key.get(lang), text, "{key:?}");
            }
        }
        assert_eq!(split_table("Masuk\nKeluar"), None);
    }

    #[test]
    fn no_text_has_a_line_break() {
        for key in T::ALL {
            assert!(!key.get(Lang::Id).contains('\n') && !key.get(Lang::En).contains('\n'), "{key:?}");
        }
    }

    #[test]
    fn the_name_of_a_table_follows_its_language_and_content() {
        let id = table_name(Lang::Id);
        assert!(id.starts_with("id.") && id.ends_with(".txt") && id.len() == "id..txt".len() + 16, "{id}");
        assert_ne!(id[3..], table_name(Lang::En)[3..]);
        assert_eq!(table_href(id), format!("/texts/{id}"));
    }
}
