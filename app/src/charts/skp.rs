//! The distribution of employee predikat in a unit: one bar per predikat (share of those rated), best first.

use crate::domain::feedback::round2;
use crate::domain::skp::{Distribution, Predikat};
use crate::i18n::{Lang, T, predikat_name};
use charming::Chart;
use charming::component::{Axis, Grid, Title};
use charming::element::{AxisType, Label, LabelPosition, Tooltip, Trigger};
use charming::series::Bar;

/// Builds the chart: the share of each predikat among those rated, in percent.
pub fn curve_chart(d: &Distribution, lang: Lang) -> Chart {
    let names: Vec<String> = Predikat::ALL.iter().map(|p| lang.t(predikat_name(*p)).to_string()).collect();
    let values: Vec<f64> = Predikat::ALL.iter().map(|p| round2(d.percent(*p))).collect();
    Chart::new()
        .title(Title::new().text(lang.t(T::SkpCurve)).left("center"))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(Grid::new().left("2%").right("8%").top(40).bottom(30).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Category).data(names))
        .y_axis(Axis::new().type_(AxisType::Value).min(0).max(100))
        .series(
            Bar::new()
                .name(lang.t(T::SkpShare))
                .data(values)
                .label(Label::new().show(true).position(LabelPosition::Top)),
        )
}

/// A text summary for screen readers: "Sangat Baik 10%, Baik 60%, …".
pub fn curve_summary(d: &Distribution, lang: Lang) -> String {
    Predikat::ALL
        .iter()
        .map(|p| format!("{} {}%", lang.t(predikat_name(*p)), round2(d.percent(*p))))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_lists_every_predikat_with_its_share() {
        let d = Distribution::of([Predikat::Baik, Predikat::Baik, Predikat::Kurang, Predikat::SangatBaik]);
        assert_eq!(
            curve_summary(&d, Lang::Id),
            "Sangat Baik 25%, Baik 50%, Butuh Perbaikan 0%, Kurang/Misconduct 25%, Sangat Kurang 0%"
        );
        let json = curve_chart(&d, Lang::En).to_string();
        assert!(json.contains("\"Very good\"") && json.contains("50.0"), "{json}");
    }
}
