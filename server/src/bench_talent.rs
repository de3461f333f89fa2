//! `kinerja bench --suite talent`: the talent review at agency scale through the axum router (full HTTP requests) on
//! an embedded SurrealKV database holding the demo's closed 360° rounds and two closed performance years. Measures
//! the whole agency's 9-box, the eligibility of every employee for one programme (PKA), and the rater-bias signals
//! of the newest closed round and SKP period. Prints figures; checks only correctness (every call answers 200 with
//! data), never timings.

use crate::bench_report::{call, session};
use anyhow::{Context, ensure};
use backend::services::seed;
use std::time::{Duration, Instant};

/// Options of the talent benchmark.
pub struct TalentBench {
    pub sizes: Vec<usize>,
    pub samples: usize,
    pub engine: String,
}

/// Runs the talent benchmark at each size and prints its figures.
pub async fn run(opts: TalentBench) -> anyhow::Result<()> {
    println!("Talent benchmark — engine {}, up to {} timed calls per figure", opts.engine, opts.samples);
    for &n in &opts.sizes {
        run_size(&opts, n).await?;
    }
    println!("targets: 9-box p95 ≤ 100 ms at 100k; eligibility of everyone ≤ 1 s at 100k; bias signals ≤ 5 s at 10k");
    Ok(())
}

/// p50, p95 and max of `samples` calls (after one warm-up) of `path` with `body` as `cookie`.
pub(crate) async fn timed(
    router: &axum::Router,
    samples: usize,
    cookie: &str,
    path: &str,
    body: &str,
) -> anyhow::Result<(f64, f64, f64)> {
    let mut xs: Vec<Duration> = Vec::with_capacity(samples);
    for i in 0..samples + 1 {
        let started = Instant::now();
        let (ok, _) = call(router, cookie, path, body.to_string()).await?;
        ensure!(ok, "{path} {body} failed");
        if i > 0 {
            xs.push(started.elapsed());
        }
    }
    Ok(crate::bench::percentiles(xs))
}

/// A benchmark app named `name` holding a demo agency of `n` with its closed 360° rounds and performance years,
/// and the demo logins.
pub(crate) async fn seeded_app(
    name: &str,
    engine: &str,
    n: usize,
) -> anyhow::Result<(std::path::PathBuf, app::AppState, axum::Router, std::collections::HashMap<String, String>)> {
    let shared = format!("seeded-{n}");
    let kept = crate::bench::kept_agency(&shared, engine);
    let named = if kept.is_some() { shared } else { format!("{name}-{n}") };
    // A kept agency's store is released once the previous suite's last handle is gone: wait for that.
    let mut tries = 0;
    let (dir, state, router) = loop {
        match crate::bench_feedback::bench_app(&named, engine).await {
            Err(e) if kept.is_some() && tries < 60 && format!("{e:#}").contains("already locked") => {
                tries += 1;
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            other => break other?,
        }
    };
    // A kept agency is seeded once: its demo logins are written beside it when the seeding has finished.
    let logins_file = dir.join("logins.json");
    if kept.is_some()
        && let Ok(text) = std::fs::read_to_string(&logins_file)
    {
        println!("{n} employees: the kept agency in {} (seeded before)", dir.display());
        return Ok((dir, state, router, serde_json::from_str(&text)?));
    }
    let t = Instant::now();
    let seeded = seed::seed(&state.db, n, 2026).await?;
    seed::feedback::seed_feedback(&state.db, 2026, &[]).await?;
    seed::skp::seed_skp(&state.db, 2026, &[], seed::skp::DEMO_PAST_YEARS).await?;
    println!("{n} employees: agency, 360° rounds and SKP years seeded in {:.1} s", t.elapsed().as_secs_f64());
    let logins: std::collections::HashMap<String, String> = seeded.demo_logins.into_iter().collect();
    if kept.is_some() {
        std::fs::write(&logins_file, serde_json::to_string(&logins)?)?;
    }
    Ok((dir, state, router, logins))
}

/// Removes a benchmark's database folder unless it is a kept agency (see [`crate::bench::kept_agency`]).
pub(crate) fn remove_unless_kept(dir: &std::path::Path) {
    let kept = std::env::var_os("KINERJA_BENCH_KEEP").is_some_and(|k| !k.is_empty() && dir.starts_with(k));
    if !kept {
        let _ = std::fs::remove_dir_all(dir);
    }
}

async fn run_size(opts: &TalentBench, n: usize) -> anyhow::Result<()> {
    let (dir, state, router, logins) = seeded_app("talent", &opts.engine, n).await?;
    let hr = session(&state, logins.get("admin").context("no admin")?).await?;
    let trainer = session(&state, logins.get("pelatih").context("no trainer")?).await?;
    let (p50, p95, max) = timed(&router, opts.samples, &hr, "/api/talent", "").await?;
    println!("  the whole agency's 9-box (HR): p50 {p50:.1} ms, p95 {p95:.1} ms, max {max:.1} ms");
    let (p50, p95, max) = timed(&router, opts.samples.min(20), &trainer, "/api/programmes", "programme=pka").await?;
    println!("  eligibility of everyone for PKA (trainer): p50 {p50:.1} ms, p95 {p95:.1} ms, max {max:.1} ms");
    let (p50, p95, max) = timed(&router, opts.samples.min(10), &hr, "/api/talent/bias", "").await?;
    println!(
        "  rater-bias signals of the newest round and SKP period (HR): p50 {p50:.1} ms, p95 {p95:.1} ms, max {max:.1} ms"
    );
    drop(router);
    drop(state);
    tokio::time::sleep(Duration::from_millis(500)).await;
    remove_unless_kept(&dir);
    Ok(())
}
