//! Continuous feedback notes on a plan: appended, never changed; a reply points at the note it answers.

use super::evaluation::wib_minute;
use crate::db::Db;
use crate::repo::audit::APPEND_SQL;
use anyhow::Context;
use serde::Deserialize;
use serde_json::json;

/// A stored note, its time as `YYYY-MM-DD HH:MM WIB`.
#[derive(Debug, Clone, Deserialize)]
pub struct StoredNote {
    pub id: String,
    pub about: String,
    pub author: String,
    pub text: String,
    pub reply_to: Option<String>,
    pub created_at: String,
}

/// The notes on `nip`'s plan for `year`, oldest first.
pub async fn notes(db: &Db, nip: &str, year: i32) -> anyhow::Result<Vec<StoredNote>> {
    let mut rows: Vec<StoredNote> = db
        .rows(
            "SELECT <string> record::id(id) AS id, about, author, text,
                (IF reply_to != NONE THEN <string> record::id(reply_to) END) AS reply_to,
                <string> created_at AS created_at
             FROM skp_note WHERE employee = type::record('employee', $nip) AND year = $year
             ORDER BY created_at, id;",
            json!({ "nip": nip, "year": year }),
        )
        .await?;
    for n in &mut rows {
        n.created_at = wib_minute(&n.created_at);
    }
    Ok(rows)
}

/// A note as written: on whose plan, about what, and — for a reply — the note it answers.
#[derive(Debug, Clone, Copy)]
pub struct NewNote<'a> {
    pub nip: &'a str,
    pub year: i32,
    pub about: &'a str,
    pub text: &'a str,
    pub reply_to: Option<&'a str>,
}

/// Appends a note, audited. A reply's thread is checked in the transaction: the note answered belongs to the same
/// plan and is not itself a reply (`false` otherwise).
pub async fn add_note(db: &Db, author: &str, note: &NewNote<'_>) -> anyhow::Result<bool> {
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $parent = IF $reply_to != NONE THEN type::record('skp_note', $reply_to) END;
         IF $parent != NONE AND ($parent.employee != type::record('employee', $nip) OR $parent.year != $year
            OR $parent.reply_to != NONE) {{ THROW 'unchanged' }};
         CREATE skp_note SET employee = type::record('employee', $nip), year = $year, about = $about,
            author = $actor, text = $text, reply_to = $parent, created_at = time::now();
         {APPEND_SQL}
         COMMIT TRANSACTION;"
    );
    let res = db
        .run(
            &sql,
            json!({ "nip": note.nip, "year": note.year, "about": note.about, "text": note.text,
                    "reply_to": note.reply_to, "actor": author,
                    "action": if note.reply_to.is_some() { "skp.note.reply" } else { "skp.note" },
                    "subject": format!("employee:{}", note.nip), "before": null,
                    "after": { "year": note.year, "about": note.about }, "reason": null }),
        )
        .await;
    super::super::changed(res, "writing a feedback note").context("writing a feedback note")
}
