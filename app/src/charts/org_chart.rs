//! The organisation chart: a tree of units labelled with their head counts.

use crate::api::OrgTree;
use crate::i18n::{Lang, T};
use charming::Chart;
use charming::component::Title;
use charming::element::{Label, Tooltip, Trigger};
use charming::series::{Tree, TreeLayout, TreeNode, TreeOrient};
use std::collections::HashMap;

/// Builds the org chart. Units deeper than `open_depth` start collapsed (click to expand).
pub fn org_chart(tree: &OrgTree, lang: Lang, open_depth: u32) -> Chart {
    let mut children: HashMap<Option<&str>, Vec<usize>> = HashMap::new();
    for (i, u) in tree.units.iter().enumerate() {
        children.entry(u.parent.as_deref()).or_default().push(i);
    }
    fn node(tree: &OrgTree, i: usize, children: &HashMap<Option<&str>, Vec<usize>>, open_depth: u32) -> TreeNode {
        let u = &tree.units[i];
        let kids: Vec<TreeNode> = children
            .get(&Some(u.key.as_str()))
            .map(|c| c.iter().map(|&j| node(tree, j, children, open_depth)).collect())
            .unwrap_or_default();
        TreeNode {
            name: Some(format!("{} ({})", u.name, u.total_count)),
            value: Some(u.total_count as f64),
            collapsed: Some(u.depth >= open_depth && !kids.is_empty()),
            children: (!kids.is_empty()).then_some(kids),
        }
    }
    let roots: Vec<TreeNode> = children
        .get(&None)
        .map(|r| r.iter().map(|&i| node(tree, i, &children, open_depth)).collect())
        .unwrap_or_default();
    let title = lang.t(T::ChartOrg);
    Chart::new().title(Title::new().text(title).left("center")).tooltip(Tooltip::new().trigger(Trigger::Item)).series(
        Tree::new()
            .layout(TreeLayout::Orthogonal)
            .orient(TreeOrient::LeftRight)
            .top("12%")
            .left("22%")
            .bottom("4%")
            .right("26%")
            .symbol_size(9.0)
            .roam(true)
            .expand_and_collapse(true)
            .label(Label::new().font_size(12.0))
            .data(roots),
    )
}

/// A one-line text summary of the chart for screen readers.
pub fn org_chart_summary(tree: &OrgTree, lang: Lang) -> String {
    let total: u64 = tree.units.iter().filter(|u| u.parent.is_none()).map(|u| u.total_count).sum();
    let top: Vec<String> =
        tree.units.iter().filter(|u| u.depth == 2).map(|u| format!("{} {}", u.name, u.total_count)).collect();
    lang.fill(T::OrgSummary, &[("units", &tree.units.len()), ("people", &total), ("top", &top.join("; "))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::UnitNode;

    fn unit(key: &str, parent: Option<&str>, depth: u32, total: u64) -> UnitNode {
        UnitNode {
            key: key.into(),
            name: key.to_uppercase(),
            kind: "bidang".into(),
            parent: parent.map(Into::into),
            depth,
            leader_nip: None,
            leader_name: None,
            direct_count: 1,
            total_count: total,
        }
    }

    fn sample() -> OrgTree {
        OrgTree {
            agency: "BKPSDM".into(),
            units: vec![
                unit("root", None, 1, 10),
                unit("a", Some("root"), 2, 6),
                unit("a1", Some("a"), 3, 4),
                unit("b", Some("root"), 2, 3),
            ],
        }
    }

    #[test]
    fn the_tree_nests_units_and_labels_head_counts() {
        let json = org_chart(&sample(), Lang::Id, 3).to_string();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let root = &v["series"][0]["data"][0];
        assert_eq!(root["name"], "ROOT (10)");
        assert_eq!(root["children"][0]["name"], "A (6)");
        assert_eq!(root["children"][0]["children"][0]["name"], "A1 (4)");
        assert_eq!(root["children"][1]["name"], "B (3)");
        assert_eq!(v["series"][0]["type"], "tree");
    }

    #[test]
    fn deep_units_with_children_start_collapsed() {
        let json = org_chart(&sample(), Lang::En, 2).to_string();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let a = &v["series"][0]["data"][0]["children"][0];
        assert_eq!(a["collapsed"], true);
        assert_eq!(v["series"][0]["data"][0]["collapsed"], false);
        assert_eq!(a["children"][0]["collapsed"], false);
    }

    #[test]
    fn the_summary_counts_units_and_people() {
        assert!(org_chart_summary(&sample(), Lang::Id).starts_with("4 unit, 10 pegawai aktif. A 6; B 3"));
    }
}
