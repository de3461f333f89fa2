//! Reusable UI pieces: the page frame (header, navigation, sign-out), language handling, error views.

pub mod action_form;
pub mod drawn_part;
pub mod erase;
pub mod errors;
pub mod frame;
pub mod lang;
#[cfg(feature = "hydrate")]
pub mod live_forms;

pub use action_form::{ActionForm, FormAction};
pub use drawn_part::{DrawnContent, DrawnPartView, LiveDrawnContent};
pub use erase::Erase;
pub use errors::{ErrorNotice, Loading, Outcome, action_error, query_notice};
pub use frame::{Frame, role_label};
pub use lang::{tr, use_lang};
