//! `/feedback`: the rater's inbox, the nominations to decide and the viewer's own nominations.
//!
//! The server draws it ([`part`], a drawn part): links, figures, and two forms that post in the background
//! (`components::live_forms`) — a decided or sent nomination draws the inbox again.

use super::query_notice;
use crate::api::feedback::load_inbox_part;
use crate::components::{Frame, LiveDrawnContent, tr};
use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::Title;
#[cfg(feature = "ssr")]
use {
    super::{group_label, nomination_label, state_label},
    crate::api::feedback::{DecideNomination, NominatePeer},
    crate::api::{InboxItem, InboxPage, Nomination},
    crate::components::{Erase, use_lang},
    crate::domain::feedback::AssignmentState,
    leptos::server_fn::ServerFn,
};

#[component]
pub fn FeedbackInboxPage() -> impl IntoView {
    let changed = RwSignal::new(0);
    let data = Resource::new(move || changed.get(), |_| load_inbox_part());
    view! {
        <Title text=format!("{} · Kinerja", tr(T::NavFeedback))/>
        <Frame>
            <h1>{tr(T::FbInboxTitle)}</h1>
            {query_notice()}
            <LiveDrawnContent data changed/>
        </Frame>
    }
}

/// The inbox, drawn on the server.
#[cfg(feature = "ssr")]
pub fn part(page: InboxPage) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <Inbox page=page/> })
}

#[cfg(feature = "ssr")]
#[component]
fn Inbox(page: InboxPage) -> impl IntoView {
    let total = page.items.len();
    let done = page.items.iter().filter(|i| i.state == AssignmentState::Submitted).count();
    view! {
        <section aria-labelledby="todo-h">
            <h2 id="todo-h">{tr(T::FbToDo)}</h2>
            {if total == 0 {
                view! { <p class="empty">{tr(T::FbNothingToDo)}</p> }.erase()
            } else {
                view! {
                    <p>
                        <label for="overall">{use_lang().fill(T::CompletedOf, &[("n", &done), ("total", &total)])}</label>
                        <progress id="overall" max=total value=done>{format!("{done}/{total}")}</progress>
                    </p>
                    <ul class="inbox">
                        {page.items.into_iter().map(|i| view! { <InboxRow item=i/> }).collect_view()}
                    </ul>
                }.erase()
            }}
        </section>
        {(!page.approvals.is_empty()).then(|| view! { <Approvals list=page.approvals.clone()/> })}
        {(!page.nominate_in.is_empty()).then(|| view! {
            <NominateForm rounds=page.nominate_in.clone() mine=page.my_nominations.clone()/>
        })}
        {(!page.my_results.is_empty()).then(|| {
            view! {
                <section aria-labelledby="results-h">
                    <h2 id="results-h">{tr(T::FbMyResults)}</h2>
                    <ul>
                        {page.my_results.iter().map(|(k, n)| {
                            let href = format!("/rounds/{k}/results/me");
                            view! { <li><a href=href>{n.clone()}</a></li> }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })}
    }
}

#[cfg(feature = "ssr")]
#[component]
fn InboxRow(item: InboxItem) -> impl IntoView {
    let href = format!("/feedback/{}", item.key);
    let action = tr(match item.state {
        AssignmentState::Submitted => T::FbView,
        AssignmentState::Draft => T::FbContinue,
        _ => T::FbStart,
    });
    let class = format!("inbox-item state-{}", item.state.code());
    view! {
        <li class=class>
            <div>
                <strong>{item.ratee_name.clone()}</strong>
                <span class="muted">" — " {item.ratee_position.clone()}</span>
                <div class="muted">
                    {group_label(item.group)} " · " {item.round_name.clone()} " · " {tr(T::FbClosesOn)} " " {item.closes.clone()}
                </div>
            </div>
            <div class="inbox-status">
                <span class="badge">{state_label(item.state)}</span>
                <progress max=item.total value=item.answered aria-label=tr(T::FbAnswered)>
                    {format!("{}/{}", item.answered, item.total)}
                </progress>
                <a class="button" href=href aria-label=format!("{action}: {}", item.ratee_name)>{action}</a>
            </div>
        </li>
    }
}

#[cfg(feature = "ssr")]
#[component]
fn Approvals(list: Vec<Nomination>) -> impl IntoView {
    let ok = tr(T::FbDecisionSaved);
    view! {
        <section aria-labelledby="approve-h">
            <h2 id="approve-h">{tr(T::FbApprovals)}</h2>
            <p class="hint">{tr(T::FbApprovalsHint)}</p>
            <ul class="inbox">
                {list.into_iter().map(|n| view! {
                    <li class="inbox-item">
                        <div>
                            <strong>{n.rater_name.clone()}</strong> " → " {n.ratee_name.clone()}
                            <div class="muted">{n.round_name.clone()}</div>
                        </div>
                        <div class="inbox-status">
                            <form method="post" action=DecideNomination::PATH data-ok=ok>
                                <input type="hidden" name="key" value=n.key.clone()/>
                                <input type="hidden" name="approve" value="1"/>
                                <button type="submit" class="button">{tr(T::Approve)}</button>
                            </form>
                            <form method="post" action=DecideNomination::PATH data-ok=ok>
                                <input type="hidden" name="key" value=n.key.clone()/>
                                <input type="hidden" name="approve" value="0"/>
                                <button type="submit" class="button secondary">{tr(T::Reject)}</button>
                            </form>
                        </div>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[cfg(feature = "ssr")]
#[component]
fn NominateForm(rounds: Vec<(String, String)>, mine: Vec<Nomination>) -> impl IntoView {
    view! {
        <section aria-labelledby="nominate-h" class="card">
            <h2 id="nominate-h">{tr(T::FbNominateTitle)}</h2>
            <p class="hint">{tr(T::FbNominateHint)}</p>
            <form method="post" action=NominatePeer::PATH class="stack" data-ok=tr(T::FbNominated)>
                <label for="nom-round">{tr(T::Round)}</label>
                <select id="nom-round" name="round">
                    {rounds.into_iter().map(|(k, n)| view! { <option value=k>{n}</option> }).collect_view()}
                </select>
                <label for="nom-peer">{tr(T::FbPeerNip)}</label>
                <input id="nom-peer" name="peer_nip" type="text" inputmode="numeric" autocomplete="off" required/>
                <button type="submit" class="button">{tr(T::FbNominate)}</button>
            </form>
            {(!mine.is_empty()).then(|| view! {
                <h3>{tr(T::FbMyNominations)}</h3>
                <ul>
                    {mine.into_iter().map(|n| view! {
                        <li>{n.rater_name} " — " <span class="badge">{nomination_label(n.state)}</span></li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}
