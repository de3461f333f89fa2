//! `/`: the home page, with what matters for each role. It only shows facts and links, so the server draws it
//! (a drawn part, `components::drawn_part`): the first page after signing in needs no code of its own.

use crate::api::org::load_home_part;
use crate::components::{DrawnContent, Frame, tr};
use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::Title;
#[cfg(feature = "ssr")]
use {
    crate::api::HomeData,
    crate::components::frame::role_label,
    crate::components::{Erase, use_lang},
    crate::domain::Role,
    crate::pages::widgets::{EmployeeTable, Stat},
};

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text=format!("{} · Kinerja", tr(T::NavHome))/>
        <Frame>
            <HomeContent/>
        </Frame>
    }
}

#[component]
fn HomeContent() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_home_part());
    view! { <DrawnContent data/> }
}

/// The home page of the signed-in person, drawn on the server.
#[cfg(feature = "ssr")]
pub fn part(data: HomeData) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <Home data=data/> })
}

#[cfg(feature = "ssr")]
#[component]
fn Home(data: HomeData) -> impl IntoView {
    let v = data.viewer.clone();
    let intro: Vec<&'static str> = [
        (Role::Head, T::HomeHead),
        (Role::HrAdmin, T::HomeHr),
        (Role::Trainer, T::HomeTrainer),
        (Role::Supervisor, T::HomeSupervisor),
        (Role::Employee, T::HomeEmployee),
    ]
    .into_iter()
    .filter(|(r, _)| v.has(*r))
    .map(|(_, t)| tr(t))
    .collect();
    let roles: Vec<&'static str> = v.roles.iter().map(|r| role_label(*r)).collect();
    let me = data.me.clone();
    view! {
        <h1>{tr(T::Welcome)} ", " {v.name.clone()}</h1>
        <p class="roles-line">{tr(T::YourRoles)} ": " {roles.join(", ")}</p>
        {intro.into_iter().map(|t| view! { <p>{t}</p> }).collect_view()}
        {(data.feedback_pending > 0).then(|| view! {
            <p class="notice feedback-notice" role="status">
                {use_lang().fill(T::HomeFeedbackPending, &[("n", &data.feedback_pending)])} " "
                <a class="button" href="/feedback">{tr(T::FbStart)}</a>
            </p>
        })}
        {(data.plan_reviews_pending > 0).then(|| view! {
            <p class="notice feedback-notice" role="status">
                {use_lang().fill(T::HomePlanPending, &[("n", &data.plan_reviews_pending)])} " "
                <a class="button" href="/plan">{tr(T::NavPlan)}</a>
            </p>
        })}
        <div class="stats">
            {data.active_employees.map(|n| view! { <Stat label=tr(T::StatEmployees) value=n/> })}
            {data.unit_count.map(|n| view! { <Stat label=tr(T::StatUnits) value=n/> })}
            {(!data.direct_reports.is_empty()).then(|| view! {
                <Stat label=tr(T::StatDirect) value=data.direct_reports.len() as u64/>
                <Stat label=tr(T::StatSubtree) value=data.subtree_size/>
            })}
        </div>
        {me.map(|m| {
            let href = format!("/employees/{}", m.nip);
            let unit_href = format!("/org/units/{}", m.unit_key);
            view! {
                <section class="card" aria-labelledby="me-h">
                    <h2 id="me-h">{tr(T::NavMyProfile)}</h2>
                    <dl class="facts">
                        <dt>{tr(T::Name)}</dt><dd><a href=href>{m.name}</a></dd>
                        <dt>{tr(T::Position)}</dt><dd>{m.position}</dd>
                        <dt>{tr(T::Unit)}</dt><dd><a href=unit_href>{m.unit_name}</a></dd>
                        <dt>{tr(T::Supervisor)}</dt>
                        <dd>
                            {match data.supervisor.clone() {
                                Some(s) => {
                                    let h = format!("/employees/{}", s.nip);
                                    view! { <a href=h>{s.name}</a> " — " {s.position} }.erase()
                                }
                                None => view! { {tr(T::NoSupervisor)} }.erase(),
                            }}
                        </dd>
                    </dl>
                </section>
            }
        })}
        {(!data.direct_reports.is_empty()).then(|| view! {
            <section aria-labelledby="reports-h">
                <h2 id="reports-h">{tr(T::DirectReports)}</h2>
                <EmployeeTable employees=data.direct_reports.clone() caption=tr(T::DirectReports)/>
            </section>
        })}
    }
}
