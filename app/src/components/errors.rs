//! Loading and error views. A 401 sends the person to the sign-in page; 403 and 404 explain themselves.

use crate::components::Erase;
use crate::components::lang::tr;
use crate::error::AppError;
use crate::i18n::T;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

/// A polite loading indicator.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status" aria-live="polite">{tr(T::Loading)}</p> }
}

/// Shows an error the way a person needs it.
#[component]
pub fn ErrorNotice(err: AppError) -> impl IntoView {
    match err {
        AppError::Unauthorized(_) => view! { <Redirect path="/login"/> }.erase(),
        AppError::Forbidden(msg) => view! {
            <section class="notice notice-error" role="alert">
                <h1>{tr(T::ForbiddenTitle)}</h1>
                <p>{msg}</p>
                <p><a href="/">{tr(T::BackHome)}</a></p>
            </section>
        }
        .erase(),
        AppError::NotFound(msg) => view! {
            <section class="notice notice-error" role="alert">
                <h1>{tr(T::NotFoundTitle)}</h1>
                <p>{msg}</p>
                <p><a href="/">{tr(T::BackHome)}</a></p>
            </section>
        }
        .erase(),
        other => view! {
            <section class="notice notice-error" role="alert">
                <h1>{tr(T::ErrorTitle)}</h1>
                <p>{other.to_string()}</p>
            </section>
        }
        .erase(),
    }
}

/// An inline error under a form.
#[component]
pub fn FormError(err: AppError) -> impl IntoView {
    view! { <p class="form-error" role="alert">{err.to_string()}</p> }
}

/// The outcome of a form action without a value: a confirmation or the error, announced politely.
#[component]
pub fn Outcome(#[prop(into)] value: Signal<Option<Result<(), AppError>>>, ok: T) -> impl IntoView {
    view! {
        <div aria-live="polite">
            {move || match value.get() {
                Some(Ok(())) => view! { <p class="form-ok" role="status">{tr(ok)}</p> }.erase(),
                Some(Err(e)) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.erase(),
                None => ().erase(),
            }}
        </div>
    }
}

/// The outcome of a form posted without JavaScript, carried back in the query string: `?error=…` as an alert, or
/// `?saved=1` as the page's `saved` message.
pub fn query_notice(saved: T) -> Option<AnyView> {
    use_query_map().with_untracked(|q| {
        q.get("error")
            .map(|e| view! { <p class="form-error" role="alert">{e}</p> }.erase())
            .or_else(|| q.get("saved").map(|_| view! { <p class="form-ok" role="status">{tr(saved)}</p> }.erase()))
    })
}

/// The error of a server action, as an alert next to its form (nothing while it has not failed).
pub fn action_error<V: Clone + Send + Sync + 'static>(value: Signal<Option<Result<V, AppError>>>) -> impl IntoView {
    move || value.get().and_then(|r| r.err()).map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })
}
