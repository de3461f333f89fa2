//! Recommendations and the what-if: moving a competency to another level recomputes JPM, its category and the
//! recommendations in the browser with the domain code (no server round trip).

use super::{Derived, band_label, jpm_of, levels};
use crate::api::plan::*;
use crate::api::{ReportPage, TrainingInfo};
use crate::components::ActionForm;
use crate::components::Erase;
use crate::components::FormAction;
use crate::components::{tr, use_lang};
use crate::domain::report::{self as rep};
use crate::domain::training::{self as tr_rules, Recommendation};
use crate::i18n::format::{num, rupiah, signed};
use crate::i18n::{Lang, T};
use crate::pages::training::mode_label;
use leptos::prelude::*;

/// Recommendations and the what-if: moving a competency to another level recomputes JPM, its category and the
/// recommendations in the browser with the domain code (no server round trip).
/// `target` and `overrides` are what the reader chose before the what-if was live (none on the server).
#[component]
pub(super) fn WhatIf(
    page: ReportPage,
    rows: Vec<Derived>,
    target: String,
    overrides: Vec<Option<u8>>,
) -> impl IntoView {
    let lang = use_lang();
    let en = lang == Lang::En;
    let settings = page.settings.jpm;
    let n = rows.len();
    let chosen = overrides;
    let overrides = RwSignal::new((0..n).map(|i| chosen.get(i).copied().flatten()).collect::<Vec<_>>());
    let rows = StoredValue::new(rows);
    let catalog = StoredValue::new(page.catalog.clone());
    let fits: StoredValue<Vec<tr_rules::TrainingFit>> =
        StoredValue::new(page.catalog.iter().map(TrainingInfo::fit).collect());
    let targets = StoredValue::new(page.targets.clone());
    // The target position type (code); empty = the current position's standard.
    let target = RwSignal::new(target);
    let target_level = move || target.with(|t| targets.with_value(|ts| ts.iter().find(|x| x.0 == *t).map(|x| x.2)));
    let measured = Memo::new(move |_| {
        let t = target_level();
        rows.with_value(|r| jpm_of(&levels(r, &[], t), &settings))
    });
    let current = Memo::new(move |_| {
        let o = overrides.get();
        let t = target_level();
        rows.with_value(|r| jpm_of(&levels(r, &o, t), &settings))
    });
    let recs = Memo::new(move |_| {
        let o = overrides.get();
        let l = rows.with_value(|r| levels(r, &o, target_level()));
        fits.with_value(|f| tr_rules::recommend(&tr_rules::needs(&l), f))
    });
    let changed = move || overrides.with(|o| o.iter().any(Option::is_some));
    let add = FormAction::<AddPlanItem>::new();
    let planned = RwSignal::new(page.planned.clone());
    let last_added = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(Ok(_)) = add.value().get()
            && let Some(code) = last_added.get_untracked()
        {
            planned.update(|p| {
                if !p.contains(&code) {
                    p.push(code)
                }
            });
        }
    });
    let is_self = page.is_self;
    let due = page.default_due.clone();
    view! {
        <section aria-labelledby="whatif-h" class="no-print">
            <h2 id="whatif-h">{tr(T::WhatIfTitle)}</h2>
            <p class="hint">{tr(T::WhatIfHint)}</p>
            <div class="whatif-target">
                <label for="target-select">{tr(T::TargetLabel)}</label>
                <select id="target-select" prop:value=move || target.get()
                    on:change=move |ev| target.set(event_target_value(&ev))>
                    <option value="">{tr(T::TargetCurrent)}</option>
                    {targets.with_value(|ts| ts.iter().map(|(code, label, level)| view! {
                        <option value=code.clone() selected=target.get_untracked() == *code>{format!("{label} (level {level})")}</option>
                    }).collect_view())}
                </select>
                <p class="hint">{tr(T::TargetHint)}</p>
            </div>
            <div class="whatif-grid">
                {rows.with_value(|r| r.iter().enumerate().map(|(i, row)| {
                    let id = format!("whatif-{i}");
                    let measured = row.combined.as_ref().map(|c| num(c.score, lang)).unwrap_or_else(|| "–".into());
                    view! {
                        <div class="whatif-row">
                            <label for=id.clone()>{row.code.clone()} " " {row.name.clone()}
                                <span class="muted">" (" {tr(T::Measured)} " " {measured} ", " {tr(T::RequiredShort)} " " {row.required} ")"</span></label>
                            <select id=id name=format!("level{i}") data-code=row.code.clone()
                                prop:value=move || overrides.with(|o| o[i].map(|l| l.to_string()).unwrap_or_default())
                                on:change=move |ev| {
                                    let v = event_target_value(&ev).parse::<u8>().ok();
                                    overrides.update(|o| o[i] = v);
                                }>
                                <option value="">{tr(T::AsMeasured)}</option>
                                {(1..=5u8).map(|l| view! {
                                    <option value=l.to_string() selected=overrides.with_untracked(|o| o[i] == Some(l))>
                                        {format!("{l} · {}", lang.t(crate::i18n::level_name(l)))}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    }
                }).collect_view())}
            </div>
            <p aria-live="polite" class="whatif-result">
                {move || match current.get() {
                    None => lang.t(T::NoJpm).to_string(),
                    Some(j) => {
                        let band = rep::band(j.percent, settings.bands(settings.profile));
                        let delta = measured.get().map(|m| j.percent - m.percent).unwrap_or_default();
                        format!("{}: JPM {}% · {}{}", lang.t(T::WhatIfResult), num(j.percent, lang), band_label(settings.profile, band, lang),
                            if changed() { format!(" ({} {}%)", lang.t(T::Change), signed(delta, lang)) } else { String::new() })
                    }
                }}
            </p>
            <button type="button" class="button secondary" on:click=move |_| overrides.set(vec![None; n])
                disabled=move || !changed()>{tr(T::ResetWhatIf)}</button>
        </section>
        <section aria-labelledby="recs-h">
            <h2 id="recs-h">{tr(T::RecommendationsTitle)}</h2>
            <p class="hint">{tr(T::RecommendationsHint)}</p>
            <div aria-live="polite">
                {move || {
                    let list: Vec<Recommendation> = recs.get().into_iter().take(8).collect();
                    if list.is_empty() {
                        return view! {
                            <p class="empty">{tr(T::NoRecommendations)}</p>
                            <p class="hint">{tr(T::NoGapsTryTarget)}</p>
                        }.erase();
                    }
                    view! { <ol class="recs">
                        {list.into_iter().map(|r| {
                            let t = catalog.with_value(|c| c.iter().find(|t| t.code == r.training).cloned());
                            let Some(t) = t else { return ().erase() };
                            let code = t.code.clone();
                            let main = r.parts.iter().max_by(|a, b| a.2.total_cmp(&b.2)).map(|p| p.0.clone()).unwrap_or_default();
                            let reason = r.parts.iter().map(|(c, g, closed)| format!(
                                "{c}: {} {} → {} {}", lang.t(T::Gap), signed(*g, lang), lang.t(T::Closes), num(*closed, lang)
                            )).collect::<Vec<_>>().join("; ");
                            let due = due.clone();
                            view! {
                                <li class="rec">
                                    <strong>{t.title.get(en).to_string()}</strong> " "
                                    <span class="muted">{format!("({}, {}, {} JP, {})", t.provider, mode_label(&t.mode, lang), t.jp, rupiah(t.cost))}</span>
                                    <br/><span>{tr(T::Why)} ": " {reason} " · " {tr(T::TotalClosed)} " " {num(r.closes, lang)}</span>
                                    {is_self.then(|| view! { <AddToPlan code=code.clone() competency=main.clone() due=due.clone() target add planned last_added/> })}
                                </li>
                            }.erase()
                        }).collect_view()}
                    </ol> }.erase()
                }}
                {move || add.value().get().and_then(|r| r.err()).map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
            </div>
        </section>
    }
}

/// "Add to plan" for one recommended training, or a note that it is already in the plan.
#[component]
pub(super) fn AddToPlan(
    code: String,
    competency: String,
    due: String,
    target: RwSignal<String>,
    add: FormAction<AddPlanItem>,
    planned: RwSignal<Vec<String>>,
    last_added: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let label = format!("{} {}", lang.t(T::AddToPlan), code);
    let in_plan = {
        let code = code.clone();
        move || planned.with(|p| p.contains(&code))
    };
    let clicked = code.clone();
    view! {
        <Show when=in_plan.clone() fallback=move || {
            let clicked = clicked.clone();
            let due = due.clone();
            let label = label.clone();
            let competency = competency.clone();
            view! {
                <ActionForm action=add attr:class="inline-form">
                    <input type="hidden" name="training" value=clicked.clone()/>
                    <input type="hidden" name="due" value=due/>
                    <input type="hidden" name="competency" value=competency/>
                    <input type="hidden" name="target" prop:value=move || target.get()/>
                    <button type="submit" class="button small" aria-label=label
                        on:click=move |_| last_added.set(Some(clicked.clone()))>{tr(T::AddToPlan)}</button>
                </ActionForm>
            }
        }>
            <span class="badge">{tr(T::InPlan)}</span> " " <a href="/plan">{tr(T::OpenPlan)}</a>
        </Show>
    }
}
