//! Reading the organisation: home, unit tree, unit pages, profiles, directory search.

use crate::api::{DrawnPart, EmployeeProfile, EmployeeSummary, HomeData, OrgTree, UnitPage};
use crate::error::AppError;
use leptos::prelude::*;

/// The home page data for the signed-in person.
#[server(prefix = "/api", endpoint = "org/home", output = crate::api::JsonText)]
pub async fn load_home() -> Result<HomeData, AppError> {
    use crate::api::context::*;
    let state = state()?;
    let viewer = viewer(&state).await?;
    backend::services::org::home(&state.db, &viewer).await.map_err(service_error)
}

/// `/`'s page: what [`load_home`] answers, drawn by the server (`pages::home::part`).
#[server(prefix = "/api", endpoint = "org/home/part", output = crate::api::JsonText)]
pub async fn load_home_part() -> Result<DrawnPart, AppError> {
    let data = load_home().await?;
    Ok(crate::pages::home::part(data))
}

/// The unit tree with head counts.
#[server(prefix = "/api", endpoint = "org/tree", output = crate::api::JsonText)]
pub async fn load_org_tree() -> Result<OrgTree, AppError> {
    use crate::api::context::*;
    let state = state()?;
    viewer(&state).await?;
    backend::services::org::tree(&state.db).await.map_err(service_error)
}

/// One unit with members.
#[server(prefix = "/api", endpoint = "org/unit", output = crate::api::JsonText)]
pub async fn load_unit_page(key: String) -> Result<UnitPage, AppError> {
    use crate::api::context::*;
    let state = state()?;
    viewer(&state).await?;
    backend::services::org::unit_page(&state.db, &key).await.map_err(service_error)
}

/// An employee's profile, as much as the signed-in person may see.
#[server(prefix = "/api", endpoint = "org/employee", output = crate::api::JsonText)]
pub async fn load_profile(nip: String) -> Result<EmployeeProfile, AppError> {
    use crate::api::context::*;
    let state = state()?;
    let viewer = viewer(&state).await?;
    let nip = subject(&viewer, &nip)?;
    backend::services::org::profile(&state.db, &viewer, &nip).await.map_err(service_error)
}

/// A profile's page: what [`load_profile`] answers, with the person's talent box for those who may read it,
/// drawn by the server (`pages::profile::part`).
#[server(prefix = "/api", endpoint = "org/employee/part", output = crate::api::JsonText)]
pub async fn load_profile_part(nip: String) -> Result<DrawnPart, AppError> {
    use crate::api::context::*;
    let profile = load_profile(nip).await?;
    // Read only where the whole profile is, and without an answer's status: a talent box that cannot be read is
    // simply not shown.
    let talent = if profile.access == crate::domain::role::ProfileAccess::Full {
        let state = state()?;
        let viewer = viewer(&state).await?;
        let nip = subject(&viewer, &profile.summary.nip)?;
        match backend::services::talent::person_talent(&state.db, &viewer, &nip).await {
            Ok(t) => Some(t),
            Err(backend::ServiceError::Unexpected(e)) => return Err(internal(e)),
            Err(_) => None,
        }
    } else {
        None
    };
    // A reset link HR issued without JavaScript, shown once.
    let reset = if profile.can_edit {
        crate::api::auth::take_reset_link(&profile.summary.nip, state()?.runtime.secure_cookies)
    } else {
        None
    };
    Ok(crate::pages::profile::part(profile, talent, reset))
}

/// Directory search by name or NIP (at most 50 results).
#[server(prefix = "/api", endpoint = "org/search", output = crate::api::JsonText)]
pub async fn search_employees(query: String) -> Result<Vec<EmployeeSummary>, AppError> {
    use crate::api::context::*;
    let state = state()?;
    viewer(&state).await?;
    if query.trim().chars().count() < 2 {
        return Ok(vec![]);
    }
    backend::repo::org::search(&state.db, &query, 50).await.map_err(internal)
}
