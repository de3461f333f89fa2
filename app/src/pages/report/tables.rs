//! The report's tables: the JPM summary, scores per group, how the numbers were computed, blind spots and hidden
//! strengths, strongest and weakest items, and the history across rounds.

use super::parts::{profile_label, weights_text};
use super::{Derived, band_label, jpm_of, levels};
use crate::api::ReportSettings;
use crate::components::Erase;
use crate::components::{tr, use_lang};
use crate::domain::feedback::RaterGroup;
use crate::domain::report::{self as rep, JpmProfile};
use crate::i18n::T;
use crate::i18n::format::{num, signed};
use crate::pages::feedback::group_label;
use leptos::prelude::*;

#[component]
pub(super) fn JpmSummary(rows: Vec<Derived>, settings: ReportSettings) -> impl IntoView {
    let lang = use_lang();
    let l = levels(&rows, &[], None);
    let jpm = jpm_of(&l, &settings.jpm);
    let profile = settings.jpm.profile;
    let other = match profile {
        JpmProfile::Selection => JpmProfile::Mapping,
        JpmProfile::Mapping => JpmProfile::Selection,
    };
    match jpm {
        None => view! { <p class="empty">{tr(T::NoJpm)}</p> }.erase(),
        Some(j) => {
            let band = rep::band(j.percent, settings.jpm.bands(profile));
            let other_band = rep::band(j.percent, settings.jpm.bands(other));
            let (hi, lo) = settings.jpm.bands(profile);
            view! {
                <section class="jpm-card" aria-labelledby="jpm-h">
                    <h2 id="jpm-h">"Job Person Match (JPM)"</h2>
                    <p class="jpm-value"><strong id="jpm-measured">{format!("{}%", num(j.percent, lang))}</strong>
                        " " <span class=format!("badge band-{band:?}").to_lowercase()>{band_label(profile, band, lang)}</span></p>
                    <p class="muted">{profile_label(profile)} " (≥ " {hi} "% · ≥ " {lo} "%). "
                        {profile_label(other)} ": " {band_label(other, other_band, lang)} "."</p>
                    <details class="how">
                        <summary>{tr(T::HowComputed)}</summary>
                        <p>"JPM = Σ " {tr(T::AchievedLevel)} " / Σ " {tr(T::RequiredLevel)} " × 100% = "
                            {num(j.achieved, lang)} " / " {num(j.required, lang)} " × 100% = " {num(j.raw, lang)} "%"
                            {(settings.jpm.cap_at_100 && j.raw > 100.0).then(|| format!(" → {}", lang.t(T::CappedAt100)))}</p>
                        <p>{tr(T::JpmCounted)} ": " {j.counted}
                            {(j.unscored > 0).then(|| format!(" · {}: {}", lang.t(T::JpmUnscored), j.unscored))}</p>
                        <p>{tr(T::JpmBandsRule)} " " {profile_label(profile)} ": "
                            {band_label(profile, rep::JpmBand::High, lang)} " ≥ " {hi} "%, "
                            {band_label(profile, rep::JpmBand::Middle, lang)} " " {lo} "–" {hi} "%, "
                            {band_label(profile, rep::JpmBand::Low, lang)} " < " {lo} "%."</p>
                    </details>
                </section>
            }
            .erase()
        }
    }
}

#[component]
pub(super) fn ScoreTable(rows: Vec<Derived>, groups: Vec<RaterGroup>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="table-wrap">
            <table class="score-table">
                <caption>{tr(T::ScoresByGroup)}</caption>
                <thead><tr>
                    <th scope="col">{tr(T::Competency)}</th>
                    {groups.iter().map(|g| view! { <th scope="col" class="num">{group_label(*g)}</th> }).collect_view()}
                    <th scope="col" class="num">{tr(T::CombinedScore)}</th>
                    <th scope="col" class="num">{tr(T::RequiredLevel)}</th>
                    <th scope="col" class="num">{tr(T::Gap)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let gap = r.combined.as_ref().filter(|_| r.required > 0).map(|c| rep::gap(c.score, r.required));
                        view! { <tr>
                            <th scope="row">{r.code.clone()} " " {r.name.clone()}</th>
                            {groups.iter().map(|g| {
                                let m = r.means.iter().find(|(mg, _)| mg == g).and_then(|(_, m)| *m);
                                view! { <td class="num">{m.map(|m| num(m, lang)).unwrap_or_else(|| lang.t(T::WithheldShort).to_string())}</td> }
                            }).collect_view()}
                            <td class="num"><strong>{r.combined.as_ref().map(|c| num(c.score, lang)).unwrap_or_else(|| "–".into())}</strong></td>
                            <td class="num">{if r.required > 0 { r.required.to_string() } else { "–".into() }}</td>
                            <td class=move || if gap.is_some_and(|g| g < 0.0) { "num negative" } else { "num" }>
                                {gap.map(|g| signed(g, lang)).unwrap_or_else(|| "–".into())}</td>
                        </tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <p class="hint">{tr(T::WithheldShortNote)}</p>
    }
}

#[component]
pub(super) fn HowComputed(rows: Vec<Derived>, settings: ReportSettings) -> impl IntoView {
    let lang = use_lang();
    view! {
        <details class="how">
            <summary>{tr(T::HowComputed)} ": " {tr(T::CombinedScore)} ", " {tr(T::Gap)}</summary>
            <p>{tr(T::CombinedRule)} " " {weights_text(&settings.weights, lang)}.</p>
            <ul>
                {rows.into_iter().map(|r| {
                    let formula = match &r.combined {
                        None => lang.t(T::NoCombined).to_string(),
                        Some(c) => {
                            let num_part = c.parts.iter().map(|p| format!("{}×{}", num(p.mean, lang), p.weight)).collect::<Vec<_>>().join(" + ");
                            let den = c.parts.iter().map(|p| p.weight.to_string()).collect::<Vec<_>>().join(" + ");
                            let groups = c.parts.iter().map(|p| group_label(p.group)).collect::<Vec<_>>().join(", ");
                            let gap = if r.required > 0 {
                                format!("; {} = {} − {} = {}", lang.t(T::Gap), num(c.score, lang), r.required, signed(rep::gap(c.score, r.required), lang))
                            } else { String::new() };
                            format!("({num_part}) / ({den}) = {} [{groups}]{gap}", num(c.score, lang))
                        }
                    };
                    view! { <li><strong>{r.code.clone()}</strong> ": " {formula}</li> }
                }).collect_view()}
            </ul>
        </details>
    }
}

#[component]
pub(super) fn PerceptionList(title: &'static str, rows: Vec<Derived>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div>
            <h3>{title}</h3>
            {if rows.is_empty() {
                view! { <p class="empty">{tr(T::NoneFound)}</p> }.erase()
            } else {
                view! { <ul>
                    {rows.into_iter().map(|r| {
                        let me = r.means.iter().find(|(g, _)| *g == RaterGroup::SelfRating).and_then(|(_, m)| *m).unwrap_or_default();
                        let others = r.others.unwrap_or_default();
                        view! { <li><strong>{r.code.clone()} " " {r.name.clone()}</strong> ": "
                            {tr(T::GroupSelf)} " " {num(me, lang)} " · " {tr(T::Others)} " " {num(others, lang)}
                            " (" {signed(me - others, lang)} ")"</li> }
                    }).collect_view()}
                </ul> }.erase()
            }}
        </div>
    }
}

#[component]
pub(super) fn ItemList(title: &'static str, list: Vec<(usize, f64)>, labels: Vec<(String, String)>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div>
            <h3>{title}</h3>
            {if list.is_empty() {
                view! { <p class="empty">{tr(T::NoneFound)}</p> }.erase()
            } else {
                view! { <ol>
                    {list.into_iter().map(|(i, s)| {
                        let (l, t) = labels.get(i).cloned().unwrap_or_default();
                        view! { <li><strong>{num(s, lang)}</strong> " · " {l} " " <span class="muted">{t}</span></li> }
                    }).collect_view()}
                </ol> }.erase()
            }}
        </div>
    }
}

#[component]
pub(super) fn HistoryTable(history: Vec<crate::api::HistoryPoint>, codes: Vec<String>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="table-wrap">
            <table>
                <caption class="visually-hidden">{tr(T::HistoryTitle)}</caption>
                <thead><tr>
                    <th scope="col">{tr(T::Round)}</th>
                    {codes.iter().map(|c| view! { <th scope="col" class="num">{c.clone()}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {history.into_iter().map(|h| view! { <tr>
                        <th scope="row">{h.round_name.clone()}</th>
                        {codes.iter().map(|c| {
                            let v = h.scores.iter().find(|(hc, _)| hc == c).and_then(|(_, s)| *s);
                            view! { <td class="num">{v.map(|v| num(v, lang)).unwrap_or_else(|| "–".into())}</td> }
                        }).collect_view()}
                    </tr> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
