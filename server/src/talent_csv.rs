//! The talent review's lists as downloads, with the page's access rules and filters: everyone placed in the 9-box
//! (`/talent.csv`, `/talent.xlsx`, `?unit=&kind=&rank=`) and a programme's eligible and nearly eligible candidates
//! with what they lack (`/programmes/{programme}/candidates.csv` or `.xlsx`, `?unit=`).

use crate::{Format, download_viewer, table_download};
use app::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use backend::ServiceError;
use domain::csv::{BOM, record};
use domain::programme::Programme;
use domain::view::TalentFilter;
use i18n::{T, condition_text, potential_name, rating_name};
use std::collections::HashMap;

fn num(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.1}")).unwrap_or_default()
}

/// `/talent.csv` and `/talent.xlsx`.
pub async fn talent_route(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let (viewer, lang) = match download_viewer(&state, &headers).await {
        Ok(v) => v,
        Err(refusal) => return *refusal,
    };
    let param = |k: &str| params.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
    let kind = match param("kind").map(domain::PositionKind::from_code) {
        Some(None) => return (StatusCode::BAD_REQUEST, lang.t(T::TalentFilterInvalid)).into_response(),
        k => k.flatten(),
    };
    let min_rank = match param("rank").map(domain::Rank::parse) {
        Some(None) => return (StatusCode::BAD_REQUEST, lang.t(T::TalentFilterInvalid)).into_response(),
        r => r.flatten(),
    };
    let filter = TalentFilter { unit: param("unit").map(str::to_string), kind, min_rank };
    let result = backend::services::talent::talent_export(&state.db, &viewer, &filter).await.map(|page| {
        let mut out = String::from(BOM);
        out.push_str(&record(&[
            "NIP",
            lang.t(T::Name),
            lang.t(T::Position),
            lang.t(T::Unit),
            lang.t(T::TalentBoxLabel),
            lang.t(T::TalentPerformance),
            lang.t(T::TalentPotential),
            "JPM (%)",
        ]));
        for p in page.people {
            out.push_str(&record(&[
                format!("'{}", p.nip),
                p.name,
                p.position,
                p.unit_name,
                p.box_number.to_string(),
                lang.t(rating_name(p.performance)).to_string(),
                lang.t(potential_name(p.potential)).to_string(),
                num(Some(p.jpm)),
            ]));
        }
        out
    });
    let name = format!("talenta-{}", filter.unit.as_deref().unwrap_or("semua"));
    table_download(result, &name, lang, Format::of(&uri))
}

/// `/programmes/{programme}/candidates.csv` and `.xlsx`.
pub async fn candidates_route(
    State(state): State<AppState>,
    Path((code, file)): Path<(String, String)>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let (viewer, lang) = match download_viewer(&state, &headers).await {
        Ok(v) => v,
        Err(refusal) => return *refusal,
    };
    let (Some(programme), Some(format)) = (Programme::from_code(&code), Format::of_file(&file, "candidates")) else {
        return (StatusCode::NOT_FOUND, lang.t(T::NotFoundTitle)).into_response();
    };
    let unit = params.get("unit").map(|u| u.trim()).filter(|u| !u.is_empty());
    let result: Result<String, ServiceError> =
        backend::services::programme::programmes_export(&state.db, &viewer, programme, unit).await.map(|page| {
            let mut out = String::from(BOM);
            out.push_str(&record(&[
                lang.t(T::ImportState),
                "NIP",
                lang.t(T::Name),
                lang.t(T::Position),
                lang.t(T::Unit),
                lang.t(T::Rank),
                lang.t(T::TalentBoxLabel),
                "JPM (%)",
                lang.t(T::ProgrammeLacking),
            ]));
            let eligible = page.eligible.into_iter().map(|c| (T::ProgrammeEligible, c));
            let nearly = page.nearly.into_iter().map(|c| (T::ProgrammeNearly, c));
            for (status, c) in eligible.chain(nearly) {
                let lacking = c
                    .eligibility
                    .lacking()
                    .iter()
                    .map(|v| condition_text(&v.condition, programme, lang))
                    .collect::<Vec<_>>()
                    .join("; ");
                out.push_str(&record(&[
                    lang.t(status).to_string(),
                    format!("'{}", c.nip),
                    c.name,
                    c.position,
                    c.unit_name,
                    c.rank,
                    c.box_number.map(|b| b.to_string()).unwrap_or_default(),
                    num(c.jpm),
                    lacking,
                ]));
            }
            out
        });
    table_download(result, &format!("kandidat-{code}-{}", unit.unwrap_or("semua")), lang, format)
}
