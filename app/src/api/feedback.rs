//! 360° rounds: server functions for HR (rounds), raters (inbox, form), supervisors (nominations, progress) and
//! everyone reading a result. Each one resolves the viewer on the server and calls one service.
#![allow(clippy::too_many_arguments)]

use crate::api::*;
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::HashMap;

#[cfg(feature = "ssr")]
use crate::api::context::{nip_field, service_error, signed_in, subject};
#[cfg(feature = "ssr")]
use crate::{domain::feedback::RaterGroup, i18n::T};

/// Without JavaScript a form post returns to a page, with the outcome in the query string.
#[cfg(feature = "ssr")]
pub(crate) fn plain_redirect<T>(result: Result<T, AppError>, ok: &str, back: &str) -> Result<T, AppError> {
    if crate::api::context::is_plain_form_post() {
        match &result {
            Ok(_) => crate::api::context::redirect(ok),
            Err(e) => {
                let sep = if back.contains('?') { '&' } else { '?' };
                crate::api::context::redirect(&format!(
                    "{back}{sep}error={}",
                    crate::api::hr::percent_encode(&e.to_string())
                ))
            }
        }
    }
    result
}

/// `/rounds`.
#[server(prefix = "/api", endpoint = "rounds", output = crate::api::JsonText)]
pub async fn load_rounds() -> Result<RoundsPage, AppError> {
    let (state, viewer) = signed_in().await?;
    backend::services::feedback::rounds_page(&state.db, &viewer).await.map_err(service_error)
}

/// HR creates a round (a draft until opened). `units[<key>]` and `competencies[<key>]` are checkboxes.
#[server(prefix = "/api", endpoint = "rounds/create", output = crate::api::JsonText)]
pub async fn create_round(
    name: String,
    period_start: String,
    period_end: String,
    opens: String,
    closes: String,
    threshold: String,
    max_peers: String,
    units: Option<HashMap<String, String>>,
    competencies: Option<HashMap<String, String>>,
) -> Result<String, AppError> {
    use backend::services::feedback::{RoundInput, create_round as create};
    let (state, viewer) = signed_in().await?;
    let input = RoundInput {
        name,
        period_start,
        period_end,
        opens,
        closes,
        threshold,
        max_peers,
        units: units.unwrap_or_default().into_keys().collect(),
        competencies: competencies.unwrap_or_default().into_keys().collect(),
    };
    let result = create(&state.db, &viewer, &input).await.map_err(service_error);
    let ok = result.as_ref().map(|k| format!("/rounds/{k}")).unwrap_or_default();
    plain_redirect(result, &ok, "/rounds")
}

/// HR opens a draft round: assignments are generated from the reporting graph.
#[server(prefix = "/api", endpoint = "rounds/open", output = crate::api::JsonText)]
pub async fn open_round(key: String) -> Result<usize, AppError> {
    use crate::api::context::{fail, lang};
    use crate::domain::Role;
    let (state, viewer) = signed_in().await?;
    let page = format!("/rounds/{key}");
    let result = if viewer.roles.has(Role::HrAdmin) {
        backend::services::feedback::open_round(&state.db, &viewer.nip, &key).await.map_err(service_error)
    } else {
        Err(fail(AppError::forbidden(lang())))
    };
    plain_redirect(result, &page, &page)
}

/// HR closes a round: results are computed and stored; no more submissions.
#[server(prefix = "/api", endpoint = "rounds/close", output = crate::api::JsonText)]
pub async fn close_round(key: String) -> Result<u64, AppError> {
    use crate::api::context::{fail, lang};
    use crate::domain::Role;
    let (state, viewer) = signed_in().await?;
    let page = format!("/rounds/{key}");
    let result = if viewer.roles.has(Role::HrAdmin) {
        backend::services::feedback::close_round(&state.db, &viewer.nip, &key)
            .await
            .map(|r| r.ratees as u64)
            .map_err(service_error)
    } else {
        Err(fail(AppError::forbidden(lang())))
    };
    plain_redirect(result, &page, &page)
}

/// `/rounds/:id`: completion by unit and person.
#[server(prefix = "/api", endpoint = "rounds/progress", output = crate::api::JsonText)]
pub async fn load_progress(key: String) -> Result<RoundProgress, AppError> {
    let (state, viewer) = signed_in().await?;
    backend::services::feedback::progress(&state.db, &viewer, &key).await.map_err(service_error)
}

/// A round's page: what [`load_progress`] answers, drawn by the server (`pages::feedback::progress_part`).
#[server(prefix = "/api", endpoint = "rounds/progress/part", output = crate::api::JsonText)]
pub async fn load_progress_part(key: String) -> Result<DrawnPart, AppError> {
    let page = load_progress(key).await?;
    Ok(crate::pages::feedback::progress_part(page))
}

/// HR adds an assignment to an open round.
#[server(prefix = "/api", endpoint = "rounds/assign", output = crate::api::JsonText)]
pub async fn add_assignment(round: String, rater: String, ratee: String, group: String) -> Result<(), AppError> {
    let page = format!("/rounds/{round}");
    let parsed = async {
        let (state, viewer) = signed_in().await?;
        backend::services::feedback::require_manager(&viewer).map_err(service_error)?;
        let rater = nip_field(&rater, "rater", T::FbPeerUnknown)?;
        let ratee = nip_field(&ratee, "ratee", T::FbPeerUnknown)?;
        let group = RaterGroup::from_code(&group)
            .ok_or_else(|| service_error(backend::error::invalid("group", T::FbGroupRequired)))?;
        backend::services::feedback::add_assignment(&state.db, &viewer, &round, &rater, &ratee, group)
            .await
            .map_err(service_error)
    };
    let result = parsed.await;
    plain_redirect(result, &format!("{page}?assigned=1"), &page)
}

/// HR removes an assignment that has not been submitted (named by its rater and ratee).
#[server(prefix = "/api", endpoint = "rounds/unassign", output = crate::api::JsonText)]
pub async fn remove_assignment(round: String, rater: String, ratee: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let key = backend::repo::feedback::assignment_key(round.trim(), rater.trim(), ratee.trim());
    let result = backend::services::feedback::remove_assignment(&state.db, &viewer, &key).await.map_err(service_error);
    let page = format!("/rounds/{round}");
    plain_redirect(result, &page, &page)
}

/// `/feedback`: the viewer's inbox.
#[server(prefix = "/api", endpoint = "feedback", output = crate::api::JsonText)]
pub async fn load_inbox() -> Result<InboxPage, AppError> {
    let (state, viewer) = signed_in().await?;
    backend::services::feedback::inbox(&state.db, &viewer).await.map_err(service_error)
}

/// `/feedback`'s page: what [`load_inbox`] answers, drawn by the server (`pages::feedback::inbox::part`).
#[server(prefix = "/api", endpoint = "feedback/part", output = crate::api::JsonText)]
pub async fn load_inbox_part() -> Result<DrawnPart, AppError> {
    let page = load_inbox().await?;
    Ok(crate::pages::feedback::inbox::part(page))
}

/// `/feedback/:key`: one assessment form (its rater only).
#[server(prefix = "/api", endpoint = "feedback/form", output = crate::api::JsonText)]
pub async fn load_assessment(key: String) -> Result<AssessmentForm, AppError> {
    let (state, viewer) = signed_in().await?;
    backend::services::feedback::form(&state.db, &viewer, &key).await.map_err(service_error)
}

/// The form's page: what [`load_assessment`] answers, drawn by the server (`pages::feedback::form::part`).
#[server(prefix = "/api", endpoint = "feedback/form/part", output = crate::api::JsonText)]
pub async fn load_assessment_part(key: String) -> Result<DrawnPart, AppError> {
    let form = load_assessment(key).await?;
    Ok(crate::pages::feedback::form::part(form))
}

/// Decodes `answers[<index>] = level` and `comments[<index>] = text` form fields into lists (as long as the
/// highest index given; the service checks them against the questionnaire).
#[cfg(feature = "ssr")]
fn decode_form(answers: HashMap<String, String>, comments: HashMap<String, String>) -> Option<(Vec<u8>, Vec<String>)> {
    const MAX: usize = 500;
    let mut a = Vec::new();
    for (k, v) in answers {
        let i: usize = k.parse().ok().filter(|i| *i < MAX)?;
        if a.len() <= i {
            a.resize(i + 1, crate::domain::feedback::UNANSWERED);
        }
        a[i] = if v.trim().is_empty() { 0 } else { v.trim().parse().ok()? };
    }
    let mut c = Vec::new();
    for (k, v) in comments {
        let i: usize = k.parse().ok().filter(|i| *i < MAX)?;
        if c.len() <= i {
            c.resize(i + 1, String::new());
        }
        c[i] = v;
    }
    Some((a, c))
}

/// Saves a draft, or submits when `submit` is present. Submitting is final and idempotent. Without JavaScript,
/// an incomplete submission is kept as a draft and the form says what is missing.
#[server(prefix = "/api", endpoint = "feedback/save", output = crate::api::JsonText)]
pub async fn save_assessment(
    key: String,
    answers: Option<HashMap<String, String>>,
    comments: Option<HashMap<String, String>>,
    submit: Option<String>,
) -> Result<SubmitOutcome, AppError> {
    use crate::api::context::{fail, is_plain_form_post, lang};
    use backend::services::feedback as svc;
    let (state, viewer) = signed_in().await?;
    let submit = submit.is_some_and(|s| !s.is_empty() && s != "0");
    let page = format!("/feedback/{key}");
    let Some((a, c)) = decode_form(answers.unwrap_or_default(), comments.unwrap_or_default()) else {
        return plain_redirect(
            Err(fail(AppError::validation("answers", lang().t(crate::i18n::T::FbAnswerCount)))),
            &page,
            &page,
        );
    };
    let result = svc::save(&state.db, &viewer, &key, a.clone(), c.clone(), submit).await;
    if submit
        && is_plain_form_post()
        && let Err(backend::ServiceError::Invalid { .. }) = &result
    {
        // Keep what was typed: store it as a draft, then report what is missing.
        let _ = svc::save(&state.db, &viewer, &key, a, c, false).await;
    }
    let result = result.map_err(service_error);
    let ok = match &result {
        Ok(SubmitOutcome::Saved { .. }) => format!("{page}?saved=1"),
        _ => "/feedback?submitted=1".to_string(),
    };
    plain_redirect(result, &ok, &page)
}

/// The ratee nominates an extra peer (their supervisor approves).
#[server(prefix = "/api", endpoint = "feedback/nominate", output = crate::api::JsonText)]
pub async fn nominate_peer(round: String, peer_nip: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let result = match nip_field(&peer_nip, "peer_nip", T::FbPeerUnknown) {
        Ok(peer) => {
            backend::services::feedback::nominate(&state.db, &viewer, &round, &peer).await.map_err(service_error)
        }
        Err(e) => Err(e),
    };
    plain_redirect(result, "/feedback?nominated=1", "/feedback")
}

/// The ratee's supervisor approves (`approve = "1"`) or rejects a nomination.
#[server(prefix = "/api", endpoint = "feedback/decide", output = crate::api::JsonText)]
pub async fn decide_nomination(key: String, approve: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let result =
        backend::services::feedback::decide(&state.db, &viewer, &key, approve == "1").await.map_err(service_error);
    plain_redirect(result, "/feedback", "/feedback")
}

/// One person's result in a closed round (thresholds applied; no individual peer or subordinate answers).
#[server(prefix = "/api", endpoint = "rounds/result", output = crate::api::JsonText)]
pub async fn load_result(round: String, nip: String) -> Result<ResultPage, AppError> {
    let (state, viewer) = signed_in().await?;
    let nip = subject(&viewer, &nip)?;
    backend::services::feedback::result_page(&state.db, &viewer, &round, &nip).await.map_err(service_error)
}

/// A result's page: what [`load_result`] answers, drawn by the server (`pages::feedback::result::part`).
#[server(prefix = "/api", endpoint = "rounds/result/part", output = crate::api::JsonText)]
pub async fn load_result_part(round: String, nip: String) -> Result<DrawnPart, AppError> {
    let page = load_result(round, nip).await?;
    Ok(crate::pages::feedback::result::part(page))
}
