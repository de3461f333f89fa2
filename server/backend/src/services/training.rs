//! The training catalog (seeded, edited by HR, imported from CSV) and the training-needs analysis with a plan under
//! a budget.

use super::report::{reference, report_settings, summary_of};
use crate::db::Db;
use crate::error::{ServiceError, invalid};
use crate::repo::report as report_repo;
use crate::repo::training as training_repo;
use crate::repo::{competency as comp_repo, feedback as fb_repo, org};
use crate::services::auth::Viewer;
use crate::services::feedback::units_below;
use anyhow::Context;
use domain::Role;
use domain::competency::Bilingual;
use domain::report::{self as rep, Budget, Need};
use domain::text::{MAX_TITLE, within};
use domain::view::*;
use i18n::{Lang, T};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// The catalog shipped with Kinerja (a realistic starter set, including the national leadership programmes).
const CATALOG_JSON: &str = include_str!("../../data/trainings.json");

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

/// Splits CSV text into records (RFC 4180: quoted fields, doubled quotes, commas or semicolons as separators).
pub fn parse_csv(text: &str) -> Vec<(usize, Vec<String>)> {
    let text = text.trim_start_matches('\u{feff}');
    let sep = match (text.lines().next().unwrap_or(""), ',') {
        (first, _) if first.matches(';').count() > first.matches(',').count() => ';',
        _ => ',',
    };
    let mut out = Vec::new();
    let (mut field, mut record) = (String::new(), Vec::new());
    let (mut quoted, mut line, mut start_line) = (false, 1usize, 1usize);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == sep && !quoted => record.push(std::mem::take(&mut field)),
            '\r' if !quoted => {}
            '\n' if !quoted => {
                record.push(std::mem::take(&mut field));
                if record.iter().any(|f| !f.trim().is_empty()) {
                    out.push((start_line, std::mem::take(&mut record)));
                }
                record.clear();
                line += 1;
                start_line = line;
            }
            c => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
        }
    }
    record.push(field);
    if record.iter().any(|f| !f.trim().is_empty()) {
        out.push((start_line, record));
    }
    out
}

/// Columns of the CSV import, in the order of the template.
pub const CSV_COLUMNS: [&str; 10] =
    ["code", "title_id", "title_en", "provider", "mode", "competencies", "level_min", "level_max", "jp", "cost"];

/// HR imports trainings from CSV (header row with [`CSV_COLUMNS`]; competencies separated by `|` or spaces). Every
/// row is checked first; if any row is wrong nothing is imported and each error is reported with its line.
pub async fn import_csv(db: &Db, viewer: &Viewer, text: &str, lang: Lang) -> Result<ImportReport, ServiceError> {
    if !viewer.roles.has(Role::HrAdmin) {
        return Err(ServiceError::Forbidden);
    }
    let known: HashSet<String> = competency_names(db).await?.into_iter().map(|(c, _)| c).collect();
    let records = parse_csv(text);
    let mut errors: Vec<(usize, String)> = Vec::new();
    let Some((_, header)) = records.first() else {
        return Err(invalid("csv", T::CsvEmpty));
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for col in CSV_COLUMNS {
        match header.iter().position(|h| h == col) {
            Some(i) => {
                index.insert(col, i);
            }
            None if col == "title_en" || col == "provider" => {}
            None => errors.push((1, format!("{}: {col}", lang.t(T::CsvMissingColumn)))),
        }
    }
    if !errors.is_empty() {
        return Ok(ImportReport { imported: 0, updated: 0, errors });
    }
    let existing: HashMap<String, TrainingInfo> =
        training_repo::trainings(db).await?.into_iter().map(|t| (t.code.clone(), t)).collect();
    let mut seen: HashSet<String> = HashSet::new();
    let mut list = Vec::new();
    for (line, rec) in records.iter().skip(1) {
        let get = |col: &str| index.get(col).and_then(|i| rec.get(*i)).cloned().unwrap_or_default();
        let input = TrainingInput {
            code: get("code"),
            title_id: get("title_id"),
            title_en: get("title_en"),
            provider: get("provider"),
            mode: get("mode"),
            competencies: get("competencies").split(['|', ' ', '/']).map(str::to_string).collect(),
            level_min: get("level_min"),
            level_max: get("level_max"),
            jp: get("jp"),
            cost: get("cost"),
            active: true,
        };
        match parse_training(&input, &known) {
            Ok(t) if !seen.insert(t.code.clone()) => {
                errors.push((*line, format!("{} ({})", lang.t(T::CsvDuplicateCode), t.code)))
            }
            Ok(t) => {
                let before = existing.get(&t.code).map(training_repo::training_content);
                list.push((t, before));
            }
            Err(ServiceError::Invalid { field, text }) => errors.push((*line, format!("{field}: {}", lang.t(text)))),
            Err(e) => return Err(e),
        }
    }
    if !errors.is_empty() {
        return Ok(ImportReport { imported: 0, updated: 0, errors });
    }
    if list.is_empty() {
        return Err(invalid("csv", T::CsvEmpty));
    }
    let updated = list.iter().filter(|(_, b)| b.is_some()).count();
    let imported = list.len() - updated;
    training_repo::save_trainings(db, &list, Some(&viewer.nip), "training.import").await?;
    Ok(ImportReport { imported, updated, errors })
}

/// Who may run a training-needs analysis: HR, the head, trainers (everyone) and supervisors (their subtree).
pub fn may_analyse(viewer: &Viewer) -> bool {
    domain::access::may_follow_others(domain::access::needs_reach(&viewer.roles))
}

/// The needs of everyone in scope in one round: (nip, needs).
pub async fn scope_needs(
    db: &Db,
    round: &str,
    scope: Option<&HashSet<String>>,
    weights: &rep::Weights,
) -> Result<Vec<(String, Vec<Need>)>, ServiceError> {
    let mut out = Vec::new();
    for (nip, json) in report_repo::round_summaries(db, round).await? {
        if scope.is_some_and(|s| !s.contains(&nip)) {
            continue;
        }
        let rows = summary_of(db, round, &nip, json.as_deref()).await?;
        let levels: Vec<(String, Option<f64>, u8)> =
            rows.iter().map(|r| (r.code.clone(), r.combined(weights), r.required)).collect();
        out.push((nip, rep::needs(&levels)));
    }
    Ok(out)
}

/// `/trainings/needs`: for a unit (with its sub-units) or the whole agency, which trainings close the most gap
/// for how many people in the latest closed round, and a plan under a budget.
pub async fn needs_page(
    db: &Db,
    viewer: &Viewer,
    unit: Option<&str>,
    budget: Option<u64>,
    budget_unit: &str,
) -> Result<NeedsPage, ServiceError> {
    if !may_analyse(viewer) {
        return Err(ServiceError::Forbidden);
    }
    let people = crate::access::needs_scope(db, viewer).await?.people();
    let everyone = people.is_none();
    let unit = unit.filter(|u| !u.is_empty() && everyone);
    let (scope, scope_name): (Option<HashSet<String>>, String) = if let Some(set) = people {
        (Some(set), viewer.name.clone())
    } else if let Some(u) = unit {
        let name = org::unit_name(db, u).await?.ok_or(ServiceError::NotFound)?;
        let units = units_below(db, &[u.to_string()]).await?;
        let people = fb_repo::active_people(db)
            .await?
            .into_iter()
            .filter(|(_, unit, _)| units.contains(unit))
            .map(|(n, _, _)| n)
            .collect();
        (Some(people), name)
    } else {
        (None, org::agency_name(db).await?)
    };
    let settings = report_settings(db).await?;
    let catalog: Vec<TrainingInfo> = training_repo::trainings(db).await?.into_iter().filter(|t| t.active).collect();
    let names = competency_names(db).await?;
    let units = if everyone { org::unit_options(db).await? } else { Vec::new() };
    let budget_unit = if budget_unit == "jp" { "jp" } else { "rupiah" }.to_string();
    let latest = reference(db).await?.closed_rounds.last().map(|(k, n, _)| (k.clone(), n.clone()));
    let Some((round, round_name)) = latest else {
        return Ok(NeedsPage {
            scope_name,
            unit: unit.map(str::to_string),
            round_name: None,
            people: 0,
            people_with_gaps: 0,
            rows: Vec::new(),
            plan: None,
            catalog,
            by_competency: Vec::new(),
            units,
            budget_unit,
            budget: budget.unwrap_or(0),
        });
    };
    let people = scope_needs(db, &round, scope.as_ref(), &settings.weights).await?;
    let needs: Vec<Vec<Need>> = people.into_iter().map(|(_, n)| n).collect();
    let fits: Vec<rep::TrainingFit> = catalog.iter().map(TrainingInfo::fit).collect();
    let rows = rep::needs_analysis(&needs, &fits);
    let by_competency = names
        .into_iter()
        .filter_map(|(code, name)| {
            let gaps: Vec<f64> = needs
                .iter()
                .flatten()
                .filter(|n| n.competency == code)
                .map(|n| rep::gap(n.score, n.required))
                .collect();
            (!gaps.is_empty()).then(|| {
                let mean = gaps.iter().sum::<f64>() / gaps.len() as f64;
                (code, name, gaps.len() as u32, rep::round3(mean))
            })
        })
        .collect();
    let plan = budget.map(|b| {
        let b = if budget_unit == "jp" { Budget::Jp(b) } else { Budget::Rupiah(b) };
        rep::budget_plan(&needs, &fits, b).into()
    });
    Ok(NeedsPage {
        scope_name,
        unit: unit.map(str::to_string),
        round_name: Some(round_name),
        people: needs.len() as u32,
        people_with_gaps: needs.iter().filter(|n| !n.is_empty()).count() as u32,
        rows,
        plan,
        catalog,
        by_competency,
        units,
        budget_unit,
        budget: budget.unwrap_or(0),
    })
}

/// The latest closed round's needs of one person: (code, gap) below the standard.
pub(crate) async fn current_gaps(
    db: &Db,
    nip: &str,
    settings: &ReportSettings,
    target: Option<u8>,
) -> Result<Vec<(String, f64)>, ServiceError> {
    let reference = reference(db).await?;
    let mut results = report_repo::person_results(db, nip).await?;
    results.retain(|(round, _)| reference.closed_rounds.iter().any(|(k, _, _)| k == round));
    let Some((round, summary)) =
        results.into_iter().max_by_key(|(round, _)| reference.closed_rounds.iter().position(|(k, _, _)| k == round))
    else {
        return Ok(Vec::new());
    };
    let rows = summary_of(db, &round, nip, summary.as_deref()).await?;
    let kinds: HashMap<String, domain::CompetencyKind> =
        comp_repo::all(db).await?.into_iter().map(|c| (c.code, c.kind)).collect();
    let levels: Vec<(String, Option<f64>, u8)> = rows
        .iter()
        .map(|r| {
            let kind = kinds.get(&r.code).copied().unwrap_or(domain::CompetencyKind::Managerial);
            (r.code.clone(), r.combined(&settings.weights), rep::target_required(r.required, kind, target))
        })
        .collect();
    Ok(rep::needs(&levels)
        .into_iter()
        .map(|n| (n.competency.clone(), rep::round3(rep::gap(n.score, n.required))))
        .collect())
}
