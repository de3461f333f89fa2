//! `/employees/:nip`: an employee's profile: position, unit, supervisor chain up to the head, direct reports.
//! HR also sees the change history and can move the employee.

use crate::api::org::load_profile_part;
use crate::components::{Frame, LiveDrawnContent, query_notice, tr};
use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
#[cfg(feature = "ssr")]
use {
    crate::api::auth::ResetLink,
    crate::api::competency::SavePositionLevels,
    crate::api::hr::{MoveEmployee, SetRoles},
    crate::api::{EmployeeProfile, EmployeeSummary, PersonTalent, PositionLevels},
    crate::components::{Erase, role_label, use_lang},
    crate::domain::role::ProfileAccess,
    crate::domain::{PositionKind, Role},
    crate::i18n::{Lang, level_name},
    crate::pages::widgets::EmployeeTable,
    leptos::server_fn::ServerFn,
};

/// `/employees/:nip`. The server draws the profile ([`part`], a drawn part); HR's forms in it post in the
/// background (`components::live_forms`) and without JavaScript alike.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let params = use_params_map();
    let changed = RwSignal::new(0);
    let data = Resource::new(
        move || (params.with(|p| p.get("nip").unwrap_or_default()), changed.get()),
        |(nip, _)| load_profile_part(nip),
    );
    view! {
        <Title text=format!("{} · Kinerja", tr(T::Profile))/>
        <Frame>
            {plain_outcome()}
            <LiveDrawnContent data changed/>
        </Frame>
    }
}

/// The outcome of a form posted without JavaScript, carried back in the query string.
fn plain_outcome() -> Option<AnyView> {
    use crate::components::Erase;
    let (ok, error) = use_query_map().with_untracked(|q| {
        let ok = if q.get("moved").is_some() {
            Some(T::Moved)
        } else if q.get("roles_saved").is_some() {
            Some(T::RolesSaved)
        } else {
            None
        };
        (ok, q.get("move_error"))
    });
    match (ok, error) {
        (_, Some(e)) => Some(view! { <p class="form-error" role="alert">{e}</p> }.erase()),
        (Some(t), None) => Some(view! { <p class="form-ok" role="status">{tr(t)}</p> }.erase()),
        (None, None) => query_notice(T::Saved),
    }
}

/// The profile (with the person's talent box for those who may read it, and the reset link HR has just issued
/// without JavaScript), drawn on the server.
#[cfg(feature = "ssr")]
pub fn part(profile: EmployeeProfile, talent: Option<PersonTalent>, reset: Option<String>) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <Profile profile talent reset/> })
}

#[cfg(feature = "ssr")]
#[cfg(feature = "ssr")]
fn kind_label(code: &str) -> &'static str {
    PositionKind::from_code(code).map(PositionKind::label).unwrap_or("")
}

#[cfg(feature = "ssr")]
#[component]
fn Profile(profile: EmployeeProfile, talent: Option<PersonTalent>, reset: Option<String>) -> impl IntoView {
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
            {profile.can_edit.then(|| reset_link_form(s.nip.clone(), reset))}
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
            view! { <FullProfile profile=profile.clone() talent=talent.clone()/> }.erase()
        } else {
            view! { <p class="hint">{tr(T::DirectoryOnly)}</p> }.erase()
        }}
    }
}

#[cfg(feature = "ssr")]
#[component]
fn FullProfile(profile: EmployeeProfile, talent: Option<PersonTalent>) -> impl IntoView {
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
            <PositionLevelsSection nip=profile.summary.nip.clone() levels/>
        })}
        {profile.can_edit.then(|| view! {
            <MoveForm nip=profile.summary.nip.clone() units=profile.unit_options.clone()/>
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

#[cfg(feature = "ssr")]
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
#[cfg(feature = "ssr")]
#[component]
fn MoveForm(nip: String, units: Vec<(String, String, u32)>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="move-h">
            <h2 id="move-h">{tr(T::MoveTitle)}</h2>
            <form method="post" action=MoveEmployee::PATH class="stack" data-ok=tr(T::Moved)>
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
                <button type="submit" class="button" data-busy=tr(T::Saving)>{tr(T::Move)}</button>
            </form>
        </section>
    }
}

/// HR: the roles granted to the person's account.
#[cfg(feature = "ssr")]
#[component]
fn RolesForm(nip: String, granted: Vec<Role>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="roles-h">
            <h2 id="roles-h">{tr(T::RolesTitle)}</h2>
            <p class="hint">{tr(T::RolesHint)}</p>
            <form method="post" action=SetRoles::PATH data-ok=tr(T::RolesSaved)>
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
                <button type="submit" class="button">{tr(T::RolesSave)}</button>
            </form>
        </section>
    }
}

/// HR's button: issue a one-time reset link for the person. The link the server answers is shown with the note
/// (`data-answer`), to hand over; without JavaScript the server shows it (`issued`), as the note would.
#[cfg(feature = "ssr")]
fn reset_link_form(nip: String, issued: Option<String>) -> impl IntoView {
    view! {
        <form method="post" action=ResetLink::PATH class="inline-form" data-ok=tr(T::ResetLinkIssued) data-answer="">
            <input type="hidden" name="nip" value=nip/>
            <button type="submit" class="button secondary">{tr(T::ResetLinkButton)}</button>
            {issued.map(|link| view! {
                <p class="form-ok" role="status">{tr(T::ResetLinkIssued)} " " <code class="link-to-copy">{link}</code></p>
            })}
        </form>
    }
}

/// The required levels of the position a person holds; HR can set them for this position.
#[cfg(feature = "ssr")]
#[component]
fn PositionLevelsSection(nip: String, levels: PositionLevels) -> impl IntoView {
    let lang = use_lang();
    let en = lang == Lang::En;
    let p = levels;
    let rows = p.levels.clone();
    let table = view! {
        <div class="table-wrap">
            <table>
                <caption class="visually-hidden">{tr(T::PositionStandard)}</caption>
                <thead><tr>
                    <th scope="col">{tr(T::Competency)}</th>
                    <th scope="col">{tr(T::RequiredLevel)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|(key, code, name, level, own)| {
                        let label = format!("{code} {}", name.get(en));
                        let cell = if p.can_edit {
                            let id = format!("pl-{key}");
                            let id2 = id.clone();
                            let label2 = label.clone();
                            let default = format!("{} ({})", lang.t(T::TypeDefault), if own { "–".to_string() } else { level.to_string() });
                            view! {
                                <label for=id2 class="visually-hidden">{label2}</label>
                                <select id=id name=format!("levels[{key}]")>
                                    <option value="" selected=!own>{default}</option>
                                    {(1..=5u8).map(|l| view! { <option value=l selected=own && l == level>{l}</option> }).collect_view()}
                                </select>
                            }.erase()
                        } else if level == 0 {
                            view! { "–" }.erase()
                        } else {
                            view! { {format!("{level} {}", lang.t(level_name(level)))} }.erase()
                        };
                        view! { <tr><th scope="row">{label}</th><td>{cell}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    };
    view! {
        <section aria-labelledby="pl-h">
            <h2 id="pl-h">{tr(T::PositionStandard)}</h2>
            <p class="muted">{p.position_name.clone()} " · " {p.kind_label.clone()}</p>
            {if p.can_edit {
                view! {
                    <form method="post" action=SavePositionLevels::PATH class="stack" data-ok=tr(T::Saved)>
                        <input type="hidden" name="position" value=p.position_key.clone()/>
                        <input type="hidden" name="nip" value=nip/>
                        {table}
                        <button type="submit" class="button secondary">{tr(T::Save)}</button>
                    </form>
                }.erase()
            } else {
                table.erase()
            }}
        </section>
    }
}
