//! `/plan` (my development plan) and `/plan/:nip` (a supervisor reviewing someone's plan).
//!
//! The server draws the page ([`part`], a drawn part). Every form posts to a server function, so the page works
//! without JavaScript; with it, the forms post in the background and the plan is drawn again after each change
//! (`components::live_forms`).

use crate::api::plan::load_plan_part;
use crate::components::{Frame, LiveDrawnContent, query_notice, tr};
use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
#[cfg(feature = "ssr")]
use {
    crate::api::PlanPage,
    crate::api::plan::{AddPlanItem, RemovePlanItem, ReviewPlanItem, UpdatePlanItem},
    crate::charts::ChartView,
    crate::components::{Erase, use_lang},
    crate::domain::plan::{PlanApproval, PlanStatus},
    crate::i18n::Lang,
    crate::i18n::format::num,
    leptos::server_fn::ServerFn,
};

#[cfg(feature = "ssr")]
fn status_label(s: PlanStatus) -> &'static str {
    tr(match s {
        PlanStatus::Planned => T::PlanPlanned,
        PlanStatus::InProgress => T::PlanInProgress,
        PlanStatus::Done => T::PlanDone,
    })
}

#[cfg(feature = "ssr")]
fn approval_label(a: PlanApproval) -> &'static str {
    tr(match a {
        PlanApproval::Approved => T::Approved,
        PlanApproval::Commented => T::Commented,
        PlanApproval::Pending => T::AwaitingApproval,
    })
}

#[component]
pub fn PlanPageView() -> impl IntoView {
    let params = use_params_map();
    let changed = RwSignal::new(0);
    let data = Resource::new(
        move || (params.with(|p| p.get("nip").unwrap_or_else(|| "me".into())), changed.get()),
        |(nip, _)| load_plan_part(nip),
    );
    view! {
        <Title text=format!("{} · Kinerja", tr(T::PlanTitle))/>
        <Frame>
            {query_notice(T::Saved)}
            <LiveDrawnContent data changed/>
        </Frame>
    }
}

/// The plan, drawn on the server; the owner's and the supervisor's forms post in the background.
#[cfg(feature = "ssr")]
pub fn part(page: PlanPage) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <Plan page/> })
}

#[cfg(feature = "ssr")]
#[component]
fn Plan(page: PlanPage) -> impl IntoView {
    let lang = use_lang();
    let en = lang == Lang::En;
    let title = if page.is_owner {
        lang.t(T::PlanTitle).to_string()
    } else {
        format!("{}: {}", lang.t(T::PlanTitle), page.name)
    };
    let codes: Vec<String> = page.competencies.iter().map(|(c, _)| c.clone()).collect();
    let history = crate::charts::ChartSpec::History { history: page.history.clone(), codes: codes.clone() };
    let progress = page.progress;
    let owner = page.nip.clone();
    let gaps = page.gaps.clone();
    let competencies = page.competencies.clone();
    let default_due = page.default_due.clone();
    let report_link = if page.is_owner { "/reports/me".to_string() } else { format!("/reports/{}", page.nip) };
    view! {
        <h1>{title}</h1>
        <p class="muted">{page.name.clone()} " · " {page.position.clone()} " · "
            <a href=report_link>{tr(T::OpenReport)}</a></p>
        <div class="plan-progress">
            <label for="plan-progress">{tr(T::PlanProgress)} ": " {format!("{}%", num(progress, lang))}</label>
            <progress id="plan-progress" max="100" value=progress>{format!("{progress:.0}%")}</progress>
            <p class="hint">{tr(T::PlanProgressRule)}</p>
        </div>
        {(!page.team.is_empty()).then(|| view! {
            <section aria-labelledby="team-h">
                <h2 id="team-h">{tr(T::TeamApprovals)}</h2>
                <ul>{page.team.iter().map(|(nip, name, n)| view! {
                    <li><a href=format!("/plan/{nip}")>{name.clone()}</a> " · " {*n} " " {tr(T::Waiting)}</li>
                }).collect_view()}</ul>
            </section>
        })}
        <section aria-labelledby="items-h">
            <h2 id="items-h">{tr(T::PlanActivities)}</h2>
            {if page.items.is_empty() {
                view! { <p class="empty">{tr(T::PlanEmpty)}</p> }.erase()
            } else {
                view! { <ul class="plan-list">
                    {page.items.clone().into_iter().map(|item| {
                        let key = item.key.clone();
                        let owner = owner.clone();
                        let item_due = item.due.clone();
                        let item_evidence = item.evidence.clone();
                        let gap = item.gap.map(|g| num(g, lang));
                        let done = item.status == PlanStatus::Done;
                        view! {
                            <li class="plan-item" data-key=key.clone()>
                                <h3>{item.title.clone()}</h3>
                                <p>
                                    <span class=format!("badge plan-{}", item.status.code())>{status_label(item.status)}</span> " "
                                    <span class=format!("badge approval-{}", item.approval.code())>{approval_label(item.approval)}</span> " · "
                                    {tr(T::Due)} " " {item.due.clone()}
                                    {item.competency.clone().map(|c| format!(" · {c}"))}
                                    {gap.map(|g| format!(" ({} {g})", lang.t(T::Gap)))}
                                    {item.training.clone().map(|t| format!(" · {} {t}", lang.t(T::TrainingCode)))}
                                </p>
                                {(!item.evidence.is_empty()).then(|| view! { <p><strong>{tr(T::Evidence)} ": "</strong> {item.evidence.clone()}</p> })}
                                {(!item.supervisor_note.is_empty()).then(|| view! {
                                    <p class="note"><strong>{item.reviewed_by.clone().unwrap_or_default()} ": "</strong> {item.supervisor_note.clone()}</p>
                                })}
                                {page.is_owner.then(|| {
                                    let k = key.clone();
                                    let k2 = key.clone();
                                    let status = item.status;
                                    view! {
                                        <form method="post" action=UpdatePlanItem::PATH class="stack plan-form" data-ok=tr(T::Saved)>
                                            <input type="hidden" name="key" value=k/>
                                            <div class="row">
                                                <label>{tr(T::Status)}
                                                    <select name="status">
                                                        {PlanStatus::ALL.into_iter().map(|s| view! {
                                                            <option value=s.code() selected=s == status>{status_label(s)}</option>
                                                        }).collect_view()}
                                                    </select>
                                                </label>
                                                <label>{tr(T::Due)}
                                                    <input type="date" name="due" value=item_due/>
                                                </label>
                                            </div>
                                            <label>{tr(T::Evidence)}
                                                <textarea name="evidence" rows="2" maxlength="2000">{item_evidence}</textarea>
                                            </label>
                                            <button type="submit" class="button small">{tr(T::Save)}</button>
                                        </form>
                                        {(!done).then(|| view! {
                                            <form method="post" action=RemovePlanItem::PATH class="inline-form" data-ok=tr(T::Saved)>
                                                <input type="hidden" name="key" value=k2/>
                                                <button type="submit" class="button-link">{tr(T::Remove)}</button>
                                            </form>
                                        })}
                                    }
                                })}
                                {page.can_review.then(|| {
                                    let k = key.clone();
                                    view! {
                                        <form method="post" action=ReviewPlanItem::PATH class="stack plan-form" data-ok=tr(T::Saved)>
                                            <input type="hidden" name="key" value=k/>
                                            <input type="hidden" name="owner" value=owner/>
                                            <label>{tr(T::SupervisorNote)}
                                                <textarea name="note" rows="2" maxlength="2000"></textarea>
                                            </label>
                                            <div class="row">
                                                <button type="submit" name="decision" value="approve" class="button small">{tr(T::Approve)}</button>
                                                <button type="submit" name="decision" value="comment" class="button small secondary">{tr(T::SendComment)}</button>
                                            </div>
                                        </form>
                                    }
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul> }.erase()
            }}
        </section>
        {page.is_owner.then(|| view! {
            <section aria-labelledby="add-h">
                <h2 id="add-h">{tr(T::AddOwnActivity)}</h2>
                <p class="hint">{tr(T::AddOwnActivityHint)} " " <a href="/reports/me#recs-h">{tr(T::RecommendationsTitle)}</a></p>
                <form method="post" action=AddPlanItem::PATH class="stack" data-ok=tr(T::Saved)>
                    <label>{tr(T::ActivityName)}
                        <input type="text" name="title" required maxlength="200"/>
                    </label>
                    <div class="row">
                        <label>{tr(T::Competency)}
                            <select name="competency">
                                <option value="">"–"</option>
                                {competencies.iter().map(|(c, n)| {
                                    let gap = gaps.iter().find(|(g, _, _)| g == c).map(|(_, _, v)| format!(" ({} {})", lang.t(T::Gap), num(*v, lang)));
                                    view! { <option value=c.clone()>{c.clone()} " " {n.get(en).to_string()} {gap}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        <label>{tr(T::Due)}
                            <input type="date" name="due" required value=default_due/>
                        </label>
                    </div>
                    <button type="submit" class="button">{tr(T::Add)}</button>
                </form>
            </section>
        })}
        <section aria-labelledby="gaps-h">
            <h2 id="gaps-h">{tr(T::CurrentGaps)}</h2>
            {if page.gaps.is_empty() {
                view! { <p class="empty">{tr(T::NoGaps)}</p> }.erase()
            } else {
                view! { <ul>{page.gaps.iter().map(|(c, n, g)| view! {
                    <li>{c.clone()} " " {n.get(en).to_string()} ": " {num(*g, lang)}</li>
                }).collect_view()}</ul> }.erase()
            }}
        </section>
        <section aria-labelledby="hist-h">
            <h2 id="hist-h">{tr(T::HistoryTitle)}</h2>
            {if page.history.len() < 2 {
                view! { <p class="empty">{tr(T::HistoryOneRound)}</p> }.erase()
            } else {
                view! { <ChartView id="plan-history-chart" chart=history label=lang.t(T::HistoryTitle).to_string() height=340/> }.erase()
            }}
        </section>
    }
}
