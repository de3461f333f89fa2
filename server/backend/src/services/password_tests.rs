//! Service tests of password links and password changes against an embedded in-memory SurrealDB.

use crate::db::{Db, DbConfig, open};
use crate::error::ServiceError;
use crate::repo::accounts;
use crate::services::auth::{self, Viewer};
use crate::services::password::{self as pw};
use crate::services::{hr, seed};
use crate::state::Runtime;
use domain::view::EmployeeForm;
use domain::{Role, Roles};
use i18n::T;
use std::collections::HashMap;

/// A NIP the test knows to be valid.
fn nip(text: &str) -> domain::Nip {
    domain::Nip::parse(text).unwrap()
}

async fn seeded() -> (Db, Runtime, HashMap<String, String>) {
    let db = open(&DbConfig::memory()).await.unwrap();
    let report = seed::seed(&db, 60, 5).await.unwrap();
    (db, Runtime::new(vec![3; 32], false).unwrap(), report.demo_logins.into_iter().collect())
}

fn viewer(account: &str, nip: &str, roles: Vec<Role>) -> Viewer {
    Viewer { account: account.into(), nip: nip.into(), name: nip.into(), username: None, roles: Roles::new(roles) }
}

fn token_of(path: &str) -> String {
    path.strip_prefix("/account/setup/").unwrap().to_string()
}

const GOOD: &str = "Nasi uduk dan teh manis";

#[tokio::test]
async fn a_new_account_has_no_password_until_its_link_is_used_once() {
    let (db, rt, logins) = seeded().await;
    let hr = viewer("admin", &logins["admin"], vec![Role::HrAdmin]);
    let form = EmployeeForm {
        nip: "199203152018012001".into(),
        name: "Rina Sari".into(),
        email: String::new(),
        rank: "III/a".into(),
        position_name: "Analis SDM Aparatur Ahli Pertama".into(),
        position_kind: "ahli_pertama".into(),
        unit_key: String::new(),
        supervisor_nip: logins["atasan"].clone(),
        active: true,
        education: "S-1".into(),
    };
    let bad = EmployeeForm { education: "S-4".into(), ..form.clone() };
    assert!(matches!(
        hr::create_employee(&db, &rt, &hr, &bad).await,
        Err(ServiceError::Invalid { field: "education", .. })
    ));
    let created = hr::create_employee(&db, &rt, &hr, &form).await.unwrap();
    let stored = crate::repo::org::employee(&db, &created.nip).await.unwrap().unwrap();
    assert_eq!(stored.education.as_deref(), Some("s1"), "stored by its code");
    let token = token_of(&created.setup_link);
    // Nothing HR could know signs in.
    for guess in ["", "kinerja-demo", token.as_str()] {
        let r = auth::sign_in(&db, &rt, &created.nip, guess, "10.1.1.1").await;
        assert!(matches!(r, Err(ServiceError::Unauthorized(T::BadCredentials))), "{guess}: {r:?}");
    }
    // The stored link key is not the token.
    let stored: Vec<String> =
        db.rows("SELECT VALUE record::id(id) FROM credential_link;", serde_json::json!({})).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], token);
    assert_eq!(pw::link_target(&db, &rt, &token).await.unwrap().purpose, "setup");
    let weak = pw::set_with_link(&db, &rt, &token, "199203152018012001x", "199203152018012001x").await;
    assert!(matches!(weak, Err(ServiceError::Invalid { field: "password", text: T::PwContainsId })), "{weak:?}");
    let mismatch = pw::set_with_link(&db, &rt, &token, GOOD, "something else entirely").await;
    assert!(matches!(mismatch, Err(ServiceError::Invalid { field: "password", text: T::PwMismatch })));
    pw::set_with_link(&db, &rt, &token, GOOD, GOOD).await.unwrap();
    assert!(matches!(
        pw::set_with_link(&db, &rt, &token, GOOD, GOOD).await,
        Err(ServiceError::Invalid { field: "token", text: T::LinkInvalid })
    ));
    assert!(matches!(
        pw::link_target(&db, &rt, &"0".repeat(64)).await,
        Err(ServiceError::Invalid { field: "token", text: T::LinkInvalid })
    ));
    auth::sign_in(&db, &rt, &created.nip, GOOD, "10.1.1.1").await.unwrap();
}

#[tokio::test]
async fn a_reset_link_replaces_older_ones_and_ends_every_session() {
    let (db, rt, logins) = seeded().await;
    let hr = viewer("admin", &logins["admin"], vec![Role::HrAdmin]);
    let me = logins["pegawai"].clone();
    let someone = viewer("atasan", &logins["atasan"], vec![Role::Supervisor]);
    assert!(matches!(pw::reset_link(&db, &rt, &someone, &nip(&me)).await, Err(ServiceError::Forbidden)));
    let a = pw::reset_link(&db, &rt, &hr, &nip(&me)).await.unwrap();
    let b = pw::reset_link(&db, &rt, &hr, &nip(&me)).await.unwrap();
    assert!(matches!(
        pw::link_target(&db, &rt, &token_of(&a)).await,
        Err(ServiceError::Invalid { field: "token", text: T::LinkInvalid })
    ));
    let s1 = auth::sign_in(&db, &rt, &me, seed::DEMO_PASSWORD, "10.1.1.2").await.unwrap();
    let _s2 = auth::sign_in(&db, &rt, &me, seed::DEMO_PASSWORD, "10.1.1.3").await.unwrap();
    pw::set_with_link(&db, &rt, &token_of(&b), GOOD, GOOD).await.unwrap();
    assert!(auth::resolve(&db, &rt, &s1).await.unwrap().is_none(), "sessions end when the password changes");
    assert_eq!(accounts::session_count(&db, "pegawai").await.unwrap(), 0);
    let old = auth::sign_in(&db, &rt, &me, seed::DEMO_PASSWORD, "10.1.1.2").await;
    assert!(matches!(old, Err(ServiceError::Unauthorized(T::BadCredentials))));
}

#[tokio::test]
async fn changing_ones_own_password_needs_the_current_one_and_ends_other_sessions() {
    let (db, rt, logins) = seeded().await;
    let nip = logins["pegawai"].clone();
    let me = viewer("pegawai", &nip, vec![]);
    let other = auth::sign_in(&db, &rt, &nip, seed::DEMO_PASSWORD, "10.1.1.4").await.unwrap();
    let wrong = pw::change_own(&db, &rt, &me, "not it", GOOD, GOOD, "10.1.1.5").await;
    assert!(matches!(wrong, Err(ServiceError::Invalid { field: "current", text: T::PwWrongCurrent })));
    let weak = pw::change_own(&db, &rt, &me, seed::DEMO_PASSWORD, "kinerja123", "kinerja123", "10.1.1.5").await;
    assert!(matches!(weak, Err(ServiceError::Invalid { field: "password", text: T::PwCommon })));
    let fresh = pw::change_own(&db, &rt, &me, seed::DEMO_PASSWORD, GOOD, GOOD, "10.1.1.5").await.unwrap();
    assert!(auth::resolve(&db, &rt, &other).await.unwrap().is_none());
    assert_eq!(auth::resolve(&db, &rt, &fresh).await.unwrap().unwrap().nip, nip);
    assert_eq!(accounts::session_count(&db, "pegawai").await.unwrap(), 1);
    // Guessing the current password from a stolen session is throttled.
    for _ in 0..auth::MAX_FAILURES {
        let _ = pw::change_own(&db, &rt, &me, "guess", GOOD, GOOD, "10.1.1.6").await;
    }
    let r = pw::change_own(&db, &rt, &me, GOOD, "Another long phrase 2", "Another long phrase 2", "10.1.1.6").await;
    assert!(matches!(r, Err(ServiceError::TooMany(T::TooManyAttempts))), "{r:?}");
}
