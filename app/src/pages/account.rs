//! `/account/setup/:token` (choose a password through a one-time link, signed out) and `/account/password`
//! (change one's own password). Both work with JavaScript off (plain form posts and redirects).

use crate::api::auth::{ChangePassword, SetPassword, load_link};
use crate::components::ActionForm;
use crate::components::Erase;
use crate::components::FormAction;
use crate::components::{ErrorNotice, Frame, Loading, tr, use_lang};
use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The two new-password fields with the rules, shared by both pages.
#[component]
fn NewPasswordFields() -> impl IntoView {
    view! {
        <p class="hint" id="pw-rules">{tr(T::PwRules)}</p>
        <label for="password">{tr(T::PwNew)}</label>
        <input id="password" name="password" type="password" autocomplete="new-password" required minlength="10"
            maxlength="256" aria-describedby="pw-rules"/>
        <label for="again">{tr(T::PwAgain)}</label>
        <input id="again" name="again" type="password" autocomplete="new-password" required minlength="10"
            maxlength="256"/>
    }
}

/// The error from a plain form post (in the query string), if any.
fn query_error() -> Option<String> {
    use_query_map().with_untracked(|q| q.get("error"))
}

#[component]
pub fn AccountLinkPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let info = Resource::new(token, load_link);
    let action = FormAction::<SetPassword>::new();
    let from_query = StoredValue::new(query_error());
    view! {
        <Title text=format!("{} · Kinerja", tr(T::PwSetTitle))/>
        <main id="main" class="login">
            <div class="login-card">
                <p class="brand">{tr(T::AppName)}</p>
                <h1>{tr(T::PwSetTitle)}</h1>
                <Show
                    when=move || action.value().get().is_some_and(|r| r.is_ok())
                    fallback=move || view! {
                    <Suspense fallback=|| view! { <Loading/> }>
                        {move || Suspend::new(async move {
                            match info.await {
                                Ok(i) => view! {
                                    <p>{tr(T::PwSetFor)} ": " <strong>{i.name}</strong></p>
                                    <ActionForm action=action attr:class="stack">
                                        <input type="hidden" name="token" value=token()/>
                                        <NewPasswordFields/>
                                        <div aria-live="assertive">
                                            {move || action.value().get().and_then(|r| r.err()).map(|e| e.to_string())
                                                .or_else(|| from_query.get_value())
                                                .map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
                                        </div>
                                        <button type="submit" class="button" disabled=move || action.pending().get()>
                                            {move || if action.pending().get() { lang.t(T::Saving) } else { lang.t(T::PwSetSave) }}
                                        </button>
                                    </ActionForm>
                                }.erase(),
                                Err(e) => view! { <ErrorNotice err=e/> <p><a href="/login">{tr(T::SignIn)}</a></p> }.erase(),
                            }
                        })}
                    </Suspense>
                    }
                >
                    <p class="form-ok" role="status">{tr(T::PwSetDone)}</p>
                    <p><a class="button" href="/login">{tr(T::SignIn)}</a></p>
                </Show>
            </div>
        </main>
    }
}

#[component]
pub fn PasswordPage() -> impl IntoView {
    let lang = use_lang();
    let action = FormAction::<ChangePassword>::new();
    let query = use_query_map();
    let changed = query.with_untracked(|q| q.get("changed").is_some());
    let from_query = StoredValue::new(query_error());
    view! {
        <Title text=format!("{} · Kinerja", tr(T::PwChangeTitle))/>
        <Frame>
            <h1>{tr(T::PwChangeTitle)}</h1>
            <p>{tr(T::PwChangeNote)}</p>
            {changed.then(|| view! { <p class="form-ok" role="status">{tr(T::PwChanged)}</p> })}
            <ActionForm action=action attr:class="stack narrow">
                <label for="current">{tr(T::PwCurrent)}</label>
                <input id="current" name="current" type="password" autocomplete="current-password" required/>
                <NewPasswordFields/>
                <div aria-live="assertive">
                    {move || action.value().get().and_then(|r| r.err()).map(|e| e.to_string())
                        .or_else(|| from_query.get_value())
                        .map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
                    {move || action.value().get().and_then(|r| r.ok()).map(|_| view! {
                        <p class="form-ok" role="status">{tr(T::PwChanged)}</p>
                    })}
                </div>
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { lang.t(T::Saving) } else { lang.t(T::PwChangeTitle) }}
                </button>
            </ActionForm>
        </Frame>
    }
}
