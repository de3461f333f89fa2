//! The talent matrix as a chart: a 3 × 3 heatmap of people per box (performance up, potential right), each cell
//! named by its box; the page maps a clicked cell back to its box with [`nine_box_cells`].

use crate::domain::skp::Rating;
use crate::domain::talent::{PotentialBand, nine_box};
use crate::i18n::{Lang, T, potential_name, rating_name};
use charming::Chart;
use charming::component::Legend;
use charming::component::{Axis, Grid, VisualMap};
use charming::datatype::DataPoint;
use charming::element::LabelPosition;
use charming::element::{AxisType, Label, Orient, Tooltip, Trigger};
use charming::series::{Bar, Heatmap};

const PERFORMANCE: [Rating; 3] = [Rating::Below, Rating::Meets, Rating::Above];

/// The boxes in the order of the chart's data: potential (x) within performance (y), from the bottom left.
pub fn nine_box_cells() -> Vec<u8> {
    PERFORMANCE.iter().flat_map(|r| PotentialBand::ALL.iter().map(move |p| nine_box(*r, *p))).collect()
}

/// Builds the chart from the people per box (`counts[0]` is box 1).
pub fn nine_box_chart(counts: &[u32], lang: Lang) -> Chart {
    let count = |n: u8| counts.get(usize::from(n.saturating_sub(1))).copied().unwrap_or(0);
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    // Each cell: [potential, performance, people, box]; the colour follows the people (dimension 2).
    let data: Vec<Vec<DataPoint>> = nine_box_cells()
        .into_iter()
        .enumerate()
        .map(|(i, n)| {
            let (x, y) = ((i % 3) as i64, (i / 3) as i64);
            vec![x.into(), y.into(), i64::from(count(n)).into(), i64::from(n).into()]
        })
        .collect();
    let cell_label = format!("{}\n{{@[2]}}", lang.fill(T::TalentBox, &[("n", &"{@[3]}")]));
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .grid(Grid::new().left("2%").right("2%").top(10).bottom(60).contain_label(true))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .name(lang.t(T::TalentPotential))
                .data(PotentialBand::ALL.iter().map(|p| lang.t(potential_name(*p)).to_string()).collect()),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .name(lang.t(T::TalentPerformance))
                .data(PERFORMANCE.iter().map(|r| lang.t(rating_name(*r)).to_string()).collect()),
        )
        .visual_map(
            VisualMap::new()
                .min(0)
                .max(f64::from(max))
                .calculable(false)
                .orient(Orient::Horizontal)
                .left("center")
                .bottom(0),
        )
        .series(
            Heatmap::new()
                .name(lang.t(T::TalentGridCaption))
                .label(Label::new().show(true).formatter(charming::element::Formatter::String(cell_label)))
                .data(data),
        )
}

/// A calibration session's distribution: people per box before and after, side by side for boxes 1–9.
pub fn calibration_chart(before: &[u32], after: &[u32], lang: Lang) -> Chart {
    let boxes: Vec<String> = (1..=9u8).map(|n| lang.fill(T::TalentBox, &[("n", &n)])).collect();
    let values = |v: &[u32]| (0..9).map(|i| i64::from(v.get(i).copied().unwrap_or(0))).collect::<Vec<i64>>();
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0))
        .grid(Grid::new().left("2%").right("2%").top(40).bottom(10).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Category).data(boxes))
        .y_axis(Axis::new().type_(AxisType::Value).min_interval(1))
        .series(
            Bar::new()
                .name(lang.t(T::CalibrationBefore))
                .data(values(before))
                .label(Label::new().show(true).position(LabelPosition::Top)),
        )
        .series(
            Bar::new()
                .name(lang.t(T::CalibrationAfter))
                .data(values(after))
                .label(Label::new().show(true).position(LabelPosition::Top)),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_box_is_one_cell_where_the_regulation_puts_it() {
        let cells = nine_box_cells();
        assert_eq!(cells, [1, 3, 6, 2, 5, 8, 4, 7, 9]);
        let counts: Vec<u32> = (1..=9).collect();
        let json = nine_box_chart(&counts, Lang::Id).to_string();
        let compact: String = json.split_whitespace().collect();
        assert!(json.contains("\"heatmap\"") && json.contains("Kotak {@[3]}"), "{json}");
        assert!(compact.contains("[2,2,9,9]") && compact.contains("[0,0,1,1]"), "box 9 top right, box 1 bottom left");
    }

    #[test]
    fn a_calibration_chart_has_both_distributions_in_box_order() {
        let before = [0, 1, 2, 3, 4, 5, 6, 7, 8];
        let after = [1, 1, 2, 3, 4, 5, 6, 7, 7];
        let json = calibration_chart(&before, &after, Lang::En).to_string();
        let compact: String = json.split_whitespace().collect();
        assert!(compact.contains("[0,1,2,3,4,5,6,7,8]") && compact.contains("[1,1,2,3,4,5,6,7,7]"), "{json}");
        assert!(json.contains("Before") && json.contains("After") && json.contains("Box 9"), "{json}");
    }
}
