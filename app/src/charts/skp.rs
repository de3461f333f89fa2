//! Work-plan charts: the distribution of employee predikat in a unit (one bar per predikat, share of those rated)
//! and the cascade of results as a tree.

use crate::domain::feedback::round2;
use crate::domain::skp::{CascadeRow, Distribution, Predikat};
use crate::i18n::{Lang, T, predikat_name};
use charming::Chart;
use charming::component::{Axis, Grid, Title};
use charming::element::{AxisType, Label, LabelAlign, LabelPosition, LabelVerticalAlign, Tooltip, Trigger};
use charming::series::{Bar, Tree, TreeLayout, TreeLeaves, TreeNode, TreeOrient};

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

/// The cascade as a tree: the supervisor, their results, and the team's results that support each one (a result
/// nobody supports is marked).
pub fn cascade_chart(owner: &str, rows: &[CascadeRow], lang: Lang) -> Chart {
    let short = |s: &str| {
        if s.chars().count() > 40 { format!("{}…", s.chars().take(39).collect::<String>()) } else { s.to_string() }
    };
    let children: Vec<TreeNode> = rows
        .iter()
        .map(|r| {
            let kids: Vec<TreeNode> = r
                .supporters
                .iter()
                .map(|s| TreeNode {
                    name: Some(format!("{}: {}", s.name, short(&s.text))),
                    value: None,
                    collapsed: None,
                    children: None,
                })
                .collect();
            let name = if kids.is_empty() { format!("⚠ {}", short(&r.text)) } else { short(&r.text) };
            TreeNode {
                name: Some(name),
                value: Some(kids.len() as f64),
                collapsed: Some(false),
                children: (!kids.is_empty()).then_some(kids),
            }
        })
        .collect();
    let root =
        TreeNode { name: Some(owner.to_string()), value: None, collapsed: Some(false), children: Some(children) };
    Chart::new()
        .title(Title::new().text(lang.t(T::SkpCascade)).left("center"))
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .series(
            Tree::new()
                .layout(TreeLayout::Orthogonal)
                .orient(TreeOrient::LeftRight)
                .top("10%")
                .left("20%")
                .bottom("4%")
                .right("38%")
                .symbol_size(9.0)
                .roam(true)
                .label(
                    Label::new()
                        .font_size(12.0)
                        .position(LabelPosition::Left)
                        .vertical_align(LabelVerticalAlign::Middle)
                        .align(LabelAlign::Right),
                )
                .leaves(
                    TreeLeaves::new().label(
                        Label::new()
                            .position(LabelPosition::Right)
                            .vertical_align(LabelVerticalAlign::Middle)
                            .align(LabelAlign::Left),
                    ),
                )
                .data(vec![root]),
        )
}

/// A text summary of the cascade for screen readers.
pub fn cascade_summary(rows: &[CascadeRow], lang: Lang) -> String {
    let unsupported = rows.iter().filter(|r| r.supporters.is_empty()).count();
    lang.fill(T::SkpCascadeSummary, &[("rows", &rows.len()), ("unsupported", &unsupported)])
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
