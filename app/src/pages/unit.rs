//! `/org/units/:id`: one unit, its parent, sub-units and members.

use crate::api::UnitPage;
use crate::api::org::load_unit_page;
use crate::components::Erase;
use crate::components::{ErrorNotice, Frame, Loading, tr};
use crate::i18n::T;
use crate::pages::widgets::{EmployeeTable, Stat};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn UnitPageView() -> impl IntoView {
    view! {
        <Title text=format!("{} · Kinerja", tr(T::Unit))/>
        <Frame>
            <UnitContent/>
        </Frame>
    }
}

#[component]
fn UnitContent() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(move || params.with(|p| p.get("id").unwrap_or_default()), load_unit_page);
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => view! { <Unit page=p/> }.erase(),
                    Err(e) => view! { <ErrorNotice err=e/> }.erase(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Unit(page: UnitPage) -> impl IntoView {
    let u = page.unit.clone();
    view! {
        <nav class="breadcrumbs" aria-label=tr(T::ParentUnit)>
            <a href="/org">{tr(T::OrgTitle)}</a>
            {page.parent.clone().map(|p| {
                let href = format!("/org/units/{}", p.key);
                view! { " › " <a href=href>{p.name}</a> }
            })}
        </nav>
        <h1>{u.name.clone()}</h1>
        <div class="stats">
            <Stat label=tr(T::HeadCountDirect) value=u.direct_count/>
            <Stat label=tr(T::HeadCountTotal) value=u.total_count/>
        </div>
        {u.leader_nip.clone().zip(u.leader_name.clone()).map(|(nip, name)| {
            let href = format!("/employees/{nip}");
            view! { <p>{tr(T::UnitHead)} ": " <a href=href>{name}</a></p> }
        })}
        {(!page.children.is_empty()).then(|| view! {
            <section aria-labelledby="sub-h">
                <h2 id="sub-h">{tr(T::SubUnits)}</h2>
                <ul class="unit-list">
                    {page.children.clone().into_iter().map(|c| {
                        let href = format!("/org/units/{}", c.key);
                        view! { <li><a href=href>{c.name}</a> " (" {c.total_count} ")"</li> }
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section aria-labelledby="members-h">
            <h2 id="members-h">{tr(T::Members)}</h2>
            {(!page.members.is_empty()).then(|| view! { <p class="no-print">
                <a href=format!("/org/units/{}/members.csv", page.unit.key) rel="external" download="">{tr(T::MembersDownload)}</a> " · "
                <a href=format!("/org/units/{}/members.xlsx", page.unit.key) rel="external" download="">{tr(T::DownloadXlsx)}</a>
            </p> })}
            {if page.members.is_empty() {
                view! { <p class="empty">{tr(T::NoMembers)}</p> }.erase()
            } else {
                view! { <EmployeeTable employees=page.members.clone() caption=tr(T::Members)/> }.erase()
            }}
        </section>
    }
}
