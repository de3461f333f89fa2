//! The texts of the page's language in the browser: installed once when the page starts, from the table the server
//! linked (see [`crate::table`]), before anything is rendered.

use std::sync::OnceLock;

static TEXTS: OnceLock<Vec<&'static str>> = OnceLock::new();

/// Installs the table of the page's language; fails when it is not a table of this build or one is installed.
pub fn install(table: String) -> Result<(), &'static str> {
    let table: &'static str = Box::leak(table.into_boxed_str());
    let texts = crate::split_table(table).ok_or("the texts do not match this build")?;
    TEXTS.set(texts).map_err(|_| "the texts are installed already")
}

/// The text of the key at `index` (empty before the table is installed).
pub(crate) fn get(index: usize) -> &'static str {
    TEXTS.get().and_then(|t| t.get(index).copied()).unwrap_or("")
}
