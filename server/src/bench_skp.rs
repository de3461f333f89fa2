//! `kinerja bench --suite skp`: work plans at agency scale through the axum router (each request a full HTTP request:
//! routing, session, form decoding, service, JSON) on an embedded SurrealKV database holding a year of SKPs — every
//! employee's approved plan and five rated periods. Measures seeding that year, opening a plan (one's own, and HR
//! opening anyone's), a supervisor's own page with the team's states and the results cascade, and an evaluation
//! page whose distribution curve covers the whole agency. Prints figures; checks only correctness (every call
//! answers 200 with data), never timings.

use crate::bench_report::{call, session};
use anyhow::{Context, ensure};
use backend::services::seed;
use domain::skp::OrgPredikat;
use std::time::{Duration, Instant};

/// Options of the SKP benchmark.
pub struct SkpBench {
    pub sizes: Vec<usize>,
    pub samples: usize,
    pub engine: String,
}

/// Runs the SKP benchmark at each size and prints its figures.
pub async fn run(opts: SkpBench) -> anyhow::Result<()> {
    println!("SKP benchmark — engine {}, {} timed calls per figure", opts.engine, opts.samples);
    for &n in &opts.sizes {
        run_size(&opts, n).await?;
    }
    println!(
        "targets: open an SKP p95 ≤ 10 ms; a team of 30 with the cascade p95 ≤ 20 ms; agency curve ≤ 100 ms at 100k"
    );
    Ok(())
}

async fn timed(
    router: &axum::Router,
    samples: usize,
    mut request: impl FnMut(usize) -> (String, String, String),
) -> anyhow::Result<(f64, f64, f64, usize)> {
    let mut xs: Vec<Duration> = Vec::with_capacity(samples);
    let mut bytes = 0;
    for i in 0..samples + 1 {
        let (cookie, path, body) = request(i);
        let started = Instant::now();
        let (ok, size) = call(router, &cookie, &path, body.clone()).await?;
        ensure!(ok, "{path} {body} failed");
        if i > 0 {
            xs.push(started.elapsed());
            bytes += size;
        }
    }
    let (p50, p95, max) = crate::bench::percentiles(xs);
    Ok((p50, p95, max, bytes / samples.max(1)))
}

async fn run_size(opts: &SkpBench, n: usize) -> anyhow::Result<()> {
    // A kept agency (`KINERJA_BENCH_KEEP`, shared with the talent and dashboard suites) already holds the SKPs of the
    // last years: the pages are measured on it and the seeding is not.
    let kept = crate::bench::kept_agency(&format!("seeded-{n}"), &opts.engine).is_some();
    let (dir, state, router, logins) = if kept {
        crate::bench_talent::seeded_app("skp", &opts.engine, n).await?
    } else {
        let (dir, state, router) = crate::bench_feedback::bench_app(&format!("skp-{n}"), &opts.engine).await?;
        let t = Instant::now();
        let seeded = seed::seed(&state.db, n, 2026).await?;
        let base = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let plans = seed::skp::seed_skp(&state.db, 2026, &[], 1).await?;
        let skp_secs = t.elapsed().as_secs_f64();
        ensure!(plans == 2 * n, "{plans} plans for {n} employees over two years");
        println!(
            "{n} employees: agency seeded in {base:.1} s; SKPs of last year ({n} plans, {} rated periods) and this \
             year to date in {skp_secs:.1} s",
            (n - 1) * 5
        );
        let logins: std::collections::HashMap<String, String> = seeded.demo_logins.into_iter().collect();
        (dir, state, router, logins)
    };
    let db = state.db.clone();
    let year = time::OffsetDateTime::now_utc().year() - 1;
    let hierarchy = db.hierarchy().await?;
    let people: Vec<String> = db.rows("SELECT VALUE record::id(id) FROM employee;", serde_json::json!({})).await?;
    // The supervisor whose team is closest to 30 people.
    let boss = people
        .iter()
        .filter(|p| hierarchy.direct_reports(p).len() > 1)
        .min_by_key(|p| hierarchy.direct_reports(p).len().abs_diff(30))
        .context("no supervisor")?
        .clone();
    let team = hierarchy.direct_reports(&boss).len();
    let hr = session(&state, logins.get("admin").context("no admin")?).await?;
    let mut own = Vec::new();
    for i in 0..50 {
        own.push(session(&state, &people[(i * 7919 + 13) % people.len()]).await?);
    }
    let boss_cookie = session(&state, &boss).await?;
    // Warm-up: the engine settles after the bulk load; caches of sessions and the hierarchy fill.
    for i in 0..300 {
        let nip = &people[(i * 104_729) % people.len()];
        call(&router, &hr, "/api/skp", format!("nip={nip}&year={year}")).await?;
    }
    let (p50, p95, max, kb) = timed(&router, opts.samples, |i| {
        (own[i % own.len()].clone(), "/api/skp".into(), format!("nip=me&year={year}"))
    })
    .await?;
    println!("  open one's own SKP: p50 {p50:.2} ms, p95 {p95:.2} ms, max {max:.2} ms; {} KB", kb / 1024);
    let (p50, p95, max, _) = timed(&router, opts.samples, |i| {
        let nip = &people[(i * 15_485_863) % people.len()];
        (hr.clone(), "/api/skp".into(), format!("nip={nip}&year={year}"))
    })
    .await?;
    println!("  HR opens anyone's SKP: p50 {p50:.2} ms, p95 {p95:.2} ms, max {max:.2} ms");
    let (p50, p95, max, kb) =
        timed(&router, opts.samples, |_| (boss_cookie.clone(), "/api/skp".into(), format!("nip=me&year={year}")))
            .await?;
    println!(
        "  a supervisor's own SKP with the team ({team} people) and the cascade: p50 {p50:.2} ms, p95 {p95:.2} ms, \
         max {max:.2} ms; {} KB",
        kb / 1024
    );
    // The whole agency's distribution: the root unit's organisational predikat applies to the head's evaluation.
    let head = logins.get("kepala").context("no head")?.clone();
    let root: String = db
        .run(
            "SELECT VALUE record::id(unit) FROM ONLY type::record('employee', $nip);",
            serde_json::json!({ "nip": head }),
        )
        .await?
        .value(0)?;
    backend::repo::skp::set_org_predikat(&db, "bench", &root, year, 5, OrgPredikat::Baik).await?;
    let (p50, p95, max, _) = timed(&router, opts.samples.min(50), |_| {
        (hr.clone(), "/api/skp/evaluation".into(), format!("nip={head}&year={year}&period=5"))
    })
    .await?;
    println!(
        "  an evaluation with the whole agency's curve ({} rated): p50 {p50:.1} ms, p95 {p95:.1} ms, max {max:.1} ms",
        n - 1
    );
    drop(router);
    drop(state);
    tokio::time::sleep(Duration::from_millis(500)).await;
    crate::bench_talent::remove_unless_kept(&dir);
    Ok(())
}
