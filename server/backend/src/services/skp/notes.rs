//! Continuous feedback (*umpan balik berkelanjutan*) on a plan during the year: the current direct supervisor writes
//! dated notes on a result row, a behaviour value or the whole plan; the employee and the supervisor reply in the
//! note's thread. Everyone who may read the plan reads them; nothing is edited or deleted.

use super::{check_year, is_direct_supervisor};
use crate::db::Db;
use crate::error::{ServiceError, invalid};
use crate::repo::skp as repo;
use crate::services::auth::Viewer;
use domain::Nip;
use domain::skp::{NoteAbout, ResultRow, note_text};
use domain::view::{NoteReply, NoteThread};
use i18n::T;
use std::collections::HashMap;

/// The threads on `nip`'s plan for `year`, newest first, each with its replies oldest first; rows are named from
/// `rows` (the version shown).
pub(super) async fn threads(db: &Db, nip: &str, year: i32, rows: &[ResultRow]) -> anyhow::Result<Vec<NoteThread>> {
    let notes = repo::notes(db, nip, year).await?;
    if notes.is_empty() {
        return Ok(Vec::new());
    }
    let mut authors: Vec<String> = notes.iter().map(|n| n.author.clone()).collect();
    authors.sort();
    authors.dedup();
    let names: HashMap<String, String> = crate::repo::feedback::names(db, &authors).await?.into_iter().collect();
    let who = |nip: &str| (nip.to_string(), names.get(nip).cloned().unwrap_or_else(|| nip.to_string()));
    let mut threads: Vec<NoteThread> = Vec::new();
    for n in &notes {
        if n.reply_to.is_some() {
            continue;
        }
        let Some(about) = NoteAbout::from_code(&n.about) else { continue };
        let about_text = match &about {
            NoteAbout::Row(k) => rows.iter().find(|r| r.key == *k).map(|r| r.text.clone()).unwrap_or_default(),
            _ => String::new(),
        };
        threads.push(NoteThread {
            id: n.id.clone(),
            about,
            about_text,
            author: who(&n.author),
            text: n.text.clone(),
            created_at: n.created_at.clone(),
            replies: notes
                .iter()
                .filter(|r| r.reply_to.as_deref() == Some(n.id.as_str()))
                .map(|r| NoteReply { author: who(&r.author), text: r.text.clone(), created_at: r.created_at.clone() })
                .collect(),
        });
    }
    threads.reverse();
    Ok(threads)
}

/// The current direct supervisor writes a note on `owner`'s plan for `year`, about `about` (`plan`, `row:<key>` of
/// the newest version, or `value:<code>`).
pub async fn add_note(
    db: &Db,
    viewer: &Viewer,
    owner: &Nip,
    year: i32,
    about: &str,
    text: &str,
) -> Result<(), ServiceError> {
    let owner = owner.as_str();
    if !is_direct_supervisor(db, viewer, owner).await? {
        return Err(ServiceError::Forbidden);
    }
    let year = check_year(year)?;
    let about = NoteAbout::from_code(about).ok_or_else(|| invalid("about", T::SkpChooseOption))?;
    let text = note_text(text).ok_or_else(|| invalid("text", T::SkpNoteText))?;
    let rows: Vec<String> = repo::versions(db, owner, year)
        .await?
        .pop()
        .map(|v| v.doc.rows.into_iter().map(|r| r.key).collect())
        .unwrap_or_default();
    if !about.exists_in(&rows) {
        return Err(invalid("about", T::SkpChooseOption));
    }
    let note = repo::NewNote { nip: owner, year, about: &about.code(), text: &text, reply_to: None };
    repo::add_note(db, &viewer.nip, &note).await?;
    Ok(())
}

/// The employee (or the current direct supervisor) replies to a note on the employee's plan.
pub async fn reply_note(
    db: &Db,
    viewer: &Viewer,
    owner: &Nip,
    year: i32,
    note: &str,
    text: &str,
) -> Result<(), ServiceError> {
    let owner = owner.as_str();
    if viewer.nip != owner && !is_direct_supervisor(db, viewer, owner).await? {
        return Err(ServiceError::Forbidden);
    }
    let year = check_year(year)?;
    let text = note_text(text).ok_or_else(|| invalid("text", T::SkpNoteText))?;
    let parent = repo::notes(db, owner, year)
        .await?
        .into_iter()
        .find(|n| n.id == note && n.reply_to.is_none())
        .ok_or(ServiceError::NotFound)?;
    let reply = repo::NewNote { nip: owner, year, about: &parent.about, text: &text, reply_to: Some(&parent.id) };
    if !repo::add_note(db, &viewer.nip, &reply).await? {
        return Err(ServiceError::NotFound);
    }
    Ok(())
}
