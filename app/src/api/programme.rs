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
#[server(prefix = "/api", endpoint = "programmes", output = crate::api::JsonText)]
pub async fn load_programmes(programme: Option<String>, unit: Option<String>) -> Result<ProgrammesPage, AppError> {
    let (state, viewer) = signed_in().await?;
    let programme = match programme.as_deref().filter(|p| !p.is_empty()) {
        Some(code) => programme_of(code)?,
        None => domain::programme::Programme::Pka,
    };
    service::programmes_page(&state.db, &viewer, programme, unit.as_deref()).await.map_err(service_error)
}

/// `/programmes`'s page: what [`load_programmes`] answers, drawn by the server.
#[server(prefix = "/api", endpoint = "programmes/part", output = crate::api::JsonText)]
pub async fn load_programmes_part(programme: Option<String>, unit: Option<String>) -> Result<DrawnPart, AppError> {
    let page = load_programmes(programme, unit).await?;
    Ok(crate::pages::programme::programmes_part(page))
}

/// `/programmes/person/:nip`: a person's eligibility for every programme, explained.
#[server(prefix = "/api", endpoint = "programmes/person", output = crate::api::JsonText)]
pub async fn load_person_programmes(nip: String) -> Result<PersonProgrammes, AppError> {
    let (state, viewer) = signed_in().await?;
    let nip = subject(&viewer, &nip)?;
    service::person_programmes(&state.db, &viewer, &nip).await.map_err(service_error)
}

/// A person's page: what [`load_person_programmes`] answers, drawn by the server.
#[server(prefix = "/api", endpoint = "programmes/person/part", output = crate::api::JsonText)]
pub async fn load_person_programmes_part(nip: String) -> Result<DrawnPart, AppError> {
    let page = load_person_programmes(nip).await?;
    Ok(crate::pages::programme::person_part(page))
}

/// Where the person's page is, for redirects after a form.
#[cfg(feature = "ssr")]
fn person_page(nip: &domain::Nip) -> String {
    format!("/programmes/person/{}", nip.as_str())
}

/// HR records a disciplinary penalty.
#[server(prefix = "/api", endpoint = "programmes/penalty", output = crate::api::JsonText)]
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
#[server(prefix = "/api", endpoint = "programmes/penalty/remove", output = crate::api::JsonText)]
pub async fn remove_penalty(nip: String, id: String, reason: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let nip = subject(&viewer, &nip)?;
    let result = discipline::remove_penalty(&state.db, &viewer, &nip, &id, &reason).await.map_err(service_error);
    back(result, &format!("{}?saved=1", person_page(&nip)), &person_page(&nip))
}

/// HR records a completed programme (or corrects its year).
#[server(prefix = "/api", endpoint = "programmes/completion", output = crate::api::JsonText)]
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
#[server(prefix = "/api", endpoint = "programmes/completion/remove", output = crate::api::JsonText)]
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
#[server(prefix = "/api", endpoint = "programmes/rank-since", output = crate::api::JsonText)]
pub async fn set_rank_since(nip: String, rank_since: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let nip = subject(&viewer, &nip)?;
    let result = service::set_rank_since(&state.db, &viewer, &nip, &rank_since).await.map_err(service_error);
    back(result, &format!("{}?saved=1", person_page(&nip)), &person_page(&nip))
}

/// `/programmes/cohorts`: the cohorts and the nominations awaiting the viewer's decision.
#[server(prefix = "/api", endpoint = "programmes/cohorts", output = crate::api::JsonText)]
pub async fn load_cohorts() -> Result<CohortsPage, AppError> {
    let (state, viewer) = signed_in().await?;
    service::cohorts_page(&state.db, &viewer).await.map_err(service_error)
}

/// `/programmes/cohorts`'s page: what [`load_cohorts`] answers, drawn by the server.
#[server(prefix = "/api", endpoint = "programmes/cohorts/part", output = crate::api::JsonText)]
pub async fn load_cohorts_part() -> Result<DrawnPart, AppError> {
    let page = load_cohorts().await?;
    Ok(crate::pages::programme::cohorts_part(page))
}

/// `/programmes/cohorts/:id`: a cohort and its nominations.
#[server(prefix = "/api", endpoint = "programmes/cohort", output = crate::api::JsonText)]
pub async fn load_cohort(id: String) -> Result<CohortPage, AppError> {
    let (state, viewer) = signed_in().await?;
    service::cohort_page(&state.db, &viewer, &id).await.map_err(service_error)
}

/// A cohort's page: what [`load_cohort`] answers, drawn by the server.
#[server(prefix = "/api", endpoint = "programmes/cohort/part", output = crate::api::JsonText)]
pub async fn load_cohort_part(id: String) -> Result<DrawnPart, AppError> {
    let page = load_cohort(id).await?;
    Ok(crate::pages::programme::cohort_part(page))
}

/// A trainer or HR forms a cohort; the new cohort's page opens (with JavaScript too: the answer asks for it).
#[server(prefix = "/api", endpoint = "programmes/cohort/create", output = crate::api::JsonText)]
pub async fn create_cohort(
    programme: String,
    name: String,
    starts: String,
    ends: String,
    capacity: String,
) -> Result<String, AppError> {
    let (state, viewer) = signed_in().await?;
    let result = match programme_of(&programme) {
        Ok(p) => service::create_cohort(&state.db, &viewer, p, (&name, &starts, &ends, &capacity))
            .await
            .map_err(service_error),
        Err(e) => Err(e),
    };
    let ok = match &result {
        Ok(id) => format!("/programmes/cohorts/{id}"),
        Err(_) => String::new(),
    };
    if result.is_ok() {
        // With or without JavaScript.
        crate::api::context::redirect(&ok);
        return result;
    }
    back(result, &ok, "/programmes/cohorts")
}

/// A trainer or HR nominates an eligible person to a cohort.
#[server(prefix = "/api", endpoint = "programmes/nominate", output = crate::api::JsonText)]
pub async fn nominate(cohort: String, nip: String, programme: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let nip = subject(&viewer, &nip)?;
    let result = service::nominate(&state.db, &viewer, &cohort, &nip).await.map_err(service_error);
    let page = format!("/programmes?programme={}", crate::api::hr::percent_encode(&programme));
    back(result, &format!("{page}&saved=1"), &page)
}

/// The candidate's supervisor, then HR, confirms or declines a nomination (`decision`: `confirm` or `decline`).
#[server(prefix = "/api", endpoint = "programmes/nomination/decide", output = crate::api::JsonText)]
pub async fn decide_nomination(cohort: String, nip: String, decision: String, reason: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let nip = subject(&viewer, &nip)?;
    let confirm = decision == "confirm";
    let page = format!("/programmes/cohorts/{}", crate::api::hr::percent_encode(&cohort));
    let result = service::decide_nomination(&state.db, &viewer, &cohort, &nip, confirm, &reason)
        .await
        .map(|_| ())
        .map_err(service_error);
    back(result, &format!("{page}?saved=1"), &page)
}

/// HR saves a programme's rules as a new version, from the rules text (one condition per line, routes after
/// `jalur:`); a refused line is named with its number and nothing is saved.
#[server(prefix = "/api", endpoint = "programmes/rules", output = crate::api::JsonText)]
pub async fn save_rules(
    programme: String,
    rules: String,
    source: String,
    verified: Option<String>,
) -> Result<u32, AppError> {
    let (state, viewer) = signed_in().await?;
    let page = format!("/programmes?programme={}", crate::api::hr::percent_encode(&programme));
    let result = match programme_of(&programme) {
        Err(e) => Err(e),
        // Only HR learns what is wrong with a text.
        Ok(_) if !viewer.roles.has(domain::Role::HrAdmin) => Err(service_error(backend::ServiceError::Forbidden)),
        Ok(p) => match domain::programme::text::parse_rules(&rules) {
            Err(e) => Err(crate::api::context::fail(rules_error(e))),
            Ok((common, routes)) => {
                let set = domain::programme::RuleSet {
                    programme: p,
                    version: 0,
                    source,
                    verified: verified.is_some(),
                    common,
                    routes,
                };
                service::save_rule_set(&state.db, &viewer, set).await.map(|r| r.version).map_err(service_error)
            }
        },
    };
    back(result, &format!("{page}&rules=saved"), &page)
}

/// A refused rules text as a localized validation error naming its line.
#[cfg(feature = "ssr")]
fn rules_error(e: domain::programme::text::RulesError) -> AppError {
    use crate::i18n::T;
    use domain::programme::text::RulesProblem;
    let lang = crate::api::context::lang();
    let problem = lang.t(match e.problem {
        RulesProblem::Keyword => T::RulesKeyword,
        RulesProblem::Value => T::RulesValue,
        RulesProblem::RouteLabel => T::RulesRouteLabel,
        RulesProblem::Empty => T::RulesEmpty,
    });
    let message = if e.line == 0 {
        problem.to_string()
    } else {
        lang.fill(T::RulesLine, &[("line", &e.line), ("problem", &problem)])
    };
    AppError::validation("rules", message)
}

/// `/programmes/compare?programme=&nip=…`: two or three candidates side by side.
#[server(prefix = "/api", endpoint = "programmes/compare", output = crate::api::JsonText)]
pub async fn load_comparison(programme: String, nips: String) -> Result<ComparisonPage, AppError> {
    let (state, viewer) = signed_in().await?;
    let p = programme_of(&programme)?;
    service::compare_candidates(&state.db, &viewer, p, &nips).await.map_err(service_error)
}

/// The comparison page: what [`load_comparison`] answers, drawn by the server (`pages::programme::comparison_part`).
#[server(prefix = "/api", endpoint = "programmes/compare/part", output = crate::api::JsonText)]
pub async fn load_comparison_part(programme: String, nips: String) -> Result<DrawnPart, AppError> {
    let page = load_comparison(programme, nips).await?;
    Ok(crate::pages::programme::comparison_part(page))
}
