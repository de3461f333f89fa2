//! The official rating (PermenPANRB 6/2022): the supervisor rates results and behaviour, each on three levels, and the
//! predikat follows from the pair through the regulation's matrix. There is no numeric formula: both ratings are
//! stored, never only the predikat, so that the "why" can always be shown.

use serde::{Deserialize, Serialize};

/// A rating of results or of behaviour against the expectation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// Di Bawah Ekspektasi.
    Below,
    /// Sesuai Ekspektasi.
    Meets,
    /// Di Atas Ekspektasi.
    Above,
}

impl Rating {
    pub const ALL: [Rating; 3] = [Rating::Below, Rating::Meets, Rating::Above];

    /// The code stored in the database.
    pub const fn code(self) -> &'static str {
        match self {
            Rating::Below => "below",
            Rating::Meets => "meets",
            Rating::Above => "above",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// An employee's performance predikat, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Predikat {
    SangatBaik,
    Baik,
    ButuhPerbaikan,
    /// Kurang/Misconduct: results met or exceeded, behaviour below expectation.
    Kurang,
    SangatKurang,
}

impl Predikat {
    /// Best first, as reports list them.
    pub const ALL: [Predikat; 5] =
        [Predikat::SangatBaik, Predikat::Baik, Predikat::ButuhPerbaikan, Predikat::Kurang, Predikat::SangatKurang];

    /// The code stored in the database.
    pub const fn code(self) -> &'static str {
        match self {
            Predikat::SangatBaik => "sangat_baik",
            Predikat::Baik => "baik",
            Predikat::ButuhPerbaikan => "butuh_perbaikan",
            Predikat::Kurang => "kurang",
            Predikat::SangatKurang => "sangat_kurang",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// The predikat of a rating pair: results are the matrix's rows, behaviour its columns.
///
/// | results ↓ · behaviour → | Di Bawah | Sesuai | Di Atas |
/// |---|---|---|---|
/// | Di Atas | Kurang/Misconduct | Baik | Sangat Baik |
/// | Sesuai | Kurang/Misconduct | Baik | Baik |
/// | Di Bawah | Sangat Kurang | Butuh Perbaikan | Butuh Perbaikan |
pub const fn predikat(results: Rating, behaviour: Rating) -> Predikat {
    match (results, behaviour) {
        (Rating::Above, Rating::Above) => Predikat::SangatBaik,
        (Rating::Above | Rating::Meets, Rating::Meets) | (Rating::Meets, Rating::Above) => Predikat::Baik,
        (Rating::Above | Rating::Meets, Rating::Below) => Predikat::Kurang,
        (Rating::Below, Rating::Below) => Predikat::SangatKurang,
        (Rating::Below, Rating::Meets | Rating::Above) => Predikat::ButuhPerbaikan,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cell_of_the_regulation_matrix() {
        use Predikat::*;
        use Rating::*;
        // Rows: results Above, Meets, Below; columns: behaviour Below, Meets, Above.
        let expected = [
            (Above, [Kurang, Baik, SangatBaik]),
            (Meets, [Kurang, Baik, Baik]),
            (Below, [SangatKurang, ButuhPerbaikan, ButuhPerbaikan]),
        ];
        for (results, row) in expected {
            for (behaviour, want) in [Below, Meets, Above].into_iter().zip(row) {
                assert_eq!(predikat(results, behaviour), want, "{results:?} × {behaviour:?}");
            }
        }
    }

    #[test]
    fn better_ratings_never_give_a_worse_predikat_except_for_misconduct() {
        // Raising results never lowers the predikat; raising behaviour never lowers it either.
        let rank = |p: Predikat| Predikat::ALL.iter().position(|q| *q == p).unwrap_or(0);
        for r in Rating::ALL {
            for b in Rating::ALL {
                for r2 in Rating::ALL.into_iter().filter(|x| *x > r) {
                    // Below → Meets results with behaviour Below goes from Sangat Kurang to Kurang: better.
                    assert!(rank(predikat(r2, b)) <= rank(predikat(r, b)), "{r:?}→{r2:?} with {b:?}");
                }
                for b2 in Rating::ALL.into_iter().filter(|x| *x > b) {
                    assert!(rank(predikat(r, b2)) <= rank(predikat(r, b)), "{b:?}→{b2:?} with {r:?}");
                }
            }
        }
    }

    #[test]
    fn codes_round_trip() {
        for p in Predikat::ALL {
            assert_eq!(Predikat::from_code(p.code()), Some(p));
        }
        for r in Rating::ALL {
            assert_eq!(Rating::from_code(r.code()), Some(r));
        }
    }
}
