//! The cascade of results (*matriks peran hasil*): for each of a supervisor's result rows, the rows of their team
//! that state they support it, and the rows nobody supports.

use super::ResultRow;
use serde::{Deserialize, Serialize};

/// One team member's row supporting a supervisor's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Supporter {
    pub nip: String,
    pub name: String,
    pub text: String,
}

/// A supervisor's row and who carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CascadeRow {
    pub key: String,
    pub text: String,
    pub supporters: Vec<Supporter>,
}

/// The cascade of `own` rows over `team` = (nip, name, rows of their newest plan), in the order of `own`; a row's
/// supporters in the order of `team`. Team rows linked to a row that is not among `own` are left out.
pub fn cascade(own: &[ResultRow], team: &[(String, String, Vec<ResultRow>)]) -> Vec<CascadeRow> {
    own.iter()
        .map(|r| CascadeRow {
            key: r.key.clone(),
            text: r.text.clone(),
            supporters: team
                .iter()
                .flat_map(|(nip, name, rows)| {
                    rows.iter().filter(|t| t.supports.as_deref() == Some(r.key.as_str())).map(|t| Supporter {
                        nip: nip.clone(),
                        name: name.clone(),
                        text: t.text.clone(),
                    })
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skp::RowKind;

    fn row(key: &str, supports: Option<&str>) -> ResultRow {
        ResultRow {
            key: key.into(),
            kind: RowKind::Utama,
            text: format!("hasil {key}"),
            indicators: vec![],
            supports: supports.map(str::to_string),
        }
    }

    #[test]
    fn each_row_lists_its_supporters_and_unsupported_rows_stay_empty() {
        let own = [row("a", None), row("b", None)];
        let team = vec![
            ("1".to_string(), "Ani".to_string(), vec![row("x", Some("a")), row("y", Some("zz"))]),
            ("2".to_string(), "Budi".to_string(), vec![row("z", Some("a")), row("w", None)]),
        ];
        let c = cascade(&own, &team);
        assert_eq!(c.len(), 2);
        assert_eq!(
            c[0].supporters.iter().map(|s| (s.name.as_str(), s.text.as_str())).collect::<Vec<_>>(),
            [("Ani", "hasil x"), ("Budi", "hasil z")]
        );
        assert!(c[1].supporters.is_empty(), "nobody supports b");
    }
}
