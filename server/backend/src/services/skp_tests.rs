//! Service tests of work plans (SKP) against an embedded in-memory SurrealDB: the lifecycle with versions, links
//! to the supervisor's results, who may read and decide, and the plan following a hierarchy fix.

use crate::db::{Db, DbConfig, open};
use crate::error::ServiceError;
use crate::services::auth::Viewer;
use crate::services::{hr, seed, skp};
use domain::skp::{Aspect, Indicator, ResultRow, RowKind, SkpDoc, SkpStatus, Target};
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
