//! `/login`: sign in with NIP or username. Works with JavaScript off (plain form post and redirects).

use crate::api::auth::Login;
use crate::components::ActionForm;
use crate::components::FormAction;
use crate::components::{tr, use_lang};
use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let login = FormAction::<Login>::new();
    let query = use_query_map();
    let next = crate::domain::redirect::safe_next(query.with_untracked(|q| q.get("next")).as_deref());
    let redirected_error = query.with_untracked(|q| q.get("error")).map(|code| match code.as_str() {
        "throttled" => lang.t(T::TooManyAttempts),
        "missing" => lang.t(T::MissingCredentials),
        "too_long" => lang.t(T::CredentialsTooLong),
        "busy" => lang.t(T::SignInBusy),
        _ => lang.t(T::BadCredentials),
    });
    let error = move || {
        login
            .value()
            .get()
            .and_then(|r| r.err())
            .map(|e| e.to_string())
            .or_else(|| redirected_error.map(str::to_string))
    };
    let password_set = query.with_untracked(|q| q.get("password").is_some_and(|v| v == "set"));
    let switch = format!("/lang/{}?next=/login", lang.other().code());
    view! {
        <Title text=format!("{} · Kinerja", tr(T::SignIn))/>
        <main id="main" class="login">
            <div class="login-card">
                <p class="brand">{tr(T::AppName)}</p>
                <p class="tagline">{tr(T::AppTagline)}</p>
                <h1>{tr(T::SignInTitle)}</h1>
                <p>{tr(T::SignInIntro)}</p>
                {password_set.then(|| view! { <p class="form-ok" role="status">{tr(T::PwSetDone)}</p> })}
                <ActionForm action=login attr:class="stack" attr:novalidate="">
                    <input type="hidden" name="next" value=next/>
                    <label for="identifier">{tr(T::Identifier)}</label>
                    <input id="identifier" name="identifier" type="text" autocomplete="username" required
                        autocapitalize="none" spellcheck="false"/>
                    <label for="password">{tr(T::Password)}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required/>
                    <div aria-live="assertive">
                        {move || error().map(|msg| view! { <p class="form-error" role="alert">{msg}</p> })}
                    </div>
                    <button type="submit" class="button" disabled=move || login.pending().get()>
                        {move || if login.pending().get() { lang.t(T::SigningIn) } else { lang.t(T::SignIn) }}
                    </button>
                </ActionForm>
                <p class="lang-line">
                    <a href=switch rel="external nofollow" hreflang=lang.other().code()>{tr(T::SwitchLanguage)}</a>
                </p>
            </div>
        </main>
    }
}
