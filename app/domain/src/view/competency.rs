//! Data of the competency standards, exchanged between server functions and pages.

use serde::{Deserialize, Serialize};

/// The required levels of one position.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PositionLevels {
    pub position_key: String,
    pub position_name: String,
    pub kind_label: String,
    /// (competency key, code, name, required level (0 = not required), set for this position).
    pub levels: Vec<(String, String, crate::Bilingual, u8, bool)>,
    pub can_edit: bool,
}
