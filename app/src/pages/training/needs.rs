//! `/trainings/needs`: the training-needs analysis of a unit or the agency, with a plan under a budget.
//!
//! Figures, charts and a GET form: the server draws it ([`part`], a drawn part), the browser carries none of its
//! code and draws the charts from the options the server wrote.

use crate::api::training::load_needs_part;
use crate::components::{DrawnContent, Frame, tr};
use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
#[cfg(feature = "ssr")]
use {
    crate::api::NeedsPage,
    crate::charts::{ChartSpec, ChartView},
    crate::components::{Erase, use_lang},
    crate::domain::training::Budget,
    crate::i18n::Lang,
    crate::i18n::format::{num, rupiah},
    crate::pages::widgets::UnitSelect,
};

#[component]
pub fn NeedsPageView() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || query.with(|q| (q.get("unit"), q.get("budget"), q.get("budget_unit"))),
        |(u, b, bu)| load_needs_part(u, b, bu),
    );
    view! {
        <Title text=format!("{} · Kinerja", tr(T::NeedsTitle))/>
        <Frame>
            <nav class="breadcrumbs" aria-label=tr(T::NavTrainings)><a href="/trainings">{tr(T::CatalogTitle)}</a></nav>
            <h1>{tr(T::NeedsTitle)}</h1>
            <DrawnContent data/>
        </Frame>
    }
}

/// The analysis, drawn on the server.
#[cfg(feature = "ssr")]
pub fn part(page: NeedsPage) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <Needs page=page/> })
}

#[cfg(feature = "ssr")]
#[component]
fn Needs(page: NeedsPage) -> impl IntoView {
    let lang = use_lang();
    let en = lang == Lang::En;
    let title_of = |code: &str| {
        page.catalog.iter().find(|t| t.code == code).map(|t| t.title.get(en).to_string()).unwrap_or(code.to_string())
    };
    let top: Vec<_> = page.rows.iter().take(12).collect();
    let chart = ChartSpec::Needs {
        titles: top.iter().map(|r| title_of(&r.training)).collect(),
        closed: top.iter().map(|r| r.gap_closed).collect(),
        people: top.iter().map(|r| r.people).collect(),
    };
    let comp_chart = ChartSpec::CompetencyNeeds {
        codes: page.by_competency.iter().map(|c| c.0.clone()).collect(),
        people: page.by_competency.iter().map(|c| c.2).collect(),
        mean_gap: page.by_competency.iter().map(|c| c.3).collect(),
    };
    let jp = page.budget_unit == "jp";
    // The downloads carry the page's choices.
    let query = {
        let mut q = vec![format!("budget_unit={}", page.budget_unit)];
        if let Some(u) = &page.unit {
            q.push(format!("unit={u}"));
        }
        if page.budget > 0 {
            q.push(format!("budget={}", page.budget));
        }
        format!("?{}", q.join("&"))
    };
    let budget_value = if page.budget > 0 { page.budget.to_string() } else { String::new() };
    let amount = |a: u64| if jp { format!("{a} JP") } else { rupiah(a) };
    let summary = format!(
        "{}: {} · {} {} · {} {}",
        lang.t(T::Scope),
        page.scope_name,
        page.people,
        lang.t(T::PeopleInScope),
        page.people_with_gaps,
        lang.t(T::PeopleWithGaps)
    );
    view! {
        <form method="get" class="stack no-print needs-form" action="/trainings/needs">
            <div class="row">
                {(!page.units.is_empty()).then(|| view! {
                    <UnitSelect units=page.units.clone() selected=page.unit.clone()/>
                })}
                <label>{tr(T::Budget)}
                    <input type="text" inputmode="numeric" name="budget" value=budget_value/>
                </label>
                <label>{tr(T::BudgetUnit)}
                    <select name="budget_unit">
                        <option value="rupiah" selected=!jp>"Rupiah"</option>
                        <option value="jp" selected=jp>{tr(T::LessonHours)}</option>
                    </select>
                </label>
            </div>
            <button type="submit" class="button">{tr(T::Analyse)}</button>
        </form>
        {match page.round_name.clone() {
            None => view! { <p class="empty">{tr(T::NoClosedRound)}</p> }.erase(),
            Some(round) => view! {
                <p class="hint">{summary.clone()} " · " {tr(T::Round)} ": " {round}</p>
                <section aria-labelledby="bycomp-h">
                    <h2 id="bycomp-h">{tr(T::NeedsByCompetency)}</h2>
                    <ChartView id="needs-comp-chart" chart=comp_chart label=summary.clone() height=320/>
                    <div class="table-wrap"><table>
                        <caption class="visually-hidden">{tr(T::NeedsByCompetency)}</caption>
                        <thead><tr><th scope="col">{tr(T::Competency)}</th><th scope="col" class="num">{tr(T::PeopleWithGaps)}</th><th scope="col" class="num">{tr(T::MeanGap)}</th></tr></thead>
                        <tbody>{page.by_competency.iter().map(|(c, n, p, g)| view! {
                            <tr><th scope="row">{c.clone()} " " {n.get(en).to_string()}</th><td class="num">{*p}</td><td class="num">{num(*g, lang)}</td></tr>
                        }).collect_view()}</tbody>
                    </table></div>
                </section>
                <section aria-labelledby="trainings-h">
                    <h2 id="trainings-h">{tr(T::NeedsByTraining)}</h2>
                    <p class="hint">{tr(T::NeedsRule)}</p>
                    <p class="no-print"><a href=format!("/trainings/needs.csv{query}") rel="external" download="">{tr(T::NeedsDownload)}</a>
                        " · " <a href=format!("/trainings/needs.xlsx{query}") rel="external" download="">{tr(T::DownloadXlsx)}</a></p>
                    {(!top.is_empty()).then(|| view! { <ChartView id="needs-chart" chart=chart.clone() label=lang.t(T::NeedsByTraining).to_string() height=460/> })}
                    <div class="table-wrap"><table>
                        <caption class="visually-hidden">{tr(T::NeedsByTraining)}</caption>
                        <thead><tr>
                            <th scope="col">{tr(T::TrainingTitle)}</th>
                            <th scope="col" class="num">{tr(T::People)}</th>
                            <th scope="col" class="num">{tr(T::GapClosed)}</th>
                            <th scope="col" class="num">{tr(T::Cost)}</th>
                            <th scope="col" class="num">"JP"</th>
                        </tr></thead>
                        <tbody>{page.rows.iter().map(|r| view! { <tr>
                            <th scope="row">{title_of(&r.training)} " " <span class="muted">"(" {r.training.clone()} ")"</span></th>
                            <td class="num">{r.people}</td>
                            <td class="num">{num(r.gap_closed, lang)}</td>
                            <td class="num">{rupiah(r.cost)}</td>
                            <td class="num">{r.jp}</td>
                        </tr> }).collect_view()}</tbody>
                    </table></div>
                </section>
                <section aria-labelledby="plan-h">
                    <h2 id="plan-h">{tr(T::BudgetPlan)}</h2>
                    {match page.plan.clone() {
                        None => view! { <p class="empty">{tr(T::EnterBudget)}</p> }.erase(),
                        Some(plan) => {
                            let budget = plan.budget;
                            let total = match budget { Budget::Rupiah(a) | Budget::Jp(a) => a };
                            let pct = if plan.total_gap > 0.0 { plan.gap_closed * 100.0 / plan.total_gap } else { 0.0 };
                            view! {
                                <p id="plan-summary"><strong>{format!("{}: {} / {}", lang.t(T::Spent), amount(plan.spent), amount(total))}</strong>
                                    " · " {lang.fill(T::GapClosedOf, &[("closed", &num(plan.gap_closed, lang)), ("total", &num(plan.total_gap, lang)), ("pct", &num(pct, lang))])}
                                    " · " {format!("{} {}", plan.left_out, lang.t(T::LeftOut))}</p>
                                <details class="how" open>
                                    <summary>{tr(T::HowChosen)}</summary>
                                    <p>{tr(T::BudgetRule)}</p>
                                </details>
                                <p class="no-print"><a href=format!("/trainings/needs/plan.csv{query}") rel="external" download="">{tr(T::NeedsDownload)}</a>
                                    " · " <a href=format!("/trainings/needs/plan.xlsx{query}") rel="external" download="">{tr(T::DownloadXlsx)}</a></p>
                                <div class="table-wrap"><table>
                                    <caption class="visually-hidden">{tr(T::BudgetPlan)}</caption>
                                    <thead><tr>
                                        <th scope="col">{tr(T::TrainingTitle)}</th>
                                        <th scope="col" class="num">{tr(T::Seats)}</th>
                                        <th scope="col" class="num">{tr(T::GapClosed)}</th>
                                        <th scope="col" class="num">{tr(T::Spent)}</th>
                                        <th scope="col" class="num">{tr(T::PerUnit)}</th>
                                    </tr></thead>
                                    <tbody>{plan.rows.iter().map(|(training, seats, closed, spent)| {
                                        let per = if *spent > 0 { num(closed / (*spent as f64) * if jp { 100.0 } else { 1_000_000.0 }, lang) } else { "∞".into() };
                                        view! { <tr>
                                            <th scope="row">{title_of(training)}</th>
                                            <td class="num">{*seats}</td>
                                            <td class="num">{num(*closed, lang)}</td>
                                            <td class="num">{amount(*spent)}</td>
                                            <td class="num">{per}</td>
                                        </tr> }
                                    }).collect_view()}</tbody>
                                </table></div>
                                <p class="hint">{if jp { tr(T::PerHundredJp) } else { tr(T::PerMillion) }}</p>
                            }.erase()
                        }
                    }}
                </section>
            }.erase(),
        }}
    }
}
