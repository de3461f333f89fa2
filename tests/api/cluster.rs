//! Several Kinerja instances on one real SurrealDB server (`surreal start … memory`, reached over `ws://`), as behind
//! a load balancer: a sign-out, a password change or a deactivation on one ends the session on the other at its next
//! request; HR's edits on one are what the other serves next; a round closed on both at once is computed once; and
//! submissions through either are counted.

use crate::feedback::{assignments, open_round, submit_as};
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::Value;

/// Signs in on `app` and returns the session cookie (`name=token`) as a browser would store it.
async fn session_cookie(app: &TestApp, identifier: &str, password: &str) -> String {
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(app.url("/api/auth/login"))
        .header("Accept", "application/json")
        .form(&[("identifier", identifier), ("password", password)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "sign-in of {identifier}");
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.split(';').next().filter(|c| c.contains('=') && !c.ends_with('=')).map(str::to_string))
        .expect("a session cookie")
}

/// Calls a server function with a stored cookie.
async fn call_with(app: &TestApp, cookie: &str, endpoint: &str, args: &[(&str, &str)]) -> (StatusCode, Value) {
    let res = client()
        .post(app.url(&format!("/api/{endpoint}")))
        .header("Accept", "application/json")
        .header("Cookie", cookie)
        .form(args)
        .send()
        .await
        .unwrap();
    let status = res.status();
    let text = res.text().await.unwrap_or_default();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

/// Who the cookie signs in, on `app` (`null` when nobody).
async fn me(app: &TestApp, cookie: &str) -> Value {
    call_with(app, cookie, "auth/me", &[]).await.1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_surrealdb_server_serve_as_one() {
    let database = fresh_database();
    let a = spawn_on(remote_settings(&database), true).await;
    let b = spawn_on(remote_settings(&database), false).await;
    let pegawai = a.nip("pegawai");

    // A session opened on A works on B (one session secret, stored in the database), and ends everywhere at once.
    let cookie = session_cookie(&a, "pegawai", PASSWORD).await;
    for _ in 0..2 {
        assert_eq!(me(&b, &cookie).await["nip"], pegawai.as_str(), "kept by B after the first request");
    }
    assert_eq!(call_with(&a, &cookie, "auth/logout", &[]).await.0, StatusCode::OK);
    assert_eq!(me(&b, &cookie).await, Value::Null, "signed out on A: B refuses the very next request");
    assert_eq!(me(&a, &cookie).await, Value::Null);

    // A password changed on A ends the person's other sessions on B.
    let laptop = session_cookie(&b, "pegawai", PASSWORD).await;
    assert_eq!(me(&b, &laptop).await["nip"], pegawai.as_str());
    let phone = session_cookie(&a, "pegawai", PASSWORD).await;
    let new = "Kopi tubruk pagi 7";
    let change = [("current", PASSWORD), ("password", new), ("again", new)];
    assert_eq!(call_with(&a, &phone, "auth/change_password", &change).await.0, StatusCode::OK);
    assert_eq!(me(&b, &laptop).await, Value::Null, "the other session ended on B at once");
    assert_eq!(b.login(&client(), "pegawai", PASSWORD).await.0, StatusCode::UNAUTHORIZED, "B knows the new password");
    assert_eq!(b.login(&client(), "pegawai", new).await.0, StatusCode::OK);

    // HR's edits on A are what B serves next: the hierarchy, the report settings, the catalog.
    let hr = a.signed_in("admin").await;
    let admin_nip = a.nip("admin");
    let (_, before) = b.profile(&hr, &pegawai).await;
    assert_ne!(before["supervisor_chain"][0]["nip"], admin_nip.as_str());
    let moved = [("nip", pegawai.as_str()), ("supervisor_nip", admin_nip.as_str()), ("unit_key", ""), ("reason", "")];
    assert_eq!(a.call(&hr, "hr/move", &moved).await.0, StatusCode::OK);
    let (_, after) = b.profile(&hr, &pegawai).await;
    assert_eq!(after["supervisor_chain"][0]["nip"], admin_nip.as_str(), "B reads the new reporting line");
    let (_, kept) = b.call(&hr, "reports/settings", &[]).await;
    assert_ne!(kept["weights"]["supervisor"], 45);
    let weights = [
        ("self_rating", "0"),
        ("supervisor", "45"),
        ("peer", "30"),
        ("subordinate", "25"),
        ("profile", "selection"),
        ("selection_high", "80"),
        ("selection_low", "68"),
        ("mapping_high", "90"),
        ("mapping_low", "78"),
        ("cap", "on"),
    ];
    assert_eq!(a.call(&hr, "reports/settings/save", &weights).await.0, StatusCode::OK);
    let (_, now) = b.call(&hr, "reports/settings", &[]).await;
    assert_eq!(now["weights"]["supervisor"], 45, "B's report settings changed with A's edit: {now}");
    assert!(!b.call(&hr, "trainings", &[]).await.1.to_string().contains("KLASTER-1"));
    let csv =
        "code,title_id,mode,competencies,level_min,level_max,jp,cost\nKLASTER-1,Uji klaster,classroom,M.01,1,2,8,0\n";
    assert_eq!(a.call(&hr, "trainings/import", &[("csv", csv)]).await.0, StatusCode::OK);
    assert!(b.call(&hr, "trainings", &[]).await.1.to_string().contains("KLASTER-1"), "B lists A's new training");

    // A round opened on A is open on B; answers submitted through either are counted; closing it on both at once
    // computes it once.
    let round = open_round(&a, &hr).await;
    let (_, rounds) = b.call(&hr, "rounds", &[]).await;
    assert!(rounds.to_string().contains(&round), "B lists the round A opened: {rounds}");
    let all = assignments(&a, &round).await;
    // (Raters other than `pegawai`, whose password changed above.)
    let first = all.iter().find(|x| x.1 != pegawai).unwrap();
    let second = all.iter().find(|x| x.1 != pegawai && x.1 != first.1).unwrap();
    submit_as(&a, &first.1, &first.0, 4, "lewat A").await;
    submit_as(&b, &second.1, &second.0, 3, "lewat B").await;
    for app in [&a, &b] {
        let (_, progress) = app.call(&hr, "rounds/progress", &[("key", &round)]).await;
        assert_eq!(progress["submitted"], 2, "both submissions are counted on each instance: {progress}");
    }
    let key = [("key", round.as_str())];
    let (on_a, on_b) = tokio::join!(a.call(&hr, "rounds/close", &key), b.call(&hr, "rounds/close", &key));
    let answers = [on_a.0, on_b.0];
    assert!(answers.contains(&StatusCode::OK), "one of them closes it: {on_a:?} {on_b:?}");
    assert!(
        answers.iter().all(|s| *s == StatusCode::OK || *s == StatusCode::CONFLICT),
        "the other closes nothing, or is told it is being closed: {on_a:?} {on_b:?}"
    );
    // Computing is claimed by one closing (`round.closing` in the audit log) and finished once (`round.closed`).
    let claims: Vec<String> =
        a.db.rows(
            "SELECT VALUE action FROM audit WHERE subject = $s AND action IN ['round.closing', 'round.closed'];",
            serde_json::json!({ "s": format!("round:{round}") }),
        )
        .await
        .unwrap();
    assert_eq!(claims.len(), 2, "claimed once and closed once: {claims:?}");
    let ratees: std::collections::HashSet<&String> = all.iter().map(|x| &x.2).collect();
    let results: Vec<u64> =
        a.db.rows(
            "SELECT VALUE count() FROM round_result WHERE round = type::record('round', $r) GROUP ALL;",
            serde_json::json!({ "r": round }),
        )
        .await
        .unwrap();
    assert_eq!(results, vec![ratees.len() as u64], "every ratee has a result");
    for app in [&a, &b] {
        let (_, rounds) = app.call(&hr, "rounds", &[]).await;
        assert!(rounds.to_string().contains("closed"), "{rounds}");
    }

    // HR deactivating an account on B ends its session on A (someone without reports: they may be deactivated).
    let snapshot = a.db.hierarchy().await.unwrap();
    let person = all
        .iter()
        .map(|x| &x.1)
        .find(|n| **n != pegawai && snapshot.direct_reports(n).is_empty())
        .expect("a rater without reports");
    let session = session_cookie(&a, person, PASSWORD).await;
    assert_eq!(me(&a, &session).await["nip"], person.as_str());
    let (_, form) = b.call(&hr, "hr/employee", &[("nip", person)]).await;
    let deactivate = [
        ("nip", person.as_str()),
        ("name", form["name"].as_str().unwrap()),
        ("email", ""),
        ("rank", form["rank"].as_str().unwrap()),
        ("position_name", form["position_name"].as_str().unwrap()),
        ("position_kind", form["position_kind"].as_str().unwrap()),
    ];
    let (status, body) = b.call(&hr, "hr/update", &deactivate).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(me(&a, &session).await, Value::Null, "deactivated on B: A refuses the next request");
    a.handle.abort();
    b.handle.abort();
}

/// The SDK refuses WebSocket messages over 64 MiB by default; a round's closing reads about 60 MiB of answers at 10,000
/// people, so Kinerja's connection to its server takes answers of any size.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_larger_than_a_websocket_default_arrive_whole() {
    let db = backend::attach(&remote_settings(&fresh_database()).db_config()).await.unwrap();
    // 80 strings of 1 MiB (the longest a function builds).
    let big: Vec<Vec<String>> = db
        .rows("RETURN [array::repeat(string::repeat('x', 1048576), 80)];", serde_json::json!({}))
        .await
        .expect("an answer of 80 MiB arrives");
    assert_eq!(big.iter().flatten().map(String::len).sum::<usize>(), 80 << 20);
}

/// `kinerja backup` and `kinerja restore` against a SurrealDB server (files move over HTTP on the server's port):
/// the copy restores into another database of the server with the same records, and a database in use is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_database_is_backed_up_and_restored_through_the_command_line() {
    let (from, to) = (fresh_database(), fresh_database());
    let app = spawn_on(remote_settings(&from), true).await;
    let file = std::env::temp_dir().join(format!("kinerja-remote-backup-{}-{from}.surql", std::process::id()));
    let report = server::cli::backup(&remote_settings(&from), &file).await.expect("backup over http");
    assert!(report.counts["employee"] >= 60, "{report:?}");
    assert!(server::cli::restore(&remote_settings(&from), &file, false).await.is_err(), "a database in use is refused");
    server::cli::restore(&remote_settings(&to), &file, false).await.expect("restore into an empty database");
    let restored = backend::attach(&remote_settings(&to).db_config()).await.unwrap();
    assert_eq!(backend::backup::counts(&restored).await.unwrap(), report.counts);
    app.handle.abort();
    let _ = std::fs::remove_file(&file);
}
