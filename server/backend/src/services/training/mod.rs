//! The training catalog (seeded, edited by HR, imported from CSV) and the training-needs analysis with a plan under
//! a budget.

mod import;
mod needs;

pub use import::{CSV_COLUMNS, ImportOutcome, ImportProblem, import_csv};
pub use needs::{may_analyse, needs_page};

pub(crate) use needs::current_gaps;

use crate::db::Db;
use crate::error::{ServiceError, invalid};
use crate::repo::competency as comp_repo;
use crate::repo::training as training_repo;
use crate::services::auth::Viewer;
use anyhow::Context;
use domain::Role;
use domain::competency::Bilingual;
use domain::text::{MAX_TITLE, within};
use domain::view::*;
use i18n::T;
use serde::Deserialize;
use std::collections::HashSet;

const CATALOG_JSON: &str = include_str!("../../../data/trainings.json");

#[derive(Deserialize)]
struct SeedTraining {
    code: String,
    title: [String; 2],
    provider: String,
    mode: String,
    competencies: Vec<String>,
    levels: [u8; 2],
    jp: u32,
    cost: u64,
}

/// The shipped catalog.
pub fn default_catalog() -> anyhow::Result<Vec<TrainingInfo>> {
    let seeds: Vec<SeedTraining> = serde_json::from_str(CATALOG_JSON).context("reading the training catalog")?;
    Ok(seeds
        .into_iter()
        .map(|s| TrainingInfo {
            key: s.code.clone(),
            code: s.code,
            title: Bilingual::new(s.title[0].clone(), s.title[1].clone()),
            provider: s.provider,
            mode: s.mode,
            competencies: s.competencies,
            level_min: s.levels[0],
            level_max: s.levels[1],
            jp: s.jp,
            cost: s.cost,
            active: true,
        })
        .collect())
}

/// Seeds the starter catalog into an empty database. Idempotent.
pub async fn ensure_catalog(db: &Db) -> anyhow::Result<()> {
    if training_repo::training_count(db).await? == 0 {
        let list: Vec<(TrainingInfo, Option<serde_json::Value>)> =
            default_catalog()?.into_iter().map(|t| (t, None)).collect();
        training_repo::save_trainings(db, &list, None, "training.seed").await?;
    }
    Ok(())
}

/// `/trainings`: everyone may browse the catalog; HR edits it.
pub async fn catalog_page(db: &Db, viewer: &Viewer) -> Result<CatalogPage, ServiceError> {
    Ok(CatalogPage {
        trainings: training_repo::trainings(db).await?,
        competencies: competency_names(db).await?,
        can_edit: viewer.roles.has(Role::HrAdmin),
        can_analyse: may_analyse(viewer),
    })
}

pub(crate) async fn competency_names(db: &Db) -> Result<Vec<(String, Bilingual)>, ServiceError> {
    Ok(comp_repo::all(db).await?.into_iter().filter(|c| c.active).map(|c| (c.code, c.name)).collect())
}

/// A training as typed into the form or a CSV row.
#[derive(Debug, Clone, Default)]
pub struct TrainingInput {
    pub code: String,
    pub title_id: String,
    pub title_en: String,
    pub provider: String,
    pub mode: String,
    pub competencies: Vec<String>,
    pub level_min: String,
    pub level_max: String,
    pub jp: String,
    pub cost: String,
    pub active: bool,
}

/// Checks and normalises a training. `known` holds the competency codes of the dictionary.
pub fn parse_training(input: &TrainingInput, known: &HashSet<String>) -> Result<TrainingInfo, ServiceError> {
    let code = input.code.trim().to_uppercase();
    if code.is_empty() || code.len() > 20 || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.') {
        return Err(invalid("code", T::InvalidTrainingCode));
    }
    let title_id = input.title_id.trim();
    if title_id.is_empty() || !within(title_id, MAX_TITLE) {
        return Err(invalid("title_id", T::InvalidTrainingTitle));
    }
    if !within(input.title_en.trim(), MAX_TITLE) {
        return Err(invalid("title_en", T::InvalidTrainingTitle));
    }
    if !within(input.provider.trim(), MAX_TITLE) {
        return Err(invalid("provider", T::ProviderTooLong));
    }
    let mode = input.mode.trim().to_lowercase().replace(['-', ' '], "_").replace("e_learning", "e-learning");
    if !TRAINING_MODES.contains(&mode.as_str()) {
        return Err(invalid("mode", T::InvalidTrainingMode));
    }
    let mut competencies: Vec<String> = Vec::new();
    for c in &input.competencies {
        let c = c.trim().to_uppercase();
        if c.is_empty() {
            continue;
        }
        if !known.contains(&c) {
            return Err(invalid("competencies", T::UnknownCompetency));
        }
        if !competencies.contains(&c) {
            competencies.push(c);
        }
    }
    if competencies.is_empty() {
        return Err(invalid("competencies", T::TrainingNeedsCompetency));
    }
    let level = |s: &str| s.trim().parse::<u8>().ok().filter(|l| (1..=5).contains(l));
    let (Some(level_min), Some(level_max)) = (level(&input.level_min), level(&input.level_max)) else {
        return Err(invalid("level_min", T::InvalidLevelRange));
    };
    if level_min > level_max {
        return Err(invalid("level_min", T::InvalidLevelRange));
    }
    let jp = input.jp.trim().parse::<u32>().ok().filter(|j| (1..=2000).contains(j));
    let Some(jp) = jp else { return Err(invalid("jp", T::InvalidJp)) };
    let digits: String = input.cost.trim().chars().filter(|c| !matches!(c, '.' | ',' | ' ' | '_')).collect();
    let digits = digits.strip_prefix("Rp").or_else(|| digits.strip_prefix("RP")).unwrap_or(&digits).to_string();
    let cost = if digits.is_empty() { Some(0) } else { digits.parse::<u64>().ok() };
    let Some(cost) = cost.filter(|c| *c <= 10_000_000_000) else { return Err(invalid("cost", T::InvalidCost)) };
    Ok(TrainingInfo {
        key: code.clone(),
        code,
        title: Bilingual::new(title_id, input.title_en.trim()),
        provider: input.provider.trim().to_string(),
        mode,
        competencies,
        level_min,
        level_max,
        jp,
        cost,
        active: input.active,
    })
}

/// HR creates or edits a training (audited). When `editing` is given, the code must be that training's.
pub async fn save_training(
    db: &Db,
    viewer: &Viewer,
    input: &TrainingInput,
    editing: Option<&str>,
) -> Result<String, ServiceError> {
    if !viewer.roles.has(Role::HrAdmin) {
        return Err(ServiceError::Forbidden);
    }
    let known: HashSet<String> = competency_names(db).await?.into_iter().map(|(c, _)| c).collect();
    let t = parse_training(input, &known)?;
    let existing = training_repo::training(db, &t.key).await?;
    match editing {
        Some(key) if key != t.key => return Err(invalid("code", T::TrainingCodeFixed)),
        None if existing.is_some() => return Err(ServiceError::Conflict(T::FbDuplicate)),
        _ => {}
    }
    let before = existing.as_ref().map(training_repo::training_content);
    let key = t.key.clone();
    training_repo::save_trainings(db, &[(t, before)], Some(&viewer.nip), "training.save").await?;
    Ok(key)
}
