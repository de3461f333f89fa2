//! The documents a round stores: its frozen questionnaire and each ratee's materialised result. These are the
//! storage format, versioned and kept apart from the read models the pages receive (`crate::view`), so that
//! changing a page never changes what the database holds, and a document written by an older version still reads.
//!
//! Version 1 is the format written before documents carried a version (a missing `v` reads as 1). A future format
//! adds a variant and a conversion; a document with a version this build does not know is an error, never guessed.

use super::{GroupScore, RaterGroup};
use crate::competency::{Bilingual, CompetencyKind, LevelText};
use crate::view::{CompetencyResult, QCompetency, Questionnaire, ResultData};
use serde::{Deserialize, Serialize};

/// The version this build writes.
pub const DOCUMENT_VERSION: u32 = 1;

fn version_one() -> u32 {
    1
}

/// A document of a version this build cannot read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("stored document version {0} is newer than this build reads ({DOCUMENT_VERSION})")]
pub struct UnknownVersion(pub u32);

/// A round's questionnaire as stored when the round opens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionnaireDoc {
    #[serde(default = "version_one")]
    pub v: u32,
    pub competencies: Vec<QuestionnaireCompetencyDoc>,
}

/// One competency of a stored questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionnaireCompetencyDoc {
    pub key: String,
    pub code: String,
    pub kind: CompetencyKind,
    pub name: Bilingual,
    pub levels: Vec<LevelText>,
    pub items: Vec<Bilingual>,
}

impl From<&Questionnaire> for QuestionnaireDoc {
    fn from(q: &Questionnaire) -> Self {
        QuestionnaireDoc {
            v: DOCUMENT_VERSION,
            competencies: q
                .competencies
                .iter()
                .map(|c| QuestionnaireCompetencyDoc {
                    key: c.key.clone(),
                    code: c.code.clone(),
                    kind: c.kind,
                    name: c.name.clone(),
                    levels: c.levels.clone(),
                    items: c.items.clone(),
                })
                .collect(),
        }
    }
}

impl TryFrom<QuestionnaireDoc> for Questionnaire {
    type Error = UnknownVersion;
    fn try_from(doc: QuestionnaireDoc) -> Result<Self, UnknownVersion> {
        if doc.v != DOCUMENT_VERSION {
            return Err(UnknownVersion(doc.v));
        }
        Ok(Questionnaire {
            competencies: doc
                .competencies
                .into_iter()
                .map(|c| QCompetency {
                    key: c.key,
                    code: c.code,
                    kind: c.kind,
                    name: c.name,
                    levels: c.levels,
                    items: c.items,
                })
                .collect(),
        })
    }
}

/// One ratee's result as stored when the round closes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultDoc {
    #[serde(default = "version_one")]
    pub v: u32,
    pub threshold: u32,
    pub competencies: Vec<CompetencyResultDoc>,
    /// (group, invited raters, raters who submitted).
    pub responses: Vec<(RaterGroup, u32, u32)>,
}

/// One competency of a stored result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompetencyResultDoc {
    pub key: String,
    pub code: String,
    pub name: Bilingual,
    pub required: u8,
    pub groups: Vec<GroupScore>,
    /// Per item; absent in results stored before items were kept.
    #[serde(default)]
    pub items: Vec<Vec<GroupScore>>,
    pub comments: Vec<(RaterGroup, Vec<String>)>,
}

impl From<&ResultData> for ResultDoc {
    fn from(r: &ResultData) -> Self {
        ResultDoc {
            v: DOCUMENT_VERSION,
            threshold: r.threshold,
            competencies: r
                .competencies
                .iter()
                .map(|c| CompetencyResultDoc {
                    key: c.key.clone(),
                    code: c.code.clone(),
                    name: c.name.clone(),
                    required: c.required,
                    groups: c.groups.clone(),
                    items: c.items.clone(),
                    comments: c.comments.clone(),
                })
                .collect(),
            responses: r.responses.clone(),
        }
    }
}

impl TryFrom<ResultDoc> for ResultData {
    type Error = UnknownVersion;
    /// Also applies the item rule of [`super::score_competency`], so that results stored before the rule existed
    /// never show an item next to a competency mean over a different set of raters.
    fn try_from(doc: ResultDoc) -> Result<Self, UnknownVersion> {
        if doc.v != DOCUMENT_VERSION {
            return Err(UnknownVersion(doc.v));
        }
        let competencies = doc
            .competencies
            .into_iter()
            .map(|c| {
                let mut items = c.items;
                for item in &mut items {
                    for (it, comp) in item.iter_mut().zip(&c.groups) {
                        super::withhold_item(comp, it);
                    }
                }
                CompetencyResult {
                    key: c.key,
                    code: c.code,
                    name: c.name,
                    required: c.required,
                    groups: c.groups,
                    items,
                    comments: c.comments,
                }
            })
            .collect();
        Ok(ResultData { threshold: doc.threshold, competencies, responses: doc.responses })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_written_before_versions_reads_as_version_one() {
        let old = r#"{"competencies":[{"key":"k","code":"M.01","kind":"managerial","name":{"id":"Integritas","en":"Integrity"},"levels":[],"items":[]}]}"#;
        let doc: QuestionnaireDoc = serde_json::from_str(old).unwrap();
        assert_eq!(doc.v, 1);
        let q = Questionnaire::try_from(doc).unwrap();
        assert_eq!(q.competencies[0].code, "M.01");
        let back = serde_json::to_value(QuestionnaireDoc::from(&q)).unwrap();
        assert_eq!(back["v"], 1);
    }

    #[test]
    fn a_newer_document_is_refused_not_guessed() {
        let doc: ResultDoc = serde_json::from_str(r#"{"v":2,"threshold":3,"competencies":[],"responses":[]}"#).unwrap();
        assert_eq!(ResultData::try_from(doc), Err(UnknownVersion(2)));
    }
}
