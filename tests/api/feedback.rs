//! 360° rounds through HTTP: HR creates, opens and closes a round; raters submit through the server functions;
//! nobody — the ratee, their supervisor, HR or the head — can recover an individual peer or subordinate answer.

use crate::helpers::{TestApp, client, spawn_app};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

const SECRET_A: &str = "RAHASIA-PEER-A-7f3";
const SECRET_B: &str = "RAHASIA-PEER-B-9c1";

/// Creates and opens a round over the whole agency as `admin`. Returns its key.
pub async fn open_round(app: &TestApp, hr: &Client) -> String {
    let (status, key) = app
        .call(
            hr,
            "rounds/create",
            &[
                ("name", "Umpan Balik Uji"),
                ("period_start", "2026-01-01"),
                ("period_end", "2026-06-30"),
                ("opens", "2026-01-01"),
                ("closes", "2099-12-31"),
                ("threshold", "3"),
                ("max_peers", "4"),
                ("competencies[m01]", "on"),
                ("competencies[m03]", "on"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{key}");
    let key = key.as_str().unwrap().to_string();
    let (status, count) = app.call(hr, "rounds/open", &[("key", &key)]).await;
    assert_eq!(status, StatusCode::OK, "{count}");
    assert!(count.as_u64().unwrap() > 60);
    key
}

/// The round's assignments: (key, rater, ratee, group).
pub async fn assignments(app: &TestApp, round: &str) -> Vec<(String, String, String, String)> {
    app.db
        .rows(
            "SELECT VALUE [record::id(id), record::id(in), record::id(out), rater_group] FROM assesses
             WHERE round = type::record('round', $r);",
            json!({ "r": round }),
        )
        .await
        .unwrap()
}

/// Submits an assignment as its rater (signing in by NIP), every item at `level`, with a comment on the first
/// competency.
pub async fn submit_as(app: &TestApp, rater: &str, key: &str, level: u8, comment: &str) -> Value {
    let c = client();
    let (status, _) = app.login(&c, rater, crate::helpers::PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
    let mut args: Vec<(String, String)> = vec![("key".into(), key.into()), ("submit".into(), "1".into())];
    for i in 0..6 {
        args.push((format!("answers[{i}]"), level.to_string()));
    }
    args.push(("comments[0]".into(), comment.into()));
    let refs: Vec<(&str, &str)> = args.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let (status, body) = app.call(&c, "feedback/save", &refs).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

/// Everything a viewer can fetch about a round: pages, server functions and the CSV.
async fn everything(app: &TestApp, c: &Client, round: &str, keys: &[String], ratees: &[String]) -> String {
    let mut all = String::new();
    let mut pages = vec![
        "/feedback".to_string(),
        format!("/rounds/{round}"),
        "/rounds".to_string(),
        format!("/rounds/{round}/pending.csv"),
    ];
    for k in keys {
        pages.push(format!("/feedback/{k}"));
    }
    for r in ratees {
        pages.push(format!("/rounds/{round}/results/{r}"));
        pages.push(format!("/employees/{r}"));
    }
    for p in &pages {
        let (_, body) = app.page(c, p).await;
        all.push_str(&body);
    }
    let mut calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("feedback", vec![]),
        ("feedback/part", vec![]),
        ("rounds", vec![]),
        ("rounds/progress", vec![("key", round)]),
        ("rounds/progress/part", vec![("key", round)]),
    ];
    for k in keys {
        calls.push(("feedback/form", vec![("key", k.as_str())]));
        calls.push(("feedback/form/part", vec![("key", k.as_str())]));
    }
    for r in ratees {
        calls.push(("rounds/result", vec![("round", round), ("nip", r.as_str())]));
        calls.push(("rounds/result/part", vec![("round", round), ("nip", r.as_str())]));
    }
    for (endpoint, args) in calls {
        let (_, body) = app.call(c, endpoint, &args).await;
        all.push_str(&body.to_string());
    }
    all
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_individual_peer_or_subordinate_answer_can_be_recovered() {
    let app = spawn_app().await;
    let hr = app.signed_in("admin").await;
    let round = open_round(&app, &hr).await;
    let all = assignments(&app, &round).await;
    let pegawai = app.nip("pegawai");
    let atasan = app.nip("atasan");
    let of = |ratee: &str, group: &str| -> Vec<(String, String)> {
        all.iter().filter(|a| a.2 == ratee && a.3 == group).map(|a| (a.0.clone(), a.1.clone())).collect()
    };
    // Two peers of `pegawai` answer (below the threshold of three): all 1s and all 5s, with secret comments.
    let peers = of(&pegawai, "peer");
    assert!(peers.len() >= 2, "pegawai needs peers");
    submit_as(&app, &peers[0].1, &peers[0].0, 1, SECRET_A).await;
    submit_as(&app, &peers[1].1, &peers[1].0, 5, SECRET_B).await;
    // Three of `atasan`'s reports answer (threshold met): 2, 4 and 5.
    let subs = of(&atasan, "subordinate");
    assert!(subs.len() >= 3);
    for (i, (k, rater)) in subs.iter().take(3).enumerate() {
        submit_as(&app, rater, k, [2, 4, 5][i], ["Tegas", "Adil", "Sabar"][i]).await;
    }
    let (own_key, _) = of(&pegawai, "self")[0].clone();
    submit_as(&app, &pegawai, &own_key, 4, "Penilaian diri saya").await;

    // Every assignment about the two ratees (the pages and functions of the rest are the same code paths).
    let keys: Vec<String> = all.iter().filter(|a| a.2 == pegawai || a.2 == atasan).map(|a| a.0.clone()).collect();
    let ratees = vec![pegawai.clone(), atasan.clone()];
    let anonymous_raters: Vec<String> = peers.iter().take(2).chain(subs.iter().take(3)).map(|p| p.1.clone()).collect();
    let viewers = [
        ("pegawai", app.signed_in("pegawai").await),
        ("atasan", app.signed_in("atasan").await),
        ("admin", hr.clone()),
        ("kepala", app.signed_in("kepala").await),
    ];
    for closed in [false, true] {
        if closed {
            let (status, body) = app.call(&hr, "rounds/close", &[("key", &round)]).await;
            assert_eq!(status, StatusCode::OK, "{body}");
        }
        for (who, c) in &viewers {
            let seen = everything(&app, c, &round, &keys, &ratees).await;
            for secret in [SECRET_A, SECRET_B] {
                assert!(!seen.contains(secret), "{who} saw a withheld peer comment (closed: {closed})");
            }
            // Submitted answers are never sent back, not even to HR: no form of another rater opens.
            for (k, rater) in peers.iter().take(2).chain(subs.iter().take(3)) {
                let (status, _) = app.call(c, "feedback/form", &[("key", k)]).await;
                let nip = app.nip(who);
                if *rater != nip {
                    assert_eq!(status, StatusCode::NOT_FOUND, "{who} opened someone else's form");
                }
            }
            if closed {
                // The result names no anonymous rater and has no per-rater numbers.
                for ratee in &ratees {
                    let (_, result) = app.call(c, "rounds/result", &[("round", &round), ("nip", ratee)]).await;
                    let text = result.to_string();
                    for r in &anonymous_raters {
                        assert!(!text.contains(r.as_str()), "{who} sees an anonymous rater in a result");
                    }
                }
            }
        }
    }
    // The ratee's own result: peers withheld with the reason, self shown; the supervisor's subordinates shown as a
    // group (mean of 2, 4 and 5) with comments in alphabetical order.
    let me = &viewers[0].1;
    let (status, mine) = app.call(me, "rounds/result", &[("round", &round), ("nip", &pegawai)]).await;
    assert_eq!(status, StatusCode::OK, "{mine}");
    let m01 = &mine["data"]["competencies"][0];
    let peer = m01["groups"].as_array().unwrap().iter().find(|g| g["group"] == "peer").unwrap();
    assert_eq!(peer["mean"], Value::Null);
    assert_eq!(peer["withheld"]["reason"], "too_few_raters");
    let own = m01["groups"].as_array().unwrap().iter().find(|g| g["group"] == "self").unwrap();
    assert_eq!(own["mean"], 4.0);
    let (_, boss) = app.call(&viewers[1].1, "rounds/result", &[("round", &round), ("nip", &atasan)]).await;
    let m01 = &boss["data"]["competencies"][0];
    let sub = m01["groups"].as_array().unwrap().iter().find(|g| g["group"] == "subordinate").unwrap();
    assert_eq!((sub["count"].as_u64(), sub["mean"].as_f64()), (Some(3), Some(3.67)));
    assert_eq!(m01["comments"], json!([["subordinate", ["Adil", "Sabar", "Tegas"]]]));
    // A colleague cannot read someone else's result; the supervisor can read their report's.
    let (status, _) = app.call(me, "rounds/result", &[("round", &round), ("nip", &atasan)]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app.call(&viewers[1].1, "rounds/result", &[("round", &round), ("nip", &pegawai)]).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rater_drafts_submits_once_and_is_refused_after_closing() {
    let app = spawn_app().await;
    let hr = app.signed_in("admin").await;
    let round = open_round(&app, &hr).await;
    let me = app.signed_in("pegawai").await;
    let (status, inbox) = app.call(&me, "feedback", &[]).await;
    assert_eq!(status, StatusCode::OK);
    let items = inbox["items"].as_array().unwrap();
    let own = items.iter().find(|i| i["group"] == "self").unwrap()["key"].as_str().unwrap().to_string();
    // A draft keeps what was typed.
    let (status, saved) = app
        .call(&me, "feedback/save", &[("key", &own), ("answers[0]", "4"), ("answers[2]", "9"), ("comments[1]", "draf")])
        .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert!(saved.get("Saved").is_some());
    let (_, form) = app.call(&me, "feedback/form", &[("key", &own)]).await;
    assert_eq!(form["answers"], json!([4, 0, 9, 0, 0, 0]));
    assert_eq!(form["comments"][1], "draf");
    // The page shows the form as the server draws it from the same data: the draft's answers ticked, its comment
    // in place.
    let (status, part) = app.call(&me, "feedback/form/part", &[("key", &own)]).await;
    assert_eq!(status, StatusCode::OK, "{part}");
    let drawn = part["html"].as_str().expect("the part's HTML");
    for (item, level) in [(0, 4), (2, 9)] {
        let ticked = format!("id=\"a{item}-{level}\" name=\"answers[{item}]\" value=\"{level}\" checked");
        assert!(drawn.contains(&ticked), "{ticked} in {drawn}");
    }
    assert_eq!(drawn.matches(" checked").count(), 2, "{drawn}");
    assert!(drawn.contains("name=\"comments[1]\" rows=\"3\" maxlength=\"2000\">draf</textarea>"), "{drawn}");
    let (status, html) = app.page(&me, &format!("/feedback/{own}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(drawn), "the served page shows the part as drawn");
    // Submitting with gaps is refused with a clear message, and changes nothing.
    let (status, err) = app.call(&me, "feedback/save", &[("key", &own), ("answers[0]", "4"), ("submit", "1")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(err.to_string().contains("Jawab semua butir"), "{err}");
    // Without JavaScript the same refusal returns to the form and keeps the answers as a draft.
    let (status, _) = {
        let res = me
            .post(app.url("/api/feedback/save"))
            .header("Accept", "text/html")
            .form(&[("key", own.as_str()), ("answers[0]", "5"), ("answers[1]", "3"), ("submit", "1")])
            .send()
            .await
            .unwrap();
        let location = res.headers().get("location").map(|l| l.to_str().unwrap().to_string()).unwrap_or_default();
        assert!(location.starts_with(&format!("/feedback/{own}?error=")), "{location}");
        (res.status(), location)
    };
    assert!(status.is_redirection());
    let (_, form) = app.call(&me, "feedback/form", &[("key", &own)]).await;
    assert_eq!(form["answers"], json!([5, 3, 0, 0, 0, 0]));
    // A complete submission, then a duplicate: reported, not applied.
    let full: Vec<(String, String)> = (0..6).map(|i| (format!("answers[{i}]"), "3".to_string())).collect();
    let mut args: Vec<(&str, &str)> = full.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    args.push(("key", &own));
    args.push(("submit", "1"));
    let (status, first) = app.call(&me, "feedback/save", &args).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert!(first.get("Submitted").is_some());
    let (status, second) = app.call(&me, "feedback/save", &args).await;
    assert_eq!(status, StatusCode::OK);
    assert!(second.get("AlreadySubmitted").is_some(), "{second}");
    // After closing, a pending assignment can no longer be submitted.
    let (status, _) = app.call(&hr, "rounds/close", &[("key", &round)]).await;
    assert_eq!(status, StatusCode::OK);
    let other = inbox["items"].as_array().unwrap().iter().find(|i| i["group"] != "self").unwrap()["key"]
        .as_str()
        .unwrap()
        .to_string();
    let mut late: Vec<(&str, &str)> = full.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    late.push(("key", &other));
    late.push(("submit", "1"));
    let (status, err) = app.call(&me, "feedback/save", &late).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(err.to_string().contains("ditutup"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rounds_and_the_dictionary_are_managed_by_hr_only() {
    let app = spawn_app().await;
    let hr = app.signed_in("admin").await;
    let round = open_round(&app, &hr).await;
    let assignments = assignments(&app, &round).await;
    let some_key = assignments[0].clone();
    for who in ["pegawai", "atasan", "kepala", "pelatih"] {
        let c = app.signed_in(who).await;
        let forbidden: Vec<(&str, Vec<(&str, &str)>)> = vec![
            (
                "rounds/create",
                vec![
                    ("name", "x"),
                    ("period_start", "2026-01-01"),
                    ("period_end", "2026-02-01"),
                    ("opens", "2026-01-01"),
                    ("closes", "2026-02-01"),
                    ("threshold", "3"),
                    ("max_peers", "2"),
                ],
            ),
            ("rounds/open", vec![("key", &round)]),
            ("rounds/close", vec![("key", &round)]),
            (
                "rounds/assign",
                vec![
                    ("round", &round),
                    ("rater", "198503152010011002"),
                    ("ratee", "198503152010011002"),
                    ("group", "self"),
                ],
            ),
            ("rounds/unassign", vec![("round", &round), ("rater", &some_key.1), ("ratee", &some_key.2)]),
            (
                "competencies/save",
                vec![
                    ("key", ""),
                    ("code", "T.09"),
                    ("kind", "technical"),
                    ("name_id", "x"),
                    ("name_en", ""),
                    ("description_id", ""),
                    ("description_en", ""),
                    ("levels_id", "a\nb\nc\nd\ne"),
                    ("levels_en", ""),
                    ("items_id", "x"),
                    ("items_en", ""),
                ],
            ),
            ("competencies/standard", vec![("kind", "pelaksana"), ("level", "3")]),
        ];
        for (endpoint, args) in forbidden {
            let (status, body) = app.call(&c, endpoint, &args).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{who} {endpoint}: {body}");
        }
    }
    // Employees without reports cannot follow a round or export its pending raters; supervisors see their part.
    let me = app.signed_in("pegawai").await;
    assert_eq!(app.call(&me, "rounds/progress", &[("key", &round)]).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.page(&me, &format!("/rounds/{round}/pending.csv")).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.page(&me, &format!("/rounds/{round}")).await.0, StatusCode::FORBIDDEN);
    let boss = app.signed_in("atasan").await;
    let (status, progress) = app.call(&boss, "rounds/progress", &[("key", &round)]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(progress["scoped"], true);
    let (status, csv) = app.page(&hr, &format!("/rounds/{round}/pending.csv")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(csv.contains(&app.nip("pegawai")));
    // Nothing changed: still open, no results.
    let (_, p) = app.call(&hr, "rounds/progress", &[("key", &round)]).await;
    assert_eq!(p["round"]["status"], "open");
    // HR edits the dictionary; bad input gets a localized message and changes nothing.
    let (status, err) = app
        .call(
            &hr,
            "competencies/save",
            &[
                ("key", ""),
                ("code", "T.01"),
                ("kind", "technical"),
                ("name_id", "Analisis Jabatan"),
                ("name_en", "Job Analysis"),
                ("description_id", ""),
                ("description_en", ""),
                ("levels_id", "satu\ndua"),
                ("levels_en", ""),
                ("items_id", "Menyusun uraian jabatan"),
                ("items_en", ""),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(err.to_string().contains("lima"), "{err}");
    let (status, key) = app
        .call(
            &hr,
            "competencies/save",
            &[
                ("key", ""),
                ("code", "T.01"),
                ("kind", "technical"),
                ("name_id", "Analisis Jabatan"),
                ("name_en", "Job Analysis"),
                ("description_id", ""),
                ("description_en", ""),
                ("levels_id", "Paham\nDasar\nMenengah\nMumpuni\nAhli"),
                ("levels_en", ""),
                ("items_id", "Menyusun uraian jabatan"),
                ("items_en", ""),
                ("active", "on"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{key}");
    let (_, dict) = app.call(&me, "competencies", &[]).await;
    assert_eq!(dict["competencies"].as_array().unwrap().len(), 10);
    assert_eq!(dict["can_edit"], false);
}
