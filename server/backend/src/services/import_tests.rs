//! Service tests of the organisation import against `mem://` and the seeded demo agency: an export imports back
//! unchanged; the dry run is exactly what applying writes (and a second run then has nothing to do); a file with
//! errors or a preview overtaken by another change writes nothing; only HR imports, and only the person who
//! applied gets the set-up links.

use crate::db::{Db, DbConfig, open};
use crate::error::ServiceError;
use crate::services::auth::Viewer;
use crate::services::import::{self, Upload};
use crate::services::test_support::viewer;
use crate::services::{hr, seed};
use crate::state::Runtime;
use domain::Role;
use domain::import::Problem;
use domain::view::{ImportFailure, ImportJob, ImportState};
use serde_json::json;
use std::collections::HashMap;

async fn agency(employees: usize) -> (Db, HashMap<String, String>) {
    let db = open(&DbConfig::memory()).await.unwrap();
    let report = seed::seed(&db, employees, 5).await.unwrap();
    (db, report.demo_logins.into_iter().collect())
}

fn runtime() -> Runtime {
    Runtime::new(vec![7; 32], false).unwrap()
}

async fn settled(db: &Db, hr: &Viewer, id: &str) -> ImportJob {
    for _ in 0..2400 {
        let job = import::job(db, hr, id).await.unwrap();
        if !job.state.is_running() {
            return job;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the import {id} did not settle");
}

async fn upload(db: &Db, hr: &Viewer, name: &str, bytes: &[u8], deactivate_missing: bool) -> ImportJob {
    let id = import::start(db, hr, Upload { file_name: name, bytes, deactivate_missing }).await.unwrap();
    settled(db, hr, &id).await
}

async fn count(db: &Db, sql: &str) -> i64 {
    db.run(sql, json!({})).await.unwrap().value(0).unwrap()
}

#[tokio::test]
async fn an_exported_organisation_of_a_thousand_imports_back_unchanged() {
    let (db, logins) = agency(1000).await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let people = count(&db, "RETURN count(SELECT id FROM employee);").await;
    for lang in [i18n::Lang::Id, i18n::Lang::En] {
        let file = import::directory(&db, &hr, lang).await.unwrap();
        let job = upload(&db, &hr, "pegawai.xlsx", &file, true).await;
        assert_eq!(job.state, ImportState::Checked, "{:?}", job.failure);
        let p = job.preview.unwrap();
        assert_eq!(p.errors, vec![], "{lang:?}");
        assert_eq!(p.rows as i64, people);
        assert_eq!(p.unchanged as i64, people);
        assert!(!p.can_apply(), "nothing to change: {p:?}");
    }
    // Someone who is not HR gets the directory's columns of active people only.
    let plain = viewer(&logins["pegawai"], vec![]);
    let file = import::directory(&db, &plain, i18n::Lang::Id).await.unwrap();
    let job = upload(&db, &hr, "direktori.xlsx", &file, false).await;
    assert_eq!(job.failure, Some(ImportFailure::MissingColumns(vec!["Golongan".into()])));
}

/// A CSV that adds a unit with two people, moves one, promotes another and retires a third.
async fn changes(db: &Db) -> (String, [String; 3]) {
    let rows: Vec<(String, String, String, String)> = db
        .rows(
            "SELECT record::id(id) AS nip, name, record::id(unit) AS unit, rank FROM employee
             WHERE active AND position.kind = 'pelaksana' ORDER BY nip LIMIT 3;",
            json!({}),
        )
        .await
        .map(|r: Vec<serde_json::Value>| {
            r.into_iter()
                .map(|v| {
                    let s = |k: &str| v[k].as_str().unwrap().to_string();
                    (s("nip"), s("name"), s("unit"), s("rank"))
                })
                .collect()
        })
        .unwrap();
    let head: String =
        db.run("SELECT VALUE record::id(leader) FROM ONLY unit:bkpsdm;", json!({})).await.unwrap().value(0).unwrap();
    let sup_of = |nip: &str| format!("(SELECT VALUE record::id(out) FROM reports_to WHERE in = employee:`{nip}`)[0]");
    let mut csv = String::from(
        "NIP;Nama;Golongan;Jabatan;Jenis Jabatan;Kode Unit;Unit Kerja;Kode Unit Induk;NIP Atasan;Status\n",
    );
    csv += &format!(
        "198805052014031001;Rudi Hartono, S.Kom.;III/c;Kepala Tim Data;Pengawas;tim-data;Tim Data Kepegawaian;bkpsdm;{head};Aktif\n"
    );
    csv += "199107072019032001;Dewi Lestari;III/a;Pranata Komputer Ahli Pertama;Fungsional;tim-data;;;198805052014031001;Aktif\n";
    // The first moves to the new unit, under its head.
    let (a, b, c) = (&rows[0], &rows[1], &rows[2]);
    let sup = |nip: &str| sup_of(nip);
    let sup_b: String = db.run(&format!("RETURN {};", sup(&b.0)), json!({})).await.unwrap().value(0).unwrap();
    let sup_c: String = db.run(&format!("RETURN {};", sup(&c.0)), json!({})).await.unwrap().value(0).unwrap();
    let position = |nip: &str| format!("SELECT VALUE position.name FROM ONLY employee:`{nip}`;");
    let pos_b: String = db.run(&position(&b.0), json!({})).await.unwrap().value(0).unwrap();
    let pos_c: String = db.run(&position(&c.0), json!({})).await.unwrap().value(0).unwrap();
    csv += &format!("{};{};{};Pengolah Data;Pelaksana;tim-data;;;198805052014031001;Aktif\n", a.0, a.1, a.3);
    csv += &format!("{};{};IV/a;{};Pelaksana;{};;;{};Aktif\n", b.0, b.1, pos_b, b.2, sup_b);
    csv += &format!("{};{};{};{};Pelaksana;{};;;{};Pensiun\n", c.0, c.1, c.3, pos_c, c.2, sup_c);
    (csv, [a.0.clone(), b.0.clone(), c.0.clone()])
}

#[tokio::test]
async fn the_dry_run_is_what_applying_writes() {
    dry_run_then_apply(import::PART).await;
}

#[tokio::test]
async fn a_large_import_written_in_parts_ends_the_same_supervisors_first() {
    dry_run_then_apply(2).await;
}

async fn dry_run_then_apply(part: usize) {
    let (db, logins) = agency(150).await;
    let rt = runtime();
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let (csv, [moved, promoted, retired]) = changes(&db).await;
    let before = count(&db, "RETURN count(SELECT id FROM employee);").await;
    let audits = count(&db, "RETURN count(SELECT id FROM audit);").await;
    // The unit list every page's filter offers is kept per instance: read (and kept) before the import.
    let units_before = crate::services::org::unit_options(&db).await.unwrap();
    assert!(!units_before.iter().any(|(k, _, _)| k == "tim-data"));

    let job = upload(&db, &hr, "perubahan.csv", csv.as_bytes(), false).await;
    let p = job.preview.clone().unwrap();
    assert_eq!(p.errors, vec![]);
    assert_eq!((p.new_units, p.new, p.moved, p.changed, p.deactivated), (1, 2, 1, 1, 1), "{p:?}");
    assert!(p.can_apply());
    assert_eq!(p.name_of("198805052014031001"), Some("Rudi Hartono, S.Kom."));

    // Nothing is written by the dry run.
    assert_eq!(count(&db, "RETURN count(SELECT id FROM employee);").await, before);
    import::apply_in_parts(&db, &rt, &hr, &job.id, part).await.unwrap();
    let done = settled(&db, &hr, &job.id).await;
    assert_eq!(done.state, ImportState::Applied, "{:?}", done.failure);
    assert_eq!(done.accounts_created, 2);
    assert_eq!((done.done, done.total), (5, 5), "progress counts people changes");
    assert!(done.links_available);

    assert_eq!(count(&db, "RETURN count(SELECT id FROM employee);").await, before + 2);
    let unit: serde_json::Value = db
        .run("SELECT name, kind, depth, record::id(parent) AS parent, record::id(leader) AS leader FROM ONLY unit:`tim-data`;", json!({}))
        .await
        .unwrap()
        .value(0)
        .unwrap();
    assert_eq!(
        unit,
        json!({ "name": "Tim Data Kepegawaian", "kind": "tim", "depth": 2, "parent": "bkpsdm", "leader": "198805052014031001" })
    );
    // … and the kept list follows the import: the new unit is offered, under its parent.
    let units_after = crate::services::org::unit_options(&db).await.unwrap();
    assert_eq!(units_after.len(), units_before.len() + 1);
    assert!(units_after.iter().any(|(k, n, d)| k == "tim-data" && n == "Tim Data Kepegawaian" && *d == 2));
    let below = crate::services::org::units_below(&db, &["bkpsdm".to_string()]).await.unwrap();
    assert!(below.contains("tim-data") && below.contains("bkpsdm"));
    let sup: String = db
        .run(
            &format!("SELECT VALUE record::id(out) FROM ONLY reports_to WHERE in = employee:`{moved}` LIMIT 1;"),
            json!({}),
        )
        .await
        .unwrap()
        .value(0)
        .unwrap();
    assert_eq!(sup, "198805052014031001");
    let history =
        count(&db, &format!("RETURN count(SELECT id FROM reports_to_history WHERE employee = employee:`{moved}`);"))
            .await;
    assert_eq!(history, 1, "the old reporting line is kept with its dates");
    let rank: String = db
        .run(&format!("SELECT VALUE rank FROM ONLY employee:`{promoted}`;"), json!({}))
        .await
        .unwrap()
        .value(0)
        .unwrap();
    assert_eq!(rank, "IV/a");
    let active: bool = db
        .run(&format!("SELECT VALUE active FROM ONLY employee:`{retired}`;"), json!({}))
        .await
        .unwrap()
        .value(0)
        .unwrap();
    assert!(!active);
    // One audit entry per change: a unit, two new people, a move, a change, a deactivation.
    assert_eq!(count(&db, "RETURN count(SELECT id FROM audit);").await, audits + 6);
    // The new accounts cannot be signed in to; their links are the way in, for the one who applied only.
    let links = import::setup_links(&db, &hr, &job.id).await.unwrap();
    assert_eq!(links.len(), 2);
    assert!(links.iter().all(|(_, _, path)| path.starts_with("/account/setup/")));
    let other_hr = viewer(&logins["kepala"], vec![Role::HrAdmin]);
    assert!(matches!(import::setup_links(&db, &other_hr, &job.id).await, Err(ServiceError::NotFound)));
    // The hierarchy snapshot follows at once.
    let snapshot = db.hierarchy().await.unwrap();
    assert_eq!(snapshot.supervisor("199107072019032001"), Some("198805052014031001"));

    // The same file again: nothing left to do.
    let again = upload(&db, &hr, "perubahan.csv", csv.as_bytes(), false).await;
    let p = again.preview.unwrap();
    assert_eq!((p.errors.len(), p.unchanged), (0, 5), "{p:?}");
    assert!(!p.can_apply());
    assert!(matches!(import::apply(&db, &rt, &hr, &again.id).await, Err(ServiceError::Conflict(_))));
}

#[tokio::test]
async fn a_file_with_errors_or_an_overtaken_preview_writes_nothing() {
    let (db, logins) = agency(150).await;
    let rt = runtime();
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let (csv, [moved, ..]) = changes(&db).await;
    // A loop: the new unit's head would report to their own staff.
    let looped = csv.replace(
        &format!("Tim Data Kepegawaian;bkpsdm;{}", db_head(&db).await),
        "Tim Data Kepegawaian;bkpsdm;199107072019032001",
    );
    let job = upload(&db, &hr, "salah.csv", looped.as_bytes(), false).await;
    let p = job.preview.unwrap();
    assert!(p.errors.iter().any(|e| e.problem == Problem::Cycle && e.row == 2), "{:?}", p.errors);
    assert!(!p.can_apply());
    assert!(matches!(import::apply(&db, &rt, &hr, &job.id).await, Err(ServiceError::Conflict(_))));
    let errors = import::all_errors(&db, &hr, &job.id).await.unwrap();
    assert_eq!(errors.len(), p.errors_total);

    // A clean preview, then someone moves a person the file also moves: applying refuses the stale plan.
    let job = upload(&db, &hr, "perubahan.csv", csv.as_bytes(), false).await;
    assert!(job.preview.as_ref().unwrap().can_apply());
    let before = count(&db, "RETURN count(SELECT id FROM employee);").await;
    let head = db_head(&db).await;
    hr::move_employee(&db, &hr, &moved, Some(&head), None, Some("test")).await.unwrap();
    import::apply(&db, &rt, &hr, &job.id).await.unwrap();
    let done = settled(&db, &hr, &job.id).await;
    assert_eq!((done.state, done.failure), (ImportState::Failed, Some(ImportFailure::Stale)));
    assert_eq!(count(&db, "RETURN count(SELECT id FROM employee);").await, before);
    assert_eq!(count(&db, "RETURN count(SELECT id FROM unit WHERE record::id(id) = 'tim-data');").await, 0);
}

async fn db_head(db: &Db) -> String {
    db.run("SELECT VALUE record::id(leader) FROM ONLY unit:bkpsdm;", json!({})).await.unwrap().value(0).unwrap()
}

#[tokio::test]
async fn only_hr_imports_and_unreadable_files_say_why() {
    let (db, logins) = agency(60).await;
    let plain = viewer(&logins["pegawai"], vec![]);
    let head = viewer(&logins["kepala"], vec![Role::Head]);
    for v in [&plain, &head] {
        let refused =
            import::start(&db, v, Upload { file_name: "x.csv", bytes: b"NIP\n", deactivate_missing: false }).await;
        assert!(matches!(refused, Err(ServiceError::Forbidden)));
        assert!(matches!(import::recent(&db, v).await, Err(ServiceError::Forbidden)));
    }
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let empty = import::start(&db, &hr, Upload { file_name: "x.csv", bytes: b"", deactivate_missing: false }).await;
    assert!(matches!(empty, Err(ServiceError::Invalid { field: "file", .. })));
    let job = upload(&db, &hr, "gambar.xlsx", b"PK\x03\x04garbage", false).await;
    assert_eq!(job.failure, Some(ImportFailure::Unreadable));
    let job = upload(&db, &hr, "daftar.csv", "Nama,Umur\nBudi,40\n".as_bytes(), false).await;
    assert_eq!(job.failure, Some(ImportFailure::NoHeader));
    assert_eq!(import::recent(&db, &hr).await.unwrap().len(), 2);
}

#[tokio::test]
async fn an_import_whose_server_stopped_is_marked_as_such_and_a_live_one_is_left_alone() {
    let (db, logins) = agency(60).await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let csv = "NIP,Nama\n199001012015011001,Budi\n";
    let ids: Vec<String> = settled_imports(&db, &hr, csv, 3).await;
    let set = async |id: &str, state: &str, minutes_ago: i64| {
        db.run(
            "UPDATE type::record('import_job', $id) SET state = $state, done = 3, total = 10,
                beat = time::now() - <duration> string::concat(<string> $ago, 'm');",
            json!({ "id": id, "state": state, "ago": minutes_ago }),
        )
        .await
        .unwrap();
    };
    // A check and an apply that stopped with their server, and an apply that is still moving.
    set(&ids[0], "checking", 11).await;
    set(&ids[1], "applying", 11).await;
    set(&ids[2], "applying", 1).await;
    let checking = import::job(&db, &hr, &ids[0]).await.unwrap();
    assert_eq!((checking.state, checking.failure), (ImportState::Failed, Some(ImportFailure::Interrupted)));
    let list = import::recent(&db, &hr).await.unwrap();
    let state_of = |id: &str| list.iter().find(|j| j.id == id).unwrap().state;
    assert_eq!((state_of(&ids[1]), state_of(&ids[2])), (ImportState::Failed, ImportState::Applying));
    let applying = import::job(&db, &hr, &ids[1]).await.unwrap();
    assert_eq!(applying.failure, Some(ImportFailure::Partial { written: 3, total: 10 }));
    assert_eq!(import::job(&db, &hr, &ids[2]).await.unwrap().state, ImportState::Applying);
}

/// `n` settled imports of the same small file.
async fn settled_imports(db: &Db, hr: &Viewer, csv: &str, n: usize) -> Vec<String> {
    let mut ids = Vec::new();
    for _ in 0..n {
        let id = import::start(db, hr, Upload { file_name: "x.csv", bytes: csv.as_bytes(), deactivate_missing: false })
            .await
            .unwrap();
        settled(db, hr, &id).await;
        ids.push(id);
    }
    ids
}
