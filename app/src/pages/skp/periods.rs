//! `/skp/periods`: a performance year's assessment periods. Everyone reads them; HR plans a year (quarterly,
//! half-yearly or monthly, each with an input deadline, plus the annual period) and opens and closes periods.
//!
//! The server draws the page ([`part`], a drawn part): tables, links and HR's forms, which post in the background
//! (`components::live_forms`) and without JavaScript alike.

use crate::api::skp::load_periods_part;
use crate::components::{Frame, LiveDrawnContent, query_notice, tr};
use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
#[cfg(feature = "ssr")]
use {
    super::{period_label, period_state_badge},
    crate::api::PeriodsPage,
    crate::api::skp::{SkpAdvancePeriod, SkpPlanYear, SkpSaveSettings, SkpSetOrgPredikat},
    crate::components::{Erase, use_lang},
    crate::domain::skp::{OrgPredikat, PeriodScheme, PeriodState},
    crate::i18n::{org_predikat_name, predikat_name},
    leptos::server_fn::ServerFn,
};

#[cfg(feature = "ssr")]
fn scheme_label(s: PeriodScheme) -> &'static str {
    tr(match s {
        PeriodScheme::Quarterly => T::SchemeQuarterly,
        PeriodScheme::Semester => T::SchemeSemester,
        PeriodScheme::Monthly => T::SchemeMonthly,
    })
}

#[component]
pub fn PeriodsPageView() -> impl IntoView {
    let query = use_query_map();
    let changed = RwSignal::new(0);
    let data = Resource::new(
        move || (query.with(|q| q.get("year").and_then(|y| y.parse::<i32>().ok())), changed.get()),
        |(year, _)| load_periods_part(year),
    );
    view! {
        <Title text=format!("{} · Kinerja", tr(T::SkpPeriods))/>
        <Frame>
            {query_notice(T::SkpSaved)}
            <LiveDrawnContent data changed/>
        </Frame>
    }
}

/// The periods, drawn on the server.
#[cfg(feature = "ssr")]
pub fn part(page: PeriodsPage) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <Periods page=page/> })
}

#[cfg(feature = "ssr")]
#[component]
fn Periods(page: PeriodsPage) -> impl IntoView {
    let lang = use_lang();
    let year = page.year;
    let may_manage = page.may_manage;
    let settings_page = page.clone();
    let open_periods: Vec<(u8, String)> = page
        .periods
        .iter()
        .filter(|p| p.state != PeriodState::Closed)
        .map(|p| (p.number, period_label(p, lang)))
        .collect();
    let period_name = {
        let periods = page.periods.clone();
        move |n: u8| periods.iter().find(|p| p.number == n).map(|p| period_label(p, lang)).unwrap_or_default()
    };
    view! {
        <h1>{tr(T::SkpPeriods)} " " {year}</h1>
        <p class="muted">
            <a href=format!("/skp/periods?year={}", year - 1)>{tr(T::SkpPrevYear)}</a> " · "
            <a href=format!("/skp/periods?year={}", year + 1)>{tr(T::SkpNextYear)}</a> " · "
            <a href=format!("/skp?year={year}")>{tr(T::SkpTitle)}</a>
        </p>
        <p class="hint">{tr(T::SkpPeriodsHint)}</p>
        {if page.periods.is_empty() {
            view! { <p class="empty">{tr(T::SkpNoPeriods)}</p> }.erase()
        } else {
            view! { <div class="table-wrap"><table>
                <caption class="visually-hidden">{tr(T::SkpPeriods)}</caption>
                <thead><tr>
                    <th scope="col">{tr(T::SkpPeriod)}</th>
                    <th scope="col">{tr(T::SkpDates)}</th>
                    <th scope="col">{tr(T::SkpDeadline)}</th>
                    <th scope="col">{tr(T::SkpState)}</th>
                    {page.may_set_org.then(|| view! { <th scope="col"><span class="visually-hidden">{tr(T::SkpState)}</span></th> })}
                </tr></thead>
                <tbody>{page.periods.iter().map(|p| {
                    let next = p.state.next();
                    let number = p.number;
                    view! { <tr>
                        <th scope="row">{period_label(p, lang)}</th>
                        <td>{p.start.clone()} " – " {p.end.clone()}</td>
                        <td>{p.deadline.clone()}</td>
                        <td>{period_state_badge(p.state)}</td>
                        {page.may_set_org.then(|| view! { <td>{(p.state != PeriodState::Planned).then(|| view! {
                            <a href=format!("/skp/periods/{year}/{number}/predikat.csv") rel="external" download="">{tr(T::SkpDownloadPredikat)}</a> " "
                            <a href=format!("/skp/periods/{year}/{number}/predikat.xlsx") rel="external" download="">{tr(T::DownloadXlsx)}</a> " "
                        })}{(may_manage && p.state == PeriodState::Closed).then(|| view! {
                            <a href=format!("/talent/bias?period={year}-{number}")>{tr(T::BiasOfPeriod)}</a> " "
                        })}{next.filter(|_| may_manage).map(|to| view! {
                            <form method="post" action=SkpAdvancePeriod::PATH class="inline-form" data-ok=tr(T::SkpSaved)>
                                <input type="hidden" name="year" value=year/>
                                <input type="hidden" name="number" value=number/>
                                <button type="submit" class="button small">
                                    {tr(if to == PeriodState::Open { T::SkpOpenPeriod } else { T::SkpClosePeriod })}
                                </button>
                            </form>
                        })}</td> })}
                    </tr> }
                }).collect_view()}</tbody>
            </table></div> }.erase()
        }}
        <section aria-labelledby="org-h">
            <h2 id="org-h">{tr(T::SkpOrgPredikat)}</h2>
            <p class="hint">{tr(T::SkpOrgPredikatHint)}</p>
            {if page.org.is_empty() {
                view! { <p class="empty">{tr(T::SkpNoOrgPredikat)}</p> }.erase()
            } else {
                view! { <div class="table-wrap"><table>
                    <caption class="visually-hidden">{tr(T::SkpOrgPredikat)}</caption>
                    <thead><tr>
                        <th scope="col">{tr(T::SkpPeriod)}</th>
                        <th scope="col">{tr(T::SkpOrgUnit)}</th>
                        <th scope="col">{tr(T::SkpOrgPredikat)}</th>
                    </tr></thead>
                    <tbody>{page.org.iter().map(|o| view! { <tr>
                        <td>{period_name(o.period)}</td>
                        <th scope="row">{o.unit_name.clone()}</th>
                        <td>{tr(org_predikat_name(o.predikat))}</td>
                    </tr> }).collect_view()}</tbody>
                </table></div> }.erase()
            }}
            {(page.may_set_org && !open_periods.is_empty()).then(|| view! {
                <form method="post" action=SkpSetOrgPredikat::PATH class="stack" data-ok=tr(T::SkpSaved)>
                    <input type="hidden" name="year" value=year/>
                    <label for="org-unit">{tr(T::SkpOrgUnit)}</label>
                    <select id="org-unit" name="unit" required>
                        {page.units.iter().map(|(k, n, depth)| view! {
                            <option value=k.clone()>{format!("{}{n}", "· ".repeat(depth.saturating_sub(1) as usize))}</option>
                        }).collect_view()}
                    </select>
                    <label for="org-period">{tr(T::SkpPeriod)}</label>
                    <select id="org-period" name="period" required>
                        {open_periods.iter().map(|(n, l)| view! { <option value=*n>{l.clone()}</option> }).collect_view()}
                    </select>
                    <label for="org-predikat">{tr(T::SkpOrgPredikat)}</label>
                    <select id="org-predikat" name="predikat" required>
                        {OrgPredikat::ALL.into_iter().map(|p| view! {
                            <option value=p.code() selected=p == OrgPredikat::Baik>{tr(org_predikat_name(p))}</option>
                        }).collect_view()}
                    </select>
                    <button type="submit" class="button">{tr(T::SkpSetOrgPredikat)}</button>
                </form>
            })}
        </section>
        {(page.may_manage && page.periods.is_empty()).then(|| view! {
            <section aria-labelledby="plan-h">
                <h2 id="plan-h">{tr(T::SkpPlanYear)}</h2>
                <form method="post" action=SkpPlanYear::PATH class="stack" data-ok=tr(T::SkpSaved)>
                    <input type="hidden" name="year" value=year/>
                    <fieldset class="choices">
                        <legend>{tr(T::SkpScheme)}</legend>
                        {PeriodScheme::ALL.into_iter().map(|s| {
                            let id = format!("scheme-{}", s.code());
                            let label_for = id.clone();
                            view! { <label for=label_for>
                                <input type="radio" id=id name="scheme" value=s.code() checked=s == PeriodScheme::Quarterly/>
                                " " {scheme_label(s)}
                            </label> }
                        }).collect_view()}
                    </fieldset>
                    <label for="deadline-days">{tr(T::SkpDeadlineDaysLabel)}</label>
                    <input id="deadline-days" type="number" name="deadline_days" min="0" max="90" value="10" required inputmode="numeric"/>
                    <button type="submit" class="button">{tr(T::SkpPlanYear)}</button>
                </form>
            </section>
        })}
        <Settings page=settings_page/>
    }
}

/// The agency's SKP settings: everyone reads them; HR changes them.
#[cfg(feature = "ssr")]
#[component]
fn Settings(page: PeriodsPage) -> impl IntoView {
    let lang = use_lang();
    let s = page.settings;
    view! {
        <section aria-labelledby="settings-h">
            <h2 id="settings-h">{tr(T::SkpSettingsTitle)}</h2>
            <p class="hint">{tr(T::SkpSettingsHint)}</p>
            {if page.may_manage {
                view! {
                    <form method="post" action=SkpSaveSettings::PATH class="stack" data-ok=tr(T::SkpSaved)>
                        <input type="hidden" name="year" value=page.year/>
                        <label for="objection-days">{tr(T::SkpObjectionDaysLabel)}</label>
                        <input id="objection-days" type="number" name="objection_days" min="1" max="90" required inputmode="numeric" value=s.objection_days/>
                        <label for="decision-days">{tr(T::SkpDecisionDaysLabel)}</label>
                        <input id="decision-days" type="number" name="decision_days" min="1" max="90" required inputmode="numeric" value=s.decision_days/>
                        {s.allowance.iter().enumerate().map(|(i, (p, pct))| {
                            let id = format!("allowance-{}", p.code());
                            let label = lang.fill(T::SkpAllowanceFor, &[("predikat", &lang.t(predikat_name(*p)))]);
                            view! {
                                <label for=id.clone()>{label}</label>
                                <input id=id type="number" name=format!("allowance[{i}]") min="0" max="100" required inputmode="numeric" value=*pct/>
                            }
                        }).collect_view()}
                        <button type="submit" class="button secondary">{tr(T::SkpSaveSettings)}</button>
                    </form>
                }.erase()
            } else {
                view! {
                    <dl class="pairs">
                        <dt>{tr(T::SkpObjectionDaysLabel)}</dt><dd>{s.objection_days}</dd>
                        <dt>{tr(T::SkpDecisionDaysLabel)}</dt><dd>{s.decision_days}</dd>
                        {s.allowance.iter().map(|(p, pct)| view! {
                            <dt>{lang.fill(T::SkpAllowanceFor, &[("predikat", &lang.t(predikat_name(*p)))])}</dt>
                            <dd>{format!("{pct}%")}</dd>
                        }).collect_view()}
                    </dl>
                }.erase()
            }}
        </section>
    }
}
