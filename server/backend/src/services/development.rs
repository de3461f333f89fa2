//! Competency reports, the training catalog, training-needs analysis and development plans (IDP).
//!
//! Reports read one materialised result per round (written when the round closed); every derived number (combined
//! score, gap, JPM, blind spots, recommendations) is computed by `domain::report`, the same code the browser
//! runs for what-if views.

use crate::db::{Db, statement_error};
use crate::error::ServiceError;
use crate::repo::development as repo;
use crate::repo::{audit, competency as comp_repo, feedback as fb_repo, org, settings};
use crate::services::auth::Viewer;
use crate::services::feedback::{questionnaire, units_below};
use anyhow::Context;
use domain::Role;
use domain::competency::Bilingual;
use domain::report::{self as rep, Budget, Need, PlanStatus, ScoreRow};
use domain::text::{MAX_TITLE, within};
use domain::view::*;
use i18n::{Lang, T};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// The catalog shipped with Kinerja (a realistic starter set, including the national leadership programmes).
const CATALOG_JSON: &str = include_str!("../../data/trainings.json");
/// Setting key of the report settings.
const SETTINGS_KEY: &str = "report";
/// Longest evidence note or supervisor comment.
pub const MAX_NOTE: usize = 2_000;

fn invalid(field: &'static str, text: T) -> ServiceError {
    ServiceError::Invalid { field, text }
}

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
    if repo::training_count(db).await? == 0 {
        let list: Vec<(TrainingInfo, Option<serde_json::Value>)> =
            default_catalog()?.into_iter().map(|t| (t, None)).collect();
        repo::save_trainings(db, &list, None, "training.seed").await?;
    }
    Ok(())
}

/// How long an instance reuses reference data it read (changes made on the same instance apply at once).
pub const REFERENCE_CACHE_SECS: u64 = 10;

/// Small, rarely changed data every report needs: the report settings, the active catalog and the standards.
#[derive(Debug, Clone)]
pub struct Reference {
    pub settings: ReportSettings,
    pub catalog: Vec<TrainingInfo>,
    pub standards: HashMap<String, u8>,
    /// Closed rounds: (key, name, period end), oldest period first.
    pub closed_rounds: Vec<(String, String, String)>,
}

/// The reference data, read at most every [`REFERENCE_CACHE_SECS`] per instance.
pub async fn reference(db: &Db) -> Result<std::sync::Arc<Reference>, ServiceError> {
    if let Ok(guard) = db.reference_cache().read()
        && let Some((at, data)) = guard.as_ref()
        && at.elapsed().as_secs() < REFERENCE_CACHE_SECS
    {
        return Ok(data.clone());
    }
    let data = std::sync::Arc::new(Reference {
        settings: read_settings(db).await?,
        catalog: repo::trainings(db).await?.into_iter().filter(|t| t.active).collect(),
        standards: comp_repo::standards(db).await?,
        closed_rounds: repo::closed_rounds(db).await?,
    });
    if let Ok(mut guard) = db.reference_cache().write() {
        *guard = Some((std::time::Instant::now(), data.clone()));
    }
    Ok(data)
}

/// Drops the cached reference data (after HR changes the catalog, the settings or the standards).
pub fn forget_reference(db: &Db) {
    if let Ok(mut guard) = db.reference_cache().write() {
        *guard = None;
    }
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
    forget_reference(db);
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
async fn summary_of(db: &Db, round: &str, nip: &str, json: Option<&str>) -> Result<Vec<ScoreRow>, ServiceError> {
    if let Some(json) = json {
        return Ok(serde_json::from_str(json).context("decoding a result summary")?);
    }
    let Some(data) = fb_repo::result(db, round, nip).await? else { return Ok(Vec::new()) };
    let data: ResultData = super::feedback::decode_result(&data)?;
    Ok(data.competencies.iter().map(|c| ScoreRow::new(&c.code, c.required, &c.groups)).collect())
}

/// A person's combined scores across closed rounds, oldest first.
async fn history(db: &Db, nip: &str, reference: &Reference) -> Result<Vec<HistoryPoint>, ServiceError> {
    let mut out = Vec::new();
    let mut results = repo::person_results(db, nip).await?;
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
pub async fn report_page(db: &Db, viewer: &Viewer, nip: &str, round: Option<&str>) -> Result<ReportPage, ServiceError> {
    let nip = if nip == "me" { viewer.nip.as_str() } else { nip };
    if !may_read(db, viewer, nip).await? {
        return Err(ServiceError::Forbidden);
    }
    let person = repo::person_heading(db, nip).await?.ok_or(ServiceError::NotFound)?;
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
            let json = fb_repo::result(db, key, nip).await?.ok_or(ServiceError::NotFound)?;
            let data: ResultData = super::feedback::decode_result(&json)?;
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
    let planned = repo::planned_trainings(db, nip).await?;
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

/// `/trainings`: everyone may browse the catalog; HR edits it.
pub async fn catalog_page(db: &Db, viewer: &Viewer) -> Result<CatalogPage, ServiceError> {
    Ok(CatalogPage {
        trainings: repo::trainings(db).await?,
        competencies: competency_names(db).await?,
        can_edit: viewer.roles.has(Role::HrAdmin),
        can_analyse: may_analyse(viewer),
    })
}

async fn competency_names(db: &Db) -> Result<Vec<(String, Bilingual)>, ServiceError> {
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
    let existing = repo::training(db, &t.key).await?;
    match editing {
        Some(key) if key != t.key => return Err(invalid("code", T::TrainingCodeFixed)),
        None if existing.is_some() => return Err(ServiceError::Conflict(T::FbDuplicate)),
        _ => {}
    }
    let before = existing.as_ref().map(repo::training_content);
    let key = t.key.clone();
    repo::save_trainings(db, &[(t, before)], Some(&viewer.nip), "training.save").await?;
    forget_reference(db);
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
        repo::trainings(db).await?.into_iter().map(|t| (t.code.clone(), t)).collect();
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
                let before = existing.get(&t.code).map(repo::training_content);
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
    repo::save_trainings(db, &list, Some(&viewer.nip), "training.import").await?;
    forget_reference(db);
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
    for (nip, json) in repo::round_summaries(db, round).await? {
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
    let catalog: Vec<TrainingInfo> = repo::trainings(db).await?.into_iter().filter(|t| t.active).collect();
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
async fn current_gaps(
    db: &Db,
    nip: &str,
    settings: &ReportSettings,
    target: Option<u8>,
) -> Result<Vec<(String, f64)>, ServiceError> {
    let reference = reference(db).await?;
    let mut results = repo::person_results(db, nip).await?;
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

/// `/plan` (own) and `/plan/:nip` (the person's supervisors, HR and the head).
pub async fn plan_page(db: &Db, viewer: &Viewer, nip: &str) -> Result<PlanPage, ServiceError> {
    let nip = if nip == "me" || nip.is_empty() { viewer.nip.as_str() } else { nip };
    if !may_read(db, viewer, nip).await? {
        return Err(ServiceError::Forbidden);
    }
    let person = org::employee(db, nip).await?.ok_or(ServiceError::NotFound)?;
    let settings = report_settings(db).await?;
    let items = repo::plan_items(db, nip).await?;
    let statuses: Vec<PlanStatus> = items.iter().map(|i| i.status).collect();
    let names = competency_names(db).await?;
    let gaps = current_gaps(db, nip, &settings, None)
        .await?
        .into_iter()
        .map(|(code, gap)| {
            let name = names.iter().find(|(c, _)| *c == code).map(|(_, n)| n.clone()).unwrap_or_default();
            (code, name, gap)
        })
        .collect();
    let is_owner = viewer.nip == nip;
    let team = if is_owner && viewer.roles.has(Role::Supervisor) {
        let below = db.hierarchy().await?.descendants(&viewer.nip);
        let pending = repo::pending_reviews(db, &below).await?;
        let nips: Vec<String> = pending.iter().map(|(n, _)| n.clone()).collect();
        let people: HashMap<String, String> =
            org::summaries(db, &nips).await?.into_iter().map(|s| (s.nip, s.name)).collect();
        let mut team: Vec<(String, String, u32)> =
            pending.into_iter().map(|(n, c)| (n.clone(), people.get(&n).cloned().unwrap_or_default(), c)).collect();
        team.sort_by(|a, b| a.1.cmp(&b.1));
        team
    } else {
        Vec::new()
    };
    Ok(PlanPage {
        nip: person.nip.clone(),
        name: person.name.clone(),
        position: person.position.clone().unwrap_or_default(),
        progress: rep::plan_progress(&statuses),
        items,
        is_owner,
        can_review: may_review(db, viewer, nip).await?,
        history: history(db, nip, &*reference(db).await?).await?,
        gaps,
        competencies: names,
        team,
        default_due: default_due(),
    })
}

/// Six months from today (WIB).
fn default_due() -> String {
    let today = (time::OffsetDateTime::now_utc() + time::Duration::hours(7)).date();
    (today + time::Duration::days(182)).to_string()
}

fn valid_date(s: &str) -> Option<String> {
    let s = s.trim();
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, &fmt).ok().filter(|d| (2000..=2100).contains(&d.year())).map(|_| s.to_string())
}

fn new_key() -> String {
    let n: u64 = rand::random();
    format!("p{n:016x}")
}

/// The employee adds a catalog training (`training`) or their own activity (`title` and `competency`) to their
/// plan. The gap it addresses comes from their latest result. Returns the new activity's key.
pub async fn add_plan_item(
    db: &Db,
    viewer: &Viewer,
    training: Option<&str>,
    title: Option<&str>,
    competency: Option<&str>,
    due: &str,
    target: Option<&str>,
) -> Result<String, ServiceError> {
    let due = valid_date(due).ok_or(invalid("due", T::InvalidDueDate))?;
    let settings = report_settings(db).await?;
    let target_level = match target.filter(|t| !t.is_empty()) {
        Some(t) => Some(*comp_repo::standards(db).await?.get(t).ok_or(invalid("target", T::UnknownTarget))?),
        None => None,
    };
    let gaps = current_gaps(db, &viewer.nip, &settings, target_level).await?;
    let items = repo::plan_items(db, &viewer.nip).await?;
    let (training, title, competency) = match training.filter(|t| !t.trim().is_empty()) {
        Some(code) => {
            let t = repo::training(db, code.trim()).await?.filter(|t| t.active).ok_or(ServiceError::NotFound)?;
            if items.iter().any(|i| i.training.as_deref() == Some(t.code.as_str()) && i.status != PlanStatus::Done) {
                return Err(ServiceError::Conflict(T::FbDuplicate));
            }
            // The competency it addresses: the one named (if the training develops it), else the largest of the
            // person's gaps it develops, else its first competency.
            let named = competency.map(str::trim).filter(|c| t.competencies.iter().any(|tc| tc == c));
            let comp = named
                .map(str::to_string)
                .or_else(|| {
                    gaps.iter()
                        .filter(|(c, _)| t.competencies.contains(c))
                        .min_by(|a, b| a.1.total_cmp(&b.1))
                        .map(|(c, _)| c.clone())
                })
                .or_else(|| t.competencies.first().cloned());
            (Some(t.code.clone()), t.title.id.clone(), comp)
        }
        None => {
            let title = title.map(str::trim).unwrap_or_default();
            if title.is_empty() || title.chars().count() > 200 {
                return Err(invalid("title", T::InvalidActivityTitle));
            }
            let known: HashSet<String> = competency_names(db).await?.into_iter().map(|(c, _)| c).collect();
            let comp = competency.map(str::trim).filter(|c| !c.is_empty());
            if comp.is_some_and(|c| !known.contains(c)) {
                return Err(invalid("competency", T::UnknownCompetency));
            }
            (None, title.to_string(), comp.map(str::to_string))
        }
    };
    if items.len() >= 50 {
        return Err(invalid("title", T::PlanFull));
    }
    let gap = competency.as_ref().and_then(|c| gaps.iter().find(|(g, _)| g == c).map(|(_, v)| *v));
    let item = PlanItem {
        key: new_key(),
        training,
        title,
        competency,
        gap,
        due,
        status: PlanStatus::Planned,
        evidence: String::new(),
        approval: "pending".into(),
        supervisor_note: String::new(),
        reviewed_by: None,
        updated_at: String::new(),
    };
    repo::add_plan_item(db, &viewer.nip, &viewer.nip, &item).await?;
    Ok(item.key)
}

fn changed_meanwhile(err: &anyhow::Error) -> bool {
    statement_error(err).is_some_and(|e| e.message.contains("changed"))
}

/// The owner updates an activity's status, evidence and due date. Marking it done needs an evidence note; moving
/// the due date asks the supervisor again.
pub async fn update_plan_item(
    db: &Db,
    viewer: &Viewer,
    key: &str,
    status: &str,
    evidence: &str,
    due: Option<&str>,
) -> Result<(), ServiceError> {
    let (owner, before) = repo::plan_item(db, key).await?.ok_or(ServiceError::NotFound)?;
    if owner != viewer.nip {
        return Err(if may_read(db, viewer, &owner).await? { ServiceError::Forbidden } else { ServiceError::NotFound });
    }
    let status = PlanStatus::from_code(status).ok_or(invalid("status", T::InvalidPlanStatus))?;
    let evidence = evidence.trim();
    if evidence.chars().count() > MAX_NOTE {
        return Err(invalid("evidence", T::NoteTooLong));
    }
    if status == PlanStatus::Done && evidence.is_empty() {
        return Err(invalid("evidence", T::EvidenceNeeded));
    }
    let mut after = before.clone();
    after.status = status;
    after.evidence = evidence.to_string();
    if let Some(due) = due.filter(|d| !d.trim().is_empty()) {
        let due = valid_date(due).ok_or(invalid("due", T::InvalidDueDate))?;
        if due != before.due {
            after.due = due;
            after.approval = "pending".into();
        }
    }
    if after == before {
        return Ok(());
    }
    repo::update_plan_item(db, &viewer.nip, &owner, "plan.update", &before, &after).await.map_err(|e| {
        if changed_meanwhile(&e) { ServiceError::Conflict(T::ChangedMeanwhile) } else { ServiceError::Unexpected(e) }
    })
}

/// Whether the viewer may approve or comment on someone's plan: anyone above them, or HR — never the owner.
async fn may_review(db: &Db, viewer: &Viewer, owner: &str) -> Result<bool, ServiceError> {
    Ok(owner != viewer.nip
        && (viewer.roles.has(Role::HrAdmin) || db.hierarchy().await?.chain(owner).contains(&viewer.nip)))
}

/// A supervisor above the owner (or HR) approves an activity or comments on it.
pub async fn review_plan_item(
    db: &Db,
    viewer: &Viewer,
    key: &str,
    approve: bool,
    note: &str,
) -> Result<(), ServiceError> {
    let (owner, before) = repo::plan_item(db, key).await?.ok_or(ServiceError::NotFound)?;
    if !may_review(db, viewer, &owner).await? {
        return Err(if may_read(db, viewer, &owner).await? { ServiceError::Forbidden } else { ServiceError::NotFound });
    }
    let note = note.trim();
    if note.chars().count() > MAX_NOTE {
        return Err(invalid("note", T::NoteTooLong));
    }
    if !approve && note.is_empty() {
        return Err(invalid("note", T::CommentNeeded));
    }
    let mut after = before.clone();
    after.approval = if approve { "approved" } else { "commented" }.into();
    if !note.is_empty() || !approve {
        after.supervisor_note = note.to_string();
    }
    after.reviewed_by = Some(viewer.name.clone());
    let action = if approve { "plan.approve" } else { "plan.comment" };
    repo::update_plan_item(db, &viewer.nip, &owner, action, &before, &after).await.map_err(|e| {
        if changed_meanwhile(&e) { ServiceError::Conflict(T::ChangedMeanwhile) } else { ServiceError::Unexpected(e) }
    })
}

/// The owner removes an activity that is not done (audited).
pub async fn remove_plan_item(db: &Db, viewer: &Viewer, key: &str) -> Result<(), ServiceError> {
    let (owner, item) = repo::plan_item(db, key).await?.ok_or(ServiceError::NotFound)?;
    if owner != viewer.nip {
        return Err(if may_read(db, viewer, &owner).await? { ServiceError::Forbidden } else { ServiceError::NotFound });
    }
    if item.status == PlanStatus::Done {
        return Err(ServiceError::Conflict(T::DoneStays));
    }
    repo::remove_plan_item(db, &viewer.nip, &owner, &item).await?;
    Ok(())
}
