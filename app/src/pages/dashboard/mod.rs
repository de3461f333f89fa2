//! `/dashboard?unit=&period=&measure=`: the whole organisation at a glance — a unit (or the viewer's whole scope)
//! with its child units side by side, every panel a chart with its table, a "why" and a CSV export; clicking a unit
//! anywhere moves the whole dashboard there (the address changes, so back works and a view can be shared).
//!
//! The page only shows figures, so the server draws all of it ([`part`], a drawn part): the browser carries none
//! of the panels' code and hydrates none of their elements. The unit selector is a plain GET form whose search
//! box filters the units by `forms.js`.

#[cfg(feature = "ssr")]
mod panels;

use crate::api::dashboard::load_dashboard_part;
use crate::components::{DrawnContent, Frame, tr};
use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn DashboardPageView() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || query.with(|q| (q.get("unit"), q.get("period"), q.get("measure"))),
        |(unit, period, measure)| load_dashboard_part(unit, period, measure),
    );
    view! {
        <Title text=format!("{} · Kinerja", tr(T::DashboardTitle))/>
        <Frame>
            <h1>{tr(T::DashboardTitle)}</h1>
            <DrawnContent data/>
        </Frame>
    }
}

/// The dashboard's panels for one unit, drawn on the server.
#[cfg(feature = "ssr")]
pub fn part(page: crate::api::DashboardPage) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <panels::Dashboard page=page/> })
}
