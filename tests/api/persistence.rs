//! Data survives a restart on the same embedded SurrealKV path.

use crate::helpers::*;
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn data_is_still_there_after_restarting_on_the_same_path() {
    let dir = std::env::temp_dir().join(format!("kinerja-persist-{}", std::process::id()));
    let url = format!("surrealkv://{}", dir.join("db").display());
    let (nip, admin_nip) = {
        let app = spawn_with_db(&url, true).await;
        let admin = app.signed_in("admin").await;
        let (pegawai, target) = (app.nip("pegawai"), app.nip("admin"));
        let (status, body) = app
            .call(
                &admin,
                "hr/move",
                &[("nip", &pegawai), ("supervisor_nip", &target), ("unit_key", ""), ("reason", "")],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        app.handle.abort();
        let _ = app.handle.await;
        (pegawai, target)
    };
    // Give the engine a moment to release the files of the first instance.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let app = spawn_with_db(&url, false).await;
    let c = client();
    let (status, _) = app.login(&c, "admin", PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "accounts persisted");
    let (_, p) = app.profile(&c, &nip).await;
    assert_eq!(p["supervisor_chain"][0]["nip"], admin_nip, "the move persisted");
    app.handle.abort();
    let _ = std::fs::remove_dir_all(&dir);
}

/// `kinerja backup` and `kinerja restore`: a restored database answers the same as the original — every table holds
/// the same number of records, and people's reports, plans, work plans and profiles read the same — a database that
/// holds data is refused without `--force`, and a file that is not a backup is refused before anything changes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_restores_into_an_empty_database_and_answers_the_same() {
    let app = spawn_app().await;
    let keep = vec![app.nip("pegawai"), app.nip("atasan")];
    backend::services::seed::feedback::seed_feedback(&app.db, 3, &keep).await.expect("demo rounds");
    backend::services::seed::skp::seed_skp(&app.db, 3, &keep, 1).await.expect("demo work plans");
    let dir = std::env::temp_dir().join(format!("kinerja-backup-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let file = dir.join("copies").join("kinerja.surql");
    let report = backend::backup::backup(&app.db, &file).await.expect("backup");
    assert!(report.bytes > 10_000 && file.exists(), "the copy is written: {report:?}");
    assert!(!dir.join("copies").join("kinerja.surql.partial").exists(), "no partial file is left behind");
    assert!(report.counts["employee"] >= 60 && report.counts["skp"] > 0 && report.counts["assesses"] > 0);
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "password hashes are in it: readable by its owner only");
    }
    // Scheduled backups keep the newest ones and leave other files alone.
    let scheduled = dir.join("scheduled");
    std::fs::create_dir_all(&scheduled).unwrap();
    for old in ["kinerja-20240101-000000.surql", "kinerja-20250101-000000.surql", "catatan.txt"] {
        std::fs::write(scheduled.join(old), "lama").unwrap();
    }
    let taken = server::take_backup(&app.db, &scheduled, 2).await.expect("scheduled backup");
    let mut left: Vec<String> =
        std::fs::read_dir(&scheduled).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().to_string()).collect();
    left.sort();
    let newest = taken.file.file_name().unwrap().to_string_lossy().to_string();
    assert_eq!(left, vec!["catatan.txt".to_string(), "kinerja-20250101-000000.surql".into(), newest]);

    // Restore into a fresh embedded database, then serve it.
    let url = format!("surrealkv://{}", dir.join("restored").display());
    let config = backend::DbConfig { url: url.clone(), ..backend::DbConfig::memory() };
    {
        let target = backend::attach(&config).await.expect("attach");
        let not_a_backup = dir.join("staff.csv");
        std::fs::write(&not_a_backup, "nip,nama\n199001012015031001,Budi\n").unwrap();
        let err = backend::backup::restore(&target, &not_a_backup, false).await.unwrap_err();
        assert!(err.to_string().contains("not a Kinerja backup"), "{err:#}");
        let restored = backend::backup::restore(&target, &file, false).await.expect("restore into an empty database");
        assert_eq!(restored, report.counts, "every table holds what the original held");
        let err = backend::backup::restore(&target, &file, false).await.unwrap_err();
        assert!(err.to_string().contains("not empty"), "a second restore without --force is refused: {err:#}");
        let again = backend::backup::restore(&target, &file, true).await.expect("--force replaces everything");
        assert_eq!(again, report.counts, "a forced restore leaves exactly the backup, nothing doubled");
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let copy = spawn_with_db(&url, false).await;
    assert_eq!(backend::backup::counts(&copy.db).await.unwrap(), report.counts);

    // The same answers, read by HR on both, for a sample of people.
    let (hr, hr_copy) = (app.signed_in("admin").await, client());
    let (status, body) = copy.login(&hr_copy, "admin", PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "accounts and their password hashes come back: {body}");
    let snapshot = app.db.hierarchy().await.unwrap();
    let mut sample = vec![app.nip("pegawai"), app.nip("atasan")];
    sample.extend(snapshot.direct_reports(&app.nip("atasan")).iter().take(3).cloned());
    for nip in &sample {
        for (endpoint, args) in [
            ("reports", vec![("nip", nip.as_str())]),
            ("plan", vec![("nip", nip.as_str())]),
            ("skp", vec![("nip", nip.as_str()), ("year", "2025")]),
            ("org/employee", vec![("nip", nip.as_str())]),
        ] {
            let (s1, original) = app.call(&hr, endpoint, &args).await;
            let (s2, restored) = copy.call(&hr_copy, endpoint, &args).await;
            assert_eq!(s1, StatusCode::OK, "{endpoint} {nip}: {original}");
            assert_eq!((s2, &restored), (s1, &original), "{endpoint} of {nip} reads the same after the restore");
        }
    }
    let (s1, original) = app.call(&hr, "dashboard", &[]).await;
    let (s2, restored) = copy.call(&hr_copy, "dashboard", &[]).await;
    assert_eq!((s1, s2), (StatusCode::OK, StatusCode::OK), "{original}");
    for part in ["units", "total", "rows", "late_plans_count"] {
        assert_eq!(original[part], restored[part], "the dashboard's {part} are the same");
    }
    copy.handle.abort();
    app.handle.abort();
    let _ = std::fs::remove_dir_all(&dir);
}
