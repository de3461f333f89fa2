//! The content of one SKP version: result rows (RHK) with their indicators (IKI) and targets, each optionally
//! linked to the supervisor's row it supports, and the supervisor's specific expectations per core value. Stored as
//! a versioned document with each version, so that every version stays readable as it was.

use super::CoreValue;
use crate::text::{MAX_NOTE, MAX_TITLE, within};
use serde::{Deserialize, Serialize};

/// Main (*utama*) or additional (*tambahan*) result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    Utama,
    Tambahan,
}

/// The aspect an indicator measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aspect {
    Kuantitas,
    Kualitas,
    Waktu,
    Biaya,
}

impl Aspect {
    pub const ALL: [Aspect; 4] = [Aspect::Kuantitas, Aspect::Kualitas, Aspect::Waktu, Aspect::Biaya];

    pub const fn code(self) -> &'static str {
        match self {
            Aspect::Kuantitas => "kuantitas",
            Aspect::Kualitas => "kualitas",
            Aspect::Waktu => "waktu",
            Aspect::Biaya => "biaya",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// A target: a number with its unit, a percentage, a date, or a qualitative description.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    Number { value: f64, unit: String },
    Percent { value: f64 },
    Date { date: String },
    Text { text: String },
}

impl RowKind {
    pub const fn code(self) -> &'static str {
        match self {
            RowKind::Utama => "utama",
            RowKind::Tambahan => "tambahan",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [RowKind::Utama, RowKind::Tambahan].into_iter().find(|k| k.code() == code)
    }
}

impl Target {
    /// The target kinds as forms name them.
    pub const KINDS: [&'static str; 4] = ["number", "percent", "date", "text"];

    /// Parses a target typed into a form: `kind` one of [`Target::KINDS`], `value` a number (a decimal comma is
    /// accepted), a date (`YYYY-MM-DD`) or a text, and `unit` for numbers. `None` when it does not parse.
    pub fn parse(kind: &str, value: &str, unit: &str) -> Option<Target> {
        let value = value.trim();
        let number = || value.replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite());
        let t = match kind {
            "number" => Target::Number { value: number()?, unit: unit.trim().to_string() },
            "percent" => Target::Percent { value: number()? },
            "date" => Target::Date { date: value.to_string() },
            "text" => Target::Text { text: value.to_string() },
            _ => return None,
        };
        valid_target(&t).then_some(t)
    }
}

/// An individual performance indicator (IKI) of a row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub aspect: Aspect,
    pub text: String,
    pub target: Target,
}

/// One result row (RHK). `key` is stable across versions, so that links and realisations follow the row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultRow {
    pub key: String,
    pub kind: RowKind,
    pub text: String,
    pub indicators: Vec<Indicator>,
    /// The key of the supervisor's row this row supports (*RHK atasan yang diintervensi*).
    pub supports: Option<String>,
}

/// One version's content.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SkpDoc {
    #[serde(default = "one")]
    pub v: u32,
    pub rows: Vec<ResultRow>,
    /// The supervisor's specific expectations (*ekspektasi khusus pimpinan*) per core value.
    pub expectations: Vec<(CoreValue, String)>,
}

/// The version of [`SkpDoc`] this build writes; a missing `v` reads as 1.
pub const SKP_DOC_VERSION: u32 = 1;

fn one() -> u32 {
    1
}

/// Most rows in one SKP.
pub const MAX_ROWS: usize = 40;
/// Most indicators per row.
pub const MAX_INDICATORS: usize = 8;

/// What is wrong with an SKP's content; `row` and `indicator` count from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SkpProblem {
    #[error("a work plan needs at least one main result")]
    NoMainResult,
    #[error("too many result rows")]
    TooManyRows,
    #[error("row {row}: the result must be written (at most {MAX_TITLE} characters)")]
    RowText { row: usize },
    #[error("row {row}: every result needs between one and {MAX_INDICATORS} indicators")]
    Indicators { row: usize },
    #[error("row {row}, indicator {indicator}: the indicator must be written")]
    IndicatorText { row: usize, indicator: usize },
    #[error("row {row}, indicator {indicator}: the target is not valid")]
    Target { row: usize, indicator: usize },
    #[error("an expectation is too long")]
    Expectation,
    #[error("row {row} appears twice")]
    DuplicateRow { row: usize },
}

fn valid_target(t: &Target) -> bool {
    match t {
        Target::Number { value, unit } => value.is_finite() && *value >= 0.0 && within(unit, 40),
        Target::Percent { value } => value.is_finite() && (0.0..=100.0).contains(value),
        Target::Date { date } => {
            let format = time::macros::format_description!("[year]-[month]-[day]");
            time::Date::parse(date, &format).is_ok()
        }
        Target::Text { text } => !text.trim().is_empty() && within(text, MAX_NOTE),
    }
}

impl SkpDoc {
    /// Checks what a draft may hold (texts within limits, targets valid); an empty draft is fine.
    pub fn check_draft(&self) -> Result<(), SkpProblem> {
        if self.rows.len() > MAX_ROWS {
            return Err(SkpProblem::TooManyRows);
        }
        for (row, r) in self.rows.iter().enumerate() {
            if self.rows[..row].iter().any(|o| o.key == r.key) {
                return Err(SkpProblem::DuplicateRow { row });
            }
            if r.text.trim().is_empty() || !within(&r.text, MAX_TITLE) {
                return Err(SkpProblem::RowText { row });
            }
            if r.indicators.len() > MAX_INDICATORS {
                return Err(SkpProblem::Indicators { row });
            }
            for (indicator, i) in r.indicators.iter().enumerate() {
                if i.text.trim().is_empty() || !within(&i.text, MAX_TITLE) {
                    return Err(SkpProblem::IndicatorText { row, indicator });
                }
                if !valid_target(&i.target) {
                    return Err(SkpProblem::Target { row, indicator });
                }
            }
        }
        if self.expectations.iter().any(|(_, t)| !within(t, MAX_NOTE)) {
            return Err(SkpProblem::Expectation);
        }
        Ok(())
    }

    /// Checks what a submission needs on top of a draft: a main result, and an indicator for every row.
    pub fn check_submission(&self) -> Result<(), SkpProblem> {
        self.check_draft()?;
        if !self.rows.iter().any(|r| r.kind == RowKind::Utama) {
            return Err(SkpProblem::NoMainResult);
        }
        if let Some(row) = self.rows.iter().position(|r| r.indicators.is_empty()) {
            return Err(SkpProblem::Indicators { row });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: &str, kind: RowKind, indicators: usize) -> ResultRow {
        ResultRow {
            key: key.into(),
            kind,
            text: "Tersusunnya rencana kebutuhan pegawai".into(),
            indicators: (0..indicators)
                .map(|_| Indicator {
                    aspect: Aspect::Kuantitas,
                    text: "Jumlah dokumen".into(),
                    target: Target::Number { value: 1.0, unit: "dokumen".into() },
                })
                .collect(),
            supports: None,
        }
    }

    #[test]
    fn a_draft_may_be_incomplete_but_a_submission_may_not() {
        let mut doc = SkpDoc { v: 1, rows: vec![row("a", RowKind::Tambahan, 0)], expectations: vec![] };
        assert_eq!(doc.check_draft(), Ok(()));
        assert_eq!(doc.check_submission(), Err(SkpProblem::NoMainResult));
        doc.rows.push(row("b", RowKind::Utama, 1));
        assert_eq!(doc.check_submission(), Err(SkpProblem::Indicators { row: 0 }));
        doc.rows[0] = row("a", RowKind::Tambahan, 2);
        assert_eq!(doc.check_submission(), Ok(()));
    }

    #[test]
    fn targets_and_texts_are_checked_where_they_are() {
        let mut doc = SkpDoc { v: 1, rows: vec![row("a", RowKind::Utama, 2)], expectations: vec![] };
        doc.rows[0].indicators[1].target = Target::Percent { value: 120.0 };
        assert_eq!(doc.check_draft(), Err(SkpProblem::Target { row: 0, indicator: 1 }));
        doc.rows[0].indicators[1].target = Target::Date { date: "2026-02-30".into() };
        assert_eq!(doc.check_draft(), Err(SkpProblem::Target { row: 0, indicator: 1 }));
        doc.rows[0].indicators[1].target = Target::Date { date: "2026-12-31".into() };
        assert_eq!(doc.check_draft(), Ok(()));
        doc.rows.push(row("a", RowKind::Utama, 1));
        assert_eq!(doc.check_draft(), Err(SkpProblem::DuplicateRow { row: 1 }));
        doc.rows[1].key = "b".into();
        doc.rows[1].text = " ".into();
        assert_eq!(doc.check_draft(), Err(SkpProblem::RowText { row: 1 }));
    }

    #[test]
    fn targets_typed_in_a_form_parse_or_are_refused() {
        assert_eq!(
            Target::parse("number", "12,5", " laporan "),
            Some(Target::Number { value: 12.5, unit: "laporan".into() })
        );
        assert_eq!(Target::parse("percent", "100", ""), Some(Target::Percent { value: 100.0 }));
        assert_eq!(Target::parse("percent", "101", ""), None);
        assert_eq!(Target::parse("number", "-1", "x"), None);
        assert_eq!(Target::parse("number", "NaN", "x"), None);
        assert_eq!(Target::parse("date", "2026-06-30", ""), Some(Target::Date { date: "2026-06-30".into() }));
        assert_eq!(Target::parse("date", "30/06/2026", ""), None);
        assert_eq!(Target::parse("text", "  ", ""), None);
        assert_eq!(Target::parse("lain", "1", ""), None);
        assert_eq!(RowKind::from_code("utama"), Some(RowKind::Utama));
    }

    #[test]
    fn a_document_round_trips_and_reads_without_a_version() {
        let doc = SkpDoc {
            v: 1,
            rows: vec![row("a", RowKind::Utama, 1)],
            expectations: vec![(CoreValue::Loyal, "x".into())],
        };
        let json = serde_json::to_string(&doc).unwrap();
        assert_eq!(serde_json::from_str::<SkpDoc>(&json).unwrap(), doc);
        let old: SkpDoc = serde_json::from_str(r#"{"rows":[],"expectations":[]}"#).unwrap();
        assert_eq!(old.v, 1);
    }
}
