//! The browser entry point: hydrates the server-rendered page. Every page belongs to an area of pages that is a lazily
//! loaded part of the wasm, so hydration waits for the part of the page being shown (preloaded by the server) before
//! it marks the page hydrated. The wasm carries no texts: it first installs the table of the page's language, which
//! the page links (`<link id="kinerja-texts">`, preloaded) and browsers keep for a year.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        // A served page always has a body; without one there is nothing to hydrate.
        let Some(body) = leptos::prelude::document().body() else { return };
        // Without its texts the page is not hydrated: it stays the working server-rendered page it is.
        if let Err(e) = install_texts().await {
            leptos::logging::warn!("the page's texts could not be loaded: {e}");
            return;
        }
        leptos::mount::hydrate_from_async(body, app::App).await.forget();
        app::components::lang::mark_hydrated();
    });
}

/// Fetches the texts the page links (three tries: a phone may lose the network for a moment) and installs them.
async fn install_texts() -> Result<(), String> {
    let href = leptos::prelude::document()
        .get_element_by_id("kinerja-texts")
        .and_then(|link| link.get_attribute("href"))
        .ok_or("the page links no texts")?;
    let mut last = String::new();
    for _ in 0..3 {
        match fetch_text(&href).await {
            Ok(table) => return i18n::loaded::install(table).map_err(str::to_string),
            Err(e) => last = e,
        }
    }
    Err(last)
}

async fn fetch_text(href: &str) -> Result<String, String> {
    let window = leptos::prelude::window();
    let response = JsFuture::from(window.fetch_with_str(href)).await.map_err(|e| format!("{e:?}"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|e| format!("{e:?}"))?;
    if !response.ok() {
        return Err(format!("{href}: {}", response.status()));
    }
    let text = response.text().map_err(|e| format!("{e:?}"))?;
    JsFuture::from(text).await.map_err(|e| format!("{e:?}"))?.as_string().ok_or_else(|| "not text".to_string())
}
