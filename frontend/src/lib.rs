//! The browser entry point: hydrates the server-rendered page. Every page belongs to an area of pages that is a lazily
//! loaded part of the wasm, so hydration waits for the part of the page being shown (preloaded by the server) before
//! it marks the page hydrated.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        // A served page always has a body; without one there is nothing to hydrate.
        let Some(body) = leptos::prelude::document().body() else { return };
        leptos::mount::hydrate_from_async(body, app::App).await.forget();
        app::components::lang::mark_hydrated();
    });
}
