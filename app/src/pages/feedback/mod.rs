//! 360° feedback pages: the rater's inbox and nominations (`/feedback`), one assessment form (`/feedback/:key`), the
//! rounds (`/rounds`, `/rounds/:id`) and one person's result in a round (`/rounds/:id/results/:nip`).

pub(crate) mod form;
pub(crate) mod inbox;
mod progress;
pub(crate) mod result;
mod rounds;

pub use form::AssessmentPage;
pub use inbox::FeedbackInboxPage;
pub use progress::RoundPage;
#[cfg(feature = "ssr")]
pub(crate) use progress::part as progress_part;
pub use result::RoundResultPage;
pub use rounds::RoundsListPage;

use crate::components::Erase;
use crate::components::tr;
use crate::domain::feedback::RoundStatus;
#[cfg(feature = "ssr")]
use crate::domain::feedback::{AssignmentState, NominationState, RaterGroup};
use crate::i18n::T;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[cfg(feature = "ssr")]
/// The label of a rater group (from the rater's point of view: whom they assess as).
pub fn group_label(g: RaterGroup) -> &'static str {
    tr(match g {
        RaterGroup::SelfRating => T::GroupSelf,
        RaterGroup::Supervisor => T::GroupSupervisor,
        RaterGroup::Peer => T::GroupPeer,
        RaterGroup::Subordinate => T::GroupSubordinate,
    })
}

#[cfg(feature = "ssr")]
pub(super) fn state_label(state: AssignmentState) -> &'static str {
    tr(match state {
        AssignmentState::Submitted => T::StateSubmitted,
        AssignmentState::Draft => T::StateDraft,
        AssignmentState::Proposed => T::StateProposed,
        AssignmentState::Rejected => T::StateRejected,
        AssignmentState::Pending => T::StatePending,
    })
}

#[cfg(feature = "ssr")]
pub(super) fn nomination_label(state: NominationState) -> &'static str {
    tr(match state {
        NominationState::Proposed => T::StateProposed,
        NominationState::Rejected => T::StateRejected,
        NominationState::Approved => T::StateApproved,
    })
}

/// Query-string outcome of a form posted without JavaScript.
pub(super) fn query_notice() -> impl IntoView {
    let query = use_query_map();
    query.with_untracked(|q| {
        if let Some(e) = q.get("error") {
            Some(view! { <p class="form-error" role="alert">{e}</p> }.erase())
        } else if q.get("submitted").is_some() {
            Some(view! { <p class="form-ok" role="status">{tr(T::FbSubmittedThanks)}</p> }.erase())
        } else if q.get("nominated").is_some() {
            Some(view! { <p class="form-ok" role="status">{tr(T::FbNominated)}</p> }.erase())
        } else if q.get("saved").is_some() {
            Some(view! { <p class="form-ok" role="status">{tr(T::FbDraftSaved)}</p> }.erase())
        } else {
            None
        }
    })
}

pub(super) fn status_label(status: RoundStatus) -> &'static str {
    tr(match status {
        RoundStatus::Open => T::RoundOpen,
        RoundStatus::Closing => T::RoundClosing,
        RoundStatus::Opening => T::RoundOpening,
        RoundStatus::Closed => T::RoundClosed,
        RoundStatus::Draft => T::RoundDraft,
    })
}

/// The comments of a 360° result, per competency and rater group (the group only, never the rater), as the round's
/// result and the competency report show them (both drawn by the server).
#[cfg(feature = "ssr")]
#[component]
pub fn ResultComments(competencies: Vec<crate::api::CompetencyResult>) -> impl IntoView {
    let en = crate::components::use_lang() == crate::i18n::Lang::En;
    view! {
        <section aria-labelledby="comments-h">
            <h2 id="comments-h">{tr(T::Comments)}</h2>
            {competencies.iter().filter(|c| !c.comments.is_empty()).map(|c| view! {
                <h3>{c.code.clone()} " " {c.name.get(en).to_string()}</h3>
                {c.comments.iter().map(|(g, list)| view! {
                    <h4>{group_label(*g)}</h4>
                    <ul class="comments">{list.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}</ul>
                }).collect_view()}
            }).collect_view()}
            <p class="hint">{tr(T::CommentsNote)}</p>
        </section>
    }
}
