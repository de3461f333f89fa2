//! `/hr/api`: HR issues API tokens for other systems (SIASN, e-Kinerja, the agency's data warehouse), sees every
//! token with its scopes, expiry, last use and number of calls, revokes one with a reason, and reads the API's
//! latest calls. Issuing is a plain form (the answer shows the secret once); revoking works without JavaScript.

use crate::api::integration::*;
use crate::api::{ApiCall, ApiToken, ApiTokensPage};
use crate::components::ActionForm;
use crate::components::Erase;
use crate::components::FormAction;
use crate::components::{ErrorNotice, Frame, Loading, action_error, tr, use_lang};
use crate::domain::integration::{ApiScope, MAX_TOKEN_NAME};
use crate::i18n::{Lang, T};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A stored datetime as `YYYY-MM-DD HH:MM` (UTC).
fn when(at: &str) -> String {
    at.get(..16).unwrap_or(at).replace('T', " ")
}

/// What a scope lets a system do, in the reader's language.
pub fn scope_text(scope: ApiScope) -> T {
    match scope {
        ApiScope::OrgRead => T::ApiScopeOrgRead,
        ApiScope::SkpRead => T::ApiScopeSkpRead,
        ApiScope::ResultsRead => T::ApiScopeResultsRead,
        ApiScope::OrgWrite => T::ApiScopeOrgWrite,
    }
}

/// The outcome of a plain form post (an error, or a revoked token).
fn notice() -> Option<AnyView> {
    use_query_map().with_untracked(|q| {
        q.get("error").map(|e| view! { <p class="form-error" role="alert">{e}</p> }.erase()).or_else(|| {
            q.get("revoked").map(|_| view! { <p class="form-ok" role="status">{tr(T::ApiRevokedOk)}</p> }.erase())
        })
    })
}

#[component]
pub fn ApiTokensPageView() -> impl IntoView {
    let revoke = FormAction::<RevokeApiToken>::new();
    let data = Resource::new(move || revoke.version().get(), |_| load_api_tokens());
    view! {
        <Title text=format!("{} · Kinerja", tr(T::ApiTitle))/>
        <Frame>
            <h1>{tr(T::ApiTitle)}</h1>
            {notice()}
            <p class="hint">{tr(T::ApiIntro)}</p>
            <p><a href="/api/v1/docs">{tr(T::ApiDocsLink)}</a> " · " <a href="/api/v1/openapi.json">{tr(T::ApiDocsJson)}</a></p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <Tokens page revoke/> }.erase(),
                        Err(e) => view! { <ErrorNotice err=e/> }.erase(),
                    }
                })}
            </Suspense>
        </Frame>
    }
}

#[component]
fn Tokens(page: ApiTokensPage, revoke: FormAction<RevokeApiToken>) -> impl IntoView {
    let lang = use_lang();
    let ApiTokensPage { tokens, calls, default_days, max_days } = page;
    view! {
        <section class="card" aria-labelledby="issue-h">
            <h2 id="issue-h">{tr(T::ApiNewToken)}</h2>
            <form method="post" action="/hr/api/issue">
                <p>
                    <label for="token-name">{tr(T::ApiTokenName)}</label>
                    <input id="token-name" name="name" type="text" required maxlength=MAX_TOKEN_NAME
                        autocomplete="off"/>
                </p>
                <fieldset>
                    <legend>{tr(T::ApiScopes)}</legend>
                    {ApiScope::ALL.into_iter().map(|s| view! {
                        <label class="check">
                            <input type="checkbox" name=s.field() value="1" checked=s == ApiScope::OrgRead/>
                            " " {lang.t(scope_text(s))} " " <code>{s.code()}</code>
                        </label>
                        <br/>
                    }).collect_view()}
                </fieldset>
                <p>
                    <label for="token-days">{tr(T::ApiDays)}</label>
                    <input id="token-days" name="days" type="number" min="1" max=max_days value=default_days required
                        inputmode="numeric"/>
                </p>
                <button type="submit" class="button">{tr(T::ApiIssue)}</button>
            </form>
        </section>
        <section aria-labelledby="tokens-h">
            <h2 id="tokens-h">{tr(T::ApiTokens)}</h2>
            {action_error(revoke.value().into())}
            {if tokens.is_empty() {
                view! { <p class="empty">{tr(T::ApiNoTokens)}</p> }.erase()
            } else {
                token_table(tokens, revoke, lang).erase()
            }}
        </section>
        {calls_view(calls)}
    }
}

fn token_table(tokens: Vec<ApiToken>, revoke: FormAction<RevokeApiToken>, lang: Lang) -> impl IntoView {
    view! {
        <div class="table-wrap"><table>
            <thead><tr>
                <th scope="col">{tr(T::ApiTokenName)}</th>
                <th scope="col">{tr(T::ApiShown)}</th>
                <th scope="col">{tr(T::ApiScopes)}</th>
                <th scope="col">{tr(T::ApiIssuedBy)}</th>
                <th scope="col">{tr(T::ApiExpires)}</th>
                <th scope="col">{tr(T::ApiLastUsed)}</th>
                <th scope="col" class="num">{tr(T::ApiCalls)}</th>
                <th scope="col">{tr(T::ApiState)}</th>
            </tr></thead>
            <tbody>{tokens.into_iter().map(|t| {
                let state = match (&t.revoked, t.usable) {
                    (Some(at), _) => format!("{} {}", lang.t(T::ApiRevokedState), when(at)),
                    (None, true) => lang.t(T::ApiUsable).to_string(),
                    (None, false) => lang.t(T::ApiUnusable).to_string(),
                };
                let scopes = t.scopes.iter().map(|s| s.code()).collect::<Vec<_>>().join(", ");
                let form = (t.revoked.is_none()).then(|| {
                    let field = format!("reason-{}", t.id);
                    view! {
                        <ActionForm action=revoke>
                            <input type="hidden" name="id" value=t.id.clone()/>
                            <label for=field.clone() class="visually-hidden">{tr(T::ApiRevokeReasonLabel)}</label>
                            <input id=field name="reason" type="text" required
                                placeholder=lang.t(T::ApiRevokeReasonLabel)/>
                            " "
                            <button type="submit" class="button secondary">{tr(T::ApiRevoke)}</button>
                        </ActionForm>
                    }
                });
                view! { <tr>
                    <th scope="row">{t.name.clone()}</th>
                    <td><code>{t.shown.clone()} "…"</code></td>
                    <td><small>{scopes}</small></td>
                    <td>{t.issued_by_name.clone()}</td>
                    <td>{when(&t.expires)}</td>
                    <td>{t.last_used.as_deref().map_or_else(|| lang.t(T::ApiNever).to_string(), when)}</td>
                    <td class="num">{t.calls}</td>
                    <td>{state}{form}</td>
                </tr> }
            }).collect_view()}</tbody>
        </table></div>
    }
}

fn calls_view(calls: Vec<ApiCall>) -> impl IntoView {
    view! {
        <section aria-labelledby="calls-h">
            <h2 id="calls-h">{tr(T::ApiRecentCalls)}</h2>
            {if calls.is_empty() {
                view! { <p class="empty">{tr(T::ApiNoCalls)}</p> }.erase()
            } else {
                view! { <div class="table-wrap"><table>
                    <thead><tr>
                        <th scope="col">{tr(T::ApiWhen)}</th>
                        <th scope="col">{tr(T::ApiTokenName)}</th>
                        <th scope="col">{tr(T::ApiMethod)}</th>
                        <th scope="col">{tr(T::ApiPath)}</th>
                        <th scope="col" class="num">{tr(T::ApiHttpStatus)}</th>
                    </tr></thead>
                    <tbody>{calls.into_iter().map(|c| view! { <tr>
                        <td>{when(&c.at)}</td>
                        <td>{c.token_name}</td>
                        <td>{c.method}</td>
                        <td><code>{c.path}</code></td>
                        <td class="num">{c.status}</td>
                    </tr> }).collect_view()}</tbody>
                </table></div> }.erase()
            }}
        </section>
    }
}
