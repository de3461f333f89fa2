//! `/feedback` (the rater's inbox, nominations) and `/feedback/:key` (one assessment form).
//!
//! The form is a plain HTML form that works without JavaScript (draft and submit buttons post to the server).
//! With JavaScript every answer is saved as a draft as you go, so a reload never loses what was typed.

use crate::api::feedback::*;
use crate::api::{AssessmentForm, InboxItem, InboxPage, Nomination, SubmitOutcome};
use crate::components::{ErrorNotice, Frame, Loading, Outcome, tr, use_lang};
use crate::domain::competency::level_name;
use crate::domain::feedback::{NOT_OBSERVED, RaterGroup, is_final_answer};
use crate::error::AppError;
use crate::i18n::{Lang, T};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The label of a rater group (from the rater's point of view: whom they assess as).
pub fn group_label(g: RaterGroup) -> &'static str {
    tr(match g {
        RaterGroup::SelfRating => T::GroupSelf,
        RaterGroup::Supervisor => T::GroupSupervisor,
        RaterGroup::Peer => T::GroupPeer,
        RaterGroup::Subordinate => T::GroupSubordinate,
    })
}

fn state_label(state: &str) -> &'static str {
    tr(match state {
        "submitted" => T::StateSubmitted,
        "draft" => T::StateDraft,
        "proposed" => T::StateProposed,
        "rejected" => T::StateRejected,
        "approved" => T::StateApproved,
        _ => T::StatePending,
    })
}

/// Query-string outcome of a form posted without JavaScript.
fn query_notice() -> impl IntoView {
    let query = use_query_map();
    query.with_untracked(|q| {
        if let Some(e) = q.get("error") {
            Some(view! { <p class="form-error" role="alert">{e}</p> }.into_any())
        } else if q.get("submitted").is_some() {
            Some(view! { <p class="form-ok" role="status">{tr(T::FbSubmittedThanks)}</p> }.into_any())
        } else if q.get("nominated").is_some() {
            Some(view! { <p class="form-ok" role="status">{tr(T::FbNominated)}</p> }.into_any())
        } else if q.get("saved").is_some() {
            Some(view! { <p class="form-ok" role="status">{tr(T::FbDraftSaved)}</p> }.into_any())
        } else {
            None
        }
    })
}

#[component]
pub fn FeedbackInboxPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_inbox());
    view! {
        <Title text=format!("{} · Kinerja", tr(T::NavFeedback))/>
        <Frame>
            <h1>{tr(T::FbInboxTitle)}</h1>
            {query_notice()}
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) => view! { <Inbox page=p/> }.into_any(),
                        Err(e) => view! { <ErrorNotice err=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </Frame>
    }
}

#[component]
fn Inbox(page: InboxPage) -> impl IntoView {
    let total = page.items.len();
    let done = page.items.iter().filter(|i| i.state == "submitted").count();
    view! {
        <section aria-labelledby="todo-h">
            <h2 id="todo-h">{tr(T::FbToDo)}</h2>
            {if total == 0 {
                view! { <p class="empty">{tr(T::FbNothingToDo)}</p> }.into_any()
            } else {
                view! {
                    <p>
                        <label for="overall">{format!("{} {done}/{total}", tr(T::FbCompleted))}</label>
                        <progress id="overall" max=total value=done>{format!("{done}/{total}")}</progress>
                    </p>
                    <ul class="inbox">
                        {page.items.into_iter().map(|i| view! { <InboxRow item=i/> }).collect_view()}
                    </ul>
                }.into_any()
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

#[component]
fn InboxRow(item: InboxItem) -> impl IntoView {
    let href = format!("/feedback/{}", item.key);
    let action = tr(match item.state.as_str() {
        "submitted" => T::FbView,
        "draft" => T::FbContinue,
        _ => T::FbStart,
    });
    let class = format!("inbox-item state-{}", item.state);
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
                <span class="badge">{state_label(&item.state)}</span>
                <progress max=item.total value=item.answered aria-label=tr(T::FbAnswered)>
                    {format!("{}/{}", item.answered, item.total)}
                </progress>
                <a class="button" href=href aria-label=format!("{action}: {}", item.ratee_name)>{action}</a>
            </div>
        </li>
    }
}

#[component]
fn Approvals(list: Vec<Nomination>) -> impl IntoView {
    let action = ServerAction::<DecideNomination>::new();
    view! {
        <section aria-labelledby="approve-h">
            <h2 id="approve-h">{tr(T::FbApprovals)}</h2>
            <p class="hint">{tr(T::FbApprovalsHint)}</p>
            {move || action.value().get().and_then(|r| r.err()).map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
            <ul class="inbox">
                {list.into_iter().map(|n| {
                    let key = n.key.clone();
                    let key2 = n.key.clone();
                    let decided = move || action.value().get().is_some_and(|r| r.is_ok()) && action.input().get().is_none();
                    view! {
                        <li class="inbox-item">
                            <div>
                                <strong>{n.rater_name.clone()}</strong> " → " {n.ratee_name.clone()}
                                <div class="muted">{n.round_name.clone()}</div>
                            </div>
                            <div class="inbox-status">
                                <ActionForm action=action>
                                    <input type="hidden" name="key" value=key2/>
                                    <input type="hidden" name="approve" value="1"/>
                                    <button type="submit" class="button" disabled=decided>{tr(T::Approve)}</button>
                                </ActionForm>
                                <ActionForm action=action>
                                    <input type="hidden" name="key" value=key/>
                                    <input type="hidden" name="approve" value="0"/>
                                    <button type="submit" class="button secondary" disabled=decided>{tr(T::Reject)}</button>
                                </ActionForm>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn NominateForm(rounds: Vec<(String, String)>, mine: Vec<Nomination>) -> impl IntoView {
    let action = ServerAction::<NominatePeer>::new();
    view! {
        <section aria-labelledby="nominate-h" class="card">
            <h2 id="nominate-h">{tr(T::FbNominateTitle)}</h2>
            <p class="hint">{tr(T::FbNominateHint)}</p>
            <ActionForm action=action attr:class="stack">
                <label for="nom-round">{tr(T::Round)}</label>
                <select id="nom-round" name="round">
                    {rounds.into_iter().map(|(k, n)| view! { <option value=k>{n}</option> }).collect_view()}
                </select>
                <label for="nom-peer">{tr(T::FbPeerNip)}</label>
                <input id="nom-peer" name="peer_nip" type="text" inputmode="numeric" autocomplete="off" required/>
                <Outcome value=action.value() ok=T::FbNominated/>
                <button type="submit" class="button" disabled=move || action.pending().get()>{tr(T::FbNominate)}</button>
            </ActionForm>
            {(!mine.is_empty()).then(|| view! {
                <h3>{tr(T::FbMyNominations)}</h3>
                <ul>
                    {mine.into_iter().map(|n| view! {
                        <li>{n.rater_name} " — " <span class="badge">{state_label(&n.state)}</span></li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

#[component]
pub fn AssessmentPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(move || params.with(|p| p.get("key").unwrap_or_default()), load_assessment);
    view! {
        <Title text=format!("{} · Kinerja", tr(T::FbFormTitle))/>
        <Frame>
            <nav class="breadcrumbs" aria-label=tr(T::NavFeedback)><a href="/feedback">{tr(T::FbInboxTitle)}</a></nav>
            {query_notice()}
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(f) => view! { <Assessment form=f/> }.into_any(),
                        Err(e) => view! { <ErrorNotice err=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </Frame>
    }
}

fn intro(group: RaterGroup) -> T {
    match group {
        RaterGroup::SelfRating => T::FbIntroSelf,
        RaterGroup::Supervisor => T::FbIntroSupervisor,
        _ => T::FbIntroAnonymous,
    }
}

#[component]
fn Assessment(form: AssessmentForm) -> impl IntoView {
    let lang = use_lang();
    let heading = match form.group {
        RaterGroup::SelfRating => tr(T::FbSelfHeading).to_string(),
        _ => format!("{}: {}", tr(T::FbAssessing), form.ratee_name),
    };
    let meta = view! {
        <h1>{heading}</h1>
        <p class="muted">
            {form.ratee_position.clone()} " · " {group_label(form.group)} " · " {form.round_name.clone()} " · "
            {tr(T::FbClosesOn)} " " {form.closes.clone()}
        </p>
    };
    if !form.editable {
        let text = if form.state == "submitted" {
            format!(
                "{} {}",
                tr(T::FbAlreadySubmittedAt),
                form.submitted_at.clone().unwrap_or_default().replace('T', " ").chars().take(16).collect::<String>()
            )
        } else {
            tr(T::FbLate).to_string()
        };
        return view! {
            {meta}
            <p class="notice" role="status">{text}</p>
            <p><a href="/feedback">{tr(T::FbBackToInbox)}</a></p>
        }
        .into_any();
    }
    let key = form.key.clone();
    let q = form.questionnaire.clone();
    let ranges = q.ranges();
    let answers = RwSignal::new(form.answers.clone());
    let comments = RwSignal::new(form.comments.clone());
    let status = RwSignal::new(None::<Result<String, AppError>>);
    let submitting = RwSignal::new(false);
    let want_submit = StoredValue::new(false);
    let missing = RwSignal::new(Vec::<usize>::new());
    let autosave = Autosave::new(key.clone(), answers, comments, status);
    let total = q.item_count();
    let answered = move || answers.with(|a| a.iter().filter(|v| is_final_answer(**v)).count());
    let navigate = leptos_router::hooks::use_navigate();
    let on_submit = {
        let key = key.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if !want_submit.get_value() {
                autosave.save_now();
                return;
            }
            let gaps: Vec<usize> = answers.with(|a| (0..a.len()).filter(|i| !is_final_answer(a[*i])).collect());
            if !gaps.is_empty() {
                missing.set(gaps.clone());
                status.set(Some(Err(AppError::validation("answers", lang.t(T::FbAnswerAll)))));
                focus_item(gaps[0]);
                return;
            }
            submitting.set(true);
            let key = key.clone();
            let navigate = navigate.clone();
            leptos::task::spawn_local(async move {
                let result = save_assessment(
                    key,
                    Some(to_map_u8(&answers.get_untracked())),
                    Some(to_map(&comments.get_untracked())),
                    Some("1".into()),
                )
                .await;
                submitting.set(false);
                match result {
                    Ok(SubmitOutcome::Submitted { .. }) | Ok(SubmitOutcome::AlreadySubmitted { .. }) => {
                        navigate("/feedback?submitted=1", Default::default());
                    }
                    Ok(SubmitOutcome::Saved { at }) => status.set(Some(Ok(at))),
                    Err(e) => status.set(Some(Err(e))),
                }
            });
        }
    };
    view! {
        {meta}
        <p class="hint">{tr(intro(form.group))}</p>
        <details class="scale-help">
            <summary>{tr(T::FbScaleHelp)}</summary>
            <ul>
                {(1..=5u8).map(|l| view! { <li><strong>{l} " " {level_name(l).get(lang == Lang::En).to_string()}</strong></li> }).collect_view()}
                <li><strong>{tr(T::NotObserved)}</strong> " — " {tr(T::NotObservedHelp)}</li>
            </ul>
        </details>
        <form method="post" action="/api/feedback/save" class="assessment" on:submit=on_submit>
            <input type="hidden" name="key" value=key.clone()/>
            {q.competencies.iter().zip(ranges).enumerate().map(|(ci, (c, range))| {
                let name = c.name.get(lang == Lang::En).to_string();
                let levels = c.levels.clone();
                view! {
                    <fieldset class="competency" id=format!("comp-{ci}")>
                        <legend><span class="code">{c.code.clone()}</span> " " {name.clone()}</legend>
                        <details>
                            <summary>{tr(T::FbLevelDescriptions)}</summary>
                            <dl class="levels">
                                {levels.into_iter().map(|l| view! {
                                    <dt>{l.level} " " {level_name(l.level).get(lang == Lang::En).to_string()}</dt>
                                    <dd>{l.description.get(lang == Lang::En).to_string()}</dd>
                                }).collect_view()}
                            </dl>
                        </details>
                        {range.clone().zip(c.items.iter()).map(|(i, item)| view! {
                            <ItemQuestion index=i text=item.get(lang == Lang::En).to_string() answers missing autosave/>
                        }).collect_view()}
                        <label for=format!("comment-{ci}")>{tr(T::FbComment)} " (" {tr(T::Optional)} ")"</label>
                        <textarea id=format!("comment-{ci}") name=format!("comments[{ci}]") rows="3" maxlength="2000"
                            prop:value=move || comments.with(|c| c.get(ci).cloned().unwrap_or_default())
                            on:input=move |ev| {
                                let v = event_target_value(&ev);
                                comments.update(|c| if let Some(x) = c.get_mut(ci) { *x = v; });
                                autosave.schedule();
                            }>{form.comments.get(ci).cloned().unwrap_or_default()}</textarea>
                    </fieldset>
                }
            }).collect_view()}
            <div class="form-footer" >
                <p aria-live="polite" role="status" class="save-status">
                    {move || format!("{} {}/{total}", tr(T::FbAnswered), answered())} " "
                    {move || match status.get() {
                        Some(Ok(at)) => format!("· {} {}", lang.t(T::FbDraftSavedAt), time_of(&at)),
                        _ => String::new(),
                    }}
                </p>
                {move || status.get().and_then(|s| s.err()).map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
                <button type="submit" class="button secondary" on:click=move |_| want_submit.set_value(false)>
                    {tr(T::FbSaveDraft)}
                </button>
                <button type="submit" class="button" name="submit" value="1" disabled=move || submitting.get()
                    on:click=move |_| want_submit.set_value(true)>
                    {move || if submitting.get() { lang.t(T::Saving) } else { lang.t(T::FbSubmit) }}
                </button>
                <p class="hint">{tr(T::FbSubmitFinal)}</p>
            </div>
        </form>
    }
    .into_any()
}

fn time_of(at: &str) -> String {
    // `2026-11-22T10:15:30.123Z` → `10:15:30` (UTC as stored; the page shows it only as a save marker).
    at.split('T').nth(1).map(|t| t.chars().take(8).collect()).unwrap_or_default()
}

#[component]
fn ItemQuestion(
    index: usize,
    text: String,
    answers: RwSignal<Vec<u8>>,
    missing: RwSignal<Vec<usize>>,
    autosave: Autosave,
) -> impl IntoView {
    let lang = use_lang();
    let initial = answers.with_untracked(|a| a.get(index).copied().unwrap_or(0));
    let is_missing = move || missing.with(|m| m.contains(&index)) && answers.with(|a| !is_final_answer(a[index]));
    let options: Vec<(u8, String)> = (1..=5u8)
        .map(|l| (l, format!("{l}")))
        .chain(std::iter::once((NOT_OBSERVED, lang.t(T::NotObservedShort).to_string())))
        .collect();
    view! {
        <fieldset class="item" id=format!("item-{index}") class:missing=is_missing>
            <legend>{text}</legend>
            <div class="scale" role="radiogroup">
                {options.into_iter().map(|(value, label)| {
                    let id = format!("a{index}-{value}");
                    let title = if value == NOT_OBSERVED {
                        lang.t(T::NotObserved).to_string()
                    } else {
                        level_name(value).get(lang == Lang::En).to_string()
                    };
                    let id2 = id.clone();
                    let title2 = title.clone();
                    view! {
                        <span class="choice">
                            <input type="radio" id=id2 name=format!("answers[{index}]") value=value
                                checked=initial == value
                                on:change=move |_| {
                                    answers.update(|a| if let Some(x) = a.get_mut(index) { *x = value; });
                                    autosave.save_now();
                                }/>
                            <label for=id title=title2>
                                {label}<span class="visually-hidden">" " {title}</span>
                            </label>
                        </span>
                    }
                }).collect_view()}
            </div>
            {move || is_missing().then(|| view! { <p class="form-error">{tr(T::FbItemMissing)}</p> })}
        </fieldset>
    }
}

fn focus_item(_index: usize) {
    #[cfg(feature = "hydrate")]
    {
        if let Some(el) = gloo::utils::document().get_element_by_id(&format!("item-{_index}")) {
            el.scroll_into_view();
        }
    }
}

fn to_map_u8(values: &[u8]) -> std::collections::HashMap<String, String> {
    values.iter().enumerate().filter(|(_, v)| **v != 0).map(|(i, v)| (i.to_string(), v.to_string())).collect()
}

fn to_map(values: &[String]) -> std::collections::HashMap<String, String> {
    values.iter().enumerate().filter(|(_, v)| !v.is_empty()).map(|(i, v)| (i.to_string(), v.clone())).collect()
}

/// Saves drafts in the background, one request at a time, always sending the latest answers.
#[derive(Clone, Copy)]
struct Autosave {
    key: StoredValue<String>,
    answers: RwSignal<Vec<u8>>,
    comments: RwSignal<Vec<String>>,
    status: RwSignal<Option<Result<String, AppError>>>,
    in_flight: StoredValue<bool>,
    again: StoredValue<bool>,
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    timer: StoredValue<u32>,
}

impl Autosave {
    fn new(
        key: String,
        answers: RwSignal<Vec<u8>>,
        comments: RwSignal<Vec<String>>,
        status: RwSignal<Option<Result<String, AppError>>>,
    ) -> Self {
        Autosave {
            key: StoredValue::new(key),
            answers,
            comments,
            status,
            in_flight: StoredValue::new(false),
            again: StoredValue::new(false),
            timer: StoredValue::new(0),
        }
    }

    /// Saves after a short pause in typing.
    fn schedule(self) {
        #[cfg(feature = "hydrate")]
        {
            let ticket = self.timer.get_value().wrapping_add(1);
            self.timer.set_value(ticket);
            gloo::timers::callback::Timeout::new(800, move || {
                if self.timer.get_value() == ticket {
                    self.save_now();
                }
            })
            .forget();
        }
    }

    fn save_now(self) {
        if self.in_flight.get_value() {
            self.again.set_value(true);
            return;
        }
        self.in_flight.set_value(true);
        leptos::task::spawn_local(async move {
            loop {
                self.again.set_value(false);
                let result = save_assessment(
                    self.key.get_value(),
                    Some(to_map_u8(&self.answers.get_untracked())),
                    Some(to_map(&self.comments.get_untracked())),
                    None,
                )
                .await;
                match result {
                    Ok(SubmitOutcome::Saved { at }) => self.status.set(Some(Ok(at))),
                    Ok(_) => {}
                    Err(e) => self.status.set(Some(Err(e))),
                }
                if !self.again.get_value() {
                    break;
                }
            }
            self.in_flight.set_value(false);
        });
    }
}
