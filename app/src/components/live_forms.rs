//! The forms of a drawn part at work in the browser (`components::drawn_part`). The server draws them as plain
//! `<form method="post">` to a server function, which work without JavaScript (the function redirects back). With
//! it, a submission is sent in the background ([`post_text`], the same request path as every `ActionForm`); on
//! success the page fetches the part again and it is drawn anew, on failure the error is shown in the form and
//! nothing else changes. Nothing typed is lost on the way: what was typed in the part's other forms is carried into
//! the new drawing, and so is the focus, and an editor (`<details id>`) the person had opened stays open. A form is
//! known by its action and hidden fields (the row it belongs to), so a form that goes away with its success moves
//! nothing typed into another row. The form's `data-ok` text is announced (and shown under the form) when it
//! succeeds, with what the server answered when the form is marked `data-answer`; a button's `data-busy` text
//! replaces its own while the form is sent. A success that leads to another page (the function redirects) carries
//! nothing there. No code of any page is involved: this is all the code a drawn page's forms need.

use crate::components::action_form::{form_request, post_text};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::wasm_bindgen::closure::Closure;
use leptos::web_sys::{
    Element, HtmlButtonElement, HtmlFormElement, HtmlInputElement, HtmlOptionElement, HtmlSelectElement,
    HtmlTextAreaElement, SubmitEvent,
};
use std::cell::RefCell;

/// A form of a part: its action with its hidden fields (which row of a table it belongs to), and its position among
/// the part's forms with the same. A form that goes away with a success (a row decided) moves none of the others.
type FormId = (String, u32);

/// A field whose value differs from what the server drew.
struct Typed {
    form: FormId,
    name: String,
    /// For a radio button or a checkbox: which one, and whether it is ticked.
    choice: Option<(String, bool)>,
    value: String,
}

/// What the next drawing of the part takes over from the last.
struct Carry {
    typed: Vec<Typed>,
    /// The form's success note, and what the server answered when the form shows it (`data-answer`).
    ok: Option<(FormId, String, Option<String>)>,
    focus: Option<String>,
    /// The `id`s of the part's open `<details>` (an editor the person had opened stays open).
    open: Vec<String>,
    /// The page's address when the form was sent: a success that leads to another page (a new cohort opens) carries
    /// nothing there.
    at: String,
}

fn address() -> String {
    gloo::utils::window().location().href().unwrap_or_default()
}

thread_local! {
    static CARRY: RefCell<Option<Carry>> = const { RefCell::new(None) };
}

/// Makes the POST forms of the drawn part `root` post in the background; a success counts in `changed`.
/// Called whenever the part has been drawn: a new drawing often reuses the element with new content (the listener
/// stays), so what to carry over is taken first.
pub fn attach(root: &Element, changed: RwSignal<usize>) {
    if let Some(carry) = CARRY.with(|c| c.borrow_mut().take())
        && carry.at == address()
    {
        carry_over(root, carry);
    }
    if root.has_attribute("data-live") {
        return;
    }
    let _ = root.set_attribute("data-live", "");
    let part = root.clone();
    let on_submit = Closure::<dyn FnMut(SubmitEvent)>::new(move |ev: SubmitEvent| {
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else { return };
        let action = form.get_attribute("action").unwrap_or_default();
        if ev.default_prevented()
            || !action.starts_with("/api/")
            || form.method() != "post"
            || form.enctype() == "multipart/form-data"
        {
            return;
        }
        ev.prevent_default();
        let Some(body) = form_request(&ev) else { return };
        let id = form_id(&part, &form);
        let at = address();
        busy(&form, true);
        let part = part.clone();
        leptos::task::spawn_local(async move {
            match post_text(&action, body).await {
                Ok(text) => {
                    let ok = form.get_attribute("data-ok");
                    let answer = form
                        .has_attribute("data-answer")
                        .then(|| serde_json::from_str::<String>(&text).unwrap_or(text));
                    announce(&part, ok.as_deref().unwrap_or_default());
                    let focus = gloo::utils::document().active_element().map(|e| e.id()).filter(|id| !id.is_empty());
                    let open = all(&part, "details[open][id]").iter().map(Element::id).collect();
                    let carry = Carry { typed: typed(&part, &form), ok: ok.map(|t| (id, t, answer)), focus, open, at };
                    CARRY.with(|c| *c.borrow_mut() = Some(carry));
                    changed.update(|n| *n += 1);
                }
                Err(e) => {
                    busy(&form, false);
                    show_error(&form, Some(&e.to_string()));
                }
            }
        });
    });
    let _ = root.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
    // Lives as long as the part's element: one closure per drawing.
    on_submit.forget();
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    root.query_selector_all(selector)
        .map(|list| (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect())
        .unwrap_or_default()
}

/// A form's action and the hidden fields as drawn.
fn form_key(form: &Element) -> String {
    let mut key = form.get_attribute("action").unwrap_or_default();
    for hidden in all(form, "input[type=hidden]") {
        let attr = |a: &str| hidden.get_attribute(a).unwrap_or_default();
        key.push_str(&format!("&{}={}", attr("name"), attr("value")));
    }
    key
}

fn form_id(root: &Element, form: &HtmlFormElement) -> FormId {
    let key = form_key(form);
    let same = all(root, "form").into_iter().filter(|f| form_key(f) == key);
    let index = same.take_while(|f| !f.is_same_node(Some(form))).count();
    (key, index as u32)
}

fn find_form(root: &Element, (key, index): &FormId) -> Option<Element> {
    all(root, "form").into_iter().filter(|f| form_key(f) == *key).nth(*index as usize)
}

/// The fields of the part's forms, but `except`, that differ from what the server drew.
fn typed(root: &Element, except: &HtmlFormElement) -> Vec<Typed> {
    let mut out = Vec::new();
    for form in all(root, "form").into_iter().filter(|f| !f.is_same_node(Some(except))) {
        let Some(html_form) = form.dyn_ref::<HtmlFormElement>() else { continue };
        let id = form_id(root, html_form);
        for field in all(&form, "input, textarea, select") {
            let name = field.get_attribute("name").unwrap_or_default();
            if name.is_empty() {
                continue;
            }
            let entry = |choice, value| Typed { form: id.clone(), name: name.clone(), choice, value };
            if let Some(input) = field.dyn_ref::<HtmlInputElement>() {
                match input.type_().as_str() {
                    "radio" | "checkbox" if input.checked() != input.default_checked() => {
                        out.push(entry(Some((input.value(), input.checked())), String::new()))
                    }
                    "radio" | "checkbox" | "hidden" | "submit" | "button" | "file" => {}
                    _ if input.value() != input.default_value() => out.push(entry(None, input.value())),
                    _ => {}
                }
            } else if let Some(text) = field.dyn_ref::<HtmlTextAreaElement>() {
                if text.default_value().is_ok_and(|d| d != text.value()) {
                    out.push(entry(None, text.value()));
                }
            } else if let Some(select) = field.dyn_ref::<HtmlSelectElement>() {
                let changed = all(select, "option")
                    .iter()
                    .filter_map(|o| o.dyn_ref::<HtmlOptionElement>())
                    .any(|o| o.selected() != o.default_selected());
                if changed {
                    out.push(entry(None, select.value()));
                }
            }
        }
    }
    out
}

/// Takes over into the new drawing what was typed, the success note and the focus.
fn carry_over(root: &Element, carry: Carry) {
    let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    for id in carry.open {
        if let Ok(Some(details)) = root.query_selector(&format!("details[id=\"{}\"]", quote(&id))) {
            let _ = details.set_attribute("open", "");
        }
    }
    for t in carry.typed {
        let Some(form) = find_form(root, &t.form) else { continue };
        let selector = match &t.choice {
            Some((value, _)) => format!("[name=\"{}\"][value=\"{}\"]", quote(&t.name), quote(value)),
            None => format!("[name=\"{}\"]", quote(&t.name)),
        };
        let Ok(Some(field)) = form.query_selector(&selector) else { continue };
        if let Some(input) = field.dyn_ref::<HtmlInputElement>() {
            match t.choice {
                Some((_, on)) => input.set_checked(on),
                None => input.set_value(&t.value),
            }
        } else if let Some(text) = field.dyn_ref::<HtmlTextAreaElement>() {
            text.set_value(&t.value);
        } else if let Some(select) = field.dyn_ref::<HtmlSelectElement>() {
            select.set_value(&t.value);
        }
    }
    if let Some((id, text, answer)) = carry.ok
        && let Some(form) = find_form(root, &id)
        && let Ok(p) = gloo::utils::document().create_element("p")
    {
        p.set_class_name("form-ok");
        p.set_text_content(Some(&text));
        if let Some(answer) = answer
            && let Ok(code) = gloo::utils::document().create_element("code")
        {
            code.set_class_name("link-to-copy");
            code.set_text_content(Some(&answer));
            let _ = p.append_with_str_1(" ");
            let _ = p.append_child(&code);
        }
        let _ = form.append_child(&p);
    }
    if let Some(id) = carry.focus
        && let Ok(Some(e)) = root.query_selector(&format!("[id=\"{}\"]", quote(&id)))
        && let Some(e) = e.dyn_ref::<leptos::web_sys::HtmlElement>()
    {
        let _ = e.focus();
    }
}

/// Marks a form as sent (or no longer): its buttons disabled, and a button's `data-busy` text ("Closing…") shown
/// in its place while long work runs.
fn busy(form: &HtmlFormElement, on: bool) {
    let _ = if on { form.set_attribute("aria-busy", "true") } else { form.remove_attribute("aria-busy") };
    for b in all(form, "button") {
        if let Some(b) = b.dyn_ref::<HtmlButtonElement>() {
            b.set_disabled(on);
        }
        match (on, b.get_attribute("data-busy"), b.get_attribute("data-idle")) {
            (true, Some(text), _) => {
                let _ = b.set_attribute("data-idle", &b.text_content().unwrap_or_default());
                b.set_text_content(Some(&text));
            }
            (false, _, Some(text)) => b.set_text_content(Some(&text)),
            _ => {}
        }
    }
}

/// Shows `text` as the form's error — its own alert, or one added at its end — or, with `None`, hides it.
pub(crate) fn show_error(form: &Element, text: Option<&str>) {
    let alert = form.query_selector("p.form-error[role=alert]").ok().flatten().or_else(|| {
        let p = gloo::utils::document().create_element("p").ok()?;
        p.set_class_name("form-error");
        let _ = p.set_attribute("role", "alert");
        form.append_child(&p).ok()?;
        Some(p)
    });
    if let Some(p) = alert {
        p.set_text_content(text);
        let _ = if text.is_some() { p.remove_attribute("hidden") } else { p.set_attribute("hidden", "") };
    }
}

/// Says `text` in the page's live region for its drawn content (it outlives the drawings).
/// The region is emptied first and written a moment later, so that the same text twice (saved, saved again) is
/// announced twice.
fn announce(root: &Element, text: &str) {
    let region =
        root.closest(".drawn-content").ok().flatten().and_then(|c| c.query_selector("p.live-notice").ok().flatten());
    if let Some(p) = region {
        p.set_text_content(None);
        let text = text.to_string();
        gloo::timers::callback::Timeout::new(100, move || p.set_text_content(Some(&text))).forget();
    }
}
