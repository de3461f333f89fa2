//! `/feedback/:key`: one assessment form, a plain HTML form that works without JavaScript (draft and submit buttons
//! post to the server); with JavaScript every answer is saved as a draft as you go.
//!
//! The server draws the form ([`part`], a drawn part): the browser carries neither its view nor the questionnaire's
//! types. What the page's own code does ([`live`]) works on the form as the server wrote it — it counts the answers,
//! saves a draft after each answer and a pause in typing, and checks that every item is answered before it submits.
//! The browser never renders the form again, so what a rater ticks or types before the page has loaded is simply
//! there, and is saved as a draft as soon as the page has.

use super::query_notice;
use crate::api::feedback::load_assessment_part;
use crate::components::Erase;
use crate::components::{DrawnPartView, ErrorNotice, Frame, Loading, tr};
use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
#[cfg(feature = "ssr")]
use {
    super::group_label,
    crate::api::AssessmentForm,
    crate::components::use_lang,
    crate::domain::feedback::{AssignmentState, NOT_OBSERVED, RaterGroup, is_final_answer},
    crate::i18n::{Lang, level_name},
};

/// Where the form posts (`api::feedback::save_assessment`).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const SAVE: &str = "/api/feedback/save";

#[component]
pub fn AssessmentPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(move || params.with(|p| p.get("key").unwrap_or_default()), load_assessment_part);
    view! {
        <Title text=format!("{} · Kinerja", tr(T::FbFormTitle))/>
        <Frame>
            <nav class="breadcrumbs" aria-label=tr(T::NavFeedback)><a href="/feedback">{tr(T::FbInboxTitle)}</a></nav>
            {query_notice()}
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(part) => view! { <DrawnPartView part=part/><LiveForm/> }.erase(),
                        Err(e) => view! { <ErrorNotice err=e/> }.erase(),
                    }
                })}
            </Suspense>
        </Frame>
    }
}

/// Brings the drawn form to life once it is in the document (nothing to render).
#[component]
fn LiveForm() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let lang = crate::components::use_lang();
        let navigate = leptos_router::hooks::use_navigate();
        Effect::new(move |_| live::attach(lang, navigate.clone()));
    }
}

#[cfg(feature = "ssr")]
fn intro(group: RaterGroup) -> T {
    match group {
        RaterGroup::SelfRating => T::FbIntroSelf,
        RaterGroup::Supervisor => T::FbIntroSupervisor,
        _ => T::FbIntroAnonymous,
    }
}

/// The form, drawn on the server.
#[cfg(feature = "ssr")]
pub fn part(form: AssessmentForm) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <Assessment form=form/> })
}

#[cfg(feature = "ssr")]
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
    let q = form.questionnaire.clone();
    let ranges = q.ranges();
    let total = q.item_count();
    let answered = form.answers.iter().filter(|v| is_final_answer(**v)).count();
    let answers = form.answers.clone();
    let comments = form.comments.clone();
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
        <form method="post" action=SAVE class="assessment">
            <input type="hidden" name="key" value=form.key.clone()/>
            {q.competencies.iter().zip(ranges).enumerate().map(|(ci, (c, range))| {
                let name = c.name.get(lang == Lang::En).to_string();
                let levels = c.levels.clone();
                let comment = comments.get(ci).cloned().unwrap_or_default();
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
                        {range.clone().zip(c.items.iter()).map(|(i, item)| {
                            item_question(i, item.get(lang == Lang::En).to_string(), answers.get(i).copied().unwrap_or(0), lang)
                        }).collect_view()}
                        <label for=format!("comment-{ci}")>{tr(T::FbComment)} " (" {tr(T::Optional)} ")"</label>
                        <textarea id=format!("comment-{ci}") name=format!("comments[{ci}]") rows="3" maxlength="2000">
                            {comment}
                        </textarea>
                    </fieldset>
                }
            }).collect_view()}
            <div class="form-footer">
                <p aria-live="polite" role="status" class="save-status">
                    {lang.fill(T::AnsweredOf, &[("n", &answered), ("total", &total)])}
                </p>
                <p class="form-error" role="alert" hidden=""></p>
                <button type="submit" class="button secondary">{tr(T::FbSaveDraft)}</button>
                <button type="submit" class="button" name="submit" value="1">{tr(T::FbSubmit)}</button>
                <p class="hint">{tr(T::FbSubmitFinal)}</p>
            </div>
        </form>
    }
    .erase()
}

/// One behaviour item: the five levels and "not observed" as radio buttons, `answer` ticked.
#[cfg(feature = "ssr")]
fn item_question(index: usize, text: String, answer: u8, lang: Lang) -> impl IntoView {
    let options: Vec<(u8, String)> = (1..=5u8)
        .map(|l| (l, format!("{l}")))
        .chain(std::iter::once((NOT_OBSERVED, lang.t(T::NotObservedShort).to_string())))
        .collect();
    view! {
        <fieldset class="item" id=format!("item-{index}")>
            <legend>{text}</legend>
            <div class="scale" role="radiogroup">
                {options.into_iter().map(|(value, label)| {
                    let id = format!("a{index}-{value}");
                    let title = if value == NOT_OBSERVED {
                        lang.t(T::NotObserved).to_string()
                    } else {
                        lang.t(level_name(value)).to_string()
                    };
                    view! {
                        <span class="choice">
                            <input type="radio" id=id.clone() name=format!("answers[{index}]") value=value
                                checked=answer == value/>
                            <label for=id title=title.clone()>
                                {label}<span class="visually-hidden">" " {title.clone()}</span>
                            </label>
                        </span>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// `2026-11-22T10:15:30.123Z` → `10:15:30` (UTC as stored; the page shows it only as a save marker).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn time_of(at: &str) -> String {
    at.split('T').nth(1).map(|t| t.chars().take(8).collect()).unwrap_or_default()
}

/// The form at work in the browser, on the elements the server drew.
#[cfg(feature = "hydrate")]
mod live {
    use super::{SAVE, time_of};
    use crate::api::SubmitOutcome;
    use crate::components::action_form::{post_text, url_encoded};
    use crate::domain::feedback::is_final_answer;
    use crate::error::AppError;
    use crate::i18n::{Lang, T};
    use leptos::wasm_bindgen::JsCast;
    use leptos::wasm_bindgen::closure::Closure;
    use leptos::web_sys::{
        Element, Event, FormData, HtmlButtonElement, HtmlFormElement, HtmlInputElement, HtmlTextAreaElement,
        SubmitEvent,
    };
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;

    struct Live {
        form: HtmlFormElement,
        lang: Lang,
        total: usize,
        saved_at: RefCell<Option<String>>,
        in_flight: Cell<bool>,
        again: Cell<bool>,
        ticket: Cell<u32>,
        navigate: Box<dyn Fn(&str)>,
    }

    /// Works on the page's assessment form, once (a form already at work is left alone).
    pub fn attach<N>(lang: Lang, navigate: N)
    where
        N: Fn(&str, leptos_router::NavigateOptions) + 'static,
    {
        let Some(form) = gloo::utils::document()
            .query_selector("form.assessment:not([data-live])")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let _ = form.set_attribute("data-live", "");
        let total = form.query_selector_all("fieldset.item").map(|l| l.length() as usize).unwrap_or(0);
        let live = Rc::new(Live {
            form: form.clone(),
            lang,
            total,
            saved_at: RefCell::new(None),
            in_flight: Cell::new(false),
            again: Cell::new(false),
            ticket: Cell::new(0),
            navigate: Box::new(move |to| navigate(to, Default::default())),
        });
        let on = |event: &str, f: Box<dyn FnMut(Event)>| {
            let f = Closure::<dyn FnMut(Event)>::wrap(f);
            let _ = form.add_event_listener_with_callback(event, f.as_ref().unchecked_ref());
            // Lives as long as the form: one closure per event.
            f.forget();
        };
        on("change", {
            let live = live.clone();
            Box::new(move |ev: Event| {
                if let Some(item) = ev
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .and_then(|e| e.closest("fieldset.item").ok().flatten())
                {
                    mark_missing(&item, false, live.lang);
                }
                live.show_status();
                live.clone().save_now();
            })
        });
        on("input", {
            let live = live.clone();
            Box::new(move |ev: Event| {
                if ev.target().and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok()).is_some() {
                    live.clone().schedule();
                }
            })
        });
        on("submit", {
            let live = live.clone();
            Box::new(move |ev: Event| {
                ev.prevent_default();
                let ev: SubmitEvent = ev.unchecked_into();
                let final_submit = ev
                    .submitter()
                    .and_then(|b| b.dyn_into::<HtmlButtonElement>().ok())
                    .is_some_and(|b| b.name() == "submit");
                if final_submit { live.clone().submit() } else { live.clone().save_now() }
            })
        });
        live.show_status();
        if live.typed_before() {
            live.save_now();
        }
    }

    /// Marks (or unmarks) an item as not answered yet.
    fn mark_missing(item: &Element, missing: bool, lang: Lang) {
        let note = item.query_selector("p.form-error").ok().flatten();
        if missing {
            let _ = item.class_list().add_1("missing");
            if note.is_none() {
                let document = gloo::utils::document();
                if let Ok(p) = document.create_element("p") {
                    p.set_class_name("form-error");
                    p.set_text_content(Some(lang.t(T::FbItemMissing)));
                    let _ = item.append_child(&p);
                }
            }
        } else {
            let _ = item.class_list().remove_1("missing");
            if let Some(p) = note {
                p.remove();
            }
        }
    }

    impl Live {
        fn radio(&self, selector: &str) -> Option<HtmlInputElement> {
            self.form.query_selector(selector).ok().flatten().and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        }

        /// The items not answered yet (a level or "not observed").
        fn gaps(&self) -> Vec<usize> {
            (0..self.total)
                .filter(|i| {
                    let ticked = self
                        .radio(&format!("input[name=\"answers[{i}]\"]:checked"))
                        .and_then(|r| r.value().parse::<u8>().ok());
                    !ticked.is_some_and(is_final_answer)
                })
                .collect()
        }

        fn show_status(&self) {
            let answered = self.total - self.gaps().len();
            let mut text = self.lang.fill(T::AnsweredOf, &[("n", &answered), ("total", &self.total)]);
            if let Some(at) = self.saved_at.borrow().as_deref() {
                text.push_str(&format!(" · {} {}", self.lang.t(T::FbDraftSavedAt), time_of(at)));
            }
            if let Ok(Some(p)) = self.form.query_selector("p.save-status") {
                p.set_text_content(Some(&text));
            }
        }

        fn show_error(&self, text: Option<&str>) {
            crate::components::live_forms::show_error(&self.form, text);
        }

        /// Whether anything was ticked or typed before the page had loaded (the form differs from what was drawn).
        fn typed_before(&self) -> bool {
            let changed = |selector: &str, differs: &dyn Fn(&Element) -> bool| {
                self.form.query_selector_all(selector).is_ok_and(|list| {
                    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).any(|e| differs(&e))
                })
            };
            changed("input[type=radio]", &|e| {
                e.dyn_ref::<HtmlInputElement>().is_some_and(|r| r.checked() != r.default_checked())
            }) || changed("textarea", &|e| {
                e.dyn_ref::<HtmlTextAreaElement>().is_some_and(|t| t.default_value().is_ok_and(|d| t.value() != d))
            })
        }

        /// The form's fields, URL-encoded as the browser would post them.
        fn body(&self, submit: bool) -> Option<String> {
            let data = FormData::new_with_form(&self.form).ok()?;
            if submit {
                data.append_with_str("submit", "1").ok()?;
            }
            url_encoded(&data)
        }

        /// Saves after a short pause in typing.
        fn schedule(self: Rc<Self>) {
            let ticket = self.ticket.get().wrapping_add(1);
            self.ticket.set(ticket);
            gloo::timers::callback::Timeout::new(800, move || {
                if self.ticket.get() == ticket {
                    self.save_now();
                }
            })
            .forget();
        }

        /// Saves a draft: one request at a time, always with the latest answers.
        fn save_now(self: Rc<Self>) {
            if self.in_flight.replace(true) {
                self.again.set(true);
                return;
            }
            leptos::task::spawn_local(async move {
                loop {
                    self.again.set(false);
                    if let Some(body) = self.body(false) {
                        match outcome(post_text(SAVE, body).await) {
                            Ok(SubmitOutcome::Saved { at }) => {
                                *self.saved_at.borrow_mut() = Some(at);
                                self.show_error(None);
                                self.show_status();
                            }
                            Ok(_) => {}
                            Err(e) => self.show_error(Some(&e.to_string())),
                        }
                    }
                    if !self.again.get() {
                        break;
                    }
                }
                self.in_flight.set(false);
            });
        }

        /// Submits when every item is answered; otherwise says what is missing and goes to the first gap.
        fn submit(self: Rc<Self>) {
            let gaps = self.gaps();
            if let Some(first) = gaps.first() {
                for i in &gaps {
                    if let Ok(Some(item)) = self.form.query_selector(&format!("#item-{i}")) {
                        mark_missing(&item, true, self.lang);
                    }
                }
                self.show_error(Some(self.lang.t(T::FbAnswerAll)));
                if let Some(radio) = self.radio(&format!("#item-{first} input[type=radio]")) {
                    radio.scroll_into_view();
                    let _ = radio.focus();
                }
                return;
            }
            let Some(body) = self.body(true) else { return };
            let button = self.form.query_selector("button[name=submit]").ok().flatten();
            let button = button.and_then(|b| b.dyn_into::<HtmlButtonElement>().ok());
            if let Some(b) = &button {
                b.set_disabled(true);
                b.set_text_content(Some(self.lang.t(T::Saving)));
            }
            leptos::task::spawn_local(async move {
                match outcome(post_text(SAVE, body).await) {
                    Ok(SubmitOutcome::Submitted { .. }) | Ok(SubmitOutcome::AlreadySubmitted { .. }) => {
                        (self.navigate)("/feedback?submitted=1");
                        return;
                    }
                    Ok(SubmitOutcome::Saved { at }) => {
                        *self.saved_at.borrow_mut() = Some(at);
                        self.show_status();
                    }
                    Err(e) => self.show_error(Some(&e.to_string())),
                }
                if let Some(b) = &button {
                    b.set_disabled(false);
                    b.set_text_content(Some(self.lang.t(T::FbSubmit)));
                }
            });
        }
    }

    fn outcome(answer: Result<String, AppError>) -> Result<SubmitOutcome, AppError> {
        answer.and_then(|text| serde_json::from_str(&text).map_err(|e| AppError::Transport(e.to_string())))
    }
}
