//! The page frame: skip link, header with navigation by role, language switch, sign-out; then the page.
//! Pages render inside it only when someone is signed in; otherwise it redirects to the sign-in page.

use crate::api::ViewerInfo;
use crate::api::auth::{Logout, current_viewer};
use crate::components::ActionForm;
use crate::components::Erase;
use crate::components::FormAction;
use crate::components::errors::{ErrorNotice, Loading};
use crate::components::lang::{tr, use_lang};
use crate::domain::Role;
use crate::i18n::T;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

/// Wraps a page: loads the viewer, then renders the header and `children`. With `require`, someone without that
/// role gets a 403 page instead of `children` (the server functions behind the page refuse them anyway; this makes
/// the page itself say so, with the status, instead of showing a form that cannot be saved).
#[component]
pub fn Frame<C>(#[prop(optional)] require: Option<Role>, children: TypedChildrenFn<C>) -> impl IntoView
where
    C: IntoView + 'static,
{
    let viewer = Resource::new(|| (), |_| current_viewer());
    // Typed, not `ChildrenFn`: that erases the page with `into_any` (see `components::erase`).
    let children = StoredValue::new(children.into_inner());
    view! {
        <a class="skip-link" href="#main">{tr(T::SkipToContent)}</a>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match viewer.await {
                    Ok(Some(v)) => {
                        provide_context(v.clone());
                        let content = if require.is_none_or(|r| v.has(r)) {
                            children.with_value(|c| c()).erase()
                        } else {
                            #[cfg(feature = "ssr")]
                            if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
                                res.set_status(axum::http::StatusCode::FORBIDDEN);
                            }
                            let err = crate::error::AppError::forbidden(use_lang());
                            view! { <ErrorNotice err=err/> }.erase()
                        };
                        view! {
                            <Header viewer=v/>
                            <main id="main" tabindex="-1">{content}</main>
                        }
                            .erase()
                    }
                    Ok(None) => {
                        let next = use_location().pathname.get_untracked();
                        view! { <Redirect path=format!("/login?next={next}")/> }.erase()
                    }
                    Err(e) => view! { <ErrorNotice err=e/> }.erase(),
                }
            })}
        </Suspense>
    }
}

/// The site header.
#[component]
fn Header(viewer: ViewerInfo) -> impl IntoView {
    let lang = use_lang();
    let logout = FormAction::<Logout>::new();
    let path = use_location().pathname.get_untracked();
    let switch = format!("/lang/{}?next={}", lang.other().code(), path);
    let is_hr = viewer.has(Role::HrAdmin);
    let follows_rounds = is_hr || viewer.has(Role::Head) || viewer.has(Role::Supervisor);
    let profile = format!("/employees/{}", viewer.nip);
    let roles = viewer.roles.iter().map(|r| role_label(*r)).collect::<Vec<_>>().join(", ");
    view! {
        <header class="site-header">
            <a class="brand" href="/">{tr(T::AppName)}</a>
            // On a phone the navigation and the session fold behind a menu toggle (a checkbox: it works before the
            // page has hydrated and without JavaScript), so that the first screen shows the page, not the menu.
            <input type="checkbox" id="menu-toggle" class="menu-toggle" aria-controls="header-menu"
                aria-label=tr(T::MenuToggle)/>
            <label for="menu-toggle" class="menu-button" aria-hidden="true">{tr(T::MenuToggle)}</label>
            <div class="header-menu" id="header-menu">
            <nav aria-label=tr(T::MainNav)>
                <ul>
                    <li><a href="/">{tr(T::NavHome)}</a></li>
                    <li><a href="/org">{tr(T::NavOrg)}</a></li>
                    <li><a href="/employees">{tr(T::Directory)}</a></li>
                    <li><a href=profile>{tr(T::NavMyProfile)}</a></li>
                    <li><a href="/feedback">{tr(T::NavFeedback)}</a></li>
                    <li><a href="/reports/me">{tr(T::NavReport)}</a></li>
                    <li><a href="/skp">{tr(T::NavSkp)}</a></li>
                    <li><a href="/plan">{tr(T::NavPlan)}</a></li>
                    {follows_rounds.then(|| view! { <li><a href="/dashboard">{tr(T::NavDashboard)}</a></li> })}
                    {follows_rounds.then(|| view! { <li><a href="/rounds">{tr(T::NavRounds)}</a></li> })}
                    {follows_rounds.then(|| view! { <li><a href="/talent">{tr(T::NavTalent)}</a></li> })}
                    {(follows_rounds || viewer.has(Role::Trainer)).then(|| view! {
                        <li><a href="/programmes">{tr(T::NavProgrammes)}</a></li>
                    })}
                    <li><a href="/competencies">{tr(T::NavCompetencies)}</a></li>
                    <li><a href="/trainings">{tr(T::NavTrainings)}</a></li>
                    {is_hr.then(|| view! { <li><a href="/employees/new">{tr(T::NavNewEmployee)}</a></li> })}
                    {is_hr.then(|| view! { <li><a href="/hr/import">{tr(T::NavImport)}</a></li> })}
                </ul>
            </nav>
            <div class="session">
                <span class="who">
                    <span class="visually-hidden">{tr(T::SignedInAs)} " "</span>
                    <strong>{viewer.name.clone()}</strong>
                    <span class="roles">" · " {roles}</span>
                </span>
                <a href="/account/password">{tr(T::PwChangeTitle)}</a>
                <a class="lang-switch" href=switch rel="external nofollow" aria-label=tr(T::SwitchLanguageLabel)
                    hreflang=lang.other().code()>{tr(T::SwitchLanguage)}</a>
                <ActionForm action=logout attr:class="inline-form">
                    <button type="submit" class="button-link">{tr(T::SignOut)}</button>
                </ActionForm>
            </div>
            </div>
        </header>
    }
}

/// The label of a role in the current language.
pub fn role_label(role: Role) -> &'static str {
    tr(match role {
        Role::Employee => T::RoleEmployee,
        Role::Supervisor => T::RoleSupervisor,
        Role::HrAdmin => T::RoleHr,
        Role::Head => T::RoleHead,
        Role::Trainer => T::RoleTrainer,
    })
}
