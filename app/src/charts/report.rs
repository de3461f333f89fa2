//! Charts of the competency report, the development plan and the training-needs analysis. Pure builders from data
//! to options; each page also shows the same numbers as a table.

use crate::domain::feedback::round2;
use crate::i18n::{Lang, T};
use charming::Chart;
use charming::component::{Axis, Grid, Legend, RadarCoordinate, Title, VisualMap};
use charming::datatype::{DataPoint, DataPointItem};
use charming::element::{
    AxisLabel, AxisType, ItemStyle, Label, LabelPosition, LineStyle, LineStyleType, Orient, Symbol, Tooltip, Trigger,
};
use charming::series::{Bar, Heatmap, Line, Radar};

/// One line of the radar: a name and a value per competency (missing where withheld or not rated).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RadarLine {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// Radar of the rater groups and the required level, one axis per competency (scale 0–5).
pub fn radar_chart(codes: &[String], lines: &[RadarLine], lang: Lang) -> Chart {
    let indicators: Vec<(&str, f64, f64)> = codes.iter().map(|c| (c.as_str(), 0.0, 5.0)).collect();
    let mut radar = Radar::new().name(lang.t(T::ChartCompetencyProfile).to_string());
    let data: Vec<DataPointItem> = lines
        .iter()
        .map(|l| DataPointItem::new(l.values.iter().map(|v| v.map(round2)).collect::<Vec<_>>()).name(l.name.clone()))
        .collect();
    radar = radar.data(data);
    Chart::new()
        .title(Title::new().text(lang.t(T::ChartProfileByGroup).to_string()).left("center"))
        .tooltip(Tooltip::new())
        .legend(Legend::new().bottom(0).data(lines.iter().map(|l| l.name.clone()).collect::<Vec<_>>()))
        .radar(RadarCoordinate::new().radius("62%").center(vec!["50%", "52%"]).indicator(indicators))
        .series(radar)
}

/// Gap bars (score − required), negative in red, positive in green; competencies without a score are left out.
pub fn gap_chart(codes: &[String], gaps: &[Option<f64>], lang: Lang) -> Chart {
    let (names, values): (Vec<String>, Vec<DataPointItem>) = codes
        .iter()
        .zip(gaps)
        .filter_map(|(c, g)| g.map(|g| (c.clone(), g)))
        .map(|(c, g)| {
            let color = if g < 0.0 { "#b3261e" } else { "#1e7a46" };
            (c, DataPointItem::new(round2(g)).item_style(ItemStyle::new().color(color)))
        })
        .unzip();
    Chart::new()
        .title(Title::new().text(lang.t(T::ChartGapTitle).to_string()).left("center"))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(Grid::new().left("3%").right("4%").top(40).bottom(30).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Category).data(names))
        .y_axis(Axis::new().type_(AxisType::Value).min(-4).max(4))
        .series(
            Bar::new()
                .name(lang.t(T::ChartGap).to_string())
                .data(values)
                .label(Label::new().show(true).position(LabelPosition::Top)),
        )
}

/// Heatmap of item means (rows: items; columns: rater groups); withheld cells stay empty.
pub fn heatmap_chart(items: &[String], groups: &[String], values: &[Vec<Option<f64>>], lang: Lang) -> Chart {
    let mut data: Vec<Vec<DataPoint>> = Vec::new();
    for (y, row) in values.iter().enumerate() {
        for (x, v) in row.iter().enumerate() {
            if let Some(v) = v {
                data.push(vec![(x as i64).into(), (y as i64).into(), round2(*v).into()]);
            }
        }
    }
    Chart::new()
        .title(Title::new().text(lang.t(T::ChartItemByGroup).to_string()).left("center"))
        .tooltip(Tooltip::new())
        .grid(Grid::new().left("2%").right("4%").top(40).bottom(70).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Category).data(groups.to_vec()))
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(items.to_vec())
                .inverse(true)
                .axis_label(AxisLabel::new().font_size(11)),
        )
        .visual_map(
            VisualMap::new()
                .min(1)
                .max(5)
                .calculable(true)
                .orient(Orient::Horizontal)
                .left("center")
                .bottom(0)
                .color(vec!["#1e7a46", "#f2d45c", "#b3261e"]),
        )
        .series(Heatmap::new().name(lang.t(T::ChartMean).to_string()).data(data).label(Label::new().show(true)))
}

/// One line of a history chart.
pub struct HistoryLine {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// Competency scores across rounds from a person's history: one line per competency code that has a score.
pub fn history_of(history: &[crate::api::HistoryPoint], codes: &[String], lang: Lang) -> Chart {
    let rounds: Vec<String> = history.iter().map(|h| h.round_name.clone()).collect();
    let lines: Vec<HistoryLine> = codes
        .iter()
        .map(|c| HistoryLine {
            name: c.clone(),
            values: history.iter().map(|h| h.scores.iter().find(|(hc, _)| hc == c).and_then(|(_, s)| *s)).collect(),
        })
        .filter(|l| l.values.iter().any(Option::is_some))
        .collect();
    history_chart(&rounds, &lines, lang)
}

/// Competency scores across rounds.
pub fn history_chart(rounds: &[String], lines: &[HistoryLine], lang: Lang) -> Chart {
    let mut chart = Chart::new()
        .title(Title::new().text(lang.t(T::ChartHistory).to_string()).left("center"))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0).data(lines.iter().map(|l| l.name.clone()).collect::<Vec<_>>()))
        .grid(Grid::new().left("3%").right("4%").top(40).bottom(60).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Category).data(rounds.to_vec()))
        .y_axis(Axis::new().type_(AxisType::Value).min(1).max(5));
    for l in lines {
        chart = chart.series(
            Line::new()
                .name(l.name.clone())
                .symbol(Symbol::Circle)
                .data(l.values.iter().map(|v| v.map(round2)).collect::<Vec<_>>()),
        );
    }
    chart
}

/// Horizontal bars: gap closed per training (top first), with the number of people as a second series.
pub fn needs_chart(titles: &[String], closed: &[f64], people: &[u32], lang: Lang) -> Chart {
    let names: Vec<String> =
        titles
            .iter()
            .map(|t| {
                if t.chars().count() > 34 {
                    format!("{}…", t.chars().take(33).collect::<String>())
                } else {
                    t.clone()
                }
            })
            .rev()
            .collect();
    let closed: Vec<f64> = closed.iter().rev().map(|c| round2(*c)).collect();
    let people: Vec<i64> = people.iter().rev().map(|p| i64::from(*p)).collect();
    Chart::new()
        .title(Title::new().text(lang.t(T::ChartGapClosedTitle).to_string()).left("center"))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0))
        .grid(Grid::new().left("2%").right("6%").top(40).bottom(40).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Value))
        .y_axis(Axis::new().type_(AxisType::Category).data(names))
        .series(Bar::new().name(lang.t(T::ChartGapClosed).to_string()).data(closed))
        .series(Bar::new().name(lang.t(T::People).to_string()).data(people))
}

/// Bars: people below the standard per competency.
pub fn competency_needs_chart(codes: &[String], people: &[u32], mean_gap: &[f64], lang: Lang) -> Chart {
    Chart::new()
        .title(Title::new().text(lang.t(T::ChartBelowStandard).to_string()).left("center"))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0))
        .grid(Grid::new().left("3%").right("4%").top(40).bottom(40).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Category).data(codes.to_vec()))
        .y_axis(Axis::new().type_(AxisType::Value))
        .y_axis(Axis::new().type_(AxisType::Value).max(0))
        .series(
            Bar::new()
                .name(lang.t(T::People).to_string())
                .data(people.iter().map(|p| i64::from(*p)).collect::<Vec<_>>()),
        )
        .series(
            Line::new()
                .name(lang.t(T::ChartMeanGap).to_string())
                .y_axis_index(1)
                .line_style(LineStyle::new().type_(LineStyleType::Dashed))
                .data(mean_gap.iter().map(|g| round2(*g)).collect::<Vec<_>>()),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(chart: &Chart) -> serde_json::Value {
        serde_json::from_str(&chart.to_string()).unwrap()
    }

    #[test]
    fn the_radar_has_one_axis_per_competency_and_one_line_per_group() {
        let codes = vec!["M.01".to_string(), "M.02".to_string(), "M.03".to_string()];
        let lines = vec![
            RadarLine { name: "Diri".into(), values: vec![Some(4.0), Some(3.5), None] },
            RadarLine { name: "Standar".into(), values: vec![Some(3.0); 3] },
        ];
        let j = json(&radar_chart(&codes, &lines, Lang::Id));
        let radar = if j["radar"].is_array() { &j["radar"][0] } else { &j["radar"] };
        assert_eq!(radar["indicator"].as_array().unwrap().len(), 3);
        assert_eq!(j["series"][0]["data"][0]["value"], serde_json::json!([4.0, 3.5, null]));
        assert_eq!(j["series"][0]["data"][1]["name"], "Standar");
    }

    #[test]
    fn gaps_below_the_standard_are_red_and_unscored_ones_left_out() {
        let codes = vec!["A".to_string(), "B".to_string(), "C".to_string()];
        let j = json(&gap_chart(&codes, &[Some(-1.0), None, Some(0.5)], Lang::En));
        let x = if j["xAxis"].is_array() { &j["xAxis"][0] } else { &j["xAxis"] };
        assert_eq!(x["data"], serde_json::json!(["A", "C"]));
        assert_eq!(j["series"][0]["data"][0]["itemStyle"]["color"], "#b3261e");
    }

    #[test]
    fn withheld_heatmap_cells_are_empty() {
        let j = json(&heatmap_chart(
            &["i1".into(), "i2".into()],
            &["Diri".into(), "Rekan".into()],
            &[vec![Some(4.0), None], vec![Some(3.0), Some(2.5)]],
            Lang::Id,
        ));
        assert_eq!(j["series"][0]["data"].as_array().unwrap().len(), 3);
    }
}
