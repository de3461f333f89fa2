//! `kinerja bench`: seeding throughput and hierarchy query latencies at several agency sizes. Prints figures;
//! asserts only correctness (the subtree must contain everyone), never timings.

use anyhow::{Context, ensure};
use backend::open;
use backend::repo::org;
use backend::services::{auth, org as org_service, seed};
use std::time::{Duration, Instant};

#[derive(clap::Args, Debug)]
pub struct BenchArgs {
    /// Agency sizes (employees) to measure.
    #[arg(long, value_delimiter = ',', default_value = "10000,100000")]
    pub sizes: Vec<usize>,
    /// Timed repetitions per query.
    #[arg(long, default_value_t = 200)]
    pub samples: usize,
    /// Storage engine: `surrealkv` (embedded, durable; the default deployment) or `mem`, or a SurrealDB server's
    /// URL (`ws://host:port`; also `kinerja --db ws://… bench`), where each benchmark gets a database of its own
    /// (root credentials from `KINERJA_DB_USERNAME`/`KINERJA_DB_PASSWORD`, default root/root).
    #[arg(long, default_value = "surrealkv")]
    pub engine: String,
    /// Which benchmarks: `org` (seeding, hierarchy queries), `feedback` (360° rounds) and/or `report` (competency
    /// reports, training-needs analysis) and/or `login` (a report page during a wrong-password flood) and/or `skp`
    /// (work plans with a year of ratings) and/or `talent` (the 9-box, programme eligibility, rater-bias signals)
    /// and/or `dashboard` (the head-of-agency dashboard, the agency's training-needs analysis) and/or `import`
    /// (exporting the directory as XLSX and importing it: dry run and apply; the JSON API's reads on the same agency)
    /// and/or `crash` (a server killed with SIGKILL during submissions and during a round's closing: nothing
    /// acknowledged lost, the closing resumed).
    #[arg(long, value_delimiter = ',', default_value = "org,feedback,report,login,skp,talent,dashboard,import,crash")]
    pub suite: Vec<String>,
    /// Agency size of the crash benchmark.
    #[arg(long, default_value_t = 2_000)]
    pub crash_employees: usize,
    /// Concurrent clients of the crash benchmark (each a rater submitting their open assessments).
    #[arg(long, default_value_t = 200)]
    pub crash_clients: usize,
    /// Agency size of the feedback benchmark.
    #[arg(long, default_value_t = 10_000)]
    pub feedback_employees: usize,
    /// Concurrent clients of the submission benchmark (one run per value).
    #[arg(long, value_delimiter = ',', default_value = "50,200")]
    pub clients: Vec<usize>,
    /// Submissions per run of the submission benchmark.
    #[arg(long, default_value_t = 20_000)]
    pub submissions: usize,
    /// Agency sizes of the report benchmark.
    #[arg(long, value_delimiter = ',', default_value = "10000,100000")]
    pub report_sizes: Vec<usize>,
    /// Agency sizes of the SKP benchmark.
    #[arg(long, value_delimiter = ',', default_value = "10000,100000")]
    pub skp_sizes: Vec<usize>,
    /// Agency sizes of the talent benchmark.
    #[arg(long, value_delimiter = ',', default_value = "10000")]
    pub talent_sizes: Vec<usize>,
    /// Agency sizes of the dashboard benchmark.
    #[arg(long, value_delimiter = ',', default_value = "10000")]
    pub dashboard_sizes: Vec<usize>,
    /// Agency sizes of the import benchmark.
    #[arg(long, value_delimiter = ',', default_value = "10000,100000")]
    pub import_sizes: Vec<usize>,
    /// Agency size of the login-flood benchmark.
    #[arg(long, default_value_t = 2_000)]
    pub login_employees: usize,
    /// Wrong-password sign-ins per second of the login-flood benchmark.
    #[arg(long, default_value_t = 200)]
    pub flood_rate: u32,
}

/// The settings of a benchmark's database on `engine` (see [`BenchArgs::engine`]), and the folder an embedded one
/// is kept in.
pub fn bench_settings(name: &str, engine: &str) -> (std::path::PathBuf, crate::settings::Settings) {
    let dir = kept_agency(name, engine)
        .unwrap_or_else(|| std::env::temp_dir().join(format!("kinerja-bench-{name}-{}", std::process::id())));
    let base = crate::settings::Settings {
        addr: "127.0.0.1:0".into(),
        seed_demo: false,
        log: "warn".into(),
        ..crate::settings::Settings::default()
    };
    let settings = match engine {
        "mem" => crate::settings::Settings { db_url: "mem://".into(), ..base },
        remote if remote.starts_with("ws://") || remote.starts_with("wss://") => crate::settings::Settings {
            db_url: remote.into(),
            db_database: format!("bench_{name}_{}", std::process::id()),
            db_username: Some(std::env::var("KINERJA_DB_USERNAME").unwrap_or_else(|_| "root".into())),
            db_password: Some(std::env::var("KINERJA_DB_PASSWORD").unwrap_or_else(|_| "root".into())),
            ..base
        },
        _ => crate::settings::Settings { db_url: format!("surrealkv://{}", dir.join("db").display()), ..base },
    };
    (dir, settings)
}

/// With `KINERJA_BENCH_KEEP=DIR` on the embedded engine, the folder of the seeded agency the talent and dashboard
/// benchmarks share (`seeded-{n}` in `name`), kept after the run and used again by the next one: measuring a change
/// at 100,000 people again then takes seconds instead of the quarter of an hour seeding takes.
pub fn kept_agency(name: &str, engine: &str) -> Option<std::path::PathBuf> {
    let keep = std::env::var_os("KINERJA_BENCH_KEEP").filter(|k| !k.is_empty())?;
    (engine == "surrealkv" && name.starts_with("seeded-")).then(|| std::path::PathBuf::from(keep).join(name))
}

/// p50, p95 and max of a set of durations, in milliseconds.
pub fn percentiles(mut xs: Vec<Duration>) -> (f64, f64, f64) {
    if xs.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    xs.sort();
    let at = |q: f64| xs[((xs.len() as f64 - 1.0) * q).round() as usize].as_secs_f64() * 1000.0;
    (at(0.5), at(0.95), at(1.0))
}

/// CPU time this process has used so far (user + system, all threads), from `/proc/self/stat`; `None` where
/// that file does not exist. Its resolution is a clock tick (10 ms), fine for runs of seconds.
pub fn process_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) may contain spaces; the fields after its closing parenthesis are plain.
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

async fn time<F, Fut, T>(samples: usize, mut f: F) -> anyhow::Result<(f64, f64, f64)>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<T>>,
{
    f().await?; // warm-up
    let mut xs = Vec::with_capacity(samples);
    for _ in 0..samples {
        let t = Instant::now();
        f().await?;
        xs.push(t.elapsed());
    }
    Ok(percentiles(xs))
}

/// The median time of `samples` runs of `f`, in milliseconds.
pub async fn time_steps<F, Fut, T>(samples: usize, f: F) -> anyhow::Result<f64>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<T>>,
{
    Ok(time(samples, f).await?.0)
}

/// Runs the benchmarks and prints their figures.
pub async fn run(args: BenchArgs) -> anyhow::Result<()> {
    if args.suite.iter().any(|s| s == "org") {
        run_org(&args).await?;
    }
    if args.suite.iter().any(|s| s == "feedback") {
        crate::bench_feedback::run(crate::bench_feedback::FeedbackBench {
            employees: args.feedback_employees,
            clients: args.clients.clone(),
            submissions: args.submissions,
            engine: args.engine.clone(),
        })
        .await?;
    }
    if args.suite.iter().any(|s| s == "report") {
        crate::bench_report::run(crate::bench_report::ReportBench {
            sizes: args.report_sizes.clone(),
            samples: args.samples,
            engine: args.engine.clone(),
        })
        .await?;
    }
    if args.suite.iter().any(|s| s == "skp") {
        crate::bench_skp::run(crate::bench_skp::SkpBench {
            sizes: args.skp_sizes.clone(),
            samples: args.samples,
            engine: args.engine.clone(),
        })
        .await?;
    }
    if args.suite.iter().any(|s| s == "talent") {
        crate::bench_talent::run(crate::bench_talent::TalentBench {
            sizes: args.talent_sizes.clone(),
            samples: args.samples,
            engine: args.engine.clone(),
        })
        .await?;
    }
    if args.suite.iter().any(|s| s == "dashboard") {
        crate::bench_dashboard::run(crate::bench_talent::TalentBench {
            sizes: args.dashboard_sizes.clone(),
            samples: args.samples,
            engine: args.engine.clone(),
        })
        .await?;
    }
    if args.suite.iter().any(|s| s == "import") {
        crate::bench_import::run(crate::bench_import::ImportBench {
            sizes: args.import_sizes.clone(),
            engine: args.engine.clone(),
            api_samples: args.samples.max(500),
        })
        .await?;
    }
    if args.suite.iter().any(|s| s == "crash") {
        crate::bench_crash::run(crate::bench_crash::CrashBench {
            employees: args.crash_employees,
            clients: args.crash_clients,
        })
        .await?;
    }
    if args.suite.iter().any(|s| s == "login") {
        crate::bench_login::run(crate::bench_login::LoginBench {
            employees: args.login_employees,
            samples: args.samples,
            rate: args.flood_rate,
            engine: args.engine.clone(),
        })
        .await?;
    }
    Ok(())
}

/// Seeding and hierarchy queries at each size.
async fn run_org(args: &BenchArgs) -> anyhow::Result<()> {
    println!("Kinerja benchmark — engine {}, {} samples per query", args.engine, args.samples);
    println!(
        "{:>9} {:>7} {:>8} | {:>26} | {:>26} | {:>26} | {:>17} | {:>9}",
        "employees",
        "seed s",
        "emp/s",
        "subtree(head) p50/p95/max",
        "subtree(bidang) p50/p95/max",
        "graph query p50/p95/max",
        "profile p50/p95",
        "reload ms"
    );
    for &n in &args.sizes {
        let (dir, settings) = bench_settings(&format!("org-{n}"), &args.engine);
        let config = settings.db_config();
        let db = open(&config).await.context("connecting")?;
        let t = Instant::now();
        let report = seed::seed(&db, n, 2026).await?;
        let seed_secs = t.elapsed().as_secs_f64();
        let head = org::head_nip(&db).await?.context("no head")?;
        let everyone = org::subtree(&db, &head).await?;
        ensure!(everyone.len() == n - 1, "subtree of the head has {} people, expected {}", everyone.len(), n - 1);
        let whole = time(args.samples, || org::subtree(&db, &head)).await?;
        // The recursive graph query the snapshot replaces, for comparison (fewer samples: it is slow).
        let graph = time(args.samples.min(50), || org::subtree_by_graph(&db, &head)).await?;
        // A cold snapshot: what the first request after a change pays.
        db.run("UPSERT meta:hierarchy SET version = (version ?? 0) + 1;", serde_json::json!({})).await?;
        let t = Instant::now();
        org::subtree(&db, &head).await?;
        let reload_ms = t.elapsed().as_secs_f64() * 1000.0;
        let bidang_head = org::direct_reports(&db, &head).await?.into_iter().nth(1).context("no bidang")?.nip;
        let part = time(args.samples, || org::subtree(&db, &bidang_head)).await?;
        let (_, pegawai) = report.demo_logins.iter().find(|(u, _)| u == "pegawai").context("no pegawai")?.clone();
        let (_, kepala) = report.demo_logins.iter().find(|(u, _)| u == "kepala").context("no kepala")?.clone();
        let viewer = auth::Viewer {
            account: "kepala".into(),
            nip: kepala,
            name: String::new(),
            username: None,
            roles: domain::Roles::new(vec![domain::Role::Head]),
        };
        let pegawai = domain::Nip::parse(&pegawai)?;
        let profile = time(args.samples, || async {
            org_service::profile(&db, &viewer, &pegawai).await.map_err(anyhow::Error::from)
        })
        .await?;
        println!(
            "{:>9} {:>7.1} {:>8.0} | {:>8.2} {:>8.2} {:>8.2} | {:>8.2} {:>8.2} {:>8.2} | {:>8.1} {:>8.1} {:>8.1} | {:>8.2} {:>8.2} | {:>8.0}",
            n,
            seed_secs,
            n as f64 / seed_secs,
            whole.0,
            whole.1,
            whole.2,
            part.0,
            part.1,
            part.2,
            graph.0,
            graph.1,
            graph.2,
            profile.0,
            profile.1,
            reload_ms
        );
        drop(db);
        // The embedded engine flushes in the background after the handle is dropped.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let _ = std::fs::remove_dir_all(&dir);
    }
    println!("all times in ms unless marked; subtree = the service path (version check + snapshot walk)");
    println!("targets: seed 100k ≤ 60 s; subtree of the whole 10k agency p95 ≤ 20 ms");
    Ok(())
}
