//! `/feedback/:key`: one assessment form, a plain HTML form that works without JavaScript (draft and submit buttons
//! post to the server); with JavaScript every answer is saved as a draft as you go.

use super::autosave::{Autosave, to_map, to_map_u8};
use super::{group_label, query_notice};
use crate::api::feedback::*;
use crate::api::{AssessmentForm, SubmitOutcome};
use crate::components::Erase;
use crate::components::{ErrorNotice, Frame, Loading, tr, use_lang};
use crate::domain::feedback::{AssignmentState, NOT_OBSERVED, RaterGroup, is_final_answer};
use crate::error::AppError;
use crate::i18n::level_name;
use crate::i18n::{Lang, T};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

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
                        Ok(f) => view! { <Assessment form=f/> }.erase(),
                        Err(e) => view! { <ErrorNotice err=e/> }.erase(),
                    }
                })}
            </Suspense>
        </Frame>
    }
}

pub(super) fn intro(group: RaterGroup) -> T {
    match group {
        RaterGroup::SelfRating => T::FbIntroSelf,
        RaterGroup::Supervisor => T::FbIntroSupervisor,
        _ => T::FbIntroAnonymous,
    }
}

#[component]
pub(super) fn Assessment(form: AssessmentForm) -> impl IntoView {
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
        let text = if form.state == AssignmentState::Submitted {
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
        .erase();
    }
    let key = form.key.clone();
    let q = form.questionnaire.clone();
    let ranges = q.ranges();
    // On a slow phone the plain form works before the page wakes up: what was ticked or typed by then is taken
    // from the page, so hydration keeps it, and saved as a draft once the page is awake.
    let (mut first_answers, mut first_comments) = (form.answers.clone(), form.comments.clone());
    let typed_early = typed_before_hydration(&key, &mut first_answers, &mut first_comments);
    let answers = RwSignal::new(first_answers);
    let comments = RwSignal::new(first_comments);
    let status = RwSignal::new(None::<Result<String, AppError>>);
    let submitting = RwSignal::new(false);
    let want_submit = StoredValue::new(false);
    let missing = RwSignal::new(Vec::<usize>::new());
    let autosave = Autosave::new(key.clone(), answers, comments, status);
    if typed_early {
        Effect::new(move |_| autosave.save_now());
    }
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
                {(1..=5u8).map(|l| view! { <li><strong>{l} " " {lang.t(level_name(l)).to_string()}</strong></li> }).collect_view()}
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
                                    <dt>{l.level} " " {lang.t(level_name(l.level)).to_string()}</dt>
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
                            }>{comments.with_untracked(|c| c.get(ci).cloned().unwrap_or_default())}</textarea>
                    </fieldset>
                }
            }).collect_view()}
            <div class="form-footer" >
                <p aria-live="polite" role="status" class="save-status">
                    {move || lang.fill(T::AnsweredOf, &[("n", &answered()), ("total", &total)])} " "
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
    .erase()
}

/// Takes into `answers` and `comments` what the page's form for assessment `key` shows when it differs (ticked or
/// typed before the application had loaded); whether anything did. Only in the browser, and only from this
/// assessment's form: a client-side navigation from another form never reads that one.
#[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
fn typed_before_hydration(key: &str, answers: &mut [u8], comments: &mut [String]) -> bool {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        use leptos::web_sys::{HtmlInputElement, HtmlTextAreaElement};
        let document = gloo::utils::document();
        let input = |selector: &str| {
            document.query_selector(selector).ok().flatten().and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        };
        if input("form.assessment input[name=\"key\"]").is_none_or(|k| k.value() != key) {
            return false;
        }
        let mut changed = false;
        for (i, answer) in answers.iter_mut().enumerate() {
            let ticked = input(&format!("form.assessment input[name=\"answers[{i}]\"]:checked"))
                .and_then(|r| r.value().parse::<u8>().ok());
            if let Some(v) = ticked.filter(|v| v != answer) {
                *answer = v;
                changed = true;
            }
        }
        for (ci, comment) in comments.iter_mut().enumerate() {
            let typed = document
                .get_element_by_id(&format!("comment-{ci}"))
                .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
                .map(|t| t.value());
            if let Some(v) = typed.filter(|v| v != comment) {
                *comment = v;
                changed = true;
            }
        }
        changed
    }
    #[cfg(not(feature = "hydrate"))]
    false
}

pub(super) fn time_of(at: &str) -> String {
    // `2026-11-22T10:15:30.123Z` → `10:15:30` (UTC as stored; the page shows it only as a save marker).
    at.split('T').nth(1).map(|t| t.chars().take(8).collect()).unwrap_or_default()
}

#[component]
pub(super) fn ItemQuestion(
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
                        lang.t(level_name(value)).to_string()
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

pub(super) fn focus_item(_index: usize) {
    #[cfg(feature = "hydrate")]
    {
        if let Some(el) = gloo::utils::document().get_element_by_id(&format!("item-{_index}")) {
            el.scroll_into_view();
        }
    }
}
