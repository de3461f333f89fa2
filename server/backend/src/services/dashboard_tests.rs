//! Service tests of the dashboard against `mem://`: every panel's figures against a count made straight from the
//! stored records, on demo agencies of several sizes; who may see which unit; and small units' 360° figures
//! attacked by subtraction.

use crate::db::Db;
use crate::error::ServiceError;
use crate::services::auth::Viewer;
use crate::services::dashboard::dashboard_page;
use crate::services::org::units_below;
use crate::services::test_support::{demo_agency, viewer};
use domain::Role;
use domain::dashboard::MIN_PEOPLE;
use domain::skp::Predikat;
use domain::view::{DashboardPage, DashboardQuery, DashboardRow};
use serde_json::json;
use std::collections::HashSet;

fn at(unit: Option<&str>) -> DashboardQuery {
    DashboardQuery { unit: unit.map(str::to_string), ..Default::default() }
}

/// What a unit's row must show, counted from the stored records with queries of its own.
#[derive(Debug, PartialEq)]
struct Counted {
    people: u32,
    approved: u32,
    predikat: Vec<u32>,
    jpm_people: u32,
    kinds: u32,
}

async fn count(db: &Db, units: &HashSet<String>, page: &DashboardPage) -> Counted {
    let units: Vec<String> = units.iter().cloned().collect();
    let people: Vec<String> = db
        .rows(
            "SELECT VALUE record::id(id) FROM employee WHERE active AND record::id(unit) IN $units;",
            json!({ "units": units }),
        )
        .await
        .unwrap();
    let approved: Vec<String> = db
        .rows(
            "SELECT VALUE record::id(employee) FROM skp WHERE year = $year AND status = 'approved'
               AND record::id(employee) IN $people
               AND version = math::max((SELECT VALUE version FROM skp WHERE employee = $parent.employee AND year = $year));",
            json!({ "year": page.query.year, "people": people }),
        )
        .await
        .unwrap();
    let rated: Vec<String> = db
        .rows(
            "SELECT VALUE predikat FROM skp_eval WHERE year = $year AND period = $period AND predikat != NONE
               AND record::id(employee) IN $people;",
            json!({ "year": page.query.year, "period": page.query.period, "people": people }),
        )
        .await
        .unwrap();
    let predikat = Predikat::ALL.iter().map(|p| rated.iter().filter(|r| *r == p.code()).count() as u32).collect();
    let reference = crate::services::report::reference(db).await.unwrap();
    let jpms = match page_round(db, page).await {
        Some(round) => crate::services::talent::round_jpms(db, &reference, &round, None).await.unwrap(),
        None => Default::default(),
    };
    let with_results: Vec<&String> = people.iter().filter(|n| jpms.contains_key(*n)).collect();
    Counted {
        people: people.len() as u32,
        approved: approved.into_iter().collect::<HashSet<_>>().len() as u32,
        predikat,
        jpm_people: with_results.len() as u32,
        kinds: people.len() as u32,
    }
}

async fn page_round(db: &Db, page: &DashboardPage) -> Option<String> {
    let name = page.round_name.clone()?;
    let keys: Vec<String> =
        db.rows("SELECT VALUE record::id(id) FROM round WHERE name = $n;", json!({ "n": name })).await.unwrap();
    keys.into_iter().next()
}

fn shown(row: &DashboardRow) -> Counted {
    let f = &row.figures;
    Counted {
        people: f.people,
        approved: f.approved(),
        predikat: f.predikat.clone(),
        // Everyone with results, counted here or with a unit above.
        jpm_people: f.results + row.not_counted,
        kinds: f.kinds.iter().sum(),
    }
}

/// Every unit's row equals the count from the stored records (its 360° part where shown), for the whole tree as
/// the head walks it.
async fn walk_and_compare(db: &Db, head: &Viewer) {
    let root = dashboard_page(db, head, &DashboardQuery::default()).await.unwrap();
    let active: u32 =
        db.rows::<u32>("SELECT VALUE count() FROM employee WHERE active GROUP ALL;", json!({})).await.unwrap()[0];
    assert_eq!(root.total.figures.people, active, "the agency is everyone active");
    assert_eq!(root.rows.iter().map(|r| r.figures.people).sum::<u32>(), active, "the top units add up to the agency");
    let mut queue: Vec<String> = root.rows.iter().filter_map(|r| r.unit.clone()).collect();
    let mut seen = 0;
    while let Some(unit) = queue.pop() {
        let page = dashboard_page(db, head, &at(Some(&unit))).await.unwrap();
        let units = units_below(db, std::slice::from_ref(&unit)).await.unwrap();
        let expected = count(db, &units, &page).await;
        let got = shown(&page.total);
        assert_eq!(got, expected, "unit {unit}");
        // The rows add up to the unit (the 360° part where nothing is withheld).
        let sum: u32 = page.rows.iter().map(|r| r.figures.people).sum();
        assert_eq!(sum, page.total.figures.people, "unit {unit}: rows add up");
        let rated: u32 = page.rows.iter().map(|r| r.figures.rated()).sum();
        assert_eq!(rated, page.total.figures.rated());
        // The rows' 360° figures partition the unit's: each result counted once, in one row.
        let results: u32 = page.rows.iter().map(|r| r.figures.results).sum();
        assert_eq!(results, page.total.figures.results, "unit {unit}");
        let jpm_people: u32 = page.rows.iter().map(|r| r.figures.jpm_people).sum();
        assert_eq!(jpm_people, page.total.figures.jpm_people);
        queue.extend(page.rows.iter().filter_map(|r| r.unit.clone()));
        seen += 1;
    }
    assert!(seen > 0);
}

#[tokio::test]
async fn every_unit_shows_what_its_stored_records_give_on_agencies_of_several_sizes() {
    for (size, seed) in [(60, 3), (120, 11)] {
        let (db, logins, _) = demo_agency(size, seed, true).await;
        let head = viewer(&logins["kepala"], vec![Role::Head]);
        walk_and_compare(&db, &head).await;
        // The 9-box counts equal the talent matrix's.
        let page = dashboard_page(&db, &head, &DashboardQuery::default()).await.unwrap();
        let talent = crate::services::talent::talent_page(&db, &head, &Default::default(), None).await.unwrap();
        assert_eq!(page.total.figures.boxes, talent.counts, "size {size}");
        assert_eq!(page.total.figures.unplaced, talent.missing_count);
    }
}

#[tokio::test]
async fn a_supervisor_sees_their_subtree_and_nothing_outside_it() {
    let (db, logins, _) = demo_agency(60, 5, true).await;
    let atasan = viewer(&logins["atasan"], vec![Role::Supervisor]);
    let page = dashboard_page(&db, &atasan, &DashboardQuery::default()).await.unwrap();
    let below = crate::repo::org::subtree(&db, &logins["atasan"]).await.unwrap();
    assert_eq!(page.total.figures.people, below.len() as u32 + 1, "their subtree and themselves");
    assert!(page.units.iter().all(|(k, _, _)| !k.is_empty()));
    // Every unit offered is theirs; a unit elsewhere is refused, through the page and thus every export.
    let head = viewer(&logins["kepala"], vec![Role::Head]);
    let everything = dashboard_page(&db, &head, &DashboardQuery::default()).await.unwrap();
    let theirs: HashSet<String> = page.units.iter().map(|u| u.0.clone()).collect();
    let outside = everything.units.iter().find(|u| !theirs.contains(&u.0)).expect("the agency has other units");
    assert!(matches!(dashboard_page(&db, &atasan, &at(Some(&outside.0))).await, Err(ServiceError::Forbidden)));
    for (unit, _, _) in &page.units {
        let sub = dashboard_page(&db, &atasan, &at(Some(unit))).await.unwrap();
        assert!(sub.total.figures.people <= page.total.figures.people);
    }
    // Nobody outside the subtree is listed as late.
    let mine: HashSet<String> = below.into_iter().chain([logins["atasan"].clone()]).collect();
    assert!(page.late_plans.iter().chain(&page.late_raters).all(|p| mine.contains(&p.nip)));
    // A plain employee has no dashboard; an unknown unit is not found.
    let pegawai = viewer(&logins["pegawai"], vec![]);
    assert!(matches!(dashboard_page(&db, &pegawai, &DashboardQuery::default()).await, Err(ServiceError::Forbidden)));
    assert!(matches!(dashboard_page(&db, &head, &at(Some("no-such-unit"))).await, Err(ServiceError::NotFound)));
    let bad_period = DashboardQuery { year: Some(1999), period: Some(1), ..Default::default() };
    assert!(matches!(dashboard_page(&db, &head, &bad_period).await, Err(ServiceError::NotFound)));
}

/// The attack: everything the head can read of 360° figures, unit by unit, must never pin down a set of fewer
/// than the threshold — neither shown directly nor as a whole minus the parts shown.
#[tokio::test]
async fn small_units_360_figures_cannot_be_read_or_recovered_by_subtraction() {
    let (db, logins, _) = demo_agency(70, 9, true).await;
    let head = viewer(&logins["kepala"], vec![Role::Head]);
    // Make small units: move two people with results into a new unit of their own under the first top unit.
    let root = dashboard_page(&db, &head, &DashboardQuery::default()).await.unwrap();
    let parent = root.rows.iter().find_map(|r| r.unit.clone()).unwrap();
    let with_results: Vec<String> = db
        .rows(
            "SELECT VALUE record::id(employee) FROM round_result WHERE round = type::record('round', $r)
               AND employee.active AND record::id(employee.unit) IN $units LIMIT 2;",
            json!({ "r": page_round(&db, &root).await, "units": units_below(&db, std::slice::from_ref(&parent)).await.unwrap() }),
        )
        .await
        .unwrap();
    assert_eq!(with_results.len(), 2);
    db.run(
        "CREATE unit:tiny SET name = 'Unit Kecil', kind = 'tim', parent = type::record('unit', $p),
             depth = type::record('unit', $p).depth + 1;
         FOR $n IN $people { UPDATE type::record('employee', $n) SET unit = unit:tiny; };",
        json!({ "p": parent, "people": with_results }),
    )
    .await
    .unwrap();
    let mut queue: Vec<Option<String>> = vec![None];
    let mut saw_withheld = false;
    while let Some(unit) = queue.pop() {
        let page = dashboard_page(&db, &head, &at(unit.as_deref())).await.unwrap();
        // Every 360° figure the head can read covers none or at least the threshold, and so does every difference of
        // a unit's figure and the figures of the rows below it: the rows partition it, each row at least the
        // threshold or empty.
        for r in std::iter::once(&page.total).chain(&page.rows) {
            let n = r.figures.results;
            assert!(n == 0 || n >= MIN_PEOPLE, "a figure of {n} people is shown");
            // Each part on its own too: the JPM and every competency's scores.
            let j = r.figures.jpm_people;
            assert!(j == 0 || j >= MIN_PEOPLE, "a JPM figure of {j} people is shown");
            assert!(r.figures.scores.iter().all(|s| s.people == 0 || s.people >= MIN_PEOPLE));
            if r.withheld {
                assert!(r.figures.scores.iter().all(|s| s.people == 0) && r.figures.jpm_mean().is_none());
            }
        }
        let sum: u32 = page.rows.iter().map(|r| r.figures.results).sum();
        assert_eq!(sum, page.total.figures.results, "the rows partition the whole");
        let jpm: u32 = page.rows.iter().map(|r| r.figures.jpm_people).sum();
        assert_eq!(jpm, page.total.figures.jpm_people);
        for c in 0..page.competencies.len() {
            let sum: u32 = page.rows.iter().map(|r| r.figures.scores[c].people).sum();
            assert_eq!(sum, page.total.figures.scores[c].people, "competency {c}");
        }
        saw_withheld |= page.rows.iter().any(|r| r.withheld);
        queue.extend(page.rows.iter().filter_map(|r| r.unit.clone()).map(Some));
    }
    assert!(saw_withheld, "the tiny unit is withheld");
    let above = dashboard_page(&db, &head, &at(Some(&parent))).await.unwrap();
    let row = above.rows.iter().find(|r| r.unit.as_deref() == Some("tiny")).expect("the tiny unit is listed");
    assert!(row.withheld && row.not_counted == 2 && row.figures.people == 2);
    let direct = above.rows.iter().find(|r| r.unit.is_none()).expect("its two are counted with the unit above");
    assert!(direct.merged_in >= 2 && direct.figures.results >= MIN_PEOPLE);
    let tiny = dashboard_page(&db, &head, &at(Some("tiny"))).await.unwrap();
    assert!(tiny.total.withheld && tiny.total.figures.jpm_mean().is_none() && tiny.needs.is_empty());
    assert_eq!(tiny.total.figures.people, 2, "headcount is not a 360° figure");
    assert!(tiny.trend_rounds.iter().all(|t| t.jpm_mean.is_none()));
}

#[tokio::test]
async fn the_base_follows_a_move_and_the_live_figures_follow_a_decision() {
    let (db, logins, _) = demo_agency(50, 4, true).await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let root = dashboard_page(&db, &hr, &DashboardQuery::default()).await.unwrap();
    let (a, b) = (root.rows[0].unit.clone().unwrap(), root.rows[1].unit.clone().unwrap());
    let before_a = dashboard_page(&db, &hr, &at(Some(&a))).await.unwrap().total.figures.people;
    let before_b = dashboard_page(&db, &hr, &at(Some(&b))).await.unwrap().total.figures.people;
    let mover: String = db
        .rows::<String>(
            "SELECT VALUE record::id(id) FROM employee WHERE active AND record::id(unit) IN $u LIMIT 1;",
            json!({ "u": units_below(&db, std::slice::from_ref(&a)).await.unwrap() }),
        )
        .await
        .unwrap()
        .remove(0);
    db.run("UPDATE type::record('employee', $n) SET unit = type::record('unit', $b);", json!({ "n": mover, "b": b }))
        .await
        .unwrap();
    assert_eq!(dashboard_page(&db, &hr, &at(Some(&a))).await.unwrap().total.figures.people, before_a - 1);
    assert_eq!(dashboard_page(&db, &hr, &at(Some(&b))).await.unwrap().total.figures.people, before_b + 1);
    // Work-plan states are read per request: a new draft version of an approved plan counts at once.
    let approved = root.total.figures.approved();
    assert!(approved > 0, "the demo has approved plans");
    db.run(
        "LET $p = (SELECT employee, version FROM skp WHERE year = $y AND status = 'approved' ORDER BY version DESC LIMIT 1)[0];
         CREATE skp SET employee = $p.employee, year = $y, version = $p.version + 100, status = 'draft', doc = '{}';",
        json!({ "y": root.query.year }),
    )
    .await
    .unwrap();
    // Kept for a few seconds per instance; once they pass the change shows.
    let kept = dashboard_page(&db, &hr, &DashboardQuery::default()).await.unwrap();
    assert_eq!((kept.total.figures.approved(), kept.live_at.clone()), (approved, root.live_at.clone()));
    crate::services::dashboard::forget_live(&db);
    let now = dashboard_page(&db, &hr, &DashboardQuery::default()).await.unwrap();
    assert_eq!(now.total.figures.approved(), approved - 1);
    assert_eq!(now.late_plans_count, root.late_plans_count + 1);
}
