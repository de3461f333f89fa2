//! 360° feedback rounds: creating and opening rounds (assignments from the reporting graph), the rater's inbox and
//! form (drafts, final submission), peer nominations, progress, closing (materialised results) and reading results.
//!
//! Anonymity is enforced here: individual answers and comments are read only by their own rater (while still a
//! draft) and by the closing computation; everything else sees the materialised, thresholded result.

mod answers;
mod closing;
mod nominations;
mod opening;
mod progress;
mod rounds;

pub use answers::{form, inbox, save};
pub use closing::{CloseReport, close_round, decode_result, result_page, resume_closings};
pub use nominations::{MAX_NOMINATIONS, add_assignment, decide, nominate, remove_assignment};
pub use opening::{open_round, prepare_open, questionnaire, write_open};
pub use progress::{PROGRESS_LIST, PendingRater, pending_raters, progress};
pub use rounds::{RoundInput, create_round, rounds_page};

use nominations::{may_decide, nomination};

use crate::repo::feedback::RoundRow;
use crate::services::auth::Viewer;
use domain::Role;
use domain::view::RoundSummary;

pub(super) fn may_manage(viewer: &Viewer) -> bool {
    viewer.roles.has(Role::HrAdmin)
}

/// Refuses anyone but HR before a round-management call's arguments are even parsed, so that someone who may not
/// manage rounds learns nothing from how their input would have been judged.
pub fn require_manager(viewer: &Viewer) -> Result<(), crate::error::ServiceError> {
    if may_manage(viewer) { Ok(()) } else { Err(crate::error::ServiceError::Forbidden) }
}

/// The calendar date (in WIB, UTC+7) of a stored timestamp.
pub(super) fn date_part(s: &str) -> String {
    let wib = time::UtcOffset::from_hms(7, 0, 0).unwrap_or(time::UtcOffset::UTC);
    match time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339) {
        Ok(t) => t.to_offset(wib).date().to_string(),
        Err(_) => s.chars().take(10).collect(),
    }
}

pub(super) fn summary(r: &RoundRow) -> RoundSummary {
    RoundSummary {
        key: r.key.clone(),
        name: r.name.clone(),
        status: r.status,
        period_start: date_part(&r.period_start),
        period_end: date_part(&r.period_end),
        opens: date_part(&r.opens),
        closes: date_part(&r.closes),
        threshold: r.threshold as u32,
        max_peers: r.max_peers as u32,
        assignment_count: r.assignment_count.max(0) as u64,
        unit_names: r.unit_names.clone(),
    }
}

#[cfg(test)]
mod tests;
