//! Localized messages for domain validation errors.

use super::Lang;
use domain::{NameError, NipError};

/// A NIP error in the user's language.
pub fn nip_error(lang: Lang, err: &NipError) -> String {
    match (lang, err) {
        (Lang::Id, NipError::Length(n)) => format!("NIP harus terdiri dari 18 angka (terisi {n})."),
        (Lang::Id, NipError::NotDigits) => "NIP hanya boleh berisi angka.".into(),
        (Lang::Id, NipError::BirthDate) => "Tanggal lahir di dalam NIP bukan tanggal yang benar.".into(),
        (Lang::Id, NipError::StartDate) => "TMT CPNS di dalam NIP bukan bulan yang benar.".into(),
        (Lang::Id, NipError::StartTooEarly) => "TMT CPNS harus minimal 18 tahun setelah tanggal lahir.".into(),
        (Lang::Id, NipError::Gender) => "Digit jenis kelamin NIP harus 1 (laki-laki) atau 2 (perempuan).".into(),
        (Lang::Id, NipError::Sequence) => "Nomor urut NIP tidak boleh 000.".into(),
        (Lang::En, e) => {
            let mut s = e.to_string();
            if let Some(first) = s.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            format!("{s}.")
        }
    }
}

/// A name or e-mail error in the user's language.
pub fn name_error(lang: Lang, err: &NameError) -> String {
    match (lang, err) {
        (Lang::Id, NameError::Empty) => "Nama wajib diisi.".into(),
        (Lang::Id, NameError::TooLong) => "Nama terlalu panjang (maksimal 120 karakter).".into(),
        (Lang::Id, NameError::BadCharacters) => "Nama berisi karakter yang tidak diperbolehkan.".into(),
        (Lang::Id, NameError::Email) => "Alamat e-mail tidak valid.".into(),
        (Lang::En, NameError::Empty) => "Name is required.".into(),
        (Lang::En, NameError::TooLong) => "Name is too long (at most 120 characters).".into(),
        (Lang::En, NameError::BadCharacters) => "Name contains characters that are not allowed.".into(),
        (Lang::En, NameError::Email) => "The e-mail address is not valid.".into(),
    }
}

/// A column of the organisation import in the user's language.
pub fn import_column(lang: Lang, column: domain::import::Column) -> &'static str {
    match lang {
        Lang::Id => column.header(),
        Lang::En => column.header_en(),
    }
}

/// Why an import stopped, in the user's language.
pub fn import_failure(lang: Lang, failure: &domain::view::ImportFailure) -> String {
    use crate::T;
    use domain::view::ImportFailure as F;
    match failure {
        F::Unreadable => lang.t(T::ImportUnreadable).to_string(),
        F::NoHeader => lang.t(T::ImportNoHeader).to_string(),
        F::MissingColumns(cols) => lang.fill(T::ImportMissingColumns, &[("columns", &cols.join(", "))]),
        F::ColumnTwice(c) => lang.fill(T::ImportColumnTwice, &[("column", c)]),
        F::Stale => lang.t(T::ImportStale).to_string(),
        F::Partial { written, total } => lang.fill(T::ImportPartial, &[("written", written), ("total", total)]),
        F::Interrupted => lang.t(T::ImportInterrupted).to_string(),
        F::Internal => lang.t(T::ErrInternal).to_string(),
    }
}

/// What is wrong with a row of an import, in the user's language.
pub fn import_problem(lang: Lang, problem: &domain::import::Problem) -> String {
    use domain::import::Problem as P;
    let id = lang == Lang::Id;
    let pick = |i: &str, e: &str| if id { i.to_string() } else { e.to_string() };
    match problem {
        P::Missing => pick("Wajib diisi.", "Required."),
        P::Nip(e) => nip_error(lang, e),
        P::NipAsNumber => pick(
            "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang; simpan kolom NIP sebagai teks.",
            "The NIP is stored as a number, so its last digits are lost; store the NIP column as text.",
        ),
        P::Name(e) => name_error(lang, e),
        P::Rank => pick("Golongan tidak dikenal (contoh: III/b).", "Unknown rank (e.g. III/b)."),
        P::PositionKind => pick(
            "Jenis jabatan tidak dikenal (contoh: Pelaksana, Administrator, Fungsional Ahli Muda, Eselon IV.a).",
            "Unknown position type (e.g. Pelaksana, Administrator, Fungsional Ahli Muda, Eselon IV.a).",
        ),
        P::UnitKind => pick("Jenis unit tidak dikenal.", "Unknown unit type."),
        P::Education => pick(
            "Jenjang pendidikan tidak dikenal (contoh: S-1, D-III, SMA).",
            "Unknown education level (e.g. S-1, D-III, SMA).",
        ),
        P::Date => pick("Tanggal tidak valid (gunakan TTTT-BB-HH).", "Not a valid date (use YYYY-MM-DD)."),
        P::Status => pick("Status tidak dikenal (Aktif atau Nonaktif).", "Unknown status (Active or Inactive)."),
        P::TooLong => pick("Terlalu panjang.", "Too long."),
        P::DuplicateNip { first_row } => {
            if id {
                format!("NIP ini sudah ada di baris {first_row}.")
            } else {
                format!("This NIP is already on row {first_row}.")
            }
        }
        P::UnknownUnit => {
            pick("Unit tidak ada di berkas maupun di organisasi.", "No such unit in the file or the organisation.")
        }
        P::AmbiguousUnit => pick(
            "Beberapa unit bernama sama: isi kolom Kode Unit.",
            "Several units have this name: fill in the unit code column.",
        ),
        P::UnitConflict => pick(
            "Baris lain menyebut unit ini dengan nama, induk atau jenis yang berbeda.",
            "Another row gives this unit a different name, parent or type.",
        ),
        P::UnitCycle => pick("Unit ini akan berada di bawah dirinya sendiri.", "This unit would sit below itself."),
        P::UnitTooDeep => {
            pick("Unit ini terlalu dalam (paling banyak 10 tingkat).", "This unit is too deep (at most 10 levels).")
        }
        P::UnitNeedsParent => pick(
            "Unit baru membutuhkan unit induk (hanya ada satu unit teratas).",
            "A new unit needs a parent unit (there is only one top unit).",
        ),
        P::UnknownSupervisor => pick(
            "Atasan tidak ada di berkas maupun di organisasi, atau garis atasannya tidak sampai ke pimpinan instansi.",
            "The supervisor is neither in the file nor in the organisation, or their line does not reach the head of the agency.",
        ),
        P::InactiveSupervisor => pick("Atasan ini tidak aktif.", "This supervisor is inactive."),
        P::SelfSupervisor => {
            pick("Pegawai tidak dapat menjadi atasan dirinya sendiri.", "An employee cannot supervise themselves.")
        }
        P::Cycle => pick(
            "Garis atasan ini berputar kembali ke pegawai ini.",
            "This reporting line loops back to this employee.",
        ),
        P::SupervisorRequired => pick(
            "NIP atasan wajib diisi (hanya pimpinan instansi yang tanpa atasan).",
            "The supervisor's NIP is required (only the head of the agency has none).",
        ),
        P::HeadCannotMove => pick(
            "Pimpinan instansi tidak dapat dipindah atau dinonaktifkan melalui impor.",
            "The head of the agency cannot be moved or deactivated by an import.",
        ),
        P::HasReports => pick(
            "Pegawai ini akan dinonaktifkan, tetapi masih ada pegawai aktif yang melapor kepadanya.",
            "This employee would be deactivated while active employees still report to them.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nip_errors_read_naturally_in_both_languages() {
        assert_eq!(nip_error(Lang::Id, &NipError::Length(5)), "NIP harus terdiri dari 18 angka (terisi 5).");
        assert_eq!(nip_error(Lang::En, &NipError::NotDigits), "NIP may contain digits only.");
    }
}
