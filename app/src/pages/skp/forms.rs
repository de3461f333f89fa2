//! The work plan's forms: a new result row with its first indicator, another indicator for a row, and the
//! supervisor's decision. Plain HTML forms with labels, so they work without JavaScript and with a screen reader.

use super::aspect_label;
use crate::api::skp::{SkpAddIndicator, SkpAddRow, SkpDecide};
use crate::components::tr;
use crate::domain::skp::{Aspect, ResultRow, RowKind, Target};
use crate::i18n::T;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

fn target_kind_label(kind: &str) -> &'static str {
    tr(match kind {
        "percent" => T::TargetPercent,
        "date" => T::TargetDate,
        "text" => T::TargetText,
        _ => T::TargetNumber,
    })
}

/// The fields of one indicator (aspect, text, target), shared by both forms.
#[component]
fn IndicatorFields(prefix: String) -> impl IntoView {
    let id = |name: &str| format!("{prefix}-indicator-{name}");
    view! {
        <div class="row">
            <label for=id("aspect")>{tr(T::SkpAspect)}</label>
            <select id=id("aspect") name="aspect">
                {Aspect::ALL.into_iter().map(|a| view! { <option value=a.code()>{aspect_label(a)}</option> }).collect_view()}
            </select>
            <label for=id("text")>{tr(T::SkpIndicator)}</label>
            <input id=id("text") type="text" name="indicator_text" required maxlength="200"/>
        </div>
        <div class="row">
            <label for=id("kind")>{tr(T::SkpTargetKind)}</label>
            <select id=id("kind") name="target_kind">
                {Target::KINDS.into_iter().map(|k| view! { <option value=k>{target_kind_label(k)}</option> }).collect_view()}
            </select>
            <label for=id("value")>{tr(T::SkpTargetValue)}</label>
            <input id=id("value") type="text" name="target_value" required maxlength="2000"/>
            <label for=id("unit")>{tr(T::SkpUnit)}</label>
            <input id=id("unit") type="text" name="target_unit" maxlength="40"/>
        </div>
    }
}

#[component]
pub(super) fn AddRowForm(year: i32, supervisor_rows: Vec<ResultRow>) -> impl IntoView {
    view! {
        <section aria-labelledby="add-row-h">
            <h2 id="add-row-h">{tr(T::SkpAddRow)}</h2>
            <form method="post" action=SkpAddRow::PATH class="stack" data-ok=tr(T::SkpSaved)>
                <input type="hidden" name="year" value=year/>
                <div class="row">
                    <label for="row-kind">{tr(T::SkpKind)}</label>
                    <select id="row-kind" name="kind">
                        <option value=RowKind::Utama.code()>{tr(T::SkpMain)}</option>
                        <option value=RowKind::Tambahan.code()>{tr(T::SkpAdditional)}</option>
                    </select>
                </div>
                <label for="row-text">{tr(T::SkpResult)}</label>
                <input id="row-text" type="text" name="text" required maxlength="200"/>
                <label for="row-supports">{tr(T::SkpSupports)}</label>
                <select id="row-supports" name="supports">
                    <option value="">{tr(T::SkpNoLink)}</option>
                    {supervisor_rows.into_iter().map(|r| view! { <option value=r.key>{r.text}</option> }).collect_view()}
                </select>
                <IndicatorFields prefix="row".to_string()/>
                <button type="submit" class="button">{tr(T::SkpAddRow)}</button>
            </form>
        </section>
    }
}

#[component]
pub(super) fn AddIndicatorForm(year: i32, row: String) -> impl IntoView {
    let prefix = format!("ind-{row}");
    let details_id = format!("{prefix}-more");
    view! {
        <details id=details_id>
            <summary>{tr(T::SkpAddIndicator)}</summary>
            <form method="post" action=SkpAddIndicator::PATH class="stack" data-ok=tr(T::SkpSaved)>
                <input type="hidden" name="year" value=year/>
                <input type="hidden" name="row" value=row/>
                <IndicatorFields prefix/>
                <button type="submit" class="button small">{tr(T::SkpAddIndicator)}</button>
            </form>
        </details>
    }
}

#[component]
pub(super) fn DecideForm(nip: String, year: i32) -> impl IntoView {
    view! {
        <section aria-labelledby="decide-h">
            <h2 id="decide-h">{tr(T::SkpApprove)} " / " {tr(T::SkpReturn)}</h2>
            <form method="post" action=SkpDecide::PATH class="stack" data-ok=tr(T::SkpSaved)>
                <input type="hidden" name="nip" value=nip/>
                <input type="hidden" name="year" value=year/>
                <label for="decide-comment">{tr(T::SkpComment)}</label>
                <textarea id="decide-comment" name="comment" rows="3" maxlength="2000"></textarea>
                <div class="row">
                    <button type="submit" name="decision" value="approve" class="button">{tr(T::SkpApprove)}</button>
                    <button type="submit" name="decision" value="return" class="button secondary">{tr(T::SkpReturn)}</button>
                </div>
            </form>
        </section>
    }
}
