//! `/reports/:nip`: the competency report of one person in a closed round.
//!
//! The server sends the materialised group means; every derived number (combined score, gap, JPM and its category,
//! blind spots, strongest and weakest items, recommendations) is computed with `crate::domain::report`, on the
//! server for the report and in the browser for the what-if, so both always agree. Everything in a chart is also in
//! a table, so the page reads without JavaScript and prints cleanly.
//!
//! The report is drawn by the server (`parts`): its figures above the what-if, the what-if itself, the comments and
//! the history below it. The browser carries none of the report's tables and charts and hydrates none of them; the
//! what-if turns live when the reader gets to it, from a part of the wasm of its own ([`Report`]).

// The app's own unit tests build it with neither `ssr` nor `hydrate`: nothing then draws the report or runs the
// what-if.
#![cfg_attr(not(any(feature = "ssr", feature = "hydrate")), allow(dead_code, unused_imports))]

#[cfg(feature = "ssr")]
mod parts;
#[cfg(feature = "ssr")]
mod tables;
mod what_if;

use what_if::WhatIf;

use crate::api::CompetencyResult;
use crate::api::ReportParts;
use crate::api::report::*;
use crate::components::Erase;
use crate::components::{DrawnPartView, ErrorNotice, Frame, Loading, tr, use_lang};
use crate::domain::CompetencyKind;
use crate::domain::feedback::RaterGroup;
use crate::domain::report::{self as rep, Combined, JpmProfile, JpmSettings, Perception, Weights};
use crate::i18n::{Lang, T};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// One competency with everything derived from it (the what-if in the browser reads only its scores and levels).
#[derive(Clone)]
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
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
    lang.t(crate::i18n::band_name(profile, band))
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
pub fn ReportPageView() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || (params.with(|p| p.get("nip").unwrap_or_default()), query.with(|q| q.get("round"))),
        |(nip, round)| load_report_parts(nip, round),
    );
    view! {
        <Title text=format!("{} · Kinerja", tr(T::ReportTitle))/>
        <Frame>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) => view! { <Report parts=p/> }.erase(),
                        Err(e) => view! { <ErrorNotice err=e/> }.erase(),
                    }
                })}
            </Suspense>
        </Frame>
    }
}

/// The server's parts, and between them the what-if: drawn by the server at first (the page reads, prints and
/// works without JavaScript: its recommendations' "add to plan" are plain forms), then — once the reader gets to it
/// (near the screen, or focused) and the browser has loaded its own part of the wasm ([`live_what_if`]) — the live
/// what-if in its place, starting from whatever the reader chose in the drawn one meanwhile, with the focus where
/// it was.
#[component]
fn Report(parts: ReportParts) -> impl IntoView {
    let live = RwSignal::new(None::<ViewFn>);
    let region = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    {
        let report = parts.report.clone();
        Effect::new(move |_| {
            if let Some(region) = region.get() {
                let report = report.clone();
                crate::components::drawn_part::when_needed(&region, move || {
                    leptos::task::spawn_local(async move { live_what_if(report, live).await });
                });
            }
        });
    }
    let drawn = parts.what_if;
    view! {
        <DrawnPartView part=parts.top/>
        <div node_ref=region>
            {move || match live.get() {
                Some(what_if) => what_if.run(),
                None => view! { <DrawnPartView part=drawn.clone()/> }.erase(),
            }}
        </div>
        <DrawnPartView part=parts.bottom/>
    }
}

/// What the reader chose in the drawn what-if before its code arrived: the target position and each competency's
/// level, read from the page.
#[cfg(feature = "hydrate")]
fn chosen_so_far() -> (String, Vec<Option<u8>>) {
    use wasm_bindgen::JsCast;
    let document = gloo::utils::document();
    let value = |id: &str| {
        document.get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok()).map(|s| s.value())
    };
    let target = value("target-select").unwrap_or_default();
    let overrides = (0..).map_while(|i| value(&format!("whatif-{i}"))).map(|v| v.parse().ok()).collect();
    (target, overrides)
}

/// Puts the live what-if of a report (its JSON) in place of the drawn one, starting from what the reader chose in
/// the drawn one while its code loaded, with the focus where it was: its own part of the wasm, with the report's
/// types and the domain's scoring, loaded when the reader gets to the what-if. Nothing for a report without a
/// closed round (no what-if).
#[cfg(feature = "hydrate")]
#[leptos::lazy]
fn live_what_if(report: String, live: RwSignal<Option<ViewFn>>) {
    let Ok(page) = serde_json::from_str::<crate::api::ReportPage>(&report) else { return };
    let Some(competencies) = page.data.as_ref().map(|d| d.competencies.clone()) else { return };
    let (target, overrides) = chosen_so_far();
    let focused = gloo::utils::document()
        .active_element()
        .map(|e| e.id())
        .filter(|id| id == "target-select" || id.starts_with("whatif-"));
    live.set(Some(ViewFn::from(move || {
        let en = use_lang() == Lang::En;
        let rows = derive(&competencies, &page.kinds, &page.settings.weights, en);
        view! { <WhatIf page=page.clone() rows=rows target=target.clone() overrides=overrides.clone()/> }.erase()
    })));
    if let Some(id) = focused {
        crate::components::drawn_part::refocus(id);
    }
}

/// The report drawn for `load_report_parts`.
#[cfg(feature = "ssr")]
pub fn report_parts(report: crate::api::ReportPage) -> ReportParts {
    let (top, bottom) = parts::parts(&report);
    let what_if = crate::components::drawn_part::render({
        let page = report.clone();
        move || match page.data.as_ref() {
            Some(data) => {
                let en = use_lang() == Lang::En;
                let rows = derive(&data.competencies, &page.kinds, &page.settings.weights, en);
                view! { <WhatIf page=page.clone() rows=rows target=String::new() overrides=Vec::new()/> }.erase()
            }
            None => ().erase(),
        }
    });
    let report = serde_json::to_string(&report).unwrap_or_default();
    ReportParts { top, what_if, report, bottom }
}
