//! The competency standard: competencies with five proficiency levels, and the level each position type requires
//! by default (editable data; these are only the defaults seeded on first start).

use crate::position::PositionKind;
use serde::{Deserialize, Serialize};

/// The lowest and highest proficiency level.
pub const MIN_LEVEL: u8 = 1;
pub const MAX_LEVEL: u8 = 5;

/// A text in Bahasa Indonesia and English.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Bilingual {
    pub id: String,
    pub en: String,
}

impl Bilingual {
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        Bilingual { id: id.into(), en: en.into() }
    }

    /// The text in a language, falling back to Indonesian when the English text is missing.
    pub fn get(&self, english: bool) -> &str {
        if english && !self.en.is_empty() { &self.en } else { &self.id }
    }
}

/// The group a competency belongs to (PermenPANRB 38/2017).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CompetencyKind {
    Managerial,
    Sociocultural,
    Technical,
}

impl CompetencyKind {
    pub fn code(self) -> &'static str {
        match self {
            CompetencyKind::Managerial => "managerial",
            CompetencyKind::Sociocultural => "sociocultural",
            CompetencyKind::Technical => "technical",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [CompetencyKind::Managerial, CompetencyKind::Sociocultural, CompetencyKind::Technical]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

/// One proficiency level of a competency: what it means and the behaviour that shows it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LevelText {
    pub level: u8,
    pub description: Bilingual,
    pub indicators: Vec<Bilingual>,
}

/// A competency of the dictionary, with its five levels and the behaviour items raters answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Competency {
    /// Stable key (record id), e.g. `m01`.
    pub key: String,
    /// Display code, e.g. `M.01`.
    pub code: String,
    pub kind: CompetencyKind,
    pub name: Bilingual,
    pub description: Bilingual,
    pub levels: Vec<LevelText>,
    /// Behaviour items of the 360° questionnaire.
    pub items: Vec<Bilingual>,
    pub active: bool,
}

/// Why a competency definition is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompetencyError {
    BadCode,
    MissingName,
    LevelCount,
    MissingLevelText(u8),
    ItemCount,
    /// A name, description, level text or item is longer than its limit (see [`crate::text`]).
    TooLong,
}

impl Competency {
    /// Checks a definition: a code, names, exactly five described levels, and 1–6 items.
    pub fn validate(&self) -> Result<(), CompetencyError> {
        let code_ok = !self.code.is_empty()
            && self.code.len() <= 12
            && self.code.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        if !code_ok {
            return Err(CompetencyError::BadCode);
        }
        if self.name.id.trim().is_empty() {
            return Err(CompetencyError::MissingName);
        }
        if self.levels.len() != usize::from(MAX_LEVEL) {
            return Err(CompetencyError::LevelCount);
        }
        for (i, l) in self.levels.iter().enumerate() {
            if l.description.id.trim().is_empty() || usize::from(l.level) != i + 1 {
                return Err(CompetencyError::MissingLevelText(i as u8 + 1));
            }
        }
        if self.items.is_empty() || self.items.len() > 6 || self.items.iter().any(|i| i.id.trim().is_empty()) {
            return Err(CompetencyError::ItemCount);
        }
        use crate::text::{MAX_DESCRIPTION, MAX_TITLE, within};
        let both = |b: &Bilingual, max: usize| within(&b.id, max) && within(&b.en, max);
        let texts_ok = both(&self.name, MAX_TITLE)
            && both(&self.description, MAX_DESCRIPTION)
            && self.levels.iter().all(|l| both(&l.description, MAX_DESCRIPTION))
            && self.items.iter().all(|i| both(i, MAX_DESCRIPTION));
        if !texts_ok {
            return Err(CompetencyError::TooLong);
        }
        Ok(())
    }
}

/// The default required level of managerial and socio-cultural competencies for a position type.
/// DOMAIN.md gives JPT Madya 5, JPT Pratama 4, Administrator 3, Pengawas 2, Pelaksana 1; JPT Utama and the
/// functional grades are agency choices (editable), defaulted here by seniority.
pub fn default_required_level(kind: PositionKind) -> u8 {
    use PositionKind::*;
    match kind {
        JptUtama | JptMadya => 5,
        JptPratama | AhliUtama => 4,
        Administrator | AhliMadya => 3,
        Pengawas | AhliMuda | Penyelia => 2,
        Pelaksana | AhliPertama | Mahir | Terampil | Pemula => 1,
    }
}

/// Clamps a stored level into the scale.
pub fn clamp_level(level: i64) -> u8 {
    level.clamp(i64::from(MIN_LEVEL), i64::from(MAX_LEVEL)) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Competency {
        Competency {
            key: "t01".into(),
            code: "T.01".into(),
            kind: CompetencyKind::Technical,
            name: Bilingual::new("Analisis Jabatan", "Job Analysis"),
            description: Bilingual::default(),
            levels: (1..=5)
                .map(|l| LevelText {
                    level: l,
                    description: Bilingual::new(format!("Level {l}"), ""),
                    indicators: vec![],
                })
                .collect(),
            items: vec![Bilingual::new("Menyusun uraian jabatan", "")],
            active: true,
        }
    }

    #[test]
    fn a_complete_definition_is_valid() {
        assert_eq!(sample().validate(), Ok(()));
    }

    #[test]
    fn definitions_need_five_described_levels_and_items() {
        let mut c = sample();
        c.levels.pop();
        assert_eq!(c.validate(), Err(CompetencyError::LevelCount));
        let mut c = sample();
        c.levels[2].description.id.clear();
        assert_eq!(c.validate(), Err(CompetencyError::MissingLevelText(3)));
        let mut c = sample();
        c.items.clear();
        assert_eq!(c.validate(), Err(CompetencyError::ItemCount));
        let mut c = sample();
        c.code = "T 01; DROP".into();
        assert_eq!(c.validate(), Err(CompetencyError::BadCode));
    }

    #[test]
    fn oversized_texts_are_refused_not_cut() {
        let long = "x".repeat(crate::text::MAX_DESCRIPTION + 1);
        let mut c = sample();
        c.name.en = "x".repeat(crate::text::MAX_TITLE + 1);
        assert_eq!(c.validate(), Err(CompetencyError::TooLong));
        let mut c = sample();
        c.levels[4].description.id = long.clone();
        assert_eq!(c.validate(), Err(CompetencyError::TooLong));
        let mut c = sample();
        c.items[0].en = long;
        assert_eq!(c.validate(), Err(CompetencyError::TooLong));
    }

    #[test]
    fn default_levels_follow_the_domain_table() {
        assert_eq!(default_required_level(PositionKind::JptMadya), 5);
        assert_eq!(default_required_level(PositionKind::JptPratama), 4);
        assert_eq!(default_required_level(PositionKind::Administrator), 3);
        assert_eq!(default_required_level(PositionKind::Pengawas), 2);
        assert_eq!(default_required_level(PositionKind::Pelaksana), 1);
    }

    #[test]
    fn english_falls_back_to_indonesian() {
        let b = Bilingual::new("Integritas", "");
        assert_eq!(b.get(true), "Integritas");
        assert_eq!(Bilingual::new("a", "b").get(true), "b");
    }
}
