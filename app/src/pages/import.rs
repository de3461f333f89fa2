//! `/hr/import` and `/hr/import/:id`: HR loads the organisation from a spreadsheet. The upload is a plain
//! `multipart/form-data` form (works without JavaScript); the import's page shows the progress while the file is
//! checked, then the dry run — what would be created, changed, moved or deactivated, and every row's errors with
//! row and column — and applies it in one step. While work runs the page asks again every second (without
//! JavaScript it refreshes itself).

use crate::api::import::{load_import_part, load_imports};
use crate::api::{ImportState, ImportSummary};
use crate::components::Erase;
use crate::components::{ErrorNotice, Frame, LiveDrawnContent, Loading, query_notice, tr, use_lang};
use crate::domain::import::Column;
use crate::i18n::{Lang, T, import_column};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
#[cfg(feature = "ssr")]
use {
    crate::api::import::ApplyImport,
    crate::api::{ImportJob, ImportPreview},
    crate::domain::import::{ChangeKind, EmployeeChange, EmployeeState, UnitChange},
    crate::i18n::{import_failure, import_problem},
    leptos::server_fn::ServerFn,
};

/// A stored datetime as `YYYY-MM-DD HH:MM` (UTC).
fn when(at: &str) -> String {
    at.get(..16).unwrap_or(at).replace('T', " ")
}

fn state_name(state: ImportState) -> T {
    match state {
        ImportState::Checking => T::ImportStateChecking,
        ImportState::Checked => T::ImportStateChecked,
        ImportState::Applying => T::ImportStateApplying,
        ImportState::Applied => T::ImportStateApplied,
        ImportState::Failed => T::ImportStateFailed,
    }
}

#[component]
pub fn ImportsPageView() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_imports());
    view! {
        <Title text=format!("{} · Kinerja", tr(T::ImportTitle))/>
        <Frame>
            <h1>{tr(T::ImportTitle)}</h1>
            {query_notice(T::ImportStateChecked)}
            <p class="hint">{tr(T::ImportIntro)}</p>
            <section class="card" aria-labelledby="upload-h">
                <h2 id="upload-h">{tr(T::ImportUploadHeading)}</h2>
                <form method="post" action="/hr/import/upload" enctype="multipart/form-data">
                    <p>
                        <label for="import-file">{tr(T::ImportFileLabel)}</label>
                        <input id="import-file" name="file" type="file" required
                            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                            aria-describedby="import-file-hint"/>
                        <span id="import-file-hint" class="hint">{tr(T::ImportFileHint)}</span>
                    </p>
                    <p>
                        <label class="check">
                            <input type="checkbox" name="deactivate_missing" value="1"/>
                            " " {tr(T::ImportDeactivateMissing)}
                        </label>
                    </p>
                    <button type="submit" class="button">{tr(T::ImportCheckButton)}</button>
                </form>
                <p>
                    <a href="/hr/import/template.xlsx" download>{tr(T::ImportTemplate)}</a>
                    " · "
                    <a href="/employees.xlsx" download>{tr(T::ImportExportCurrent)}</a>
                    " · "
                    <a href="/hr/api">{tr(T::ApiTitle)}</a>
                </p>
            </section>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) => recent_view(list).erase(),
                        Err(e) => view! { <ErrorNotice err=e/> }.erase(),
                    }
                })}
            </Suspense>
            {columns_view(use_lang())}
        </Frame>
    }
}

fn recent_view(list: Vec<ImportSummary>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section aria-labelledby="recent-h">
            <h2 id="recent-h">{tr(T::ImportRecent)}</h2>
            {if list.is_empty() {
                view! { <p class="empty">{tr(T::ImportNone)}</p> }.erase()
            } else {
                view! { <div class="table-wrap"><table>
                    <thead><tr>
                        <th scope="col">{tr(T::ImportFile)}</th>
                        <th scope="col">{tr(T::ImportWhen)}</th>
                        <th scope="col">{tr(T::ImportBy)}</th>
                        <th scope="col">{tr(T::ImportState)}</th>
                        <th scope="col" class="num">{tr(T::ImportRows)}</th>
                        <th scope="col" class="num">{tr(T::ImportErrors)}</th>
                    </tr></thead>
                    <tbody>{list.into_iter().map(|j| view! { <tr>
                        <th scope="row"><a href=format!("/hr/import/{}", j.id)>{j.file_name}</a></th>
                        <td>{when(&j.created_at)}</td>
                        <td>{j.actor_name}</td>
                        <td>{lang.t(state_name(j.state))}</td>
                        <td class="num">{j.rows}</td>
                        <td class="num">{j.errors}</td>
                    </tr> }).collect_view()}</tbody>
                </table></div> }.erase()
            }}
        </section>
    }
}

/// The columns the import reads, with every accepted header.
fn columns_view(lang: Lang) -> impl IntoView {
    let required = |c: Column| Column::REQUIRED.contains(&c) || matches!(c, Column::Unit | Column::UnitCode);
    let note = |c: Column| -> Option<T> {
        Some(match c {
            Column::Nip => T::ImportColNip,
            Column::Unit | Column::UnitCode => T::ImportColUnit,
            Column::ParentUnit | Column::ParentUnitCode => T::ImportColParent,
            Column::PositionKind => T::ImportColKind,
            Column::Supervisor => T::ImportColSupervisor,
            Column::Status => T::ImportColStatus,
            Column::Email | Column::Education | Column::RankSince => T::ImportColKept,
            _ => return None,
        })
    };
    view! {
        <section aria-labelledby="columns-h">
            <h2 id="columns-h">{tr(T::ImportColumns)}</h2>
            <p class="hint">{tr(T::ImportColumnsHint)}</p>
            <div class="table-wrap"><table>
                <thead><tr>
                    <th scope="col">{tr(T::ImportColumn)}</th>
                    <th scope="col">{tr(T::ImportRequired)}</th>
                    <th scope="col">{tr(T::ImportAlsoAccepted)}</th>
                    <th scope="col">{tr(T::ImportNotes)}</th>
                </tr></thead>
                <tbody>{Column::ALL.into_iter().map(|c| {
                    let other = match lang { Lang::Id => c.header_en(), Lang::En => c.header() };
                    let spellings = std::iter::once(other.to_string())
                        .chain(c.spellings().iter().map(|s| s.to_string()))
                        .collect::<Vec<_>>()
                        .join(", ");
                    view! { <tr>
                        <th scope="row">{import_column(lang, c)}</th>
                        <td>{if required(c) { lang.t(T::Yes) } else { lang.t(T::No) }}</td>
                        <td><small>{spellings}</small></td>
                        <td>{note(c).map(|t| lang.t(t))}</td>
                    </tr> }
                }).collect_view()}</tbody>
            </table></div>
        </section>
    }
}

#[component]
pub fn ImportPageView() -> impl IntoView {
    let params = use_params_map();
    let changed = RwSignal::new(0);
    let tick = RwSignal::new(0u32);
    let data = Resource::new(
        move || (params.with(|p| p.get("id").unwrap_or_default()), tick.get(), changed.get()),
        |(id, _, _)| load_import_part(id),
    );
    // While the import is checked or applied (its drawn progress is marked `data-running`), ask again every second
    // (in the browser only).
    Effect::new(move |_| {
        if let Some(Ok(part)) = data.get()
            && part.html.contains("data-running")
        {
            set_timeout(move || tick.update(|t| *t += 1), std::time::Duration::from_secs(1));
        }
    });
    view! {
        <Title text=format!("{} · Kinerja", tr(T::ImportTitle))/>
        <Frame>
            {query_notice(T::ImportStateApplying)}
            <LiveDrawnContent data changed/>
        </Frame>
    }
}

/// An import, drawn on the server: its progress, the dry run and the form that applies it.
#[cfg(feature = "ssr")]
pub fn part(job: ImportJob) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <Job job/> })
}

#[cfg(feature = "ssr")]
#[component]
fn Job(job: ImportJob) -> impl IntoView {
    let lang = use_lang();
    let title = format!("{}: {}", tr(T::ImportTitle), job.file_name);
    let facts = lang.fill(T::ImportUploadedBy, &[("name", &job.actor_name), ("date", &when(&job.created_at))]);
    let running = job.state.is_running();
    let progress = running.then(|| {
        let text = match (job.state, job.total) {
            (ImportState::Applying, 0) => tr(T::ImportApplying).to_string(),
            (ImportState::Applying, total) => {
                lang.fill(T::ImportApplyingOf, &[("n", &job.done.min(total)), ("total", &total)])
            }
            (_, 0) => lang.fill(T::ImportReadRows, &[("n", &job.done)]),
            (_, total) => lang.fill(T::ImportReadRowsOf, &[("n", &job.done.min(total)), ("total", &total)]),
        };
        let max = job.total.max(job.done).max(1);
        view! {
            <noscript><meta http-equiv="refresh" content="2"/></noscript>
            <div class="card" role="status" aria-live="polite" data-running="">
                <p>{text}</p>
                {job.state.is_running().then(|| view! {
                    <progress max=max value=job.done.min(max)>{job.done}</progress>
                })}
            </div>
        }
    });
    let failure =
        job.failure.clone().map(|f| view! { <p class="form-error" role="alert">{import_failure(lang, &f)}</p> });
    let applied = (job.state == ImportState::Applied).then(|| {
        let at = job.applied_at.as_deref().map(when).unwrap_or_default();
        let links = job.links_available.then(|| {
            view! {
                <p><a class="button" href=format!("/hr/import/{}/links.csv", job.id) download>{tr(T::ImportLinksDownload)}</a></p>
                <p class="hint">{tr(T::ImportLinksHint)}</p>
            }
        });
        view! {
            <div class="form-ok" role="status">
                <p>{lang.fill(T::ImportAppliedOn, &[("date", &at), ("accounts", &job.accounts_created)])}</p>
            </div>
            {links}
        }
    });
    let may_apply = job.state == ImportState::Checked && job.preview.as_ref().is_some_and(ImportPreview::can_apply);
    let apply_form = may_apply.then(|| {
        let id = job.id.clone();
        view! {
            <section class="card" aria-labelledby="apply-h">
                <h2 id="apply-h">{tr(T::ImportApplyButton)}</h2>
                <p class="hint">{tr(T::ImportApplyHint)}</p>
                <form method="post" action=ApplyImport::PATH data-ok=tr(T::ImportApplying)>
                    <input type="hidden" name="id" value=id/>
                    <button type="submit" class="button">{tr(T::ImportApplyButton)}</button>
                </form>
            </section>
        }
    });
    let preview = job.preview.clone().map(|p| preview_view(p, &job, lang));
    view! {
        <h1>{title}</h1>
        <p class="muted"><strong>{tr(state_name(job.state))}</strong> " · " {facts}
            {job.deactivate_missing.then(|| format!(" · {}", tr(T::ImportDeactivateMissingOn)))}</p>
        <p><a href="/hr/import">{tr(T::ImportBack)}</a></p>
        {progress}
        {failure}
        {applied}
        {apply_form}
        {preview}
    }
}

#[cfg(feature = "ssr")]
fn preview_view(p: ImportPreview, job: &ImportJob, lang: Lang) -> impl IntoView + use<> {
    let counts: Vec<(T, usize)> = vec![
        (T::ImportRows, p.rows),
        (T::ImportNewUnits, p.new_units),
        (T::ImportChangedUnits, p.changed_units),
        (T::ImportNewPeople, p.new),
        (T::ImportMovedPeople, p.moved),
        (T::ImportChangedPeople, p.changed),
        (T::ImportDeactivatedPeople, p.deactivated),
        (T::ImportReactivatedPeople, p.reactivated),
        (T::ImportUnchanged, p.unchanged),
        (T::ImportErrors, p.errors_total),
    ];
    let nothing = p.errors_total == 0 && !p.can_apply();
    let errors = (p.errors_total > 0).then(|| errors_view(&p, &job.id, lang));
    let units = (!p.units.is_empty()).then(|| units_view(&p, lang));
    let people = (!p.employees.is_empty()).then(|| people_view(&p, lang));
    view! {
        <section aria-labelledby="summary-h">
            <h2 id="summary-h">{tr(T::ImportSummaryHeading)}</h2>
            <dl class="facts">{counts.into_iter().map(|(t, n)| view! {
                <div><dt>{lang.t(t)}</dt><dd>{n}</dd></div>
            }).collect_view()}</dl>
            {nothing.then(|| view! { <p class="form-ok" role="status">{tr(T::ImportNothingToDo)}</p> })}
        </section>
        {errors}
        {units}
        {people}
    }
}

#[cfg(feature = "ssr")]
fn errors_view(p: &ImportPreview, id: &str, lang: Lang) -> impl IntoView + use<> {
    let more = (p.errors_total > p.errors.len())
        .then(|| lang.fill(T::ImportErrorsShown, &[("shown", &p.errors.len()), ("total", &p.errors_total)]));
    let rows = p.errors.clone();
    view! {
        <section aria-labelledby="errors-h">
            <h2 id="errors-h">{tr(T::ImportErrorsHeading)}</h2>
            <p class="form-error" role="alert">{lang.fill(T::ImportFixAndUpload, &[("n", &p.errors_total)])}</p>
            <p><a href=format!("/hr/import/{id}/errors.csv") download>{tr(T::ImportErrorsCsv)}</a> " · "
                <a href=format!("/hr/import/{id}/errors.xlsx") download>{tr(T::DownloadXlsx)}</a>
                {more.map(|m| format!(" · {m}"))}</p>
            <div class="table-wrap"><table>
                <thead><tr>
                    <th scope="col" class="num">{tr(T::ImportRow)}</th>
                    <th scope="col">{tr(T::ImportColumn)}</th>
                    <th scope="col">{tr(T::ImportProblem)}</th>
                    <th scope="col">{tr(T::ImportValue)}</th>
                </tr></thead>
                <tbody>{rows.into_iter().map(|e| view! { <tr>
                    <td class="num">{if e.row == 0 { "—".to_string() } else { e.row.to_string() }}</td>
                    <td>{import_column(lang, e.column)}</td>
                    <td>{import_problem(lang, &e.problem)}</td>
                    <td><code>{e.value}</code></td>
                </tr> }).collect_view()}</tbody>
            </table></div>
        </section>
    }
}

#[cfg(feature = "ssr")]
fn named(p: &ImportPreview, key: &str) -> String {
    match p.name_of(key) {
        Some(n) => format!("{n} ({key})"),
        None => key.to_string(),
    }
}

#[cfg(feature = "ssr")]
fn units_view(p: &ImportPreview, lang: Lang) -> impl IntoView + use<> {
    let rows: Vec<(UnitChange, String, String)> = p
        .units
        .iter()
        .map(|u| {
            let parent = u.parent.as_deref().map(|k| named(p, k)).unwrap_or_else(|| "—".into());
            let leader = u.leader.as_deref().map(|k| named(p, k)).unwrap_or_else(|| "—".into());
            (u.clone(), parent, leader)
        })
        .collect();
    view! {
        <section aria-labelledby="units-h">
            <h2 id="units-h">{tr(T::ImportUnitsHeading)}</h2>
            <div class="table-wrap"><table>
                <thead><tr>
                    <th scope="col">{import_column(lang, Column::UnitCode)}</th>
                    <th scope="col">{import_column(lang, Column::Unit)}</th>
                    <th scope="col">{import_column(lang, Column::ParentUnit)}</th>
                    <th scope="col">{import_column(lang, Column::UnitKind)}</th>
                    <th scope="col">{tr(T::ImportLeader)}</th>
                    <th scope="col">{tr(T::ImportChange)}</th>
                </tr></thead>
                <tbody>{rows.into_iter().map(|(u, parent, leader)| {
                    let change = match &u.before {
                        None => lang.t(T::ImportNew).to_string(),
                        Some(b) => {
                            let mut parts = Vec::new();
                            if b.name != u.name { parts.push(format!("{} → {}", b.name, u.name)); }
                            if b.parent != u.parent { parts.push(lang.t(T::ImportUnitMoved).to_string()); }
                            if b.kind != u.kind { parts.push(format!("{} → {}", b.kind, u.kind)); }
                            if b.leader != u.leader { parts.push(lang.t(T::ImportLeaderChanged).to_string()); }
                            if b.depth != u.depth { parts.push(lang.fill(T::ImportDepth, &[("from", &b.depth), ("to", &u.depth)])); }
                            parts.join("; ")
                        }
                    };
                    view! { <tr>
                        <td><code>{u.key.clone()}</code></td>
                        <th scope="row">{u.name.clone()}</th>
                        <td>{parent}</td>
                        <td>{u.kind.clone()}</td>
                        <td>{leader}</td>
                        <td>{change}</td>
                    </tr> }
                }).collect_view()}</tbody>
            </table></div>
        </section>
    }
}

#[cfg(feature = "ssr")]
fn change_name(kind: ChangeKind) -> T {
    match kind {
        ChangeKind::New => T::ImportNew,
        ChangeKind::Moved => T::ImportMoved,
        ChangeKind::Changed => T::ImportChanged,
        ChangeKind::Deactivated => T::ImportDeactivated,
        ChangeKind::Reactivated => T::ImportReactivated,
    }
}

/// A field of a state as shown in the change list.
#[cfg(feature = "ssr")]
fn field(p: &ImportPreview, s: &EmployeeState, c: Column) -> String {
    match c {
        Column::Name => s.name.clone(),
        Column::Email => s.email.clone().unwrap_or_else(|| "—".into()),
        Column::Rank => s.rank.clone(),
        Column::Position => s.position.clone(),
        Column::PositionKind => s.kind.clone(),
        Column::Unit => named(p, &s.unit),
        Column::Supervisor => s.supervisor.as_deref().map(|n| named(p, n)).unwrap_or_else(|| "—".into()),
        Column::Education => s.education.clone().unwrap_or_else(|| "—".into()),
        Column::RankSince => s.rank_since.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
        Column::Status => {
            if s.active {
                "✓".into()
            } else {
                "✗".into()
            }
        }
        _ => String::new(),
    }
}

#[cfg(feature = "ssr")]
fn people_view(p: &ImportPreview, lang: Lang) -> impl IntoView + use<> {
    let shown = p.employees.len();
    let total = p.new + p.moved + p.changed + p.deactivated + p.reactivated;
    let rows: Vec<(EmployeeChange, String)> = p
        .employees
        .iter()
        .map(|e| {
            let detail = match &e.before {
                None => format!(
                    "{} · {} · {} · {}",
                    e.after.position,
                    e.after.rank,
                    field(p, &e.after, Column::Unit),
                    field(p, &e.after, Column::Supervisor)
                ),
                Some(b) => e
                    .changed_columns()
                    .into_iter()
                    .map(|c| format!("{}: {} → {}", import_column(lang, c), field(p, b, c), field(p, &e.after, c)))
                    .collect::<Vec<_>>()
                    .join("; "),
            };
            (e.clone(), detail)
        })
        .collect();
    view! {
        <section aria-labelledby="people-h">
            <h2 id="people-h">{tr(T::ImportPeopleHeading)}</h2>
            {(shown < total).then(|| view! {
                <p class="hint">{lang.fill(T::ImportPeopleShown, &[("n", &crate::api::PREVIEW_LISTED)])}</p>
            })}
            <div class="table-wrap"><table>
                <thead><tr>
                    <th scope="col" class="num">{tr(T::ImportRow)}</th>
                    <th scope="col">{import_column(lang, Column::Nip)}</th>
                    <th scope="col">{import_column(lang, Column::Name)}</th>
                    <th scope="col">{tr(T::ImportChange)}</th>
                    <th scope="col">{tr(T::ImportDetail)}</th>
                </tr></thead>
                <tbody>{rows.into_iter().map(|(e, detail)| view! { <tr>
                    <td class="num">{if e.row == 0 { "—".to_string() } else { e.row.to_string() }}</td>
                    <td><code>{e.nip.clone()}</code></td>
                    <th scope="row">{e.after.name.clone()}</th>
                    <td>{lang.t(change_name(e.kind))}</td>
                    <td>{detail}</td>
                </tr> }).collect_view()}</tbody>
            </table></div>
        </section>
    }
}
