//! `/rounds`: the rounds, and creating one (HR).

use super::status_label;
use crate::api::RoundsPage;
use crate::api::feedback::*;
use crate::components::ActionForm;
use crate::components::Erase;
use crate::components::FormAction;
use crate::components::{ErrorNotice, Frame, Loading, tr, use_lang};
use crate::i18n::{Lang, T};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn RoundsListPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_rounds());
    view! {
        <Title text=format!("{} · Kinerja", tr(T::NavRounds))/>
        <Frame>
            <h1>{tr(T::RoundsTitle)}</h1>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) => view! { <Rounds page=p/> }.erase(),
                        Err(e) => view! { <ErrorNotice err=e/> }.erase(),
                    }
                })}
            </Suspense>
        </Frame>
    }
}

#[component]
pub(super) fn Rounds(page: RoundsPage) -> impl IntoView {
    view! {
        {if page.rounds.is_empty() {
            view! { <p class="empty">{tr(T::NoRounds)}</p> }.erase()
        } else {
            view! {
                <div class="table-wrap">
                    <table>
                        <caption class="visually-hidden">{tr(T::RoundsTitle)}</caption>
                        <thead><tr>
                            <th scope="col">{tr(T::Round)}</th>
                            <th scope="col">{tr(T::Status)}</th>
                            <th scope="col">{tr(T::Period)}</th>
                            <th scope="col">{tr(T::RoundCloses)}</th>
                            <th scope="col" class="num">{tr(T::Assignments)}</th>
                        </tr></thead>
                        <tbody>
                            {page.rounds.clone().into_iter().map(|r| {
                                let href = format!("/rounds/{}", r.key);
                                view! { <tr>
                                    <th scope="row"><a href=href>{r.name.clone()}</a></th>
                                    <td><span class=format!("badge status-{}", r.status.code())>{status_label(r.status)}</span></td>
                                    <td>{r.period_start.clone()} " – " {r.period_end.clone()}</td>
                                    <td>{r.closes.clone()}</td>
                                    <td class="num">{r.assignment_count}</td>
                                </tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.erase()
        }}
        {page.can_manage.then(|| view! { <CreateRound page=page.clone()/> })}
    }
}

#[component]
pub(super) fn CreateRound(page: RoundsPage) -> impl IntoView {
    let action = FormAction::<CreateRound>::new();
    let lang = use_lang();
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(key)) = action.value().get() {
            navigate(&format!("/rounds/{key}"), Default::default());
        }
    });
    let query = use_query_map();
    let from_query = query.with_untracked(|q| q.get("error"));
    view! {
        <section class="card" aria-labelledby="create-h">
            <h2 id="create-h">{tr(T::CreateRound)}</h2>
            <ActionForm action=action attr:class="stack">
                <label for="r-name">{tr(T::RoundName)}</label>
                <input id="r-name" name="name" type="text" required maxlength="120"
                    placeholder=lang.t(T::RoundNamePlaceholder)/>
                <div class="grid-2">
                    <div class="stack">
                        <label for="r-ps">{tr(T::PeriodStart)}</label>
                        <input id="r-ps" name="period_start" type="date" required/>
                    </div>
                    <div class="stack">
                        <label for="r-pe">{tr(T::PeriodEnd)}</label>
                        <input id="r-pe" name="period_end" type="date" required/>
                    </div>
                    <div class="stack">
                        <label for="r-opens">{tr(T::RoundOpens)}</label>
                        <input id="r-opens" name="opens" type="date" required/>
                    </div>
                    <div class="stack">
                        <label for="r-closes">{tr(T::RoundCloses)}</label>
                        <input id="r-closes" name="closes" type="date" required/>
                    </div>
                    <div class="stack">
                        <label for="r-thr">{tr(T::Threshold)}</label>
                        <input id="r-thr" name="threshold" type="number" min="3" max="10" value="3" required
                            aria-describedby="r-thr-help"/>
                        <p class="help" id="r-thr-help">{tr(T::ThresholdHelp)}</p>
                    </div>
                    <div class="stack">
                        <label for="r-peers">{tr(T::MaxPeers)}</label>
                        <input id="r-peers" name="max_peers" type="number" min="0" max="20" value="4" required/>
                    </div>
                </div>
                <fieldset class="checklist">
                    <legend>{tr(T::Competencies)}</legend>
                    {page.competencies.iter().map(|(k, code, name, on)| {
                        let id = format!("rc-{k}");
                        let id2 = id.clone();
                        view! { <label for=id2>
                            <input type="checkbox" id=id name=format!("competencies[{k}]") value="on" checked=*on/>
                            " " {code.clone()} " " {name.get(lang == Lang::En).to_string()}
                        </label> }
                    }).collect_view()}
                </fieldset>
                <fieldset class="checklist scroll">
                    <legend>{tr(T::UnitsInScope)}</legend>
                    <p class="help">{tr(T::UnitsInScopeHelp)}</p>
                    {page.units.iter().map(|(k, n, d)| {
                        let id = format!("ru-{k}");
                        let id2 = id.clone();
                        let pad = format!("padding-left:{}em", d.saturating_sub(1));
                        view! { <label for=id2 style=pad>
                            <input type="checkbox" id=id name=format!("units[{k}]") value="on"/> " " {n.clone()}
                        </label> }
                    }).collect_view()}
                </fieldset>
                <div aria-live="polite">
                    {move || action.value().get().and_then(|r| r.err()).map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
                    {from_query.clone().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                </div>
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { lang.t(T::Saving) } else { lang.t(T::CreateRound) }}
                </button>
            </ActionForm>
        </section>
    }
}
