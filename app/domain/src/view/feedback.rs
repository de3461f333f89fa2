//! Data of the competency dictionary and 360° rounds, exchanged between server functions and pages.

use crate::competency::{Bilingual, Competency, LevelText};
use crate::feedback::{AssignmentState, GroupScore, NominationState, RaterGroup, RoundStatus};
use serde::{Deserialize, Serialize};

/// The competency dictionary and the default required levels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DictionaryPage {
    pub competencies: Vec<Competency>,
    /// (position-type code, label, required level of managerial/socio-cultural competencies).
    pub standards: Vec<(String, String, u8)>,
    pub can_edit: bool,
}

/// One competency as frozen into a round's questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QCompetency {
    pub key: String,
    pub code: String,
    pub kind: crate::competency::CompetencyKind,
    pub name: Bilingual,
    pub levels: Vec<LevelText>,
    pub items: Vec<Bilingual>,
}

/// A round's questionnaire: the answers of an assignment are one list, competency after competency.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Questionnaire {
    pub competencies: Vec<QCompetency>,
}

impl Questionnaire {
    /// The number of behaviour items in all.
    pub fn item_count(&self) -> usize {
        self.competencies.iter().map(|c| c.items.len()).sum()
    }

    /// For each competency, the range of its items in the answer list.
    pub fn ranges(&self) -> Vec<std::ops::Range<usize>> {
        let mut at = 0;
        self.competencies
            .iter()
            .map(|c| {
                let r = at..at + c.items.len();
                at = r.end;
                r
            })
            .collect()
    }
}

/// A round as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundSummary {
    pub key: String,
    pub name: String,
    pub status: RoundStatus,
    pub period_start: String,
    pub period_end: String,
    pub opens: String,
    pub closes: String,
    pub threshold: u32,
    pub max_peers: u32,
    pub assignment_count: u64,
    pub unit_names: Vec<String>,
}

/// `/rounds`: the rounds, and what HR needs to create one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundsPage {
    pub rounds: Vec<RoundSummary>,
    pub can_manage: bool,
    /// (key, name, depth) of every unit, for the scope picker.
    pub units: Vec<(String, String, u32)>,
    /// (key, code, name, default selected) of active competencies.
    pub competencies: Vec<(String, String, Bilingual, bool)>,
}

/// One assessment in a rater's inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxItem {
    pub key: String,
    pub round_name: String,
    pub closes: String,
    pub ratee_nip: String,
    pub ratee_name: String,
    pub ratee_position: String,
    pub group: RaterGroup,
    pub state: AssignmentState,
    pub answered: usize,
    pub total: usize,
}

/// A peer nomination waiting for (or decided by) the ratee's supervisor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Nomination {
    pub key: String,
    pub round_name: String,
    pub rater_nip: String,
    pub rater_name: String,
    pub ratee_nip: String,
    pub ratee_name: String,
    pub state: NominationState,
}

/// `/feedback`: what the viewer must assess, nominations to decide and their own nominations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxPage {
    pub items: Vec<InboxItem>,
    pub approvals: Vec<Nomination>,
    pub my_nominations: Vec<Nomination>,
    /// Open rounds in which the viewer is assessed (and may nominate peers): (key, name).
    pub nominate_in: Vec<(String, String)>,
    /// Closed rounds with a result for the viewer: (round key, name).
    pub my_results: Vec<(String, String)>,
}

/// `/feedback/:key`: one assessment form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentForm {
    pub key: String,
    pub round_name: String,
    pub closes: String,
    pub ratee_nip: String,
    pub ratee_name: String,
    pub ratee_position: String,
    pub group: RaterGroup,
    pub state: AssignmentState,
    pub submitted_at: Option<String>,
    /// Whether answers may still change (open round, not submitted).
    pub editable: bool,
    pub questionnaire: Questionnaire,
    /// The rater's own draft answers (empty once submitted: answers are not sent back).
    pub answers: Vec<u8>,
    pub comments: Vec<String>,
}

/// The outcome of a submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SubmitOutcome {
    /// A draft was saved.
    Saved {
        at: String,
    },
    Submitted {
        at: String,
    },
    /// The assignment had already been submitted (e.g. a double click or a second tab): nothing changed.
    AlreadySubmitted {
        at: String,
    },
}

/// Completion of one unit or person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressRow {
    pub key: String,
    pub name: String,
    pub total: u64,
    pub submitted: u64,
    pub drafts: u64,
}

/// `/rounds/:id`: completion by unit and by person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundProgress {
    pub round: RoundSummary,
    pub total: u64,
    pub submitted: u64,
    pub drafts: u64,
    pub by_unit: Vec<ProgressRow>,
    /// Raters with work left, most pending first (key = NIP).
    pub raters: Vec<ProgressRow>,
    /// Ratees and the feedback they received (key = NIP).
    pub ratees: Vec<ProgressRow>,
    pub can_manage: bool,
    /// Whether the view is limited to the viewer's subtree.
    pub scoped: bool,
    pub proposed: u64,
    /// Assignments HR added or removed by hand, newest first (within the viewer's scope).
    #[serde(default)]
    pub changes: Vec<RoundChange>,
}

/// One assignment HR added or removed by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundChange {
    pub at: String,
    pub actor: String,
    /// `add` or `remove`.
    pub action: String,
    pub rater: String,
    pub ratee: String,
    pub group: RaterGroup,
}

/// A competency's result for one person in a closed round. Withheld groups carry no mean and no comments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompetencyResult {
    pub key: String,
    pub code: String,
    pub name: Bilingual,
    pub required: u8,
    pub groups: Vec<GroupScore>,
    /// Per questionnaire item, the group results over the raters who counted for the competency (an anonymous
    /// group's item is withheld below the threshold, like the competency).
    #[serde(default)]
    pub items: Vec<Vec<GroupScore>>,
    /// Comments of groups that are shown, in alphabetical order (never in submission order).
    pub comments: Vec<(RaterGroup, Vec<String>)>,
}

/// The materialised result of one person in a closed round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultData {
    pub threshold: u32,
    pub competencies: Vec<CompetencyResult>,
    /// (group, invited raters, raters who submitted).
    pub responses: Vec<(RaterGroup, u32, u32)>,
}

/// `/rounds/:id/results/:nip`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultPage {
    pub round_key: String,
    pub round_name: String,
    pub ratee_nip: String,
    pub ratee_name: String,
    pub ratee_position: String,
    pub data: ResultData,
}
