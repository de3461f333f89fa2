//! A programme's rules as plain text, so HR can read and edit them in one text box: one condition per line
//! (`kunci: nilai`), the common conditions first, then each route after a `jalur:` line with its label. Keywords are
//! Indonesian, English ones are accepted too; `#` starts a comment. [`format_rules`] and [`parse_rules`] are inverse.
//!
//! ```text
//! predikat minimal: baik, 2 tahun
//! tanpa hukuman: 2 tahun
//! belum mengikuti
//! jalur: Administrator, IV/a ≥ 3,5 tahun
//! jabatan: administrator
//! golongan minimal: IV/a
//! masa golongan minimal: 42 bulan
//! usia maksimal: 55
//! ```

use super::{Condition, Route};
use crate::skp::Predikat;
use crate::{PositionKind, Rank};

/// The keywords: Indonesian (written) and English (accepted).
const POSITION: [&str; 2] = ["jabatan", "position"];
const MIN_RANK: [&str; 2] = ["golongan minimal", "minimum rank"];
const MONTHS: [&str; 2] = ["masa golongan minimal", "months in rank"];
const MAX_AGE: [&str; 2] = ["usia maksimal", "maximum age"];
const PREDIKAT: [&str; 2] = ["predikat minimal", "minimum predikat"];
const TALENT_BOX: [&str; 2] = ["kotak talenta", "talent box"];
const NO_PENALTY: [&str; 2] = ["tanpa hukuman", "no penalty"];
const NOT_COMPLETED: [&str; 2] = ["belum mengikuti", "not completed"];
const ROUTE: [&str; 2] = ["jalur", "route"];

/// The longest route label.
pub const ROUTE_LABEL_MAX: usize = 200;

/// Why a line of rules is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RulesProblem {
    #[error("unknown keyword")]
    Keyword,
    #[error("a value that does not fit the keyword")]
    Value,
    #[error("a route needs a label of 1 to 200 characters")]
    RouteLabel,
    #[error("no condition at all")]
    Empty,
}

/// A refused line (1-based; 0 when the whole text is refused) and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct RulesError {
    pub line: usize,
    pub problem: RulesProblem,
}

/// One condition as a line.
fn line(c: &Condition) -> String {
    match c {
        Condition::Position { any_of } => {
            format!("{}: {}", POSITION[0], any_of.iter().map(|k| k.code()).collect::<Vec<_>>().join(", "))
        }
        Condition::MinRank { rank } => format!("{}: {}", MIN_RANK[0], rank.code()),
        Condition::MinMonthsInRank { months } => format!("{}: {months} bulan", MONTHS[0]),
        Condition::MaxAge { years } => format!("{}: {years} tahun", MAX_AGE[0]),
        Condition::MinPredikat { years, at_least } => {
            format!("{}: {}, {years} tahun", PREDIKAT[0], at_least.code().replace('_', " "))
        }
        Condition::TalentBox { any_of } => {
            format!("{}: {}", TALENT_BOX[0], any_of.iter().map(u8::to_string).collect::<Vec<_>>().join(", "))
        }
        Condition::NoPenalty { years } => format!("{}: {years} tahun", NO_PENALTY[0]),
        Condition::NotCompleted => NOT_COMPLETED[0].to_string(),
    }
}

/// The rules as text: the common conditions, then each route.
pub fn format_rules(common: &[Condition], routes: &[Route]) -> String {
    let mut out: Vec<String> = common.iter().map(line).collect();
    for r in routes {
        out.push(format!("{}: {}", ROUTE[0], r.label));
        out.extend(r.conditions.iter().map(line));
    }
    out.join("\n") + "\n"
}

/// The first whole number in `value` (after which a unit word such as "bulan" or "years" may follow).
fn number<T: std::str::FromStr>(value: &str) -> Option<T> {
    let mut words = value.split_whitespace();
    let n = words.next()?.parse().ok()?;
    match words.next() {
        None => Some(n),
        Some(unit) if words.next().is_none() && unit.chars().all(char::is_alphabetic) => Some(n),
        Some(_) => None,
    }
}

/// A comma-separated list, each item parsed.
fn list<T>(value: &str, item: impl Fn(&str) -> Option<T>) -> Option<Vec<T>> {
    let items: Option<Vec<T>> = value.split(',').map(|s| item(s.trim())).collect();
    items.filter(|v| !v.is_empty())
}

fn predikat(value: &str) -> Option<Predikat> {
    let code = value.trim().to_lowercase().split_whitespace().collect::<Vec<_>>().join("_");
    Predikat::from_code(&code)
}

/// A condition from a keyword and its value.
fn condition(key: &str, value: &str) -> Result<Condition, RulesProblem> {
    let is = |k: &[&str; 2]| k.contains(&key);
    let value = value.trim();
    let parsed = if is(&POSITION) {
        list(value, |s| PositionKind::from_code(&s.to_lowercase().replace(' ', "_")))
            .map(|any_of| Condition::Position { any_of })
    } else if is(&MIN_RANK) {
        Rank::parse(value).map(|rank| Condition::MinRank { rank })
    } else if is(&MONTHS) {
        number(value).filter(|m| (1..=600).contains(m)).map(|months| Condition::MinMonthsInRank { months })
    } else if is(&MAX_AGE) {
        number(value).filter(|y| (18..=70).contains(y)).map(|years| Condition::MaxAge { years })
    } else if is(&PREDIKAT) {
        value.split_once(',').and_then(|(p, y)| {
            let years = number(y.trim()).filter(|y| (1..=5).contains(y))?;
            Some(Condition::MinPredikat { years, at_least: predikat(p)? })
        })
    } else if is(&TALENT_BOX) {
        list(value, |s| s.parse::<u8>().ok().filter(|b| (1..=9).contains(b))).map(|mut any_of| {
            any_of.sort_unstable();
            any_of.dedup();
            Condition::TalentBox { any_of }
        })
    } else if is(&NO_PENALTY) {
        number(value).filter(|y| (1..=10).contains(y)).map(|years| Condition::NoPenalty { years })
    } else if is(&NOT_COMPLETED) {
        value.is_empty().then_some(Condition::NotCompleted)
    } else {
        return Err(RulesProblem::Keyword);
    };
    parsed.ok_or(RulesProblem::Value)
}

/// Parses rules text: the common conditions and the routes (a route without conditions is refused).
pub fn parse_rules(text: &str) -> Result<(Vec<Condition>, Vec<Route>), RulesError> {
    let mut common = Vec::new();
    let mut routes: Vec<(usize, Route)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let fail = |problem| RulesError { line: n, problem };
        let content = raw.split('#').next().unwrap_or_default().trim();
        if content.is_empty() {
            continue;
        }
        let (key, value) = content.split_once(':').unwrap_or((content, ""));
        let key = key.trim().to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
        if ROUTE.contains(&key.as_str()) {
            // A label may itself hold '#' or ':' — take the rest of the raw line.
            let label = raw.split_once(':').map(|x| x.1).unwrap_or_default().trim();
            if label.is_empty() || label.chars().count() > ROUTE_LABEL_MAX {
                return Err(fail(RulesProblem::RouteLabel));
            }
            routes.push((n, Route { label: label.to_string(), conditions: Vec::new() }));
            continue;
        }
        let c = condition(&key, value).map_err(fail)?;
        match routes.last_mut() {
            Some((_, r)) => r.conditions.push(c),
            None => common.push(c),
        }
    }
    if let Some((n, _)) = routes.iter().find(|(_, r)| r.conditions.is_empty()) {
        return Err(RulesError { line: *n, problem: RulesProblem::Empty });
    }
    if common.is_empty() && routes.is_empty() {
        return Err(RulesError { line: 0, problem: RulesProblem::Empty });
    }
    Ok((common, routes.into_iter().map(|(_, r)| r).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programme::{Programme, shipped};
    use proptest::prelude::*;

    #[test]
    fn the_shipped_rules_read_back_as_they_are_written() {
        for p in Programme::ALL {
            let rules = shipped(p);
            let text = format_rules(&rules.common, &rules.routes);
            assert_eq!(parse_rules(&text), Ok((rules.common.clone(), rules.routes.clone())), "{text}");
        }
    }

    #[test]
    fn english_keywords_spacing_and_comments_are_accepted() {
        let text = "# PKA\nMinimum  Rank: iii/d\nmonths in rank: 24 months   # two years\nTalent box: 9, 7, 8, 7\n\
                    Predikat minimal: Sangat Baik, 1 tahun\nnot completed\nroute: Pengawas # atau JF\nposition: pengawas, ahli muda\n";
        let (common, routes) = parse_rules(text).unwrap();
        assert_eq!(
            common,
            [
                Condition::MinRank { rank: Rank::IIId },
                Condition::MinMonthsInRank { months: 24 },
                Condition::TalentBox { any_of: vec![7, 8, 9] },
                Condition::MinPredikat { years: 1, at_least: Predikat::SangatBaik },
                Condition::NotCompleted,
            ]
        );
        assert_eq!(routes.len(), 1);
        assert_eq!(routes[0].label, "Pengawas # atau JF");
        assert_eq!(
            routes[0].conditions,
            [Condition::Position { any_of: vec![PositionKind::Pengawas, PositionKind::AhliMuda] }]
        );
    }

    #[test]
    fn every_refusal_names_its_line() {
        let err = |text: &str| parse_rules(text).unwrap_err();
        assert_eq!(err("usia maksimal: 50\ngaji minimal: 5"), RulesError { line: 2, problem: RulesProblem::Keyword });
        assert_eq!(err("usia maksimal: lima puluh"), RulesError { line: 1, problem: RulesProblem::Value });
        assert_eq!(err("golongan minimal: V/a"), RulesError { line: 1, problem: RulesProblem::Value });
        assert_eq!(err("kotak talenta: 0, 9"), RulesError { line: 1, problem: RulesProblem::Value });
        assert_eq!(err("predikat minimal: baik"), RulesError { line: 1, problem: RulesProblem::Value });
        assert_eq!(err("belum mengikuti: ya"), RulesError { line: 1, problem: RulesProblem::Value });
        assert_eq!(err("jalur:\njabatan: pengawas"), RulesError { line: 1, problem: RulesProblem::RouteLabel });
        assert_eq!(err("usia maksimal: 50\njalur: Kosong\n"), RulesError { line: 2, problem: RulesProblem::Empty });
        assert_eq!(err("# hanya komentar\n\n"), RulesError { line: 0, problem: RulesProblem::Empty });
    }

    fn condition_strategy() -> impl Strategy<Value = Condition> {
        prop_oneof![
            prop::collection::vec(prop::sample::select(PositionKind::ALL.to_vec()), 1..4)
                .prop_map(|any_of| Condition::Position { any_of }),
            prop::sample::select(Rank::ALL.to_vec()).prop_map(|rank| Condition::MinRank { rank }),
            (1u16..=600).prop_map(|months| Condition::MinMonthsInRank { months }),
            (18u8..=70).prop_map(|years| Condition::MaxAge { years }),
            ((1u8..=5), prop::sample::select(Predikat::ALL.to_vec()))
                .prop_map(|(years, at_least)| Condition::MinPredikat { years, at_least }),
            prop::collection::btree_set(1u8..=9, 1..9)
                .prop_map(|s| Condition::TalentBox { any_of: s.into_iter().collect() }),
            (1u8..=10).prop_map(|years| Condition::NoPenalty { years }),
            Just(Condition::NotCompleted),
        ]
    }

    proptest! {
        #[test]
        fn any_rules_read_back_as_they_are_written(
            common in prop::collection::vec(condition_strategy(), 0..5),
            routes in prop::collection::vec(("[A-Za-z][A-Za-z0-9 ,≥/]{0,40}", prop::collection::vec(condition_strategy(), 1..4)), 0..3),
        ) {
            prop_assume!(!common.is_empty() || !routes.is_empty());
            let routes: Vec<Route> = routes.into_iter().map(|(label, conditions)| Route { label: label.trim().to_string(), conditions }).collect();
            let text = format_rules(&common, &routes);
            prop_assert_eq!(parse_rules(&text), Ok((common, routes)));
        }

        #[test]
        fn garbage_never_panics(text in "\\PC{0,300}") {
            let _ = parse_rules(&text);
        }
    }
}
