//! More lists pages show, as downloads (CSV, or XLSX at the same address ending in `.xlsx`), through the same service
//! calls as their pages: a unit's members (`/org/units/{key}/members.csv`), a round's completion by unit and by
//! person (`/rounds/{id}/progress.csv`) and the training-needs analysis with its budget plan
//! (`/trainings/needs.csv`, `/trainings/needs/plan.csv`, with the page's `unit`, `budget` and `budget_unit`).

use crate::{Format, download_viewer, table_download};
use app::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use domain::csv::{BOM, record};
use i18n::T;
use std::collections::HashMap;

/// `/org/units/{key}/members.csv` (any signed-in person, as the unit page).
pub async fn members_route(
    State(state): State<AppState>,
    Path((key, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let (_viewer, lang) = match download_viewer(&state, &headers).await {
        Ok(v) => v,
        Err(refusal) => return *refusal,
    };
    let Some(format) = Format::of_file(&file, "members") else {
        return (StatusCode::NOT_FOUND, lang.t(T::NotFoundTitle)).into_response();
    };
    let result = backend::services::org::unit_page(&state.db, &key).await.map(|page| {
        let mut out = String::from(BOM);
        out.push_str(&record(&["NIP", lang.t(T::Name), lang.t(T::Position), lang.t(T::Unit)]));
        for m in page.members {
            out.push_str(&record(&[format!("'{}", m.nip), m.name, m.position, m.unit_name]));
        }
        out
    });
    table_download(result, &format!("anggota-{key}"), lang, format)
}

/// `/rounds/{id}/progress.csv`: completion by unit, then by rater and by ratee (the page's scope).
pub async fn progress_route(
    State(state): State<AppState>,
    Path((id, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let (viewer, lang) = match download_viewer(&state, &headers).await {
        Ok(v) => v,
        Err(refusal) => return *refusal,
    };
    let Some(format) = Format::of_file(&file, "progress") else {
        return (StatusCode::NOT_FOUND, lang.t(T::NotFoundTitle)).into_response();
    };
    let result = backend::services::feedback::progress(&state.db, &viewer, &id).await.map(|p| {
        let mut out = String::from(BOM);
        out.push_str(&record(&[
            lang.t(T::ProgressPart),
            lang.t(T::Name),
            lang.t(T::Assignments),
            lang.t(T::StateSubmitted),
            lang.t(T::StateDraft),
        ]));
        let groups = [(T::ProgressByUnit, p.by_unit), (T::PendingRaters, p.raters), (T::FeedbackReceived, p.ratees)];
        for (what, rows) in groups {
            for r in rows {
                out.push_str(&record(&[
                    lang.t(what).to_string(),
                    r.name,
                    r.total.to_string(),
                    r.submitted.to_string(),
                    r.drafts.to_string(),
                ]));
            }
        }
        out
    });
    table_download(result, &format!("progres-{id}"), lang, format)
}

/// `/trainings/needs.csv` and `/trainings/needs/plan.csv` (and `.xlsx`).
pub async fn needs_route(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let (viewer, lang) = match download_viewer(&state, &headers).await {
        Ok(v) => v,
        Err(refusal) => return *refusal,
    };
    let plan = uri.path().starts_with("/trainings/needs/plan");
    let unit = params.get("unit").map(|u| u.trim()).filter(|u| !u.is_empty());
    let budget = params
        .get("budget")
        .map(|b| b.chars().filter(char::is_ascii_digit).collect::<String>())
        .and_then(|b| b.parse::<u64>().ok());
    let budget_unit = params.get("budget_unit").map(String::as_str).unwrap_or("rupiah");
    let english = lang == i18n::Lang::En;
    let result =
        backend::services::training::needs_page(&state.db, &viewer, unit, budget, budget_unit).await.map(|page| {
            let title: HashMap<&str, &str> =
                page.catalog.iter().map(|t| (t.code.as_str(), t.title.get(english))).collect();
            let title_of = |code: &str| title.get(code).map(|t| t.to_string()).unwrap_or_default();
            let mut out = String::from(BOM);
            if plan {
                out.push_str(&record(&[
                    lang.t(T::TrainingCode),
                    lang.t(T::TrainingTitle),
                    lang.t(T::Seats),
                    lang.t(T::GapClosed),
                    lang.t(T::Spent),
                ]));
                for (code, seats, gap, spent) in page.plan.map(|p| p.rows).unwrap_or_default() {
                    out.push_str(&record(&[
                        code.clone(),
                        title_of(&code),
                        seats.to_string(),
                        format!("{gap:.2}"),
                        spent.to_string(),
                    ]));
                }
            } else {
                out.push_str(&record(&[
                    lang.t(T::TrainingCode),
                    lang.t(T::TrainingTitle),
                    lang.t(T::People),
                    lang.t(T::GapClosed),
                    lang.t(T::Cost),
                    "JP",
                ]));
                for r in page.rows {
                    out.push_str(&record(&[
                        r.training.clone(),
                        title_of(&r.training),
                        r.people.to_string(),
                        format!("{:.2}", r.gap_closed),
                        r.cost.to_string(),
                        r.jp.to_string(),
                    ]));
                }
            }
            out
        });
    let name = format!("{}-{}", if plan { "rencana-anggaran" } else { "kebutuhan-pelatihan" }, unit.unwrap_or("semua"));
    table_download(result, &name, lang, Format::of(&uri))
}
