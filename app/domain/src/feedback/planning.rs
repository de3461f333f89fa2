//! Who rates whom in a round, planned from the reporting lines: the pure part of opening a round.

use super::RaterGroup;
use std::collections::HashMap;

/// The reporting lines as the planner reads them (the backend's hierarchy snapshot implements this).
pub trait ReportingLines {
    /// The direct supervisor of `nip`, if any.
    fn supervisor(&self, nip: &str) -> Option<&str>;
    /// The direct reports of `nip`.
    fn direct_reports(&self, nip: &str) -> &[String];
}

/// One planned assignment: `rater` assesses `ratee` as a member of `group`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedAssignment {
    pub rater: String,
    pub ratee: String,
    pub group: RaterGroup,
    /// The rater's unit when the round opened (progress per unit is counted by it).
    pub rater_unit: String,
}

/// Plans the assignments of a round: for every active ratee in scope (`people` maps each active person to their
/// unit), themselves, their supervisor, each direct report, and up to `max_peers` colleagues with the same
/// supervisor (chosen round-robin, so that everyone rates and is rated by about the same number of peers).
pub fn plan_assignments(
    lines: &impl ReportingLines,
    people: &HashMap<String, String>,
    in_scope: impl Fn(&str) -> bool,
    max_peers: usize,
) -> Vec<PlannedAssignment> {
    let mut ratees: Vec<&String> = people.keys().filter(|n| in_scope(n)).collect();
    ratees.sort();
    let unit = |nip: &str| people.get(nip).cloned().unwrap_or_default();
    let planned = |rater: &str, ratee: &str, group| PlannedAssignment {
        rater: rater.to_string(),
        ratee: ratee.to_string(),
        group,
        rater_unit: unit(rater),
    };
    let mut out = Vec::with_capacity(ratees.len() * (3 + max_peers));
    for ratee in ratees {
        out.push(planned(ratee, ratee, RaterGroup::SelfRating));
        if let Some(s) = lines.supervisor(ratee).filter(|s| people.contains_key(*s)) {
            out.push(planned(s, ratee, RaterGroup::Supervisor));
            let mut siblings: Vec<&String> =
                lines.direct_reports(s).iter().filter(|p| people.contains_key(*p)).collect();
            siblings.sort();
            if let Some(at) = siblings.iter().position(|p| *p == ratee) {
                let n = siblings.len();
                for step in 1..n.min(max_peers + 1) {
                    out.push(planned(siblings[(at + step) % n], ratee, RaterGroup::Peer));
                }
            }
        }
        for r in lines.direct_reports(ratee).iter().filter(|r| people.contains_key(*r)) {
            out.push(planned(r, ratee, RaterGroup::Subordinate));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reporting lines from `(employee, supervisor)` pairs.
    struct Lines(HashMap<String, String>, HashMap<String, Vec<String>>);

    impl Lines {
        fn new(edges: &[(&str, &str)]) -> Self {
            let mut up = HashMap::new();
            let mut down: HashMap<String, Vec<String>> = HashMap::new();
            for (e, s) in edges {
                up.insert(e.to_string(), s.to_string());
                down.entry(s.to_string()).or_default().push(e.to_string());
            }
            Lines(up, down)
        }
    }

    impl ReportingLines for Lines {
        fn supervisor(&self, nip: &str) -> Option<&str> {
            self.0.get(nip).map(String::as_str)
        }
        fn direct_reports(&self, nip: &str) -> &[String] {
            self.1.get(nip).map(Vec::as_slice).unwrap_or(&[])
        }
    }

    #[test]
    fn peers_are_colleagues_with_the_same_supervisor_round_robin() {
        let lines = Lines::new(&[("b", "a"), ("c", "a"), ("d", "a"), ("e", "a"), ("f", "b")]);
        let people: HashMap<String, String> =
            ["a", "b", "c", "d", "e", "f"].iter().map(|n| (n.to_string(), "u".into())).collect();
        let plan = plan_assignments(&lines, &people, |_| true, 2);
        let of = |ratee: &str, group: RaterGroup| {
            let mut v: Vec<String> =
                plan.iter().filter(|a| a.ratee == ratee && a.group == group).map(|a| a.rater.clone()).collect();
            v.sort();
            v
        };
        assert_eq!(of("b", RaterGroup::SelfRating), ["b"]);
        assert_eq!(of("b", RaterGroup::Supervisor), ["a"]);
        assert_eq!(of("b", RaterGroup::Peer), ["c", "d"]);
        assert_eq!(of("e", RaterGroup::Peer), ["b", "c"]);
        assert_eq!(of("b", RaterGroup::Subordinate), ["f"]);
        assert_eq!(of("a", RaterGroup::Subordinate), ["b", "c", "d", "e"]);
        assert!(of("a", RaterGroup::Peer).is_empty() && of("a", RaterGroup::Supervisor).is_empty());
        // Everyone rates as many peers as they are rated by.
        for p in ["b", "c", "d", "e"] {
            assert_eq!(plan.iter().filter(|a| a.rater == p && a.group == RaterGroup::Peer).count(), 2);
        }
    }

    #[test]
    fn people_out_of_scope_are_not_rated_but_still_rate() {
        let lines = Lines::new(&[("b", "a"), ("c", "a")]);
        let people: HashMap<String, String> =
            ["a", "b", "c"].iter().map(|n| (n.to_string(), format!("u{n}"))).collect();
        let plan = plan_assignments(&lines, &people, |n| n == "b", 3);
        assert!(plan.iter().all(|a| a.ratee == "b"));
        let sup = plan.iter().find(|a| a.group == RaterGroup::Supervisor).unwrap();
        assert_eq!((sup.rater.as_str(), sup.rater_unit.as_str()), ("a", "ua"));
        assert_eq!(plan.iter().filter(|a| a.group == RaterGroup::Peer).count(), 1);
    }
}
