//! Service tests of work plans (SKP) against an embedded in-memory SurrealDB: the lifecycle with versions, links
//! to the supervisor's results, who may read and decide, and the plan following a hierarchy fix.

use crate::db::{Db, DbConfig, open};
use crate::error::ServiceError;
use crate::services::auth::Viewer;
use crate::services::{hr, seed, skp};
use domain::skp::{
    Aspect, Decision, Indicator, ObjectionState, OrgPredikat, PeriodScheme, PeriodState, Predikat, Rating, Ratings,
    ResultRow, RowKind, SkpDoc, SkpStatus, Target,
};
use domain::{Nip, Role, Roles};
use i18n::T;
use std::collections::HashMap;

const YEAR: i32 = 2026;

fn nip(text: &str) -> Nip {
    Nip::parse(text).unwrap()
}

fn viewer(nip: &str, roles: Vec<Role>) -> Viewer {
    Viewer { account: nip.into(), nip: nip.into(), name: nip.into(), username: None, roles: Roles::new(roles) }
}

/// The demo people: the employee, their supervisor, the supervisor's supervisor, HR and the head.
struct Cast {
    me: Viewer,
    boss: Viewer,
    above: Viewer,
    hr: Viewer,
    head: Viewer,
}

fn cast(logins: &HashMap<String, String>) -> Cast {
    Cast {
        me: viewer(&logins["pegawai"], vec![]),
        boss: viewer(&logins["atasan"], vec![Role::Supervisor]),
        above: viewer(&logins["pimpinan"], vec![Role::Supervisor]),
        hr: viewer(&logins["admin"], vec![Role::HrAdmin]),
        head: viewer(&logins["kepala"], vec![Role::Head]),
    }
}

async fn seeded() -> (Db, HashMap<String, String>) {
    let db = open(&DbConfig::memory()).await.unwrap();
    let report = seed::seed(&db, 60, 5).await.unwrap();
    (db, report.demo_logins.into_iter().collect())
}

fn row(key: &str, kind: RowKind, supports: Option<&str>) -> ResultRow {
    ResultRow {
        key: key.into(),
        kind,
        text: format!("Hasil kerja {key}"),
        indicators: vec![Indicator {
            aspect: Aspect::Kuantitas,
            text: "Jumlah dokumen yang selesai".into(),
            target: Target::Number { value: 4.0, unit: "dokumen".into() },
        }],
        supports: supports.map(str::to_string),
    }
}

fn doc(rows: Vec<ResultRow>) -> SkpDoc {
    SkpDoc { v: 1, rows, expectations: vec![] }
}

#[tokio::test]
async fn a_plan_goes_from_draft_to_approved_and_a_later_change_is_a_new_version() {
    let (db, logins) = seeded().await;
    let me = viewer(&logins["pegawai"], vec![]);
    let boss = viewer(&logins["atasan"], vec![Role::Supervisor]);
    // The employee drafts before the supervisor has written anything; an incomplete draft is kept.
    assert_eq!(skp::save(&db, &me, YEAR, doc(vec![row("a", RowKind::Tambahan, None)])).await.unwrap(), 1);
    assert!(matches!(skp::submit(&db, &me, YEAR).await, Err(ServiceError::Invalid { text: T::SkpNoMainResult, .. })));
    skp::save(&db, &me, YEAR, doc(vec![row("a", RowKind::Utama, None), row("b", RowKind::Tambahan, None)]))
        .await
        .unwrap();
    skp::submit(&db, &me, YEAR).await.unwrap();
    // While submitted, the owner cannot change it and nobody else can decide it.
    assert!(matches!(
        skp::save(&db, &me, YEAR, doc(vec![row("a", RowKind::Utama, None)])).await,
        Err(ServiceError::Conflict(T::SkpAwaitingDecision))
    ));
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let owner = nip(&me.nip);
    assert!(matches!(skp::decide(&db, &hr, &owner, YEAR, true, "").await, Err(ServiceError::Forbidden)));
    assert!(matches!(skp::decide(&db, &me, &owner, YEAR, true, "").await, Err(ServiceError::Forbidden)));
    // Returning needs a reason; then the employee fixes and resubmits, and the supervisor approves.
    assert!(matches!(
        skp::decide(&db, &boss, &owner, YEAR, false, " ").await,
        Err(ServiceError::Invalid { text: T::SkpReturnNeedsComment, .. })
    ));
    let team = skp::skp_page(&db, &boss, &nip(&boss.nip), YEAR, None).await.unwrap().team;
    assert_eq!(team.iter().find(|t| t.nip == me.nip).map(|t| t.status), Some(Some(SkpStatus::Submitted)));
    assert!(team.iter().any(|t| t.status.is_none()), "colleagues without a plan are listed too");
    skp::decide(&db, &boss, &owner, YEAR, false, "Target kuantitas terlalu rendah").await.unwrap();
    let page = skp::skp_page(&db, &me, &owner, YEAR, None).await.unwrap();
    assert_eq!(page.versions[0].status, SkpStatus::Returned);
    assert_eq!(page.versions[0].comment, "Target kuantitas terlalu rendah");
    assert_eq!(skp::save(&db, &me, YEAR, doc(vec![row("a", RowKind::Utama, None)])).await.unwrap(), 1);
    skp::submit(&db, &me, YEAR).await.unwrap();
    skp::decide(&db, &boss, &owner, YEAR, true, "").await.unwrap();
    assert!(matches!(
        skp::decide(&db, &boss, &owner, YEAR, true, "").await,
        Err(ServiceError::Conflict(T::SkpNotSubmitted))
    ));
    // A change after approval is version 2; version 1 stays in force and readable as it was.
    assert_eq!(
        skp::save(&db, &me, YEAR, doc(vec![row("a", RowKind::Utama, None), row("c", RowKind::Utama, None)]))
            .await
            .unwrap(),
        2
    );
    let page = skp::skp_page(&db, &me, &owner, YEAR, None).await.unwrap();
    assert_eq!((page.in_force, page.shown, page.doc.rows.len()), (Some(1), Some(2), 2));
    let first = skp::skp_page(&db, &me, &owner, YEAR, Some(1)).await.unwrap();
    assert_eq!((first.doc.rows.len(), first.versions[0].status), (1, SkpStatus::Approved));
    let audit = crate::repo::audit::for_subject(&db, &format!("employee:{}", me.nip), 20).await.unwrap();
    assert!(audit.len() >= 8, "every step is audited: {}", audit.len());
}

#[tokio::test]
async fn rows_link_only_to_the_supervisors_results_and_bad_content_changes_nothing() {
    let (db, logins) = seeded().await;
    let me = viewer(&logins["pegawai"], vec![]);
    let boss = viewer(&logins["atasan"], vec![Role::Supervisor]);
    skp::save(&db, &boss, YEAR, doc(vec![row("s1", RowKind::Utama, None)])).await.unwrap();
    assert!(matches!(
        skp::save(&db, &me, YEAR, doc(vec![row("a", RowKind::Utama, Some("tidak-ada"))])).await,
        Err(ServiceError::Invalid { field: "supports", .. })
    ));
    skp::save(&db, &me, YEAR, doc(vec![row("a", RowKind::Utama, Some("s1"))])).await.unwrap();
    let page = skp::skp_page(&db, &me, &nip(&me.nip), YEAR, None).await.unwrap();
    assert_eq!(page.supervisor_rows.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(), ["s1"]);
    assert_eq!(page.doc.rows[0].supports.as_deref(), Some("s1"));
    // The supervisor's cascade shows who carries each result, and a result nobody supports.
    skp::save(&db, &boss, YEAR, doc(vec![row("s1", RowKind::Utama, None), row("s2", RowKind::Utama, None)]))
        .await
        .unwrap();
    let cascade = skp::skp_page(&db, &boss, &nip(&boss.nip), YEAR, None).await.unwrap().cascade;
    assert_eq!(cascade.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(), ["s1", "s2"]);
    assert_eq!(cascade[0].supporters.iter().map(|s| s.nip.as_str()).collect::<Vec<_>>(), [me.nip.as_str()]);
    assert!(cascade[1].supporters.is_empty());
    assert!(
        skp::skp_page(&db, &me, &nip(&me.nip), YEAR, None).await.unwrap().cascade.is_empty(),
        "no reports, no cascade"
    );
    // An invalid target is refused and the stored draft stays as it was.
    let mut bad = doc(vec![row("a", RowKind::Utama, None)]);
    bad.rows[0].indicators[0].target = Target::Percent { value: 150.0 };
    assert!(matches!(skp::save(&db, &me, YEAR, bad).await, Err(ServiceError::Invalid { text: T::SkpTarget, .. })));
    let page = skp::skp_page(&db, &me, &nip(&me.nip), YEAR, None).await.unwrap();
    assert_eq!(page.doc.rows[0].supports.as_deref(), Some("s1"));
    assert!(matches!(skp::save(&db, &me, 1999, doc(vec![])).await, Err(ServiceError::Invalid { field: "year", .. })));
}

#[tokio::test]
async fn a_plan_is_read_by_its_owner_those_above_hr_and_the_head_and_follows_a_new_supervisor() {
    let (db, logins) = seeded().await;
    let me = viewer(&logins["pegawai"], vec![]);
    let owner = nip(&me.nip);
    skp::save(&db, &me, YEAR, doc(vec![row("a", RowKind::Utama, None)])).await.unwrap();
    skp::submit(&db, &me, YEAR).await.unwrap();
    let snapshot = db.hierarchy().await.unwrap();
    let boss = snapshot.supervisor(&me.nip).unwrap().to_string();
    let peer = snapshot.direct_reports(&boss).iter().find(|p| **p != me.nip).unwrap().clone();
    let above = snapshot.supervisor(&boss).unwrap().to_string();
    assert!(matches!(
        skp::skp_page(&db, &viewer(&peer, vec![]), &owner, YEAR, None).await,
        Err(ServiceError::Forbidden)
    ));
    for reader in [viewer(&above, vec![Role::Supervisor]), viewer(&logins["admin"], vec![Role::HrAdmin])] {
        let page = skp::skp_page(&db, &reader, &owner, YEAR, None).await.unwrap();
        assert!(!page.may_edit && !page.may_decide);
    }
    // HR moves the employee under another supervisor: the old one may no longer decide, the new one may.
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    hr::move_employee(&db, &hr, &me.nip, Some(&above), None, Some("salah atasan")).await.unwrap();
    assert!(matches!(
        skp::decide(&db, &viewer(&boss, vec![Role::Supervisor]), &owner, YEAR, true, "").await,
        Err(ServiceError::Forbidden)
    ));
    let new_boss = viewer(&above, vec![Role::Supervisor]);
    assert!(skp::skp_page(&db, &new_boss, &owner, YEAR, None).await.unwrap().may_decide);
    skp::decide(&db, &new_boss, &owner, YEAR, true, "").await.unwrap();
}

#[tokio::test]
async fn rows_and_indicators_are_added_and_removed_one_at_a_time() {
    let (db, logins) = seeded().await;
    let me = viewer(&logins["pegawai"], vec![]);
    let v = skp::add_row(&db, &me, YEAR, row("ignored", RowKind::Utama, None)).await.unwrap();
    assert_eq!(v, 1);
    let page = skp::skp_page(&db, &me, &nip(&me.nip), YEAR, None).await.unwrap();
    let key = page.doc.rows[0].key.clone();
    assert_ne!(key, "ignored", "a new row gets a key of its own");
    let indicator =
        Indicator { aspect: Aspect::Waktu, text: "Tepat waktu".into(), target: Target::Percent { value: 100.0 } };
    skp::add_indicator(&db, &me, YEAR, &key, indicator.clone()).await.unwrap();
    assert!(matches!(skp::add_indicator(&db, &me, YEAR, "nope", indicator).await, Err(ServiceError::NotFound)));
    let page = skp::skp_page(&db, &me, &nip(&me.nip), YEAR, None).await.unwrap();
    assert_eq!(page.doc.rows[0].indicators.len(), 2);
    skp::remove_row(&db, &me, YEAR, &key).await.unwrap();
    assert!(skp::skp_page(&db, &me, &nip(&me.nip), YEAR, None).await.unwrap().doc.rows.is_empty());
    assert!(matches!(skp::remove_row(&db, &me, YEAR, &key).await, Err(ServiceError::NotFound)));
}

fn input<'a>(ratings: Ratings, feedback: &'a str, curve_reason: &'a str) -> skp::RatingInput<'a> {
    skp::RatingInput { ratings, feedback, curve_reason }
}

/// An approved plan for `me` (rows `a` and `b`) under `boss`.
async fn approved(db: &Db, me: &Viewer, boss: &Viewer) {
    skp::save(db, me, YEAR, doc(vec![row("a", RowKind::Utama, None), row("b", RowKind::Tambahan, None)]))
        .await
        .unwrap();
    skp::submit(db, me, YEAR).await.unwrap();
    skp::decide(db, boss, &nip(&me.nip), YEAR, true, "").await.unwrap();
}

#[tokio::test]
async fn a_period_is_realised_and_rated_while_open_and_final_once_closed() {
    let (db, logins) = seeded().await;
    let Cast { me, boss, hr, .. } = cast(&logins);
    let owner = nip(&me.nip);
    // Only HR plans the year, once; the periods start planned.
    assert!(matches!(
        skp::plan_year(&db, &boss, YEAR, PeriodScheme::Quarterly, 10).await,
        Err(ServiceError::Forbidden)
    ));
    assert_eq!(skp::plan_year(&db, &hr, YEAR, PeriodScheme::Quarterly, 10).await.unwrap(), 5);
    assert!(matches!(
        skp::plan_year(&db, &hr, YEAR, PeriodScheme::Monthly, 10).await,
        Err(ServiceError::Conflict(T::SkpYearPlanned))
    ));
    let page = skp::periods_page(&db, &me, YEAR).await.unwrap();
    assert_eq!((page.periods.len(), page.may_manage), (5, false));
    assert_eq!((page.periods[0].start.as_str(), page.periods[0].deadline.as_str()), ("2026-01-01", "2026-04-10"));
    // Nothing is written before the period opens, nor without an approved plan.
    approved(&db, &me, &boss).await;
    let good = Ratings { results: Rating::Above, behaviour: Rating::Meets };
    assert!(matches!(
        skp::realise(&db, &me, YEAR, 1, "a", "5 dokumen", "").await,
        Err(ServiceError::Conflict(T::SkpPeriodNotOpen))
    ));
    assert!(matches!(
        skp::rate(&db, &boss, &owner, YEAR, 1, input(good, "Baik", "")).await,
        Err(ServiceError::Conflict(T::SkpPeriodNotOpen))
    ));
    assert_eq!(skp::advance_period(&db, &hr, YEAR, 1).await.unwrap(), PeriodState::Open);
    // The owner realises a row with evidence; bad input changes nothing.
    skp::realise(&db, &me, YEAR, 1, "a", "5 dokumen selesai", "https://drive.example.go.id/bukti").await.unwrap();
    assert!(matches!(
        skp::realise(&db, &me, YEAR, 1, "a", "x", "javascript:alert(1)").await,
        Err(ServiceError::Invalid { field: "link", .. })
    ));
    assert!(matches!(skp::realise(&db, &me, YEAR, 1, "zz", "x", "").await, Err(ServiceError::NotFound)));
    skp::assess_self(&db, &me, YEAR, 1, "Target tercapai").await.unwrap();
    let page = skp::evaluation_page(&db, &me, &owner, YEAR, 1).await.unwrap();
    assert_eq!(page.doc.realisations[0].text, "5 dokumen selesai");
    assert_eq!(page.missing, ["b"]);
    assert!(page.may_realise && !page.may_rate && page.rating.is_none());
    // Only the direct supervisor rates, with feedback; the predikat follows the matrix and both ratings are kept.
    for other in [&me, &hr] {
        assert!(matches!(
            skp::rate(&db, other, &owner, YEAR, 1, input(good, "x", "")).await,
            Err(ServiceError::Forbidden)
        ));
    }
    assert!(matches!(
        skp::rate(&db, &boss, &owner, YEAR, 1, input(good, "  ", "")).await,
        Err(ServiceError::Invalid { text: T::SkpFeedbackNeeded, .. })
    ));
    assert!(skp::evaluation_page(&db, &boss, &owner, YEAR, 1).await.unwrap().may_rate);
    assert_eq!(
        skp::rate(&db, &boss, &owner, YEAR, 1, input(good, "Laporan lengkap", "")).await.unwrap(),
        Predikat::Baik
    );
    let page = skp::evaluation_page(&db, &me, &owner, YEAR, 1).await.unwrap();
    let rating = page.rating.unwrap();
    assert_eq!(
        (rating.ratings, rating.predikat, rating.rated_by.0.as_str()),
        (good, Predikat::Baik, boss.nip.as_str())
    );
    assert_eq!(page.doc.self_assessment, "Target tercapai", "the rating keeps the employee's part");
    assert!(!page.may_realise);
    // Once rated, the realisation is fixed; the rater may still change the rating while the period is open.
    assert!(matches!(
        skp::realise(&db, &me, YEAR, 1, "b", "terlambat", "").await,
        Err(ServiceError::Conflict(T::SkpAlreadyRated))
    ));
    let top = Ratings { results: Rating::Above, behaviour: Rating::Above };
    assert_eq!(
        skp::rate(&db, &boss, &owner, YEAR, 1, input(top, "Sangat baik", "")).await.unwrap(),
        Predikat::SangatBaik
    );
    let on_plan = skp::skp_page(&db, &me, &owner, YEAR, None).await.unwrap().periods;
    assert_eq!(on_plan[0].predikat, Some(Predikat::SangatBaik));
    assert_eq!(on_plan[1].predikat, None);
    // Closing makes the rating final: neither the rater nor HR can change it, and a period never reopens.
    assert_eq!(skp::advance_period(&db, &hr, YEAR, 1).await.unwrap(), PeriodState::Closed);
    assert!(matches!(
        skp::rate(&db, &boss, &owner, YEAR, 1, input(good, "ubah", "")).await,
        Err(ServiceError::Conflict(T::SkpPeriodNotOpen))
    ));
    assert!(matches!(skp::advance_period(&db, &hr, YEAR, 1).await, Err(ServiceError::Conflict(T::SkpPeriodClosed))));
    let page = skp::evaluation_page(&db, &boss, &owner, YEAR, 1).await.unwrap();
    assert!(!page.may_rate && page.rating.is_some_and(|r| r.predikat == Predikat::SangatBaik));
    // A colleague may not read the evaluation.
    let peer = db.hierarchy().await.unwrap().direct_reports(&boss.nip).iter().find(|p| **p != me.nip).unwrap().clone();
    assert!(matches!(
        skp::evaluation_page(&db, &viewer(&peer, vec![]), &owner, YEAR, 1).await,
        Err(ServiceError::Forbidden)
    ));
}

#[tokio::test]
async fn a_rating_is_changed_only_by_whoever_gave_it() {
    let (db, logins) = seeded().await;
    let Cast { me, boss, hr, .. } = cast(&logins);
    let owner = nip(&me.nip);
    skp::plan_year(&db, &hr, YEAR, PeriodScheme::Semester, 0).await.unwrap();
    skp::advance_period(&db, &hr, YEAR, 1).await.unwrap();
    approved(&db, &me, &boss).await;
    let meets = Ratings { results: Rating::Meets, behaviour: Rating::Meets };
    skp::rate(&db, &boss, &owner, YEAR, 1, input(meets, "Sesuai", "")).await.unwrap();
    // HR moves the employee: the new supervisor cannot overwrite the old rating, and the old one no longer rates.
    let above = db.hierarchy().await.unwrap().supervisor(&boss.nip).unwrap().to_string();
    hr::move_employee(&db, &hr, &me.nip, Some(&above), None, Some("mutasi")).await.unwrap();
    let new_boss = viewer(&above, vec![Role::Supervisor]);
    assert!(matches!(
        skp::rate(&db, &new_boss, &owner, YEAR, 1, input(meets, "ubah", "")).await,
        Err(ServiceError::Conflict(T::SkpRatedByAnother))
    ));
    assert!(matches!(
        skp::rate(&db, &boss, &owner, YEAR, 1, input(meets, "x", "")).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(!skp::evaluation_page(&db, &new_boss, &owner, YEAR, 1).await.unwrap().may_rate);
}

#[tokio::test]
async fn a_rating_outside_the_units_curve_is_kept_with_its_warning_and_reason() {
    let (db, logins) = seeded().await;
    let Cast { me, boss, hr, head, .. } = cast(&logins);
    let owner = nip(&me.nip);
    skp::plan_year(&db, &hr, YEAR, PeriodScheme::Quarterly, 10).await.unwrap();
    skp::advance_period(&db, &hr, YEAR, 1).await.unwrap();
    approved(&db, &me, &boss).await;
    // The head rates the whole agency Baik: at most 70 % Baik, and someone Butuh Perbaikan or Kurang.
    let root = crate::repo::org::unit_tree(&db).await.unwrap()[0].key.clone();
    assert!(matches!(
        skp::set_org_predikat(&db, &boss, &root, YEAR, 1, OrgPredikat::Baik).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        skp::set_org_predikat(&db, &head, "tidak-ada", YEAR, 1, OrgPredikat::Baik).await,
        Err(ServiceError::Invalid { field: "unit", .. })
    ));
    skp::set_org_predikat(&db, &head, &root, YEAR, 1, OrgPredikat::Baik).await.unwrap();
    let page = skp::periods_page(&db, &me, YEAR).await.unwrap();
    assert_eq!((page.org.len(), page.may_set_org, page.units.len()), (1, false, 0));
    // Before anyone is rated the guideline holds; the rater sees it, the employee does not.
    let page = skp::evaluation_page(&db, &boss, &owner, YEAR, 1).await.unwrap();
    let curve = page.curve.unwrap();
    assert_eq!((curve.org, curve.distribution.total(), curve.breaches.len()), (OrgPredikat::Baik, 0, 0));
    assert!(skp::evaluation_page(&db, &me, &owner, YEAR, 1).await.unwrap().curve.is_none());
    // The only rating is Sangat Baik: nobody below Baik, so the rating carries the warning and the reason.
    let top = Ratings { results: Rating::Above, behaviour: Rating::Above };
    skp::rate(&db, &boss, &owner, YEAR, 1, input(top, "Melampaui target", "Satu-satunya yang sudah dinilai"))
        .await
        .unwrap();
    let page = skp::evaluation_page(&db, &boss, &owner, YEAR, 1).await.unwrap();
    let rating = page.rating.unwrap();
    let warning = rating.curve_warning.unwrap();
    assert_eq!(warning.org, OrgPredikat::Baik);
    assert_eq!(warning.breaches[0].predikat, [Predikat::ButuhPerbaikan, Predikat::Kurang]);
    assert_eq!(rating.curve_reason, "Satu-satunya yang sudah dinilai");
    assert_eq!(page.curve.unwrap().distribution.count(Predikat::SangatBaik), 1);
    // A rating within the guideline carries no warning (nor a reason).
    let low = Ratings { results: Rating::Below, behaviour: Rating::Meets };
    skp::rate(&db, &boss, &owner, YEAR, 1, input(low, "Di bawah target", "tidak perlu")).await.unwrap();
    let rating = skp::evaluation_page(&db, &hr, &owner, YEAR, 1).await.unwrap().rating.unwrap();
    assert_eq!((rating.curve_warning, rating.curve_reason.as_str()), (None, ""));
    // HR and the head export the period's predikat; a supervisor may not.
    let lines = skp::period_predikat_lines(&db, &head, YEAR, 1).await.unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(
        (lines[0].nip.as_str(), lines[0].ratings, lines[0].rated_by.as_str()),
        (me.nip.as_str(), low, boss.nip.as_str())
    );
    assert!(lines[0].rated_at.ends_with("WIB"));
    assert!(matches!(skp::period_predikat_lines(&db, &boss, YEAR, 1).await, Err(ServiceError::Forbidden)));
    assert!(matches!(skp::period_predikat_lines(&db, &hr, YEAR, 9).await, Err(ServiceError::NotFound)));
}

/// The predikat tallies equal a count of the stored ratings by the unit paths they were counted under.
async fn assert_tallies_match(db: &Db, year: i32) {
    let rows: Vec<(u8, Predikat, Vec<String>)> = db
        .rows(
            "SELECT VALUE [period, predikat, units] FROM skp_eval WHERE year = $year AND predikat != NONE;",
            serde_json::json!({ "year": year }),
        )
        .await
        .unwrap();
    let mut expected: HashMap<(String, u8, Predikat), u32> = HashMap::new();
    for (period, p, units) in rows {
        assert!(!units.is_empty(), "a rating is counted somewhere");
        for u in units {
            *expected.entry((u, period, p)).or_default() += 1;
        }
    }
    let got: HashMap<(String, u8, Predikat), u32> = crate::repo::skp::tallies(db, year)
        .await
        .unwrap()
        .into_iter()
        .map(|(u, period, p, n)| ((u, period, p), n))
        .collect();
    assert_eq!(got, expected);
}

#[tokio::test]
async fn tallies_count_each_rating_under_the_unit_path_it_was_given_in_and_follow_changes() {
    let (db, logins) = seeded().await;
    let Cast { me, boss, hr, .. } = cast(&logins);
    let owner = nip(&me.nip);
    skp::plan_year(&db, &hr, YEAR, PeriodScheme::Quarterly, 10).await.unwrap();
    skp::advance_period(&db, &hr, YEAR, 1).await.unwrap();
    approved(&db, &me, &boss).await;
    let tree = crate::repo::org::unit_tree(&db).await.unwrap();
    let unit = crate::repo::org::employee(&db, &me.nip).await.unwrap().unwrap().unit_key;
    let mut path = vec![unit.clone()];
    while let Some(p) = tree.iter().find(|u| u.key == path[path.len() - 1]).and_then(|u| u.parent.clone()) {
        path.push(p);
    }
    assert!(path.len() >= 3, "{path:?}");
    let top = Ratings { results: Rating::Above, behaviour: Rating::Above };
    skp::rate(&db, &boss, &owner, YEAR, 1, input(top, "Melampaui target", "alasan")).await.unwrap();
    let stored: Vec<String> = db
        .run("RETURN type::record('skp_eval', $k).units;", serde_json::json!({ "k": format!("{}_{YEAR}_1", me.nip) }))
        .await
        .unwrap()
        .value(0)
        .unwrap();
    assert_eq!(stored, path, "the person's unit first, then every unit above");
    for u in &path {
        let d = crate::repo::skp::tally(&db, u, YEAR, 1).await.unwrap();
        assert_eq!((d.count(Predikat::SangatBaik), d.total()), (1, 1), "{u}");
    }
    assert_tallies_match(&db, YEAR).await;
    // A changed rating moves the count; other periods and units stay empty.
    let low = Ratings { results: Rating::Below, behaviour: Rating::Meets };
    skp::rate(&db, &boss, &owner, YEAR, 1, input(low, "Di bawah target", "")).await.unwrap();
    let d = crate::repo::skp::tally(&db, &path[path.len() - 1], YEAR, 1).await.unwrap();
    assert_eq!((d.count(Predikat::ButuhPerbaikan), d.total()), (1, 1));
    assert_eq!(crate::repo::skp::tally(&db, &path[0], YEAR, 2).await.unwrap().total(), 0);
    assert_tallies_match(&db, YEAR).await;
    // HR moves the person to another unit: the rating stays counted where it was given until it is given again,
    // then it leaves the old unit and joins the new one (the units above both keep one).
    let other = tree.iter().find(|u| u.depth == 3 && !path.contains(&u.key)).unwrap().key.clone();
    hr::move_employee(&db, &hr, &me.nip, None, Some(&other), Some("mutasi")).await.unwrap();
    assert_eq!(crate::repo::skp::tally(&db, &path[0], YEAR, 1).await.unwrap().total(), 1);
    assert_eq!(crate::repo::skp::tally(&db, &other, YEAR, 1).await.unwrap().total(), 0);
    let mid = Ratings { results: Rating::Meets, behaviour: Rating::Meets };
    assert_eq!(db.hierarchy().await.unwrap().supervisor(&me.nip), Some(boss.nip.as_str()), "same supervisor");
    skp::rate(&db, &boss, &owner, YEAR, 1, input(mid, "Sesuai target", "")).await.unwrap();
    assert_eq!(crate::repo::skp::tally(&db, &path[0], YEAR, 1).await.unwrap().total(), 0);
    let d = crate::repo::skp::tally(&db, &other, YEAR, 1).await.unwrap();
    assert_eq!((d.count(Predikat::Baik), d.total()), (1, 1));
    let root = crate::repo::skp::tally(&db, &path[path.len() - 1], YEAR, 1).await.unwrap();
    assert_eq!((root.count(Predikat::Baik), root.total()), (1, 1));
    assert_tallies_match(&db, YEAR).await;
}

#[tokio::test]
async fn the_supervisor_records_the_dialogue_and_the_employee_acknowledges_it() {
    let (db, logins) = seeded().await;
    let Cast { me, boss, hr, .. } = cast(&logins);
    let owner = nip(&me.nip);
    let form = |held_on| skp::DialogueForm {
        held_on,
        discussed: "Capaian triwulan I dan umpan balik",
        follow_ups: "Pelatihan SIASN\nMentoring bulanan",
    };
    skp::plan_year(&db, &hr, YEAR, PeriodScheme::Quarterly, 10).await.unwrap();
    // Not before the period opens, not by anyone but the direct supervisor, not with a bad date.
    assert!(matches!(
        skp::record_dialogue(&db, &boss, &owner, YEAR, 1, form("2026-04-02")).await,
        Err(ServiceError::Conflict(T::SkpPeriodNotOpen))
    ));
    skp::advance_period(&db, &hr, YEAR, 1).await.unwrap();
    for other in [&me, &hr] {
        assert!(matches!(
            skp::record_dialogue(&db, other, &owner, YEAR, 1, form("2026-04-02")).await,
            Err(ServiceError::Forbidden)
        ));
    }
    assert!(matches!(
        skp::record_dialogue(&db, &boss, &owner, YEAR, 1, form("2 April")).await,
        Err(ServiceError::Invalid { field: "held_on", .. })
    ));
    assert!(matches!(skp::acknowledge_dialogue(&db, &me, YEAR, 1).await, Err(ServiceError::NotFound)));
    skp::record_dialogue(&db, &boss, &owner, YEAR, 1, form("2026-04-02")).await.unwrap();
    let page = skp::evaluation_page(&db, &me, &owner, YEAR, 1).await.unwrap();
    let d = page.dialogue.unwrap();
    assert_eq!((d.doc.follow_ups.len(), d.recorded_by.0.as_str(), d.acknowledged_at), (2, boss.nip.as_str(), None));
    assert!(page.may_acknowledge && !page.may_record_dialogue);
    skp::acknowledge_dialogue(&db, &me, YEAR, 1).await.unwrap();
    assert!(matches!(
        skp::acknowledge_dialogue(&db, &me, YEAR, 1).await,
        Err(ServiceError::Conflict(T::SkpDialogueAcknowledged))
    ));
    // A correction asks for the acknowledgement again.
    skp::record_dialogue(&db, &boss, &owner, YEAR, 1, form("2026-04-03")).await.unwrap();
    let page = skp::evaluation_page(&db, &boss, &owner, YEAR, 1).await.unwrap();
    assert!(
        page.may_record_dialogue
            && page.dialogue.is_some_and(|d| d.acknowledged_at.is_none() && d.doc.held_on == "2026-04-03")
    );
}

#[tokio::test]
async fn an_objection_is_decided_by_the_raters_supervisor_only_and_an_upheld_one_changes_the_rating() {
    let (db, logins) = seeded().await;
    let Cast { me, boss, above, hr, .. } = cast(&logins);
    let owner = nip(&me.nip);
    let meets = Ratings { results: Rating::Meets, behaviour: Rating::Meets };
    let top = Ratings { results: Rating::Above, behaviour: Rating::Above };
    skp::plan_year(&db, &hr, YEAR, PeriodScheme::Quarterly, 10).await.unwrap();
    skp::advance_period(&db, &hr, YEAR, 1).await.unwrap();
    approved(&db, &me, &boss).await;
    // Nothing to object to before the rating.
    assert!(matches!(
        skp::file_objection(&db, &me, YEAR, 1, "Tidak adil", "").await,
        Err(ServiceError::Conflict(T::SkpObjectionNotRated))
    ));
    skp::rate(&db, &boss, &owner, YEAR, 1, input(meets, "Sesuai target", "")).await.unwrap();
    let page = skp::evaluation_page(&db, &me, &owner, YEAR, 1).await.unwrap();
    assert!(page.is_owner && page.may_object_until.is_some() && page.objection.is_none());
    assert!(skp::evaluation_page(&db, &boss, &owner, YEAR, 1).await.unwrap().may_object_until.is_none());
    // Bad input changes nothing.
    assert!(matches!(
        skp::file_objection(&db, &me, YEAR, 1, "  ", "").await,
        Err(ServiceError::Invalid { field: "reasons", .. })
    ));
    assert!(matches!(
        skp::file_objection(&db, &me, YEAR, 1, "x", "javascript:alert(1)").await,
        Err(ServiceError::Invalid { field: "link", .. })
    ));
    skp::file_objection(&db, &me, YEAR, 1, "Bukti capaian 118 usulan tidak dipertimbangkan", "https://x.go.id/b")
        .await
        .unwrap();
    assert!(matches!(
        skp::file_objection(&db, &me, YEAR, 1, "lagi", "").await,
        Err(ServiceError::Conflict(T::SkpObjectionExists))
    ));
    // From now on the rater cannot change the rating; only the decision does.
    assert!(matches!(
        skp::rate(&db, &boss, &owner, YEAR, 1, input(top, "ubah", "")).await,
        Err(ServiceError::Conflict(T::SkpObjectionLocksRating))
    ));
    assert!(!skp::evaluation_page(&db, &boss, &owner, YEAR, 1).await.unwrap().may_rate);
    // Only the rater's supervisor decides: not the rater, the employee or HR.
    let upheld = Decision::Upheld(top);
    for other in [&boss, &me, &hr] {
        assert!(matches!(
            skp::decide_objection(&db, other, &owner, YEAR, 1, upheld, "alasan").await,
            Err(ServiceError::Forbidden)
        ));
    }
    let page = skp::evaluation_page(&db, &above, &owner, YEAR, 1).await.unwrap();
    let o = page.objection.unwrap();
    assert!(page.may_decide && !page.is_owner && o.state == ObjectionState::Filed && o.original == meets);
    assert_eq!(o.decider.map(|d| d.0), Some(above.nip.clone()));
    assert!(matches!(
        skp::decide_objection(&db, &above, &owner, YEAR, 1, Decision::Upheld(meets), "x").await,
        Err(ServiceError::Invalid { text: T::SkpDecisionUnchanged, .. })
    ));
    assert!(matches!(
        skp::decide_objection(&db, &above, &owner, YEAR, 1, upheld, " ").await,
        Err(ServiceError::Invalid { field: "reason", .. })
    ));
    // The period closes meanwhile: the objection is still decided, and it is the only way the rating changes.
    skp::advance_period(&db, &hr, YEAR, 1).await.unwrap();
    let p = skp::decide_objection(&db, &above, &owner, YEAR, 1, upheld, "Bukti mendukung capaian di atas target")
        .await
        .unwrap();
    assert_eq!(p, Predikat::SangatBaik);
    assert_tallies_match(&db, YEAR).await;
    assert!(matches!(
        skp::decide_objection(&db, &above, &owner, YEAR, 1, Decision::Rejected, "x").await,
        Err(ServiceError::Conflict(T::SkpObjectionDecided))
    ));
    let page = skp::evaluation_page(&db, &me, &owner, YEAR, 1).await.unwrap();
    let rating = page.rating.unwrap();
    assert!(rating.by_objection && rating.ratings == top && rating.predikat == Predikat::SangatBaik);
    let o = page.objection.unwrap();
    assert_eq!((o.state, o.original), (ObjectionState::Upheld, meets));
    let d = o.decision.unwrap();
    assert_eq!((d.decided_by.0.as_str(), d.new_ratings), (above.nip.as_str(), Some(top)));
    assert!(!page.may_decide);
    let lines = skp::period_predikat_lines(&db, &hr, YEAR, 1).await.unwrap();
    assert!(lines[0].by_objection && lines[0].ratings == top);
    // The trail is listed for the employee, the rater, the decider and HR; not for a colleague.
    for who in [&me, &boss, &above, &hr] {
        assert_eq!(skp::objections_page(&db, who, YEAR).await.unwrap().rows.len(), 1, "{}", who.nip);
    }
    let colleague = viewer(&logins["pelatih"], vec![]);
    assert!(skp::objections_page(&db, &colleague, YEAR).await.unwrap().rows.is_empty());
    // The printed documents: the plan signed by its approver, the evaluation by its rater, with the decided rating.
    let plan = skp::skp_document(&db, &me, &owner, YEAR, None).await.unwrap();
    assert_eq!((plan.version, plan.rows.len(), plan.evaluation.is_none()), (Some(1), 2, true));
    assert_eq!(plan.supervisor.map(|s| s.nip), Some(boss.nip.clone()));
    let printed = skp::skp_document(&db, &above, &owner, YEAR, Some(1)).await.unwrap();
    let e = printed.evaluation.unwrap();
    assert!(e.by_objection && e.ratings == Some(top));
    assert!(matches!(skp::skp_document(&db, &colleague, &owner, YEAR, None).await, Err(ServiceError::Forbidden)));
    let audit = crate::repo::audit::for_subject(&db, &format!("employee:{}", me.nip), 50).await.unwrap();
    assert!(audit.iter().any(|a| a.action == "skp.objection.file"));
    assert!(audit.iter().any(|a| a.action == "skp.objection.decide"));
}

#[tokio::test]
async fn the_window_to_object_is_a_setting_and_hr_decides_where_the_rater_has_no_supervisor() {
    let (db, logins) = seeded().await;
    let Cast { hr, head, above, .. } = cast(&logins);
    let deputy_nip = db.hierarchy().await.unwrap().direct_reports(&head.nip)[0].clone();
    let deputy = viewer(&deputy_nip, vec![Role::Supervisor]);
    let owner = nip(&deputy_nip);
    // Only HR changes the settings; bad values change nothing.
    assert_eq!(skp::skp_settings(&db).await.unwrap(), domain::skp::SkpSettings::default());
    let shares = ["100", "100", "80", "70", "60"];
    let form = |days| skp::SettingsForm { objection_days: days, decision_days: "14", allowance: &shares };
    assert!(matches!(skp::save_skp_settings(&db, &head, form("3")).await, Err(ServiceError::Forbidden)));
    assert!(matches!(
        skp::save_skp_settings(&db, &hr, form("0")).await,
        Err(ServiceError::Invalid { text: T::SkpSettingsDays, .. })
    ));
    assert_eq!(skp::skp_settings(&db).await.unwrap(), domain::skp::SkpSettings::default());
    skp::save_skp_settings(&db, &hr, form("3")).await.unwrap();
    assert_eq!(skp::periods_page(&db, &head, YEAR).await.unwrap().settings.objection_days, 3);
    skp::plan_year(&db, &hr, YEAR, PeriodScheme::Quarterly, 10).await.unwrap();
    skp::advance_period(&db, &hr, YEAR, 1).await.unwrap();
    skp::advance_period(&db, &hr, YEAR, 2).await.unwrap();
    approved(&db, &deputy, &head).await;
    let meets = Ratings { results: Rating::Meets, behaviour: Rating::Meets };
    for period in [1, 2] {
        skp::rate(&db, &head, &owner, YEAR, period, input(meets, "Sesuai", "")).await.unwrap();
    }
    // A rating four days old is past a three-day window.
    db.run(
        "UPDATE type::record('skp_eval', $key) SET rated_at = time::now() - 4d;",
        serde_json::json!({ "key": format!("{deputy_nip}_{YEAR}_1") }),
    )
    .await
    .unwrap();
    assert!(skp::evaluation_page(&db, &deputy, &owner, YEAR, 1).await.unwrap().may_object_until.is_none());
    assert!(matches!(
        skp::file_objection(&db, &deputy, YEAR, 1, "Terlambat", "").await,
        Err(ServiceError::Conflict(T::SkpObjectionWindowClosed))
    ));
    // The head rated and has nobody above: HR decides, and may reject with reasons.
    skp::file_objection(&db, &deputy, YEAR, 2, "Target tidak realistis", "").await.unwrap();
    let page = skp::evaluation_page(&db, &hr, &owner, YEAR, 2).await.unwrap();
    assert!(page.may_decide && page.objection.unwrap().decider.is_none());
    for other in [&head, &above] {
        assert!(matches!(
            skp::decide_objection(&db, other, &owner, YEAR, 2, Decision::Rejected, "x").await,
            Err(ServiceError::Forbidden)
        ));
    }
    let p =
        skp::decide_objection(&db, &hr, &owner, YEAR, 2, Decision::Rejected, "Penilaian sesuai bukti").await.unwrap();
    assert_eq!(p, Predikat::Baik);
    let page = skp::evaluation_page(&db, &deputy, &owner, YEAR, 2).await.unwrap();
    assert!(!page.rating.unwrap().by_objection);
    assert_eq!(page.objection.unwrap().state, ObjectionState::Rejected);
}

#[tokio::test]
async fn the_supervisor_writes_dated_notes_and_the_employee_replies_in_their_thread() {
    let (db, logins) = seeded().await;
    let Cast { me, boss, above, hr, .. } = cast(&logins);
    let owner = nip(&me.nip);
    approved(&db, &me, &boss).await;
    // Only the direct supervisor starts a note; about something the plan has; with text.
    for other in [&me, &above, &hr] {
        assert!(matches!(
            skp::add_note(&db, other, &owner, YEAR, "plan", "Catatan").await,
            Err(ServiceError::Forbidden)
        ));
    }
    for bad in ["row:tidak-ada", "value:jujur", ""] {
        assert!(matches!(
            skp::add_note(&db, &boss, &owner, YEAR, bad, "Catatan").await,
            Err(ServiceError::Invalid { field: "about", .. })
        ));
    }
    assert!(matches!(
        skp::add_note(&db, &boss, &owner, YEAR, "row:a", "  ").await,
        Err(ServiceError::Invalid { field: "text", .. })
    ));
    skp::add_note(&db, &boss, &owner, YEAR, "row:a", "Laporan bulan ini terlambat dua hari").await.unwrap();
    skp::add_note(&db, &boss, &owner, YEAR, "value:akuntabel", "Dokumentasi rapi").await.unwrap();
    let page = skp::skp_page(&db, &me, &owner, YEAR, None).await.unwrap();
    assert!(page.may_reply && !page.may_note);
    assert_eq!(page.notes.len(), 2);
    // Newest first; the row note names its row.
    assert_eq!(page.notes[0].about, domain::skp::NoteAbout::Value(domain::skp::CoreValue::Akuntabel));
    let first = page.notes[1].clone();
    assert_eq!((first.about_text.as_str(), first.author.0.as_str()), ("Hasil kerja a", boss.nip.as_str()));
    assert!(first.created_at.ends_with("WIB"));
    // The employee replies; the thread must be on this plan, and a reply is not itself answered.
    skp::reply_note(&db, &me, &owner, YEAR, &first.id, "Sudah diperbaiki, bukti di folder bersama").await.unwrap();
    skp::reply_note(&db, &boss, &owner, YEAR, &first.id, "Terima kasih").await.unwrap();
    assert!(matches!(skp::reply_note(&db, &above, &owner, YEAR, &first.id, "x").await, Err(ServiceError::Forbidden)));
    assert!(matches!(skp::reply_note(&db, &me, &owner, YEAR, "tidak-ada", "x").await, Err(ServiceError::NotFound)));
    assert!(matches!(skp::reply_note(&db, &me, &owner, YEAR - 1, &first.id, "x").await, Err(ServiceError::NotFound)));
    let page = skp::skp_page(&db, &above, &owner, YEAR, None).await.unwrap();
    assert!(!page.may_reply && !page.may_note);
    let thread = page.notes.iter().find(|t| t.id == first.id).unwrap();
    let replies: Vec<(&str, &str)> = thread.replies.iter().map(|r| (r.author.0.as_str(), r.text.as_str())).collect();
    assert_eq!(
        replies,
        [(me.nip.as_str(), "Sudah diperbaiki, bukti di folder bersama"), (boss.nip.as_str(), "Terima kasih")]
    );
}

#[tokio::test]
async fn the_demo_history_has_last_years_plans_rated_with_a_spread_and_objections_decided_both_ways() {
    let db = open(&DbConfig::memory()).await.unwrap();
    let report = seed::seed(&db, 300, 5).await.unwrap();
    let logins: HashMap<String, String> = report.demo_logins.into_iter().collect();
    let walkers = vec![logins["pegawai"].clone(), logins["atasan"].clone()];
    let hierarchy = db.hierarchy().await.unwrap();
    let mut left: std::collections::HashSet<String> = walkers.iter().cloned().collect();
    for w in &walkers {
        left.extend(hierarchy.direct_reports(w).iter().cloned());
    }
    let plans = seed::skp::seed_skp(&db, 5, &walkers, 1).await.unwrap();
    assert_eq!(plans, 2 * report.employees - left.len(), "last year everyone; this year all but the walkers' team");
    assert_eq!(seed::skp::seed_skp(&db, 5, &walkers, 1).await.unwrap(), 0, "seeded once");
    let year = time::OffsetDateTime::now_utc().year() - 1;
    let periods = crate::repo::skp::periods(&db, year).await.unwrap();
    assert_eq!(periods.len(), 5);
    assert!(periods.iter().all(|p| p.state == PeriodState::Closed));
    // Every annual predikat but the head's, with a spread and every one following the matrix.
    let annual = crate::repo::skp::period_predikats(&db, year, 5).await.unwrap();
    assert_eq!(annual.len(), report.employees - 1);
    let mut seen = std::collections::HashSet::new();
    for p in annual.iter().map(|(_, p)| *p) {
        seen.insert(p);
    }
    assert!(seen.len() >= 3, "a spread of predikat: {seen:?}");
    assert_tallies_match(&db, year).await;
    assert_tallies_match(&db, year + 1).await;
    // The migration's count of existing ratings equals what the seed wrote.
    let seeded = crate::repo::skp::tallies(&db, year).await.unwrap();
    db.run("DELETE predikat_tally; UPDATE skp_eval SET units = NONE;", serde_json::json!({})).await.unwrap();
    db.run(crate::schema::RECOUNT_TALLIES_SQL, serde_json::json!({})).await.unwrap();
    let mut recounted = crate::repo::skp::tallies(&db, year).await.unwrap();
    let mut seeded = seeded;
    seeded.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
    recounted.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
    assert_eq!(recounted, seeded);
    // The demo people read their history through the same pages as anyone.
    let me = viewer(&logins["pegawai"], vec![]);
    let page = skp::skp_page(&db, &me, &nip(&me.nip), year, None).await.unwrap();
    assert_eq!((page.in_force, page.periods.len()), (Some(1), 5));
    assert!(page.periods.iter().all(|p| p.predikat.is_some()));
    assert_eq!(page.doc.rows[0].supports.as_deref(), Some("r1"), "main results cascade from the supervisor's");
    let evaluation = skp::evaluation_page(&db, &me, &nip(&me.nip), year, 1).await.unwrap();
    assert!(evaluation.missing.is_empty() && evaluation.rating.is_some() && !evaluation.may_realise);
    // Objections: each decided by the rater's supervisor; an upheld one changed the stored rating.
    let objections = crate::repo::skp::objections(&db, year).await.unwrap();
    assert!(objections.iter().any(|o| o.state == ObjectionState::Upheld), "{}", objections.len());
    assert!(objections.iter().any(|o| o.state == ObjectionState::Rejected), "{}", objections.len());
    let hierarchy = db.hierarchy().await.unwrap();
    for o in &objections {
        assert_eq!(o.decided_by.as_deref(), Some(hierarchy.supervisor(&o.rater).unwrap_or("seed")));
        let stored = crate::repo::skp::evaluation(&db, &o.nip, year, o.period).await.unwrap().unwrap();
        match o.new_ratings {
            Some(new) => assert!(stored.by_objection && stored.ratings == Some(new)),
            None => assert!(!stored.by_objection && stored.ratings == Some(o.original)),
        }
    }
    // Units' organisational predikat for every period.
    assert!(skp::periods_page(&db, &me, year).await.unwrap().org.len() >= 5);
    // This year follows the calendar: ended quarters closed and rated, the running one open, the rest planned.
    let this = year + 1;
    let wib = time::UtcOffset::from_hms(7, 0, 0).unwrap();
    let today = time::OffsetDateTime::now_utc().to_offset(wib).date().to_string();
    let periods = crate::repo::skp::periods(&db, this).await.unwrap();
    assert_eq!(periods.len(), 5);
    for p in &periods {
        let expected = if p.end < today {
            PeriodState::Closed
        } else if p.start <= today && !p.is_final {
            PeriodState::Open
        } else {
            PeriodState::Planned
        };
        assert_eq!(p.state, expected, "period {} on {today}", p.number);
    }
    assert_eq!(periods.iter().filter(|p| p.state == PeriodState::Open).count(), 1);
    // The walkers write their own plan; everyone else has one approved, rated in every ended quarter.
    for w in &walkers {
        let page = skp::skp_page(&db, &viewer(w, vec![]), &nip(w), this, None).await.unwrap();
        assert_eq!(page.in_force, None);
    }
    let above = viewer(&logins["pimpinan"], vec![Role::Supervisor]);
    let page = skp::skp_page(&db, &above, &nip(&above.nip), this, None).await.unwrap();
    assert_eq!(page.in_force, Some(1));
    for p in &page.periods {
        assert_eq!(p.predikat.is_some(), p.period.state == PeriodState::Closed, "period {}", p.period.number);
    }
    // In the running period some have written realisations and nobody is rated yet.
    let open = periods.iter().find(|p| p.state == PeriodState::Open).unwrap().number;
    let written: Vec<(String, domain::skp::Predikat)> =
        crate::repo::skp::period_predikats(&db, this, open).await.unwrap();
    assert!(written.is_empty());
    let mut realised = 0;
    for (n, ..) in crate::repo::feedback::active_people(&db).await.unwrap() {
        if let Some(e) = crate::repo::skp::evaluation(&db, &n, this, open).await.unwrap() {
            assert!(e.ratings.is_none() && !e.doc.realisations.is_empty());
            realised += 1;
        }
    }
    assert!(realised > 50 && realised < report.employees - 50, "{realised} of {}", report.employees);
}

fn upload<'a>(row: &'a str, file_name: &'a str, bytes: &'a [u8]) -> skp::Upload<'a> {
    skp::Upload { year: YEAR, period: 1, row, file_name, bytes }
}

#[tokio::test]
async fn evidence_files_are_checked_by_content_and_served_only_to_those_who_read_the_plan() {
    let (db, logins) = seeded().await;
    let Cast { me, boss, above, hr, head } = cast(&logins);
    let owner = nip(&me.nip);
    skp::plan_year(&db, &hr, YEAR, PeriodScheme::Quarterly, 10).await.unwrap();
    approved(&db, &me, &boss).await;
    let pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n".to_vec();
    assert!(matches!(
        skp::upload_evidence(&db, &me, upload("a", "laporan.pdf", &pdf)).await,
        Err(ServiceError::Conflict(T::SkpPeriodNotOpen))
    ));
    skp::advance_period(&db, &hr, YEAR, 1).await.unwrap();
    // Refused with the reason, and nothing stored: a page posing as a PDF, a file too large, no file, a row not in
    // the plan.
    let mut big = pdf.clone();
    big.resize(domain::skp::MAX_EVIDENCE_BYTES + 1, b' ');
    for (bytes, text) in [
        (b"<html><script>alert(1)</script></html>".to_vec(), T::SkpEvidenceType),
        (big, T::SkpEvidenceTooLarge),
        (Vec::new(), T::SkpEvidenceEmpty),
    ] {
        assert!(matches!(
            skp::upload_evidence(&db, &me, upload("a", "laporan.pdf", &bytes)).await,
            Err(ServiceError::Invalid { text: t, .. }) if t == text
        ));
    }
    assert!(matches!(skp::upload_evidence(&db, &me, upload("zz", "a.pdf", &pdf)).await, Err(ServiceError::NotFound)));
    assert!(skp::evaluation_page(&db, &me, &owner, YEAR, 1).await.unwrap().files.is_empty());
    // A PDF whatever its name says, stored under a safe name with its real kind.
    let id = skp::upload_evidence(&db, &me, upload("a", "C:\\dok\\../bukti\"1.exe", &pdf)).await.unwrap();
    let files = skp::evaluation_page(&db, &boss, &owner, YEAR, 1).await.unwrap().files;
    assert_eq!(files.len(), 1);
    assert_eq!(
        (files[0].id.as_str(), files[0].row.as_str(), files[0].name.as_str(), files[0].kind, files[0].size),
        (id.as_str(), "a", "bukti_1.pdf", domain::skp::EvidenceKind::Pdf, pdf.len() as u64)
    );
    // Served to those who read the plan (and byte for byte); to a colleague the file does not exist.
    for reader in [&me, &boss, &above, &hr, &head] {
        let file = skp::evidence_download(&db, reader, &id).await.unwrap();
        assert_eq!((file.bytes.as_slice(), file.name.as_str()), (pdf.as_slice(), "bukti_1.pdf"));
    }
    let peer = db.hierarchy().await.unwrap().direct_reports(&boss.nip).iter().find(|p| **p != me.nip).unwrap().clone();
    let peer = viewer(&peer, vec![]);
    assert!(matches!(skp::evidence_download(&db, &peer, &id).await, Err(ServiceError::NotFound)));
    assert!(matches!(skp::evidence_download(&db, &me, "../x").await, Err(ServiceError::NotFound)));
    // At most five files per row; only the owner removes theirs.
    let png = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    for _ in 0..4 {
        skp::upload_evidence(&db, &me, upload("a", "foto.png", &png)).await.unwrap();
    }
    assert!(matches!(
        skp::upload_evidence(&db, &me, upload("a", "foto.png", &png)).await,
        Err(ServiceError::Invalid { text: T::SkpEvidenceTooMany, .. })
    ));
    skp::upload_evidence(&db, &me, upload("b", "foto.png", &png)).await.unwrap();
    assert!(matches!(skp::remove_evidence(&db, &peer, YEAR, 1, &id).await, Err(ServiceError::NotFound)));
    assert!(matches!(skp::remove_evidence(&db, &boss, YEAR, 1, &id).await, Err(ServiceError::NotFound)));
    skp::remove_evidence(&db, &me, YEAR, 1, &id).await.unwrap();
    assert!(matches!(skp::evidence_download(&db, &me, &id).await, Err(ServiceError::NotFound)));
    assert_eq!(skp::evaluation_page(&db, &me, &owner, YEAR, 1).await.unwrap().files.len(), 5);
    // Once rated, the evidence is what the rating was based on: nothing is added or removed.
    let good = Ratings { results: Rating::Meets, behaviour: Rating::Meets };
    skp::rate(&db, &boss, &owner, YEAR, 1, input(good, "Sesuai bukti", "")).await.unwrap();
    assert!(matches!(
        skp::upload_evidence(&db, &me, upload("b", "lagi.pdf", &pdf)).await,
        Err(ServiceError::Conflict(T::SkpAlreadyRated))
    ));
    let kept = skp::evaluation_page(&db, &me, &owner, YEAR, 1).await.unwrap().files;
    assert!(matches!(
        skp::remove_evidence(&db, &me, YEAR, 1, &kept[0].id).await,
        Err(ServiceError::Conflict(T::SkpAlreadyRated))
    ));
    assert_eq!(skp::evaluation_page(&db, &me, &owner, YEAR, 1).await.unwrap().files.len(), 5);
}
