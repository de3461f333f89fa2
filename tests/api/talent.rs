//! Talent management over HTTP: a programme's rules edited as text by HR.

use crate::helpers::*;
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hr_edits_a_programmes_rules_as_text_and_a_bad_line_is_named_and_saves_nothing() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin").await;
    let version = async |c| {
        let (status, page) = app.call(c, "programmes", &[("programme", "pka")]).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        page["rules"].clone()
    };
    assert_eq!(version(&admin).await["version"], 1);
    let bad = "usia maksimal: 50\ngaji minimal: 5\n";
    let (status, body) =
        app.call(&admin, "programmes/rules", &[("programme", "pka"), ("rules", bad), ("source", "x")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body["Validation"]["message"].as_str().unwrap().starts_with("Baris 2:"), "{body}");
    assert_eq!(version(&admin).await["version"], 1, "a refused text saves nothing");
    // A trainer may not, and learns nothing about the text.
    let pelatih = app.signed_in("pelatih").await;
    let (status, _) =
        app.call(&pelatih, "programmes/rules", &[("programme", "pka"), ("rules", bad), ("source", "x")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let good = "predikat minimal: baik, 2 tahun\ntanpa hukuman: 2 tahun\nbelum mengikuti\n\
                jalur: Pengawas, III/c\njabatan: pengawas\ngolongan minimal: III/c\n";
    let (status, body) = app
        .call(
            &admin,
            "programmes/rules",
            &[("programme", "pka"), ("rules", good), ("source", "Peraturan LAN 2025"), ("verified", "1")],
        )
        .await;
    assert_eq!((status, body.clone()), (StatusCode::OK, serde_json::json!(2)), "{body}");
    let rules = version(&pelatih).await;
    assert_eq!((rules["version"].clone(), rules["verified"].clone()), (2.into(), true.into()));
    assert_eq!(rules["common"].as_array().unwrap().len(), 3);
    assert_eq!(rules["routes"][0]["label"], "Pengawas, III/c");
    assert_eq!(rules["source"], "Peraturan LAN 2025");
}

/// The dashboard over HTTP: the page reads without JavaScript (its tables are in the served HTML), each panel's
/// table downloads as CSV under the same rules, and a supervisor's address for a unit outside their subtree is refused
/// for the page and every export alike.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_serves_its_tables_as_html_and_csv_within_the_viewers_scope() {
    let app = spawn_app().await;
    let kepala = app.signed_in("kepala").await;
    let (status, html) = app.page(&kepala, "/dashboard").await;
    assert_eq!(status, StatusCode::OK);
    for heading in ["Dasbor pimpinan", "Distribusi predikat", "Peta kompetensi", "Matriks talenta (9-box)", "Tren"] {
        assert!(html.contains(heading), "{heading} missing");
    }
    assert!(html.contains("<table"), "the tables are served without JavaScript");
    let (status, page) = app.call(&kepala, "dashboard", &[]).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    // The page is drawn by the server: what its server function answers is what the page shows (from the panels
    // on: the line above them tells the time of the figures), and each chart carries its option, its height and
    // where a click on each of its items leads.
    let (status, part) = app.call(&kepala, "dashboard/part", &[]).await;
    assert_eq!(status, StatusCode::OK, "{part}");
    let drawn = part["html"].as_str().expect("the part's HTML");
    let panels = &drawn[drawn.find("<div class=\"dashboard\">").expect("the panels")..];
    assert!(html.contains(panels), "the served page shows the part as its server function draws it");
    let charts: Vec<&str> = panels
        .split("<div id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('>').next())
        .filter(|tag| tag.contains("class=\"chart\""))
        .collect();
    assert!(charts.len() >= 3, "{panels}");
    for tag in &charts {
        assert!(tag.contains(" data-option=\"{") && tag.contains(" data-height=\""), "{tag}");
    }
    assert!(charts.iter().any(|tag| tag.contains(" data-links=\"[")), "a chart leads somewhere: {charts:?}");
    let top_row = page["rows"][0]["unit"].as_str().expect("a child unit").to_string();
    for panel in ["headcount", "status", "predikat", "competencies", "jpm", "talent", "needs", "development", "trends"]
    {
        let (status, csv) = app.page(&kepala, &format!("/dashboard/{panel}.csv?unit={top_row}")).await;
        assert_eq!(status, StatusCode::OK, "{panel}: {csv}");
        assert!(csv.starts_with('\u{feff}') && csv.lines().count() >= 1, "{panel}: {csv}");
    }
    let (_, csv) = app.page(&kepala, "/dashboard/headcount.csv").await;
    let people: u32 = page["total"]["figures"]["people"].as_u64().unwrap() as u32;
    let by_unit: u32 = csv
        .lines()
        .filter(|l| l.starts_with("Menurut unit,"))
        .map(|l| l.rsplit(',').next().unwrap().trim().parse::<u32>().unwrap())
        .sum();
    assert_eq!(by_unit, people, "the CSV's unit rows add up to the agency: {csv}");
    assert_eq!(app.page(&kepala, "/dashboard/nope.csv").await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.page(&kepala, "/dashboard/jpm.csv?period=kemarin").await.0, StatusCode::BAD_REQUEST);
    let (status, body) = app.call(&kepala, "dashboard", &[("period", "kemarin")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // atasan: their own part of the tree; anything else is refused, page and CSV alike.
    let atasan = app.signed_in("atasan").await;
    let (status, theirs) = app.call(&atasan, "dashboard", &[]).await;
    assert_eq!(status, StatusCode::OK, "{theirs}");
    assert!(theirs["total"]["figures"]["people"].as_u64().unwrap() < people as u64);
    let own: Vec<String> =
        theirs["units"].as_array().unwrap().iter().map(|u| u[0].as_str().unwrap().to_string()).collect();
    let outside = page["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u[0].as_str().unwrap().to_string())
        .find(|u| !own.contains(u))
        .unwrap();
    assert_eq!(app.call(&atasan, "dashboard", &[("unit", &outside)]).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.call(&atasan, "dashboard/part", &[("unit", &outside)]).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.page(&atasan, &format!("/dashboard?unit={outside}")).await.0, StatusCode::FORBIDDEN);
    for panel in ["headcount", "competencies", "talent", "status"] {
        let (status, _) = app.page(&atasan, &format!("/dashboard/{panel}.csv?unit={outside}")).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{panel}");
    }
    let pegawai = app.signed_in("pegawai").await;
    assert_eq!(app.page(&pegawai, "/dashboard/jpm.csv").await.0, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_nine_box_and_candidate_lists_download_whole_within_the_viewers_scope() {
    let app = spawn_app().await;
    for who in ["admin", "atasan"] {
        let c = app.signed_in(who).await;
        let (status, page) = app.call(&c, "talent", &[]).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let placed: u64 = page["counts"].as_array().unwrap().iter().map(|n| n.as_u64().unwrap()).sum();
        let (status, csv) = app.page(&c, "/talent.csv").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(csv.lines().count() as u64, placed + 1, "{who}: everyone placed, not only the first ones listed");
        let (status, page) = app.call(&c, "programmes", &[("programme", "pka")]).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let listed = page["eligible_count"].as_u64().unwrap() + page["nearly_count"].as_u64().unwrap();
        let (status, csv) = app.page(&c, "/programmes/pka/candidates.csv").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(csv.lines().count() as u64, listed + 1, "{who}: {csv}");
    }
    let pegawai = app.signed_in("pegawai").await;
    assert_eq!(app.page(&pegawai, "/talent.xlsx").await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.page(&pegawai, "/programmes/pka/candidates.xlsx").await.0, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_needs_analysis_and_its_budget_plan_download_as_the_page_shows_them() {
    let app = spawn_app().await;
    backend::services::seed::feedback::seed_feedback(&app.db, 3, &[]).await.expect("demo rounds");
    let admin = app.signed_in("admin").await;
    let (status, page) =
        app.call(&admin, "trainings/needs", &[("budget", "25000000"), ("budget_unit", "rupiah")]).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let rows = page["rows"].as_array().unwrap().len();
    let planned = page["plan"]["rows"].as_array().unwrap().len();
    assert!(rows > 0 && planned > 0, "{page}");
    // The page is drawn by the server from the same analysis: every training it ranks is on it.
    let (status, part) =
        app.call(&admin, "trainings/needs/part", &[("budget", "25000000"), ("budget_unit", "rupiah")]).await;
    assert_eq!(status, StatusCode::OK, "{part}");
    let drawn = part["html"].as_str().expect("the part's HTML");
    for row in page["rows"].as_array().unwrap() {
        let code = row["training"].as_str().expect("a training code");
        assert!(drawn.contains(code), "{code} in {drawn}");
    }
    let (status, csv) = app.page(&admin, "/trainings/needs.csv?budget=25000000&budget_unit=rupiah").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(csv.lines().count(), rows + 1);
    let (status, csv) = app.page(&admin, "/trainings/needs/plan.csv?budget=25000000&budget_unit=rupiah").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(csv.lines().count(), planned + 1, "{csv}");
    let pegawai = app.signed_in("pegawai").await;
    assert_eq!(app.page(&pegawai, "/trainings/needs.xlsx").await.0, StatusCode::FORBIDDEN);
}
