//! Leadership programmes: candidates, a person's eligibility and the records it rests on (disciplinary penalties,
//! completed programmes, the rank's TMT), server functions.

use crate::api::*;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::context::{service_error, signed_in, subject};
#[cfg(feature = "ssr")]
use crate::api::feedback::plain_redirect as back;
#[cfg(feature = "ssr")]
use backend::services::{discipline, programme as service};

#[cfg(feature = "ssr")]
fn programme_of(code: &str) -> Result<domain::programme::Programme, AppError> {
    domain::programme::Programme::from_code(code).ok_or_else(|| service_error(backend::ServiceError::NotFound))
}

/// `/programmes?programme=&unit=`: one programme's candidates in the viewer's scope.
#[server(prefix = "/api", endpoint = "programmes")]
pub async fn load_programmes(programme: Option<String>, unit: Option<String>) -> Result<ProgrammesPage, AppError> {
    let (state, viewer) = signed_in().await?;
    let programme = match programme.as_deref().filter(|p| !p.is_empty()) {
        Some(code) => programme_of(code)?,
        None => domain::programme::Programme::Pka,
    };
    service::programmes_page(&state.db, &viewer, programme, unit.as_deref()).await.map_err(service_error)
}

/// `/programmes/person/:nip`: a person's eligibility for every programme, explained.
#[server(prefix = "/api", endpoint = "programmes/person")]
pub async fn load_person_programmes(nip: String) -> Result<PersonProgrammes, AppError> {
    let (state, viewer) = signed_in().await?;
    let nip = subject(&viewer, &nip)?;
    service::person_programmes(&state.db, &viewer, &nip).await.map_err(service_error)
}

/// Where the person's page is, for redirects after a form.
#[cfg(feature = "ssr")]
fn person_page(nip: &domain::Nip) -> String {
    format!("/programmes/person/{}", nip.as_str())
}

/// HR records a disciplinary penalty.
#[server(prefix = "/api", endpoint = "programmes/penalty")]
pub async fn add_penalty(nip: String, level: String, kind: String, decided_on: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let nip = subject(&viewer, &nip)?;
    let result = discipline::add_penalty(&state.db, &viewer, &nip, &level, &kind, &decided_on)
        .await
        .map(|_| ())
        .map_err(service_error);
    back(result, &format!("{}?saved=1", person_page(&nip)), &person_page(&nip))
}

/// HR removes a penalty recorded by mistake or annulled, with the reason.
#[server(prefix = "/api", endpoint = "programmes/penalty/remove")]
pub async fn remove_penalty(nip: String, id: String, reason: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let nip = subject(&viewer, &nip)?;
    let result = discipline::remove_penalty(&state.db, &viewer, &nip, &id, &reason).await.map_err(service_error);
    back(result, &format!("{}?saved=1", person_page(&nip)), &person_page(&nip))
}

/// HR records a completed programme (or corrects its year).
#[server(prefix = "/api", endpoint = "programmes/completion")]
pub async fn record_completion(nip: String, programme: String, year: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let nip = subject(&viewer, &nip)?;
    let result = match programme_of(&programme) {
        Ok(p) => service::record_completion(&state.db, &viewer, &nip, p, &year).await.map_err(service_error),
        Err(e) => Err(e),
    };
    back(result, &format!("{}?saved=1", person_page(&nip)), &person_page(&nip))
}

/// HR removes a completion recorded by mistake.
#[server(prefix = "/api", endpoint = "programmes/completion/remove")]
pub async fn remove_completion(nip: String, programme: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let nip = subject(&viewer, &nip)?;
    let result = match programme_of(&programme) {
        Ok(p) => service::remove_completion(&state.db, &viewer, &nip, p).await.map_err(service_error),
        Err(e) => Err(e),
    };
    back(result, &format!("{}?saved=1", person_page(&nip)), &person_page(&nip))
}

/// HR sets (or clears) the TMT of a person's current rank.
#[server(prefix = "/api", endpoint = "programmes/rank-since")]
pub async fn set_rank_since(nip: String, rank_since: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let nip = subject(&viewer, &nip)?;
    let result = service::set_rank_since(&state.db, &viewer, &nip, &rank_since).await.map_err(service_error);
    back(result, &format!("{}?saved=1", person_page(&nip)), &person_page(&nip))
}
