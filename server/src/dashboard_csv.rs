//! The dashboard's tables as CSV (`/dashboard/{panel}.csv?unit=&period=&measure=`): the same service call as the
//! page, so the same access rules and the same withheld figures; localized headers.

use crate::{Format, download_viewer, table_download};
use app::AppState;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use domain::csv::{BOM, record};
use domain::dashboard::MIN_PEOPLE;
use domain::skp::{Predikat, SkpStatus};
use domain::view::{DashboardPage, DashboardQuery, DashboardRow};
use domain::{PositionKind, Rank};
use i18n::{Lang, T, org_predikat_name, predikat_name, skp_status_name};
use std::collections::HashMap;

/// The panels with a table, by the name their CSV file carries.
pub const PANELS: [&str; 9] =
    ["headcount", "status", "predikat", "competencies", "jpm", "talent", "needs", "development", "trends"];

fn fmt(x: Option<f64>) -> String {
    x.map(|v| format!("{:.1}", v)).unwrap_or_default()
}

/// The rows of a unit table: the unit shown first ("All"), then its breakdown.
fn rows(page: &DashboardPage, lang: Lang) -> Vec<(String, &DashboardRow)> {
    std::iter::once((lang.t(T::DashboardTotal).to_string(), &page.total))
        .chain(page.rows.iter().map(|r| {
            let name = if r.unit.is_some() { r.name.clone() } else { lang.t(T::DashboardDirect).to_string() };
            (name, r)
        }))
        .collect()
}

/// One panel's table as CSV, or `None` for an unknown panel.
pub fn panel_csv(page: &DashboardPage, panel: &str, lang: Lang) -> Option<String> {
    let mut out = String::from(BOM);
    let mut push = |cells: Vec<String>| out.push_str(&record(&cells.iter().map(String::as_str).collect::<Vec<_>>()));
    let withheld = lang.t(T::DashboardWithheld).to_string();
    match panel {
        "headcount" => {
            push(vec![
                lang.t(T::DashboardByKind).into(),
                lang.t(T::Position).into(),
                lang.t(T::DashboardPeople).into(),
            ]);
            let kinds =
                PositionKind::ALL.iter().map(|k| k.label().to_string()).chain([lang.t(T::DashboardUnknown).into()]);
            for (k, n) in kinds.zip(&page.total.figures.kinds).filter(|(_, n)| **n > 0) {
                push(vec![lang.t(T::DashboardByKind).into(), k, n.to_string()]);
            }
            let ranks = Rank::ALL.iter().map(|r| r.code().to_string()).chain([lang.t(T::DashboardUnknown).into()]);
            for (r, n) in ranks.zip(&page.total.figures.ranks).filter(|(_, n)| **n > 0) {
                push(vec![lang.t(T::DashboardByRank).into(), r, n.to_string()]);
            }
            for (name, r) in rows(page, lang).into_iter().skip(1) {
                push(vec![lang.t(T::DashboardByUnit).into(), name, r.figures.people.to_string()]);
            }
        }
        "status" => {
            let mut header =
                vec![lang.t(T::Unit).to_string(), lang.t(T::DashboardPeople).into(), lang.t(T::DashboardNoPlan).into()];
            header.extend(SkpStatus::ALL.iter().map(|s| lang.t(skp_status_name(*s)).to_string()));
            header.extend([lang.t(T::DashboardRated).into(), lang.t(T::DashboardCompletion).into()]);
            push(header);
            for (name, r) in rows(page, lang) {
                let mut cells = vec![name, r.figures.people.to_string()];
                cells.extend(r.figures.skp.iter().map(u32::to_string));
                cells.extend([r.figures.rated().to_string(), fmt(r.figures.completion_percent())]);
                push(cells);
            }
        }
        "predikat" => {
            let mut header = vec![lang.t(T::Unit).to_string(), lang.t(T::DashboardOrgPredikat).into()];
            header.extend(Predikat::ALL.iter().map(|p| lang.t(predikat_name(*p)).to_string()));
            header.push(lang.t(T::DashboardGuideline).into());
            push(header);
            for (name, r) in rows(page, lang) {
                let mut cells = vec![name, r.org.map(|o| lang.t(org_predikat_name(o)).to_string()).unwrap_or_default()];
                cells.extend(r.figures.predikat.iter().map(u32::to_string));
                let verdict = match (r.org, r.breaches.is_empty()) {
                    (None, _) => T::DashboardNoOrgPredikat,
                    (Some(_), true) => T::DashboardWithinGuideline,
                    (Some(_), false) => T::DashboardOutlier,
                };
                cells.push(lang.t(verdict).to_string());
                push(cells);
            }
        }
        "competencies" => {
            let mut header = vec![lang.t(T::Unit).to_string()];
            header.extend(page.competencies.iter().map(|(c, _)| c.clone()));
            push(header);
            for (name, r) in rows(page, lang) {
                let mut cells = vec![name];
                if r.withheld {
                    cells.extend(page.competencies.iter().map(|_| withheld.clone()));
                } else {
                    cells.extend(r.figures.scores.iter().map(|s| {
                        if s.people > 0 && s.people < MIN_PEOPLE {
                            withheld.clone()
                        } else if page.query.below {
                            fmt(s.below_percent())
                        } else {
                            s.mean().map(|m| format!("{m:.2}")).unwrap_or_default()
                        }
                    }));
                }
                push(cells);
            }
        }
        "jpm" => {
            push(vec![
                lang.t(T::Unit).into(),
                lang.t(T::DashboardWithResults).into(),
                lang.t(T::DashboardJpmMean).into(),
                lang.t(T::DashboardJpmHigh).into(),
                lang.t(T::DashboardJpmMiddle).into(),
                lang.t(T::DashboardJpmLow).into(),
                lang.t(T::DashboardMeeting).into(),
            ]);
            for (name, r) in rows(page, lang) {
                let f = &r.figures;
                push(if r.withheld {
                    vec![name, withheld.clone()]
                } else {
                    let mut c = vec![name, f.jpm_people.to_string(), fmt(f.jpm_mean())];
                    c.extend(f.jpm_bands.iter().map(u32::to_string));
                    c.push(fmt(f.meeting_percent()));
                    c
                });
            }
        }
        "talent" => {
            push(vec![lang.t(T::DashboardBox).into(), lang.t(T::DashboardPeople).into()]);
            for n in 1..=9u8 {
                push(vec![n.to_string(), page.total.figures.boxes[usize::from(n - 1)].to_string()]);
            }
            push(vec![lang.t(T::DashboardUnplaced).into(), page.total.figures.unplaced.to_string()]);
        }
        "needs" => {
            push(vec![
                lang.t(T::Training).into(),
                lang.t(T::DashboardPeople).into(),
                lang.t(T::DashboardGapClosed).into(),
                lang.t(T::DashboardCost).into(),
            ]);
            for (_, title, people, gap, cost) in &page.needs {
                push(vec![
                    title.get(lang == Lang::En).to_string(),
                    people.to_string(),
                    format!("{gap}"),
                    cost.to_string(),
                ]);
            }
        }
        "development" => {
            push(vec![
                lang.t(T::Unit).into(),
                lang.t(T::DashboardPeople).into(),
                lang.t(T::DashboardPlanners).into(),
                lang.t(T::DashboardPlanItems).into(),
                lang.t(T::DashboardPlanDone).into(),
            ]);
            for (name, r) in rows(page, lang) {
                let f = &r.figures;
                push(vec![
                    name,
                    f.people.to_string(),
                    f.planners.to_string(),
                    format!("{}/{}", f.plan_done, f.plan_items),
                    fmt(f.plan_percent()),
                ]);
            }
        }
        "trends" => {
            push(vec![
                lang.t(T::DashboardYear).into(),
                lang.t(T::DashboardRated).into(),
                lang.t(T::DashboardGood).into(),
                lang.t(T::DashboardWithResults).into(),
                lang.t(T::DashboardJpmMean).into(),
                lang.t(T::DashboardMeeting).into(),
            ]);
            for t in page.trend_years.iter().chain(&page.trend_rounds) {
                let people = if t.withheld { withheld.clone() } else { t.jpm_people.to_string() };
                push(vec![
                    t.label.clone(),
                    t.rated.to_string(),
                    fmt(t.good_percent),
                    people,
                    fmt(t.jpm_mean),
                    fmt(t.meeting_percent),
                ]);
            }
        }
        _ => return None,
    }
    Some(out)
}

/// `GET /dashboard/{panel}.csv`.
pub async fn dashboard_csv_route(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(params): Query<HashMap<String, String>>,
    headers: axum::http::HeaderMap,
    uri: axum::http::Uri,
) -> Response {
    let (viewer, lang) = match download_viewer(&state, &headers).await {
        Ok(v) => v,
        Err(refusal) => return *refusal,
    };
    let Some(panel) = file.strip_suffix(".csv").or_else(|| file.strip_suffix(".xlsx")).filter(|p| PANELS.contains(p))
    else {
        return (axum::http::StatusCode::NOT_FOUND, lang.t(T::NotFoundTitle)).into_response();
    };
    let Some(query) = DashboardQuery::parse(
        params.get("unit").map(String::as_str),
        params.get("period").map(String::as_str),
        params.get("measure").map(String::as_str),
    ) else {
        return (axum::http::StatusCode::BAD_REQUEST, lang.t(T::DashboardQueryInvalid)).into_response();
    };
    let result = backend::services::dashboard::dashboard_page(&state.db, &viewer, &query).await;
    let name = format!("dashboard-{panel}-{}", query.unit.as_deref().unwrap_or("all"));
    table_download(result.map(|page| panel_csv(&page, panel, lang).unwrap_or_default()), &name, lang, Format::of(&uri))
}
