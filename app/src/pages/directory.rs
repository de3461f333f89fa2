//! `/employees?q=`: the employee directory (names and positions), searchable by name or NIP. A plain GET form,
//! so it works without JavaScript.

use crate::api::org::search_employees;
use crate::components::Erase;
use crate::components::{ErrorNotice, Frame, Loading, tr};
use crate::i18n::T;
use crate::pages::widgets::EmployeeTable;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn DirectoryPage() -> impl IntoView {
    view! {
        <Title text=format!("{} · Kinerja", tr(T::Directory))/>
        <Frame>
            <DirectoryContent/>
        </Frame>
    }
}

#[component]
fn DirectoryContent() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.with(|m| m.get("q").unwrap_or_default());
    let results = Resource::new(q, search_employees);
    view! {
        <h1>{tr(T::Directory)}</h1>
        <form method="get" action="/employees" class="search" role="search">
            <label for="q" class="visually-hidden">{tr(T::Search)}</label>
            <input id="q" name="q" type="search" value=q placeholder=tr(T::SearchPlaceholder) minlength="2"/>
            <button type="submit" class="button">{tr(T::Search)}</button>
        </form>
        <p><a href="/employees.xlsx" download>{tr(T::DirectoryXlsx)}</a></p>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(list) if list.is_empty() && q().trim().len() >= 2 => {
                        view! { <p class="empty">{tr(T::NoResults)}</p> }.erase()
                    }
                    Ok(list) if list.is_empty() => view! { <p></p> }.erase(),
                    Ok(list) => view! { <EmployeeTable employees=list caption=tr(T::Directory) show_unit=true/> }.erase(),
                    Err(e) => view! { <ErrorNotice err=e/> }.erase(),
                }
            })}
        </Suspense>
    }
}
