//! `/employees/:nip`: an employee's profile: position, unit, supervisor chain up to the head, direct reports.
//! HR also sees the change history and can move the employee.

use crate::api::hr::{MoveEmployee, SetRoles};
use crate::api::org::load_profile;
use crate::api::{EmployeeProfile, EmployeeSummary};
use crate::components::ActionForm;
use crate::components::Erase;
use crate::components::FormAction;
use crate::components::{ErrorNotice, Frame, Loading, role_label, tr, use_lang};
use crate::domain::role::ProfileAccess;
use crate::domain::{PositionKind, Role};
use crate::error::AppError;
use crate::i18n::T;
use crate::pages::widgets::EmployeeTable;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ProfilePage() -> impl IntoView {
    view! {
        <Title text=format!("{} · Kinerja", tr(T::Profile))/>
        <Frame>
            <ProfileContent/>
        </Frame>
    }
}

#[component]
fn ProfileContent() -> impl IntoView {
    let params = use_params_map();
    let move_action = FormAction::<MoveEmployee>::new();
    let data = Resource::new(
        move || (params.with(|p| p.get("nip").unwrap_or_default()), move_action.version().get()),
        |(nip, _)| load_profile(nip),
    );
    // The talent box is loaded beside the profile (both resources are created here, so both reach the browser with
    // the page); a viewer who may not read it gets nothing.
    let talent = Resource::new(
        move || params.with(|p| p.get("nip").unwrap_or_default()),
        crate::api::talent::load_person_talent,
    );
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                let talent = talent.await.ok();
                match data.await {
                    Ok(p) => view! { <Profile profile=p move_action=move_action talent/> }.erase(),
                    Err(e) => view! { <ErrorNotice err=e/> }.erase(),
                }
            })}
        </Suspense>
    }
}

fn kind_label(code: &str) -> &'static str {
    PositionKind::from_code(code).map(PositionKind::label).unwrap_or("")
}

#[component]
fn Profile(
    profile: EmployeeProfile,
    move_action: FormAction<MoveEmployee>,
    talent: Option<crate::api::PersonTalent>,
) -> impl IntoView {
    let s = profile.summary.clone();
    let full = profile.access == ProfileAccess::Full;
    let unit_href = format!("/org/units/{}", s.unit_key);
    let lang = use_lang();
    let gender = profile.gender.clone().map(|g| if g == "P" { lang.t(T::Female) } else { lang.t(T::Male) });
    let edit_href = format!("/employees/{}/edit", s.nip);
    view! {
        <h1>{s.name.clone()}</h1>
        <p class="subtitle">{s.position.clone()} " · " {kind_label(&s.position_kind)}</p>
        {(!profile.active).then(|| view! { <p class="badge badge-muted">{tr(T::Inactive)}</p> })}
        // A div, not a p: the reset form inside would make the browser's parser close the paragraph early, and
        // the page would no longer match what hydration expects.
        <div class="actions">
            {profile.can_edit.then(|| view! { <a class="button" href=edit_href>{tr(T::Edit)}</a> })}
            {profile.can_edit.then(|| view! { <crate::pages::account::ResetLinkForm nip=s.nip.clone()/> })}
            {full.then(|| view! {
                <a class="button secondary" href=format!("/reports/{}", s.nip)>{tr(T::OpenReport)}</a>
                <a class="button secondary" href=format!("/plan/{}", s.nip)>{tr(T::PlanTitle)}</a>
            })}
        </div>
        <section class="card" aria-labelledby="facts-h">
            <h2 id="facts-h">{tr(T::Profile)}</h2>
            <dl class="facts">
                {full.then(|| view! { <dt>{tr(T::Nip)}</dt><dd class="mono">{s.nip.clone()}</dd> })}
                <dt>{tr(T::Position)}</dt><dd>{s.position.clone()}</dd>
                <dt>{tr(T::Unit)}</dt><dd><a href=unit_href>{s.unit_name.clone()}</a></dd>
                {profile.rank.clone().map(|r| view! { <dt>{tr(T::Rank)}</dt><dd>{r}</dd> })}
                {gender.map(|g| view! { <dt>{tr(T::Gender)}</dt><dd>{g}</dd> })}
                {profile.birth_date.clone().map(|d| view! { <dt>{tr(T::BirthDate)}</dt><dd>{d}</dd> })}
                {profile.service_start.clone().map(|d| view! { <dt>{tr(T::ServiceStart)}</dt><dd>{d}</dd> })}
                {profile.email.clone().map(|e| view! { <dt>{tr(T::Email)}</dt><dd>{e}</dd> })}
                {profile.education.map(|e| view! { <dt>{tr(T::Education)}</dt><dd>{e.label()}</dd> })}
            </dl>
        </section>
        {if full {
            view! { <FullProfile profile=profile.clone() move_action=move_action talent=talent.clone()/> }.erase()
        } else {
            view! { <p class="hint">{tr(T::DirectoryOnly)}</p> }.erase()
        }}
    }
}

#[component]
fn FullProfile(
    profile: EmployeeProfile,
    move_action: FormAction<MoveEmployee>,
    talent: Option<crate::api::PersonTalent>,
) -> impl IntoView {
    let chain = profile.supervisor_chain.clone();
    view! {
        <section aria-labelledby="chain-h">
            <h2 id="chain-h">{tr(T::SupervisorChain)}</h2>
            {if chain.is_empty() {
                view! { <p>{tr(T::NoSupervisor)}</p> }.erase()
            } else {
                view! { <ChainList chain=chain/> }.erase()
            }}
        </section>
        {talent.map(|t| view! { <crate::pages::talent::PersonTalentView talent=t/> })}
        <p><a href=format!("/programmes/person/{}", profile.summary.nip)>{tr(T::ProgrammeEligibility)} ": "
            {tr(T::ProgrammePersonLink)}</a></p>
        <section aria-labelledby="reports-h">
            <h2 id="reports-h">{tr(T::DirectReports)}</h2>
            {if profile.direct_reports.is_empty() {
                view! { <p>{tr(T::NoDirectReports)}</p> }.erase()
            } else {
                view! { <EmployeeTable employees=profile.direct_reports.clone() caption=tr(T::DirectReports) show_unit=true/> }.erase()
            }}
        </section>
        {(!profile.history.is_empty()).then(|| view! {
            <section aria-labelledby="hist-h">
                <h2 id="hist-h">{tr(T::SupervisorHistory)}</h2>
                <div class="table-wrap">
                    <table>
                        <caption class="visually-hidden">{tr(T::SupervisorHistory)}</caption>
                        <thead><tr>
                            <th scope="col">{tr(T::Supervisor)}</th>
                            <th scope="col">{tr(T::Since)}</th>
                            <th scope="col">{tr(T::Until)}</th>
                        </tr></thead>
                        <tbody>
                            {profile.history.clone().into_iter().map(|h| {
                                let href = format!("/employees/{}", h.supervisor_nip);
                                view! { <tr>
                                    <th scope="row"><a href=href>{h.supervisor_name}</a></th>
                                    <td>{h.since.chars().take(10).collect::<String>()}</td>
                                    <td>{h.until.map(|u| u.chars().take(10).collect::<String>()).unwrap_or_else(|| "—".into())}</td>
                                </tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        })}
        {profile.position_levels.clone().map(|levels| view! {
            <crate::pages::competencies::PositionLevelsSection nip=profile.summary.nip.clone() levels/>
        })}
        {profile.can_edit.then(|| view! {
            <MoveForm nip=profile.summary.nip.clone() units=profile.unit_options.clone() action=move_action/>
        })}
        {profile.granted_roles.clone().filter(|_| profile.can_edit).map(|granted| view! {
            <RolesForm nip=profile.summary.nip.clone() granted/>
        })}
        {(!profile.audit.is_empty()).then(|| view! {
            <section aria-labelledby="audit-h">
                <h2 id="audit-h">{tr(T::AuditTitle)}</h2>
                <div class="table-wrap">
                    <table>
                        <caption class="visually-hidden">{tr(T::AuditTitle)}</caption>
                        <thead><tr>
                            <th scope="col">{tr(T::AuditWhen)}</th>
                            <th scope="col">{tr(T::AuditWho)}</th>
                            <th scope="col">{tr(T::AuditWhat)}</th>
                            <th scope="col">{tr(T::MoveReason)}</th>
                        </tr></thead>
                        <tbody>
                            {profile.audit.clone().into_iter().map(|a| view! { <tr>
                                <td>{a.at.chars().take(19).collect::<String>().replace('T', " ")}</td>
                                <td class="mono">{a.actor}</td>
                                <td>{a.action} ": " {a.summary}</td>
                                <td>{a.reason.unwrap_or_default()}</td>
                            </tr> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        })}
    }
}

#[component]
fn ChainList(chain: Vec<EmployeeSummary>) -> impl IntoView {
    view! {
        <ol class="chain">
            {chain.into_iter().map(|e| {
                let href = format!("/employees/{}", e.nip);
                view! { <li><a href=href>{e.name}</a> <span class="muted">" — " {e.position}</span></li> }
            }).collect_view()}
        </ol>
    }
}

/// HR: move the employee to another supervisor and/or unit.
#[component]
fn MoveForm(nip: String, units: Vec<(String, String, u32)>, action: FormAction<MoveEmployee>) -> impl IntoView {
    let lang = use_lang();
    // The outcome of a submission without JavaScript arrives in the query string.
    let query = use_query_map();
    let from_query = query.with_untracked(|q| {
        if q.get("moved").is_some() { Some(Ok(())) } else { q.get("move_error").map(|m| Err(AppError::Conflict(m))) }
    });
    let result = move || action.value().get().or_else(|| from_query.clone());
    view! {
        <section class="card" aria-labelledby="move-h">
            <h2 id="move-h">{tr(T::MoveTitle)}</h2>
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="nip" value=nip/>
                <label for="move-sup">{tr(T::NewSupervisorNip)}</label>
                <input id="move-sup" name="supervisor_nip" type="text" inputmode="numeric" autocomplete="off"/>
                <label for="move-unit">{tr(T::NewUnit)}</label>
                <p class="help" id="move-unit-help">{tr(T::UnitDefaultsToSupervisor)}</p>
                <select id="move-unit" name="unit_key" aria-describedby="move-unit-help">
                    <option value="">{tr(T::Choose)}</option>
                    {units.into_iter().map(|(k, n, d)| {
                        let label = format!("{}{}", "\u{2003}".repeat(d.saturating_sub(1) as usize), n);
                        view! { <option value=k>{label}</option> }
                    }).collect_view()}
                </select>
                <label for="move-reason">{tr(T::MoveReason)}</label>
                <input id="move-reason" name="reason" type="text"/>
                <div aria-live="polite">
                    {move || match result() {
                        Some(Ok(())) => view! { <p class="form-ok" role="status">{lang.t(T::Moved)}</p> }.erase(),
                        Some(Err(e)) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.erase(),
                        None => ().erase(),
                    }}
                </div>
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { lang.t(T::Saving) } else { lang.t(T::Move) }}
                </button>
            </ActionForm>
        </section>
    }
}

/// HR: the roles granted to the person's account.
#[component]
fn RolesForm(nip: String, granted: Vec<Role>) -> impl IntoView {
    let action = FormAction::<SetRoles>::new();
    let lang = use_lang();
    // The outcome of a submission without JavaScript arrives in the query string.
    let from_query = use_query_map().with_untracked(|q| {
        if q.get("roles_saved").is_some() { Some(Ok(())) } else { q.get("error").map(|m| Err(AppError::Conflict(m))) }
    });
    let result = move || action.value().get().or_else(|| from_query.clone());
    view! {
        <section class="card" aria-labelledby="roles-h">
            <h2 id="roles-h">{tr(T::RolesTitle)}</h2>
            <p class="hint">{tr(T::RolesHint)}</p>
            <ActionForm action=action>
                <input type="hidden" name="nip" value=nip/>
                <fieldset>
                    <legend class="visually-hidden">{tr(T::RolesTitle)}</legend>
                    {[(Role::HrAdmin, "hr"), (Role::Head, "head"), (Role::Trainer, "trainer")].into_iter().map(|(r, field)| view! {
                        <label class="check">
                            <input type="checkbox" name=field value="1" checked=granted.contains(&r)/>
                            " " {role_label(r)}
                        </label>
                        <br/>
                    }).collect_view()}
                </fieldset>
                <div aria-live="polite">
                    {move || match result() {
                        Some(Ok(())) => view! { <p class="form-ok" role="status">{lang.t(T::RolesSaved)}</p> }.erase(),
                        Some(Err(e)) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.erase(),
                        None => ().erase(),
                    }}
                </div>
                <button type="submit" class="button" disabled=move || action.pending().get()>{tr(T::RolesSave)}</button>
            </ActionForm>
        </section>
    }
}
