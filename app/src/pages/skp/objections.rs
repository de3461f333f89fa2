//! `/skp/objections?year=`: objections to ratings — those the viewer must decide first, then those they filed, those
//! to their own ratings and those they decided; HR and the head of agency see all. Each links to the evaluation,
//! where the whole trail is shown and the decision is taken.

use super::period_label;
use crate::api::ObjectionsPage;
use crate::api::skp::load_objections;
use crate::components::Erase;
use crate::components::{ErrorNotice, Frame, Loading, tr, use_lang};
use crate::i18n::{T, objection_state_name};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ObjectionsPageView() -> impl IntoView {
    let query = use_query_map();
    let data =
        Resource::new(move || query.with(|q| q.get("year").and_then(|y| y.parse::<i32>().ok())), load_objections);
    view! {
        <Title text=format!("{} · Kinerja", tr(T::SkpObjectionsTitle))/>
        <Frame>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) => view! { <Objections page=p/> }.erase(),
                        Err(e) => view! { <ErrorNotice err=e/> }.erase(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

#[component]
fn Objections(page: ObjectionsPage) -> impl IntoView {
    let lang = use_lang();
    let year = page.year;
    view! {
        <h1>{tr(T::SkpObjectionsTitle)} " " {year}</h1>
        <p class="muted">
            <a href=format!("/skp/objections?year={}", year - 1)>{tr(T::SkpPrevYear)}</a> " · "
            <a href=format!("/skp/objections?year={}", year + 1)>{tr(T::SkpNextYear)}</a> " · "
            <a href=format!("/skp?year={year}")>{tr(T::SkpTitle)}</a>
        </p>
        <p class="hint">{tr(T::SkpObjectionsHint)}</p>
        {if page.rows.is_empty() {
            view! { <p class="empty">{tr(T::SkpObjectionsNone)}</p> }.erase()
        } else {
            view! { <div class="table-wrap"><table>
                <caption class="visually-hidden">{tr(T::SkpObjectionsTitle)}</caption>
                <thead><tr>
                    <th scope="col">{tr(T::Name)}</th>
                    <th scope="col">{tr(T::SkpPeriod)}</th>
                    <th scope="col">{tr(T::SkpFiledOn)}</th>
                    <th scope="col">{tr(T::SkpDueOn)}</th>
                    <th scope="col">{tr(T::SkpState)}</th>
                </tr></thead>
                <tbody>{page.rows.into_iter().map(|r| {
                    let period = r.period_info.as_ref().map(|p| period_label(p, lang)).unwrap_or_else(|| r.period.to_string());
                    let href = format!("/skp/{}/periods/{}?year={}", r.nip, r.period, r.year);
                    view! { <tr class:to-decide=r.to_decide>
                        <th scope="row"><a href=href>{r.name.clone()}</a><br/><span class="muted">{r.nip.clone()}</span></th>
                        <td>{period} " " {r.year}</td>
                        <td>{r.filed_at.clone()}</td>
                        <td>{r.due.clone()}{r.overdue.then(|| view! { " " <span class="badge overdue">{tr(T::SkpObjectionOverdue)}</span> })}</td>
                        <td><span class=format!("badge objection-{}", r.state.code())>{tr(objection_state_name(r.state))}</span>
                            {r.to_decide.then(|| view! { " " <strong>{tr(T::SkpToDecide)}</strong> })}</td>
                    </tr> }
                }).collect_view()}</tbody>
            </table></div> }.erase()
        }}
    }
}
