//! The behaviour part of every SKP: the seven BerAKHLAK core values of the civil service. They have no levels; the
//! supervisor may add specific expectations (*ekspektasi khusus pimpinan*) to each. Their names and behaviour
//! guides are texts of the i18n layer.

use serde::{Deserialize, Serialize};

/// A BerAKHLAK core value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoreValue {
    BerorientasiPelayanan,
    Akuntabel,
    Kompeten,
    Harmonis,
    Loyal,
    Adaptif,
    Kolaboratif,
}

impl CoreValue {
    /// In the order of the acronym.
    pub const ALL: [CoreValue; 7] = [
        CoreValue::BerorientasiPelayanan,
        CoreValue::Akuntabel,
        CoreValue::Kompeten,
        CoreValue::Harmonis,
        CoreValue::Loyal,
        CoreValue::Adaptif,
        CoreValue::Kolaboratif,
    ];

    /// The code stored in the database.
    pub const fn code(self) -> &'static str {
        match self {
            CoreValue::BerorientasiPelayanan => "berorientasi_pelayanan",
            CoreValue::Akuntabel => "akuntabel",
            CoreValue::Kompeten => "kompeten",
            CoreValue::Harmonis => "harmonis",
            CoreValue::Loyal => "loyal",
            CoreValue::Adaptif => "adaptif",
            CoreValue::Kolaboratif => "kolaboratif",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_values_spell_berakhlak() {
        let initials: String =
            CoreValue::ALL.iter().map(|v| v.code().chars().next().unwrap_or(' ').to_ascii_uppercase()).collect();
        assert_eq!(initials, "BAKHLAK");
        for v in CoreValue::ALL {
            assert_eq!(CoreValue::from_code(v.code()), Some(v));
        }
    }
}
