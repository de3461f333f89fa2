//! Competency reports and their settings: reports read one materialised result per round (written when the round
//! closed); every derived number (combined score, gap, JPM, blind spots, recommendations) is computed by
//! `domain::report`, the same code the browser runs for what-if views. Also the reference data every report needs.

use crate::db::Db;
use crate::error::{ServiceError, invalid};
use crate::repo::plan as plan_repo;
use crate::repo::report as report_repo;
use crate::repo::training as training_repo;
use crate::repo::{audit, competency as comp_repo, feedback as fb_repo, settings};
use crate::services::auth::Viewer;
use crate::services::feedback::questionnaire;
use anyhow::Context;
use domain::Nip;
use domain::Role;
use domain::report::{self as rep, ScoreRow};
use domain::view::*;
use i18n::T;
use std::collections::HashMap;

use super::plan::default_due;

/// Setting key of the report settings.
const SETTINGS_KEY: &str = "report";

/// Small, rarely changed data every report needs: the report settings, the active catalog and the standards.
#[derive(Debug, Clone)]
pub struct Reference {
    pub settings: ReportSettings,
    pub catalog: Vec<TrainingInfo>,
    pub standards: HashMap<String, u8>,
    /// Closed rounds: (key, name, period end), oldest period first.
    pub closed_rounds: Vec<(String, String, String)>,
}

/// The reference data: the cached copy while the database says it is current, read afresh otherwise.
pub async fn reference(db: &Db) -> Result<std::sync::Arc<Reference>, ServiceError> {
    // The database bumps this version in the transaction of every write to the data below (schema V6), so one
    // small read tells whether the cached copy is current — on this instance and on every other one.
    let version: i64 = db
        .run("SELECT VALUE version FROM ONLY meta:reference;", serde_json::json!({}))
        .await?
        .value::<Option<i64>>(0)?
        .unwrap_or(0);
    if let Ok(guard) = db.reference_cache().read()
        && let Some((at, data)) = guard.as_ref()
        && *at == version
    {
        return Ok(data.clone());
    }
    let data = std::sync::Arc::new(Reference {
        settings: read_settings(db).await?,
        catalog: training_repo::trainings(db).await?.into_iter().filter(|t| t.active).collect(),
        standards: comp_repo::standards(db).await?,
        closed_rounds: report_repo::closed_rounds(db).await?,
    });
    if let Ok(mut guard) = db.reference_cache().write() {
        *guard = Some((version, data.clone()));
    }
    Ok(data)
}

/// Whether the viewer may read a person's report and plan: the person, anyone above them, HR and the head.
pub async fn may_read(db: &Db, viewer: &Viewer, nip: &str) -> Result<bool, ServiceError> {
    Ok(crate::access::scope(db, viewer).await?.may_read(nip))
}

/// The report settings in force (defaults until HR changes them).
pub async fn report_settings(db: &Db) -> Result<ReportSettings, ServiceError> {
    Ok(reference(db).await?.settings)
}

async fn read_settings(db: &Db) -> Result<ReportSettings, ServiceError> {
    Ok(match settings::get(db, SETTINGS_KEY).await? {
        Some(json) => serde_json::from_str(&json).context("decoding report settings")?,
        None => ReportSettings::default(),
    })
}

/// HR changes the report settings (audited).
pub async fn save_report_settings(db: &Db, viewer: &Viewer, new: &ReportSettings) -> Result<(), ServiceError> {
    if !viewer.roles.has(Role::HrAdmin) {
        return Err(ServiceError::Forbidden);
    }
    if !new.weights.is_valid() {
        return Err(invalid("weights", T::InvalidWeights));
    }
    if !new.jpm.is_valid() {
        return Err(invalid("jpm", T::InvalidJpmBands));
    }
    let before = read_settings(db).await?;
    let json = serde_json::to_string(new).context("encoding report settings")?;
    settings::set(db, SETTINGS_KEY, &json).await?;
    audit::append(
        db,
        &viewer.nip,
        "report.settings",
        "setting:report",
        Some(serde_json::to_value(before).context("encoding")?),
        Some(serde_json::to_value(new).context("encoding")?),
        None,
    )
    .await?;
    Ok(())
}

/// Decodes a stored summary; results written before summaries existed are summarised from their full data.
pub(crate) async fn summary_of(
    db: &Db,
    round: &str,
    nip: &str,
    json: Option<&str>,
) -> Result<Vec<ScoreRow>, ServiceError> {
    if let Some(json) = json {
        return Ok(serde_json::from_str(json).context("decoding a result summary")?);
    }
    let Some(data) = fb_repo::result(db, round, nip).await? else { return Ok(Vec::new()) };
    Ok(data.competencies.iter().map(|c| ScoreRow::new(&c.code, c.required, &c.groups)).collect())
}

/// A person's combined scores across closed rounds, oldest first.
pub(crate) async fn history(db: &Db, nip: &str, reference: &Reference) -> Result<Vec<HistoryPoint>, ServiceError> {
    let mut out = Vec::new();
    let mut results = report_repo::person_results(db, nip).await?;
    results.retain(|(round, _)| reference.closed_rounds.iter().any(|(k, _, _)| k == round));
    results.sort_by_key(|(round, _)| reference.closed_rounds.iter().position(|(k, _, _)| k == round));
    for (round, summary) in results {
        let rows = summary_of(db, &round, nip, summary.as_deref()).await?;
        let (_, name, end) = reference.closed_rounds.iter().find(|(k, _, _)| *k == round).cloned().unwrap_or_default();
        let settings = &reference.settings;
        out.push(HistoryPoint {
            round_key: round,
            round_name: name,
            period_end: end.chars().take(10).collect(),
            scores: rows.iter().map(|s| (s.code.clone(), s.combined(&settings.weights).map(rep::round3))).collect(),
        });
    }
    Ok(out)
}

/// `/reports/:nip`: the person's result in one closed round (the latest unless `round` is given), with what the
/// browser needs to derive everything else.
pub async fn report_page(db: &Db, viewer: &Viewer, nip: &Nip, round: Option<&str>) -> Result<ReportPage, ServiceError> {
    let nip = nip.as_str();
    if !may_read(db, viewer, nip).await? {
        return Err(ServiceError::Forbidden);
    }
    let person = report_repo::person_heading(db, nip).await?.ok_or(ServiceError::NotFound)?;
    let reference = reference(db).await?;
    let settings = reference.settings;
    let history = history(db, nip, &reference).await?;
    let rounds: Vec<(String, String)> =
        history.iter().rev().map(|h| (h.round_key.clone(), h.round_name.clone())).collect();
    let chosen = match round.filter(|r| !r.is_empty()) {
        Some(r) => Some(rounds.iter().find(|(k, _)| k == r).cloned().ok_or(ServiceError::NotFound)?),
        None => rounds.first().cloned(),
    };
    let (data, items, kinds) = match &chosen {
        Some((key, _)) => {
            let data = fb_repo::result(db, key, nip).await?.ok_or(ServiceError::NotFound)?;
            let q = questionnaire(db, key).await?;
            let items = data
                .competencies
                .iter()
                .map(|c| {
                    q.competencies.iter().find(|qc| qc.key == c.key).map(|qc| qc.items.clone()).unwrap_or_default()
                })
                .collect();
            let kinds = data
                .competencies
                .iter()
                .map(|c| {
                    q.competencies
                        .iter()
                        .find(|qc| qc.key == c.key)
                        .map(|qc| qc.kind)
                        .unwrap_or(domain::CompetencyKind::Managerial)
                })
                .collect();
            (Some(data), items, kinds)
        }
        None => (None, Vec::new(), Vec::new()),
    };
    let planned = plan_repo::planned_trainings(db, nip).await?;
    Ok(ReportPage {
        nip: nip.to_string(),
        name: person.name,
        position: person.position.unwrap_or_default(),
        unit: person.unit.unwrap_or_default(),
        rounds,
        round_key: chosen.as_ref().map(|c| c.0.clone()),
        round_name: chosen.map(|c| c.1).unwrap_or_default(),
        data,
        items,
        kinds,
        targets: targets(&reference.standards),
        settings,
        catalog: reference.catalog.clone(),
        history,
        planned,
        is_self: viewer.nip == nip,
        default_due: default_due(),
    })
}

/// Development targets: each position type with its managerial level, highest first.
fn targets(standards: &HashMap<String, u8>) -> Vec<(String, String, u8)> {
    let mut list: Vec<(String, String, u8)> = domain::PositionKind::ALL
        .iter()
        .filter_map(|k| standards.get(k.code()).map(|l| (k.code().to_string(), k.label().to_string(), *l)))
        .collect();
    list.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)));
    list
}
