//! The 404 page.

use crate::components::tr;
use crate::i18n::T;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <main id="main" class="notice notice-error">
            <h1>{tr(T::NotFoundTitle)}</h1>
            <p><a href="/">{tr(T::BackHome)}</a></p>
        </main>
    }
}
