//! Civil-service ranks (golongan/ruang) I/a … IV/e, ordered from junior to senior.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A rank. The derive order is the seniority order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[allow(clippy::upper_case_acronyms)]
pub enum Rank {
    Ia,
    Ib,
    Ic,
    Id,
    IIa,
    IIb,
    IIc,
    IId,
    IIIa,
    IIIb,
    IIIc,
    IIId,
    IVa,
    IVb,
    IVc,
    IVd,
    IVe,
}

impl Rank {
    /// All ranks, junior first.
    pub const ALL: [Rank; 17] = [
        Rank::Ia,
        Rank::Ib,
        Rank::Ic,
        Rank::Id,
        Rank::IIa,
        Rank::IIb,
        Rank::IIc,
        Rank::IId,
        Rank::IIIa,
        Rank::IIIb,
        Rank::IIIc,
        Rank::IIId,
        Rank::IVa,
        Rank::IVb,
        Rank::IVc,
        Rank::IVd,
        Rank::IVe,
    ];

    /// The official notation, e.g. `III/c`.
    pub fn code(self) -> &'static str {
        const CODES: [&str; 17] = [
            "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a",
            "IV/b", "IV/c", "IV/d", "IV/e",
        ];
        CODES[self as usize]
    }

    /// Parses `III/c`, also forgiving `iii/c`, `IIIc` and `III-c`.
    pub fn parse(input: &str) -> Option<Self> {
        let norm: String = input.chars().filter(|c| c.is_ascii_alphabetic()).collect::<String>().to_ascii_lowercase();
        Self::ALL.into_iter().find(|r| r.code().replace('/', "").to_ascii_lowercase() == norm)
    }

    /// The rank's name (pangkat), e.g. `Penata` for III/c.
    pub fn title(self) -> &'static str {
        const TITLES: [&str; 17] = [
            "Juru Muda",
            "Juru Muda Tingkat I",
            "Juru",
            "Juru Tingkat I",
            "Pengatur Muda",
            "Pengatur Muda Tingkat I",
            "Pengatur",
            "Pengatur Tingkat I",
            "Penata Muda",
            "Penata Muda Tingkat I",
            "Penata",
            "Penata Tingkat I",
            "Pembina",
            "Pembina Tingkat I",
            "Pembina Utama Muda",
            "Pembina Utama Madya",
            "Pembina Utama",
        ];
        TITLES[self as usize]
    }
}

impl fmt::Display for Rank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_back_in_forgiving_spellings() {
        for r in Rank::ALL {
            assert_eq!(Rank::parse(r.code()), Some(r));
        }
        assert_eq!(Rank::parse("iiic"), Some(Rank::IIIc));
        assert_eq!(Rank::parse("IV-e"), Some(Rank::IVe));
        assert_eq!(Rank::parse("V/a"), None);
    }

    #[test]
    fn seniority_follows_the_official_order() {
        assert!(Rank::IIId < Rank::IVa);
        assert!(Rank::Id < Rank::IIa);
        assert_eq!(Rank::IIIc.title(), "Penata");
    }
}
