//! Importing the training catalog from CSV: every row is checked first, and a file with any wrong row imports
//! nothing. Problems are returned as text keys with their line, never in a language: the page localizes them.

use super::{TrainingInput, competency_names, parse_training};
use crate::db::Db;
use crate::error::{ServiceError, invalid};
use crate::repo::training as training_repo;
use crate::services::auth::Viewer;
use domain::Role;
use domain::view::TrainingInfo;
use i18n::T;
use std::collections::{HashMap, HashSet};

/// One problem of an import, on a line of the file (1 = the header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    pub line: usize,
    /// The column concerned, when there is one.
    pub column: Option<String>,
    pub text: T,
    /// A value to show after the text (a duplicated code).
    pub value: Option<String>,
}

/// What an import did: when `problems` is not empty, nothing was imported.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportOutcome {
    pub imported: usize,
    pub updated: usize,
    pub problems: Vec<ImportProblem>,
}

/// Columns of the CSV import, in the order of the template.
pub const CSV_COLUMNS: [&str; 10] =
    ["code", "title_id", "title_en", "provider", "mode", "competencies", "level_min", "level_max", "jp", "cost"];

/// HR imports trainings from CSV (header row with [`CSV_COLUMNS`]; competencies separated by `|` or spaces). Every
/// row is checked first; if any row is wrong nothing is imported and each error is reported with its line.
pub async fn import_csv(db: &Db, viewer: &Viewer, text: &str) -> Result<ImportOutcome, ServiceError> {
    if !viewer.roles.has(Role::HrAdmin) {
        return Err(ServiceError::Forbidden);
    }
    let known: HashSet<String> = competency_names(db).await?.into_iter().map(|(c, _)| c).collect();
    let records = domain::csv::parse(text);
    let mut errors: Vec<ImportProblem> = Vec::new();
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
            None => errors.push(ImportProblem {
                line: 1,
                column: Some(col.to_string()),
                text: T::CsvMissingColumn,
                value: None,
            }),
        }
    }
    if !errors.is_empty() {
        return Ok(ImportOutcome { imported: 0, updated: 0, problems: errors });
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
                errors.push(ImportProblem { line: *line, column: None, text: T::CsvDuplicateCode, value: Some(t.code) })
            }
            Ok(t) => {
                let before = existing.get(&t.code).map(training_repo::training_content);
                list.push((t, before));
            }
            Err(ServiceError::Invalid { field, text }) => {
                errors.push(ImportProblem { line: *line, column: Some(field.to_string()), text, value: None })
            }
            Err(e) => return Err(e),
        }
    }
    if !errors.is_empty() {
        return Ok(ImportOutcome { imported: 0, updated: 0, problems: errors });
    }
    if list.is_empty() {
        return Err(invalid("csv", T::CsvEmpty));
    }
    let updated = list.iter().filter(|(_, b)| b.is_some()).count();
    let imported = list.len() - updated;
    training_repo::save_trainings(db, &list, Some(&viewer.nip), "training.import").await?;
    Ok(ImportOutcome { imported, updated, problems: errors })
}
