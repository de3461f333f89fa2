//! Position types (jenis jabatan) of Indonesian civil servants, and the rank ranges that fit each.

use crate::rank::Rank;
use serde::{Deserialize, Serialize};

/// The kind of a position. Functional positions carry their grade (jenjang) in the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PositionKind {
    JptUtama,
    JptMadya,
    JptPratama,
    Administrator,
    Pengawas,
    Pelaksana,
    AhliUtama,
    AhliMadya,
    AhliMuda,
    AhliPertama,
    Penyelia,
    Mahir,
    Terampil,
    Pemula,
}

impl PositionKind {
    /// Every kind, from the most senior.
    pub const ALL: [PositionKind; 14] = [
        PositionKind::JptUtama,
        PositionKind::JptMadya,
        PositionKind::JptPratama,
        PositionKind::Administrator,
        PositionKind::Pengawas,
        PositionKind::Pelaksana,
        PositionKind::AhliUtama,
        PositionKind::AhliMadya,
        PositionKind::AhliMuda,
        PositionKind::AhliPertama,
        PositionKind::Penyelia,
        PositionKind::Mahir,
        PositionKind::Terampil,
        PositionKind::Pemula,
    ];

    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            PositionKind::JptUtama => "jpt_utama",
            PositionKind::JptMadya => "jpt_madya",
            PositionKind::JptPratama => "jpt_pratama",
            PositionKind::Administrator => "administrator",
            PositionKind::Pengawas => "pengawas",
            PositionKind::Pelaksana => "pelaksana",
            PositionKind::AhliUtama => "ahli_utama",
            PositionKind::AhliMadya => "ahli_madya",
            PositionKind::AhliMuda => "ahli_muda",
            PositionKind::AhliPertama => "ahli_pertama",
            PositionKind::Penyelia => "penyelia",
            PositionKind::Mahir => "mahir",
            PositionKind::Terampil => "terampil",
            PositionKind::Pemula => "pemula",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The official Indonesian label (the same in both UI languages: these are legal terms).
    pub fn label(self) -> &'static str {
        match self {
            PositionKind::JptUtama => "JPT Utama",
            PositionKind::JptMadya => "JPT Madya",
            PositionKind::JptPratama => "JPT Pratama",
            PositionKind::Administrator => "Administrator",
            PositionKind::Pengawas => "Pengawas",
            PositionKind::Pelaksana => "Pelaksana",
            PositionKind::AhliUtama => "Fungsional Ahli Utama",
            PositionKind::AhliMadya => "Fungsional Ahli Madya",
            PositionKind::AhliMuda => "Fungsional Ahli Muda",
            PositionKind::AhliPertama => "Fungsional Ahli Pertama",
            PositionKind::Penyelia => "Fungsional Penyelia",
            PositionKind::Mahir => "Fungsional Mahir",
            PositionKind::Terampil => "Fungsional Terampil",
            PositionKind::Pemula => "Fungsional Pemula",
        }
    }

    /// Whether the position leads a unit (structural leadership).
    pub fn is_structural(self) -> bool {
        matches!(
            self,
            PositionKind::JptUtama
                | PositionKind::JptMadya
                | PositionKind::JptPratama
                | PositionKind::Administrator
                | PositionKind::Pengawas
        )
    }

    /// Whether this is a functional (fungsional) grade.
    pub fn is_functional(self) -> bool {
        !self.is_structural() && self != PositionKind::Pelaksana
    }

    /// The ranks an incumbent of this kind normally holds (inclusive). Used to keep data consistent and to warn HR.
    pub fn rank_range(self) -> (Rank, Rank) {
        use Rank::*;
        match self {
            PositionKind::JptUtama => (IVd, IVe),
            PositionKind::JptMadya => (IVc, IVe),
            PositionKind::JptPratama => (IVa, IVd),
            PositionKind::Administrator => (IIIc, IVb),
            PositionKind::Pengawas => (IIIb, IIId),
            PositionKind::Pelaksana => (IIa, IIId),
            PositionKind::AhliUtama => (IVd, IVe),
            PositionKind::AhliMadya => (IVa, IVc),
            PositionKind::AhliMuda => (IIIc, IIId),
            PositionKind::AhliPertama => (IIIa, IIIb),
            PositionKind::Penyelia => (IIIc, IIId),
            PositionKind::Mahir => (IIIa, IIIb),
            PositionKind::Terampil => (IIc, IId),
            PositionKind::Pemula => (IIa, IIa),
        }
    }

    /// Whether `rank` lies in [`Self::rank_range`].
    pub fn fits_rank(self, rank: Rank) -> bool {
        let (lo, hi) = self.rank_range();
        lo <= rank && rank <= hi
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_for_every_kind() {
        for kind in PositionKind::ALL {
            assert_eq!(PositionKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(PositionKind::from_code("camat"), None);
    }

    #[test]
    fn structural_functional_and_staff_are_disjoint() {
        for kind in PositionKind::ALL {
            let n = [kind.is_structural(), kind.is_functional(), kind == PositionKind::Pelaksana]
                .iter()
                .filter(|b| **b)
                .count();
            assert_eq!(n, 1, "{kind:?}");
        }
    }

    #[test]
    fn a_head_of_division_needs_a_senior_rank() {
        assert!(PositionKind::JptPratama.fits_rank(Rank::IVc));
        assert!(!PositionKind::JptPratama.fits_rank(Rank::IIId));
        assert!(PositionKind::Pelaksana.fits_rank(Rank::IIc));
    }
}
