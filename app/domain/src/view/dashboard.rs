//! The head-of-agency dashboard (`/dashboard`): one unit's figures (or the whole scope's) with each child unit's
//! beside them, the people behind the lateness figures, and the trends across years and rounds.

use crate::Bilingual;
use crate::dashboard::Figures;
use crate::skp::{OrgPredikat, RuleView};
use serde::{Deserialize, Serialize};

/// What the dashboard shows: a unit (none: the viewer's whole scope), a period of a performance year, and the
/// heatmap's measure.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DashboardQuery {
    pub unit: Option<String>,
    pub year: Option<i32>,
    pub period: Option<u8>,
    /// The heatmap shows the share below the required level instead of the mean score.
    pub below: bool,
}

impl DashboardQuery {
    /// The query from an address's parameters: `unit`, `period` as `YYYY-N`, `measure` (`mean` or `below`); `None`
    /// when one of them is malformed.
    pub fn parse(unit: Option<&str>, period: Option<&str>, measure: Option<&str>) -> Option<Self> {
        let (year, period) = match period.map(str::trim).filter(|p| !p.is_empty()) {
            None => (None, None),
            Some(p) => {
                let (y, n) = p.split_once('-')?;
                (Some(y.parse::<i32>().ok().filter(|y| (2000..=2100).contains(y))?), Some(n.parse::<u8>().ok()?))
            }
        };
        let below = match measure.map(str::trim).filter(|m| !m.is_empty()) {
            None | Some("mean") => false,
            Some("below") => true,
            Some(_) => return None,
        };
        let unit = unit.map(str::trim).filter(|u| !u.is_empty());
        if unit.is_some_and(|u| !u.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')) {
            return None;
        }
        Some(DashboardQuery { unit: unit.map(str::to_string), year, period, below })
    }

    /// The period as the address writes it (`YYYY-N`).
    pub fn period_code(&self) -> Option<String> {
        Some(format!("{}-{}", self.year?, self.period?))
    }

    /// The dashboard's address for this query with another unit (`None`: the whole scope).
    pub fn href_for(&self, unit: Option<&str>) -> String {
        let mut parts = Vec::new();
        if let Some(u) = unit {
            parts.push(format!("unit={u}"));
        }
        if let Some(p) = self.period_code() {
            parts.push(format!("period={p}"));
        }
        if self.below {
            parts.push("measure=below".to_string());
        }
        if parts.is_empty() { "/dashboard".to_string() } else { format!("/dashboard?{}", parts.join("&")) }
    }

    /// The same view as a query string for the CSV export of a panel.
    pub fn csv_href(&self, panel: &str) -> String {
        let here = self.href_for(self.unit.as_deref());
        let query = here.split_once('?').map(|(_, q)| format!("?{q}")).unwrap_or_default();
        format!("/dashboard/{panel}.csv{query}")
    }
}

/// One row of a breakdown: a child unit (with its sub-units), or the people placed directly in the unit shown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DashboardRow {
    /// The child unit's key (`None`: the people directly in the unit shown).
    pub unit: Option<String>,
    pub name: String,
    pub figures: Figures,
    /// Its 360° figures (JPM, competency scores) are withheld: everyone's results here are counted with a unit
    /// above (too few to show on their own, see [`crate::dashboard::pools`]).
    pub withheld: bool,
    /// People with results here whose results are counted with a unit above, and (for the people directly in the
    /// unit shown) results merged in from small units below.
    pub not_counted: u32,
    pub merged_in: u32,
    /// The organisational predikat its curve follows (its own or the nearest above), and the guideline's breaches.
    pub org: Option<OrgPredikat>,
    pub breaches: Vec<RuleView>,
}

/// A person behind a lateness figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LatePerson {
    pub nip: String,
    pub name: String,
    pub unit_name: String,
    /// What is late: the plan's state (`None`: no plan) or, for a rater, the assessments still open.
    pub detail: String,
}

/// One point of a trend: a closed year or a closed round, with its headline figures for the people now in scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub label: String,
    pub rated: u32,
    /// Baik or Sangat Baik, percent of those rated.
    pub good_percent: Option<f64>,
    pub jpm_people: u32,
    pub jpm_mean: Option<f64>,
    pub meeting_percent: Option<f64>,
    /// Its 360° figures are withheld (too few people).
    pub withheld: bool,
}

/// A top training need of the scope: (training key, name, people it would help, gap closed, cost).
pub type DashboardNeed = (String, Bilingual, u32, f64, u64);

/// `/dashboard`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardPage {
    pub query: DashboardQuery,
    /// The scope's name (the agency, or the supervisor's team) and the unit shown with the units above it (from the
    /// top of the viewer's scope), for going back up.
    pub scope_name: String,
    pub path: Vec<(String, String)>,
    /// The units the viewer may choose: (key, name, depth).
    pub units: Vec<(String, String, u32)>,
    /// The periods to choose from (opened or closed), newest first; and the one shown.
    pub periods: Vec<super::PeriodInfo>,
    pub period: Option<super::PeriodInfo>,
    /// The latest closed 360° round (competency figures, JPM) and the round whose completion is followed.
    pub round_name: Option<String>,
    pub followed_round: Option<(String, String)>,
    /// The competencies of the heatmap: (code, name).
    pub competencies: Vec<(String, Bilingual)>,
    /// The unit shown (or the scope) and its breakdown.
    pub total: DashboardRow,
    pub rows: Vec<DashboardRow>,
    /// People without an approved plan for the year, and raters with open assessments (at most 50 each, with the
    /// full counts).
    pub late_plans: Vec<LatePerson>,
    pub late_plans_count: u32,
    pub late_raters: Vec<LatePerson>,
    pub late_raters_count: u32,
    /// The top training needs of the unit shown and the people with a gap.
    pub needs: Vec<DashboardNeed>,
    pub people_with_gaps: u32,
    /// Their gaps added up (levels below the required ones).
    pub total_gap: f64,
    /// Objections filed and not yet decided, and open calibration sessions: (id, unit name, year).
    pub open_objections: u32,
    pub open_calibrations: Vec<(String, String, i32)>,
    pub trend_years: Vec<TrendPoint>,
    pub trend_rounds: Vec<TrendPoint>,
    /// When the figures that move by the hour (plan states, an open period's predikat, round completion,
    /// development plans) were read (UTC, `HH:MM:SS`): they are kept for a few seconds.
    pub live_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_reads_back_from_its_own_address() {
        let q = DashboardQuery { unit: Some("u_1".into()), year: Some(2025), period: Some(5), below: true };
        assert_eq!(q.href_for(q.unit.as_deref()), "/dashboard?unit=u_1&period=2025-5&measure=below");
        assert_eq!(DashboardQuery::parse(Some("u_1"), Some("2025-5"), Some("below")), Some(q.clone()));
        assert_eq!(q.csv_href("jpm"), "/dashboard/jpm.csv?unit=u_1&period=2025-5&measure=below");
        assert_eq!(q.href_for(None), "/dashboard?period=2025-5&measure=below");
        assert_eq!(DashboardQuery::parse(None, None, None), Some(DashboardQuery::default()));
        for (u, p, m) in [
            (None, Some("2025"), None),
            (None, Some("x-1"), None),
            (None, None, Some("max")),
            (Some("a b"), None, None),
        ] {
            assert_eq!(DashboardQuery::parse(u, p, m), None, "{u:?} {p:?} {m:?}");
        }
    }
}
