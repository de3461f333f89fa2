//! Evidence files (*bukti dukung*): the employee attaches PDF, PNG or JPEG files (recognised by their content, at
//! most 2 MiB and five per row) to a result row of an open period until it is rated, and removes them meanwhile;
//! they are served only to those who may read the plan (and the decider of an objection to its rating).

use super::check_year;
use crate::db::{Db, statement_error};
use crate::error::{ServiceError, invalid};
use crate::repo::skp as repo;
use crate::services::auth::Viewer;
use domain::skp::{EvidenceKind, EvidenceProblem, check_evidence, evidence_file_name};
use i18n::T;

/// A file as uploaded: for which period and row, the name the browser sent and the bytes.
#[derive(Debug, Clone, Copy)]
pub struct Upload<'a> {
    pub year: i32,
    pub period: u8,
    pub row: &'a str,
    pub file_name: &'a str,
    pub bytes: &'a [u8],
}

fn refused(e: anyhow::Error) -> ServiceError {
    match statement_error(&e) {
        Some(s) if s.is_thrown("period_not_open") => ServiceError::Conflict(T::SkpPeriodNotOpen),
        Some(s) if s.is_thrown("already_rated") => ServiceError::Conflict(T::SkpAlreadyRated),
        Some(s) if s.is_thrown("evidence_row_full") => invalid("file", T::SkpEvidenceTooMany),
        _ => e.into(),
    }
}

/// A new file's id: 128 random bits, so that ids say nothing about who uploaded what when.
fn new_id() -> String {
    let bytes: [u8; 16] = rand::random();
    hex::encode(bytes)
}

/// The owner attaches a file to a row of the plan in force for an open period that is not rated yet. Returns the
/// file's id.
pub async fn upload_evidence(db: &Db, viewer: &Viewer, upload: Upload<'_>) -> Result<String, ServiceError> {
    let year = check_year(upload.year)?;
    let kind = check_evidence(upload.bytes).map_err(|p| match p {
        EvidenceProblem::Empty => invalid("file", T::SkpEvidenceEmpty),
        EvidenceProblem::TooLarge => invalid("file", T::SkpEvidenceTooLarge),
        EvidenceProblem::Type => invalid("file", T::SkpEvidenceType),
        EvidenceProblem::TooMany => invalid("file", T::SkpEvidenceTooMany),
    })?;
    let (rows, _) = super::owner_part(db, &viewer.nip, year, upload.period).await?;
    if !rows.iter().any(|r| r == upload.row) {
        return Err(ServiceError::NotFound);
    }
    let id = new_id();
    let name = evidence_file_name(upload.file_name, kind);
    let file = repo::NewEvidence {
        nip: &viewer.nip,
        year,
        period: upload.period,
        row: upload.row,
        name: &name,
        kind,
        bytes: upload.bytes,
    };
    repo::add_evidence(db, &id, &file).await.map_err(refused)?;
    Ok(id)
}

/// The owner removes one of their files while the period is open and not rated.
pub async fn remove_evidence(db: &Db, viewer: &Viewer, year: i32, period: u8, id: &str) -> Result<(), ServiceError> {
    let year = check_year(year)?;
    if !repo::remove_evidence(db, &viewer.nip, year, period, id).await.map_err(refused)? {
        return Err(ServiceError::NotFound);
    }
    Ok(())
}

/// A file to send: its stored name, kind and bytes.
#[derive(Debug, Clone)]
pub struct EvidenceDownload {
    pub name: String,
    pub kind: EvidenceKind,
    pub bytes: Vec<u8>,
}

/// `/skp/evidence/{id}`: the file, for those who may read its owner's plan or decide an objection to the period's
/// rating; to anyone else it does not exist.
pub async fn evidence_download(db: &Db, viewer: &Viewer, id: &str) -> Result<EvidenceDownload, ServiceError> {
    if id.is_empty() || id.len() > 64 || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(ServiceError::NotFound);
    }
    let file = repo::evidence_file(db, id).await?.ok_or(ServiceError::NotFound)?;
    if !crate::access::scope(db, viewer).await?.may_read(&file.nip)
        && !super::is_decider(db, viewer, &file.nip, file.year, file.period).await?
    {
        return Err(ServiceError::NotFound);
    }
    Ok(EvidenceDownload { name: file.name, kind: file.kind, bytes: file.bytes })
}
