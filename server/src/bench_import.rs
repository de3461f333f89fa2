//! `kinerja bench --suite import`: the organisation import (and the JSON API's reads) at agency scale on embedded SurrealKV databases. A demo
//! agency of N is seeded and exported as XLSX (the directory export HR downloads); that file is imported into an
//! empty database (the dry run, then applying: everything new) and then again into the database it came from
//! (the dry run of a file that changes nothing). Prints figures; checks only correctness (the counts), never
//! timings.

use anyhow::{Context, ensure};
use backend::services::auth::Viewer;
use backend::services::import::{self as import, Upload};
use backend::services::seed;
use domain::view::{ImportJob, ImportState};
use domain::{Role, Roles};
use std::time::{Duration, Instant};

/// Options of the import benchmark.
pub struct ImportBench {
    pub sizes: Vec<usize>,
    pub engine: String,
    /// Calls of the API's one-employee read.
    pub api_samples: usize,
}

/// Runs the import benchmark at each size and prints its figures.
pub async fn run(opts: ImportBench) -> anyhow::Result<()> {
    println!("Import benchmark — engine {}", opts.engine);
    for &n in &opts.sizes {
        run_size(&opts, n).await?;
    }
    println!("targets: a 100,000-row file imported in ≤ 60 s (dry run and apply), memory bounded; the API's reads");
    Ok(())
}

/// The peak resident memory of this process so far, in MB (`VmHWM`), where `/proc` tells.
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

async fn settle(db: &backend::Db, hr: &Viewer, id: &str) -> anyhow::Result<ImportJob> {
    loop {
        let job = import::job(db, hr, id).await?;
        if !job.state.is_running() {
            return Ok(job);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn run_size(opts: &ImportBench, n: usize) -> anyhow::Result<()> {
    let (dir, state, router) = crate::bench_feedback::bench_app(&format!("import-{n}"), &opts.engine).await?;
    let t = Instant::now();
    let seeded = seed::seed(&state.db, n, 2026).await?;
    println!("{n} employees: agency seeded in {:.1} s", t.elapsed().as_secs_f64());
    let admin = seeded.demo_logins.iter().find(|(u, _)| u == "admin").map(|(_, n)| n.clone()).context("no admin")?;
    let hr = Viewer {
        account: admin.clone(),
        nip: admin.clone(),
        name: "HR".into(),
        username: None,
        roles: Roles::new(vec![Role::HrAdmin]),
    };
    crate::bench_integration::measure(&state, &router, &hr, n, opts.api_samples).await?;
    let t = Instant::now();
    let file = import::directory(&state.db, &hr, i18n::Lang::Id).await?;
    println!(
        "  export of the directory as XLSX: {:.1} s, {:.1} MB",
        t.elapsed().as_secs_f64(),
        file.len() as f64 / 1e6
    );
    let (empty_dir, empty, _r) = crate::bench_feedback::bench_app(&format!("import-empty-{n}"), &opts.engine).await?;
    let rt = backend::Runtime::new(vec![1; 32], false)?;
    let t = Instant::now();
    let id =
        import::start(&empty.db, &hr, Upload { file_name: "pegawai.xlsx", bytes: &file, deactivate_missing: false })
            .await?;
    let job = settle(&empty.db, &hr, &id).await?;
    let checked = t.elapsed();
    let p = job.preview.context("no preview")?;
    ensure!(p.errors_total == 0 && p.new == n, "into an empty database: {} new, {} errors", p.new, p.errors_total);
    println!(
        "  into an empty database — dry run: {:.1} s ({} rows, {} units and {} people new)",
        checked.as_secs_f64(),
        p.rows,
        p.new_units,
        p.new
    );
    let t = Instant::now();
    import::apply(&empty.db, &rt, &hr, &id).await?;
    let job = settle(&empty.db, &hr, &id).await?;
    ensure!(job.state == ImportState::Applied, "applying failed: {:?}", job.failure);
    println!(
        "  into an empty database — apply (transactions of up to 5,000 people, two at a time; {} accounts with set-up links): {:.1} s; dry run + apply {:.1} s",
        job.accounts_created,
        t.elapsed().as_secs_f64(),
        (checked + t.elapsed()).as_secs_f64()
    );
    let t = Instant::now();
    let id =
        import::start(&state.db, &hr, Upload { file_name: "pegawai.xlsx", bytes: &file, deactivate_missing: true })
            .await?;
    let job = settle(&state.db, &hr, &id).await?;
    let p = job.preview.context("no preview")?;
    ensure!(p.errors_total == 0 && p.unchanged == n && !p.can_apply(), "a round trip changed something: {p:?}");
    println!("  the same file into its own database — dry run, nothing to change: {:.1} s", t.elapsed().as_secs_f64());
    if let Some(mb) = peak_mb() {
        println!("  peak resident memory of the whole run so far: {mb:.0} MB");
    }
    drop(state);
    drop(empty);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&empty_dir);
    Ok(())
}
