//! `/skp` (my work plan) and `/skp/:nip` (someone's plan, for those who may read it): the result rows with their
//! indicators and links to the supervisor's results, the behaviour values, every version, and the actions of the
//! owner (draft, submit) and of the direct supervisor (approve, return with comments). Every form posts to a server
//! function, so the page works without JavaScript; the server draws the plan ([`part`], a drawn part) and with
//! JavaScript its forms post in the background (`components::live_forms`).

pub(crate) mod document;
mod evaluation;
#[cfg(feature = "ssr")]
mod forms;
#[cfg(feature = "ssr")]
mod notes;
mod objections;
mod periods;

pub use document::SkpDocumentView;
pub use evaluation::EvaluationPageView;
#[cfg(feature = "ssr")]
pub(crate) use evaluation::{part as evaluation_part, rule_text};
pub use objections::ObjectionsPageView;
pub use periods::PeriodsPageView;
#[cfg(feature = "ssr")]
pub(crate) use periods::part as periods_part;

use crate::api::PeriodInfo;
use crate::api::skp::load_skp_part;
use crate::components::{Frame, LiveDrawnContent, query_notice, tr};
use crate::domain::skp::PeriodScheme;
use crate::i18n::{Lang, T};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
#[cfg(feature = "ssr")]
use {
    crate::api::SkpPage,
    crate::api::skp::{SkpRemoveRow, SkpSubmit},
    crate::components::{Erase, use_lang},
    crate::domain::skp::{Aspect, CoreValue, PeriodState, Predikat, ResultRow, RowKind, SkpStatus, Target},
    forms::{AddIndicatorForm, AddRowForm, DecideForm},
    leptos::server_fn::ServerFn,
};

#[cfg(feature = "ssr")]
pub(crate) fn status_label(s: SkpStatus) -> &'static str {
    tr(crate::i18n::skp_status_name(s))
}

#[cfg(feature = "ssr")]
pub(super) fn aspect_label(a: Aspect) -> &'static str {
    tr(match a {
        Aspect::Kuantitas => T::AspectKuantitas,
        Aspect::Kualitas => T::AspectKualitas,
        Aspect::Waktu => T::AspectWaktu,
        Aspect::Biaya => T::AspectBiaya,
    })
}

/// A period's name: "Triwulan II", "Semester 1", "Bulan 3" or "Tahunan".
pub(crate) fn period_label(p: &PeriodInfo, lang: Lang) -> String {
    const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];
    if p.is_final {
        return lang.t(T::SkpPeriodAnnual).to_string();
    }
    match p.scheme {
        PeriodScheme::Quarterly => {
            let n = ROMAN.get(usize::from(p.number).saturating_sub(1)).copied().unwrap_or("?");
            lang.fill(T::SkpPeriodQuarter, &[("n", &n)])
        }
        PeriodScheme::Semester => lang.fill(T::SkpPeriodSemester, &[("n", &p.number)]),
        PeriodScheme::Monthly => lang.fill(T::SkpPeriodMonth, &[("n", &p.number)]),
    }
}

#[cfg(feature = "ssr")]
pub(super) fn period_state_badge(s: PeriodState) -> impl IntoView {
    let label = tr(match s {
        PeriodState::Planned => T::PeriodPlanned,
        PeriodState::Open => T::PeriodOpen,
        PeriodState::Closed => T::PeriodClosed,
    });
    view! { <span class=format!("badge period-{}", s.code())>{label}</span> }
}

#[cfg(feature = "ssr")]
pub(super) fn predikat_badge(p: Predikat) -> impl IntoView {
    view! { <span class=format!("badge predikat-{}", p.code())>{tr(crate::i18n::predikat_name(p))}</span> }
}

#[cfg(feature = "ssr")]
fn kind_label(k: RowKind) -> &'static str {
    tr(match k {
        RowKind::Utama => T::SkpMain,
        RowKind::Tambahan => T::SkpAdditional,
    })
}

#[cfg(feature = "ssr")]
pub(super) fn target_text(t: &Target, lang: Lang) -> String {
    match t {
        Target::Number { value, unit } => format!("{} {unit}", crate::i18n::format::num(*value, lang)),
        Target::Percent { value } => format!("{}%", crate::i18n::format::num(*value, lang)),
        Target::Date { date } => date.clone(),
        Target::Text { text } => text.clone(),
    }
}

#[component]
pub fn SkpPageView() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let changed = RwSignal::new(0);
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("nip").unwrap_or_else(|| "me".into())),
                query.with(|q| q.get("year").and_then(|y| y.parse::<i32>().ok())),
                query.with(|q| q.get("version").and_then(|v| v.parse::<u32>().ok())),
                changed.get(),
            )
        },
        |(nip, year, version, _)| load_skp_part(nip, year, version),
    );
    view! {
        <Title text=format!("{} · Kinerja", tr(T::SkpTitle))/>
        <Frame>
            {query_notice(T::SkpSaved)}
            <LiveDrawnContent data changed/>
        </Frame>
    }
}

/// The plan, drawn on the server; the owner's, the supervisor's and the notes' forms post in the background.
#[cfg(feature = "ssr")]
pub(crate) fn part(page: SkpPage) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <Skp page/> })
}

#[cfg(feature = "ssr")]
#[component]
fn Skp(page: SkpPage) -> impl IntoView {
    let lang = use_lang();
    let year = page.year;
    let base = if page.may_edit { "/skp".to_string() } else { format!("/skp/{}", page.nip) };
    let latest = page.versions.last().cloned();
    let shown_is_latest = page.shown == latest.as_ref().map(|v| v.version);
    let status = latest.as_ref().map(|v| v.status);
    // The owner edits the newest version in place while it is a draft or returned; after approval a change starts
    // a new version. Nothing is editable while the supervisor decides.
    let editable = page.may_edit && shown_is_latest && status != Some(SkpStatus::Submitted);
    let may_submit = page.may_edit && matches!(status, Some(SkpStatus::Draft | SkpStatus::Returned));
    let may_decide = page.may_decide && status == Some(SkpStatus::Submitted);
    let returned =
        latest.as_ref().filter(|v| v.status == SkpStatus::Returned && !v.comment.is_empty()).map(|v| v.comment.clone());
    let title =
        if page.may_edit { lang.t(T::SkpTitle).to_string() } else { format!("{}: {}", lang.t(T::SkpTitle), page.name) };
    let supervisor_rows = page.supervisor_rows.clone();
    let link_text = move |key: &Option<String>| match key {
        Some(k) => supervisor_rows.iter().find(|r| r.key == *k).map(|r| r.text.clone()).unwrap_or_else(|| k.clone()),
        None => lang.t(T::SkpNoLink).to_string(),
    };
    view! {
        <h1>{title} " " {year}</h1>
        <p class="muted">{page.name.clone()} " · " {page.position.clone()} " · "
            <a href=format!("{base}?year={}", year - 1)>{tr(T::SkpPrevYear)}</a> " · "
            <a href=format!("{base}?year={}", year + 1)>{tr(T::SkpNextYear)}</a> " · "
            <a href=format!("/skp/periods?year={year}")>{tr(T::SkpPeriods)}</a> " · "
            <a href=format!("/skp/objections?year={year}")>{tr(T::SkpObjectionsTitle)}</a> " · "
            <a href=format!("/skp/{}/print?year={year}", page.nip)>{tr(T::SkpPrint)}</a></p>
        <p>{match &page.supervisor {
            Some((nip, name)) => view! { {tr(T::SkpSupervisor)} ": " <a href=format!("/skp/{nip}?year={year}")>{name.clone()}</a> }.erase(),
            None => view! { <span class="notice">{tr(T::SkpNoSupervisor)}</span> }.erase(),
        }}</p>
        {(!page.team.is_empty()).then(|| view! {
            <section aria-labelledby="team-h">
                <h2 id="team-h">{tr(T::SkpTeam)}</h2>
                <ul>{page.team.iter().map(|t| view! {
                    <li><a href=format!("/skp/{}?year={year}", t.nip)>{t.name.clone()}</a> " · "
                        {match t.status {
                            Some(s) => view! { <span class=format!("badge skp-{}", s.code())>{status_label(s)}</span> }.erase(),
                            None => view! { <span class="muted">{tr(T::SkpNoPlanShort)}</span> }.erase(),
                        }}</li>
                }).collect_view()}</ul>
            </section>
        })}
        {returned.map(|c| view! { <p class="notice" role="status"><strong>{tr(T::SkpReturnedNote)}</strong> " " {c}</p> })}
        {(!page.versions.is_empty()).then(|| view! {
            <section aria-labelledby="versions-h">
                <h2 id="versions-h">{tr(T::SkpVersions)}</h2>
                <ul class="versions">{page.versions.iter().map(|v| {
                    let current = page.shown == Some(v.version);
                    let in_force = page.in_force == Some(v.version);
                    view! { <li>
                        <a href=format!("{base}?year={year}&version={}", v.version) aria-current=current.then_some("page")>
                            {format!("{} {}", lang.t(T::SkpVersion), v.version)}</a> " "
                        <span class=format!("badge skp-{}", v.status.code())>{status_label(v.status)}</span>
                        {in_force.then(|| view! { " " <strong>{tr(T::SkpInForce)}</strong> })}
                        " · " {v.updated_at.chars().take(10).collect::<String>()}
                    </li> }
                }).collect_view()}</ul>
                {(page.may_edit && page.in_force.is_some()).then(|| view! { <p class="hint">{tr(T::SkpNewVersionHint)}</p> })}
            </section>
        })}
        <section aria-labelledby="results-h">
            <h2 id="results-h">{tr(T::SkpResults)}</h2>
            {if page.doc.rows.is_empty() {
                view! { <p class="empty">{tr(T::SkpNoPlan)}</p> }.erase()
            } else {
                view! { <div class="table-wrap"><table>
                    <caption class="visually-hidden">{tr(T::SkpResults)}</caption>
                    <thead><tr>
                        <th scope="col">{tr(T::SkpKind)}</th>
                        <th scope="col">{tr(T::SkpResult)}</th>
                        <th scope="col">{tr(T::SkpSupports)}</th>
                        <th scope="col">{tr(T::SkpIndicatorsHeading)}</th>
                    </tr></thead>
                    <tbody>{page.doc.rows.iter().map(|r| row_view(r, link_text(&r.supports), editable, year, lang)).collect_view()}</tbody>
                </table></div> }.erase()
            }}
        </section>
        {editable.then(|| view! { <AddRowForm year supervisor_rows=page.supervisor_rows.clone()/> })}
        {may_submit.then(|| view! {
            <form method="post" action=SkpSubmit::PATH class="stack" data-ok=tr(T::SkpSaved)>
                <input type="hidden" name="year" value=year/>
                <p class="hint">{tr(T::SkpDraftHint)}</p>
                <button type="submit" class="button">{tr(T::SkpSubmit)}</button>
            </form>
        })}
        {may_decide.then(|| view! { <DecideForm nip=page.nip.clone() year/> })}
        {(!page.cascade.is_empty()).then(|| {
            let chart = crate::charts::ChartSpec::Cascade { owner: page.name.clone(), rows: page.cascade.clone() };
            let summary = crate::charts::skp::cascade_summary(&page.cascade, lang);
            let height = (page.cascade.iter().map(|r| r.supporters.len().max(1)).sum::<usize>() as u32 * 28 + 80).clamp(220, 1400);
            view! {
                <section aria-labelledby="cascade-h">
                    <h2 id="cascade-h">{tr(T::SkpCascade)}</h2>
                    <p class="hint">{tr(T::SkpCascadeHint)}</p>
                    <crate::charts::ChartView id="cascade-chart" chart=chart label=summary height=height/>
                    <div class="table-wrap"><table>
                        <caption class="visually-hidden">{tr(T::SkpCascade)}</caption>
                        <thead><tr>
                            <th scope="col">{tr(T::SkpResult)}</th>
                            <th scope="col">{tr(T::SkpSupportedBy)}</th>
                        </tr></thead>
                        <tbody>{page.cascade.iter().map(|r| view! { <tr class:unsupported=r.supporters.is_empty()>
                            <th scope="row">{r.text.clone()}</th>
                            <td>{if r.supporters.is_empty() {
                                view! { <strong class="warn">"⚠ " {tr(T::SkpUnsupported)}</strong> }.erase()
                            } else {
                                view! { <ul>{r.supporters.iter().map(|s| view! {
                                    <li><a href=format!("/skp/{}?year={year}", s.nip)>{s.name.clone()}</a> ": " {s.text.clone()}</li>
                                }).collect_view()}</ul> }.erase()
                            }}</td>
                        </tr> }).collect_view()}</tbody>
                    </table></div>
                </section>
            }
        })}
        <section aria-labelledby="periods-h">
            <h2 id="periods-h">{tr(T::SkpEvaluation)}</h2>
            {if page.periods.is_empty() {
                view! { <p class="empty">{tr(T::SkpNoPeriods)} " " <a href=format!("/skp/periods?year={year}")>{tr(T::SkpPeriods)}</a></p> }.erase()
            } else {
                view! { <ul class="periods">{page.periods.iter().map(|p| view! {
                    <li><a href=format!("/skp/{}/periods/{}?year={year}", page.nip, p.period.number)>{period_label(&p.period, lang)}</a>
                        " " {period_state_badge(p.period.state)}
                        {p.predikat.map(|x| view! { " · " {tr(T::SkpPredikat)} ": " {predikat_badge(x)} })}</li>
                }).collect_view()}</ul> }.erase()
            }}
        </section>
        <section aria-labelledby="behaviour-h">
            <h2 id="behaviour-h">{tr(T::SkpBehaviour)}</h2>
            <dl class="values">{CoreValue::ALL.into_iter().map(|v| {
                let (name, guides) = crate::i18n::core_value(v);
                let expectation = page.doc.expectations.iter().find(|(c, _)| *c == v).map(|(_, t)| t.clone());
                view! {
                    <dt>{tr(name)}</dt>
                    <dd><ul>{guides.into_iter().map(|g| view! { <li>{tr(g)}</li> }).collect_view()}</ul>
                        {expectation.map(|e| view! { <p><strong>{tr(T::SkpExpectationLabel)} ": "</strong> {e}</p> })}</dd>
                }
            }).collect_view()}</dl>
        </section>
        <notes::Notes page=page.clone()/>
    }
}

#[cfg(feature = "ssr")]
fn row_view(r: &ResultRow, link: String, editable: bool, year: i32, lang: Lang) -> impl IntoView {
    let key = r.key.clone();
    let remove_key = r.key.clone();
    view! {
        <tr>
            <td>{kind_label(r.kind)}</td>
            <td>{r.text.clone()}
                {editable.then(|| view! {
                    <form method="post" action=SkpRemoveRow::PATH class="inline-form" data-ok=tr(T::SkpSaved)>
                        <input type="hidden" name="year" value=year/>
                        <input type="hidden" name="row" value=remove_key.clone()/>
                        <button type="submit" class="button-link">{tr(T::Remove)}</button>
                    </form>
                })}</td>
            <td>{link}</td>
            <td><ul>{r.indicators.iter().map(|i| view! {
                    <li>{aspect_label(i.aspect)} ": " {i.text.clone()} " — " {tr(T::SkpTargetLabel)} " " {target_text(&i.target, lang)}</li>
                }).collect_view()}</ul>
                {editable.then(|| view! { <AddIndicatorForm year row=key/> })}</td>
        </tr>
    }
}
