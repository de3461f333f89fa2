//! `/talent?unit=&kind=&rank=&box=`: the talent matrix (9-box) of the viewer's scope — everyone (or one unit) for HR and the head,
//! the subtree for a supervisor — as a grid of counts, the people of a chosen box with both axes' inputs, the people
//! who cannot be placed yet and what they lack, and HR's settings.
//!
//! The server draws the page ([`part`], a drawn part): the grid, the lists and the chart are figures and links, the
//! filter is a GET form and HR's settings a form that posts in the background (`components::live_forms`).

use crate::api::talent::load_talent_part;
use crate::components::{Frame, LiveDrawnContent, query_notice, tr};
use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
#[cfg(feature = "ssr")]
use {
    crate::api::talent::SaveTalentSettings,
    crate::api::{PersonTalent, TalentPerson},
    crate::api::{TalentFilter, TalentMissing, TalentPage},
    crate::charts::{ChartSpec, ChartView, talent::nine_box_cells},
    crate::components::{Erase, use_lang},
    crate::domain::discipline::PenaltyLevel,
    crate::domain::skp::Rating,
    crate::domain::talent::{GRID, PotentialBand, TalentSettings, in_succession_pool},
    crate::domain::talent::{PotentialWeights, follow_up},
    crate::domain::{PositionKind, Rank},
    crate::i18n::format::num,
    crate::i18n::{Lang, follow_up_name, penalty_level_name, potential_name, predikat_name, rating_name},
    crate::pages::widgets::UnitSelect,
    leptos::server_fn::ServerFn,
};

mod calibration;
pub use calibration::{CalibrationPageView, CalibrationsPageView};
#[cfg(feature = "ssr")]
pub(crate) use calibration::{calibrations_part, part as calibration_part};

#[component]
pub fn TalentPageView() -> impl IntoView {
    let query = use_query_map();
    let changed = RwSignal::new(0);
    let data = Resource::new(
        move || {
            (
                query.with(|q| (q.get("unit"), q.get("kind"), q.get("rank"))),
                query.with(|q| q.get("box").and_then(|b| b.parse::<u8>().ok())),
                changed.get(),
            )
        },
        |((unit, kind, rank), selected, _)| load_talent_part(unit, kind, rank, selected),
    );
    view! {
        <Title text=format!("{} · Kinerja", tr(T::TalentTitle))/>
        <Frame>
            <h1>{tr(T::TalentTitle)}</h1>
            {query_notice(T::TalentSettingsSaved)}
            <p class="hint">{tr(T::TalentHint)}</p>
            <LiveDrawnContent data changed/>
        </Frame>
    }
}

/// The matrix, drawn on the server.
#[cfg(feature = "ssr")]
pub fn part(page: TalentPage) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <Talent page=page/> })
}

#[cfg(feature = "ssr")]
#[component]
fn Talent(page: TalentPage) -> impl IntoView {
    let lang = use_lang();
    let filter = page.filter.clone();
    let total: u32 = page.counts.iter().sum();
    let years = page.years.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    let rows = [Rating::Above, Rating::Meets, Rating::Below];
    view! {
        <form method="get" action="/talent" class="row no-print">
            {(!page.units.is_empty()).then(|| view! { <UnitSelect units=page.units.clone() selected=page.filter.unit.clone()/> })}
            <label>{tr(T::TalentKindLabel)}
                <select name="kind">
                    <option value="">{tr(T::TalentKindAll)}</option>
                    {PositionKind::ALL.into_iter().map(|k| view! {
                        <option value=k.code() selected=page.filter.kind == Some(k)>{k.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{tr(T::TalentRankLabel)}
                <select name="rank">
                    <option value="">{tr(T::TalentRankAll)}</option>
                    {Rank::ALL.into_iter().map(|r| view! {
                        <option value=r.code() selected=page.filter.min_rank == Some(r)>{r.code()}</option>
                    }).collect_view()}
                </select>
            </label>
            <button type="submit" class="button">{tr(T::Show)}</button>
        </form>
        {page.may_calibrate.then(|| view! { <p><a href="/talent/calibrations">{tr(T::CalibrationsTitle)}</a>
            {page.may_configure.then(|| view! { " · " <a href="/talent/bias">{tr(T::BiasTitle)}</a> })}</p> })}
        <p class="no-print">
            <a href=page.filter.href(None).replacen("/talent", "/talent.csv", 1) rel="external" download="">{tr(T::TalentDownload)}</a> " · "
            <a href=page.filter.href(None).replacen("/talent", "/talent.xlsx", 1) rel="external" download="">{tr(T::DownloadXlsx)}</a>
        </p>
        <p class="muted">{tr(T::Scope)} ": " {page.scope_name.clone()} " · "
            {tr(T::TalentYears)} ": " {if years.is_empty() { tr(T::TalentNoYears).to_string() } else { years.clone() }} " · "
            {tr(T::TalentRound)} ": " {page.round_name.clone().unwrap_or_else(|| tr(T::TalentNoRound).to_string())}</p>
        <section aria-labelledby="grid-h">
            <h2 id="grid-h">{lang.fill(T::TalentPeopleCount, &[("n", &total)])}</h2>
            {nine_box_view(page.counts.clone(), filter.clone(), lang)}
            <div class="table-wrap"><table class="nine-box">
                <caption>{tr(T::TalentGridCaption)}</caption>
                <thead><tr>
                    <td></td>
                    {PotentialBand::ALL.into_iter().map(|p| view! {
                        <th scope="col">{tr(T::TalentPotential)} " " {tr(potential_name(p))}</th>
                    }).collect_view()}
                </tr></thead>
                <tbody>{GRID.iter().zip(rows).map(|(boxes, r)| view! { <tr>
                    <th scope="row">{tr(T::TalentPerformance)} " " {tr(rating_name(r))}</th>
                    {boxes.iter().map(|n| {
                        let n = *n;
                        let count = page.counts.get(usize::from(n - 1)).copied().unwrap_or(0);
                        let current = page.selected == Some(n);
                        view! { <td class:pool=in_succession_pool(n) class:current=current>
                            <a href=filter.href(Some(n)) aria-current=current.then_some("true")>
                                <span class="box-number">{lang.fill(T::TalentBox, &[("n", &n)])}</span>
                                <span class="box-count">{count}</span>
                            </a>
                            <span class="box-follow">{follow_up(n).map(|f| tr(follow_up_name(f)))}</span>
                        </td> }
                    }).collect_view()}
                </tr> }).collect_view()}</tbody>
            </table></div>
            <p class="hint">{tr(T::TalentSuccessionPool)} " "
                {lang.fill(T::TalentAxesText, &[("high", &num(page.settings.potential_high, lang)), ("low", &num(page.settings.potential_low, lang))])}
                {weights_text(page.settings.weights, lang)}</p>
        </section>
        {match page.selected {
            None => view! { <p class="empty">{tr(T::TalentChooseBox)}</p> }.erase(),
            Some(n) => {
                let count = page.counts.get(usize::from(n - 1)).copied().unwrap_or(0);
                box_people(page.people.clone(), count, n, page.settings.weights, lang).erase()
            }
        }}
        {missing_view(page.missing.clone(), page.missing_count, lang)}
        {page.may_configure.then(|| settings_form(page.settings, lang))}
    }
}

/// The grid as a chart: clicking a box lists its people (as the links of the table below do).
#[cfg(feature = "ssr")]
fn nine_box_view(counts: Vec<u32>, filter: TalentFilter, lang: Lang) -> impl IntoView {
    let cells = nine_box_cells();
    let label = cells
        .iter()
        .map(|n| {
            format!(
                "{}: {}",
                lang.fill(T::TalentBox, &[("n", n)]),
                counts.get(usize::from(*n - 1)).copied().unwrap_or(0)
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let links: Vec<String> = cells.iter().map(|n| filter.href(Some(*n))).collect();
    view! { <ChartView id="nine-box-chart" chart={ChartSpec::NineBox { counts }} label height=360 links/> }
}

#[cfg(feature = "ssr")]
/// The weights of the potential's parts, said when they are not the JPM alone.
fn weights_text(w: PotentialWeights, lang: Lang) -> Option<String> {
    (!w.competency_only()).then(|| {
        format!(
            " {}",
            lang.fill(T::TalentWeightsText, &[("c", &w.competency), ("q", &w.qualification), ("t", &w.track_record)])
        )
    })
}

#[cfg(feature = "ssr")]
/// The potential's parts of a person (when the weights count more than the JPM).
fn potential_parts(p: &TalentPerson, lang: Lang) -> String {
    let education = p.education.map(|e| e.label().to_string()).unwrap_or_else(|| tr(T::NotRecorded).to_string());
    lang.fill(T::TalentParts, &[("jpm", &num(p.jpm, lang)), ("education", &education), ("jp", &p.training_jp)])
}

#[cfg(feature = "ssr")]
fn box_people(people: Vec<TalentPerson>, count: u32, n: u8, weights: PotentialWeights, lang: Lang) -> impl IntoView {
    let weighted = !weights.competency_only();
    view! {
        <section aria-labelledby="box-h">
            <h2 id="box-h">{lang.fill(T::TalentPeopleIn, &[("n", &n)])}</h2>
            <p>{tr(T::TalentFollowUp)} ": " {follow_up(n).map(|f| tr(follow_up_name(f)))}</p>
            {((people.len() as u32) < count).then(|| view! {
                <p class="hint">{lang.fill(T::TalentShowing, &[("shown", &people.len()), ("total", &count)])}</p>
            })}
            <div class="table-wrap"><table>
                <caption class="visually-hidden">{lang.fill(T::TalentPeopleIn, &[("n", &n)])}</caption>
                <thead><tr>
                    <th scope="col">{tr(T::Name)}</th>
                    <th scope="col">{tr(T::Unit)}</th>
                    <th scope="col">{tr(T::SkpPredikat)}</th>
                    <th scope="col">{tr(T::TalentPerformance)}</th>
                    <th scope="col" class="num">"JPM"</th>
                    {weighted.then(|| view! { <th scope="col" class="num">{tr(T::TalentPotentialScore)}</th> })}
                    <th scope="col">{tr(T::TalentPotential)}</th>
                </tr></thead>
                <tbody>{people.iter().map(|p| view! { <tr>
                    <th scope="row"><a href=format!("/employees/{}", p.nip)>{p.name.clone()}</a>
                        <span class="muted">" · " {p.position.clone()}</span>
                        {screened_note(p.screened.clone(), lang)}
                        {calibrated_note(p.calibrated.clone(), lang)}</th>
                    <td>{p.unit_name.clone()}</td>
                    <td>{p.predikats.iter().map(|(y, k)| format!("{y}: {}", tr(predikat_name(*k)))).collect::<Vec<_>>().join("; ")}</td>
                    <td>{tr(rating_name(p.performance))}</td>
                    <td class="num">{num(p.jpm, lang)} " %"</td>
                    {weighted.then(|| view! { <td class="num">{num(p.potential_score, lang)}
                        <span class="muted block">{potential_parts(p, lang)}</span></td> })}
                    <td>{tr(potential_name(p.potential))}</td>
                </tr> }).collect_view()}</tbody>
            </table></div>
        </section>
    }
}

#[cfg(feature = "ssr")]
fn missing_view(missing: Vec<TalentMissing>, missing_count: u32, lang: Lang) -> impl IntoView {
    view! {
        <section aria-labelledby="missing-h">
            <h2 id="missing-h">{tr(T::TalentMissing)} " (" {missing_count} ")"</h2>
            {if missing.is_empty() {
                view! { <p class="empty">{tr(T::TalentNoneMissing)}</p> }.erase()
            } else {
                view! {
                    {((missing.len() as u32) < missing_count).then(|| view! {
                        <p class="hint">{lang.fill(T::TalentShowing, &[("shown", &missing.len()), ("total", &missing_count)])}</p>
                    })}
                    <div class="table-wrap"><table>
                        <caption class="visually-hidden">{tr(T::TalentMissing)}</caption>
                        <thead><tr>
                            <th scope="col">{tr(T::Name)}</th>
                            <th scope="col">{tr(T::Unit)}</th>
                            <th scope="col">{tr(T::TalentMissingWhat)}</th>
                        </tr></thead>
                        <tbody>{missing.iter().map(|m| {
                            let mut what = Vec::new();
                            if !m.missing_years.is_empty() {
                                let years = m.missing_years.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
                                what.push(lang.fill(T::TalentMissingPredikat, &[("years", &years)]));
                            }
                            if m.missing_jpm {
                                what.push(tr(T::TalentMissingJpm).to_string());
                            }
                            if m.missing_education {
                                what.push(tr(T::TalentMissingEducation).to_string());
                            }
                            view! { <tr>
                                <th scope="row"><a href=format!("/employees/{}", m.nip)>{m.name.clone()}</a></th>
                                <td>{m.unit_name.clone()}</td>
                                <td>{what.join("; ")}</td>
                            </tr> }
                        }).collect_view()}</tbody>
                    </table></div>
                }.erase()
            }}
        </section>
    }
}

#[cfg(feature = "ssr")]
fn settings_form(s: TalentSettings, lang: Lang) -> impl IntoView {
    view! {
        <section aria-labelledby="talent-settings-h">
            <h2 id="talent-settings-h">{tr(T::TalentSettings)}</h2>
            <p class="muted">{lang.fill(T::TalentSettingsVersion, &[("n", &s.version)])}</p>
            <form method="post" action=SaveTalentSettings::PATH class="stack" data-ok=tr(T::TalentSettingsSaved)>
                <label for="talent-years">{tr(T::TalentSettingsYearsLabel)}</label>
                <input id="talent-years" name="years" type="number" min="1" max="3" required value=s.years/>
                <label for="talent-high">{tr(T::TalentPotentialHighLabel)}</label>
                <input id="talent-high" name="potential_high" inputmode="decimal" required value=num(s.potential_high, lang)/>
                <label for="talent-low">{tr(T::TalentPotentialLowLabel)}</label>
                <input id="talent-low" name="potential_low" inputmode="decimal" required value=num(s.potential_low, lang)/>
                <fieldset class="stack">
                    <legend>{tr(T::TalentWeightsLegend)}</legend>
                    <p class="help" id="talent-weights-help">{tr(T::TalentWeightsHelp)}</p>
                    <label for="talent-w-c">{tr(T::TalentWeightCompetency)}</label>
                    <input id="talent-w-c" name="weight_competency" type="number" min="1" max="100" required
                        value=s.weights.competency aria-describedby="talent-weights-help"/>
                    <label for="talent-w-q">{tr(T::TalentWeightQualification)}</label>
                    <input id="talent-w-q" name="weight_qualification" type="number" min="0" max="100" required
                        value=s.weights.qualification aria-describedby="talent-weights-help"/>
                    <label for="talent-w-t">{tr(T::TalentWeightTrackRecord)}</label>
                    <input id="talent-w-t" name="weight_track_record" type="number" min="0" max="100" required
                        value=s.weights.track_record aria-describedby="talent-weights-help"/>
                </fieldset>
                <button type="submit" class="button">{tr(T::TalentSaveSettings)}</button>
            </form>
        </section>
    }
}

#[cfg(feature = "ssr")]
/// A note that the person is screened out of the succession pool by a disciplinary penalty.
fn screened_note(screened: Option<(PenaltyLevel, String)>, lang: Lang) -> Option<impl IntoView> {
    screened.map(|(level, date)| {
        let text = lang.fill(T::TalentScreened, &[("level", &lang.t(penalty_level_name(level))), ("date", &date)]);
        view! { <span class="badge screened">{text}</span> }
    })
}

#[cfg(feature = "ssr")]
/// A note that a calibration moved the person's box, from which box and why.
fn calibrated_note(calibrated: Option<(u8, String)>, lang: Lang) -> Option<impl IntoView> {
    calibrated.map(|(from, reason)| {
        view! { <span class="badge calibrated">{lang.fill(T::TalentCalibratedFrom, &[("n", &from), ("reason", &reason)])}</span> }
    })
}

#[cfg(feature = "ssr")]
/// The person's talent box on their profile: the box and its follow-up, both axes with their inputs, or what is
/// still missing.
#[component]
pub fn PersonTalentView(talent: PersonTalent) -> impl IntoView {
    let lang = use_lang();
    let years = talent.years.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    view! {
        <section aria-labelledby="talent-h">
            <h2 id="talent-h">{tr(T::NavTalent)}</h2>
            {match talent.placed.clone() {
                Some(p) => view! {
                    <p class="talent-box"><strong>{lang.fill(T::TalentBox, &[("n", &p.box_number)])}</strong> " · "
                        {follow_up(p.box_number).map(|f| tr(follow_up_name(f)))}</p>
                    {screened_note(p.screened.clone(), lang)}
                    {calibrated_note(p.calibrated.clone(), lang)}
                    <dl class="pairs">
                        <dt>{tr(T::TalentPerformance)}</dt>
                        <dd>{tr(rating_name(p.performance))} " ("
                            {p.predikats.iter().map(|(y, k)| format!("{y}: {}", tr(predikat_name(*k)))).collect::<Vec<_>>().join("; ")} ")"</dd>
                        <dt>{tr(T::TalentPotential)}</dt>
                        <dd>{tr(potential_name(p.potential))} " (JPM " {num(p.jpm, lang)} " %"
                            {talent.round_name.clone().map(|r| format!(", {r}"))} ")"
                            {(!talent.settings.weights.competency_only()).then(|| format!(
                                " · {} {} ({})", tr(T::TalentPotentialScore), num(p.potential_score, lang), potential_parts(&p, lang)
                            ))}</dd>
                    </dl>
                }.erase(),
                None => {
                    let mut what = Vec::new();
                    if talent.years.is_empty() {
                        what.push(tr(T::TalentNoYears).to_string());
                    } else if !talent.missing_years.is_empty() {
                        let y = talent.missing_years.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
                        what.push(lang.fill(T::TalentMissingPredikat, &[("years", &y)]));
                    }
                    if talent.missing_jpm {
                        what.push(tr(T::TalentMissingJpm).to_string());
                    }
                    if talent.missing_education {
                        what.push(tr(T::TalentMissingEducation).to_string());
                    }
                    view! { <p class="empty">{tr(T::TalentMissing)} ": " {what.join("; ")}</p> }.erase()
                }
            }}
            <p class="hint">{tr(T::TalentYears)} ": " {years} " · "
                {lang.fill(T::TalentAxesText, &[("high", &num(talent.settings.potential_high, lang)), ("low", &num(talent.settings.potential_low, lang))])}
                {weights_text(talent.settings.weights, lang)}</p>
        </section>
    }
}
