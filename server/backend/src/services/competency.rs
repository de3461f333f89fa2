//! The competency dictionary: seeded on first start, read by everyone, edited by HR (audited).

use crate::db::Db;
use crate::error::{ServiceError, invalid};
use crate::repo::competency as repo;
use crate::services::auth::Viewer;
use anyhow::Context;
use domain::competency::{Bilingual, Competency, CompetencyError, CompetencyKind, LevelText, default_required_level};
use domain::view::DictionaryPage;
use domain::{PositionKind, Role};
use i18n::T;
use serde::Deserialize;
use std::collections::HashMap;

/// The dictionary shipped with Kinerja (our own wording of the national standard).
const DICTIONARY_JSON: &str = include_str!("../../data/competencies.json");

#[derive(Deserialize)]
struct SeedLevel {
    desc: [String; 2],
    indicators: Vec<[String; 2]>,
}

#[derive(Deserialize)]
struct SeedCompetency {
    key: String,
    code: String,
    kind: CompetencyKind,
    name: [String; 2],
    description: [String; 2],
    levels: Vec<SeedLevel>,
    items: Vec<[String; 2]>,
}

fn bi(pair: &[String; 2]) -> Bilingual {
    Bilingual::new(pair[0].clone(), pair[1].clone())
}

/// The shipped dictionary: 8 managerial competencies and Perekat Bangsa.
pub fn default_dictionary() -> anyhow::Result<Vec<Competency>> {
    let seeds: Vec<SeedCompetency> = serde_json::from_str(DICTIONARY_JSON).context("reading the dictionary")?;
    Ok(seeds
        .into_iter()
        .map(|s| Competency {
            key: s.key,
            code: s.code,
            kind: s.kind,
            name: bi(&s.name),
            description: bi(&s.description),
            levels: s
                .levels
                .iter()
                .enumerate()
                .map(|(i, l)| LevelText {
                    level: i as u8 + 1,
                    description: bi(&l.desc),
                    indicators: l.indicators.iter().map(bi).collect(),
                })
                .collect(),
            items: s.items.iter().map(bi).collect(),
            active: true,
        })
        .collect())
}

/// Seeds the dictionary and the default required levels into an empty database. Idempotent.
pub async fn ensure_defaults(db: &Db) -> anyhow::Result<()> {
    if repo::count(db).await? == 0 {
        repo::insert_all(db, &default_dictionary()?).await?;
    }
    let standards = repo::standards(db).await?;
    for kind in PositionKind::ALL {
        if !standards.contains_key(kind.code()) {
            repo::set_standard(db, kind.code(), default_required_level(kind), None).await?;
        }
    }
    Ok(())
}

/// The dictionary page (everyone signed in may read it).
pub async fn dictionary(db: &Db, viewer: &Viewer) -> anyhow::Result<DictionaryPage> {
    let standards = repo::standards(db).await?;
    Ok(DictionaryPage {
        competencies: repo::all(db).await?,
        standards: PositionKind::ALL
            .iter()
            .map(|k| {
                let level = standards.get(k.code()).copied().unwrap_or_else(|| default_required_level(*k));
                (k.code().to_string(), k.label().to_string(), level)
            })
            .collect(),
        can_edit: viewer.roles.has(Role::HrAdmin),
    })
}

/// The levels a position requires: its own override first, else the position type's level for managerial and
/// socio-cultural competencies. Technical competencies are required only where a position says so.
pub fn required_levels(
    competencies: &[(String, CompetencyKind)],
    position_kind: &str,
    overrides: &HashMap<String, u8>,
    standards: &HashMap<String, u8>,
) -> HashMap<String, u8> {
    let base = standards
        .get(position_kind)
        .copied()
        .or_else(|| PositionKind::from_code(position_kind).map(default_required_level));
    competencies
        .iter()
        .filter_map(|(key, kind)| {
            let level = overrides.get(key).copied().or(match kind {
                CompetencyKind::Technical => None,
                _ => base,
            })?;
            Some((key.clone(), level))
        })
        .collect()
}

/// A competency as HR types it into the form.
#[derive(Debug, Clone, Default)]
pub struct CompetencyInput {
    /// Empty for a new competency.
    pub key: String,
    pub code: String,
    pub kind: String,
    pub name_id: String,
    pub name_en: String,
    pub description_id: String,
    pub description_en: String,
    /// One level description per line (five lines).
    pub levels_id: String,
    pub levels_en: String,
    /// One behaviour item per line.
    pub items_id: String,
    pub items_en: String,
    pub active: bool,
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// Why a dictionary edit is refused.
pub fn competency_error(err: &CompetencyError) -> ServiceError {
    let (field, text) = match err {
        CompetencyError::BadCode => ("code", T::CompBadCode),
        CompetencyError::MissingName => ("name_id", T::CompMissingName),
        CompetencyError::LevelCount | CompetencyError::MissingLevelText(_) => ("levels_id", T::CompLevels),
        CompetencyError::ItemCount => ("items_id", T::CompItems),
        CompetencyError::TooLong => ("name_id", T::CompTooLong),
    };
    invalid(field, text)
}

/// Creates or edits a competency (HR only). Indicators of existing levels are kept.
pub async fn save_competency(db: &Db, viewer: &Viewer, input: &CompetencyInput) -> Result<String, ServiceError> {
    if !viewer.roles.has(Role::HrAdmin) {
        return Err(ServiceError::Forbidden);
    }
    let existing = if input.key.is_empty() { None } else { repo::get(db, &input.key).await? };
    if !input.key.is_empty() && existing.is_none() {
        return Err(ServiceError::NotFound);
    }
    let kind = CompetencyKind::from_code(&input.kind).ok_or_else(|| invalid("kind", T::CompKindRequired))?;
    let levels_id = lines(&input.levels_id);
    let levels_en = lines(&input.levels_en);
    let items_id = lines(&input.items_id);
    let items_en = lines(&input.items_en);
    let code = input.code.trim().to_uppercase();
    let key = if input.key.is_empty() {
        code.to_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>()
    } else {
        input.key.clone()
    };
    let competency = Competency {
        key: key.clone(),
        code,
        kind,
        name: Bilingual::new(input.name_id.trim(), input.name_en.trim()),
        description: Bilingual::new(input.description_id.trim(), input.description_en.trim()),
        levels: levels_id
            .iter()
            .enumerate()
            .map(|(i, d)| LevelText {
                level: i as u8 + 1,
                description: Bilingual::new(d.clone(), levels_en.get(i).cloned().unwrap_or_default()),
                indicators: existing
                    .as_ref()
                    .and_then(|c| c.levels.get(i))
                    .map(|l| l.indicators.clone())
                    .unwrap_or_default(),
            })
            .collect(),
        items: items_id
            .iter()
            .enumerate()
            .map(|(i, t)| Bilingual::new(t.clone(), items_en.get(i).cloned().unwrap_or_default()))
            .collect(),
        active: input.active,
    };
    competency.validate().map_err(|e| competency_error(&e))?;
    if input.key.is_empty() && repo::get(db, &key).await?.is_some() {
        return Err(invalid("code", T::CompCodeTaken));
    }
    let before = existing.map(|c| serde_json::json!({ "code": c.code, "name": c.name.id, "active": c.active }));
    match repo::save(db, &competency, &viewer.nip, before).await {
        Ok(()) => Ok(key),
        Err(e) if crate::db::statement_error(&e).is_some_and(|s| s.is_duplicate()) => {
            Err(invalid("code", T::CompCodeTaken))
        }
        Err(e) => Err(ServiceError::Unexpected(e.context("saving a competency"))),
    }
}

/// Sets the default required level of a position type (HR only).
pub async fn set_standard(db: &Db, viewer: &Viewer, kind: &str, level: &str) -> Result<(), ServiceError> {
    if !viewer.roles.has(Role::HrAdmin) {
        return Err(ServiceError::Forbidden);
    }
    let kind = PositionKind::from_code(kind).ok_or_else(|| invalid("kind", T::ErrNotFound))?;
    let level = parse_level(level).ok_or_else(|| invalid("level", T::LevelRange))?;
    repo::set_standard(db, kind.code(), level, Some(&viewer.nip)).await.context("setting a standard")?;
    Ok(())
}

/// Parses a level 1–5.
pub fn parse_level(text: &str) -> Option<u8> {
    text.trim().parse::<u8>().ok().filter(|l| (1..=5).contains(l))
}

/// Sets the required levels of one position (HR only). `levels` maps competency key → level text; an empty
/// text removes the override for that competency.
pub async fn set_position_levels(
    db: &Db,
    viewer: &Viewer,
    position: &str,
    levels: &HashMap<String, String>,
) -> Result<(), ServiceError> {
    if !viewer.roles.has(Role::HrAdmin) {
        return Err(ServiceError::Forbidden);
    }
    if repo::position_required(db, position).await?.is_none() {
        return Err(ServiceError::NotFound);
    }
    let known: Vec<String> = repo::all(db).await?.into_iter().map(|c| c.key).collect();
    let mut map = HashMap::new();
    for (key, text) in levels {
        if text.trim().is_empty() {
            continue;
        }
        if !known.contains(key) {
            return Err(invalid("levels", T::ErrNotFound));
        }
        let level = parse_level(text).ok_or_else(|| invalid("levels", T::LevelRange))?;
        map.insert(key.clone(), level);
    }
    Ok(repo::set_position_required(db, position, &map, &viewer.nip).await.context("setting position levels")?)
}

/// The levels required of a position, per competency key, and whether each comes from the position itself.
pub async fn position_levels(db: &Db, position: &str) -> anyhow::Result<Vec<(Competency, u8, bool)>> {
    let Some((kind, overrides)) = repo::position_required(db, position).await? else {
        return Ok(vec![]);
    };
    let standards = repo::standards(db).await?;
    let all = repo::all(db).await?;
    let keys: Vec<(String, CompetencyKind)> = all.iter().map(|c| (c.key.clone(), c.kind)).collect();
    let required = required_levels(&keys, &kind, &overrides, &standards);
    Ok(all
        .into_iter()
        .filter(|c| c.active)
        .map(|c| {
            let level = required.get(&c.key).copied().unwrap_or(0);
            let own = overrides.contains_key(&c.key);
            (c, level, own)
        })
        .collect())
}

/// The required levels of a person's position, as the profile shows them.
pub async fn position_levels_view(
    db: &Db,
    viewer: &Viewer,
    person: &crate::repo::org::EmployeeRecord,
) -> anyhow::Result<domain::view::PositionLevels> {
    let levels = position_levels(db, &person.position_key).await?;
    Ok(domain::view::PositionLevels {
        position_key: person.position_key.clone(),
        position_name: person.position.clone().unwrap_or_default(),
        kind_label: person
            .position_kind
            .as_deref()
            .and_then(PositionKind::from_code)
            .map(|k| k.label().to_string())
            .unwrap_or_default(),
        levels: levels.into_iter().map(|(c, l, own)| (c.key, c.code, c.name, l, own)).collect(),
        can_edit: viewer.roles.has(Role::HrAdmin),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_dictionary_is_complete_and_valid() {
        let d = default_dictionary().unwrap();
        assert_eq!(d.len(), 9);
        assert_eq!(d.iter().filter(|c| c.kind == CompetencyKind::Managerial).count(), 8);
        for c in &d {
            c.validate().unwrap();
            assert!(!c.name.en.is_empty());
            for l in &c.levels {
                assert!((2..=4).contains(&l.indicators.len()), "{} level {}", c.code, l.level);
                assert!(l.indicators.iter().all(|i| !i.id.is_empty() && !i.en.is_empty()));
            }
            assert!((2..=4).contains(&c.items.len()));
        }
    }

    #[test]
    fn overrides_win_and_technical_competencies_need_one() {
        let comps =
            vec![("m01".to_string(), CompetencyKind::Managerial), ("t01".to_string(), CompetencyKind::Technical)];
        let standards = HashMap::from([("administrator".to_string(), 3u8)]);
        let none = HashMap::new();
        let r = required_levels(&comps, "administrator", &none, &standards);
        assert_eq!(r.get("m01"), Some(&3));
        assert_eq!(r.get("t01"), None);
        let own = HashMap::from([("t01".to_string(), 2u8), ("m01".to_string(), 4u8)]);
        let r = required_levels(&comps, "administrator", &own, &standards);
        assert_eq!((r["m01"], r["t01"]), (4, 2));
        // A type without a stored level falls back to the built-in default.
        assert_eq!(required_levels(&comps, "pengawas", &none, &HashMap::new())["m01"], 2);
    }
}
