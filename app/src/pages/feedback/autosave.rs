//! Saving a form's drafts in the background while the rater answers, so that a reload never loses what was typed.

use crate::api::SubmitOutcome;
use crate::api::feedback::*;
use crate::error::AppError;
use leptos::prelude::*;

pub(super) fn to_map_u8(values: &[u8]) -> std::collections::HashMap<String, String> {
    values.iter().enumerate().filter(|(_, v)| **v != 0).map(|(i, v)| (i.to_string(), v.to_string())).collect()
}

pub(super) fn to_map(values: &[String]) -> std::collections::HashMap<String, String> {
    values.iter().enumerate().filter(|(_, v)| !v.is_empty()).map(|(i, v)| (i.to_string(), v.clone())).collect()
}

/// Saves drafts in the background, one request at a time, always sending the latest answers.
#[derive(Clone, Copy)]
pub(super) struct Autosave {
    key: StoredValue<String>,
    answers: RwSignal<Vec<u8>>,
    comments: RwSignal<Vec<String>>,
    status: RwSignal<Option<Result<String, AppError>>>,
    in_flight: StoredValue<bool>,
    again: StoredValue<bool>,
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    timer: StoredValue<u32>,
}

impl Autosave {
    pub(super) fn new(
        key: String,
        answers: RwSignal<Vec<u8>>,
        comments: RwSignal<Vec<String>>,
        status: RwSignal<Option<Result<String, AppError>>>,
    ) -> Self {
        Autosave {
            key: StoredValue::new(key),
            answers,
            comments,
            status,
            in_flight: StoredValue::new(false),
            again: StoredValue::new(false),
            timer: StoredValue::new(0),
        }
    }

    /// Saves after a short pause in typing.
    pub(super) fn schedule(self) {
        #[cfg(feature = "hydrate")]
        {
            let ticket = self.timer.get_value().wrapping_add(1);
            self.timer.set_value(ticket);
            gloo::timers::callback::Timeout::new(800, move || {
                if self.timer.get_value() == ticket {
                    self.save_now();
                }
            })
            .forget();
        }
    }

    pub(super) fn save_now(self) {
        if self.in_flight.get_value() {
            self.again.set_value(true);
            return;
        }
        self.in_flight.set_value(true);
        leptos::task::spawn_local(async move {
            loop {
                self.again.set_value(false);
                let result = save_assessment(
                    self.key.get_value(),
                    Some(to_map_u8(&self.answers.get_untracked())),
                    Some(to_map(&self.comments.get_untracked())),
                    None,
                )
                .await;
                match result {
                    Ok(SubmitOutcome::Saved { at }) => self.status.set(Some(Ok(at))),
                    Ok(_) => {}
                    Err(e) => self.status.set(Some(Err(e))),
                }
                if !self.again.get_value() {
                    break;
                }
            }
            self.in_flight.set_value(false);
        });
    }
}
