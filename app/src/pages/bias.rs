//! `/talent/bias?round=&period=`: rater-bias signals for HR, to inform calibration — for a closed 360° round, the
//! supervisor-raters who lean against the co-raters of their reports or give one answer to every item, the same
//! for peers and subordinates as counts only, and reciprocal rating rings; for a closed SKP period, the supervisors
//! whose predikat differ sharply from the rest of their unit.

//!
//! The page only shows figures and links, so the server draws it ([`part`], a drawn part).

use crate::api::bias::load_bias_part;
use crate::components::{DrawnContent, Frame, tr};
use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
#[cfg(feature = "ssr")]
use {
    crate::api::{BiasPage, PeriodBias, RoundBias},
    crate::components::{Erase, use_lang},
    crate::domain::bias::{Lean, MIN_RATED, MIN_RATEES, Z_SIGNAL},
    crate::i18n::Lang,
    crate::i18n::format::{num, signed},
    crate::pages::skp::period_label,
};

#[component]
pub fn BiasPageView() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || query.with(|q| (q.get("round"), q.get("period"))),
        |(round, period)| {
            // `period` is `<year>-<number>`.
            let (year, number) = period
                .as_deref()
                .and_then(|p| p.split_once('-'))
                .and_then(|(y, n)| Some((y.parse::<i32>().ok()?, n.parse::<u8>().ok()?)))
                .unzip();
            load_bias_part(round, year, number)
        },
    );
    view! {
        <Title text=format!("{} · Kinerja", tr(T::BiasTitle))/>
        <Frame>
            <h1>{tr(T::BiasTitle)}</h1>
            <p class="hint">{tr(T::BiasHint)}</p>
            <p><a href="/talent">{tr(T::TalentTitle)}</a> " · " <a href="/talent/calibrations">{tr(T::CalibrationsTitle)}</a></p>
            <DrawnContent data/>
        </Frame>
    }
}

/// The signals, drawn on the server.
#[cfg(feature = "ssr")]
pub fn part(page: BiasPage) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <Bias page=page/> })
}

#[cfg(feature = "ssr")]
#[component]
fn Bias(page: BiasPage) -> impl IntoView {
    let lang = use_lang();
    let round = page.round.as_ref().map(|r| r.key.clone());
    let period = page.period.as_ref().map(|p| format!("{}-{}", p.period.year, p.period.number));
    let round_options: Vec<(String, String, bool)> =
        page.rounds.iter().map(|(k, n)| (k.clone(), n.clone(), round.as_deref() == Some(k))).collect();
    let period_options: Vec<(String, String, bool)> = page
        .periods
        .iter()
        .map(|p| {
            let v = format!("{}-{}", p.year, p.number);
            let selected = period.as_deref() == Some(v.as_str());
            (v, format!("{} · {}", p.year, period_label(p, lang)), selected)
        })
        .collect();
    let round_view = match page.round.clone() {
        Some(r) => round_section(r, lang).erase(),
        None => view! { <p class="empty">{tr(T::BiasNoRound)}</p> }.erase(),
    };
    let period_view = match page.period.clone() {
        Some(p) => period_section(p, lang).erase(),
        None => view! { <p class="empty">{tr(T::BiasNoPeriod)}</p> }.erase(),
    };
    view! {
        <form method="get" action="/talent/bias" class="row no-print">
            <label>{tr(T::BiasRound)}
                <select name="round">{round_options.into_iter().map(|(k, n, s)| view! {
                    <option value=k selected=s>{n}</option>
                }).collect_view()}</select>
            </label>
            <label>{tr(T::BiasPeriod)}
                <select name="period">{period_options.into_iter().map(|(v, n, s)| view! {
                    <option value=v selected=s>{n}</option>
                }).collect_view()}</select>
            </label>
            <button type="submit" class="button">{tr(T::Show)}</button>
        </form>
        {round_view}
        {period_view}
    }
}

#[cfg(feature = "ssr")]
fn lean_name(l: Lean) -> T {
    match l {
        Lean::Lenient => T::BiasLenient,
        Lean::Strict => T::BiasStrict,
    }
}

#[cfg(feature = "ssr")]
fn round_section(r: RoundBias, lang: Lang) -> impl IntoView {
    let facts = lang.fill(
        T::BiasRoundFacts,
        &[
            ("assessments", &r.assessments),
            ("threshold", &r.threshold),
            ("spread", &r.spread.map(|s| num(s, lang)).unwrap_or_else(|| "—".into())),
        ],
    );
    let rule = lang.fill(T::BiasLeanRule, &[("z", &num(Z_SIGNAL, lang)), ("n", &MIN_RATEES)]);
    let anonymous = match &r.anonymous {
        Some(a) => lang.fill(
            T::BiasAnonymousCounts,
            &[
                ("raters", &a.raters),
                ("lenient", &a.lenient),
                ("strict", &a.strict),
                ("assessments", &a.assessments),
                ("straight", &a.straight),
            ],
        ),
        None => lang.fill(T::BiasAnonymousWithheld, &[("threshold", &r.threshold)]),
    };
    view! {
        <section aria-labelledby="round-bias-h">
            <h2 id="round-bias-h">{lang.fill(T::BiasRoundHeading, &[("name", &r.name)])}</h2>
            <p class="muted">{facts}</p>
            <h3>{tr(T::BiasSupervisorRaters)}</h3>
            <p class="hint">{rule} " " {lang.fill(T::BiasSupervisorsCompared, &[("n", &r.supervisors_compared)])}</p>
            {if r.supervisors.is_empty() {
                view! { <p class="empty">{tr(T::BiasNoSupervisorSignal)}</p> }.erase()
            } else {
                view! { <div class="table-wrap"><table>
                    <caption class="visually-hidden">{tr(T::BiasSupervisorRaters)}</caption>
                    <thead><tr>
                        <th scope="col">{tr(T::Name)}</th>
                        <th scope="col">{tr(T::Unit)}</th>
                        <th scope="col">{tr(T::BiasSignal)}</th>
                        <th scope="col" class="num">{tr(T::BiasDifference)}</th>
                        <th scope="col" class="num">"z"</th>
                        <th scope="col" class="num">{tr(T::BiasRatees)}</th>
                        <th scope="col">{tr(T::BiasStraight)}</th>
                    </tr></thead>
                    <tbody>{r.supervisors.into_iter().map(|s| view! { <tr>
                        <th scope="row"><a href=format!("/employees/{}", s.nip)>{s.name}</a></th>
                        <td>{s.unit_name}</td>
                        <td>{s.lean.map(|l| tr(lean_name(l)))}</td>
                        <td class="num">{s.leniency.map(|l| signed(l.difference, lang))}</td>
                        <td class="num">{s.leniency.map(|l| signed(l.z, lang))}</td>
                        <td class="num">{s.leniency.map(|l| l.ratees)}</td>
                        <td>{(s.straight > 0).then(|| lang.fill(T::BiasStraightOf, &[("n", &s.straight), ("of", &s.submitted)]))}</td>
                    </tr> }).collect_view()}</tbody>
                </table></div> }.erase()
            }}
            <h3>{tr(T::BiasAnonymousRaters)}</h3>
            <p>{anonymous}</p>
            <h3>{tr(T::BiasRings)}</h3>
            <p class="hint">{tr(T::BiasRingsRule)}</p>
            {if r.rings.is_empty() {
                view! { <p class="empty">{tr(T::BiasNoRings)}</p> }.erase()
            } else {
                view! { <div class="table-wrap"><table>
                    <caption class="visually-hidden">{tr(T::BiasRings)}</caption>
                    <thead><tr>
                        <th scope="col">{tr(T::BiasRingSize)}</th>
                        <th scope="col" class="num">{tr(T::BiasRingLift)}</th>
                        <th scope="col">{tr(T::Unit)}</th>
                    </tr></thead>
                    <tbody>{r.rings.into_iter().map(|g| view! { <tr>
                        <th scope="row">{lang.fill(T::BiasRingPeople, &[("n", &g.size)])}</th>
                        <td class="num">{signed(g.lift, lang)}</td>
                        <td>{g.unit_name.unwrap_or_else(|| tr(T::BiasRingUnitHidden).to_string())}</td>
                    </tr> }).collect_view()}</tbody>
                </table></div> }.erase()
            }}
        </section>
    }
}

#[cfg(feature = "ssr")]
fn period_section(p: PeriodBias, lang: Lang) -> impl IntoView {
    let title = format!("{} · {}", p.period.year, period_label(&p.period, lang));
    let rule = lang.fill(T::BiasDivergenceRule, &[("z", &num(Z_SIGNAL, lang)), ("n", &MIN_RATED)]);
    view! {
        <section aria-labelledby="period-bias-h">
            <h2 id="period-bias-h">{lang.fill(T::BiasPeriodHeading, &[("period", &title)])}</h2>
            <p class="hint">{rule} " " {lang.fill(T::BiasSupervisorsCompared, &[("n", &p.compared)])}</p>
            {if p.supervisors.is_empty() {
                view! { <p class="empty">{tr(T::BiasNoDivergence)}</p> }.erase()
            } else {
                view! { <div class="table-wrap"><table>
                    <caption class="visually-hidden">{tr(T::BiasDivergent)}</caption>
                    <thead><tr>
                        <th scope="col">{tr(T::Name)}</th>
                        <th scope="col">{tr(T::BiasComparedUnit)}</th>
                        <th scope="col" class="num">{tr(T::BiasRated)}</th>
                        <th scope="col" class="num">{tr(T::BiasMean)}</th>
                        <th scope="col" class="num">{tr(T::BiasUnitMean)}</th>
                        <th scope="col" class="num">{tr(T::BiasTopShare)}</th>
                        <th scope="col" class="num">"z"</th>
                    </tr></thead>
                    <tbody>{p.supervisors.into_iter().map(|s| {
                        let d = s.divergence;
                        view! { <tr>
                            <th scope="row"><a href=format!("/employees/{}", s.nip)>{s.name}</a></th>
                            <td>{s.unit_name} " (" {d.unit_rated} ")"</td>
                            <td class="num">{d.rated}</td>
                            <td class="num">{num(d.mean, lang)}</td>
                            <td class="num">{num(d.unit_mean, lang)}</td>
                            <td class="num">{num(d.top_share, lang)} " % / " {num(d.unit_top_share, lang)} " %"</td>
                            <td class="num">{signed(d.z, lang)}</td>
                        </tr> }
                    }).collect_view()}</tbody>
                </table></div> }.erase()
            }}
        </section>
    }
}
