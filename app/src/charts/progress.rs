//! Completion of a feedback round by unit: a horizontal bar per unit (percent submitted).

use crate::api::ProgressRow;
use crate::domain::feedback::{completion_percent, round2};
use crate::i18n::{Lang, T};
use charming::Chart;
use charming::component::{Axis, Grid, Title};
use charming::element::{AxisType, Label, LabelPosition, Tooltip, Trigger};
use charming::series::Bar;

/// Builds the chart: units sorted by completion, lowest at the top so that laggards stand out.
pub fn progress_chart(rows: &[ProgressRow], lang: Lang) -> Chart {
    let mut rows: Vec<&ProgressRow> = rows.iter().filter(|r| r.total > 0).collect();
    rows.sort_by(|a, b| completion_percent(b.submitted, b.total).total_cmp(&completion_percent(a.submitted, a.total)));
    let names: Vec<String> = rows
        .iter()
        .map(|r| {
            if r.name.chars().count() > 38 {
                format!("{}…", r.name.chars().take(37).collect::<String>())
            } else {
                r.name.clone()
            }
        })
        .collect();
    let values: Vec<f64> = rows.iter().map(|r| round2(completion_percent(r.submitted, r.total))).collect();
    let (title, series) = (lang.t(T::ChartCompletionByUnit), lang.t(T::ChartSubmitted));
    Chart::new()
        .title(Title::new().text(title).left("center"))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(Grid::new().left("2%").right("8%").top(40).bottom(30).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Value).min(0).max(100))
        .y_axis(Axis::new().type_(AxisType::Category).data(names))
        .series(Bar::new().name(series).data(values).label(Label::new().show(true).position(LabelPosition::Right)))
}

/// A text summary for screen readers.
pub fn progress_summary(rows: &[ProgressRow], lang: Lang) -> String {
    let total: u64 = rows.iter().map(|r| r.total).sum();
    let done: u64 = rows.iter().map(|r| r.submitted).sum();
    let pct = round2(completion_percent(done, total));
    lang.fill(T::ProgressSummary, &[("units", &rows.len()), ("done", &done), ("total", &total), ("pct", &pct)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, total: u64, submitted: u64) -> ProgressRow {
        ProgressRow { key: name.into(), name: name.into(), total, submitted, drafts: 0 }
    }

    #[test]
    fn units_are_ordered_with_the_least_complete_on_top() {
        let chart = progress_chart(&[row("A", 10, 10), row("B", 10, 2), row("C", 0, 0)], Lang::Id);
        let json: serde_json::Value = serde_json::from_str(&chart.to_string()).unwrap();
        let y = if json["yAxis"].is_array() { &json["yAxis"][0] } else { &json["yAxis"] };
        // Category axes draw bottom-up: the first entry is at the bottom.
        assert_eq!(y["data"], serde_json::json!(["A", "B"]));
        assert_eq!(json["series"][0]["data"], serde_json::json!([100.0, 20.0]));
        assert!(progress_summary(&[row("A", 10, 5)], Lang::En).contains("5 of 10"));
    }
}
