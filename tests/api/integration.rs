//! The JSON API for other systems (`/api/v1`): tokens that HR issues (scoped, expiring, revocable, hashed), every
//! call logged, the reads against what the pages show (the same anonymity for 360° results), the import through the
//! API, and the OpenAPI document with its page.

use crate::helpers::{TestApp, client, spawn_app};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

/// HR issues a token on `/hr/api`'s form; the answer page shows the secret once.
async fn issue(app: &TestApp, hr: &Client, name: &str, scopes: &[&str], days: &str) -> (StatusCode, String) {
    let mut form: Vec<(&str, &str)> = vec![("name", name), ("days", days)];
    form.extend(scopes.iter().map(|s| (*s, "1")));
    let res = hr.post(app.url("/hr/api/issue")).form(&form).send().await.expect("request");
    let status = res.status();
    let location = res.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_string);
    if let Some(location) = location {
        return (status, location);
    }
    if status == StatusCode::OK {
        assert_eq!(res.headers().get("cache-control").and_then(|v| v.to_str().ok()), Some("no-store"));
    }
    let page = res.text().await.unwrap_or_default();
    let secret = page.split("value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or_default().to_string();
    (status, secret)
}

async fn get(app: &TestApp, token: &str, path: &str) -> (StatusCode, Value) {
    let res = client().get(app.url(path)).bearer_auth(token).send().await.expect("request");
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn post(app: &TestApp, token: &str, path: &str, content_type: &str, body: Vec<u8>) -> (StatusCode, Value) {
    let res = client()
        .post(app.url(path))
        .bearer_auth(token)
        .header("Content-Type", content_type)
        .body(body)
        .send()
        .await
        .expect("request");
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn calls_logged(app: &TestApp) -> u64 {
    app.db.run("RETURN count(SELECT id FROM api_call);", json!({})).await.unwrap().value(0).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hr_issues_scoped_tokens_and_systems_read_the_organisation_page_by_page() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin").await;
    let pegawai = app.signed_in("pegawai").await;

    // Only HR issues tokens; a request without a scope, a name or a valid lifetime is refused with the reason.
    let (status, _) = issue(&app, &pegawai, "Gudang data", &["org_read"], "30").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    for (name, scopes, days) in
        [("", vec!["org_read"], "30"), ("SIASN", vec![], "30"), ("SIASN", vec!["org_read"], "400")]
    {
        let (status, location) = issue(&app, &admin, name, &scopes, days).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert!(location.starts_with("/hr/api?error="), "{location}");
    }
    let (status, org) = issue(&app, &admin, "SIASN sinkron", &["org_read"], "30").await;
    assert_eq!(status, StatusCode::OK);
    assert!(org.starts_with("knj_") && org.len() == 68, "{org}");
    // Only its hash is stored.
    let stored: Vec<Value> = app.db.rows("SELECT * FROM api_token;", json!({})).await.unwrap();
    assert!(!serde_json::to_string(&stored).unwrap().contains(&org[4..]), "the secret is not stored");

    // Without a token, with garbage or an unknown token: 401 with a Bearer challenge and a localized reason.
    let res = client().get(app.url("/api/v1/units")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(res.headers().get("www-authenticate").is_some());
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"], "unauthorized");
    assert!(body["message"].as_str().unwrap().contains("Authorization"), "{body}");
    let unknown = format!("knj_{}", "0".repeat(64));
    for bad in ["x", "knj_123", unknown.as_str()] {
        assert_eq!(get(&app, bad, "/api/v1/units").await.0, StatusCode::UNAUTHORIZED, "{bad}");
    }
    // A session cookie is no API token.
    assert_eq!(admin.get(app.url("/api/v1/units")).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    assert_eq!(calls_logged(&app).await, 0, "calls without a valid token are not attributed to any token");

    // Units and employees.
    let (status, units) = get(&app, &org, "/api/v1/units").await;
    assert_eq!(status, StatusCode::OK, "{units}");
    let units = units["items"].as_array().unwrap().clone();
    assert!(units.len() > 3);
    assert!(units[0]["parent"].is_null());
    let mut nips: Vec<String> = Vec::new();
    let mut after = String::new();
    let mut pages = 0;
    loop {
        let (status, page) = get(&app, &org, &format!("/api/v1/employees?limit=7&after={after}")).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        pages += 1;
        nips.extend(page["items"].as_array().unwrap().iter().map(|e| e["nip"].as_str().unwrap().to_string()));
        match page["next_after"].as_str() {
            Some(next) => after = next.to_string(),
            None => break,
        }
    }
    let total: u64 = app.db.run("RETURN count(SELECT id FROM employee);", json!({})).await.unwrap().value(0).unwrap();
    assert_eq!(nips.len() as u64, total, "every employee once, in {pages} pages");
    assert!(nips.windows(2).all(|w| w[0] < w[1]), "ordered by NIP, no repeats");
    let head = app.nip("kepala");
    let (status, one) = get(&app, &org, &format!("/api/v1/employees/{head}")).await;
    assert_eq!(status, StatusCode::OK, "{one}");
    assert_eq!(one["nip"], head.as_str());
    assert!(one["supervisor"].is_null(), "the head has no supervisor");
    assert_eq!(one["unit"], units[0]["code"]);
    let pegawai_nip = app.nip("pegawai");
    let (_, p) = get(&app, &org, &format!("/api/v1/employees/{pegawai_nip}")).await;
    let (_, profile) = app.profile(&admin, &pegawai_nip).await;
    assert_eq!(p["name"], profile["summary"]["name"]);
    assert_eq!(p["supervisor"], profile["supervisor_chain"][0]["nip"]);
    let unit = p["unit"].as_str().unwrap().to_string();
    let (_, members) = get(&app, &org, &format!("/api/v1/employees?unit={unit}&limit=1000")).await;
    assert!(members["items"].as_array().unwrap().iter().all(|e| e["unit"] == unit.as_str()));
    assert!(members["items"].as_array().unwrap().iter().any(|e| e["nip"] == pegawai_nip.as_str()));

    // Bad input: a clear 400 in the language asked for; unknown things 404; nothing else answers.
    let (status, body) = get(&app, &org, "/api/v1/employees/123").await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid")), "{body}");
    let (status, _) = get(&app, &org, "/api/v1/employees/199001012015011999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = get(&app, &org, "/api/v1/employees?limit=0").await;
    assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("limit")), "{body}");
    let res = client()
        .get(app.url("/api/v1/employees?limit=lots"))
        .bearer_auth(&org)
        .header("Accept-Language", "en-GB,en;q=0.8")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.json::<Value>().await.unwrap()["message"].as_str().unwrap().starts_with("The request"));
    assert_eq!(get(&app, &org, "/api/v1/tidak-ada").await.0, StatusCode::NOT_FOUND);

    // Scopes: an org:read token reads nothing else and writes nothing.
    let (status, body) = get(&app, &org, &format!("/api/v1/employees/{head}/skp/2026")).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")), "{body}");
    assert_eq!(get(&app, &org, &format!("/api/v1/employees/{head}/results")).await.0, StatusCode::FORBIDDEN);
    assert_eq!(post(&app, &org, "/api/v1/imports", "text/csv", b"NIP\n".to_vec()).await.0, StatusCode::FORBIDDEN);

    // Every call with the token is logged, refusals included, and the HR page shows them.
    let logged = calls_logged(&app).await;
    assert_eq!(logged, pages + 11, "one log row per call made with a valid token");
    let (status, page) = app.call(&admin, "api-tokens", &[]).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(page["tokens"][0]["calls"], logged);
    assert_eq!(page["tokens"][0]["usable"], true);
    assert!(page["tokens"][0]["last_used"].is_string());
    assert_eq!(page["calls"][0]["path"], "/api/v1/imports");
    assert_eq!(page["calls"][0]["status"], 403);
    assert_eq!(app.call(&pegawai, "api-tokens", &[]).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_stop_working_when_revoked_expired_or_their_issuer_leaves_hr() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin").await;
    let (_, a) = issue(&app, &admin, "A", &["org_read"], "30").await;
    let (_, b) = issue(&app, &admin, "B", &["org_read"], "1").await;
    let (_, c) = issue(&app, &admin, "C", &["org_read", "skp_read"], "366").await;
    for t in [&a, &b, &c] {
        assert_eq!(get(&app, t, "/api/v1/units").await.0, StatusCode::OK);
    }
    let (_, page) = app.call(&admin, "api-tokens", &[]).await;
    let id_of = |name: &str| {
        page["tokens"].as_array().unwrap().iter().find(|t| t["name"] == name).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (a_id, b_id) = (id_of("A"), id_of("B"));

    // Revoked: a reason is required; the next call is refused; the revocation is audited.
    let (status, _) = app.call(&admin, "api-tokens/revoke", &[("id", &a_id), ("reason", " ")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(get(&app, &a, "/api/v1/units").await.0, StatusCode::OK, "a refused revocation changes nothing");
    let (status, _) = app.call(&admin, "api-tokens/revoke", &[("id", &a_id), ("reason", "Sistem diganti")]).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = get(&app, &a, "/api/v1/units").await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::UNAUTHORIZED, Some("token_revoked")), "{body}");
    assert_eq!(
        app.call(&admin, "api-tokens/revoke", &[("id", &a_id), ("reason", "lagi")]).await.0,
        StatusCode::NOT_FOUND
    );
    let audit: Vec<String> = app
        .db
        .rows("SELECT VALUE action FROM audit WHERE string::starts_with(action, 'api_token.');", json!({}))
        .await
        .unwrap();
    assert_eq!(audit.iter().filter(|a| *a == "api_token.issue").count(), 3);
    assert_eq!(audit.iter().filter(|a| *a == "api_token.revoke").count(), 1);

    // Expired.
    app.db
        .run("UPDATE api_token SET expires = time::now() - 1s WHERE public_id = $id;", json!({ "id": b_id }))
        .await
        .unwrap();
    let (status, body) = get(&app, &b, "/api/v1/units").await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::UNAUTHORIZED, Some("token_expired")), "{body}");

    // The issuer is no longer HR: every token they issued stops at once.
    app.db
        .run(
            "UPDATE account SET roles = [] WHERE employee = type::record('employee', $nip);",
            json!({ "nip": app.nip("admin") }),
        )
        .await
        .unwrap();
    let (status, body) = get(&app, &c, "/api/v1/units").await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::UNAUTHORIZED, Some("issuer_inactive")), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn results_through_the_api_withhold_exactly_what_the_report_withholds() {
    let app = spawn_app().await;
    backend::services::seed::feedback::seed_feedback(&app.db, 3, &[]).await.expect("demo rounds");
    let admin = app.signed_in("admin").await;
    let (_, token) = issue(&app, &admin, "e-Kinerja", &["results_read", "skp_read"], "30").await;
    let people: Vec<String> = app
        .db
        .rows(
            "SELECT VALUE record::id(employee) FROM round_result WHERE round = type::record('round', $r);",
            json!({ "r": backend::services::seed::feedback::CLOSED_ROUND }),
        )
        .await
        .unwrap();
    assert!(people.len() > 10);
    let mut withheld = 0;
    for nip in &people {
        let (status, api) = get(&app, &token, &format!("/api/v1/employees/{nip}/results")).await;
        assert_eq!(status, StatusCode::OK, "{api}");
        let (status, report) = app.call(&admin, "reports", &[("nip", nip)]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(api["round"], report["round_key"]);
        let competencies = report["data"]["competencies"].as_array().unwrap();
        assert_eq!(api["competencies"].as_array().unwrap().len(), competencies.len());
        for (a, r) in api["competencies"].as_array().unwrap().iter().zip(competencies) {
            assert_eq!(a["code"], r["code"]);
            for (ga, gr) in a["groups"].as_array().unwrap().iter().zip(r["groups"].as_array().unwrap()) {
                assert_eq!(ga["withheld"].is_null(), gr["withheld"].is_null(), "{nip}: {ga} vs {gr}");
                if !gr["withheld"].is_null() {
                    withheld += 1;
                    assert!(ga["mean"].is_null(), "a withheld group's mean never leaves through the API");
                } else if let (Some(x), Some(y)) = (ga["mean"].as_f64(), gr["mean"].as_f64()) {
                    assert!((x - y).abs() < 0.001, "{nip}: {x} vs {y}");
                }
            }
        }
        assert!(api.get("comments").is_none() && !api.to_string().contains("comments"));
    }
    assert!(withheld > 0, "the demo round has groups below the threshold");
    let rounds = get(&app, &token, &format!("/api/v1/employees/{}/results?round=tidak-ada", people[0])).await;
    assert_eq!(rounds.0, StatusCode::NOT_FOUND);
    // The work plan's status reads for anyone; without plans the periods are listed without ratings.
    let (status, skp) = get(&app, &token, &format!("/api/v1/employees/{}/skp/2026", people[0])).await;
    assert_eq!(status, StatusCode::OK, "{skp}");
    assert_eq!(
        get(&app, &token, &format!("/api/v1/employees/{}/skp/99999", people[0])).await.0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(get(&app, &token, "/api/v1/periods/2026/1/predikat").await.0, StatusCode::NOT_FOUND);
    // An org:read scope is not implied.
    assert_eq!(get(&app, &token, "/api/v1/units").await.0, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_system_imports_the_organisation_through_the_api_with_the_same_dry_run() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin").await;
    let (_, token) = issue(&app, &admin, "SIASN", &["org_write", "org_read"], "7").await;
    let head = app.nip("kepala");
    let csv = format!(
        "NIP BARU,NAMA,GOL AKHIR NAMA,JABATAN NAMA,JENIS JABATAN,UNOR ID,UNOR NAMA,UNOR INDUK ID,NIP ATASAN\n\
         199303032021031002,Sari Wulandari,III/a,Pranata Komputer Ahli Pertama,Fungsional,tim-data,Tim Data,bkpsdm,{head}\n\
         1993030320210310,Nama Salah,III/a,Analis Kebijakan Ahli Pertama,Fungsional,tim-data,Tim Data,bkpsdm,{head}\n"
    );
    let settle = async |id: &str, want: &str| {
        for _ in 0..600 {
            let (status, job) = get(&app, &token, &format!("/api/v1/imports/{id}")).await;
            assert_eq!(status, StatusCode::OK, "{job}");
            if job["state"] == want || job["state"] == "failed" {
                return job;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("the import did not reach {want}");
    };
    // A file with an error: the dry run names its row and column, and applying is refused.
    let (status, job) =
        post(&app, &token, "/api/v1/imports?file_name=siasn.csv", "text/csv", csv.clone().into_bytes()).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{job}");
    let id = job["id"].as_str().unwrap().to_string();
    let job = settle(&id, "checked").await;
    assert_eq!(job["counts"]["errors"], 1, "{job}");
    assert_eq!(job["errors"][0]["row"], 3);
    assert_eq!(job["errors"][0]["column"], "NIP");
    let (status, body) = post(&app, &token, &format!("/api/v1/imports/{id}/apply"), "text/plain", vec![]).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::CONFLICT, Some("conflict")), "{body}");
    // The corrected file: the dry run's counts are what applying does.
    let good: String = csv.lines().take(2).map(|l| format!("{l}\n")).collect();
    let (_, job) = post(&app, &token, "/api/v1/imports", "text/csv", good.into_bytes()).await;
    let id = job["id"].as_str().unwrap().to_string();
    let job = settle(&id, "checked").await;
    assert_eq!((job["counts"]["new"].as_u64(), job["counts"]["new_units"].as_u64()), (Some(1), Some(1)), "{job}");
    let (status, _) = post(&app, &token, &format!("/api/v1/imports/{id}/apply"), "text/plain", vec![]).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let job = settle(&id, "applied").await;
    assert_eq!(job["accounts_created"], 1, "{job}");
    let (status, sari) = get(&app, &token, "/api/v1/employees/199303032021031002").await;
    assert_eq!(status, StatusCode::OK, "{sari}");
    assert_eq!((sari["unit"].as_str(), sari["supervisor"].as_str()), (Some("tim-data"), Some(head.as_str())));
    // The import is HR's like any other: it is listed on /hr/import with the issuer as its author.
    let (_, list) = app.call(&admin, "imports", &[]).await;
    assert_eq!(list.as_array().unwrap().len(), 2);
    // Garbage never fails the server.
    let (status, job) = post(&app, &token, "/api/v1/imports", "application/octet-stream", vec![0, 159, 146, 150]).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{job}");
    let id = job["id"].as_str().unwrap().to_string();
    let job = settle(&id, "failed").await;
    assert!(job["failure"].as_str().is_some_and(|f| !f.is_empty()), "{job}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_describes_every_endpoint_and_its_page_reads_it() {
    let app = spawn_app().await;
    let res = client().get(app.url("/api/v1/openapi.json")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let doc: Value = res.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/api/v1/units",
        "/api/v1/employees",
        "/api/v1/employees/{nip}",
        "/api/v1/employees/{nip}/skp/{year}",
        "/api/v1/employees/{nip}/results",
        "/api/v1/periods/{year}/{period}/predikat",
        "/api/v1/imports",
        "/api/v1/imports/{id}",
        "/api/v1/imports/{id}/apply",
    ] {
        let item = &paths[path];
        assert!(item.is_object(), "{path} is documented");
        for (_, op) in item.as_object().unwrap() {
            assert!(op["security"][0]["token"][0].is_string(), "{path} names its scope");
            assert!(op["responses"]["401"].is_object(), "{path} documents its refusal");
        }
    }
    assert!(doc["components"]["securitySchemes"]["token"]["scheme"] == "bearer");
    let (status, page) = app.page(&client(), "/api/v1/docs").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Dokumentasi API Kinerja") && page.contains("GET /api/v1/employees/{nip}"));
    assert!(page.contains("id=\"schema-Employee\"") && page.contains("org:read"));
}
