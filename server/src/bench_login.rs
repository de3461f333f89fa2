//! `kinerja bench --suite login`: what a flood of wrong-password sign-ins does to everyone else. A report page is
//! read through the axum router, alone and then while wrong-password sign-ins arrive at a steady rate (each from
//! its own address, against real accounts, so that every one of them costs a password hash), once with hashing
//! bounded as Kinerja runs it and once unbounded (as before hashing was bounded). Prints figures; checks only
//! correctness (every report answers 200, no sign-in succeeds), never timings.

use anyhow::{Context, ensure};
use backend::repo::feedback::NewRound;
use backend::services::seed::feedback as demo;
use backend::services::{feedback as fb, seed};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Options of the login benchmark.
pub struct LoginBench {
    pub employees: usize,
    pub samples: usize,
    pub rate: u32,
    pub engine: String,
}

#[derive(Default)]
struct Outcomes {
    sent: AtomicUsize,
    refused: AtomicUsize,
    throttled: AtomicUsize,
    other: AtomicUsize,
}

async fn login(router: axum::Router, nip: String, ip: std::net::SocketAddr, out: Arc<Outcomes>) {
    let req = axum::http::Request::post("/api/auth/login")
        .header("Accept", "application/json")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .extension(axum::extract::ConnectInfo(ip))
        .body(axum::body::Body::from(format!("identifier={nip}&password=tebakan-salah-{}", ip.port())));
    let Ok(req) = req else { return };
    let status = match tower::ServiceExt::oneshot(router, req).await {
        Ok(res) => res.status().as_u16(),
        Err(_) => 0,
    };
    let counter = match status {
        401 => &out.refused,
        429 => &out.throttled,
        _ => &out.other,
    };
    counter.fetch_add(1, Ordering::Relaxed);
}

/// Reads `samples` reports (cycling through `cookies`) and returns the p50/p95/max in milliseconds.
async fn reports(router: &axum::Router, cookies: &[String], samples: usize) -> anyhow::Result<(f64, f64, f64)> {
    let mut xs = Vec::with_capacity(samples);
    for i in 0..samples {
        let started = Instant::now();
        let (ok, _) =
            crate::bench_report::call(router, &cookies[i % cookies.len()], "/api/reports", "nip=me".into()).await?;
        xs.push(started.elapsed());
        ensure!(ok, "a report failed");
    }
    Ok(crate::bench::percentiles(xs))
}

/// Runs the login benchmark and prints its figures.
pub async fn run(opts: LoginBench) -> anyhow::Result<()> {
    let (dir, state, _) = crate::bench_feedback::bench_app("login", &opts.engine).await?;
    let db = state.db.clone();
    seed::seed(&db, opts.employees, 2026).await?;
    let competencies = crate::bench_feedback::round_competencies(&db).await?;
    let round = NewRound {
        key: "flood".into(),
        name: "Bench 2025".into(),
        period_start: "2025-01-01T00:00:00+07:00".into(),
        period_end: "2025-12-31T23:59:59+07:00".into(),
        units: vec![],
        competencies,
        opens: "2025-11-01T00:00:00+07:00".into(),
        closes: "2025-12-15T23:59:59+07:00".into(),
        threshold: 3,
        max_peers: 3,
    };
    demo::seed_round(&db, &round, 11, 0.0, [95, 95, 90, 85], 0, &[]).await?;
    fb::close_round(&db, "bench", "flood").await.map_err(anyhow::Error::from)?;
    let people: Vec<String> = db.rows("SELECT VALUE record::id(id) FROM employee;", serde_json::json!({})).await?;
    let mut cookies = Vec::new();
    for nip in people.iter().step_by((people.len() / 20).max(1)).take(20) {
        cookies.push(crate::bench_report::session(&state, nip).await?);
    }
    println!(
        "Login-flood benchmark — engine {}, {} employees, {} timed reports per run, {} wrong-password sign-ins/s \
         (each from its own address), {} hashing permits on {} cores",
        opts.engine,
        opts.employees,
        opts.samples,
        opts.rate,
        backend::state::hashing_permits(),
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );

    let bounded = crate::router(state.clone());
    // Warm-up: caches of sessions, hierarchy and reference data fill.
    reports(&bounded, &cookies, 100).await?;
    let (p50, p95, max) = reports(&bounded, &cookies, opts.samples).await?;
    println!("  report, no flood: p50 {p50:.2} ms, p95 {p95:.2} ms, max {max:.2} ms");

    let unbounded = {
        let mut rt = (*state.runtime).clone();
        rt.hashing = Arc::new(tokio::sync::Semaphore::new(tokio::sync::Semaphore::MAX_PERMITS));
        rt.hash_queue = Default::default();
        rt.max_hash_queue = usize::MAX;
        crate::router(app::AppState { runtime: Arc::new(rt), ..state.clone() })
    };
    for (label, router) in [("hashing bounded (as served)", bounded), ("hashing unbounded (before)", unbounded)] {
        let out = Arc::new(Outcomes::default());
        let stop = Arc::new(AtomicBool::new(false));
        let flood = {
            let (router, out, stop, people) = (router.clone(), out.clone(), stop.clone(), people.clone());
            let period = Duration::from_secs_f64(1.0 / f64::from(opts.rate.max(1)));
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(period);
                let mut i: u64 = 0;
                while !stop.load(Ordering::Relaxed) {
                    tick.tick().await;
                    i += 1;
                    let nip = people[(i.wrapping_mul(7919) % people.len() as u64) as usize].clone();
                    let ip = std::net::SocketAddr::from(([10, (i >> 16) as u8, (i >> 8) as u8, i as u8], 40_000));
                    out.sent.fetch_add(1, Ordering::Relaxed);
                    tokio::spawn(login(router.clone(), nip, ip, out.clone()));
                }
            })
        };
        // Let the flood reach its steady state before timing.
        tokio::time::sleep(Duration::from_secs(2)).await;
        let started = Instant::now();
        let sent_before = out.sent.load(Ordering::Relaxed);
        let (p50, p95, max) = reports(&router, &cookies, opts.samples).await?;
        let secs = started.elapsed().as_secs_f64();
        let sent = out.sent.load(Ordering::Relaxed) - sent_before;
        stop.store(true, Ordering::Relaxed);
        flood.await.context("the flood task")?;
        // Let the sign-ins in flight finish (bounded: each waits at most for the queue ahead of it).
        let deadline = Instant::now() + Duration::from_secs(120);
        while out.refused.load(Ordering::Relaxed)
            + out.throttled.load(Ordering::Relaxed)
            + out.other.load(Ordering::Relaxed)
            < out.sent.load(Ordering::Relaxed)
            && Instant::now() < deadline
        {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let other = out.other.load(Ordering::Relaxed);
        ensure!(other == 0, "{other} wrong-password sign-ins answered neither 401 nor 429");
        println!(
            "  report during the flood, {label}: p50 {p50:.2} ms, p95 {p95:.2} ms, max {max:.2} ms; \
             {:.0} sign-ins/s arrived, of all {}: {} checked and refused (401), {} refused unchecked as busy or \
             throttled (429)",
            sent as f64 / secs,
            out.sent.load(Ordering::Relaxed),
            out.refused.load(Ordering::Relaxed),
            out.throttled.load(Ordering::Relaxed)
        );
    }
    drop(state);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
