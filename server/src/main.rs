//! The `kinerja` binary: parses the command line, loads settings and runs a subcommand.

use anyhow::Context;
use clap::{Parser, Subcommand};
use server::settings::Settings;
use std::path::PathBuf;
use tracing_subscriber::EnvFilter;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "kinerja", version, about = "Kinerja: competency-based performance appraisal and 360° feedback")]
struct Cli {
    /// Settings file (TOML). Defaults to ./kinerja.toml when present.
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// Database URL, overriding the configuration (surrealkv://path, mem://, ws://host:port).
    #[arg(long, global = true)]
    db: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application (the default).
    Serve {
        /// Listen address HOST:PORT, overriding the configuration.
        #[arg(long)]
        addr: Option<String>,
        /// Seed the demo agency (with its well-known demo password) when the database is empty. Never on a
        /// production database; also `KINERJA_SEED_DEMO=1`.
        #[arg(long)]
        demo: bool,
    },
    /// Fill an empty database with a deterministic demo agency.
    Seed {
        #[arg(long, default_value_t = 1200)]
        employees: usize,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Also seed the demo 360° rounds (one closed with results, one open) and last year's rated work plans.
        #[arg(long)]
        feedback: bool,
    },
    /// Apply schema migrations and exit.
    Migrate,
    /// Load units, positions and employees from an XLSX or CSV staff list (the columns of /hr/import): prints the
    /// dry run; with --apply applies it and writes the new accounts' set-up links to a CSV file.
    Import {
        file: PathBuf,
        /// Apply the import (all of it, or nothing if the file has errors).
        #[arg(long)]
        apply: bool,
        /// The file is the whole agency: deactivate active people it does not list.
        #[arg(long)]
        whole_agency: bool,
        /// Where to write the set-up links (default: tautan-akun-<import>.csv).
        #[arg(long)]
        links: Option<PathBuf>,
    },
    /// Grant roles to an employee's account (the list replaces what was granted): the first HR officer of a new
    /// agency, a head of agency, trainers.
    Grant {
        /// The employee's NIP.
        nip: String,
        /// Roles: hr, head, trainer (comma-separated; empty removes them).
        #[arg(long, value_delimiter = ',', default_value = "hr")]
        role: Vec<String>,
        /// Also print a one-time link (24 hours) for the person to set their password.
        #[arg(long)]
        link: bool,
    },
    /// Write a consistent copy of the whole database (every definition and record, as SurrealQL) to FILE, while
    /// Kinerja may keep serving it (a SurrealDB server; the embedded database is copied by the serving instance with
    /// `backup_dir`, or by this command while Kinerja is stopped).
    Backup { file: PathBuf },
    /// Restore a backup written by `kinerja backup` into an empty database, then bring its schema up to date.
    Restore {
        file: PathBuf,
        /// Replace everything in a database that is not empty.
        #[arg(long)]
        force: bool,
    },
    /// Run the benchmarks and print figures.
    Bench(Box<server::bench::BenchArgs>),
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let mut settings = Settings::load(cli.config.as_deref())?;
    if let Some(db) = cli.db {
        settings.db_url = db;
    }
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_new(&settings.log).unwrap_or_else(|_| EnvFilter::new("info")))
        .init();
    match cli.command.unwrap_or(Command::Serve { addr: None, demo: false }) {
        Command::Serve { addr, demo } => {
            if let Some(addr) = addr {
                settings.addr = addr;
            }
            settings.seed_demo |= demo;
            settings.validate()?;
            let app = server::Application::build(&settings).await?;
            tracing::info!(addr = %app.addr(), db = %settings.db_url, "Kinerja is listening on http://{}", app.addr());
            app.run().await
        }
        Command::Seed { employees, seed, feedback } => {
            settings.validate()?;
            let db = backend::open(&settings.db_config()).await?;
            let started = std::time::Instant::now();
            let report = backend::services::seed::seed(&db, employees, seed).await.context("seeding")?;
            println!(
                "seeded {} employees in {} units (depth {}) in {:.1} s",
                report.employees,
                report.units,
                report.max_depth,
                started.elapsed().as_secs_f64()
            );
            for (user, nip) in &report.demo_logins {
                println!("  {user:8} NIP {nip}  password {}", backend::services::seed::DEMO_PASSWORD);
            }
            if feedback {
                let started = std::time::Instant::now();
                let keep: Vec<String> = report
                    .demo_logins
                    .iter()
                    .filter(|(u, _)| u == "pegawai" || u == "atasan")
                    .map(|(_, n)| n.clone())
                    .collect();
                backend::services::seed::feedback::seed_feedback(&db, seed, &keep).await?;
                println!("seeded the demo 360° rounds in {:.1} s", started.elapsed().as_secs_f64());
                let started = std::time::Instant::now();
                let plans = backend::services::seed::skp::seed_skp(
                    &db,
                    seed,
                    &keep,
                    backend::services::seed::skp::DEMO_PAST_YEARS,
                )
                .await?;
                println!(
                    "seeded {plans} work plans of the last two years and this year, with their ratings, in {:.1} s",
                    started.elapsed().as_secs_f64()
                );
            }
            Ok(())
        }
        Command::Migrate => {
            settings.validate()?;
            let db = backend::connect(&settings.db_config()).await?;
            println!("schema version {}", backend::schema::stored_version(&db).await?);
            Ok(())
        }
        Command::Import { file, apply, whole_agency, links } => {
            settings.validate()?;
            server::cli::import_file(&settings, &file, apply, whole_agency, links.as_deref()).await.map(drop)
        }
        Command::Grant { nip, role, link } => {
            settings.validate()?;
            server::cli::grant(&settings, &nip, &role, link).await.map(drop)
        }
        Command::Backup { file } => {
            settings.validate()?;
            server::cli::backup(&settings, &file).await.map(drop)
        }
        Command::Restore { file, force } => {
            settings.validate()?;
            server::cli::restore(&settings, &file, force).await.map(drop)
        }
        Command::Bench(mut args) => {
            // `kinerja --db ws://… bench`: the benchmarks on that server.
            if settings.db_url.starts_with("ws://") || settings.db_url.starts_with("wss://") {
                args.engine = settings.db_url.clone();
            }
            server::bench::run(*args).await
        }
    }
}
