//! Service tests of the talent matrix against `mem://`: the demo agency with its closed 360° rounds and last year's
//! rated work plans.

use crate::db::Db;
use crate::error::ServiceError;
use crate::services::auth::Viewer;
use crate::services::talent;
use crate::services::test_support::{demo_agency, viewer};
use domain::Role;
use domain::talent::{
    PotentialWeights, SettingsForm, box_axes, nine_box, performance_band, potential_band, qualification_score,
    track_record_score,
};
use domain::view::TalentFilter;
use i18n::T;
use std::collections::{HashMap, HashSet};

async fn demo() -> (Db, HashMap<String, String>, usize) {
    demo_agency(80, 5, true).await
}

fn form<'a>(years: &'a str, high: &'a str, low: &'a str) -> SettingsForm<'a> {
    SettingsForm { years, high, low, weights: None }
}

#[tokio::test]
async fn everyone_in_scope_is_placed_from_their_inputs_or_listed_with_what_is_missing() {
    let (db, logins, employees) = demo().await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let page = talent::talent_page(&db, &hr, &TalentFilter::default(), None).await.unwrap();
    let last_year = time::OffsetDateTime::now_utc().year() - 1;
    assert_eq!(page.years, [last_year, last_year - 1], "the demo has two closed years, newest first");
    assert!(page.round_name.is_some());
    let placed: u32 = page.counts.iter().sum();
    assert_eq!(placed + page.missing_count, employees as u32, "nobody is left out silently");
    assert!(placed > employees as u32 / 2, "most of the demo agency is placed: {placed}");
    assert!(page.missing.iter().all(|m| !m.missing_years.is_empty() || m.missing_jpm));
    // Every box lists its people with inputs that give exactly that box.
    let settings = page.settings;
    let mut seen = HashSet::new();
    for n in 1..=9u8 {
        let page = talent::talent_page(&db, &hr, &TalentFilter::default(), Some(n)).await.unwrap();
        assert_eq!(page.people.len() as u32, page.counts[usize::from(n - 1)]);
        for p in &page.people {
            assert!(seen.insert(p.nip.clone()), "{} in two boxes", p.nip);
            let predikats: Vec<_> = p.predikats.iter().map(|(_, k)| *k).collect();
            let performance = performance_band(&predikats).unwrap();
            let potential = potential_band(p.jpm, &settings);
            assert_eq!((p.box_number, box_axes(n)), (n, Some((performance, potential))));
            assert_eq!(nine_box(p.performance, p.potential), n);
        }
    }
    assert_eq!(seen.len() as u32, placed);
    // A box outside 1–9 lists nobody.
    assert!(talent::talent_page(&db, &hr, &TalentFilter::default(), Some(10)).await.unwrap().people.is_empty());
}

#[tokio::test]
async fn a_supervisor_sees_their_subtree_only_and_an_employee_nothing() {
    let (db, logins, _) = demo().await;
    let me = viewer(&logins["pegawai"], vec![]);
    assert!(matches!(
        talent::talent_page(&db, &me, &TalentFilter::default(), None).await,
        Err(ServiceError::Forbidden)
    ));
    let trainer = viewer(&logins["pelatih"], vec![Role::Trainer]);
    assert!(matches!(
        talent::talent_page(&db, &trainer, &TalentFilter::default(), None).await,
        Err(ServiceError::Forbidden)
    ));
    let above = viewer(&logins["pimpinan"], vec![Role::Supervisor]);
    let below: HashSet<String> = db.hierarchy().await.unwrap().descendants(&above.nip).into_iter().collect();
    // A unit asked for by a supervisor is ignored: the scope stays theirs.
    let page = talent::talent_page(&db, &above, &TalentFilter::unit("tidak-ada"), None).await.unwrap();
    assert!(page.units.is_empty() && page.filter.unit.is_none());
    assert_eq!(page.counts.iter().sum::<u32>() + page.missing_count, below.len() as u32);
    for n in 1..=9u8 {
        let page = talent::talent_page(&db, &above, &TalentFilter::default(), Some(n)).await.unwrap();
        assert!(page.people.iter().all(|p| below.contains(&p.nip)));
    }
    // HR narrows to a unit; an unknown unit is not found.
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let unit = &page_units(&db, &hr).await[1];
    let narrowed = talent::talent_page(&db, &hr, &TalentFilter::unit(unit), None).await.unwrap();
    let all = talent::talent_page(&db, &hr, &TalentFilter::default(), None).await.unwrap();
    assert!(
        narrowed.counts.iter().sum::<u32>() + narrowed.missing_count
            < all.counts.iter().sum::<u32>() + all.missing_count
    );
    assert!(matches!(
        talent::talent_page(&db, &hr, &TalentFilter::unit("tidak-ada"), None).await,
        Err(ServiceError::NotFound)
    ));
}

async fn page_units(db: &Db, hr: &Viewer) -> Vec<String> {
    talent::talent_page(db, hr, &TalentFilter::default(), None)
        .await
        .unwrap()
        .units
        .into_iter()
        .map(|(k, _, _)| k)
        .collect()
}

#[tokio::test]
async fn hr_keeps_the_settings_as_versions_and_bad_input_changes_nothing() {
    let (db, logins, _) = demo().await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let head = viewer(&logins["kepala"], vec![Role::Head]);
    assert!(matches!(
        talent::save_talent_settings(&db, &head, &form("1", "85", "70")).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        talent::save_talent_settings(&db, &hr, &form("5", "85", "70")).await,
        Err(ServiceError::Invalid { text: T::TalentSettingsYears, .. })
    ));
    assert!(matches!(
        talent::save_talent_settings(&db, &hr, &form("1", "70", "85")).await,
        Err(ServiceError::Invalid { text: T::TalentSettingsThresholds, .. })
    ));
    assert_eq!(talent::talent_settings(&db).await.unwrap().version, 1);
    let before = talent::talent_page(&db, &hr, &TalentFilter::default(), None).await.unwrap();
    let saved = talent::save_talent_settings(&db, &hr, &form("1", "60", "40")).await.unwrap();
    assert_eq!((saved.version, saved.potential_high, saved.potential_low), (2, 60.0, 40.0));
    // Lower thresholds move people up the potential axis, never down.
    let after = talent::talent_page(&db, &hr, &TalentFilter::default(), None).await.unwrap();
    let high = |c: &[u32]| c[5] + c[7] + c[8];
    assert!(high(&after.counts) >= high(&before.counts));
    assert_eq!(after.settings.version, 2);
    let audit = crate::repo::audit::for_subject(&db, "setting:talent", 5).await.unwrap();
    assert!(audit.iter().any(|a| a.action == "talent.settings"), "the change is audited");
}

#[tokio::test]
async fn potential_weighs_education_and_development_when_hr_says_so() {
    let (db, logins, _) = demo().await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let nip = |n: &str| domain::Nip::parse(n).unwrap();
    let counts = talent::talent_page(&db, &hr, &TalentFilter::default(), None).await.unwrap().counts;
    let fullest = (1..=9u8).max_by_key(|n| counts[usize::from(n - 1)]).unwrap();
    let before = talent::talent_page(&db, &hr, &TalentFilter::default(), Some(fullest)).await.unwrap();
    assert!(before.people.len() >= 2, "the demo's fullest box has people: {counts:?}");
    let someone = before.people[0].clone();
    assert_eq!(someone.potential_score, someone.jpm, "by default potential is the JPM alone");
    // Weights that do not add up to 100 (or leave the competency out) change nothing.
    for w in [["50", "25", "24"], ["0", "50", "50"], ["50", "x", "50"]] {
        let bad = SettingsForm { weights: Some(w), ..form("2", "90", "78") };
        assert!(matches!(
            talent::save_talent_settings(&db, &hr, &bad).await,
            Err(ServiceError::Invalid { text: T::TalentSettingsWeights, .. })
        ));
    }
    assert_eq!(talent::talent_settings(&db).await.unwrap().version, 1);
    // Someone completes a catalog training in their plan; someone else has no education on record.
    let (code, jp): (String, u32) = db
        .rows::<(String, u32)>("SELECT VALUE [code, jp] FROM training WHERE active LIMIT 1;", serde_json::json!({}))
        .await
        .unwrap()
        .remove(0);
    let due = crate::services::skp::today().to_string();
    db.run(
        "CREATE plan_item CONTENT { employee: type::record('employee', $nip), training: $code, title: 'Pelatihan',
            due: $due, status: 'done', approval: 'approved' };
         UPDATE type::record('employee', $other) SET education = NONE;",
        serde_json::json!({ "nip": someone.nip, "code": code, "due": due, "other": before.people[1].nip }),
    )
    .await
    .unwrap();
    let even = SettingsForm { weights: Some(["50", "25", "25"]), ..form("2", "90", "78") };
    let saved = talent::save_talent_settings(&db, &hr, &even).await.unwrap();
    assert_eq!(saved.weights, PotentialWeights { competency: 50, qualification: 25, track_record: 25 });
    // Everyone placed has a potential score that is the weighted mean of their parts, and the band of that score.
    let all = talent::talent_page(&db, &hr, &TalentFilter::default(), None).await.unwrap();
    let mut checked = 0;
    for n in 1..=9u8 {
        for p in talent::talent_page(&db, &hr, &TalentFilter::default(), Some(n)).await.unwrap().people {
            let education = p.education.expect("placed only with an education");
            let expected =
                (50.0 * p.jpm + 25.0 * qualification_score(education) + 25.0 * track_record_score(p.training_jp))
                    / 100.0;
            assert!((p.potential_score - expected).abs() < 0.01, "{}: {} vs {expected}", p.nip, p.potential_score);
            assert_eq!(p.potential, potential_band(p.potential_score, &saved));
            checked += 1;
        }
    }
    assert_eq!(checked, all.counts.iter().sum::<u32>());
    let own = talent::person_talent(&db, &hr, &nip(&someone.nip)).await.unwrap().placed.unwrap();
    assert!(own.training_jp >= jp, "the completed training counts: {} < {jp}", own.training_jp);
    let missing = talent::person_talent(&db, &hr, &nip(&before.people[1].nip)).await.unwrap();
    assert!(missing.placed.is_none() && missing.missing_education && !missing.missing_jpm);
    assert!(all.missing.iter().any(|m| m.nip == before.people[1].nip && m.missing_education));
    // Completed development moves no version: with a track-record weight the next matrix still counts a new one.
    let jp_on_page = |page: domain::view::TalentPage| page.people.into_iter().find(|p| p.nip == someone.nip);
    let listed = jp_on_page(talent::talent_export(&db, &hr, &TalentFilter::default()).await.unwrap()).expect("placed");
    assert_eq!(listed.training_jp, own.training_jp);
    db.run(
        "CREATE plan_item CONTENT { employee: type::record('employee', $nip), training: $code, title: 'Lagi',
            due: $due, status: 'done', approval: 'approved' };",
        serde_json::json!({ "nip": someone.nip, "code": code, "due": due }),
    )
    .await
    .unwrap();
    let all_boxes = talent::talent_export(&db, &hr, &TalentFilter::default()).await.unwrap();
    let again = jp_on_page(all_boxes).expect("still placed");
    assert_eq!(again.training_jp, listed.training_jp + jp, "the second training counts at once");
}

#[tokio::test]
async fn the_matrix_follows_a_change_of_the_report_settings_at_once() {
    let (db, logins, _) = demo().await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let nip = |n: &str| domain::Nip::parse(n).unwrap();
    let counts = talent::talent_page(&db, &hr, &TalentFilter::default(), None).await.unwrap().counts;
    let fullest = (1..=9u8).max_by_key(|n| counts[usize::from(n - 1)]).unwrap();
    let before = talent::talent_page(&db, &hr, &TalentFilter::default(), Some(fullest)).await.unwrap().people;
    // The JPMs of the latest round are read once and kept; uncapping the JPM must show in the next matrix.
    let mut settings = crate::services::report::reference(&db).await.unwrap().settings;
    assert!(settings.jpm.cap_at_100, "the demo caps the JPM at 100");
    settings.jpm.cap_at_100 = false;
    crate::services::report::save_report_settings(&db, &hr, &settings).await.unwrap();
    let after: HashMap<String, f64> = talent::talent_page(&db, &hr, &TalentFilter::default(), Some(fullest))
        .await
        .unwrap()
        .people
        .into_iter()
        .map(|p| (p.nip, p.jpm))
        .collect();
    let mut changed = 0;
    for p in &before {
        let Some(now) = after.get(&p.nip) else { continue };
        let own = talent::person_talent(&db, &hr, &nip(&p.nip)).await.unwrap().placed.unwrap();
        assert_eq!(own.jpm, *now, "{}: the matrix and the profile agree", p.nip);
        changed += usize::from(*now != p.jpm);
    }
    assert!(changed > 0, "someone's JPM was capped at 100 before");
}

#[tokio::test]
async fn the_matrix_follows_a_changed_predikat_and_a_deactivation_at_once() {
    let (db, logins, employees) = demo().await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let page = talent::talent_page(&db, &hr, &TalentFilter::default(), None).await.unwrap();
    let fullest = (1..=9u8).max_by_key(|n| page.counts[usize::from(n - 1)]).unwrap();
    let people = talent::talent_page(&db, &hr, &TalentFilter::default(), Some(fullest)).await.unwrap().people;
    let p = people[0].clone();
    // An objection decided after the close changes the final predikat of both years: the next matrix moves them.
    let (to, band) = if p.performance == domain::skp::Rating::Below {
        ("sangat_baik", domain::skp::Rating::Above)
    } else {
        ("sangat_kurang", domain::skp::Rating::Below)
    };
    db.run(
        "UPDATE skp_eval SET predikat = $to WHERE employee = type::record('employee', $nip) AND predikat != NONE;",
        serde_json::json!({ "to": to, "nip": p.nip }),
    )
    .await
    .unwrap();
    let moved = nine_box(band, p.potential);
    assert_ne!(moved, fullest);
    let now = talent::talent_page(&db, &hr, &TalentFilter::default(), Some(moved)).await.unwrap();
    assert!(now.people.iter().any(|q| q.nip == p.nip), "{} is in box {moved} now", p.nip);
    // Someone deactivated leaves the matrix at once.
    db.run("UPDATE type::record('employee', $nip) SET active = false;", serde_json::json!({ "nip": people[1].nip }))
        .await
        .unwrap();
    let after = talent::talent_page(&db, &hr, &TalentFilter::default(), None).await.unwrap();
    assert_eq!(after.counts.iter().sum::<u32>() + after.missing_count, employees as u32 - 1);
}

#[tokio::test]
async fn a_persons_box_on_their_profile_matches_the_matrix_and_is_read_like_their_report() {
    let (db, logins, _) = demo().await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let nip = |n: &str| domain::Nip::parse(n).unwrap();
    // Everyone listed in a box has that box on their profile, with the same inputs.
    for n in [2u8, 5, 8] {
        let page = talent::talent_page(&db, &hr, &TalentFilter::default(), Some(n)).await.unwrap();
        for p in page.people.iter().take(5) {
            let own = talent::person_talent(&db, &hr, &nip(&p.nip)).await.unwrap();
            assert_eq!(own.placed.as_ref(), Some(p));
            assert!(own.missing_years.is_empty() && !own.missing_jpm);
        }
    }
    // Someone without enough data sees what is missing, as the matrix lists it.
    let all = talent::talent_page(&db, &hr, &TalentFilter::default(), None).await.unwrap();
    if let Some(m) = all.missing.first() {
        let own = talent::person_talent(&db, &hr, &nip(&m.nip)).await.unwrap();
        assert!(own.placed.is_none());
        assert_eq!((own.missing_years.clone(), own.missing_jpm), (m.missing_years.clone(), m.missing_jpm));
    }
    // The employee reads their own; a colleague's is not theirs to read.
    let me = viewer(&logins["pegawai"], vec![]);
    talent::person_talent(&db, &me, &nip(&me.nip)).await.unwrap();
    let boss = db.hierarchy().await.unwrap().supervisor(&me.nip).unwrap().to_string();
    let peer = db.hierarchy().await.unwrap().direct_reports(&boss).iter().find(|p| **p != me.nip).unwrap().clone();
    assert!(matches!(talent::person_talent(&db, &me, &nip(&peer)).await, Err(ServiceError::Forbidden)));
    assert!(talent::person_talent(&db, &viewer(&boss, vec![Role::Supervisor]), &nip(&me.nip)).await.is_ok());
}

#[tokio::test]
async fn a_calibration_moves_people_only_with_a_reason_keeps_both_boxes_and_closing_fixes_them() {
    let (db, logins, _) = demo().await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let head = viewer(&logins["kepala"], vec![Role::Head]);
    let nip = |n: &str| domain::Nip::parse(n).unwrap();
    // Only HR and the head calibrate, or read a session.
    for other in [
        viewer(&logins["pegawai"], vec![]),
        viewer(&logins["pimpinan"], vec![Role::Supervisor]),
        viewer(&logins["pelatih"], vec![Role::Trainer]),
    ] {
        assert!(matches!(talent::calibrations_page(&db, &other).await, Err(ServiceError::Forbidden)));
    }
    let page = talent::calibrations_page(&db, &hr).await.unwrap();
    assert!(page.sessions.is_empty());
    let year = page.years[0];
    assert_eq!(year, time::OffsetDateTime::now_utc().year() - 1, "the newest closed year first");
    let root = page.units.iter().min_by_key(|(_, _, d)| *d).unwrap().0.clone();
    // Bad input opens nothing.
    assert!(matches!(
        talent::open_calibration(&db, &hr, &root, "1999").await,
        Err(ServiceError::Invalid { text: T::CalibrationYear, .. })
    ));
    assert!(matches!(
        talent::open_calibration(&db, &hr, "tidak-ada", &year.to_string()).await,
        Err(ServiceError::Invalid { text: T::CalibrationUnit, .. })
    ));
    let pelatih = viewer(&logins["pelatih"], vec![Role::Trainer]);
    assert!(matches!(
        talent::open_calibration(&db, &pelatih, &root, &year.to_string()).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(talent::calibrations_page(&db, &hr).await.unwrap().sessions.is_empty());

    let id = talent::open_calibration(&db, &hr, &root, &year.to_string()).await.unwrap();
    assert!(matches!(
        talent::open_calibration(&db, &head, &root, &year.to_string()).await,
        Err(ServiceError::Conflict(T::CalibrationOpenAlready))
    ));
    // The session holds everyone placed in the matrix but its opener, each in the box the matrix gives.
    let matrix = talent::talent_page(&db, &hr, &TalentFilter::default(), None).await.unwrap();
    let session = talent::calibration_page(&db, &head, &id, None).await.unwrap();
    assert_eq!(session.before, session.after);
    let hr_placed = talent::person_talent(&db, &hr, &nip(&hr.nip)).await.unwrap().placed.map(|p| p.box_number);
    let mut expected = matrix.counts.clone();
    if let Some(b) = hr_placed {
        expected[usize::from(b - 1)] -= 1;
    }
    assert_eq!(session.before, expected);
    assert_eq!(session.session.people, expected.iter().sum::<u32>());
    assert!(session.people.iter().all(|p| p.original == p.calibrated && p.nip != hr.nip));
    let by_box = talent::calibration_page(&db, &head, &id, Some(5)).await.unwrap();
    assert_eq!(by_box.matching, session.after[4]);
    assert!(by_box.people.iter().all(|p| p.calibrated == 5));

    // A move needs another box and a written reason; nobody moves themselves.
    let p = session.people.iter().find(|p| p.nip != head.nip).unwrap().clone();
    let to = if p.calibrated == 9 { 8 } else { 9 };
    let moving = |who: Viewer, to: String, reason: &'static str| {
        let (db, id, target) = (db.clone(), id.clone(), nip(&p.nip));
        async move { talent::move_in_calibration(&db, &who, &id, &target, &to, reason).await }
    };
    assert!(matches!(
        moving(head.clone(), to.to_string(), "  alasan ").await,
        Err(ServiceError::Invalid { text: T::CalibrationReason, .. })
    ));
    assert!(matches!(
        moving(head.clone(), p.calibrated.to_string(), "Kinerja konsisten di atas target").await,
        Err(ServiceError::Invalid { text: T::CalibrationUnchanged, .. })
    ));
    assert!(matches!(
        moving(head.clone(), "10".into(), "Kinerja konsisten di atas target").await,
        Err(ServiceError::Invalid { text: T::CalibrationBox, .. })
    ));
    assert!(matches!(
        moving(pelatih.clone(), to.to_string(), "Kinerja konsisten di atas target").await,
        Err(ServiceError::Forbidden)
    ));
    if session.people.iter().any(|e| e.nip == head.nip) {
        let own =
            talent::move_in_calibration(&db, &head, &id, &nip(&head.nip), "9", "Saya layak di kotak sembilan").await;
        assert!(matches!(own, Err(ServiceError::Forbidden)));
    }
    let unchanged = talent::calibration_page(&db, &head, &id, None).await.unwrap();
    assert!(unchanged.moves.is_empty() && unchanged.after == unchanged.before, "refused moves change nothing");
    moving(head.clone(), to.to_string(), "Memimpin proyek lintas unit dengan hasil nyata").await.unwrap();

    // Both boxes are kept, the distribution shows the move, the move is listed and audited.
    let moved = talent::calibration_page(&db, &hr, &id, None).await.unwrap();
    let entry = moved.people.iter().find(|e| e.nip == p.nip).unwrap();
    assert_eq!((entry.original, entry.calibrated), (p.original, to));
    let mut after = moved.before.clone();
    after[usize::from(p.original - 1)] -= 1;
    after[usize::from(to - 1)] += 1;
    assert_eq!(moved.after, after);
    assert_eq!(moved.moves.len(), 1);
    let m = &moved.moves[0];
    assert_eq!((m.from, m.to, m.reason.as_str()), (p.original, to, "Memimpin proyek lintas unit dengan hasil nyata"));
    let audit = crate::repo::audit::for_subject(&db, &format!("employee:{}", p.nip), 5).await.unwrap();
    assert!(audit.iter().any(|a| a.action == "calibration.move"), "the move is audited");
    // Until the session closes, the matrix keeps the box the inputs give.
    let own = talent::person_talent(&db, &hr, &nip(&p.nip)).await.unwrap().placed.unwrap();
    assert_eq!((own.box_number, own.calibrated), (p.original, None));

    // Closing fixes the calibrated boxes; a closed session is final.
    talent::close_calibration(&db, &head, &id).await.unwrap();
    assert!(matches!(
        talent::close_calibration(&db, &hr, &id).await,
        Err(ServiceError::Conflict(T::CalibrationClosed))
    ));
    assert!(matches!(
        moving(hr.clone(), p.original.to_string(), "Kembalikan ke kotak semula saja").await,
        Err(ServiceError::Conflict(T::CalibrationClosed))
    ));
    let reopen = "UPDATE type::record('calibration', $id) SET state = 'open';";
    assert!(db.run(reopen, serde_json::json!({ "id": id })).await.is_err(), "the database refuses it too");
    let closed = talent::calibration_page(&db, &hr, &id, None).await.unwrap();
    assert!(!closed.may_change && closed.session.closed_at.is_some());
    let own = talent::person_talent(&db, &hr, &nip(&p.nip)).await.unwrap().placed.unwrap();
    let reason = "Memimpin proyek lintas unit dengan hasil nyata".to_string();
    assert_eq!((own.box_number, own.calibrated.clone()), (to, Some((p.original, reason.clone()))));
    let listed = talent::talent_page(&db, &hr, &TalentFilter::default(), Some(to)).await.unwrap();
    let row = listed.people.iter().find(|r| r.nip == p.nip).unwrap();
    assert_eq!(row.calibrated, Some((p.original, reason)));
    let now = talent::talent_page(&db, &hr, &TalentFilter::default(), None).await.unwrap();
    assert_eq!(now.counts[usize::from(to - 1)], matrix.counts[usize::from(to - 1)] + 1);
    assert_eq!(now.counts.iter().sum::<u32>(), matrix.counts.iter().sum::<u32>(), "nobody appears or vanishes");
    let listing = talent::calibrations_page(&db, &hr).await.unwrap();
    assert_eq!(listing.sessions.len(), 1);
    assert_eq!((listing.sessions[0].moves, listing.sessions[0].state), (1, domain::talent::CalibrationState::Closed));
}

#[tokio::test]
async fn the_matrix_narrows_to_a_position_type_and_a_minimum_rank() {
    let (db, logins, _) = demo().await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let all = talent::talent_page(&db, &hr, &TalentFilter::default(), None).await.unwrap();
    let facts: HashMap<String, (Option<String>, String)> = crate::repo::programme::active_facts(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|f| (f.nip.clone(), (f.kind.clone(), f.rank.clone())))
        .collect();
    let min = domain::Rank::IIc;
    let fits = |nip: &str| {
        let (kind, rank) = &facts[nip];
        kind.as_deref() == Some("pelaksana") && domain::Rank::parse(rank).is_some_and(|r| r >= min)
    };
    let filter =
        TalentFilter { kind: Some(domain::PositionKind::Pelaksana), min_rank: Some(min), ..TalentFilter::default() };
    let narrowed = talent::talent_page(&db, &hr, &filter, None).await.unwrap();
    assert_eq!(narrowed.filter, filter);
    let total = |p: &domain::view::TalentPage| p.counts.iter().sum::<u32>() + p.missing_count;
    assert_eq!(total(&narrowed) as usize, facts.keys().filter(|n| fits(n)).count(), "everyone who fits, nobody else");
    assert!(total(&narrowed) > 0 && total(&narrowed) < total(&all));
    for n in 1..=9u8 {
        let page = talent::talent_page(&db, &hr, &filter, Some(n)).await.unwrap();
        assert!(page.people.iter().all(|p| fits(&p.nip)));
    }
    assert!(narrowed.missing.iter().all(|m| fits(&m.nip)));
    assert_eq!(filter.href(Some(5)), "/talent?kind=pelaksana&rank=II/c&box=5");
}
