//! Evidence files (*bukti dukung*) attached to a result row of a period's evaluation: which files are accepted
//! (PDF, PNG, JPEG, recognised by their first bytes, never by the name or the browser's claim), how large, how many
//! per row, and the name they are stored and served under.

use serde::{Deserialize, Serialize};

/// The largest evidence file: 2 MiB (a scanned page or a photographed document).
pub const MAX_EVIDENCE_BYTES: usize = 2 * 1024 * 1024;

/// The most files one result row may have in a period.
pub const MAX_FILES_PER_ROW: usize = 5;

/// The longest stored file name, in characters.
pub const MAX_FILE_NAME: usize = 100;

/// The kinds of evidence file accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    Pdf,
    Png,
    Jpeg,
}

impl EvidenceKind {
    pub const ALL: [EvidenceKind; 3] = [EvidenceKind::Pdf, EvidenceKind::Png, EvidenceKind::Jpeg];

    pub const fn code(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "pdf",
            EvidenceKind::Png => "png",
            EvidenceKind::Jpeg => "jpeg",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The media type the file is served with.
    pub const fn mime(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "application/pdf",
            EvidenceKind::Png => "image/png",
            EvidenceKind::Jpeg => "image/jpeg",
        }
    }

    /// The file name extension, without the dot.
    pub const fn extension(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "pdf",
            EvidenceKind::Png => "png",
            EvidenceKind::Jpeg => "jpg",
        }
    }

    /// The kind of a file from its first bytes (its signature), whatever its name says.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"%PDF-") {
            Some(EvidenceKind::Pdf)
        } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(EvidenceKind::Png)
        } else if bytes.len() > 3 && bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(EvidenceKind::Jpeg)
        } else {
            None
        }
    }
}

/// Why an evidence file is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EvidenceProblem {
    #[error("choose a file")]
    Empty,
    #[error("the file is larger than {MAX_EVIDENCE_BYTES} bytes")]
    TooLarge,
    #[error("only PDF, PNG and JPEG files are accepted")]
    Type,
    #[error("a row has at most {MAX_FILES_PER_ROW} files in a period")]
    TooMany,
}

/// Checks an uploaded file and returns its kind.
pub fn check_evidence(bytes: &[u8]) -> Result<EvidenceKind, EvidenceProblem> {
    if bytes.is_empty() {
        return Err(EvidenceProblem::Empty);
    }
    if bytes.len() > MAX_EVIDENCE_BYTES {
        return Err(EvidenceProblem::TooLarge);
    }
    EvidenceKind::sniff(bytes).ok_or(EvidenceProblem::Type)
}

/// The name a file is stored and served under: the uploaded name's last path segment, with only letters, digits,
/// spaces, dots, dashes and underscores kept (so that it is safe in a `Content-Disposition` header and on any file
/// system), shortened, and ending in the extension of its real kind.
pub fn evidence_file_name(uploaded: &str, kind: EvidenceKind) -> String {
    let last = uploaded.rsplit(['/', '\\']).next().unwrap_or_default();
    let stem = match last.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => last,
    };
    let mut clean: String = stem
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.') { c } else { '_' })
        .collect::<String>()
        .trim_matches(|c: char| c == '.' || c.is_whitespace())
        .to_string();
    if clean.is_empty() {
        clean = "bukti".to_string();
    }
    let ext = kind.extension();
    let room = MAX_FILE_NAME - ext.len() - 1;
    let clean: String = clean.chars().take(room).collect();
    format!("{}.{ext}", clean.trim_end())
}

/// A size in bytes as people read it (`812 B`, `14,2 KB`, `1,9 MB`), with the Indonesian decimal comma.
pub fn size_label(bytes: u64) -> String {
    let one = |v: f64, unit: &str| format!("{:.1} {unit}", v).replace('.', ",");
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => one(b as f64 / 1024.0, "KB"),
        b => one(b as f64 / (1024.0 * 1024.0), "MB"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn files_are_recognised_by_their_first_bytes_only() {
        assert_eq!(check_evidence(b"%PDF-1.7\n..."), Ok(EvidenceKind::Pdf));
        assert_eq!(check_evidence(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0]), Ok(EvidenceKind::Png));
        assert_eq!(check_evidence(&[0xFF, 0xD8, 0xFF, 0xE0, 0]), Ok(EvidenceKind::Jpeg));
        assert_eq!(check_evidence(b"<html><script>alert(1)</script>"), Err(EvidenceProblem::Type));
        assert_eq!(check_evidence(b"MZ\x90\x00"), Err(EvidenceProblem::Type));
        assert_eq!(check_evidence(b""), Err(EvidenceProblem::Empty));
        assert_eq!(check_evidence(&[0xFF, 0xD8, 0xFF]), Err(EvidenceProblem::Type));
    }

    #[test]
    fn the_size_limit_is_exact() {
        let mut at = b"%PDF-".to_vec();
        at.resize(MAX_EVIDENCE_BYTES, b' ');
        assert_eq!(check_evidence(&at), Ok(EvidenceKind::Pdf));
        at.push(b' ');
        assert_eq!(check_evidence(&at), Err(EvidenceProblem::TooLarge));
    }

    #[test]
    fn the_stored_name_ends_in_the_real_kind() {
        assert_eq!(evidence_file_name("Laporan Triwulan 1.pdf", EvidenceKind::Pdf), "Laporan Triwulan 1.pdf");
        assert_eq!(evidence_file_name("foto.PNG", EvidenceKind::Jpeg), "foto.jpg");
        assert_eq!(evidence_file_name("C:\\Users\\a\\scan.jpeg", EvidenceKind::Jpeg), "scan.jpg");
        assert_eq!(evidence_file_name("../../etc/passwd", EvidenceKind::Pdf), "passwd.pdf");
        assert_eq!(evidence_file_name("a\"b;c\r\n.pdf", EvidenceKind::Pdf), "a_b_c__.pdf");
        assert_eq!(evidence_file_name("", EvidenceKind::Png), "bukti.png");
        assert_eq!(evidence_file_name("...", EvidenceKind::Pdf), "bukti.pdf");
        assert_eq!(evidence_file_name(&"x".repeat(300), EvidenceKind::Pdf).chars().count(), MAX_FILE_NAME);
    }

    #[test]
    fn sizes_read_as_people_read_them() {
        assert_eq!(size_label(812), "812 B");
        assert_eq!(size_label(14_541), "14,2 KB");
        assert_eq!(size_label(2 * 1024 * 1024), "2,0 MB");
    }

    proptest! {
        #[test]
        fn any_name_becomes_a_safe_header_value(name in any::<String>(), k in 0usize..3) {
            let kind = EvidenceKind::ALL[k];
            let n = evidence_file_name(&name, kind);
            prop_assert!(n.chars().count() <= MAX_FILE_NAME);
            let ext = format!(".{}", kind.extension());
            prop_assert!(n.ends_with(&ext));
            prop_assert!(!n.chars().any(|c| c.is_control() || matches!(c, '"' | '\\' | '/' | ';')));
            prop_assert!(!n.starts_with('.'));
        }

        #[test]
        fn sniffing_never_panics_and_only_accepts_signatures(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            if let Ok(kind) = check_evidence(&bytes) {
                prop_assert_eq!(EvidenceKind::sniff(&bytes), Some(kind));
                prop_assert!(bytes.starts_with(b"%PDF-") || bytes.starts_with(&[0x89, b'P']) || bytes.starts_with(&[0xFF, 0xD8, 0xFF]));
            }
        }
    }
}
