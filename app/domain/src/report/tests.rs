use super::*;
use crate::feedback::{Withheld, aggregate};
use crate::plan::*;
use crate::training::*;
use proptest::prelude::*;

fn shown(group: RaterGroup, mean: f64, count: u32) -> GroupScore {
    GroupScore { group, count, mean: Some(mean), withheld: None }
}

fn withheld(group: RaterGroup, count: u32) -> GroupScore {
    GroupScore { group, count, mean: None, withheld: Some(Withheld::TooFewRaters { count, needed: 3 }) }
}

fn training(key: &str, comps: &[&str], min: u8, max: u8, jp: u32, cost: u64) -> TrainingFit {
    TrainingFit {
        key: key.into(),
        competencies: comps.iter().map(|c| c.to_string()).collect(),
        level_min: min,
        level_max: max,
        jp,
        cost,
    }
}

fn need(c: &str, score: f64, required: u8) -> Need {
    Need { competency: c.into(), score, required }
}

#[test]
fn self_is_shown_but_not_counted_by_default() {
    let groups = [
        shown(RaterGroup::SelfRating, 5.0, 1),
        shown(RaterGroup::Supervisor, 3.0, 1),
        shown(RaterGroup::Peer, 2.0, 4),
        withheld(RaterGroup::Subordinate, 2),
    ];
    let c = combine(&groups, &Weights::default()).unwrap();
    // (3·40 + 2·30) / 70
    assert!((c.score - 180.0 / 70.0).abs() < 1e-9);
    assert_eq!(c.parts.iter().map(|p| p.group).collect::<Vec<_>>(), vec![RaterGroup::Supervisor, RaterGroup::Peer]);
    assert_eq!(combine(&groups[..1], &Weights::default()), None);
    let w = Weights { self_rating: 10, ..Weights::default() };
    assert!(combine(&groups[..1], &w).is_some());
}

#[test]
fn jpm_sums_levels_and_caps_when_asked() {
    let j = jpm(&[(Some(3.0), 3), (Some(2.0), 3), (None, 3), (Some(5.0), 0)], true).unwrap();
    assert!((j.percent - 5.0 / 6.0 * 100.0).abs() < 1e-9);
    assert_eq!((j.counted, j.unscored), (2, 1));
    let over = jpm(&[(Some(4.0), 3)], true).unwrap();
    assert_eq!(over.percent, 100.0);
    assert!((over.raw - 133.333).abs() < 0.01);
    assert!((jpm(&[(Some(4.0), 3)], false).unwrap().percent - 133.333).abs() < 0.01);
    assert_eq!(jpm(&[(None, 3)], true), None);
}

#[test]
fn categories_follow_both_profiles() {
    let s = JpmSettings::default();
    assert_eq!(band(80.0, s.bands(JpmProfile::Selection)), JpmBand::High);
    assert_eq!(band(79.99, s.bands(JpmProfile::Selection)), JpmBand::Middle);
    assert_eq!(band(68.0, s.bands(JpmProfile::Selection)), JpmBand::Middle);
    assert_eq!(band(67.9, s.bands(JpmProfile::Selection)), JpmBand::Low);
    assert_eq!(band(90.0, s.bands(JpmProfile::Mapping)), JpmBand::High);
    assert_eq!(band(85.0, s.bands(JpmProfile::Mapping)), JpmBand::Middle);
    assert_eq!(band(77.0, s.bands(JpmProfile::Mapping)), JpmBand::Low);
    assert!(s.is_valid());
    assert!(!JpmSettings { selection: (60.0, 70.0), ..s }.is_valid());
}

#[test]
fn blind_spots_need_more_than_a_third_of_the_range() {
    assert_eq!(perception(Some(4.5), Some(3.0)), Some(Perception::BlindSpot));
    assert_eq!(perception(Some(4.0), Some(3.0)), None);
    assert_eq!(perception(Some(2.0), Some(3.5)), Some(Perception::HiddenStrength));
    assert_eq!(perception(None, Some(1.0)), None);
    assert_eq!(perception(Some(5.0), None), None);
}

#[test]
fn strongest_and_weakest_do_not_overlap() {
    let (s, w) = strongest_weakest(&[(0, 3.0), (1, 4.5), (2, 1.5), (3, 2.0), (4, 4.5)], 3);
    assert_eq!(s, vec![(1, 4.5), (4, 4.5)]);
    assert_eq!(w, vec![(2, 1.5), (3, 2.0)]);
}

#[test]
fn recommendations_rank_by_gap_closed_then_length() {
    let needs = vec![need("M.01", 2.0, 3), need("M.03", 1.5, 3)];
    let catalog = vec![
        training("short", &["M.01"], 2, 3, 8, 100),
        training("long", &["M.01"], 2, 3, 40, 100),
        training("both", &["M.01", "M.03"], 2, 3, 40, 100),
        training("advanced", &["M.03"], 4, 5, 8, 100),
        training("other", &["M.05"], 1, 5, 8, 100),
    ];
    let r = recommend(&needs, &catalog);
    let keys: Vec<&str> = r.iter().map(|r| r.training.as_str()).collect();
    assert_eq!(keys, vec!["both", "short", "long"]);
    assert!((r[0].closes - 2.5).abs() < 1e-9);
    assert_eq!(r[0].parts[1], ("M.03".to_string(), -1.5, 1.5));
    // A training for levels 4–5 does not suit someone at 1.5.
    assert!(!suits(&catalog[3], &needs[1]));
    // Closing stops at the required level.
    assert_eq!(closes(&training("x", &["M.01"], 1, 5, 1, 1), &need("M.01", 2.0, 3)), 1.0);
}

#[test]
fn a_target_position_raises_managerial_requirements_only() {
    use crate::CompetencyKind::*;
    assert_eq!(target_required(1, Managerial, Some(3)), 3);
    assert_eq!(target_required(4, Sociocultural, Some(3)), 4);
    assert_eq!(target_required(1, Technical, Some(3)), 1);
    assert_eq!(target_required(2, Managerial, None), 2);
}

#[test]
fn needs_are_only_gaps_below_the_standard() {
    let n = needs(&[
        ("A".into(), Some(2.0), 3),
        ("B".into(), Some(4.0), 3),
        ("C".into(), None, 3),
        ("D".into(), Some(1.0), 0),
    ]);
    assert_eq!(n, vec![need("A", 2.0, 3)]);
}

#[test]
fn the_budget_plan_prefers_gap_per_rupiah_and_does_not_count_a_gap_twice() {
    let people = vec![vec![need("A", 2.0, 4)], vec![need("A", 3.0, 4)], vec![need("B", 1.0, 2)]];
    let catalog = vec![
        training("cheap", &["A"], 2, 4, 8, 1_000_000),
        training("pricey", &["A"], 2, 4, 8, 5_000_000),
        training("b", &["B"], 1, 2, 8, 2_000_000),
    ];
    let plan = budget_plan(&people, &catalog, Budget::Rupiah(3_000_000));
    assert_eq!(plan.spent, 2_000_000);
    // person 0 via "cheap" (2 points per 1M), then person 1 via "cheap" (1 point per 1M) → 3 points; "b" would give
    // 1 point for 2M and does not fit after the first two.
    assert_eq!(plan.rows.len(), 1);
    assert_eq!(plan.rows[0].training, "cheap");
    assert_eq!(plan.rows[0].people, vec![0, 1]);
    assert!((plan.gap_closed - 3.0).abs() < 1e-9);
    assert!((plan.total_gap - 4.0).abs() < 1e-9);
    // "pricey" would close nothing more for people already sent to "cheap".
    let big = budget_plan(&people, &catalog, Budget::Rupiah(100_000_000));
    assert!((big.gap_closed - 4.0).abs() < 1e-9);
    assert!(big.rows.iter().all(|r| r.training != "pricey"));
    let jp = budget_plan(&people, &catalog, Budget::Jp(8));
    assert_eq!(jp.rows[0].people, vec![0]);
    assert_eq!(jp.left_out, 2);
}

#[test]
fn plan_progress_counts_done_and_half_of_in_progress() {
    assert_eq!(plan_progress(&[]), 0.0);
    assert_eq!(plan_progress(&[PlanStatus::Done, PlanStatus::InProgress, PlanStatus::Planned, PlanStatus::Done]), 62.5);
    for s in PlanStatus::ALL {
        assert_eq!(PlanStatus::from_code(s.code()), Some(s));
    }
}

fn group() -> impl Strategy<Value = RaterGroup> {
    prop::sample::select(RaterGroup::ALL.to_vec())
}

proptest! {
    #[test]
    fn jpm_is_monotone_in_every_score(
        levels in prop::collection::vec((1.0f64..=5.0, 1u8..=5), 1..10),
        which in 0usize..10,
        bump in 0.0f64..2.0,
        cap in any::<bool>(),
    ) {
        let which = which % levels.len();
        let before: Vec<(Option<f64>, u8)> = levels.iter().map(|(s, r)| (Some(*s), *r)).collect();
        let mut after = before.clone();
        after[which].0 = after[which].0.map(|s| (s + bump).min(5.0));
        let a = jpm(&before, cap).unwrap().percent;
        let b = jpm(&after, cap).unwrap().percent;
        prop_assert!(b >= a - 1e-9);
    }

    #[test]
    fn withheld_groups_never_change_the_combined_inputs(
        scores in prop::collection::vec((group(), prop::option::of(1.0f64..=5.0)), 0..30),
        extra in prop::collection::vec(1.0f64..=5.0, 1..3),
        threshold in 3u32..6,
    ) {
        // Adding raters to a group that stays withheld changes nothing in the combined score.
        let base = aggregate(threshold, &scores);
        let peer_count = base[2].count;
        prop_assume!(base[2].withheld.is_some() && peer_count + (extra.len() as u32) < threshold);
        let mut more = scores.clone();
        more.extend(extra.iter().map(|s| (RaterGroup::Peer, Some(*s))));
        let after = aggregate(threshold, &more);
        let w = Weights::default();
        prop_assert_eq!(combine(&base, &w), combine(&after, &w));
        if let Some(c) = combine(&after, &w) {
            prop_assert!(c.parts.iter().all(|p| p.group != RaterGroup::Peer));
        }
    }

    #[test]
    fn the_combined_score_stays_on_the_scale(
        scores in prop::collection::vec((group(), prop::option::of(1.0f64..=5.0)), 0..30),
        w in (0u32..=100, 0u32..=100, 0u32..=100, 0u32..=100),
    ) {
        let weights = Weights { self_rating: w.0, supervisor: w.1, peer: w.2, subordinate: w.3 };
        if let Some(c) = combine(&aggregate(3, &scores), &weights) {
            prop_assert!((1.0 - 1e-9..=5.0 + 1e-9).contains(&c.score));
        }
    }

    #[test]
    fn the_budget_is_never_exceeded_and_more_budget_never_closes_less_with_one_training(
        scores in prop::collection::vec((1.0f64..4.0, 2u8..=5), 1..30),
        budget in 0u64..20,
    ) {
        let people: Vec<Vec<Need>> = scores.iter().map(|(s, r)| needs(&[("A".into(), Some(*s), *r)])).collect();
        let catalog = vec![training("t", &["A"], 1, 5, 8, 1)];
        let small = budget_plan(&people, &catalog, Budget::Rupiah(budget));
        let large = budget_plan(&people, &catalog, Budget::Rupiah(budget + 5));
        prop_assert!(small.spent <= budget);
        prop_assert!(large.gap_closed >= small.gap_closed - 1e-9);
        prop_assert!(small.gap_closed <= small.total_gap + 1e-9);
    }
}
