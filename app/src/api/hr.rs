//! HR edits of employees and the hierarchy. Every function checks the HR role on the server.
// Server functions take one argument per form field, so that plain HTML forms post to them directly.
#![allow(clippy::too_many_arguments)]

use crate::api::{EmployeeForm, FormOptions};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
async fn hr_viewer() -> Result<(crate::AppState, backend::services::auth::Viewer), AppError> {
    use crate::api::context::*;
    let (state, viewer) = signed_in().await?;
    if !viewer.roles.may_edit_employees() {
        return Err(fail(AppError::forbidden(lang())));
    }
    Ok((state, viewer))
}

#[cfg(feature = "ssr")]
use crate::api::context::{service_error, subject};

/// Choices for the employee forms: units, ranks, position types.
#[server(prefix = "/api", endpoint = "hr/options", output = crate::api::JsonText)]
pub async fn load_form_options() -> Result<FormOptions, AppError> {
    use crate::api::context::internal;
    use crate::domain::{PositionKind, Rank};
    let (state, _) = hr_viewer().await?;
    Ok(FormOptions {
        units: backend::services::org::unit_options(&state.db).await.map_err(internal)?,
        ranks: Rank::ALL.iter().map(|r| r.code().to_string()).collect(),
        kinds: PositionKind::ALL.iter().map(|k| (k.code().to_string(), k.label().to_string())).collect(),
        educations: crate::domain::Education::ALL
            .iter()
            .map(|e| (e.code().to_string(), e.label().to_string()))
            .collect(),
    })
}

/// The current values of an employee for the edit form.
#[server(prefix = "/api", endpoint = "hr/employee", output = crate::api::JsonText)]
pub async fn load_employee_form(nip: String) -> Result<EmployeeForm, AppError> {
    let (state, viewer) = hr_viewer().await?;
    let nip = subject(&viewer, &nip)?;
    backend::services::hr::edit_form(&state.db, &viewer, &nip).await.map_err(service_error)
}

/// The outcome of creating an employee.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CreatedEmployee {
    pub nip: String,
    /// The one-time link (a path on this site) for the employee to choose their password.
    pub setup_link: String,
}

/// Creates an employee, their reporting line and their account.
#[server(prefix = "/api", endpoint = "hr/create", output = crate::api::JsonText)]
pub async fn create_employee(
    nip: String,
    name: String,
    email: String,
    rank: String,
    position_name: String,
    position_kind: String,
    unit_key: String,
    supervisor_nip: String,
    education: Option<String>,
) -> Result<CreatedEmployee, AppError> {
    let (state, viewer) = hr_viewer().await?;
    let form = EmployeeForm {
        nip,
        name,
        email,
        rank,
        position_name,
        position_kind,
        unit_key,
        supervisor_nip,
        active: true,
        education: education.unwrap_or_default(),
    };
    let created = backend::services::hr::create_employee(&state.db, &state.runtime, &viewer, &form)
        .await
        .map_err(service_error)?;
    Ok(CreatedEmployee { nip: created.nip, setup_link: created.setup_link })
}

/// Edits an employee's name, e-mail, rank, position and active flag.
#[server(prefix = "/api", endpoint = "hr/update", output = crate::api::JsonText)]
pub async fn update_employee(
    nip: String,
    name: String,
    email: String,
    rank: String,
    position_name: String,
    position_kind: String,
    active: Option<String>,
    education: Option<String>,
) -> Result<(), AppError> {
    let (state, viewer) = hr_viewer().await?;
    let form = EmployeeForm {
        nip: nip.clone(),
        name,
        email,
        rank,
        position_name,
        position_kind,
        unit_key: String::new(),
        supervisor_nip: String::new(),
        active: active.is_some(),
        education: education.unwrap_or_default(),
    };
    backend::services::hr::update_employee(&state.db, &viewer, &form).await.map_err(service_error)?;
    // An account may have been deactivated: resolve every session afresh.
    state.runtime.forget_sessions(None);
    if crate::api::context::is_plain_form_post() {
        crate::api::context::redirect(&format!("/employees/{nip}"));
    }
    Ok(())
}

/// Moves an employee to another supervisor and/or unit.
#[server(prefix = "/api", endpoint = "hr/move", output = crate::api::JsonText)]
pub async fn move_employee(
    nip: String,
    supervisor_nip: String,
    unit_key: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::api::context::{fail, internal, is_plain_form_post, lang};
    use backend::ServiceError;
    let (state, viewer) = hr_viewer().await?;
    let result = backend::services::hr::move_employee(
        &state.db,
        &viewer,
        nip.trim(),
        Some(supervisor_nip.as_str()),
        Some(unit_key.as_str()),
        Some(reason.as_str()),
    )
    .await;
    let page = format!("/employees/{}", nip.trim());
    // Supervisor roles follow the reporting graph: resolve every session afresh.
    state.runtime.forget_sessions(None);
    match result {
        Ok(()) => {
            if is_plain_form_post() {
                crate::api::context::redirect(&format!("{page}?moved=1"));
            }
            Ok(())
        }
        // Without JavaScript the form post returns to the profile, which shows the outcome.
        Err(ServiceError::Unexpected(e)) => Err(internal(e)),
        Err(e) if is_plain_form_post() => {
            let err = AppError::from_service(&e, lang());
            crate::api::context::redirect(&format!("{page}?move_error={}", percent_encode(&err.to_string())));
            Err(err)
        }
        Err(e) => Err(fail(AppError::from_service(&e, lang()))),
    }
}

/// Percent-encodes a query-string value.
#[cfg(feature = "ssr")]
pub fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// HR grants roles to an employee's account: a checkbox per grantable role (`hr`, `head`, `trainer`).
#[server(prefix = "/api", endpoint = "hr/roles", output = crate::api::JsonText)]
pub async fn set_roles(
    nip: String,
    hr: Option<String>,
    head: Option<String>,
    trainer: Option<String>,
) -> Result<(), AppError> {
    use crate::api::context::{service_error, signed_in};
    use crate::domain::Role;
    let (state, viewer) = signed_in().await?;
    let page = format!("/employees/{}", percent_encode(nip.trim()));
    let roles: Vec<Role> = [(hr, Role::HrAdmin), (head, Role::Head), (trainer, Role::Trainer)]
        .into_iter()
        .filter_map(|(checked, role)| checked.filter(|v| !v.is_empty()).map(|_| role))
        .collect();
    let result = match crate::domain::Nip::parse(&nip) {
        Ok(nip) => backend::services::hr::set_roles(&state.db, &state.runtime, &viewer, &nip, &roles)
            .await
            .map_err(service_error),
        Err(_) => Err(service_error(backend::ServiceError::NotFound)),
    };
    crate::api::feedback::plain_redirect(result, &format!("{page}?roles_saved=1"), &page)
}
