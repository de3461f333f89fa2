//! Work plans (SKP): server functions for the owner (draft rows and indicators, submit), the direct supervisor
//! (approve or return) and everyone who may read a plan. Forms post here without JavaScript too.
#![allow(clippy::too_many_arguments)]

use crate::api::*;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::context::{service_error, signed_in, subject};
#[cfg(feature = "ssr")]
use crate::api::feedback::plain_redirect as back;
#[cfg(feature = "ssr")]
use crate::{domain::skp, i18n::T};
#[cfg(feature = "ssr")]
use backend::services::skp as service;

/// The current performance year (WIB).
#[cfg(feature = "ssr")]
fn this_year() -> i32 {
    let wib = time::UtcOffset::from_hms(7, 0, 0).unwrap_or(time::UtcOffset::UTC);
    time::OffsetDateTime::now_utc().to_offset(wib).year()
}

#[cfg(feature = "ssr")]
fn invalid(field: &'static str, text: T) -> AppError {
    service_error(backend::error::invalid(field, text))
}

/// An indicator typed into a form.
#[cfg(feature = "ssr")]
fn indicator(aspect: &str, text: &str, kind: &str, value: &str, unit: &str) -> Result<skp::Indicator, AppError> {
    let aspect = skp::Aspect::from_code(aspect).ok_or_else(|| invalid("aspect", T::SkpChooseOption))?;
    let target = skp::Target::parse(kind, value, unit).ok_or_else(|| invalid("target", T::SkpTarget))?;
    Ok(skp::Indicator { aspect, text: text.trim().to_string(), target })
}

#[cfg(feature = "ssr")]
fn own_page(year: i32) -> (String, String) {
    (format!("/skp?year={year}&saved=1"), format!("/skp?year={year}"))
}

/// `/skp` (`me`) and `/skp/:nip`: the plan for `year` (this year when absent), one `version` or the newest.
#[server(prefix = "/api", endpoint = "skp", output = crate::api::JsonText)]
pub async fn load_skp(nip: String, year: Option<i32>, version: Option<u32>) -> Result<SkpPage, AppError> {
    let (state, viewer) = signed_in().await?;
    let nip = subject(&viewer, &nip)?;
    service::skp_page(&state.db, &viewer, &nip, year.unwrap_or_else(this_year), version).await.map_err(service_error)
}

/// The plan's page: what [`load_skp`] answers, drawn by the server (`pages::skp::part`).
#[server(prefix = "/api", endpoint = "skp/part", output = crate::api::JsonText)]
pub async fn load_skp_part(nip: String, year: Option<i32>, version: Option<u32>) -> Result<DrawnPart, AppError> {
    let page = load_skp(nip, year, version).await?;
    Ok(crate::pages::skp::part(page))
}

/// The owner adds a result row with its first indicator.
#[server(prefix = "/api", endpoint = "skp/add_row", output = crate::api::JsonText)]
pub async fn skp_add_row(
    year: i32,
    kind: String,
    text: String,
    supports: Option<String>,
    aspect: String,
    indicator_text: String,
    target_kind: String,
    target_value: String,
    target_unit: Option<String>,
) -> Result<u32, AppError> {
    let (state, viewer) = signed_in().await?;
    let (ok, page) = own_page(year);
    let result = async {
        let kind = skp::RowKind::from_code(&kind).ok_or_else(|| invalid("kind", T::SkpChooseOption))?;
        let first =
            indicator(&aspect, &indicator_text, &target_kind, &target_value, target_unit.as_deref().unwrap_or(""))?;
        let row = skp::ResultRow {
            key: String::new(),
            kind,
            text: text.trim().to_string(),
            indicators: vec![first],
            supports: supports.filter(|s| !s.is_empty()),
        };
        service::add_row(&state.db, &viewer, year, row).await.map_err(service_error)
    }
    .await;
    back(result, &ok, &page)
}

/// The owner adds an indicator to a row.
#[server(prefix = "/api", endpoint = "skp/add_indicator", output = crate::api::JsonText)]
pub async fn skp_add_indicator(
    year: i32,
    row: String,
    aspect: String,
    indicator_text: String,
    target_kind: String,
    target_value: String,
    target_unit: Option<String>,
) -> Result<u32, AppError> {
    let (state, viewer) = signed_in().await?;
    let (ok, page) = own_page(year);
    let result = async {
        let i = indicator(&aspect, &indicator_text, &target_kind, &target_value, target_unit.as_deref().unwrap_or(""))?;
        service::add_indicator(&state.db, &viewer, year, &row, i).await.map_err(service_error)
    }
    .await;
    back(result, &ok, &page)
}

/// The owner removes a row.
#[server(prefix = "/api", endpoint = "skp/remove_row", output = crate::api::JsonText)]
pub async fn skp_remove_row(year: i32, row: String) -> Result<u32, AppError> {
    let (state, viewer) = signed_in().await?;
    let (ok, page) = own_page(year);
    back(service::remove_row(&state.db, &viewer, year, &row).await.map_err(service_error), &ok, &page)
}

/// The owner submits the newest version to their supervisor.
#[server(prefix = "/api", endpoint = "skp/submit", output = crate::api::JsonText)]
pub async fn skp_submit(year: i32) -> Result<u32, AppError> {
    let (state, viewer) = signed_in().await?;
    let (ok, page) = own_page(year);
    back(service::submit(&state.db, &viewer, year).await.map_err(service_error), &ok, &page)
}

/// The direct supervisor approves (`decision` = `approve`) or returns the submitted plan with a comment.
#[server(prefix = "/api", endpoint = "skp/decide", output = crate::api::JsonText)]
pub async fn skp_decide(nip: String, year: i32, decision: String, comment: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let page = format!("/skp/{}?year={year}", crate::api::hr::percent_encode(&nip));
    let result = async {
        let owner = subject(&viewer, &nip)?;
        service::decide(&state.db, &viewer, &owner, year, decision == "approve", &comment).await.map_err(service_error)
    }
    .await;
    back(result, &format!("{page}&saved=1"), &page)
}

/// `/skp/periods`: a year's assessment periods (this year when absent).
#[server(prefix = "/api", endpoint = "skp/periods", output = crate::api::JsonText)]
pub async fn load_periods(year: Option<i32>) -> Result<PeriodsPage, AppError> {
    let (state, viewer) = signed_in().await?;
    service::periods_page(&state.db, &viewer, year.unwrap_or_else(this_year)).await.map_err(service_error)
}

/// `/skp/periods`'s page: what [`load_periods`] answers, drawn by the server (`pages::skp::periods_part`).
#[server(prefix = "/api", endpoint = "skp/periods/part", output = crate::api::JsonText)]
pub async fn load_periods_part(year: Option<i32>) -> Result<DrawnPart, AppError> {
    let page = load_periods(year).await?;
    Ok(crate::pages::skp::periods_part(page))
}

/// HR plans a year's periods: `scheme` (`quarterly`, `semester`, `monthly`) and the input deadline in days.
#[server(prefix = "/api", endpoint = "skp/periods/plan", output = crate::api::JsonText)]
pub async fn skp_plan_year(year: i32, scheme: String, deadline_days: String) -> Result<usize, AppError> {
    let (state, viewer) = signed_in().await?;
    let page = format!("/skp/periods?year={year}");
    let result = async {
        let scheme = skp::PeriodScheme::from_code(&scheme).ok_or_else(|| invalid("scheme", T::SkpChooseOption))?;
        let days: u16 = deadline_days.trim().parse().map_err(|_| invalid("deadline_days", T::SkpDeadlineDays))?;
        service::plan_year(&state.db, &viewer, year, scheme, days).await.map_err(service_error)
    }
    .await;
    back(result, &format!("{page}&saved=1"), &page)
}

/// HR opens a planned period or closes an open one.
#[server(prefix = "/api", endpoint = "skp/periods/advance", output = crate::api::JsonText)]
pub async fn skp_advance_period(year: i32, number: u8) -> Result<crate::domain::skp::PeriodState, AppError> {
    let (state, viewer) = signed_in().await?;
    let page = format!("/skp/periods?year={year}");
    let result = service::advance_period(&state.db, &viewer, year, number).await.map_err(service_error);
    back(result, &format!("{page}&saved=1"), &page)
}

/// `/skp/:nip/periods/:period`: one person's evaluation of one period.
#[server(prefix = "/api", endpoint = "skp/evaluation", output = crate::api::JsonText)]
pub async fn load_evaluation(nip: String, year: i32, period: u8) -> Result<EvaluationPage, AppError> {
    let (state, viewer) = signed_in().await?;
    let nip = subject(&viewer, &nip)?;
    service::evaluation_page(&state.db, &viewer, &nip, year, period).await.map_err(service_error)
}

/// The evaluation's page: what [`load_evaluation`] answers, drawn by the server (`pages::skp::evaluation_part`).
#[server(prefix = "/api", endpoint = "skp/evaluation/part", output = crate::api::JsonText)]
pub async fn load_evaluation_part(nip: String, year: i32, period: u8) -> Result<DrawnPart, AppError> {
    let page = load_evaluation(nip, year, period).await?;
    Ok(crate::pages::skp::evaluation_part(page))
}

#[cfg(feature = "ssr")]
fn evaluation_url(nip: &str, year: i32, period: u8) -> String {
    format!("/skp/{}/periods/{period}?year={year}", crate::api::hr::percent_encode(nip))
}

/// The owner records the realisation of one row, with an optional evidence link.
#[server(prefix = "/api", endpoint = "skp/realise", output = crate::api::JsonText)]
pub async fn skp_realise(
    year: i32,
    period: u8,
    row: String,
    text: String,
    link: Option<String>,
) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let page = evaluation_url(&viewer.nip, year, period);
    let result = service::realise(&state.db, &viewer, year, period, &row, &text, link.as_deref().unwrap_or(""))
        .await
        .map_err(service_error);
    back(result, &format!("{page}&saved=1"), &page)
}

/// The owner removes one of their evidence files of a period (uploads go to `/skp/evidence`, a multipart route).
#[server(prefix = "/api", endpoint = "skp/evidence/remove", output = crate::api::JsonText)]
pub async fn skp_remove_evidence(year: i32, period: u8, id: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let page = evaluation_url(&viewer.nip, year, period);
    let result = service::remove_evidence(&state.db, &viewer, year, period, &id).await.map_err(service_error);
    back(result, &format!("{page}&saved=1"), &page)
}

/// The owner writes their self-assessment of a period.
#[server(prefix = "/api", endpoint = "skp/self_assess", output = crate::api::JsonText)]
pub async fn skp_assess_self(year: i32, period: u8, text: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let page = evaluation_url(&viewer.nip, year, period);
    let result = service::assess_self(&state.db, &viewer, year, period, &text).await.map_err(service_error);
    back(result, &format!("{page}&saved=1"), &page)
}

/// The direct supervisor rates results and behaviour (`below`, `meets`, `above`) with written feedback.
#[server(prefix = "/api", endpoint = "skp/rate", output = crate::api::JsonText)]
pub async fn skp_rate(
    nip: String,
    year: i32,
    period: u8,
    results: String,
    behaviour: String,
    feedback: String,
    curve_reason: Option<String>,
) -> Result<crate::domain::skp::Predikat, AppError> {
    let (state, viewer) = signed_in().await?;
    let page = evaluation_url(&nip, year, period);
    let result = async {
        let owner = subject(&viewer, &nip)?;
        let results = skp::Rating::from_code(&results).ok_or_else(|| invalid("results", T::SkpChooseOption))?;
        let behaviour = skp::Rating::from_code(&behaviour).ok_or_else(|| invalid("behaviour", T::SkpChooseOption))?;
        let ratings = skp::Ratings { results, behaviour };
        let reason = curve_reason.unwrap_or_default();
        let input = service::RatingInput { ratings, feedback: &feedback, curve_reason: &reason };
        service::rate(&state.db, &viewer, &owner, year, period, input).await.map_err(service_error)
    }
    .await;
    back(result, &format!("{page}&saved=1"), &page)
}

/// The head (or HR for them) sets a unit's organisational predikat for a period.
#[server(prefix = "/api", endpoint = "skp/org_predikat", output = crate::api::JsonText)]
pub async fn skp_set_org_predikat(unit: String, year: i32, period: u8, predikat: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let page = format!("/skp/periods?year={year}");
    let result = async {
        let predikat = skp::OrgPredikat::from_code(&predikat).ok_or_else(|| invalid("predikat", T::SkpChooseOption))?;
        service::set_org_predikat(&state.db, &viewer, &unit, year, period, predikat).await.map_err(service_error)
    }
    .await;
    back(result, &format!("{page}&saved=1"), &page)
}

/// The direct supervisor records (or corrects) the performance dialogue of a period.
#[server(prefix = "/api", endpoint = "skp/dialogue", output = crate::api::JsonText)]
pub async fn skp_record_dialogue(
    nip: String,
    year: i32,
    period: u8,
    held_on: String,
    discussed: String,
    follow_ups: String,
) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let page = evaluation_url(&nip, year, period);
    let result = async {
        let owner = subject(&viewer, &nip)?;
        let form = service::DialogueForm { held_on: &held_on, discussed: &discussed, follow_ups: &follow_ups };
        service::record_dialogue(&state.db, &viewer, &owner, year, period, form).await.map_err(service_error)
    }
    .await;
    back(result, &format!("{page}&saved=1"), &page)
}

/// The employee acknowledges the performance dialogue of a period.
#[server(prefix = "/api", endpoint = "skp/dialogue/ack", output = crate::api::JsonText)]
pub async fn skp_acknowledge_dialogue(year: i32, period: u8) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let page = evaluation_url(&viewer.nip, year, period);
    let result = service::acknowledge_dialogue(&state.db, &viewer, year, period).await.map_err(service_error);
    back(result, &format!("{page}&saved=1"), &page)
}

/// `/skp/objections`: the objections the viewer decides, filed or rated (HR and the head: all).
#[server(prefix = "/api", endpoint = "skp/objections", output = crate::api::JsonText)]
pub async fn load_objections(year: Option<i32>) -> Result<ObjectionsPage, AppError> {
    let (state, viewer) = signed_in().await?;
    service::objections_page(&state.db, &viewer, year.unwrap_or_else(this_year)).await.map_err(service_error)
}

/// The employee objects to their rating of a period, with reasons and an optional evidence link.
#[server(prefix = "/api", endpoint = "skp/objection/file", output = crate::api::JsonText)]
pub async fn skp_file_objection(year: i32, period: u8, reasons: String, link: Option<String>) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let page = evaluation_url(&viewer.nip, year, period);
    let result = service::file_objection(&state.db, &viewer, year, period, &reasons, link.as_deref().unwrap_or(""))
        .await
        .map_err(service_error);
    back(result, &format!("{page}&saved=1"), &page)
}

/// The decider upholds an objection with a new rating (`results`, `behaviour`) or rejects it, with reasons.
#[server(prefix = "/api", endpoint = "skp/objection/decide", output = crate::api::JsonText)]
pub async fn skp_decide_objection(
    nip: String,
    year: i32,
    period: u8,
    decision: String,
    results: Option<String>,
    behaviour: Option<String>,
    reason: String,
) -> Result<crate::domain::skp::Predikat, AppError> {
    let (state, viewer) = signed_in().await?;
    let page = evaluation_url(&nip, year, period);
    let result = async {
        let owner = subject(&viewer, &nip)?;
        let decision = match decision.as_str() {
            "upheld" => skp::Decision::Upheld(
                skp::ratings_from_codes(results.as_deref().unwrap_or(""), behaviour.as_deref().unwrap_or(""))
                    .ok_or_else(|| invalid("results", T::SkpDecisionUnchanged))?,
            ),
            "rejected" => skp::Decision::Rejected,
            _ => return Err(invalid("decision", T::SkpChooseOption)),
        };
        service::decide_objection(&state.db, &viewer, &owner, year, period, decision, &reason)
            .await
            .map_err(service_error)
    }
    .await;
    back(result, &format!("{page}&saved=1"), &page)
}

/// HR changes the SKP settings: the objection windows and the allowance per predikat (best first).
#[server(prefix = "/api", endpoint = "skp/settings", output = crate::api::JsonText)]
pub async fn skp_save_settings(
    year: i32,
    objection_days: String,
    decision_days: String,
    allowance: Vec<String>,
) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let page = format!("/skp/periods?year={year}");
    let shares: Vec<&str> = allowance.iter().map(String::as_str).collect();
    let form =
        service::SettingsForm { objection_days: &objection_days, decision_days: &decision_days, allowance: &shares };
    let result = service::save_skp_settings(&state.db, &viewer, form).await.map(|_| ()).map_err(service_error);
    back(result, &format!("{page}&saved=1"), &page)
}

#[cfg(feature = "ssr")]
fn plan_url(nip: &str, year: i32) -> String {
    format!("/skp/{}?year={year}", crate::api::hr::percent_encode(nip))
}

/// The direct supervisor writes a continuous feedback note on a plan (`about`: `plan`, `row:<key>`, `value:<code>`).
#[server(prefix = "/api", endpoint = "skp/note", output = crate::api::JsonText)]
pub async fn skp_add_note(nip: String, year: i32, about: String, text: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let page = plan_url(&nip, year);
    let result = async {
        let owner = subject(&viewer, &nip)?;
        service::add_note(&state.db, &viewer, &owner, year, &about, &text).await.map_err(service_error)
    }
    .await;
    back(result, &format!("{page}&saved=1#notes-h"), &page)
}

/// The employee (or the direct supervisor) replies to a note.
#[server(prefix = "/api", endpoint = "skp/note/reply", output = crate::api::JsonText)]
pub async fn skp_reply_note(nip: String, year: i32, note: String, text: String) -> Result<(), AppError> {
    let (state, viewer) = signed_in().await?;
    let page = plan_url(&nip, year);
    let result = async {
        let owner = subject(&viewer, &nip)?;
        service::reply_note(&state.db, &viewer, &owner, year, &note, &text).await.map_err(service_error)
    }
    .await;
    back(result, &format!("{page}&saved=1#notes-h"), &page)
}

/// `/skp/:nip/print?year=&period=`: the plan (and a period's evaluation) as the document agencies sign.
#[server(prefix = "/api", endpoint = "skp/document", output = crate::api::JsonText)]
pub async fn load_skp_document(nip: String, year: Option<i32>, period: Option<u8>) -> Result<SkpDocument, AppError> {
    let (state, viewer) = signed_in().await?;
    let nip = subject(&viewer, &nip)?;
    service::skp_document(&state.db, &viewer, &nip, year.unwrap_or_else(this_year), period).await.map_err(service_error)
}

/// The print page: what [`load_skp_document`] answers, drawn by the server (`pages::skp::document::part`).
#[server(prefix = "/api", endpoint = "skp/document/part", output = crate::api::JsonText)]
pub async fn load_skp_document_part(nip: String, year: Option<i32>, period: Option<u8>) -> Result<DrawnPart, AppError> {
    let doc = load_skp_document(nip, year, period).await?;
    Ok(crate::pages::skp::document::part(doc))
}
