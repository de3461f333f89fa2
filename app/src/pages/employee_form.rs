//! `/employees/new` and `/employees/:nip/edit`: HR creates and edits employees. The server validates every field
//! with the same parsers the domain uses and answers with a localized message for the field at fault.

use crate::api::hr::{CreateEmployee, UpdateEmployee, load_employee_form, load_form_options};
use crate::api::{EmployeeForm, FormOptions};
use crate::components::ActionForm;
use crate::components::Erase;
use crate::components::FormAction;
use crate::components::{ErrorNotice, Frame, Loading, tr, use_lang};
use crate::error::AppError;
use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn NewEmployeePage() -> impl IntoView {
    view! {
        <Title text=format!("{} · Kinerja", tr(T::NewEmployeeTitle))/>
        <Frame>
            <NewContent/>
        </Frame>
    }
}

#[component]
pub fn EditEmployeePage() -> impl IntoView {
    view! {
        <Title text=format!("{} · Kinerja", tr(T::EditEmployeeTitle))/>
        <Frame>
            <EditContent/>
        </Frame>
    }
}

/// The message for `field`, if the error is about it.
fn field_error(err: &Option<AppError>, field: &str) -> Option<String> {
    err.as_ref().filter(|e| e.field() == Some(field)).map(|e| e.to_string())
}

#[component]
fn NewContent() -> impl IntoView {
    let options = Resource::new(|| (), |_| load_form_options());
    view! {
        <h1>{tr(T::NewEmployeeTitle)}</h1>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match options.await {
                    Ok(o) => view! { <NewForm options=o/> }.erase(),
                    Err(e) => view! { <ErrorNotice err=e/> }.erase(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NewForm(options: FormOptions) -> impl IntoView {
    let lang = use_lang();
    let action = FormAction::<CreateEmployee>::new();
    let err = move || action.value().get().and_then(|r| r.err());
    let fe = move |f: &'static str| move || field_error(&err(), f);
    let general = move || err().filter(|e| e.field().is_none()).map(|e| e.to_string());
    view! {
        <ActionForm action=action attr:class="stack form-grid" attr:novalidate="">
            <Field id="nip" label=T::Nip help=Some(T::NipHelp) error=Signal::derive(fe("nip"))>
                <input id="nip" name="nip" type="text" inputmode="numeric" autocomplete="off" required maxlength="24"
                    aria-describedby="nip-help nip-err"/>
            </Field>
            <Field id="name" label=T::Name help=None error=Signal::derive(fe("name"))>
                <input id="name" name="name" type="text" required maxlength="120" aria-describedby="name-err"/>
            </Field>
            <Field id="email" label=T::Email help=None error=Signal::derive(fe("email"))>
                <input id="email" name="email" type="email" autocomplete="off" aria-describedby="email-err"/>
            </Field>
            <RankKindFields options=options.clone() rank=String::new() kind=String::new() error=Signal::derive(err)/>
            <EducationField options=options.clone() education=String::new() error=Signal::derive(fe("education"))/>
            <Field id="position_name" label=T::Position help=None error=Signal::derive(fe("position_name"))>
                <input id="position_name" name="position_name" type="text" required maxlength="150"
                    aria-describedby="position_name-err"/>
            </Field>
            <Field id="supervisor_nip" label=T::SupervisorNip help=None error=Signal::derive(fe("supervisor_nip"))>
                <input id="supervisor_nip" name="supervisor_nip" type="text" inputmode="numeric" required
                    aria-describedby="supervisor_nip-err"/>
            </Field>
            <Field id="unit_key" label=T::Unit help=Some(T::UnitDefaultsToSupervisor) error=Signal::derive(fe("unit_key"))>
                <select id="unit_key" name="unit_key" aria-describedby="unit_key-help unit_key-err">
                    <option value="">{tr(T::Choose)}</option>
                    {options.units.iter().map(|(k, n, d)| {
                        let label = format!("{}{}", "\u{2003}".repeat(d.saturating_sub(1) as usize), n);
                        view! { <option value=k.clone()>{label}</option> }
                    }).collect_view()}
                </select>
            </Field>
            <div aria-live="assertive">
                {move || general().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
                {move || action.value().get().and_then(|r| r.ok()).map(|c| {
                    let href = format!("/employees/{}", c.nip);
                    view! {
                        <div class="form-ok" role="status">
                            <p>{lang.t(T::Created)} " " <a href=href>{c.nip.clone()}</a></p>
                            <p>{lang.t(T::SetupLink)} " " <code class="link-to-copy">{c.setup_link}</code></p>
                        </div>
                    }
                })}
            </div>
            <button type="submit" class="button" disabled=move || action.pending().get()>
                {move || if action.pending().get() { lang.t(T::Saving) } else { lang.t(T::Save) }}
            </button>
        </ActionForm>
    }
}

/// Rank and position-type selects.
#[component]
fn RankKindFields(options: FormOptions, rank: String, kind: String, error: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        <Field id="rank" label=T::Rank help=None error=Signal::derive(move || field_error(&error.get(), "rank"))>
            <select id="rank" name="rank" required aria-describedby="rank-err">
                <option value="">{tr(T::Choose)}</option>
                {options.ranks.iter().map(|r| {
                    let selected = *r == rank;
                    view! { <option value=r.clone() selected=selected>{r.clone()}</option> }
                }).collect_view()}
            </select>
        </Field>
        <Field id="position_kind" label=T::PositionKind help=None
            error=Signal::derive(move || field_error(&error.get(), "position_kind"))>
            <select id="position_kind" name="position_kind" required aria-describedby="position_kind-err">
                <option value="">{tr(T::Choose)}</option>
                {options.kinds.iter().map(|(code, label)| {
                    let selected = *code == kind;
                    view! { <option value=code.clone() selected=selected>{label.clone()}</option> }
                }).collect_view()}
            </select>
        </Field>
    }
}

/// The highest education (optional: an agency may not have it yet; the talent matrix needs it only when HR weighs
/// the qualification).
#[component]
fn EducationField(options: FormOptions, education: String, error: Signal<Option<String>>) -> impl IntoView {
    view! {
        <Field id="education" label=T::Education help=Some(T::EducationHelp) error=error>
            <select id="education" name="education" aria-describedby="education-help education-err">
                <option value="">{tr(T::NotRecorded)}</option>
                {options.educations.iter().map(|(code, label)| {
                    let selected = *code == education;
                    view! { <option value=code.clone() selected=selected>{label.clone()}</option> }
                }).collect_view()}
            </select>
        </Field>
    }
}

/// A labelled form field with optional help and an error slot.
#[component]
fn Field<C: IntoView + 'static>(
    id: &'static str,
    label: T,
    help: Option<T>,
    error: Signal<Option<String>>,
    children: TypedChildren<C>,
) -> impl IntoView {
    let children = children.into_inner();
    let help_id = format!("{id}-help");
    let err_id = format!("{id}-err");
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id>{tr(label)}</label>
            {children()}
            {help.map(|h| view! { <p class="help" id=help_id.clone()>{tr(h)}</p> })}
            <p class="field-error" id=err_id role="alert">{move || error.get()}</p>
        </div>
    }
}

#[component]
fn EditContent() -> impl IntoView {
    let params = use_params_map();
    let nip = move || params.with(|p| p.get("nip").unwrap_or_default());
    let data = Resource::new(nip, |nip| async move {
        let form = load_employee_form(nip).await?;
        let options = load_form_options().await?;
        Ok::<_, AppError>((form, options))
    });
    view! {
        <h1>{tr(T::EditEmployeeTitle)}</h1>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((f, o)) => view! { <EditForm form=f options=o/> }.erase(),
                    Err(e) => view! { <ErrorNotice err=e/> }.erase(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditForm(form: EmployeeForm, options: FormOptions) -> impl IntoView {
    let lang = use_lang();
    let action = FormAction::<UpdateEmployee>::new();
    let err = move || action.value().get().and_then(|r| r.err());
    let fe = move |f: &'static str| move || field_error(&err(), f);
    let general = move || err().filter(|e| e.field().is_none()).map(|e| e.to_string());
    let back = format!("/employees/{}", form.nip);
    view! {
        <p><a href=back.clone()>{form.name.clone()}</a> " · " <span class="mono">{form.nip.clone()}</span></p>
        <ActionForm action=action attr:class="stack form-grid" attr:novalidate="">
            <input type="hidden" name="nip" value=form.nip.clone()/>
            <Field id="name" label=T::Name help=None error=Signal::derive(fe("name"))>
                <input id="name" name="name" type="text" required maxlength="120" value=form.name.clone()
                    aria-describedby="name-err"/>
            </Field>
            <Field id="email" label=T::Email help=None error=Signal::derive(fe("email"))>
                <input id="email" name="email" type="email" value=form.email.clone() aria-describedby="email-err"/>
            </Field>
            <RankKindFields options=options.clone() rank=form.rank.clone() kind=form.position_kind.clone()
                error=Signal::derive(err)/>
            <EducationField options=options education=form.education.clone() error=Signal::derive(fe("education"))/>
            <Field id="position_name" label=T::Position help=None error=Signal::derive(fe("position_name"))>
                <input id="position_name" name="position_name" type="text" required value=form.position_name.clone()
                    aria-describedby="position_name-err"/>
            </Field>
            <div class="field checkbox">
                <input id="active" name="active" type="checkbox" value="on" checked=form.active/>
                <label for="active">{tr(T::Active)}</label>
            </div>
            <div aria-live="assertive">
                {move || general().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
                {move || action.value().get().and_then(|r| r.ok()).map(|_| view! {
                    <p class="form-ok" role="status">{lang.t(T::Saved)}</p>
                })}
            </div>
            <button type="submit" class="button" disabled=move || action.pending().get()>
                {move || if action.pending().get() { lang.t(T::Saving) } else { lang.t(T::Save) }}
            </button>
        </ActionForm>
    }
}
