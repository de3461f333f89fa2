//! Chart builders (pure functions from data to a `charming::Chart`, unit-tested on their options) and the one
//! component that draws a chart in the browser.
//!
//! Options are built on the server only: a page describes each chart by its data ([`ChartSpec`]); the server turns
//! it into the ECharts option (JSON) in the page it renders, and into the answer of `api::charts::chart_option`
//! for a page the browser renders itself after a client-side navigation. So neither the builders nor charming's
//! option types are compiled into the wasm.

pub mod dashboard;
pub mod org_chart;
pub mod progress;
pub mod report;
pub mod skp;
pub mod talent;
pub(crate) mod view;

pub use org_chart::org_chart;
pub use view::ChartView;

use crate::api::{HistoryPoint, OrgTree, ProgressRow};
use crate::domain::skp::{CascadeRow, Distribution};
use crate::i18n::Lang;
use report::RadarLine;
use serde::{Deserialize, Serialize};

/// A chart by its data: which builder draws it and with what. Texts are added by the builder in the language of
/// the request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ChartSpec {
    /// [`dashboard::bar_chart`].
    Bar { categories: Vec<String>, values: Vec<u32>, name: String },
    /// [`dashboard::stacked_chart`].
    Stacked { units: Vec<String>, parts: Vec<(String, Vec<u32>)> },
    /// [`dashboard::heatmap_chart`].
    UnitHeatmap { units: Vec<String>, competencies: Vec<String>, cells: Vec<Vec<Option<f64>>>, max: f64 },
    /// [`dashboard::trend_chart`].
    Trend { labels: Vec<String>, series: Vec<(String, Vec<Option<f64>>)>, max: Option<f64> },
    /// [`org_chart::org_chart`].
    Org { tree: OrgTree, open_depth: u32 },
    /// [`progress::progress_chart`].
    Progress { rows: Vec<ProgressRow> },
    /// [`report::radar_chart`].
    Radar { codes: Vec<String>, lines: Vec<RadarLine> },
    /// [`report::gap_chart`].
    Gap { codes: Vec<String>, gaps: Vec<Option<f64>> },
    /// [`report::heatmap_chart`].
    ItemHeatmap { items: Vec<String>, groups: Vec<String>, values: Vec<Vec<Option<f64>>> },
    /// [`report::history_of`].
    History { history: Vec<HistoryPoint>, codes: Vec<String> },
    /// [`report::needs_chart`].
    Needs { titles: Vec<String>, closed: Vec<f64>, people: Vec<u32> },
    /// [`report::competency_needs_chart`].
    CompetencyNeeds { codes: Vec<String>, people: Vec<u32>, mean_gap: Vec<f64> },
    /// [`skp::curve_chart`].
    Curve { distribution: Distribution },
    /// [`skp::cascade_chart`].
    Cascade { owner: String, rows: Vec<CascadeRow> },
    /// [`talent::nine_box_chart`].
    NineBox { counts: Vec<u32> },
    /// [`talent::calibration_chart`].
    Calibration { before: Vec<u32>, after: Vec<u32> },
}

impl ChartSpec {
    /// The chart, with its texts in `lang`.
    pub fn build(&self, lang: Lang) -> charming::Chart {
        match self {
            ChartSpec::Bar { categories, values, name } => dashboard::bar_chart(categories.clone(), values, name),
            ChartSpec::Stacked { units, parts } => dashboard::stacked_chart(units.clone(), parts.clone()),
            ChartSpec::UnitHeatmap { units, competencies, cells, max } => {
                dashboard::heatmap_chart(units.clone(), competencies.clone(), cells, *max)
            }
            ChartSpec::Trend { labels, series, max } => dashboard::trend_chart(labels.clone(), series.clone(), *max),
            ChartSpec::Org { tree, open_depth } => org_chart(tree, lang, *open_depth),
            ChartSpec::Progress { rows } => progress::progress_chart(rows, lang),
            ChartSpec::Radar { codes, lines } => report::radar_chart(codes, lines, lang),
            ChartSpec::Gap { codes, gaps } => report::gap_chart(codes, gaps, lang),
            ChartSpec::ItemHeatmap { items, groups, values } => report::heatmap_chart(items, groups, values, lang),
            ChartSpec::History { history, codes } => report::history_of(history, codes, lang),
            ChartSpec::Needs { titles, closed, people } => report::needs_chart(titles, closed, people, lang),
            ChartSpec::CompetencyNeeds { codes, people, mean_gap } => {
                report::competency_needs_chart(codes, people, mean_gap, lang)
            }
            ChartSpec::Curve { distribution } => skp::curve_chart(distribution, lang),
            ChartSpec::Cascade { owner, rows } => skp::cascade_chart(owner, rows, lang),
            ChartSpec::NineBox { counts } => talent::nine_box_chart(counts, lang),
            ChartSpec::Calibration { before, after } => talent::calibration_chart(before, after, lang),
        }
    }

    /// The ECharts option as JSON, with its texts in `lang`.
    pub fn option(&self, lang: Lang) -> String {
        serde_json::to_string(&self.build(lang)).unwrap_or_default()
    }
}
