//! What the service tests share: a viewer with roles, and the demo agency seeded like `kinerja serve --demo`.

use crate::db::{Db, DbConfig, open};
use crate::services::auth::Viewer;
use crate::services::seed;
use domain::{Role, Roles};
use std::collections::HashMap;

/// A signed-in viewer (account and name are the NIP).
pub fn viewer(nip: &str, roles: Vec<Role>) -> Viewer {
    Viewer { account: nip.into(), nip: nip.into(), name: nip.into(), username: None, roles: Roles::new(roles) }
}

/// A demo agency of `employees` people with the demo 360° rounds (`pegawai` and `atasan` keep pending work) and,
/// when `skp`, this year's and the past years' rated work plans: the handle, the demo logins, and how many
/// employees were seeded.
pub async fn demo_agency(employees: usize, feedback_seed: u64, skp: bool) -> (Db, HashMap<String, String>, usize) {
    let db = open(&DbConfig::memory()).await.unwrap();
    let report = seed::seed(&db, employees, 5).await.unwrap();
    let logins: HashMap<String, String> = report.demo_logins.into_iter().collect();
    let keep = vec![logins["pegawai"].clone(), logins["atasan"].clone()];
    seed::feedback::seed_feedback(&db, feedback_seed, &keep).await.unwrap();
    if skp {
        seed::skp::seed_skp(&db, 5, &keep, seed::skp::DEMO_PAST_YEARS).await.unwrap();
    }
    (db, logins, report.employees)
}
