//! `/trainings` (catalog; HR edits, imports CSV and sets report weights), `/trainings/new`, `/trainings/:key/edit`
//! and `/trainings/needs` (training-needs analysis with a plan under a budget).

use crate::api::{CatalogPage, NeedsPage, ReportSettings, TRAINING_MODES, TrainingInfo};
use crate::api::{report::*, training::*};
use crate::charts::ChartView;
use crate::charts::report::{competency_needs_chart, needs_chart};
use crate::components::{ErrorNotice, Frame, Loading, tr, use_lang};
use crate::domain::report::{Budget, JpmProfile};
use crate::i18n::{Lang, T};
use crate::pages::report::{mode_label, num, rupiah};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

pub(crate) fn query_notice() -> Option<AnyView> {
    use_query_map().with_untracked(|q| {
        q.get("error").map(|e| view! { <p class="form-error" role="alert">{e}</p> }.into_any()).or_else(|| {
            q.get("saved").map(|_| view! { <p class="form-ok" role="status">{tr(T::Saved)}</p> }.into_any())
        })
    })
}

#[component]
pub fn TrainingsPage() -> impl IntoView {
    let import = ServerAction::<ImportTrainings>::new();
    let data = Resource::new(move || import.version().get(), |_| load_catalog());
    // Created here, with the page's other resource, not inside its Suspend: a resource first created inside an
    // already-resolved suspense is rendered without the markers hydration looks for.
    let save = ServerAction::<SaveReportSettings>::new();
    let settings = Resource::new(move || save.version().get(), |_| load_report_settings());
    view! {
        <Title text=format!("{} · Kinerja", tr(T::NavTrainings))/>
        <Frame>
            <h1>{tr(T::CatalogTitle)}</h1>
            {query_notice()}
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) => {
                            let current = if p.can_edit { settings.await.ok() } else { None };
                            view! { <Catalog page=p import settings=current save/> }.into_any()
                        }
                        Err(e) => view! { <ErrorNotice err=e/> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

#[component]
fn Catalog(
    page: CatalogPage,
    import: ServerAction<ImportTrainings>,
    settings: Option<ReportSettings>,
    save: ServerAction<SaveReportSettings>,
) -> impl IntoView {
    let lang = use_lang();
    let en = lang == Lang::En;
    view! {
        <p class="actions">
            {page.can_analyse.then(|| view! { <a class="button" href="/trainings/needs">{tr(T::NeedsTitle)}</a> })}
            {page.can_edit.then(|| view! { <a class="button secondary" href="/trainings/new">{tr(T::NewTraining)}</a> })}
        </p>
        <div class="table-wrap">
            <table>
                <caption>{format!("{} ({})", lang.t(T::CatalogTitle), page.trainings.len())}</caption>
                <thead><tr>
                    <th scope="col">{tr(T::TrainingCode)}</th>
                    <th scope="col">{tr(T::TrainingTitle)}</th>
                    <th scope="col">{tr(T::Mode)}</th>
                    <th scope="col">{tr(T::CompetenciesDeveloped)}</th>
                    <th scope="col" class="num">{tr(T::LevelRange)}</th>
                    <th scope="col" class="num">"JP"</th>
                    <th scope="col" class="num">{tr(T::Cost)}</th>
                </tr></thead>
                <tbody>
                    {page.trainings.iter().map(|t| view! {
                        <tr class:inactive=!t.active>
                            <th scope="row">{if page.can_edit {
                                view! { <a href=format!("/trainings/{}/edit", t.key)>{t.code.clone()}</a> }.into_any()
                            } else { t.code.clone().into_any() }}</th>
                            <td>{t.title.get(en).to_string()} <br/><span class="muted">{t.provider.clone()}
                                {(!t.active).then(|| format!(" · {}", lang.t(T::Inactive)))}</span></td>
                            <td>{mode_label(&t.mode, lang)}</td>
                            <td>{t.competencies.join(", ")}</td>
                            <td class="num">{t.level_min} "–" {t.level_max}</td>
                            <td class="num">{t.jp}</td>
                            <td class="num">{rupiah(t.cost)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <p class="hint">{tr(T::LevelRangeHint)}</p>
        {page.can_edit.then(|| view! {
            <section aria-labelledby="import-h">
                <h2 id="import-h">{tr(T::ImportCsv)}</h2>
                <p class="hint">{tr(T::ImportCsvHint)}</p>
                <pre class="csv-template">"code,title_id,title_en,provider,mode,competencies,level_min,level_max,jp,cost\nKOM-09,Menulis Laporan,Report writing,BPSDM,e-learning,M.03|M.04,1,3,16,0"</pre>
                <ActionForm action=import attr:class="stack">
                    <label for="csv-file">{tr(T::CsvFile)}</label>
                    // Filled by public/forms.js (no inline handler: the CSP forbids inline scripts).
                    <input id="csv-file" type="file" accept=".csv,text/csv" data-fill-text="csv"/>
                    <label for="csv">{tr(T::CsvContent)}</label>
                    <textarea id="csv" name="csv" rows="8" required></textarea>
                    <button type="submit" class="button" disabled=move || import.pending().get()>{tr(T::Import)}</button>
                </ActionForm>
                <div aria-live="polite">
                    {move || import.value().get().map(|r| match r {
                        Ok(rep) if rep.errors.is_empty() => view! {
                            <p class="form-ok" role="status">{format!("{}: {} {}, {} {}", lang.t(T::ImportDone), rep.imported, lang.t(T::New), rep.updated, lang.t(T::Updated))}</p>
                        }.into_any(),
                        Ok(rep) => view! {
                            <div class="form-error" role="alert">
                                <p>{tr(T::ImportRejected)}</p>
                                <ul>{rep.errors.into_iter().map(|(line, msg)| view! { <li>{format!("{} {line}: {msg}", lang.t(T::Line))}</li> }).collect_view()}</ul>
                            </div>
                        }.into_any(),
                        Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                    })}
                </div>
            </section>
        })}
        {settings.map(|s| view! { <SettingsForm s save/> })}
    }
}

/// HR: group weights and JPM settings.
#[component]
fn SettingsForm(s: ReportSettings, save: ServerAction<SaveReportSettings>) -> impl IntoView {
    view! {
        <section aria-labelledby="settings-h">
            <h2 id="settings-h">{tr(T::ReportSettingsTitle)}</h2>
            <SettingsFields s save/>
        </section>
    }
}

#[component]
fn SettingsFields(s: ReportSettings, save: ServerAction<SaveReportSettings>) -> impl IntoView {
    let w = s.weights;
    let j = s.jpm;
    let field = |name: &'static str, label: T, value: String| {
        view! { <label>{tr(label)} <input type="number" name=name value=value step="any" min="0" required/></label> }
    };
    view! {
        <ActionForm action=save attr:class="stack">
            <fieldset>
                <legend>{tr(T::GroupWeights)}</legend>
                <div class="row">
                    {field("self_rating", T::GroupSelf, w.self_rating.to_string())}
                    {field("supervisor", T::GroupSupervisor, w.supervisor.to_string())}
                    {field("peer", T::GroupPeer, w.peer.to_string())}
                    {field("subordinate", T::GroupSubordinate, w.subordinate.to_string())}
                </div>
            </fieldset>
            <fieldset>
                <legend>"JPM"</legend>
                <label>{tr(T::JpmProfileLabel)}
                    <select name="profile">
                        <option value="mapping" selected=j.profile == JpmProfile::Mapping>{tr(T::ProfileMapping)}</option>
                        <option value="selection" selected=j.profile == JpmProfile::Selection>{tr(T::ProfileSelection)}</option>
                    </select>
                </label>
                <div class="row">
                    {field("selection_high", T::SelectionHigh, j.selection.0.to_string())}
                    {field("selection_low", T::SelectionLow, j.selection.1.to_string())}
                    {field("mapping_high", T::MappingHigh, j.mapping.0.to_string())}
                    {field("mapping_low", T::MappingLow, j.mapping.1.to_string())}
                </div>
                <label class="check"><input type="checkbox" name="cap" value="on" checked=j.cap_at_100/> {tr(T::CapAt100)}</label>
            </fieldset>
            <div aria-live="polite">
                {move || save.value().get().map(|r| match r {
                    Ok(()) => view! { <p class="form-ok" role="status">{tr(T::Saved)}</p> }.into_any(),
                    Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                })}
            </div>
            <button type="submit" class="button">{tr(T::Save)}</button>
        </ActionForm>
    }
}

#[component]
pub fn TrainingFormPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || params.with(|p| p.get("key"));
    let data = Resource::new(key, |_| load_catalog());
    let save = ServerAction::<SaveTraining>::new();
    view! {
        <Title text=format!("{} · Kinerja", tr(T::NavTrainings))/>
        <Frame require=crate::domain::Role::HrAdmin>
            <nav class="breadcrumbs" aria-label=tr(T::NavTrainings)><a href="/trainings">{tr(T::CatalogTitle)}</a></nav>
            {query_notice()}
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    let editing = key();
                    match data.await {
                        Ok(p) => {
                            let existing = editing.as_ref().and_then(|k| p.trainings.iter().find(|t| &t.key == k).cloned());
                            if editing.is_some() && existing.is_none() {
                                return view! { <p class="empty">{tr(T::ErrNotFound)}</p> }.into_any();
                            }
                            view! { <TrainingForm page=p existing save/> }.into_any()
                        }
                        Err(e) => view! { <ErrorNotice err=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </Frame>
    }
}

#[component]
fn TrainingForm(page: CatalogPage, existing: Option<TrainingInfo>, save: ServerAction<SaveTraining>) -> impl IntoView {
    let lang = use_lang();
    let en = lang == Lang::En;
    let t = existing.clone().unwrap_or(TrainingInfo {
        key: String::new(),
        code: String::new(),
        title: Default::default(),
        provider: String::new(),
        mode: "classroom".into(),
        competencies: vec![],
        level_min: 1,
        level_max: 3,
        jp: 24,
        cost: 0,
        active: true,
    });
    let editing = existing.is_some();
    if !page.can_edit {
        return view! { <p class="form-error" role="alert">{tr(T::ErrForbidden)}</p> }.into_any();
    }
    view! {
        <h1>{if editing { format!("{} {}", lang.t(T::EditTraining), t.code) } else { lang.t(T::NewTraining).to_string() }}</h1>
        <ActionForm action=save attr:class="stack">
            <input type="hidden" name="editing" value=if editing { t.key.clone() } else { String::new() }/>
            <label>{tr(T::TrainingCode)}
                <input type="text" name="code" required maxlength="20" value=t.code.clone() readonly=editing/></label>
            <label>{tr(T::TrainingTitle)} " (ID)"<input type="text" name="title_id" required maxlength="200" value=t.title.id.clone()/></label>
            <label>{tr(T::TrainingTitle)} " (EN)"<input type="text" name="title_en" maxlength="200" value=t.title.en.clone()/></label>
            <label>{tr(T::Provider)}<input type="text" name="provider" maxlength="200" value=t.provider.clone()/></label>
            <label>{tr(T::Mode)}
                <select name="mode">
                    {TRAINING_MODES.iter().map(|m| view! {
                        <option value=*m selected=t.mode == *m>{mode_label(m, lang)}</option>
                    }).collect_view()}
                </select>
            </label>
            <fieldset>
                <legend>{tr(T::CompetenciesDeveloped)}</legend>
                {page.competencies.iter().map(|(c, n)| view! {
                    <label class="check"><input type="checkbox" name=format!("competencies[{c}]") value="on"
                        checked=t.competencies.contains(c)/> {c.clone()} " " {n.get(en).to_string()}</label>
                }).collect_view()}
            </fieldset>
            <div class="row">
                <label>{tr(T::LevelFrom)}<input type="number" name="level_min" min="1" max="5" required value=t.level_min.to_string()/></label>
                <label>{tr(T::LevelTo)}<input type="number" name="level_max" min="1" max="5" required value=t.level_max.to_string()/></label>
                <label>"JP"<input type="number" name="jp" min="1" max="2000" required value=t.jp.to_string()/></label>
                <label>{tr(T::Cost)} " (Rp)"<input type="text" inputmode="numeric" name="cost" value=t.cost.to_string()/></label>
            </div>
            <p class="hint">{tr(T::LevelRangeHint)}</p>
            {editing.then(|| view! {
                <label class="check"><input type="checkbox" name="active" value="on" checked=t.active/> {tr(T::Active)}</label>
            })}
            <div aria-live="polite">
                {move || save.value().get().map(|r| match r {
                    Ok(_) => view! { <p class="form-ok" role="status">{tr(T::Saved)} " " <a href="/trainings">{tr(T::CatalogTitle)}</a></p> }.into_any(),
                    Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                })}
            </div>
            <button type="submit" class="button">{tr(T::Save)}</button>
        </ActionForm>
    }
    .into_any()
}

#[component]
pub fn NeedsPageView() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || query.with(|q| (q.get("unit"), q.get("budget"), q.get("budget_unit"))),
        |(u, b, bu)| load_needs(u, b, bu),
    );
    view! {
        <Title text=format!("{} · Kinerja", tr(T::NeedsTitle))/>
        <Frame>
            <nav class="breadcrumbs" aria-label=tr(T::NavTrainings)><a href="/trainings">{tr(T::CatalogTitle)}</a></nav>
            <h1>{tr(T::NeedsTitle)}</h1>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) => view! { <Needs page=p/> }.into_any(),
                        Err(e) => view! { <ErrorNotice err=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </Frame>
    }
}

#[component]
fn Needs(page: NeedsPage) -> impl IntoView {
    let lang = use_lang();
    let en = lang == Lang::En;
    let title_of = |code: &str| {
        page.catalog.iter().find(|t| t.code == code).map(|t| t.title.get(en).to_string()).unwrap_or(code.to_string())
    };
    let top: Vec<_> = page.rows.iter().take(12).collect();
    let chart = needs_chart(
        &top.iter().map(|r| title_of(&r.training)).collect::<Vec<_>>(),
        &top.iter().map(|r| r.gap_closed).collect::<Vec<_>>(),
        &top.iter().map(|r| r.people).collect::<Vec<_>>(),
        lang,
    );
    let comp_chart = competency_needs_chart(
        &page.by_competency.iter().map(|c| c.0.clone()).collect::<Vec<_>>(),
        &page.by_competency.iter().map(|c| c.2).collect::<Vec<_>>(),
        &page.by_competency.iter().map(|c| c.3).collect::<Vec<_>>(),
        lang,
    );
    let jp = page.budget_unit == "jp";
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
                    <label>{tr(T::Unit)}
                        <select name="unit">
                            <option value="">{tr(T::WholeAgency)}</option>
                            {page.units.iter().map(|(k, n, d)| view! {
                                <option value=k.clone() selected=page.unit.as_deref() == Some(k.as_str())>
                                    {format!("{}{}", "  ".repeat(*d as usize), n)}</option>
                            }).collect_view()}
                        </select>
                    </label>
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
            None => view! { <p class="empty">{tr(T::NoClosedRound)}</p> }.into_any(),
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
                        None => view! { <p class="empty">{tr(T::EnterBudget)}</p> }.into_any(),
                        Some(plan) => {
                            let budget = plan.budget;
                            let total = match budget { Budget::Rupiah(a) | Budget::Jp(a) => a };
                            let pct = if plan.total_gap > 0.0 { plan.gap_closed * 100.0 / plan.total_gap } else { 0.0 };
                            view! {
                                <p id="plan-summary"><strong>{format!("{}: {} / {}", lang.t(T::Spent), amount(plan.spent), amount(total))}</strong>
                                    " · " {format!("{} {} {} {} ({}%)", lang.t(T::GapClosed), num(plan.gap_closed, lang), lang.t(T::Of), num(plan.total_gap, lang), num(pct, lang))}
                                    " · " {format!("{} {}", plan.left_out, lang.t(T::LeftOut))}</p>
                                <details class="how" open>
                                    <summary>{tr(T::HowChosen)}</summary>
                                    <p>{tr(T::BudgetRule)}</p>
                                </details>
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
                            }.into_any()
                        }
                    }}
                </section>
            }.into_any(),
        }}
    }
}
