//! `kinerja bench --suite dashboard`: the head-of-agency dashboard at agency scale through the axum router (full
//! HTTP requests) on an embedded SurrealKV database holding the demo's closed 360° rounds and performance years.
//! Measures the first call after a change (the base formed afresh), the whole agency's dashboard, one unit's, a
//! supervisor's, and the whole agency's training-needs analysis. Prints figures; checks only correctness (every call
//! answers 200 with data), never timings.

use crate::bench_report::{call, session};
use crate::bench_talent::{TalentBench, timed};
use anyhow::{Context, ensure};
use std::time::{Duration, Instant};

/// Runs the dashboard benchmark at each size and prints its figures.
pub async fn run(opts: TalentBench) -> anyhow::Result<()> {
    println!("Dashboard benchmark — engine {}, up to {} timed calls per figure", opts.engine, opts.samples);
    for &n in &opts.sizes {
        run_size(&opts, n).await?;
    }
    println!(
        "targets: the whole agency p95 ≤ 30 ms at 10k and ≤ 100 ms at 100k; any unit ≤ 50 ms at 100k; \
         the agency's training-needs analysis ≤ 1 s at 100k"
    );
    Ok(())
}

async fn run_size(opts: &TalentBench, n: usize) -> anyhow::Result<()> {
    let (dir, state, router, logins) = crate::bench_talent::seeded_app("dashboard", &opts.engine, n).await?;
    let db = state.db.clone();
    let hr = session(&state, logins.get("admin").context("no admin")?).await?;
    let atasan = session(&state, logins.get("atasan").context("no supervisor")?).await?;
    let started = Instant::now();
    let (ok, bytes) = call(&router, &hr, "/api/dashboard", String::new()).await?;
    ensure!(ok, "the dashboard failed");
    println!(
        "  first call (the base formed): {:.1} ms, {:.1} KB of JSON",
        started.elapsed().as_secs_f64() * 1000.0,
        bytes as f64 / 1024.0
    );
    let units: Vec<String> =
        db.rows("SELECT VALUE record::id(id) FROM unit WHERE depth = 2 LIMIT 1;", serde_json::json!({})).await?;
    let unit = units.into_iter().next().context("a unit below the top")?;
    let (p50, p95, max) = timed(&router, opts.samples, &hr, "/api/dashboard", "").await?;
    println!("  the whole agency (HR): p50 {p50:.1} ms, p95 {p95:.1} ms, max {max:.1} ms");
    // What a call costs when the live figures are read afresh (once per 15 s per instance) and nothing is kept.
    let mut xs = Vec::new();
    for _ in 0..opts.samples.min(20) {
        backend::services::dashboard::forget_live(&db);
        let started = Instant::now();
        ensure!(call(&router, &hr, "/api/dashboard", String::new()).await?.0, "the dashboard failed");
        xs.push(started.elapsed());
    }
    let (p50, p95, max) = crate::bench::percentiles(xs);
    println!("  the whole agency, live figures read afresh: p50 {p50:.1} ms, p95 {p95:.1} ms, max {max:.1} ms");
    let mut xs = Vec::new();
    for i in 0..opts.samples {
        // Live figures read afresh (untimed) every 50 visits, so that none is read again in the background meanwhile.
        if i % 50 == 0 {
            backend::services::dashboard::forget_live(&db);
            ensure!(call(&router, &hr, "/api/dashboard", String::new()).await?.0, "the dashboard failed");
        }
        backend::services::dashboard::forget_pages(&db);
        let started = Instant::now();
        ensure!(call(&router, &hr, "/api/dashboard", format!("unit={unit}")).await?.0, "the dashboard failed");
        xs.push(started.elapsed());
    }
    let (p50, p95, max) = crate::bench::percentiles(xs);
    println!(
        "  one unit, first visit with the live figures current: p50 {p50:.1} ms, p95 {p95:.1} ms, max {max:.1} ms"
    );
    let (p50, p95, max) = timed(&router, opts.samples, &hr, "/api/dashboard", &format!("unit={unit}")).await?;
    println!("  one unit below the top (HR): p50 {p50:.1} ms, p95 {p95:.1} ms, max {max:.1} ms");
    let (p50, p95, max) = timed(&router, opts.samples, &atasan, "/api/dashboard", "").await?;
    println!("  a supervisor's subtree: p50 {p50:.1} ms, p95 {p95:.1} ms, max {max:.1} ms");
    let (p50, p95, max) = timed(&router, opts.samples.min(20), &hr, "/api/trainings/needs", "").await?;
    println!("  the agency's training-needs analysis (HR): p50 {p50:.1} ms, p95 {p95:.1} ms, max {max:.1} ms");
    drop(router);
    drop(state);
    tokio::time::sleep(Duration::from_millis(500)).await;
    crate::bench_talent::remove_unless_kept(&dir);
    Ok(())
}
