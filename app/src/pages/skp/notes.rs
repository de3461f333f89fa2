//! Continuous feedback on a plan (*umpan balik berkelanjutan*): the supervisor's dated notes on a result row, a
//! behaviour value or the whole plan, newest first, each with its thread of replies; the supervisor's form and a
//! reply form for the employee and the supervisor. Plain forms, so they post without JavaScript too.

use crate::api::skp::{SkpAddNote, SkpReplyNote};
use crate::api::{NoteThread, SkpPage};
use crate::components::Erase;
use crate::components::{tr, use_lang};
use crate::domain::skp::{CoreValue, NoteAbout};
use crate::i18n::{Lang, T, core_value};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

fn about_label(about: &NoteAbout, row_text: &str, lang: Lang) -> String {
    match about {
        NoteAbout::Plan => lang.t(T::SkpNoteAboutPlan).to_string(),
        NoteAbout::Row(_) if row_text.is_empty() => lang.t(T::SkpResult).to_string(),
        NoteAbout::Row(_) => format!("{}: {row_text}", lang.t(T::SkpResult)),
        NoteAbout::Value(v) => lang.t(core_value(*v).0).to_string(),
    }
}

#[component]
pub(super) fn Notes(page: SkpPage) -> impl IntoView {
    let lang = use_lang();
    let (nip, year) = (page.nip.clone(), page.year);
    let rows = page.doc.rows.clone();
    let may_reply = page.may_reply;
    view! {
        <section aria-labelledby="notes-h">
            <h2 id="notes-h">{tr(T::SkpNotes)}</h2>
            <p class="hint">{tr(T::SkpNotesHint)}</p>
            {page.may_note.then(|| view! {
                <form method="post" action=SkpAddNote::PATH class="stack" data-ok=tr(T::SkpNoteSaved)>
                    <input type="hidden" name="nip" value=page.nip.clone()/>
                    <input type="hidden" name="year" value=year/>
                    <label for="note-about">{tr(T::SkpNoteAbout)}</label>
                    <select id="note-about" name="about" required>
                        <option value="plan">{tr(T::SkpNoteAboutPlan)}</option>
                        {rows.iter().map(|r| view! {
                            <option value=NoteAbout::Row(r.key.clone()).code()>{format!("{}: {}", lang.t(T::SkpResult), r.text)}</option>
                        }).collect_view()}
                        {CoreValue::ALL.into_iter().map(|v| view! {
                            <option value=NoteAbout::Value(v).code()>{tr(core_value(v).0)}</option>
                        }).collect_view()}
                    </select>
                    <label for="note-text">{tr(T::SkpNoteLabel)}</label>
                    <textarea id="note-text" name="text" rows="3" required maxlength="2000"></textarea>
                    <button type="submit" class="button secondary">{tr(T::SkpNoteAdd)}</button>
                </form>
            })}
            {if page.notes.is_empty() {
                view! { <p class="empty">{tr(T::SkpNotesNone)}</p> }.erase()
            } else {
                view! { <ol class="notes">{page.notes.into_iter().map(|t| thread(t, &nip, year, may_reply, lang)).collect_view()}</ol> }.erase()
            }}
        </section>
    }
}

fn thread(t: NoteThread, nip: &str, year: i32, may_reply: bool, lang: Lang) -> impl IntoView {
    let reply_id = format!("reply-{}", t.id);
    let reply_for = reply_id.clone();
    let (nip, note) = (nip.to_string(), t.id.clone());
    view! {
        <li class="note">
            <p class="note-about"><strong>{about_label(&t.about, &t.about_text, lang)}</strong></p>
            <p class="prewrap">{t.text.clone()}</p>
            <p class="muted">{lang.fill(T::SkpNoteBy, &[("name", &t.author.1), ("at", &t.created_at)])}</p>
            {(!t.replies.is_empty()).then(|| view! {
                <ol class="replies">{t.replies.iter().map(|r| view! {
                    <li>
                        <p class="prewrap">{r.text.clone()}</p>
                        <p class="muted">{lang.fill(T::SkpNoteBy, &[("name", &r.author.1), ("at", &r.created_at)])}</p>
                    </li>
                }).collect_view()}</ol>
            })}
            {may_reply.then(|| view! {
                <form method="post" action=SkpReplyNote::PATH class="stack" data-ok=tr(T::SkpNoteSaved)>
                    <input type="hidden" name="nip" value=nip/>
                    <input type="hidden" name="year" value=year/>
                    <input type="hidden" name="note" value=note/>
                    <label for=reply_for>{tr(T::SkpNoteReplyLabel)}</label>
                    <textarea id=reply_id name="text" rows="2" required maxlength="2000"></textarea>
                    <button type="submit" class="button small secondary">{tr(T::SkpNoteReply)}</button>
                </form>
            })}
        </li>
    }
}
