//! `/reports/:nip`: the competency report of one person in a closed round.
//!
//! The server sends the materialised group means; every derived number (combined score, gap, JPM and its category,
//! blind spots, strongest and weakest items, recommendations) is computed here with `crate::domain::report`, on the
//! server for the first render and in the browser for the what-if, so both always agree. Everything in a chart is
//! also in a table, so the page reads without JavaScript and prints cleanly.

use crate::api::{CompetencyResult, ReportPage, ReportSettings, TrainingInfo};
use crate::api::{plan::*, report::*};
use crate::charts::ChartView;
use crate::charts::report::{RadarLine, gap_chart, heatmap_chart, history_of, radar_chart};
use crate::components::{ErrorNotice, Frame, Loading, tr, use_lang};
use crate::domain::CompetencyKind;
use crate::domain::feedback::RaterGroup;
use crate::domain::report::{self as rep, Combined, JpmProfile, JpmSettings, Perception, Recommendation, Weights};
use crate::i18n::{Lang, T};
use crate::pages::feedback::group_label;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Two decimals with a comma in Indonesian.
pub fn num(x: f64, lang: Lang) -> String {
    let s = format!("{x:.2}");
    if lang == Lang::Id { s.replace('.', ",") } else { s }
}

fn signed(x: f64, lang: Lang) -> String {
    let s = num(x, lang);
    if x > 0.0 { format!("+{s}") } else { s }
}

/// Rupiah with thousands separators.
pub fn rupiah(x: u64) -> String {
    let digits = x.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    format!("Rp{out}")
}

/// One competency with everything derived from it.
#[derive(Clone)]
pub struct Derived {
    pub code: String,
    pub name: String,
    pub required: u8,
    pub kind: CompetencyKind,
    pub means: Vec<(RaterGroup, Option<f64>)>,
    pub combined: Option<Combined>,
    pub others: Option<f64>,
    pub perception: Option<Perception>,
}

/// Derives per-competency rows from a result with the report weights.
pub fn derive(
    competencies: &[CompetencyResult],
    kinds: &[CompetencyKind],
    weights: &Weights,
    en: bool,
) -> Vec<Derived> {
    competencies
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let combined = rep::combine(&c.groups, weights);
            let others = rep::combine(&c.groups, &weights.others()).map(|o| o.score);
            let self_mean = rep::group_mean(&c.groups, RaterGroup::SelfRating);
            Derived {
                code: c.code.clone(),
                name: c.name.get(en).to_string(),
                required: c.required,
                kind: kinds.get(i).copied().unwrap_or(CompetencyKind::Managerial),
                means: RaterGroup::ALL.iter().map(|g| (*g, rep::group_mean(&c.groups, *g))).collect(),
                combined,
                others,
                perception: rep::perception(self_mean, others),
            }
        })
        .collect()
}

fn band_label(profile: JpmProfile, band: rep::JpmBand, lang: Lang) -> &'static str {
    let (id, en) = rep::band_name(profile, band);
    if lang == Lang::En { en } else { id }
}

fn profile_label(profile: JpmProfile) -> &'static str {
    tr(match profile {
        JpmProfile::Selection => T::ProfileSelection,
        JpmProfile::Mapping => T::ProfileMapping,
    })
}

#[component]
pub fn ReportPageView() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || (params.with(|p| p.get("nip").unwrap_or_default()), query.with(|q| q.get("round"))),
        |(nip, round)| load_report(nip, round),
    );
    view! {
        <Title text=format!("{} · Kinerja", tr(T::ReportTitle))/>
        <Frame>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) => view! { <Report page=p/> }.into_any(),
                        Err(e) => view! { <ErrorNotice err=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </Frame>
    }
}

#[component]
fn Report(page: ReportPage) -> impl IntoView {
    let lang = use_lang();
    let en = lang == Lang::En;
    let header = view! {
        <h1>{tr(T::ReportTitle)} ": " {page.name.clone()}</h1>
        <p class="muted">{page.position.clone()} " · " {page.unit.clone()} " · NIP " {page.nip.clone()}</p>
    };
    let Some(data) = page.data.clone() else {
        return view! { {header} <p class="empty">{tr(T::NoClosedRound)}</p> }.into_any();
    };
    let settings = page.settings;
    let rows = derive(&data.competencies, &page.kinds, &settings.weights, en);
    let codes: Vec<String> = rows.iter().map(|r| r.code.clone()).collect();
    let groups_present: Vec<RaterGroup> = data.responses.iter().map(|(g, _, _)| *g).collect();

    // Radar: one line per rater group present, plus the required level.
    let mut lines: Vec<RadarLine> = groups_present
        .iter()
        .map(|g| RadarLine {
            name: group_label(*g).to_string(),
            values: rows.iter().map(|r| r.means.iter().find(|(mg, _)| mg == g).and_then(|(_, m)| *m)).collect(),
        })
        .collect();
    lines.push(RadarLine {
        name: lang.t(T::RequiredLevel).to_string(),
        values: rows.iter().map(|r| (r.required > 0).then_some(f64::from(r.required))).collect(),
    });
    let radar = radar_chart(&codes, &lines, lang);
    let gaps: Vec<Option<f64>> = rows
        .iter()
        .map(|r| r.combined.as_ref().filter(|_| r.required > 0).map(|c| rep::gap(c.score, r.required)))
        .collect();
    let gap = gap_chart(&codes, &gaps, lang);

    // Items: heatmap and strongest/weakest by combined item score.
    let mut item_labels = Vec::new();
    let mut item_values = Vec::new();
    let mut item_scores: Vec<(usize, f64)> = Vec::new();
    for (ci, c) in data.competencies.iter().enumerate() {
        for (ii, groups) in c.items.iter().enumerate() {
            let text = page.items.get(ci).and_then(|l| l.get(ii)).map(|t| t.get(en).to_string()).unwrap_or_default();
            let label = format!("{} #{}", c.code, ii + 1);
            if let Some(s) = rep::combine(groups, &settings.weights) {
                item_scores.push((item_labels.len(), s.score));
            }
            item_values.push(groups_present.iter().map(|g| rep::group_mean(groups, *g)).collect::<Vec<_>>());
            item_labels.push((label, text));
        }
    }
    let heat_groups: Vec<String> = groups_present.iter().map(|g| group_label(*g).to_string()).collect();
    let heat = heatmap_chart(
        &item_labels.iter().map(|(l, _)| l.clone()).collect::<Vec<_>>(),
        &heat_groups,
        &item_values,
        lang,
    );
    let (strongest, weakest) = rep::strongest_weakest(&item_scores, 3);
    let heat_height = (item_labels.len() as u32 * 22 + 130).clamp(260, 900);

    // History.
    let history = history_of(&page.history, &codes, lang);

    let blind: Vec<Derived> = rows.iter().filter(|r| r.perception == Some(Perception::BlindSpot)).cloned().collect();
    let hidden: Vec<Derived> =
        rows.iter().filter(|r| r.perception == Some(Perception::HiddenStrength)).cloned().collect();
    let radar_label = format!(
        "{}: {}",
        lang.t(T::RadarLabel),
        rows.iter()
            .map(|r| format!("{} {}", r.code, r.combined.as_ref().map(|c| num(c.score, lang)).unwrap_or("–".into())))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let gap_label = format!(
        "{}: {}",
        lang.t(T::GapChartLabel),
        codes
            .iter()
            .zip(&gaps)
            .filter_map(|(c, g)| g.map(|g| format!("{c} {}", signed(g, lang))))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let rounds = page.rounds.clone();
    let current_round = page.round_key.clone().unwrap_or_default();
    let nip = page.nip.clone();
    view! {
        {header}
        <form method="get" class="inline-form no-print" action=format!("/reports/{nip}")>
            <label for="round-select">{tr(T::Round)}</label>
            <select id="round-select" name="round">
                {rounds.into_iter().map(|(k, n)| {
                    let selected = k == current_round;
                    view! { <option value=k selected=selected>{n}</option> }
                }).collect_view()}
            </select>
            <button type="submit" class="button secondary">{tr(T::Show)}</button>
            <button type="button" class="button secondary" onclick="document.querySelectorAll('details.how').forEach(d => d.open = true); window.print()">{tr(T::Print)}</button>
        </form>
        <p class="hint">
            {page.round_name.clone()} " · " {format!("{} {}", lang.t(T::AnonymityNote), data.threshold)} " "
            {tr(T::WeightsInUse)} ": " {weights_text(&settings.weights, lang)}
        </p>
        <JpmSummary rows=rows.clone() settings=settings/>
        <section aria-labelledby="profile-h">
            <h2 id="profile-h">{tr(T::ProfileByGroup)}</h2>
            <div class="chart-grid">
                <ChartView id="radar-chart" chart=radar label=radar_label height=420/>
                <ChartView id="gap-chart" chart=gap label=gap_label height=360/>
            </div>
            <ScoreTable rows=rows.clone() groups=groups_present.clone()/>
            <HowComputed rows=rows.clone() settings=settings/>
        </section>
        <section aria-labelledby="perception-h">
            <h2 id="perception-h">{tr(T::BlindSpotsTitle)}</h2>
            <p class="hint">{tr(T::BlindSpotRule)}</p>
            <div class="two-col">
                <PerceptionList title=tr(T::BlindSpots) rows=blind/>
                <PerceptionList title=tr(T::HiddenStrengths) rows=hidden/>
            </div>
        </section>
        <section aria-labelledby="items-h">
            <h2 id="items-h">{tr(T::ItemsTitle)}</h2>
            <ChartView id="heatmap-chart" chart=heat label=lang.t(T::HeatmapLabel).to_string() height=heat_height/>
            <div class="two-col">
                <ItemList title=tr(T::StrongestItems) list=strongest labels=item_labels.clone()/>
                <ItemList title=tr(T::WeakestItems) list=weakest labels=item_labels.clone()/>
            </div>
            <details class="how">
                <summary>{tr(T::ItemTable)}</summary>
                <div class="table-wrap">
                    <table>
                        <caption class="visually-hidden">{tr(T::ItemTable)}</caption>
                        <thead><tr>
                            <th scope="col">{tr(T::Item)}</th>
                            {groups_present.iter().map(|g| view! { <th scope="col" class="num">{group_label(*g)}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {item_labels.iter().zip(&item_values).map(|((l, t), vals)| view! {
                                <tr>
                                    <th scope="row">{l.clone()} " " <span class="muted">{t.clone()}</span></th>
                                    {vals.iter().map(|v| view! {
                                        <td class="num">{v.map(|v| num(v, lang)).unwrap_or_else(|| "–".into())}</td>
                                    }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
        </section>
        <WhatIf page=page.clone() rows=rows.clone()/>
        <section aria-labelledby="comments-h">
            <h2 id="comments-h">{tr(T::Comments)}</h2>
            {data.competencies.iter().filter(|c| !c.comments.is_empty()).map(|c| view! {
                <h3>{c.code.clone()} " " {c.name.get(en).to_string()}</h3>
                {c.comments.iter().map(|(g, list)| view! {
                    <h4>{group_label(*g)}</h4>
                    <ul class="comments">{list.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}</ul>
                }).collect_view()}
            }).collect_view()}
            <p class="hint">{tr(T::CommentsNote)}</p>
        </section>
        <section aria-labelledby="history-h">
            <h2 id="history-h">{tr(T::HistoryTitle)}</h2>
            {if page.history.len() < 2 {
                view! { <p class="empty">{tr(T::HistoryOneRound)}</p> }.into_any()
            } else {
                view! { <ChartView id="history-chart" chart=history label=lang.t(T::HistoryTitle).to_string() height=360/> }.into_any()
            }}
            <HistoryTable history=page.history.clone() codes=codes.clone()/>
        </section>
    }
    .into_any()
}

fn weights_text(w: &Weights, lang: Lang) -> String {
    RaterGroup::ALL
        .iter()
        .filter(|g| w.of(**g) > 0)
        .map(|g| format!("{} {}%", group_label(*g), w.of(*g)))
        .chain((w.self_rating == 0).then(|| lang.t(T::SelfNotCounted).to_string()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Levels for JPM: the combined score per competency, with what-if overrides, against the current position's
/// standard or a target position's level.
fn levels(rows: &[Derived], overrides: &[Option<u8>], target: Option<u8>) -> Vec<(String, Option<f64>, u8)> {
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            let measured = r.combined.as_ref().map(|c| c.score);
            let v = overrides.get(i).copied().flatten().map(f64::from).or(measured);
            (r.code.clone(), v, rep::target_required(r.required, r.kind, target))
        })
        .collect()
}

fn jpm_of(levels: &[(String, Option<f64>, u8)], settings: &JpmSettings) -> Option<rep::Jpm> {
    let l: Vec<(Option<f64>, u8)> = levels.iter().map(|(_, s, r)| (*s, *r)).collect();
    rep::jpm(&l, settings.cap_at_100)
}

#[component]
fn JpmSummary(rows: Vec<Derived>, settings: ReportSettings) -> impl IntoView {
    let lang = use_lang();
    let l = levels(&rows, &[], None);
    let jpm = jpm_of(&l, &settings.jpm);
    let profile = settings.jpm.profile;
    let other = match profile {
        JpmProfile::Selection => JpmProfile::Mapping,
        JpmProfile::Mapping => JpmProfile::Selection,
    };
    match jpm {
        None => view! { <p class="empty">{tr(T::NoJpm)}</p> }.into_any(),
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
            .into_any()
        }
    }
}

#[component]
fn ScoreTable(rows: Vec<Derived>, groups: Vec<RaterGroup>) -> impl IntoView {
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
fn HowComputed(rows: Vec<Derived>, settings: ReportSettings) -> impl IntoView {
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
fn PerceptionList(title: &'static str, rows: Vec<Derived>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div>
            <h3>{title}</h3>
            {if rows.is_empty() {
                view! { <p class="empty">{tr(T::NoneFound)}</p> }.into_any()
            } else {
                view! { <ul>
                    {rows.into_iter().map(|r| {
                        let me = r.means.iter().find(|(g, _)| *g == RaterGroup::SelfRating).and_then(|(_, m)| *m).unwrap_or_default();
                        let others = r.others.unwrap_or_default();
                        view! { <li><strong>{r.code.clone()} " " {r.name.clone()}</strong> ": "
                            {tr(T::GroupSelf)} " " {num(me, lang)} " · " {tr(T::Others)} " " {num(others, lang)}
                            " (" {signed(me - others, lang)} ")"</li> }
                    }).collect_view()}
                </ul> }.into_any()
            }}
        </div>
    }
}

#[component]
fn ItemList(title: &'static str, list: Vec<(usize, f64)>, labels: Vec<(String, String)>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div>
            <h3>{title}</h3>
            {if list.is_empty() {
                view! { <p class="empty">{tr(T::NoneFound)}</p> }.into_any()
            } else {
                view! { <ol>
                    {list.into_iter().map(|(i, s)| {
                        let (l, t) = labels.get(i).cloned().unwrap_or_default();
                        view! { <li><strong>{num(s, lang)}</strong> " · " {l} " " <span class="muted">{t}</span></li> }
                    }).collect_view()}
                </ol> }.into_any()
            }}
        </div>
    }
}

#[component]
fn HistoryTable(history: Vec<crate::api::HistoryPoint>, codes: Vec<String>) -> impl IntoView {
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

/// Recommendations and the what-if: moving a competency to another level recomputes JPM, its category and the
/// recommendations in the browser with the domain code (no server round trip).
#[component]
fn WhatIf(page: ReportPage, rows: Vec<Derived>) -> impl IntoView {
    let lang = use_lang();
    let en = lang == Lang::En;
    let settings = page.settings.jpm;
    let n = rows.len();
    let overrides = RwSignal::new(vec![None::<u8>; n]);
    let rows = StoredValue::new(rows);
    let catalog = StoredValue::new(page.catalog.clone());
    let fits: StoredValue<Vec<rep::TrainingFit>> =
        StoredValue::new(page.catalog.iter().map(TrainingInfo::fit).collect());
    let targets = StoredValue::new(page.targets.clone());
    // The target position type (code); empty = the current position's standard.
    let target = RwSignal::new(String::new());
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
        fits.with_value(|f| rep::recommend(&rep::needs(&l), f))
    });
    let changed = move || overrides.with(|o| o.iter().any(Option::is_some));
    let add = ServerAction::<AddPlanItem>::new();
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
                        <option value=code.clone()>{format!("{label} (level {level})")}</option>
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
                                    <option value=l.to_string()>{format!("{l} · {}", crate::domain::competency::level_name(l).get(en))}</option>
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
                        }.into_any();
                    }
                    view! { <ol class="recs">
                        {list.into_iter().map(|r| {
                            let t = catalog.with_value(|c| c.iter().find(|t| t.code == r.training).cloned());
                            let Some(t) = t else { return ().into_any() };
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
                            }.into_any()
                        }).collect_view()}
                    </ol> }.into_any()
                }}
                {move || add.value().get().and_then(|r| r.err()).map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
            </div>
        </section>
    }
}

/// "Add to plan" for one recommended training, or a note that it is already in the plan.
#[component]
fn AddToPlan(
    code: String,
    competency: String,
    due: String,
    target: RwSignal<String>,
    add: ServerAction<AddPlanItem>,
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

/// The label of a training mode.
pub fn mode_label(mode: &str, lang: Lang) -> &'static str {
    lang.t(match mode {
        "e-learning" => T::ModeElearning,
        "coaching" => T::ModeCoaching,
        "on_the_job" => T::ModeOnTheJob,
        _ => T::ModeClassroom,
    })
}
