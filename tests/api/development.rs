//! Reports, plans, the catalog and the needs analysis through HTTP: who may read what, and what a plan's life looks
//! like through the server functions.

use crate::helpers::{TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::Value;

/// The demo agency with its demo rounds (two closed, one open).
async fn demo() -> TestApp {
    let app = spawn_app().await;
    let keep = vec![app.nip("pegawai"), app.nip("atasan")];
    backend::services::seed::feedback::seed_feedback(&app.db, 3, &keep).await.expect("demo rounds");
    app
}

/// The `data-option` attributes of a page's charts, unescaped and read as JSON, by the chart's id.
fn chart_options(html: &str) -> Vec<(String, Value)> {
    html.split("<div id=\"")
        .skip(1)
        .filter_map(|rest| {
            let id = rest.split('"').next()?;
            let tag = rest.split('>').next()?;
            let option = tag.split(" data-option=\"").nth(1)?.split('"').next()?;
            let option = option.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
            Some((id.to_string(), serde_json::from_str(&option).unwrap_or(Value::Null)))
        })
        .collect()
}

/// A direct report of `atasan` other than `pegawai`.
async fn colleague(app: &TestApp) -> String {
    let snapshot = app.db.hierarchy().await.unwrap();
    snapshot.direct_reports(&app.nip("atasan")).iter().find(|n| **n != app.nip("pegawai")).unwrap().clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reports_and_plans_are_readable_by_the_person_those_above_hr_and_the_head_only() {
    let app = demo().await;
    let pegawai = app.nip("pegawai");
    let atasan = app.nip("atasan");
    let me = app.signed_in("pegawai").await;
    let boss = app.signed_in("atasan").await;
    let hr = app.signed_in("admin").await;
    let head = app.signed_in("kepala").await;
    let trainer = app.signed_in("pelatih").await;
    let peer = crate::helpers::client();
    let (status, _) = app.login(&peer, &colleague(&app).await, crate::helpers::PASSWORD).await;
    assert_eq!(status, StatusCode::OK);

    // Own report, by "me" and by NIP, as data and as a page.
    let (status, report) = app.call(&me, "reports", &[("nip", "me")]).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["nip"], Value::String(pegawai.clone()));
    assert_eq!(report["rounds"].as_array().unwrap().len(), 2);
    let (status, html) = app.page(&me, &format!("/reports/{pegawai}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Job Person Match") && html.contains("Kesenjangan"), "the page reads without JavaScript");
    // Those above and HR/head read it.
    for c in [&boss, &hr, &head] {
        let (status, body) = app.call(c, "reports", &[("nip", &pegawai)]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = app.call(c, "plan", &[("nip", &pegawai)]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    // A colleague and a trainer do not; neither does the supervisor for their own supervisor.
    for c in [&peer, &trainer] {
        let (status, _) = app.call(c, "reports", &[("nip", &pegawai)]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = app.call(c, "plan", &[("nip", &pegawai)]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = app.page(c, &format!("/reports/{pegawai}")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = app.page(c, &format!("/plan/{pegawai}")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    let above = app.db.hierarchy().await.unwrap().chain(&atasan)[0].clone();
    let (status, _) = app.call(&boss, "reports", &[("nip", &above)]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Signed out: 401.
    let (status, _) = app.call(&crate::helpers::client(), "reports", &[("nip", &pegawai)]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // The needs analysis: HR, head and trainer for everyone; a supervisor for their subtree; not an employee.
    for c in [&hr, &head, &trainer] {
        let (status, body) = app.call(c, "trainings/needs", &[("budget", "100000000")]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["people"].as_u64(), Some(60));
    }
    let (status, body) = app.call(&boss, "trainings/needs", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["people"].as_u64().unwrap() < 60);
    let (status, _) = app.call(&me, "trainings/needs", &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Only HR edits the catalog and the report settings.
    let csv = "code,title_id,mode,competencies,level_min,level_max,jp,cost\nX-1,Uji,classroom,M.01,1,2,8,0\n";
    let (status, _) = app.call(&me, "trainings/import", &[("csv", csv)]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = app.call(&hr, "trainings/import", &[("csv", csv)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["imported"], 1);
    // A text with a bad row is refused whole, each problem on its line; nothing of it is stored.
    let bad = "code,title_id,mode,competencies,level_min,level_max,jp,cost\nX-2,Dua,classroom,M.01,1,2,8,0\nX-3,Tiga,ceramah,M.01,1,2,8,0\n";
    let (status, body) = app.call(&hr, "trainings/import", &[("csv", bad)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let message = body.to_string();
    assert!(message.contains("Tidak ada yang diimpor") && message.contains("Baris 3: mode"), "{message}");
    // The catalog is drawn by the server: HR's has the import and the settings, the employee's has neither.
    let (status, part) = app.call(&hr, "trainings/part", &[]).await;
    assert_eq!(status, StatusCode::OK, "{part}");
    let drawn = part["html"].as_str().expect("the part's HTML");
    assert!(drawn.contains("X-1") && !drawn.contains("X-2"), "{drawn}");
    assert!(
        drawn.contains(r#"action="/api/trainings/import""#) && drawn.contains(r#"action="/api/reports/settings/save""#)
    );
    let (_, html) = app.page(&hr, "/trainings").await;
    assert!(html.contains(drawn), "the served page shows the part as drawn");
    let (_, part) = app.call(&me, "trainings/part", &[]).await;
    let drawn = part["html"].as_str().expect("the part's HTML");
    assert!(drawn.contains("X-1") && !drawn.contains("<form"), "{drawn}");
    let weights = [
        ("self_rating", "0"),
        ("supervisor", "50"),
        ("peer", "25"),
        ("subordinate", "25"),
        ("profile", "selection"),
        ("selection_high", "80"),
        ("selection_low", "68"),
        ("mapping_high", "90"),
        ("mapping_low", "78"),
        ("cap", "on"),
    ];
    let (status, _) = app.call(&boss, "reports/settings/save", &weights).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app.call(&hr, "reports/settings/save", &weights).await;
    assert_eq!(status, StatusCode::OK);
    let (_, report) = app.call(&me, "reports", &[("nip", "me")]).await;
    assert_eq!(report["settings"]["weights"]["supervisor"], 50);
    assert_eq!(report["settings"]["jpm"]["profile"], "selection");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_activity_is_added_approved_by_the_supervisor_and_done_by_its_owner_only() {
    let app = demo().await;
    let pegawai = app.nip("pegawai");
    let me = app.signed_in("pegawai").await;
    let boss = app.signed_in("atasan").await;
    let peer = crate::helpers::client();
    app.login(&peer, &colleague(&app).await, crate::helpers::PASSWORD).await;

    let (status, key) =
        app.call(&me, "plan/add", &[("training", "PKP"), ("due", "2027-06-30"), ("target", "administrator")]).await;
    assert_eq!(status, StatusCode::OK, "{key}");
    let key = key.as_str().unwrap().to_string();
    // Bad input changes nothing.
    let (status, body) = app.call(&me, "plan/add", &[("title", "Membaca"), ("due", "31-12-2027")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (_, plan) = app.call(&me, "plan", &[("nip", "me")]).await;
    assert_eq!(plan["items"].as_array().unwrap().len(), 1);
    // A colleague can neither review nor change it, nor learn that it exists.
    let (status, _) = app
        .call(&peer, "plan/review", &[("key", &key), ("decision", "approve"), ("note", ""), ("owner", &pegawai)])
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app.call(&peer, "plan/update", &[("key", &key), ("status", "done"), ("evidence", "x")]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The supervisor approves; the owner cannot approve their own.
    let (status, _) = app
        .call(&me, "plan/review", &[("key", &key), ("decision", "approve"), ("note", ""), ("owner", &pegawai)])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = app
        .call(&boss, "plan/review", &[("key", &key), ("decision", "approve"), ("note", "Setuju"), ("owner", &pegawai)])
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = app.call(&boss, "plan/update", &[("key", &key), ("status", "done"), ("evidence", "x")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) =
        app.call(&me, "plan/update", &[("key", &key), ("status", "done"), ("evidence", "Sertifikat PKP")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, plan) = app.call(&boss, "plan", &[("nip", &pegawai)]).await;
    let item = &plan["items"][0];
    assert_eq!(item["status"], "done");
    assert_eq!(item["approval"], "approved");
    assert_eq!(plan["progress"], 100.0);
    assert!(item["gap"].as_f64().is_some_and(|g| g < 0.0), "{item}");
}

/// A chart's option is built on the server: into the page it renders (the browser draws it from there) and, for a
/// page the browser renders itself, as the answer to the chart's data, in the viewer's language; never for someone
/// signed out, and a chart it cannot read is refused with a clear message.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chart_options_are_built_on_the_server() {
    use app::charts::ChartSpec;
    let app = demo().await;
    let me = app.signed_in("pegawai").await;
    let (status, html) = app.page(&me, "/reports/me").await;
    assert_eq!(status, StatusCode::OK);
    let options = chart_options(&html);
    let ids: Vec<&str> = options.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["radar-chart", "gap-chart", "heatmap-chart", "history-chart"]);
    for (id, option) in &options {
        assert!(option["series"].as_array().is_some_and(|s| !s.is_empty()), "{id}: {option}");
    }
    assert_eq!(options[0].1["series"][0]["type"], "radar");
    assert_eq!(options[0].1["title"][0]["text"], i18n::Lang::Id.t(i18n::T::ChartProfileByGroup));

    let spec = ChartSpec::NineBox { counts: vec![1, 2, 3, 4, 5, 6, 7, 8, 9] };
    let json = serde_json::to_string(&spec).unwrap();
    let (status, body) = app.call(&me, "charts", &[("spec", &json)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let option: Value = serde_json::from_str(body.as_str().expect("the option as JSON text")).unwrap();
    assert_eq!(option, serde_json::from_str::<Value>(&spec.option(i18n::Lang::Id)).unwrap());
    assert_eq!(option["series"][0]["data"].as_array().map(Vec::len), Some(9));

    let (status, body) = app.call(&me, "charts", &[("spec", "{\"NineBox\":{\"counts\":\"semua\"}}")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.to_string().contains(i18n::Lang::Id.t(i18n::T::ChartSpecInvalid)), "{body}");
    let (status, _) = app.call(&crate::helpers::client(), "charts", &[("spec", &json)]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

/// The report is drawn by the server: its server function answers the parts above and below the what-if, the
/// what-if as drawn before its code reaches the browser, all in the reader's language, and the report the what-if
/// recomputes (exactly what the report's JSON API answers, so the drawn page shows nothing the API would not); the
/// served page is those parts in that order, and its charts carry what the browser needs to draw them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_is_drawn_by_the_server_around_the_what_if() {
    let app = demo().await;
    let me = app.signed_in("pegawai").await;
    let (status, parts) = app.call(&me, "reports/parts", &[("nip", "me")]).await;
    assert_eq!(status, StatusCode::OK, "{parts}");
    let (_, report) = app.call(&me, "reports", &[("nip", "me")]).await;
    let carried: Value = serde_json::from_str(parts["report"].as_str().expect("the report as JSON text")).unwrap();
    assert_eq!(carried, report);
    let html_of = |part: &str| parts[part]["html"].as_str().unwrap_or_else(|| panic!("{part}")).to_string();
    let (top, what_if, bottom) = (html_of("top"), html_of("what_if"), html_of("bottom"));
    for id in ["radar-chart", "gap-chart", "heatmap-chart"] {
        assert!(top.contains(&format!("<div id=\"{id}\"")), "{id} above the what-if: {top}");
    }
    assert!(bottom.contains("<div id=\"history-chart\""), "the history below it: {bottom}");
    assert!(top.contains("data-height=\"420\"") && top.contains(i18n::Lang::Id.t(i18n::T::ReportTitle)), "{top}");
    assert!(what_if.contains("id=\"whatif-h\"") && what_if.contains("id=\"target-select\""), "{what_if}");
    assert!(!top.contains("whatif-h") && !bottom.contains("whatif-h"));

    let (status, html) = app.page(&me, "/reports/me").await;
    assert_eq!(status, StatusCode::OK);
    let at = |part: &str| html.find(part).expect("the page shows each part as drawn");
    assert!(at(&top) < at(&what_if) && at(&what_if) < at(&bottom));

    // An English reader gets the parts in English.
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    jar.add_cookie_str(&format!("{}=en", i18n::LANG_COOKIE), &app.url("/").parse().unwrap());
    let english = reqwest::Client::builder().cookie_provider(jar).build().unwrap();
    let (status, body) = app.login(&english, "pegawai", crate::helpers::PASSWORD).await;
    assert!(status.is_success(), "{body}");
    let (_, parts) = app.call(&english, "reports/parts", &[("nip", "me")]).await;
    let top = parts["top"]["html"].as_str().expect("the top part's HTML");
    assert!(top.contains(i18n::Lang::En.t(i18n::T::ReportTitle)), "{top}");
    assert!(!top.contains(i18n::Lang::Id.t(i18n::T::ReportTitle)), "{top}");
}
