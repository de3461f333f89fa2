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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nip_errors_read_naturally_in_both_languages() {
        assert_eq!(nip_error(Lang::Id, &NipError::Length(5)), "NIP harus terdiri dari 18 angka (terisi 5).");
        assert_eq!(nip_error(Lang::En, &NipError::NotDigits), "NIP may contain digits only.");
    }
}
