//! `<ActionForm>`: leptos's form for a server action, with typed children.
//!
//! Leptos's own takes `Children`, which erases the form's content with `into_any` and so compiles an asynchronous
//! hydration of every form into the wasm (see `components::erase`); this one keeps the content's type. Otherwise
//! the same: a plain `<form method="post">` to the server function's URL (it works before hydration and without
//! JavaScript), and, once hydrated, a submission dispatched to the action from the form's fields.

use leptos::form::FromFormData;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use leptos::web_sys::SubmitEvent;
use serde::de::DeserializeOwned;

/// A form that submits to `action` (see the module).
#[component]
pub fn ActionForm<ServFn, C>(
    /// The action the form dispatches.
    action: ServerAction<ServFn>,
    /// The form's fields and buttons.
    children: TypedChildren<C>,
) -> impl IntoView
where
    ServFn: DeserializeOwned + ServerFn + Clone + Send + Sync + 'static,
    ServFn::Output: Send + Sync + 'static,
    ServFn::Error: Send + Sync + 'static,
    C: IntoView + 'static,
{
    let version = action.version();
    let value = action.value();
    let on_submit = move |ev: SubmitEvent| {
        if ev.default_prevented() {
            return;
        }
        ev.prevent_default();
        match ServFn::from_event(&ev) {
            Ok(input) => {
                action.dispatch(input);
            }
            Err(err) => {
                value.set(Some(Err(ServFn::Error::from_server_fn_error(ServerFnErrorErr::Serialization(
                    err.to_string(),
                )))));
                version.update(|n| *n += 1);
            }
        }
    };
    view! { <form action=ServFn::url() method="post" on:submit=on_submit>{children.into_inner()()}</form> }
}
