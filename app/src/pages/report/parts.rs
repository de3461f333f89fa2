//! The report's figures, tables and charts, drawn on the server into the page's two drawn parts (see the page's
//! module).

use super::tables::{HistoryTable, HowComputed, ItemList, JpmSummary, PerceptionList, ScoreTable};
use super::{Derived, derive};
use crate::api::DrawnPart;
use crate::api::ReportPage;
use crate::charts::report::RadarLine;
use crate::charts::{ChartSpec, ChartView};
use crate::components::Erase;
use crate::components::drawn_part::render;
use crate::components::{tr, use_lang};
use crate::domain::feedback::RaterGroup;
use crate::domain::report::{self as rep, JpmProfile, Perception, Weights};
use crate::i18n::format::{num, signed};
use crate::i18n::{Lang, T};
use crate::pages::feedback::{ResultComments, group_label};
use leptos::prelude::*;

/// The report's parts around the what-if: its figures, tables and charts above it, the comments and the history
/// below it (the page without a closed round: the note above, nothing below).
pub(super) fn parts(page: &ReportPage) -> (DrawnPart, DrawnPart) {
    let top = render({
        let page = page.clone();
        move || top(page)
    });
    let bottom = render({
        let page = page.clone();
        move || bottom(page)
    });
    (top, bottom)
}

fn top(page: ReportPage) -> AnyView {
    let lang = use_lang();
    let en = lang == Lang::En;
    let header = view! {
        <h1>{tr(T::ReportTitle)} ": " {page.name.clone()}</h1>
        <p class="muted">{page.position.clone()} " · " {page.unit.clone()} " · NIP " {page.nip.clone()}</p>
    };
    let Some(data) = page.data.clone() else {
        return view! { {header} <p class="empty">{tr(T::NoClosedRound)}</p> }.erase();
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
    let radar = ChartSpec::Radar { codes: codes.clone(), lines };
    let gaps: Vec<Option<f64>> = rows
        .iter()
        .map(|r| r.combined.as_ref().filter(|_| r.required > 0).map(|c| rep::gap(c.score, r.required)))
        .collect();
    let gap = ChartSpec::Gap { codes: codes.clone(), gaps: gaps.clone() };

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
    let heat = ChartSpec::ItemHeatmap {
        items: item_labels.iter().map(|(l, _)| l.clone()).collect(),
        groups: heat_groups,
        values: item_values.clone(),
    };
    let (strongest, weakest) = rep::strongest_weakest(&item_scores, 3);
    let heat_height = (item_labels.len() as u32 * 22 + 130).clamp(260, 900);

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
            <button type="button" class="button secondary" data-print="">{tr(T::Print)}</button>
        </form>
        <p class="hint">
            {page.round_name.clone()} " · " {lang.fill(T::AnonymityNote, &[("n", &data.threshold)])} " "
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
    }
    .erase()
}

fn bottom(page: ReportPage) -> AnyView {
    let lang = use_lang();
    let Some(data) = page.data.clone() else { return ().erase() };
    let codes: Vec<String> = data.competencies.iter().map(|c| c.code.clone()).collect();
    let history = ChartSpec::History { history: page.history.clone(), codes: codes.clone() };
    view! {
        <ResultComments competencies=data.competencies.clone()/>
        <section aria-labelledby="history-h">
            <h2 id="history-h">{tr(T::HistoryTitle)}</h2>
            {if page.history.len() < 2 {
                view! { <p class="empty">{tr(T::HistoryOneRound)}</p> }.erase()
            } else {
                view! { <ChartView id="history-chart" chart=history label=lang.t(T::HistoryTitle).to_string() height=360/> }.erase()
            }}
            <HistoryTable history=page.history.clone() codes=codes.clone()/>
        </section>
    }
    .erase()
}

pub(super) fn profile_label(profile: JpmProfile) -> &'static str {
    tr(match profile {
        JpmProfile::Selection => T::ProfileSelection,
        JpmProfile::Mapping => T::ProfileMapping,
    })
}

pub(super) fn weights_text(w: &Weights, lang: Lang) -> String {
    RaterGroup::ALL
        .iter()
        .filter(|g| w.of(**g) > 0)
        .map(|g| format!("{} {}%", group_label(*g), w.of(*g)))
        .chain((w.self_rating == 0).then(|| lang.t(T::SelfNotCounted).to_string()))
        .collect::<Vec<_>>()
        .join(", ")
}
