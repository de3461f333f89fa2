//! Continuous feedback (*umpan balik berkelanjutan*): during the year the direct supervisor writes dated notes on
//! any result row of the plan, on a behaviour value, or on the plan as a whole; the employee (and the supervisor)
//! reply in the note's thread. Notes are never edited or deleted: they are the record the rating later rests on.

use super::CoreValue;
use crate::text::{MAX_NOTE, within};
use serde::{Deserialize, Serialize};

/// What a note is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NoteAbout {
    /// The plan as a whole.
    Plan,
    /// A result row, by its key (stable across versions).
    Row(String),
    /// A BerAKHLAK behaviour value.
    Value(CoreValue),
}

impl NoteAbout {
    /// The code stored and posted by forms: `plan`, `row:<key>` or `value:<code>`.
    pub fn code(&self) -> String {
        match self {
            NoteAbout::Plan => "plan".into(),
            NoteAbout::Row(k) => format!("row:{k}"),
            NoteAbout::Value(v) => format!("value:{}", v.code()),
        }
    }

    pub fn from_code(code: &str) -> Option<NoteAbout> {
        if code == "plan" {
            return Some(NoteAbout::Plan);
        }
        if let Some(k) = code.strip_prefix("row:") {
            return (!k.is_empty()).then(|| NoteAbout::Row(k.to_string()));
        }
        code.strip_prefix("value:").and_then(CoreValue::from_code).map(NoteAbout::Value)
    }

    /// Whether this names something the plan has: the plan, a row among `rows` (keys of the newest version), or a
    /// behaviour value.
    pub fn exists_in(&self, rows: &[String]) -> bool {
        match self {
            NoteAbout::Row(k) => rows.iter().any(|r| r == k),
            NoteAbout::Plan | NoteAbout::Value(_) => true,
        }
    }
}

/// A note's text as typed, trimmed; `None` when empty or too long.
pub fn note_text(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty() && within(text, MAX_NOTE)).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_note_is_about_round_trips_through_its_code() {
        for about in [NoteAbout::Plan, NoteAbout::Row("r-1".into()), NoteAbout::Value(CoreValue::Akuntabel)] {
            assert_eq!(NoteAbout::from_code(&about.code()), Some(about));
        }
        for bad in ["", "row:", "value:jujur", "rows:x", "Plan"] {
            assert_eq!(NoteAbout::from_code(bad), None, "{bad}");
        }
        let rows = vec!["a".to_string()];
        assert!(NoteAbout::Row("a".into()).exists_in(&rows));
        assert!(!NoteAbout::Row("b".into()).exists_in(&rows));
        assert!(NoteAbout::Value(CoreValue::Loyal).exists_in(&[]));
    }

    #[test]
    fn a_note_has_text_within_the_limit() {
        assert_eq!(note_text("  Bagus, lanjutkan  ").as_deref(), Some("Bagus, lanjutkan"));
        assert_eq!(note_text(" \n "), None);
        assert_eq!(note_text(&"a".repeat(MAX_NOTE + 1)), None);
    }
}
