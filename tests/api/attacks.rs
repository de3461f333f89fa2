//! Attacks against the real server, one per promise: raters HR makes up, colluding ratees, existence oracles,
//! impersonation through passwords, forged origins, oversized bodies and open redirects.

use crate::feedback::open_round;
use crate::helpers::{PASSWORD, TestApp, client, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Assignments of `ratee` in `round`: (key, rater, group, state).
async fn of(app: &TestApp, round: &str, ratee: &str) -> Vec<(String, String, String, String)> {
    app.db
        .rows(
            "SELECT VALUE [record::id(id), record::id(in), rater_group, state] FROM assesses
             WHERE round = type::record('round', $r) AND out = type::record('employee', $n);",
            json!({ "r": round, "n": ratee }),
        )
        .await
        .unwrap()
}

async fn submit(app: &TestApp, rater: &str, key: &str, level: &str) {
    let c = client();
    assert_eq!(app.login(&c, rater, PASSWORD).await.0, StatusCode::OK);
    let mut args: Vec<(String, String)> = vec![("key".into(), key.into()), ("submit".into(), "1".into())];
    for i in 0..6 {
        args.push((format!("answers[{i}]"), level.into()));
    }
    let refs: Vec<(&str, &str)> = args.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let (status, body) = app.call(&c, "feedback/save", &refs).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// Someone active who is not among `ratee`'s raters and not `ratee`.
async fn outsider(app: &TestApp, round: &str, ratee: &str) -> String {
    let raters: Vec<String> = of(app, round, ratee).await.into_iter().map(|a| a.1).collect();
    let everyone: Vec<String> =
        app.db.rows("SELECT VALUE record::id(id) FROM employee WHERE active = true;", json!({})).await.unwrap();
    everyone.into_iter().find(|n| n != ratee && !raters.contains(n)).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hr_cannot_make_up_raters_and_every_hand_change_is_shown_and_withholds_its_group() {
    let app = spawn_app().await;
    let hr = app.signed_in("admin").await;
    let round = open_round(&app, &hr).await;
    let atasan = app.nip("atasan");
    let stranger = outsider(&app, &round, &atasan).await;
    let before = of(&app, &round, &atasan).await.len();
    // Made-up relations are refused: a subordinate who does not report to the ratee, a supervisor who is not theirs.
    for group in ["subordinate", "supervisor"] {
        let args =
            [("round", round.as_str()), ("rater", stranger.as_str()), ("ratee", atasan.as_str()), ("group", group)];
        let (status, body) = app.call(&hr, "rounds/assign", &args).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{group}: {body}");
    }
    assert_eq!(of(&app, &round, &atasan).await.len(), before, "nothing was added");
    // A peer added by HR waits for the ratee's supervisor: it is not in the peer's inbox until approved.
    let args = [("round", round.as_str()), ("rater", stranger.as_str()), ("ratee", atasan.as_str()), ("group", "peer")];
    assert_eq!(app.call(&hr, "rounds/assign", &args).await.0, StatusCode::OK);
    let added = of(&app, &round, &atasan).await.into_iter().find(|a| a.1 == stranger).unwrap();
    assert_eq!(added.3, "proposed");
    let c = client();
    assert_eq!(app.login(&c, &stranger, PASSWORD).await.0, StatusCode::OK);
    let (_, inbox) = app.call(&c, "feedback", &[]).await;
    assert!(!inbox["items"].to_string().contains(&added.0), "an unapproved rater can rate");

    // Three real subordinates submit; then HR removes a fourth, unsubmitted one (the attack: shrink the group
    // around the answers it wants to single out). The change is on the round's page and the group is withheld.
    let subs: Vec<_> = of(&app, &round, &atasan).await.into_iter().filter(|a| a.2 == "subordinate").collect();
    assert!(subs.len() >= 4, "atasan needs four subordinates, has {}", subs.len());
    for s in &subs[..3] {
        submit(&app, &s.1, &s.0, "4").await;
    }
    let args = [("round", round.as_str()), ("rater", subs[3].1.as_str()), ("ratee", atasan.as_str())];
    let (status, body) = app.call(&hr, "rounds/unassign", &args).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, progress) = app.call(&hr, "rounds/progress", &[("key", &round)]).await;
    let changes = progress["changes"].as_array().unwrap();
    assert!(
        changes
            .iter()
            .any(|c| c["action"] == "remove" && c["ratee"].to_string().contains(&atasan) || c["action"] == "remove"),
        "{changes:?}"
    );
    assert!(changes.iter().any(|c| c["action"] == "add"), "{changes:?}");
    let (status, _) = app.call(&hr, "rounds/close", &[("key", &round)]).await;
    assert_eq!(status, StatusCode::OK);
    let boss = app.signed_in("atasan").await;
    let (_, result) = app.call(&boss, "rounds/result", &[("round", &round), ("nip", &atasan)]).await;
    for c in result["data"]["competencies"].as_array().unwrap() {
        let g = c["groups"].as_array().unwrap().iter().find(|g| g["group"] == "subordinate").unwrap();
        assert_eq!(g["mean"], Value::Null, "{g}");
        assert_eq!(g["withheld"]["reason"], "changed_by_hand", "{g}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ratee_learns_decisions_only_and_someone_elses_things_look_missing() {
    let app = spawn_app().await;
    let hr = app.signed_in("admin").await;
    let round = open_round(&app, &hr).await;
    let pegawai = app.nip("pegawai");
    let me = app.signed_in("pegawai").await;
    let mine = of(&app, &round, &pegawai).await;
    let assigned_peer = mine.iter().find(|a| a.2 == "peer").unwrap().1.clone();
    let fresh = outsider(&app, &round, &pegawai).await;
    // Nominating someone who already rates me answers exactly like nominating someone new.
    let a = app.call(&me, "feedback/nominate", &[("round", &round), ("peer_nip", &assigned_peer)]).await;
    let b = app.call(&me, "feedback/nominate", &[("round", &round), ("peer_nip", &fresh)]).await;
    assert_eq!(a, b);
    assert_eq!(a.0, StatusCode::OK);
    // The supervisor approves; the nominee submits; the ratee still sees only "approved".
    let boss = app.signed_in("atasan").await;
    let (_, inbox) = app.call(&boss, "feedback", &[]).await;
    let nomination = inbox["approvals"].as_array().unwrap().iter().find(|n| n["rater_nip"] == fresh).unwrap()["key"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(app.call(&boss, "feedback/decide", &[("key", &nomination), ("approve", "1")]).await.0, StatusCode::OK);
    let (_, before) = app.call(&me, "feedback", &[]).await;
    submit(&app, &fresh, &nomination, "2").await;
    let (_, after) = app.call(&me, "feedback", &[]).await;
    assert_eq!(before["my_nominations"], after["my_nominations"], "submitting changed what the ratee sees");
    for n in after["my_nominations"].as_array().unwrap() {
        assert!(["proposed", "approved", "rejected"].contains(&n["state"].as_str().unwrap()), "{n}");
    }
    // The head's own nomination waits for HR, not for anyone below.
    let kepala = app.nip("kepala");
    let head = app.signed_in("kepala").await;
    let peer_of_head = outsider(&app, &round, &kepala).await;
    assert_eq!(
        app.call(&head, "feedback/nominate", &[("round", &round), ("peer_nip", &peer_of_head)]).await.0,
        StatusCode::OK
    );
    let key = backend::repo::feedback::assignment_key(&round, &peer_of_head, &kepala);
    assert_eq!(of(&app, &round, &kepala).await.into_iter().find(|a| a.0 == key).unwrap().3, "proposed");
    assert_eq!(app.call(&head, "feedback/decide", &[("key", &key), ("approve", "1")]).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.call(&hr, "feedback/decide", &[("key", &key), ("approve", "1")]).await.0, StatusCode::OK);

    // Existence oracles: someone else's assignment answers exactly like one that does not exist.
    let theirs = mine.iter().find(|a| a.2 == "peer").unwrap().0.clone();
    let missing = backend::repo::feedback::assignment_key(&round, "199001012015011001", &pegawai);
    let stranger = app.signed_in("pelatih").await;
    for (endpoint, extra) in [
        ("feedback/form", vec![]),
        ("feedback/save", vec![("submit", "1")]),
        ("feedback/decide", vec![("approve", "1")]),
    ] {
        let mut x = vec![("key", theirs.as_str())];
        x.extend(extra.iter().copied());
        let mut y = vec![("key", missing.as_str())];
        y.extend(extra.iter().copied());
        let (sx, bx) = app.call(&stranger, endpoint, &x).await;
        let (sy, by) = app.call(&stranger, endpoint, &y).await;
        assert_eq!((sx, &bx), (sy, &by), "{endpoint} tells someone else's assignment from a missing one");
        assert_eq!(sx, StatusCode::NOT_FOUND, "{endpoint}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_owner_knows_a_password_and_changing_it_ends_every_session() {
    let app = spawn_app().await;
    let pegawai = app.nip("pegawai");
    let phone = app.signed_in("pegawai").await;
    let laptop = app.signed_in("pegawai").await;
    // Nobody but HR issues a reset link, and HR gets a link, never a password.
    assert_eq!(app.call(&phone, "hr/reset_link", &[("nip", &pegawai)]).await.0, StatusCode::FORBIDDEN);
    let hr = app.signed_in("admin").await;
    let (status, link) = app.call(&hr, "hr/reset_link", &[("nip", &pegawai)]).await;
    assert_eq!(status, StatusCode::OK, "{link}");
    assert!(link.as_str().unwrap().starts_with("/account/setup/"));
    // Changing one's password needs the current one; weak ones are refused with the reason; nothing changes.
    let wrong = [("current", "salah-sekali"), ("password", "Kopi tubruk pagi 7"), ("again", "Kopi tubruk pagi 7")];
    let (status, body) = app.call(&phone, "auth/change_password", &wrong).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let weak = [("current", PASSWORD), ("password", "pegawai2026"), ("again", "pegawai2026")];
    assert_eq!(app.call(&phone, "auth/change_password", &weak).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.call(&laptop, "auth/me", &[]).await.1["nip"], pegawai, "a refused change ends nothing");
    let good = [("current", PASSWORD), ("password", "Kopi tubruk pagi 7"), ("again", "Kopi tubruk pagi 7")];
    assert_eq!(app.call(&phone, "auth/change_password", &good).await.0, StatusCode::OK);
    // This browser stays signed in; the other session ended; the old password and HR's older link stop working.
    assert_eq!(app.call(&phone, "auth/me", &[]).await.1["nip"], pegawai);
    assert_eq!(app.call(&laptop, "auth/me", &[]).await.1, Value::Null);
    assert_eq!(app.login(&client(), &pegawai, PASSWORD).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(app.login(&client(), &pegawai, "Kopi tubruk pagi 7").await.0, StatusCode::OK);
    let token = link.as_str().unwrap().trim_start_matches("/account/setup/").to_string();
    let set = [("token", token.as_str()), ("password", "Teh manis sore hari"), ("again", "Teh manis sore hari")];
    assert_eq!(app.call(&client(), "auth/set_password", &set).await.0, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_edge_refuses_forged_origins_and_oversized_bodies_and_never_redirects_away() {
    let app = spawn_app().await;
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let login = |origin: &'static str| {
        http.post(app.url("/api/auth/login"))
            .header("Accept", "application/json")
            .header("Origin", origin)
            .form(&[("identifier", "pegawai"), ("password", PASSWORD)])
    };
    // A page elsewhere posting the right password (login CSRF) is refused before any work, with a clear message.
    let res = login("https://evil.example").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.headers().get("set-cookie").is_none());
    assert!(res.text().await.unwrap().contains("halaman Kinerja sendiri"));
    let ours: &'static str = Box::leak(app.base.clone().into_boxed_str());
    assert_eq!(login(ours).send().await.unwrap().status(), StatusCode::OK);
    // Bodies past the limit are refused from the declared length, before a byte of the body is read: the request
    // head alone (5 MB announced, nothing sent) gets the answer.
    {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let addr = app.base.trim_start_matches("http://").to_string();
        let mut tcp = tokio::net::TcpStream::connect(&addr).await.unwrap();
        let head = format!(
            "POST /api/trainings/import HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n",
            5 * 1024 * 1024
        );
        tcp.write_all(head.as_bytes()).await.unwrap();
        let mut answer = Vec::new();
        tcp.read_to_end(&mut answer).await.unwrap();
        let answer = String::from_utf8_lossy(&answer);
        assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
        assert!(answer.contains("terlalu besar"), "{answer}");
    }
    // Open redirects: whatever `next` says, a sign-in without JavaScript lands on our own site.
    for next in [
        "//evil.example",
        "/\\evil.example",
        "/%5Cevil.example",
        "https://evil.example",
        "/\t/evil.example",
        "/ünïcode",
        "/a\r\nSet-Cookie: x=1",
        "javascript:alert(1)",
    ] {
        let res = http
            .post(app.url("/api/auth/login"))
            .header("Accept", "text/html")
            .form(&[("identifier", "pegawai"), ("password", PASSWORD), ("next", next)])
            .send()
            .await
            .unwrap();
        assert!(res.status().is_redirection(), "{next:?}: {}", res.status());
        let to = res.headers().get("location").unwrap().to_str().unwrap().to_string();
        assert!(to.starts_with('/') && !to.starts_with("//") && !to.starts_with("/\\"), "{next:?} → {to}");
        assert!(!to.contains("evil"), "{next:?} → {to}");
        let res = http.get(app.url(&format!("/lang/en?next={}", next.replace('%', "%25")))).send().await.unwrap();
        assert!(res.status().is_redirection(), "lang {next:?}: {}", res.status());
        let to = res.headers().get("location").unwrap().to_str().unwrap();
        assert!(to.starts_with('/') && !to.starts_with("//") && !to.contains("evil"), "lang {next:?} → {to}");
    }
    // Security headers: pages carry a nonce policy; everything forbids framing and sniffing.
    let res = http.get(app.url("/login")).header("Accept", "text/html").send().await.unwrap();
    let h = res.headers().clone();
    let csp = h.get("content-security-policy").unwrap().to_str().unwrap().to_string();
    assert!(csp.contains("'nonce-") && csp.contains("frame-ancestors 'none'"), "{csp}");
    let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap().to_string();
    let html = res.text().await.unwrap();
    assert!(html.contains(&format!("nonce=\"{nonce}\"")), "the page's scripts carry the policy's nonce");
    assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
    assert_eq!(h.get("x-frame-options").unwrap(), "DENY");
    let res = http.get(app.url("/healthz")).send().await.unwrap();
    assert!(res.headers().get("content-security-policy").unwrap().to_str().unwrap().contains("default-src 'none'"));
}
