//! The performance dialogue (*dialog kinerja*) at the end of a period: when it was held, what was discussed and the
//! follow-ups agreed, recorded by the supervisor and acknowledged by the employee. Stored as a versioned document.

use crate::text::{MAX_NOTE, MAX_TITLE, within};
use serde::{Deserialize, Serialize};

/// Most follow-ups in one dialogue.
pub const MAX_FOLLOW_UPS: usize = 10;

/// The version of [`DialogueDoc`] this build writes; a missing `v` reads as 1.
pub const DIALOGUE_DOC_VERSION: u32 = 1;

/// One dialogue.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DialogueDoc {
    #[serde(default = "one")]
    pub v: u32,
    /// `YYYY-MM-DD`.
    pub held_on: String,
    pub discussed: String,
    pub follow_ups: Vec<String>,
}

fn one() -> u32 {
    1
}

/// What is wrong with a dialogue as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DialogueProblem {
    #[error("the date is not a date")]
    Date,
    #[error("what was discussed must be written (at most {MAX_NOTE} characters)")]
    Discussed,
    #[error("at most {MAX_FOLLOW_UPS} follow-ups of at most {MAX_TITLE} characters each")]
    FollowUps,
}

impl DialogueDoc {
    /// A dialogue from a form: the date, what was discussed, and the follow-ups one per line (blank lines ignored).
    pub fn parse(held_on: &str, discussed: &str, follow_ups: &str) -> Result<DialogueDoc, DialogueProblem> {
        let held_on = held_on.trim();
        let format = time::macros::format_description!("[year]-[month]-[day]");
        if time::Date::parse(held_on, &format).is_err() {
            return Err(DialogueProblem::Date);
        }
        let discussed = discussed.trim();
        if discussed.is_empty() || !within(discussed, MAX_NOTE) {
            return Err(DialogueProblem::Discussed);
        }
        let follow_ups: Vec<String> =
            follow_ups.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
        if follow_ups.len() > MAX_FOLLOW_UPS || follow_ups.iter().any(|f| !within(f, MAX_TITLE)) {
            return Err(DialogueProblem::FollowUps);
        }
        Ok(DialogueDoc {
            v: DIALOGUE_DOC_VERSION,
            held_on: held_on.to_string(),
            discussed: discussed.to_string(),
            follow_ups,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dialogue_is_parsed_from_a_form_with_one_follow_up_per_line() {
        let d = DialogueDoc::parse(
            " 2026-04-05 ",
            " Capaian triwulan dibahas ",
            "Ikut pelatihan SIASN\n\n  Mentoring mingguan \n",
        )
        .unwrap();
        assert_eq!(d.held_on, "2026-04-05");
        assert_eq!(d.discussed, "Capaian triwulan dibahas");
        assert_eq!(d.follow_ups, ["Ikut pelatihan SIASN", "Mentoring mingguan"]);
    }

    #[test]
    fn bad_dialogues_are_refused() {
        assert_eq!(DialogueDoc::parse("5 April", "x", ""), Err(DialogueProblem::Date));
        assert_eq!(DialogueDoc::parse("2026-02-30", "x", ""), Err(DialogueProblem::Date));
        assert_eq!(DialogueDoc::parse("2026-04-05", "  ", ""), Err(DialogueProblem::Discussed));
        let many = (0..=MAX_FOLLOW_UPS).map(|i| format!("tindak lanjut {i}")).collect::<Vec<_>>().join("\n");
        assert_eq!(DialogueDoc::parse("2026-04-05", "x", &many), Err(DialogueProblem::FollowUps));
        assert_eq!(DialogueDoc::parse("2026-04-05", "x", &"a".repeat(MAX_TITLE + 1)), Err(DialogueProblem::FollowUps));
    }
}
