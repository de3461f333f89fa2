//! The JSON API's figures, measured on the import benchmark's seeded agency through the whole router (routing, the
//! token's lookup, the service, JSON and the call's log row): one employee by NIP, and the whole directory read
//! page by page as a nightly SIASN sync would. Prints figures; checks only that every answer is a 200.

use crate::bench::percentiles;
use anyhow::{Context, ensure};
use backend::services::auth::Viewer;
use backend::services::integration as service;
use domain::integration::ApiScope;
use std::time::{Duration, Instant};

async fn get(router: &axum::Router, token: &str, path: &str) -> anyhow::Result<axum::body::Bytes> {
    let req = axum::http::Request::get(path)
        .header("Authorization", format!("Bearer {token}"))
        .body(axum::body::Body::empty())?;
    let res = tower::ServiceExt::oneshot(router.clone(), req).await?;
    ensure!(res.status().is_success(), "{path}: {}", res.status());
    Ok(axum::body::to_bytes(res.into_body(), 64 << 20).await?)
}

/// Measures the API on `state`'s agency of `n`, as HR `hr` (whose account issues the token).
pub async fn measure(
    state: &app::AppState,
    router: &axum::Router,
    hr: &Viewer,
    n: usize,
    samples: usize,
) -> anyhow::Result<()> {
    let account: String = state
        .db
        .run(
            "SELECT VALUE record::id(id) FROM ONLY account WHERE employee = type::record('employee', $nip) LIMIT 1;",
            serde_json::json!({ "nip": hr.nip }),
        )
        .await?
        .value(0)?;
    let hr = Viewer { account, ..hr.clone() };
    let token = service::issue(&state.db, &hr, "bench", &[ApiScope::OrgRead], 1).await?.secret;
    let nips: Vec<String> = state.db.rows("SELECT VALUE nip FROM employee LIMIT 5000;", serde_json::json!({})).await?;
    ensure!(!nips.is_empty(), "no employees");
    let mut times = Vec::with_capacity(samples);
    for i in 0..samples {
        let nip = &nips[(i * 7919) % nips.len()];
        let t = Instant::now();
        get(router, &token, &format!("/api/v1/employees/{nip}")).await?;
        times.push(t.elapsed());
    }
    let (p50, p95, max) = percentiles(times);
    println!(
        "  API: GET /api/v1/employees/{{nip}} ({samples} calls, each logged): p50 {p50:.2} ms, p95 {p95:.2} ms, max {max:.1} ms"
    );
    let t = Instant::now();
    let (mut after, mut read, mut pages, mut page_times) = (String::new(), 0usize, 0usize, Vec::<Duration>::new());
    loop {
        let p = Instant::now();
        let body = get(router, &token, &format!("/api/v1/employees?limit=1000&after={after}")).await?;
        page_times.push(p.elapsed());
        let page: serde_json::Value = serde_json::from_slice(&body)?;
        read += page["items"].as_array().context("items")?.len();
        pages += 1;
        match page["next_after"].as_str() {
            Some(next) => after = next.to_string(),
            None => break,
        }
    }
    ensure!(read >= n, "the pages held {read} of {n} employees");
    let (p50, p95, _) = percentiles(page_times);
    println!(
        "  API: the whole directory in {pages} pages of 1,000: {:.1} s (a page: p50 {p50:.0} ms, p95 {p95:.0} ms)",
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
