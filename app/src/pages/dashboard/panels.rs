//! The dashboard's panels, drawn on the server into the page's drawn part (see the page's module).

use crate::api::{DashboardPage, DashboardQuery, DashboardRow, LatePerson, PeriodInfo, TrendPoint};
use crate::charts::talent::nine_box_cells;
use crate::charts::{ChartSpec, ChartView};
use crate::components::Erase;
use crate::components::{tr, use_lang};
use crate::domain::dashboard::{LIVE_SECONDS, ScoreSum};
use crate::domain::skp::{Predikat, SkpStatus};
use crate::domain::{PositionKind, Rank};
use crate::i18n::format::{num, rupiah};
use crate::i18n::{Lang, T, org_predikat_name, predikat_name};
use crate::pages::skp::{period_label, rule_text, status_label};
use leptos::prelude::*;

/// A row's name: its unit, or the people placed directly in the unit shown.
fn row_name(r: &DashboardRow, lang: Lang) -> String {
    if r.unit.is_some() { r.name.clone() } else { lang.t(T::DashboardDirect).to_string() }
}

/// A row's name as a link that moves the dashboard to its unit (the people directly in the unit: plain text).
fn row_link(q: &DashboardQuery, r: &DashboardRow, lang: Lang) -> AnyView {
    match &r.unit {
        Some(u) => view! { <a href=q.href_for(Some(u))>{r.name.clone()}</a> }.erase(),
        None => view! { <span>{lang.t(T::DashboardDirect)}</span> }.erase(),
    }
}

/// What a row's 360° figures leave out or take in from other units (merged upward, see the panel's note).
fn results_note(r: &DashboardRow, lang: Lang) -> Option<AnyView> {
    let text = if r.merged_in > 0 {
        lang.fill(T::DashboardMergedIn, &[("n", &r.merged_in)])
    } else if r.not_counted > 0 && !r.withheld {
        lang.fill(T::DashboardNotCounted, &[("n", &r.not_counted)])
    } else {
        return None;
    };
    Some(view! { <span class="muted block">{text}</span> }.erase())
}

/// Where a click on each row's bar leads (the people directly in the unit: the unit shown).
fn row_links(q: &DashboardQuery, rows: &[DashboardRow]) -> Vec<String> {
    rows.iter().map(|r| q.href_for(r.unit.as_deref().or(q.unit.as_deref()))).collect()
}

fn percent(x: Option<f64>, lang: Lang) -> String {
    x.map(|v| format!("{} %", num((v * 10.0).round() / 10.0, lang))).unwrap_or_else(|| "–".to_string())
}

/// A panel: heading, content, the "why" and its CSV export.
#[component]
fn Panel<C: IntoView + 'static>(
    id: &'static str,
    title: T,
    why: String,
    csv: String,
    children: TypedChildren<C>,
) -> impl IntoView {
    let children = children.into_inner();
    let heading = format!("{id}-h");
    let labelled = heading.clone();
    view! {
        <section class="card panel" aria-labelledby=labelled id=id>
            <h2 id=heading>{tr(title)}</h2>
            {children()}
            <details class="how">
                <summary>{tr(T::DashboardWhy)}</summary>
                <p>{why}</p>
            </details>
            <p class="no-print"><a href=csv.clone() rel="external" download="">{tr(T::DashboardCsv)}</a> " · "
                <a href=csv.replacen(".csv", ".xlsx", 1) rel="external" download="">{tr(T::DownloadXlsx)}</a></p>
        </section>
    }
}

#[component]
pub fn Dashboard(page: DashboardPage) -> impl IntoView {
    let lang = use_lang();
    let q = page.query.clone();
    let title = match page.path.last() {
        Some((_, name)) => name.clone(),
        None => page.scope_name.clone(),
    };
    let crumbs = {
        let q = q.clone();
        let last = page.path.len().saturating_sub(1);
        page.path
            .iter()
            .enumerate()
            .map(|(i, (k, n))| {
                if i == last {
                    view! { <li aria-current="page">{n.clone()}</li> }.erase()
                } else {
                    view! { <li><a href=q.href_for(Some(k))>{n.clone()}</a></li> }.erase()
                }
            })
            .collect_view()
    };
    let period_text = page.period.as_ref().map(|p| format!("{} {}", period_label(p, lang), p.year));
    view! {
        <Selector page=page.clone()/>
        <nav aria-label=tr(T::DashboardPath) class="breadcrumbs"><ol>
            <li><a href=q.href_for(None)>{page.scope_name.clone()}</a></li>
            {crumbs}
        </ol></nav>
        <p class="muted">
            <strong>{title}</strong> " · " {tr(T::SkpPeriod)} ": " {period_text.unwrap_or_else(|| tr(T::DashboardNoPeriod).to_string())}
            " · " {tr(T::TalentRound)} ": " {page.round_name.clone().unwrap_or_else(|| tr(T::TalentNoRound).to_string())}
        </p>
        <p class="hint">{lang.fill(T::DashboardLiveAt, &[("time", &page.live_at), ("s", &LIVE_SECONDS)])}</p>
        <p class="no-print">
            <button type="button" class="button secondary" data-print="">{tr(T::DashboardPrint)}</button>
        </p>
        <div class="dashboard">
            <Headcount page=page.clone()/>
            <Status page=page.clone()/>
            <Curve page=page.clone()/>
            <Heatmap page=page.clone()/>
            <Jpm page=page.clone()/>
            <Talent page=page.clone()/>
            <Needs page=page.clone()/>
            <FollowUp page=page.clone()/>
            <Trends page=page.clone()/>
        </div>
    }
}

/// The unit (searchable), period and heatmap measure, as a form that works without JavaScript.
#[component]
fn Selector(page: DashboardPage) -> impl IntoView {
    let current = page.query.unit.clone();
    let current_period = page.query.period_code();
    let units = page.units.clone();
    view! {
        <form method="get" action="/dashboard" class="row no-print dashboard-form">
            <label>{tr(T::DashboardFindUnit)}
                <input type="search" autocomplete="off" data-filter-options="dashboard-unit"/>
            </label>
            <label>{tr(T::Unit)}
                <select name="unit" id="dashboard-unit">
                    <option value="">{page.scope_name.clone()}</option>
                    {units.into_iter().map(|(k, n, d)| {
                        let selected = current.as_deref() == Some(k.as_str());
                        let label = format!("{}{}", "\u{a0}\u{a0}".repeat(d as usize), n);
                        view! { <option value=k selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>{tr(T::SkpPeriod)}
                <select name="period">
                    {page.periods.iter().map(|p: &PeriodInfo| {
                        let code = format!("{}-{}", p.year, p.number);
                        let selected = current_period.as_deref() == Some(code.as_str());
                        let lang = use_lang();
                        view! { <option value=code selected=selected>{format!("{} {}", period_label(p, lang), p.year)}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>{tr(T::DashboardMeasure)}
                <select name="measure">
                    <option value="mean" selected=!page.query.below>{tr(T::DashboardMeasureMean)}</option>
                    <option value="below" selected=page.query.below>{tr(T::DashboardMeasureBelow)}</option>
                </select>
            </label>
            <button type="submit" class="button">{tr(T::Show)}</button>
        </form>
    }
}

#[component]
fn Headcount(page: DashboardPage) -> impl IntoView {
    let lang = use_lang();
    let f = page.total.figures.clone();
    let kinds: Vec<(String, u32)> = PositionKind::ALL
        .iter()
        .map(|k| k.label().to_string())
        .chain([lang.t(T::DashboardUnknown).to_string()])
        .zip(f.kinds.iter().copied())
        .filter(|(_, n)| *n > 0)
        .collect();
    let ranks: Vec<(String, u32)> = Rank::ALL
        .iter()
        .map(|r| r.code().to_string())
        .chain([lang.t(T::DashboardUnknown).to_string()])
        .zip(f.ranks.iter().copied())
        .filter(|(_, n)| *n > 0)
        .collect();
    let label = kinds.iter().map(|(k, n)| format!("{k}: {n}")).collect::<Vec<_>>().join(", ");
    let chart = ChartSpec::Bar {
        categories: kinds.iter().map(|k| k.0.clone()).collect(),
        values: kinds.iter().map(|k| k.1).collect(),
        name: lang.t(T::DashboardPeople).to_string(),
    };
    let height = 60 + 28 * kinds.len() as u32;
    view! {
        <Panel id="headcount" title=T::DashboardHeadcount why=lang.t(T::DashboardHeadcountWhy).to_string() csv=page.query.csv_href("headcount")>
            <p class="stat-line"><span class="stat-value">{f.people}</span> " " {tr(T::DashboardPeople)}</p>
            <ChartView id="headcount-chart" chart=chart label height/>
            <div class="chart-grid">
                <div class="table-wrap" tabindex="0"><table>
                    <caption>{tr(T::DashboardByKind)}</caption>
                    <thead><tr><th scope="col">{tr(T::Position)}</th><th scope="col" class="num">{tr(T::DashboardPeople)}</th></tr></thead>
                    <tbody>{kinds.into_iter().map(|(k, n)| view! { <tr><th scope="row">{k}</th><td class="num">{n}</td></tr> }).collect_view()}</tbody>
                </table></div>
                <div class="table-wrap" tabindex="0"><table>
                    <caption>{tr(T::DashboardByRank)}</caption>
                    <thead><tr><th scope="col">{tr(T::Rank)}</th><th scope="col" class="num">{tr(T::DashboardPeople)}</th></tr></thead>
                    <tbody>{ranks.into_iter().map(|(k, n)| view! { <tr><th scope="row">{k}</th><td class="num">{n}</td></tr> }).collect_view()}</tbody>
                </table></div>
            </div>
            <div class="table-wrap" tabindex="0"><table>
                <caption>{tr(T::DashboardByUnit)}</caption>
                <thead><tr><th scope="col">{tr(T::Unit)}</th><th scope="col" class="num">{tr(T::DashboardPeople)}</th></tr></thead>
                <tbody>{page.rows.iter().map(|r| view! {
                    <tr><th scope="row">{row_link(&page.query, r, lang)}</th><td class="num">{r.figures.people}</td></tr>
                }).collect_view()}</tbody>
            </table></div>
        </Panel>
    }
}

/// Work-plan states in [`crate::domain::dashboard::Figures::skp`] order.
fn skp_columns(lang: Lang) -> Vec<String> {
    std::iter::once(lang.t(T::DashboardNoPlan).to_string())
        .chain(SkpStatus::ALL.iter().map(|s| status_label(*s).to_string()))
        .collect()
}

#[component]
fn Status(page: DashboardPage) -> impl IntoView {
    let lang = use_lang();
    let columns = skp_columns(lang);
    let all: Vec<DashboardRow> = std::iter::once(page.total.clone()).chain(page.rows.iter().cloned()).collect();
    let names: Vec<String> = page.rows.iter().map(|r| row_name(r, lang)).collect();
    let parts: Vec<(String, Vec<u32>)> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| (c.clone(), page.rows.iter().map(|r| r.figures.skp[i]).collect()))
        .collect();
    let label = lang.fill(
        T::DashboardStatusLabel,
        &[("approved", &page.total.figures.approved()), ("people", &page.total.figures.people)],
    );
    let height = 90 + 30 * page.rows.len() as u32;
    let links = row_links(&page.query, &page.rows);
    let followed = page.followed_round.clone().map(|(_, n)| n).unwrap_or_else(|| tr(T::DashboardNoRound).to_string());
    view! {
        <Panel id="status" title=T::DashboardStatus why=lang.t(T::DashboardStatusWhy).to_string() csv=page.query.csv_href("status")>
            <ChartView id="status-chart" chart={ChartSpec::Stacked { units: names, parts }} label height links/>
            <div class="table-wrap" tabindex="0"><table>
                <caption>{tr(T::DashboardStatusCaption)} " · " {tr(T::DashboardRound)} ": " {followed}</caption>
                <thead><tr>
                    <th scope="col">{tr(T::Unit)}</th>
                    <th scope="col" class="num">{tr(T::DashboardPeople)}</th>
                    {columns.iter().map(|c| view! { <th scope="col" class="num">{c.clone()}</th> }).collect_view()}
                    <th scope="col" class="num">{tr(T::DashboardRated)}</th>
                    <th scope="col" class="num">{tr(T::DashboardCompletion)}</th>
                </tr></thead>
                <tbody>{all.iter().enumerate().map(|(i, r)| view! { <tr class:total=i == 0>
                    <th scope="row">{if i == 0 { tr(T::DashboardTotal).erase() } else { row_link(&page.query, r, lang) }}</th>
                    <td class="num">{r.figures.people}</td>
                    {r.figures.skp.iter().map(|n| view! { <td class="num">{*n}</td> }).collect_view()}
                    <td class="num">{r.figures.rated()}</td>
                    <td class="num">{percent(r.figures.completion_percent(), lang)}
                        <span class="muted block">{format!("{}/{}", r.figures.assessed, r.figures.assigned)}</span></td>
                </tr> }).collect_view()}</tbody>
            </table></div>
            <LateList title=T::DashboardLatePlans people=page.late_plans.clone() count=page.late_plans_count plans=true/>
            <LateList title=T::DashboardLateRaters people=page.late_raters.clone() count=page.late_raters_count plans=false/>
        </Panel>
    }
}

#[component]
fn LateList(title: T, people: Vec<LatePerson>, count: u32, plans: bool) -> impl IntoView {
    let lang = use_lang();
    if count == 0 {
        return view! { <p class="muted">{tr(title)} ": 0"</p> }.erase();
    }
    let shown = people.len();
    view! {
        <details class="late">
            <summary>{tr(title)} ": " {count}</summary>
            {((shown as u32) < count).then(|| view! { <p class="hint">{lang.fill(T::TalentShowing, &[("shown", &shown), ("total", &count)])}</p> })}
            <div class="table-wrap" tabindex="0"><table>
                <caption class="visually-hidden">{tr(title)}</caption>
                <thead><tr><th scope="col">{tr(T::Name)}</th><th scope="col">{tr(T::Unit)}</th>
                    <th scope="col">{if plans { tr(T::DashboardPlanState) } else { tr(T::DashboardOpenAssessments) }}</th></tr></thead>
                <tbody>{people.into_iter().map(|p| {
                    let detail = if plans {
                        SkpStatus::from_code(&p.detail).map(|s| status_label(s).to_string()).unwrap_or_else(|| lang.t(T::DashboardNoPlan).to_string())
                    } else {
                        p.detail.clone()
                    };
                    let href = if plans { format!("/skp/{}", p.nip) } else { format!("/employees/{}", p.nip) };
                    view! { <tr><th scope="row"><a href=href>{p.name}</a></th><td>{p.unit_name}</td><td>{detail}</td></tr> }
                }).collect_view()}</tbody>
            </table></div>
        </details>
    }
    .erase()
}

#[component]
fn Curve(page: DashboardPage) -> impl IntoView {
    let lang = use_lang();
    let all: Vec<DashboardRow> = std::iter::once(page.total.clone()).chain(page.rows.iter().cloned()).collect();
    let names: Vec<String> = all
        .iter()
        .enumerate()
        .map(|(i, r)| if i == 0 { lang.t(T::DashboardTotal).to_string() } else { row_name(r, lang) })
        .collect();
    let parts: Vec<(String, Vec<u32>)> = Predikat::ALL
        .iter()
        .enumerate()
        .map(|(i, p)| (lang.t(predikat_name(*p)).to_string(), all.iter().map(|r| r.figures.predikat[i]).collect()))
        .collect();
    let outliers = page.rows.iter().filter(|r| !r.breaches.is_empty()).count();
    let label = lang.fill(T::DashboardCurveLabel, &[("rated", &page.total.figures.rated()), ("outliers", &outliers)]);
    let height = 90 + 30 * all.len() as u32;
    let mut links = vec![page.query.href_for(page.query.unit.as_deref())];
    links.extend(row_links(&page.query, &page.rows));
    view! {
        <Panel id="curve" title=T::DashboardCurve why=lang.t(T::DashboardCurveWhy).to_string() csv=page.query.csv_href("predikat")>
            <ChartView id="curve-chart" chart={ChartSpec::Stacked { units: names, parts }} label height links/>
            <div class="table-wrap" tabindex="0"><table>
                <caption>{tr(T::DashboardCurveCaption)}</caption>
                <thead><tr>
                    <th scope="col">{tr(T::Unit)}</th>
                    <th scope="col">{tr(T::DashboardOrgPredikat)}</th>
                    {Predikat::ALL.iter().map(|p| view! { <th scope="col" class="num">{tr(predikat_name(*p))}</th> }).collect_view()}
                    <th scope="col">{tr(T::DashboardGuideline)}</th>
                </tr></thead>
                <tbody>{all.iter().enumerate().map(|(i, r)| {
                    let rated = r.figures.rated();
                    view! { <tr class:total=i == 0 class:outlier=!r.breaches.is_empty()>
                        <th scope="row">{if i == 0 { tr(T::DashboardTotal).erase() } else { row_link(&page.query, r, lang) }}</th>
                        <td>{r.org.map(|o| tr(org_predikat_name(o))).unwrap_or("–")}</td>
                        {r.figures.predikat.iter().map(|n| {
                            let share = (rated > 0).then(|| f64::from(*n) * 100.0 / f64::from(rated));
                            view! { <td class="num">{*n} <span class="muted block">{percent(share, lang)}</span></td> }
                        }).collect_view()}
                        <td>{if r.org.is_none() {
                            tr(T::DashboardNoOrgPredikat).erase()
                        } else if r.breaches.is_empty() {
                            tr(T::DashboardWithinGuideline).erase()
                        } else {
                            view! { <strong class="warn">"⚠ " {tr(T::DashboardOutlier)}</strong>
                                <ul>{r.breaches.iter().map(|b| view! { <li>{rule_text(b, lang)}</li> }).collect_view()}</ul> }.erase()
                        }}</td>
                    </tr> }
                }).collect_view()}</tbody>
            </table></div>
        </Panel>
    }
}

/// A heatmap cell's value under the chosen measure.
fn cell(s: &ScoreSum, below: bool) -> Option<f64> {
    let v = if below { s.below_percent() } else { s.mean() }?;
    (s.people >= crate::domain::dashboard::MIN_PEOPLE).then_some((v * 100.0).round() / 100.0)
}

#[component]
fn Heatmap(page: DashboardPage) -> impl IntoView {
    let lang = use_lang();
    let below = page.query.below;
    let codes: Vec<String> = page.competencies.iter().map(|(c, _)| c.clone()).collect();
    let names: Vec<String> = page.rows.iter().map(|r| row_name(r, lang)).collect();
    let cells: Vec<Vec<Option<f64>>> = page
        .rows
        .iter()
        .map(|r| r.figures.scores.iter().map(|s| if r.withheld { None } else { cell(s, below) }).collect())
        .collect();
    let label = lang.fill(T::DashboardHeatmapLabel, &[("units", &page.rows.len()), ("competencies", &codes.len())]);
    let height = 110 + 34 * page.rows.len() as u32;
    let links: Vec<String> = {
        let row_hrefs = row_links(&page.query, &page.rows);
        cells
            .iter()
            .enumerate()
            .flat_map(|(y, row)| row.iter().filter(|v| v.is_some()).map(|_| row_hrefs[y].clone()).collect::<Vec<_>>())
            .collect()
    };
    let measure = if below { T::DashboardMeasureBelow } else { T::DashboardMeasureMean };
    let english = lang == Lang::En;
    let all: Vec<DashboardRow> = std::iter::once(page.total.clone()).chain(page.rows.iter().cloned()).collect();
    let chart = ChartSpec::UnitHeatmap {
        units: names,
        competencies: codes.clone(),
        cells,
        max: if below { 100.0 } else { 5.0 },
    };
    view! {
        <Panel id="heatmap" title=T::DashboardHeatmap why=lang.t(T::DashboardHeatmapWhy).to_string() csv=page.query.csv_href("competencies")>
            {if codes.is_empty() {
                view! { <p class="empty">{tr(T::TalentNoRound)}</p> }.erase()
            } else {
                view! {
                    <p class="muted">{tr(measure)}</p>
                    <ChartView id="heatmap-chart" chart=chart.clone() label height links/>
                    <div class="table-wrap" tabindex="0"><table class="heatmap">
                        <caption>{tr(T::DashboardHeatmap)} " · " {tr(measure)}</caption>
                        <thead><tr>
                            <th scope="col">{tr(T::Unit)}</th>
                            {page.competencies.iter().map(|(c, n)| view! { <th scope="col" class="num"><abbr title=n.get(english).to_string()>{c.clone()}</abbr></th> }).collect_view()}
                        </tr></thead>
                        <tbody>{all.iter().enumerate().map(|(i, r)| view! { <tr class:total=i == 0>
                            <th scope="row">{if i == 0 { tr(T::DashboardTotal).erase() } else { row_link(&page.query, r, lang) }}
                                {results_note(r, lang)}</th>
                            {if r.withheld {
                                view! { <td colspan=page.competencies.len().to_string() class="withheld">{tr(T::DashboardWithheld)}</td> }.erase()
                            } else {
                                r.figures.scores.iter().map(|s| match cell(s, below) {
                                    Some(v) => view! { <td class="num">{if below { percent(Some(v), lang) } else { num(v, lang) }}</td> }.erase(),
                                    None if s.people > 0 => view! { <td class="num withheld" title=tr(T::DashboardWithheld)>"·"</td> }.erase(),
                                    None => view! { <td class="num">"–"</td> }.erase(),
                                }).collect_view().erase()
                            }}
                        </tr> }).collect_view()}</tbody>
                    </table></div>
                    {(page.total.withheld || page.rows.iter().any(|r| r.withheld)).then(|| view! {
                        <p class="hint">{lang.fill(T::DashboardWithheldWhy, &[("n", &crate::domain::dashboard::MIN_PEOPLE)])}</p>
                    })}
                }.erase()
            }}
        </Panel>
    }
}

#[component]
fn Jpm(page: DashboardPage) -> impl IntoView {
    let lang = use_lang();
    let all: Vec<DashboardRow> = std::iter::once(page.total.clone()).chain(page.rows.iter().cloned()).collect();
    let shown: Vec<DashboardRow> = all.iter().filter(|r| !r.withheld && r.figures.jpm_people > 0).cloned().collect();
    let names: Vec<String> = all
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.withheld && r.figures.jpm_people > 0)
        .map(|(i, r)| if i == 0 { lang.t(T::DashboardTotal).to_string() } else { row_name(r, lang) })
        .collect();
    let bands = [T::DashboardJpmHigh, T::DashboardJpmMiddle, T::DashboardJpmLow];
    let parts: Vec<(String, Vec<u32>)> = bands
        .iter()
        .enumerate()
        .map(|(i, b)| (lang.t(*b).to_string(), shown.iter().map(|r| r.figures.jpm_bands[i]).collect()))
        .collect();
    let label = lang.fill(T::DashboardJpmLabel, &[("share", &percent(page.total.figures.meeting_percent(), lang))]);
    let height = 90 + 30 * shown.len() as u32;
    view! {
        <Panel id="jpm" title=T::DashboardJpm why=lang.t(T::DashboardJpmWhy).to_string() csv=page.query.csv_href("jpm")>
            {(!shown.is_empty()).then(|| view! { <ChartView id="jpm-chart" chart={ChartSpec::Stacked { units: names, parts }} label height/> })}
            <div class="table-wrap" tabindex="0"><table>
                <caption>{tr(T::DashboardJpm)}</caption>
                <thead><tr>
                    <th scope="col">{tr(T::Unit)}</th>
                    <th scope="col" class="num">{tr(T::DashboardWithResults)}</th>
                    <th scope="col" class="num">{tr(T::DashboardJpmMean)}</th>
                    {bands.iter().map(|b| view! { <th scope="col" class="num">{tr(*b)}</th> }).collect_view()}
                    <th scope="col" class="num">{tr(T::DashboardMeeting)}</th>
                </tr></thead>
                <tbody>{all.iter().enumerate().map(|(i, r)| view! { <tr class:total=i == 0>
                    <th scope="row">{if i == 0 { tr(T::DashboardTotal).erase() } else { row_link(&page.query, r, lang) }}
                        {results_note(r, lang)}</th>
                    {if r.withheld {
                        view! { <td colspan="6" class="withheld">{tr(T::DashboardWithheld)}</td> }.erase()
                    } else {
                        view! {
                            <td class="num">{r.figures.jpm_people}</td>
                            <td class="num">{percent(r.figures.jpm_mean(), lang)}</td>
                            {r.figures.jpm_bands.iter().map(|n| view! { <td class="num">{*n}</td> }).collect_view()}
                            <td class="num">{percent(r.figures.meeting_percent(), lang)}</td>
                        }.erase()
                    }}
                </tr> }).collect_view()}</tbody>
            </table></div>
        </Panel>
    }
}

#[component]
fn Talent(page: DashboardPage) -> impl IntoView {
    let lang = use_lang();
    let counts = page.total.figures.boxes.clone();
    let unit = page.query.unit.clone().or_else(|| page.path.first().map(|p| p.0.clone()));
    let href = move |n: u8| match &unit {
        Some(u) => format!("/talent?unit={u}&box={n}"),
        None => format!("/talent?box={n}"),
    };
    let links: Vec<String> = nine_box_cells().iter().map(|n| href(*n)).collect();
    let label = (1..=9u8)
        .map(|n| format!("{}: {}", lang.fill(T::TalentBox, &[("n", &n)]), counts[usize::from(n - 1)]))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <Panel id="talent" title=T::DashboardTalent why=lang.t(T::DashboardTalentWhy).to_string() csv=page.query.csv_href("talent")>
            <ChartView id="dashboard-nine-box" chart={ChartSpec::NineBox { counts: counts.to_vec() }} label height=320 links/>
            <div class="table-wrap" tabindex="0"><table>
                <caption>{tr(T::TalentGridCaption)}</caption>
                <thead><tr><th scope="col">{tr(T::DashboardBox)}</th><th scope="col" class="num">{tr(T::DashboardPeople)}</th></tr></thead>
                <tbody>
                    {(1..=9u8).rev().map(|n| view! { <tr>
                        <th scope="row"><a href=href(n)>{lang.fill(T::TalentBox, &[("n", &n)])}</a></th>
                        <td class="num">{counts[usize::from(n - 1)]}</td>
                    </tr> }).collect_view()}
                    <tr><th scope="row">{tr(T::DashboardUnplaced)}</th><td class="num">{page.total.figures.unplaced}</td></tr>
                </tbody>
            </table></div>
        </Panel>
    }
}

#[component]
fn Needs(page: DashboardPage) -> impl IntoView {
    let lang = use_lang();
    let english = lang == Lang::En;
    let link = match page.query.unit.clone().or_else(|| page.path.first().map(|p| p.0.clone())) {
        Some(u) => format!("/trainings/needs?unit={u}"),
        None => "/trainings/needs".to_string(),
    };
    view! {
        <Panel id="needs" title=T::DashboardNeeds why=lang.t(T::DashboardNeedsWhy).to_string() csv=page.query.csv_href("needs")>
            {if page.total.withheld {
                view! { <p class="withheld">{tr(T::DashboardWithheld)}</p> }.erase()
            } else {
                view! {
                    <p>{lang.fill(T::DashboardGaps, &[("n", &page.people_with_gaps), ("gap", &num(page.total_gap, lang))])}</p>
                    <div class="table-wrap" tabindex="0"><table>
                        <caption>{tr(T::DashboardNeeds)}</caption>
                        <thead><tr><th scope="col">{tr(T::Training)}</th><th scope="col" class="num">{tr(T::DashboardPeople)}</th>
                            <th scope="col" class="num">{tr(T::DashboardGapClosed)}</th><th scope="col" class="num">{tr(T::DashboardCost)}</th>
                            <th scope="col" class="num">{tr(T::DashboardCostAll)}</th></tr></thead>
                        <tbody>{page.needs.iter().map(|(_, title, people, gap, cost)| view! { <tr>
                            <th scope="row">{title.get(english).to_string()}</th>
                            <td class="num">{*people}</td>
                            <td class="num">{num(*gap, lang)}</td>
                            <td class="num">{rupiah(*cost)}</td>
                            <td class="num">{rupiah(cost.saturating_mul(u64::from(*people)))}</td>
                        </tr> }).collect_view()}</tbody>
                    </table></div>
                }.erase()
            }}
            <p><a href=link>{tr(T::DashboardOpenNeeds)}</a></p>
        </Panel>
    }
}

#[component]
fn FollowUp(page: DashboardPage) -> impl IntoView {
    let lang = use_lang();
    let all: Vec<DashboardRow> = std::iter::once(page.total.clone()).chain(page.rows.iter().cloned()).collect();
    view! {
        <Panel id="follow-up" title=T::DashboardFollowUp why=lang.t(T::DashboardFollowUpWhy).to_string() csv=page.query.csv_href("development")>
            <ul>
                <li><a href="/skp/objections">{lang.fill(T::DashboardObjections, &[("n", &page.open_objections)])}</a></li>
                <li>{lang.fill(T::DashboardCalibrations, &[("n", &page.open_calibrations.len())])}
                    {(!page.open_calibrations.is_empty()).then(|| view! { <ul>{page.open_calibrations.iter().map(|(id, unit, year)| view! {
                        <li><a href=format!("/talent/calibrations/{id}")>{format!("{unit} · {year}")}</a></li>
                    }).collect_view()}</ul> })}
                </li>
            </ul>
            <div class="table-wrap" tabindex="0"><table>
                <caption>{tr(T::DashboardPlans)}</caption>
                <thead><tr><th scope="col">{tr(T::Unit)}</th><th scope="col" class="num">{tr(T::DashboardPlanners)}</th>
                    <th scope="col" class="num">{tr(T::DashboardPlanItems)}</th><th scope="col" class="num">{tr(T::DashboardPlanDone)}</th></tr></thead>
                <tbody>{all.iter().enumerate().map(|(i, r)| view! { <tr class:total=i == 0>
                    <th scope="row">{if i == 0 { tr(T::DashboardTotal).erase() } else { row_link(&page.query, r, lang) }}</th>
                    <td class="num">{r.figures.planners} " / " {r.figures.people}</td>
                    <td class="num">{format!("{}/{}", r.figures.plan_done, r.figures.plan_items)}</td>
                    <td class="num">{percent(r.figures.plan_percent(), lang)}</td>
                </tr> }).collect_view()}</tbody>
            </table></div>
        </Panel>
    }
}

#[component]
fn Trends(page: DashboardPage) -> impl IntoView {
    let lang = use_lang();
    let years: Vec<TrendPoint> = page.trend_years.clone();
    let rounds: Vec<TrendPoint> = page.trend_rounds.clone();
    let year_chart = ChartSpec::Trend {
        labels: years.iter().map(|t| t.label.clone()).collect(),
        series: vec![(lang.t(T::DashboardGood).to_string(), years.iter().map(|t| t.good_percent).collect())],
        max: Some(100.0),
    };
    let round_chart = ChartSpec::Trend {
        labels: rounds.iter().map(|t| t.label.clone()).collect(),
        series: vec![
            (lang.t(T::DashboardJpmMean).to_string(), rounds.iter().map(|t| t.jpm_mean).collect()),
            (lang.t(T::DashboardMeeting).to_string(), rounds.iter().map(|t| t.meeting_percent).collect()),
        ],
        max: None,
    };
    let year_label =
        years.iter().map(|t| format!("{}: {}", t.label, percent(t.good_percent, lang))).collect::<Vec<_>>().join(", ");
    let round_label =
        rounds.iter().map(|t| format!("{}: {}", t.label, percent(t.jpm_mean, lang))).collect::<Vec<_>>().join(", ");
    view! {
        <Panel id="trends" title=T::DashboardTrends why=lang.t(T::DashboardTrendsWhy).to_string() csv=page.query.csv_href("trends")>
            <div class="chart-grid">
                <div>
                    {(!years.is_empty()).then(|| view! { <ChartView id="trend-years-chart" chart=year_chart label=year_label height=260/> })}
                    <div class="table-wrap" tabindex="0"><table>
                        <caption>{tr(T::DashboardTrendYears)}</caption>
                        <thead><tr><th scope="col">{tr(T::DashboardYear)}</th><th scope="col" class="num">{tr(T::DashboardRated)}</th>
                            <th scope="col" class="num">{tr(T::DashboardGood)}</th></tr></thead>
                        <tbody>{years.iter().map(|t| view! { <tr><th scope="row">{t.label.clone()}</th>
                            <td class="num">{t.rated}</td><td class="num">{percent(t.good_percent, lang)}</td></tr> }).collect_view()}</tbody>
                    </table></div>
                </div>
                <div>
                    {(!rounds.is_empty()).then(|| view! { <ChartView id="trend-rounds-chart" chart=round_chart label=round_label height=260/> })}
                    <div class="table-wrap" tabindex="0"><table>
                        <caption>{tr(T::DashboardTrendRounds)}</caption>
                        <thead><tr><th scope="col">{tr(T::Round)}</th><th scope="col" class="num">{tr(T::DashboardWithResults)}</th>
                            <th scope="col" class="num">{tr(T::DashboardJpmMean)}</th><th scope="col" class="num">{tr(T::DashboardMeeting)}</th></tr></thead>
                        <tbody>{rounds.iter().map(|t| view! { <tr><th scope="row">{t.label.clone()}</th>
                            <td class="num">{if t.withheld { tr(T::DashboardWithheld).to_string() } else { t.jpm_people.to_string() }}</td>
                            <td class="num">{percent(t.jpm_mean, lang)}</td><td class="num">{percent(t.meeting_percent, lang)}</td></tr> }).collect_view()}</tbody>
                    </table></div>
                </div>
            </div>
        </Panel>
    }
}
