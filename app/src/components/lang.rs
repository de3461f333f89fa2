//! The current language: read from the request cookie on the server, from `<html lang>` in the browser.

use crate::i18n::{Lang, T};
use leptos::prelude::*;

/// The language of this page view.
pub fn current_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<Lang>().unwrap_or_else(crate::api::context::lang)
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        use_context::<Lang>().unwrap_or_else(|| web_sys_lang().map(|l| Lang::from_code(&l)).unwrap_or_default())
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        use_context::<Lang>().unwrap_or_default()
    }
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn web_sys_lang() -> Option<String> {
    let doc = gloo::utils::document();
    doc.document_element().and_then(|e| e.get_attribute("lang"))
}

/// The language provided by [`crate::App`].
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Translates a key in the current language.
pub fn tr(key: T) -> &'static str {
    use_lang().t(key)
}

/// Marks the document as hydrated (`<html data-hydrated>`), so that tests and styles can tell when the page has
/// become interactive.
#[cfg(feature = "hydrate")]
pub fn mark_hydrated() {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.set_attribute("data-hydrated", "true");
    }
}

/// Marks the document busy while the router loads the next page (and perhaps its part of the wasm):
/// `<html aria-busy="true">`, which the stylesheet draws as a thin bar along the top.
#[cfg(feature = "hydrate")]
pub fn mark_routing(routing: bool) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = if routing { root.set_attribute("aria-busy", "true") } else { root.remove_attribute("aria-busy") };
    }
}
