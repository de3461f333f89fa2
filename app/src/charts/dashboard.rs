//! The dashboard's charts: counts as bars, breakdowns by unit as stacked bars (shares in percent), the competency
//! heatmap (units × competencies, withheld cells left empty) and trends as lines. Each has a table beside it on the
//! page; clicking a unit's bar or cell follows the same link as its row in the table.

use charming::Chart;
use charming::component::{Axis, Grid, Legend, VisualMap};
use charming::datatype::DataPoint;
use charming::element::{AxisLabel, AxisType, Label, LabelPosition, Orient, Tooltip, Trigger};
use charming::series::{Bar, Heatmap, Line};

/// A unit's name as an axis label: long names end in "…" (the table beside the chart has them whole), so that a
/// phone's narrow chart keeps room for the bars.
fn short(name: String) -> String {
    const MAX: usize = 22;
    if name.chars().count() > MAX { format!("{}…", name.chars().take(MAX - 1).collect::<String>()) } else { name }
}

/// One bar per category.
pub fn bar_chart(categories: Vec<String>, values: &[u32], name: &str) -> Chart {
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(Grid::new().left("2%").right("4%").top(20).bottom(10).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Value).min_interval(1))
        .y_axis(Axis::new().type_(AxisType::Category).inverse(true).data(categories.into_iter().map(short).collect()))
        .series(
            Bar::new()
                .name(name)
                .data(values.iter().map(|v| i64::from(*v)).collect::<Vec<i64>>())
                .label(Label::new().show(true).position(LabelPosition::Right)),
        )
}

/// One horizontal bar per unit, split into parts (each part's share of the unit's total, in percent).
pub fn stacked_chart(units: Vec<String>, parts: Vec<(String, Vec<u32>)>) -> Chart {
    let totals: Vec<u32> =
        (0..units.len()).map(|i| parts.iter().map(|(_, v)| v.get(i).copied().unwrap_or(0)).sum()).collect();
    let mut chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0))
        .grid(Grid::new().left("2%").right("4%").top(50).bottom(10).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Value).min(0).max(100))
        .y_axis(Axis::new().type_(AxisType::Category).inverse(true).data(units.into_iter().map(short).collect()));
    for (name, values) in parts {
        let shares: Vec<f64> = values
            .iter()
            .zip(&totals)
            .map(|(v, t)| if *t == 0 { 0.0 } else { (f64::from(*v) * 1000.0 / f64::from(*t)).round() / 10.0 })
            .collect();
        chart = chart.series(Bar::new().name(name).stack("share").data(shares));
    }
    chart
}

/// Units (rows) × competencies (columns); `cells[row][column]` is the value shown, `None` where withheld or empty.
/// `max` is the top of the colour scale (5 for mean scores, 100 for shares).
pub fn heatmap_chart(units: Vec<String>, competencies: Vec<String>, cells: &[Vec<Option<f64>>], max: f64) -> Chart {
    let data: Vec<Vec<DataPoint>> = cells
        .iter()
        .enumerate()
        .flat_map(|(y, row)| {
            row.iter()
                .enumerate()
                .filter_map(move |(x, v)| v.map(|v| vec![(x as i64).into(), (y as i64).into(), v.into()]))
        })
        .collect();
    let height_rows = units.len();
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .grid(
            Grid::new()
                .left("2%")
                .right("2%")
                .top(10)
                .bottom(if height_rows > 0 { 60 } else { 10 })
                .contain_label(true),
        )
        .x_axis(Axis::new().type_(AxisType::Category).data(competencies).axis_label(AxisLabel::new().interval(0)))
        .y_axis(Axis::new().type_(AxisType::Category).inverse(true).data(units.into_iter().map(short).collect()))
        .visual_map(
            VisualMap::new().min(0).max(max).calculable(false).orient(Orient::Horizontal).left("center").bottom(0),
        )
        .series(Heatmap::new().label(Label::new().show(true)).data(data))
}

/// Lines over points (years or rounds): each series a name and its values (`None`: no figure).
pub fn trend_chart(labels: Vec<String>, series: Vec<(String, Vec<Option<f64>>)>, max: Option<f64>) -> Chart {
    let mut y = Axis::new().type_(AxisType::Value).min(0);
    if let Some(m) = max {
        y = y.max(m);
    }
    let mut chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0))
        .grid(Grid::new().left("2%").right("4%").top(40).bottom(10).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Category).data(labels))
        .y_axis(y);
    for (name, values) in series {
        let data: Vec<DataPoint> =
            values.into_iter().map(|v| v.map(DataPoint::from).unwrap_or_else(|| DataPoint::from("-"))).collect();
        chart = chart.series(Line::new().name(name).data(data).label(Label::new().show(true)));
    }
    chart
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_stack_to_each_units_total_and_withheld_cells_are_left_out() {
        let json =
            stacked_chart(vec!["A".into(), "B".into()], vec![("x".into(), vec![1, 0]), ("y".into(), vec![3, 0])])
                .to_string();
        let compact: String = json.split_whitespace().collect();
        assert!(compact.contains("[25.0,0.0]") && compact.contains("[75.0,0.0]"), "{json}");
        let cells = vec![vec![Some(3.5), None], vec![None, Some(2.0)]];
        let json =
            heatmap_chart(vec!["A".into(), "B".into()], vec!["M.01".into(), "M.02".into()], &cells, 5.0).to_string();
        let compact: String = json.split_whitespace().collect();
        assert!(compact.contains("[0,0,3.5]") && compact.contains("[1,1,2.0]") && !compact.contains("[1,0,"), "{json}");
        let json =
            trend_chart(vec!["2024".into(), "2025".into()], vec![("g".into(), vec![None, Some(60.0)])], Some(100.0))
                .to_string();
        let compact: String = json.split_whitespace().collect();
        assert!(compact.contains("[\"-\",60.0]"), "{json}");
        let json = bar_chart(vec!["Bidang Pengembangan Kompetensi Aparatur".into()], &[3], "n").to_string();
        assert!(json.contains("Bidang Pengembangan K…"), "{json}");
    }
}
