//! Service tests against an embedded in-memory SurrealDB (no HTTP).

use crate::db::{Db, DbConfig, open};
use crate::error::ServiceError;
use crate::repo::{accounts, org};
use crate::services::auth::{self, Viewer};
use crate::services::hr;
use crate::services::seed::{self, DEMO_PASSWORD};
use crate::state::Runtime;
use domain::{Nip, PositionKind, Rank, Role, Roles};
use i18n::T;
use serde::Deserialize;
use serde_json::json;
use std::collections::HashMap;

async fn seeded(n: usize) -> (Db, HashMap<String, String>) {
    let db = open(&DbConfig::memory()).await.unwrap();
    let report = seed::seed(&db, n, 11).await.unwrap();
    assert_eq!(report.employees, n);
    (db, report.demo_logins.into_iter().collect())
}

fn hr_viewer(nip: &str) -> Viewer {
    Viewer {
        account: "admin".into(),
        nip: nip.into(),
        name: "HR".into(),
        username: None,
        roles: Roles::new(vec![Role::HrAdmin]),
    }
}

#[derive(Deserialize)]
struct Row {
    nip: String,
    rank: String,
    kind: String,
    unit: String,
    unit_depth: u32,
    sup_unit: Option<String>,
    sup_depth: Option<u32>,
}

#[tokio::test]
async fn the_demo_agency_is_consistent() {
    let (db, logins) = seeded(400).await;
    let rows: Vec<Row> = db
        .rows(
            "SELECT record::id(id) AS nip, rank, position.kind AS kind, record::id(unit) AS unit, unit.depth AS unit_depth,
                (SELECT VALUE record::id(out.unit) FROM reports_to WHERE in = $parent.id)[0] AS sup_unit,
                (SELECT VALUE out.unit.depth FROM reports_to WHERE in = $parent.id)[0] AS sup_depth
             FROM employee;",
            json!({}),
        )
        .await
        .unwrap();
    assert_eq!(rows.len(), 400);
    let mut without_supervisor = 0;
    let mut kinds = std::collections::BTreeSet::new();
    for r in &rows {
        Nip::parse(&r.nip).unwrap();
        let kind = PositionKind::from_code(&r.kind).unwrap();
        kinds.insert(kind);
        assert!(kind.fits_rank(Rank::parse(&r.rank).unwrap()), "{} {}", r.kind, r.rank);
        match (&r.sup_unit, r.sup_depth) {
            (Some(su), Some(sd)) => {
                // The supervisor works in the same unit or in the parent unit.
                assert!(su == &r.unit || sd + 1 == r.unit_depth, "{} in {} reports into {}", r.nip, r.unit, su);
            }
            _ => without_supervisor += 1,
        }
    }
    assert_eq!(without_supervisor, 1, "only the head has no supervisor");
    assert!(kinds.contains(&PositionKind::JptPratama) && kinds.contains(&PositionKind::Administrator));
    assert!(kinds.contains(&PositionKind::Pengawas) && kinds.contains(&PositionKind::Pelaksana));
    assert!(kinds.iter().any(|k| k.is_functional()));
    let tree = org::unit_tree(&db).await.unwrap();
    let depth = tree.iter().map(|u| u.depth).max().unwrap();
    assert!((4..=5).contains(&depth), "depth {depth}");
    assert_eq!(tree[0].total_count, 400);
    let head = logins["kepala"].clone();
    assert_eq!(org::subtree(&db, &head).await.unwrap().len(), 399, "everyone reaches the head");
    assert!(org::direct_reports(&db, &logins["atasan"]).await.unwrap().len() >= 4);
}

#[tokio::test]
async fn seeding_is_deterministic() {
    let (a, la) = seeded(60).await;
    let (b, lb) = seeded(60).await;
    assert_eq!(la, lb);
    let names = |db: Db| async move {
        db.rows::<String>("SELECT VALUE name FROM employee ORDER BY id;", json!({})).await.unwrap()
    };
    assert_eq!(names(a).await, names(b).await);
}

#[tokio::test]
async fn sign_in_checks_the_password_and_throttles() {
    let (db, logins) = seeded(60).await;
    let rt = Runtime::new(vec![7; 32], false).unwrap();
    let token = auth::sign_in(&db, &rt, "PEGAWAI", DEMO_PASSWORD, "10.0.0.1").await.unwrap();
    let viewer = auth::resolve(&db, &rt, &token).await.unwrap().unwrap();
    assert_eq!(viewer.nip, logins["pegawai"]);
    assert!(!viewer.roles.has(Role::Supervisor));
    let boss = auth::sign_in(&db, &rt, &logins["atasan"], DEMO_PASSWORD, "10.0.0.1").await.unwrap();
    assert!(auth::resolve(&db, &rt, &boss).await.unwrap().unwrap().roles.has(Role::Supervisor));

    for _ in 0..auth::MAX_FAILURES {
        assert!(matches!(
            auth::sign_in(&db, &rt, "kepala", "wrong", "10.0.0.1").await,
            Err(ServiceError::Unauthorized(T::BadCredentials))
        ));
    }
    assert!(matches!(
        auth::sign_in(&db, &rt, "kepala", DEMO_PASSWORD, "10.0.0.1").await,
        Err(ServiceError::TooMany(T::TooManyAttempts))
    ));
    // The NIP and the username of one account share one counter.
    let by_nip = auth::sign_in(&db, &rt, &logins["kepala"], DEMO_PASSWORD, "10.0.0.1").await;
    assert!(matches!(by_nip, Err(ServiceError::TooMany(T::TooManyAttempts))));
    // Nobody can lock a colleague out: the right password from another address still works.
    auth::sign_in(&db, &rt, &logins["kepala"], DEMO_PASSWORD, "10.0.0.2").await.unwrap();
    // Absurdly long identifiers are refused before any work.
    let long = "x".repeat(auth::MAX_IDENTIFIER + 1);
    assert!(matches!(
        auth::sign_in(&db, &rt, &long, "x", "10.0.0.1").await,
        Err(ServiceError::Invalid { field: "identifier", text: T::CredentialsTooLong })
    ));

    auth::sign_out(&db, &rt, &token).await.unwrap();
    assert!(auth::resolve(&db, &rt, &token).await.unwrap().is_none());
    // A token signed with another secret resolves to nobody.
    let other = Runtime::new(vec![8; 32], false).unwrap();
    assert!(auth::resolve(&db, &other, &boss).await.unwrap().is_none());
    assert_eq!(accounts::session_count(&db, "atasan").await.unwrap(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_parallel_burst_of_wrong_guesses_gets_no_more_tries_than_allowed() {
    let (db, _) = seeded(60).await;
    let rt = std::sync::Arc::new(Runtime::new(vec![7; 32], false).unwrap());
    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let (db, rt) = (db.clone(), rt.clone());
            tokio::spawn(async move { auth::sign_in(&db, &rt, "pelatih", &format!("guess-{i}"), "10.0.0.9").await })
        })
        .collect();
    let mut checked = 0;
    for t in tasks {
        match t.await.unwrap() {
            Err(ServiceError::Unauthorized(T::BadCredentials)) => checked += 1,
            Err(ServiceError::TooMany(T::TooManyAttempts) | ServiceError::TooMany(T::SignInBusy)) => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!(checked <= auth::MAX_FAILURES, "{checked} passwords were checked");
    assert!(checked >= 1);
}

#[tokio::test]
async fn sessions_are_kept_alive_and_expire_when_idle() {
    let (db, logins) = seeded(60).await;
    let rt = Runtime::new(vec![7; 32], false).unwrap();
    let token = auth::sign_in(&db, &rt, "pegawai", DEMO_PASSWORD, "10.0.0.1").await.unwrap();
    let sid = auth::session_id(&rt.session_secret, &token);
    // Seen two minutes ago: still valid, and `last_seen` moves on.
    db.run("UPDATE type::record('session', $sid) SET last_seen = time::now() - 2m;", json!({ "sid": sid }))
        .await
        .unwrap();
    rt.forget_sessions(None);
    let viewer = tokio::time::timeout(std::time::Duration::from_secs(10), auth::resolve(&db, &rt, &token))
        .await
        .expect("resolving a session must not hang")
        .unwrap()
        .unwrap();
    assert_eq!(viewer.nip, logins["pegawai"]);
    let fresh: Vec<bool> = db
        .rows("SELECT VALUE last_seen > time::now() - 1m FROM type::record('session', $sid);", json!({ "sid": sid }))
        .await
        .unwrap();
    assert_eq!(fresh, vec![true]);
    // Idle for longer than allowed: the session is gone.
    db.run("UPDATE type::record('session', $sid) SET last_seen = time::now() - 9h;", json!({ "sid": sid }))
        .await
        .unwrap();
    rt.forget_sessions(None);
    assert!(auth::resolve(&db, &rt, &token).await.unwrap().is_none());
    assert_eq!(accounts::session_count(&db, "pegawai").await.unwrap(), 0);
}

#[tokio::test]
async fn moves_refuse_cycles_and_keep_history() {
    let (db, logins) = seeded(60).await;
    let admin = hr_viewer(&logins["admin"]);
    let (atasan, pegawai) = (&logins["atasan"], &logins["pegawai"]);
    let err = hr::move_employee(&db, &admin, atasan, Some(pegawai), None, None).await.unwrap_err();
    assert!(matches!(err, ServiceError::Conflict(T::ErrCycle)), "{err:?}");
    let err = hr::move_employee(&db, &admin, pegawai, Some(atasan), None, None).await.unwrap_err();
    assert!(matches!(err, ServiceError::Invalid { field: "supervisor_nip", text: T::ErrNothingToChange }), "{err:?}");
    let plain = Viewer { roles: Roles::new(vec![]), ..hr_viewer(pegawai) };
    assert!(matches!(
        hr::move_employee(&db, &plain, pegawai, Some(&logins["admin"]), None, None).await,
        Err(ServiceError::Forbidden)
    ));

    let long = "r".repeat(domain::text::MAX_NOTE + 1);
    let err = hr::move_employee(&db, &admin, pegawai, Some(&logins["admin"]), None, Some(&long)).await.unwrap_err();
    assert!(matches!(err, ServiceError::Invalid { field: "reason", text: T::ReasonTooLong }), "{err:?}");

    hr::move_employee(&db, &admin, pegawai, Some(&logins["admin"]), None, Some("rotasi")).await.unwrap();
    let history = org::supervisor_history(&db, pegawai).await.unwrap();
    assert_eq!(history[0].supervisor_nip, logins["admin"]);
    assert_eq!(&history[1].supervisor_nip, atasan);
    // Still exactly one current supervisor.
    let n: u64 = db
        .run(
            "RETURN count(SELECT id FROM reports_to WHERE in = type::record('employee', $n));",
            json!({ "n": pegawai }),
        )
        .await
        .unwrap()
        .value(0)
        .unwrap();
    assert_eq!(n, 1);
}

#[tokio::test]
async fn a_second_current_supervisor_is_refused_by_the_schema() {
    let (db, logins) = seeded(60).await;
    let res = db
        .run(
            "RELATE (type::record('employee', $a))->reports_to->(type::record('employee', $b)) SET since = time::now();",
            json!({ "a": logins["pegawai"], "b": logins["admin"] }),
        )
        .await;
    assert!(res.is_err(), "the unique index allows one current supervisor only");
}

#[tokio::test]
async fn the_schema_refuses_invalid_records_and_newer_versions() {
    let db = open(&DbConfig::memory()).await.unwrap();
    let bad = db
        .run(
            "CREATE employee:x SET nip = 'x', name = '', rank = 'V/a', gender = 'X', birth_date = time::now(),
                service_start = time::now(), unit = unit:a, position = position:a;",
            json!({}),
        )
        .await;
    assert!(bad.is_err());
    db.run("UPSERT meta:schema SET version = 999;", json!({})).await.unwrap();
    crate::schema::migrate(&db).await.expect_err("a newer schema must be refused");
}

#[tokio::test]
async fn the_hierarchy_snapshot_agrees_with_the_graph_and_follows_moves() {
    let (db, logins) = seeded(200).await;
    let head = &logins["kepala"];
    let mut fast = org::subtree(&db, head).await.unwrap();
    let mut slow = org::subtree_by_graph(&db, head).await.unwrap();
    fast.sort();
    slow.sort();
    assert_eq!(fast.len(), 199);
    assert_eq!(fast, slow);
    let pegawai = &logins["pegawai"];
    assert_eq!(org::supervisor_chain(&db, pegawai).await.unwrap(), org::chain_by_graph(&db, pegawai).await.unwrap());

    // After a move, the next read sees the new graph.
    let admin = hr_viewer(&logins["admin"]);
    hr::move_employee(&db, &admin, pegawai, Some(&logins["admin"]), None, None).await.unwrap();
    let chain = org::supervisor_chain(&db, pegawai).await.unwrap();
    assert_eq!(chain[0], logins["admin"]);
    assert_eq!(chain, org::chain_by_graph(&db, pegawai).await.unwrap());
    assert!(!org::subtree(&db, &logins["atasan"]).await.unwrap().contains(pegawai));
}
