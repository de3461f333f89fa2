//! Service tests of reports, the training catalog, needs analysis and development plans against `mem://`.

use crate::db::{Db, DbConfig, open};
use crate::error::ServiceError;
use crate::repo::report as report_repo;
use crate::repo::training as training_repo;
use crate::services::seed;
use crate::services::test_support::{demo_agency, viewer};
use crate::services::{plan, report, training};
use domain::Role;
use domain::plan::{PlanApproval, PlanStatus};
use domain::report as rep;
use domain::training as tr;
use domain::view::ReportSettings;
use i18n::T;
use std::collections::HashMap;

/// A NIP the test knows to be valid.
fn nip(text: &str) -> domain::Nip {
    domain::Nip::parse(text).unwrap()
}

/// A demo agency with the demo rounds (two closed, one open).
async fn demo(n: usize) -> (Db, HashMap<String, String>) {
    let (db, logins, _) = demo_agency(n, 3, false).await;
    (db, logins)
}

#[tokio::test]
async fn the_catalog_is_seeded_once_with_the_leadership_programmes() {
    let db = open(&DbConfig::memory()).await.unwrap();
    let all = training_repo::trainings(&db).await.unwrap();
    assert!((38..=45).contains(&all.len()), "{}", all.len());
    for code in ["PKP", "PKA", "PKN2"] {
        assert!(all.iter().any(|t| t.code == code), "{code}");
    }
    for mode in domain::view::TRAINING_MODES {
        assert!(all.iter().any(|t| t.mode == mode), "{mode}");
    }
    training::ensure_catalog(&db).await.unwrap();
    assert_eq!(training_repo::trainings(&db).await.unwrap().len(), all.len());
}

#[tokio::test]
async fn reports_are_readable_by_the_person_those_above_and_hr_only() {
    let (db, logins) = demo(150).await;
    let me = viewer(&logins["pegawai"], vec![]);
    let boss = viewer(&logins["atasan"], vec![Role::Supervisor]);
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let page = report::report_page(&db, &me, &nip(&me.nip), None).await.unwrap();
    assert_eq!(page.nip, logins["pegawai"]);
    assert_eq!(page.rounds.len(), 2, "two closed rounds, newest first");
    assert_eq!(page.round_key.as_deref(), Some(seed::feedback::CLOSED_ROUND));
    assert_eq!(page.history.len(), 2);
    assert_eq!(page.history[0].round_key, seed::feedback::PREVIOUS_ROUND);
    let data = page.data.as_ref().unwrap();
    assert_eq!(data.competencies.len(), 9);
    assert_eq!(page.items.len(), 9);
    assert!(page.items.iter().all(|i| i.len() == 3));
    assert!(data.competencies.iter().all(|c| c.items.len() == 3 && c.required > 0));
    assert!(page.catalog.len() > 30 && page.is_self);
    // An older round can be chosen; an unknown one is not found.
    let old = report::report_page(&db, &me, &nip(&me.nip), Some(seed::feedback::PREVIOUS_ROUND)).await.unwrap();
    assert_eq!(old.round_name, page.history[0].round_name);
    assert!(matches!(
        report::report_page(&db, &me, &nip(&me.nip), Some("demo-open")).await,
        Err(ServiceError::NotFound)
    ));
    // The supervisor and HR read it; a colleague does not.
    assert!(!report::report_page(&db, &boss, &nip(&me.nip), None).await.unwrap().is_self);
    assert!(report::report_page(&db, &hr, &nip(&me.nip), None).await.is_ok());
    let peer =
        crate::repo::org::direct_reports(&db, &boss.nip).await.unwrap().into_iter().find(|p| p.nip != me.nip).unwrap();
    let colleague = viewer(&peer.nip, vec![]);
    assert!(matches!(report::report_page(&db, &colleague, &nip(&me.nip), None).await, Err(ServiceError::Forbidden)));
    assert!(matches!(plan::plan_page(&db, &colleague, &nip(&me.nip)).await, Err(ServiceError::Forbidden)));
    // The supervisor cannot read their own supervisor's report.
    let chain = db.hierarchy().await.unwrap().chain(&boss.nip);
    assert!(matches!(report::report_page(&db, &boss, &nip(&chain[0]), None).await, Err(ServiceError::Forbidden)));
}

#[tokio::test]
async fn item_results_respect_the_threshold_of_their_competency() {
    let (db, _) = demo(150).await;
    let mut shown_items = 0;
    for (nip, _) in report_repo::round_summaries(&db, seed::feedback::CLOSED_ROUND).await.unwrap() {
        let data = crate::repo::feedback::result(&db, seed::feedback::CLOSED_ROUND, &nip).await.unwrap().unwrap();
        for c in &data.competencies {
            for item in &c.items {
                for (ig, cg) in item.iter().zip(&c.groups) {
                    assert_eq!(ig.group, cg.group);
                    if ig.is_shown() {
                        shown_items += 1;
                        assert!(cg.is_shown(), "an item is shown only where its competency is");
                        assert!(ig.count <= cg.count);
                        if ig.group.is_anonymous() {
                            assert!(ig.count >= data.threshold);
                        }
                    }
                }
            }
        }
    }
    assert!(shown_items > 1000);
}

#[tokio::test]
async fn trainings_are_validated_and_csv_import_is_all_or_nothing() {
    let (db, logins) = demo(60).await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let me = viewer(&logins["pegawai"], vec![]);
    let before = training_repo::trainings(&db).await.unwrap().len();
    let input = training::TrainingInput {
        code: "tek-01".into(),
        title_id: "Analisis Jabatan".into(),
        title_en: "Job Analysis".into(),
        provider: "BKN".into(),
        mode: "classroom".into(),
        competencies: vec!["M.08".into()],
        level_min: "2".into(),
        level_max: "3".into(),
        jp: "24".into(),
        cost: "Rp 2.500.000".into(),
        active: true,
    };
    assert!(matches!(training::save_training(&db, &me, &input, None).await, Err(ServiceError::Forbidden)));
    let bad = training::TrainingInput { level_min: "4".into(), ..input.clone() };
    assert!(matches!(
        training::save_training(&db, &hr, &bad, None).await,
        Err(ServiceError::Invalid { field: "level_min", .. })
    ));
    let bad = training::TrainingInput { competencies: vec!["X.99".into()], ..input.clone() };
    assert!(matches!(training::save_training(&db, &hr, &bad, None).await, Err(ServiceError::Invalid { .. })));
    assert_eq!(training_repo::trainings(&db).await.unwrap().len(), before);
    assert_eq!(training::save_training(&db, &hr, &input, None).await.unwrap(), "TEK-01");
    let saved = training_repo::training(&db, "TEK-01").await.unwrap().unwrap();
    assert_eq!((saved.cost, saved.jp, saved.mode.as_str()), (2_500_000, 24, "classroom"));
    assert!(matches!(
        training::save_training(&db, &hr, &input, None).await,
        Err(ServiceError::Conflict(T::FbDuplicate))
    ));
    // CSV: one bad row → nothing imported, every error reported with its line.
    let csv = "code;title_id;title_en;provider;mode;competencies;level_min;level_max;jp;cost\n\
               CSV-1;\"Rapat yang efektif; singkat\";Effective meetings;BPSDM;e-learning;M.03|M.02;1;2;8;0\n\
               CSV-2;Kepemimpinan;Leadership;LAN;kelas;M.06;2;3;16;1000000\n\
               CSV-3;;No title;LAN;coaching;M.06;2;3;16;0\n";
    let report = training::import_csv(&db, &hr, csv).await.unwrap();
    assert_eq!(report.imported, 0);
    assert_eq!(report.problems.iter().map(|e| e.line).collect::<Vec<_>>(), vec![3, 4]);
    assert_eq!(report.problems[0].column.as_deref(), Some("mode"));
    assert!(training_repo::training(&db, "CSV-1").await.unwrap().is_none());
    let good = "code,title_id,title_en,provider,mode,competencies,level_min,level_max,jp,cost\n\
                CSV-1,\"Rapat yang efektif, singkat\",Effective meetings,BPSDM,e-learning,M.03|M.02,1,2,8,0\n\
                TEK-01,Analisis Jabatan Lanjutan,Advanced job analysis,BKN,classroom,M.08,3,4,32,3000000\n";
    let report = training::import_csv(&db, &hr, good).await.unwrap();
    assert_eq!((report.imported, report.updated, report.problems.len()), (1, 1, 0));
    let t = training_repo::training(&db, "CSV-1").await.unwrap().unwrap();
    assert_eq!(t.title.id, "Rapat yang efektif, singkat");
    assert_eq!(t.competencies, vec!["M.03", "M.02"]);
    assert_eq!(training_repo::training(&db, "TEK-01").await.unwrap().unwrap().level_max, 4);
    let audit = crate::repo::audit::for_subject(&db, "training:TEK-01", 10).await.unwrap();
    assert_eq!(audit.len(), 2);
}

#[tokio::test]
async fn the_needs_analysis_and_budget_plan_cover_the_scope() {
    let (db, logins) = demo(200).await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let boss = viewer(&logins["atasan"], vec![Role::Supervisor]);
    let me = viewer(&logins["pegawai"], vec![]);
    assert!(matches!(training::needs_page(&db, &me, None, None, "rupiah").await, Err(ServiceError::Forbidden)));
    let all = training::needs_page(&db, &hr, None, Some(50_000_000), "rupiah").await.unwrap();
    assert_eq!(all.people, 200);
    assert!(all.people_with_gaps > 20, "{}", all.people_with_gaps);
    assert!(!all.rows.is_empty());
    assert!(all.rows.windows(2).all(|w| w[0].gap_closed >= w[1].gap_closed));
    let plan = all.plan.as_ref().unwrap();
    assert!(plan.spent <= 50_000_000 && plan.gap_closed > 0.0 && plan.gap_closed <= plan.total_gap);
    // A supervisor sees their subtree only, whatever unit they ask for.
    let mine = training::needs_page(&db, &boss, Some("unknown"), None, "jp").await.unwrap();
    let subtree = db.hierarchy().await.unwrap().descendants(&boss.nip).len() as u32 + 1;
    assert_eq!(mine.people, subtree);
    assert!(mine.units.is_empty() && mine.plan.is_none());
    // A JP budget.
    let jp = training::needs_page(&db, &hr, None, Some(200), "jp").await.unwrap();
    assert!(jp.plan.unwrap().spent <= 200);
}

#[tokio::test]
async fn a_plan_activity_goes_from_added_to_approved_to_done_with_an_audit_trail() {
    let (db, logins) = demo(150).await;
    let me = viewer(&logins["pegawai"], vec![]);
    let boss = viewer(&logins["atasan"], vec![Role::Supervisor]);
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let report = report::report_page(&db, &me, &nip(&me.nip), None).await.unwrap();
    // Recommend from the report's own data, as the page does.
    let settings = report.settings;
    let levels: Vec<(String, Option<f64>, u8)> = report
        .data
        .as_ref()
        .unwrap()
        .competencies
        .iter()
        .zip(&report.kinds)
        .map(|(c, k)| {
            let admin = report.targets.iter().find(|t| t.0 == "administrator").map(|t| t.2);
            (
                c.code.clone(),
                rep::combine(&c.groups, &settings.weights).map(|c| c.score),
                rep::target_required(c.required, *k, admin),
            )
        })
        .collect();
    let fits: Vec<tr::TrainingFit> = report.catalog.iter().map(|t| t.fit()).collect();
    let recs = tr::recommend(&tr::needs(&levels), &fits);
    assert!(!recs.is_empty(), "the demo employee has gaps against an Administrator position");
    let code = recs[0].training.clone();
    assert!(matches!(
        plan::add_plan_item(&db, &me, Some(&code), None, None, "2026-02-30", None).await,
        Err(ServiceError::Invalid { field: "due", .. })
    ));
    let key =
        plan::add_plan_item(&db, &me, Some(&code), None, None, "2027-03-31", Some("administrator")).await.unwrap();
    assert!(matches!(
        plan::add_plan_item(&db, &me, Some(&code), None, None, "2027-03-31", None).await,
        Err(ServiceError::Conflict(T::FbDuplicate))
    ));
    let own =
        plan::add_plan_item(&db, &me, None, Some("Membaca buku tentang negosiasi"), Some("M.03"), "2027-01-15", None)
            .await
            .unwrap();
    let page = plan::plan_page(&db, &me, &nip(&me.nip)).await.unwrap();
    assert_eq!(page.items.len(), 2);
    let planned = page.items.iter().find(|i| i.key == key).unwrap();
    assert!(planned.gap.is_some_and(|g| g < 0.0), "the gap against the target is kept: {planned:?}");
    assert_eq!(page.items[0].key, own, "ordered by due date");
    assert_eq!(page.progress, 0.0);
    // Only a supervisor above (or HR) reviews; a comment needs text; the owner cannot approve.
    assert!(matches!(plan::review_plan_item(&db, &me, &key, true, "").await, Err(ServiceError::Forbidden)));
    assert!(matches!(plan::review_plan_item(&db, &boss, &key, false, " ").await, Err(ServiceError::Invalid { .. })));
    let boss_page = plan::plan_page(&db, &boss, &nip(&boss.nip)).await.unwrap();
    assert!(boss_page.team.iter().any(|(n, _, c)| *n == me.nip && *c == 2));
    plan::review_plan_item(&db, &boss, &key, true, "Setuju, daftarkan di batch berikutnya.").await.unwrap();
    let view = plan::plan_page(&db, &boss, &nip(&me.nip)).await.unwrap();
    assert!(view.can_review && !view.is_owner);
    let item = view.items.iter().find(|i| i.key == key).unwrap();
    assert_eq!(item.approval, PlanApproval::Approved);
    // The supervisor cannot change the status; done needs evidence.
    assert!(matches!(plan::update_plan_item(&db, &boss, &key, "done", "x", None).await, Err(ServiceError::Forbidden)));
    assert!(matches!(
        plan::update_plan_item(&db, &me, &key, "done", "  ", None).await,
        Err(ServiceError::Invalid { field: "evidence", .. })
    ));
    plan::update_plan_item(&db, &me, &key, "done", "Sertifikat no. 123/2027", None).await.unwrap();
    plan::update_plan_item(&db, &me, &own, "in_progress", "", None).await.unwrap();
    let page = plan::plan_page(&db, &me, &nip(&me.nip)).await.unwrap();
    assert_eq!(page.progress, 75.0);
    let done = page.items.iter().find(|i| i.key == key).unwrap();
    assert_eq!((done.status, done.approval), (PlanStatus::Done, PlanApproval::Approved));
    // Moving the due date asks for approval again; done stays on record.
    plan::review_plan_item(&db, &hr, &own, true, "").await.unwrap();
    plan::update_plan_item(&db, &me, &own, "in_progress", "", Some("2027-02-01")).await.unwrap();
    let page = plan::plan_page(&db, &me, &nip(&me.nip)).await.unwrap();
    assert_eq!(page.items.iter().find(|i| i.key == own).unwrap().approval, PlanApproval::Pending);
    assert!(matches!(plan::remove_plan_item(&db, &me, &key).await, Err(ServiceError::Conflict(_))));
    let audit = crate::repo::audit::for_subject(&db, &format!("employee:{}", me.nip), 50).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).filter(|a| a.starts_with("plan.")).collect();
    assert_eq!(actions.len(), 7, "{actions:?}");
    assert!(actions.contains(&"plan.approve"));
}

#[tokio::test]
async fn report_settings_are_validated_and_change_the_scores() {
    let (db, logins) = demo(60).await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let me = viewer(&logins["pegawai"], vec![]);
    let mut s = ReportSettings::default();
    assert!(matches!(report::save_report_settings(&db, &me, &s).await, Err(ServiceError::Forbidden)));
    s.weights = rep::Weights { self_rating: 0, supervisor: 0, peer: 0, subordinate: 0 };
    assert!(matches!(report::save_report_settings(&db, &hr, &s).await, Err(ServiceError::Invalid { .. })));
    s.weights = rep::Weights { self_rating: 0, supervisor: 100, peer: 0, subordinate: 0 };
    s.jpm.profile = rep::JpmProfile::Selection;
    report::save_report_settings(&db, &hr, &s).await.unwrap();
    assert_eq!(report::report_settings(&db).await.unwrap(), s);
    let page = report::report_page(&db, &me, &nip(&me.nip), None).await.unwrap();
    assert_eq!(page.settings, s);
    // With only the supervisor weighted, the history is the supervisor's mean.
    let data = page.data.unwrap();
    let sup = rep::group_mean(&data.competencies[0].groups, domain::RaterGroup::Supervisor);
    let last = page.history.last().unwrap();
    assert_eq!(last.scores[0].1, sup.map(rep::round3));
}

#[tokio::test]
async fn reference_data_follows_any_write_even_one_that_no_service_made() {
    let db = open(&DbConfig::memory()).await.unwrap();
    let before = report::reference(&db).await.unwrap();
    let key = before.catalog[0].key.clone();
    // Unchanged data comes from the cache.
    assert!(std::sync::Arc::ptr_eq(&before, &report::reference(&db).await.unwrap()));
    // A write like another instance's (or an operator's console): no service call, nothing invalidated by hand.
    db.run("UPDATE type::record('training', $key) SET active = false;", serde_json::json!({ "key": key }))
        .await
        .unwrap();
    let after = report::reference(&db).await.unwrap();
    assert!(after.catalog.iter().all(|t| t.key != key), "the retired training is still offered");
    db.run("UPSERT type::record('standard', 'jpt_pratama') SET level = 5;", serde_json::json!({})).await.unwrap();
    assert!(!std::sync::Arc::ptr_eq(&after, &report::reference(&db).await.unwrap()), "a standard changed");
}
