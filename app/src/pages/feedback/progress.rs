//! `/rounds/:id`: a round's progress (by unit, rater and ratee), opening and closing it, HR's fixes to its
//! assignments and the pending raters' CSV.

use crate::api::feedback::load_progress_part;
use crate::components::{Frame, LiveDrawnContent, query_notice, tr};
use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
#[cfg(feature = "ssr")]
use {
    super::{group_label, status_label},
    crate::api::feedback::{AddAssignment, CloseRound, OpenRound, RemoveAssignment},
    crate::api::{ProgressRow, RoundChange, RoundProgress, RoundSummary},
    crate::charts::progress::progress_summary,
    crate::charts::{ChartSpec, ChartView},
    crate::components::{Erase, use_lang},
    crate::domain::feedback::{RaterGroup, RoundStatus, completion_percent, round2},
    leptos::server_fn::ServerFn,
};

/// The server draws the page ([`part`], a drawn part); HR's forms post in the background
/// (`components::live_forms`) and without JavaScript alike.
#[component]
pub fn RoundPage() -> impl IntoView {
    let params = use_params_map();
    let changed = RwSignal::new(0);
    let data = Resource::new(
        move || (params.with(|p| p.get("id").unwrap_or_default()), changed.get()),
        |(key, _)| load_progress_part(key),
    );
    view! {
        <Title text=format!("{} · Kinerja", tr(T::RoundProgress))/>
        <Frame>
            <nav class="breadcrumbs" aria-label=tr(T::NavRounds)><a href="/rounds">{tr(T::RoundsTitle)}</a></nav>
            {query_notice(T::Saved)}
            <LiveDrawnContent data changed/>
        </Frame>
    }
}

/// A round's progress, drawn on the server.
#[cfg(feature = "ssr")]
pub fn part(p: RoundProgress) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <Progress p/> })
}

#[cfg(feature = "ssr")]
#[cfg(feature = "ssr")]
fn pct(r: &ProgressRow) -> String {
    format!("{}%", round2(completion_percent(r.submitted, r.total)))
}

#[cfg(feature = "ssr")]
#[component]
fn Progress(p: RoundProgress) -> impl IntoView {
    let lang = use_lang();
    let r: RoundSummary = p.round.clone();
    let percent = round2(completion_percent(p.submitted, p.total));
    let chart = ChartSpec::Progress { rows: p.by_unit.clone() };
    let summary = progress_summary(&p.by_unit, lang);
    let height = (p.by_unit.len() as u32 * 22 + 90).clamp(200, 1600);
    let closed = r.status == RoundStatus::Closed;
    let key = r.key.clone();
    view! {
        <h1>{r.name.clone()}</h1>
        <p>
            <span class=format!("badge status-{}", r.status.code())>{status_label(r.status)}</span> " "
            {tr(T::Period)} ": " {r.period_start.clone()} " – " {r.period_end.clone()} " · "
            {tr(T::RoundCloses)} ": " {r.closes.clone()} " · " {tr(T::Threshold)} ": " {r.threshold}
            " · " {tr(T::UnitsInScope)} ": "
            {if r.unit_names.is_empty() { tr(T::WholeAgency).to_string() } else { r.unit_names.join(", ") }}
        </p>
        {p.scoped.then(|| view! { <p class="hint">{tr(T::ProgressScoped)}</p> })}
        <div class="stats">
            <div class="stat"><span class="stat-value">{p.total}</span><span class="stat-label">{tr(T::Assignments)}</span></div>
            <div class="stat"><span class="stat-value">{p.submitted}</span><span class="stat-label">{tr(T::StateSubmitted)}</span></div>
            <div class="stat"><span class="stat-value">{p.drafts}</span><span class="stat-label">{tr(T::StateDraft)}</span></div>
            <div class="stat"><span class="stat-value">{format!("{percent}%")}</span><span class="stat-label">{tr(T::FbCompleted)}</span></div>
            <div class="stat"><span class="stat-value">{p.proposed}</span><span class="stat-label">{tr(T::StateProposed)}</span></div>
        </div>
        <p><progress max=p.total.max(1) value=p.submitted aria-label=tr(T::FbCompleted)>{format!("{percent}%")}</progress></p>
        {p.can_manage.then(|| {
            let k1 = key.clone();
            let k2 = key.clone();
            view! {
                <div class="actions">
                    {(r.status == RoundStatus::Draft).then(|| view! {
                        <form method="post" action=OpenRound::PATH data-ok=tr(T::RoundOpenedOk)>
                            <input type="hidden" name="key" value=k1/>
                            <button type="submit" class="button" data-busy=tr(T::Opening)>{tr(T::OpenRound)}</button>
                        </form>
                    })}
                    {matches!(r.status, RoundStatus::Open | RoundStatus::Closing).then(|| view! {
                        <form method="post" action=CloseRound::PATH data-ok=tr(T::RoundClosedOk)>
                            <input type="hidden" name="key" value=k2/>
                            <button type="submit" class="button" data-busy=tr(T::Closing)>{tr(T::CloseRound)}</button>
                        </form>
                    })}
                </div>
            }
        })}
        {(p.can_manage && closed).then(|| view! {
            <p><a href=format!("/talent/bias?round={key}")>{tr(T::BiasOfRound)}</a></p>
        })}
        {(p.total > 0).then(|| view! {
            <p><a class="button secondary" href=format!("/rounds/{key}/pending.csv") rel="external" download="">{tr(T::DownloadPending)}</a>
                " " <a href=format!("/rounds/{key}/pending.xlsx") rel="external" download="">{tr(T::DownloadXlsx)}</a></p>
        })}
        <p class="no-print"><a href=format!("/rounds/{key}/progress.csv") rel="external" download="">{tr(T::ProgressDownload)}</a>
            " · " <a href=format!("/rounds/{key}/progress.xlsx") rel="external" download="">{tr(T::DownloadXlsx)}</a></p>
        {(!p.by_unit.is_empty()).then(|| view! {
            <section aria-labelledby="units-h">
                <h2 id="units-h">{tr(T::ProgressByUnit)}</h2>
                <ChartView id="progress-chart" chart=chart label=summary height=height/>
                <ProgressTable rows=p.by_unit.clone() caption=tr(T::ProgressByUnit) link=None/>
            </section>
        })}
        <section aria-labelledby="raters-h">
            <h2 id="raters-h">{tr(T::PendingRaters)}</h2>
            {if p.raters.is_empty() {
                view! { <p class="empty">{tr(T::NobodyPending)}</p> }.erase()
            } else {
                view! { <ProgressTable rows=p.raters.clone() caption=tr(T::PendingRaters) link=Some("/employees/".to_string())/> }.erase()
            }}
        </section>
        <section aria-labelledby="ratees-h">
            <h2 id="ratees-h">{tr(T::FeedbackReceived)}</h2>
            <ProgressTable rows=p.ratees.clone() caption=tr(T::FeedbackReceived)
                link=Some(if closed { format!("/rounds/{key}/results/") } else { "/employees/".to_string() })/>
        </section>
        {(!p.changes.is_empty()).then(|| view! { <Changes list=p.changes.clone()/> })}
        {(p.can_manage && r.status == RoundStatus::Open).then(|| view! {
            <AssignForm round=r.key.clone()/>
            <UnassignForm round=r.key.clone()/>
        })}
    }
}

/// Assignments HR changed by hand: shown to everyone who follows the round, so that no change goes unseen.
#[cfg(feature = "ssr")]
#[component]
fn Changes(list: Vec<RoundChange>) -> impl IntoView {
    view! {
        <section aria-labelledby="changes-h">
            <h2 id="changes-h">{tr(T::ChangesByHand)}</h2>
            <p class="hint">{tr(T::ChangesByHandHelp)}</p>
            <div class="table-wrap">
                <table>
                    <caption class="visually-hidden">{tr(T::ChangesByHand)}</caption>
                    <thead><tr>
                        <th scope="col">{tr(T::AuditWhen)}</th>
                        <th scope="col">{tr(T::ChangeAction)}</th>
                        <th scope="col">{tr(T::RaterNip)}</th>
                        <th scope="col">{tr(T::RateeNip)}</th>
                        <th scope="col">{tr(T::RaterGroupLabel)}</th>
                        <th scope="col">{tr(T::ChangedBy)}</th>
                    </tr></thead>
                    <tbody>
                        {list.into_iter().map(|c| view! { <tr>
                            <td>{c.at}</td>
                            <td>{tr(if c.action == "add" { T::ChangeAdded } else { T::ChangeRemoved })}</td>
                            <td>{c.rater}</td>
                            <td><a href=format!("/employees/{}", c.ratee)>{c.ratee.clone()}</a></td>
                            <td>{group_label(c.group)}</td>
                            <td>{c.actor}</td>
                        </tr> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[cfg(feature = "ssr")]
#[component]
fn ProgressTable(rows: Vec<ProgressRow>, caption: &'static str, link: Option<String>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table>
                <caption class="visually-hidden">{caption}</caption>
                <thead><tr>
                    <th scope="col">{tr(T::Name)}</th>
                    <th scope="col" class="num">{tr(T::Assignments)}</th>
                    <th scope="col" class="num">{tr(T::StateSubmitted)}</th>
                    <th scope="col" class="num">{tr(T::StateDraft)}</th>
                    <th scope="col" class="num">"%"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let name = if r.name.is_empty() { r.key.clone() } else { r.name.clone() };
                        let cell = match &link {
                            Some(prefix) => view! { <a href=format!("{prefix}{}", r.key)>{name}</a> }.erase(),
                            None => view! { {name} }.erase(),
                        };
                        view! { <tr>
                            <th scope="row">{cell}</th>
                            <td class="num">{r.total}</td>
                            <td class="num">{r.submitted}</td>
                            <td class="num">{r.drafts}</td>
                            <td class="num">{pct(&r)}</td>
                        </tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The rater and ratee NIP fields of the assignment forms.
#[cfg(feature = "ssr")]
#[component]
fn NipPair(prefix: &'static str) -> impl IntoView {
    let (rater, ratee) = (format!("{prefix}-rater"), format!("{prefix}-ratee"));
    view! {
        <label for=rater.clone()>{tr(T::RaterNip)}</label>
        <input id=rater name="rater" type="text" inputmode="numeric" required/>
        <label for=ratee.clone()>{tr(T::RateeNip)}</label>
        <input id=ratee name="ratee" type="text" inputmode="numeric" required/>
    }
}

#[cfg(feature = "ssr")]
#[component]
fn AssignForm(round: String) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="assign-h">
            <h2 id="assign-h">{tr(T::AddAssignment)}</h2>
            <form method="post" action=AddAssignment::PATH class="stack" data-ok=tr(T::Saved)>
                <input type="hidden" name="round" value=round/>
                <NipPair prefix="as"/>
                <label for="as-group">{tr(T::RaterGroupLabel)}</label>
                <select id="as-group" name="group">
                    {RaterGroup::ALL.into_iter().map(|g| view! { <option value=g.code()>{group_label(g)}</option> }).collect_view()}
                </select>
                <button type="submit" class="button">{tr(T::AddAssignment)}</button>
            </form>
        </section>
    }
}

#[cfg(feature = "ssr")]
#[component]
fn UnassignForm(round: String) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="unassign-h">
            <h2 id="unassign-h">{tr(T::RemoveAssignment)}</h2>
            <p class="hint">{tr(T::RemoveAssignmentHint)}</p>
            <form method="post" action=RemoveAssignment::PATH class="stack" data-ok=tr(T::Saved)>
                <input type="hidden" name="round" value=round/>
                <NipPair prefix="un"/>
                <button type="submit" class="button secondary">{tr(T::RemoveAssignment)}</button>
            </form>
        </section>
    }
}
