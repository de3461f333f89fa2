//! The machine administrator's commands, for what must happen before anyone can sign in: loading an agency into an
//! empty database (`kinerja import`) and granting the first HR officer their role (`kinerja grant`); and for keeping
//! the data safe: `kinerja backup` and `kinerja restore`. They run the
//! same services as the pages, as the pseudo-user `cli` (HR's reach), so the same checks apply and every change is
//! audited with `cli` as its actor.

use anyhow::{Context, bail};
use backend::services::auth::Viewer;
use backend::services::import::{self as import, Upload};
use backend::services::{hr, password};
use domain::view::{ImportJob, ImportState};
use domain::{Nip, Role, Roles};
use std::path::Path;
use std::time::Duration;

/// Where people open the links this prints: the public URL, or the configured listen address.
fn origin(settings: &crate::settings::Settings) -> String {
    let origin = settings.public_url.clone().unwrap_or_else(|| format!("http://{}", settings.addr));
    origin.trim_end_matches('/').to_string()
}

/// The actor of the command line in the audit log.
pub const ACTOR: &str = "cli";

fn operator() -> Viewer {
    Viewer {
        account: ACTOR.into(),
        nip: ACTOR.into(),
        name: "kinerja (command line)".into(),
        username: None,
        roles: Roles::new(vec![Role::HrAdmin]),
    }
}

/// The application's state on the configured database, without the demo agency.
pub async fn state(settings: &crate::settings::Settings) -> anyhow::Result<app::AppState> {
    let mut settings = settings.clone();
    settings.seed_demo = false;
    crate::build_state(&settings, crate::leptos_options("127.0.0.1:0".parse()?)).await
}

async fn settle(db: &backend::Db, who: &Viewer, id: &str) -> anyhow::Result<ImportJob> {
    let mut shown = 0;
    loop {
        let job = import::job(db, who, id).await?;
        if !job.state.is_running() {
            return Ok(job);
        }
        if job.done >= shown + 10_000 {
            shown = job.done;
            eprintln!("  … {} of {} rows", job.done, job.total);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// `kinerja import FILE [--apply] [--whole-agency] [--links FILE]`: the dry run of a staff list, printed; with
/// `--apply`, applied, and the new accounts' set-up links written as CSV (never printed). Returns the import's id.
pub async fn import_file(
    settings: &crate::settings::Settings,
    file: &Path,
    apply: bool,
    whole_agency: bool,
    links: Option<&Path>,
) -> anyhow::Result<String> {
    let state = state(settings).await?;
    import_into(&state, settings, file, apply, whole_agency, links).await
}

/// [`import_file`] on an open database.
pub async fn import_into(
    state: &app::AppState,
    settings: &crate::settings::Settings,
    file: &Path,
    apply: bool,
    whole_agency: bool,
    links: Option<&Path>,
) -> anyhow::Result<String> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let who = operator();
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("import.xlsx");
    let upload = Upload { file_name: name, bytes: &bytes, deactivate_missing: whole_agency };
    let id = import::start(&state.db, &who, upload).await.map_err(anyhow::Error::from)?;
    let job = settle(&state.db, &who, &id).await?;
    let lang = i18n::Lang::Id;
    if let Some(failure) = &job.failure {
        bail!("{}", i18n::import_failure(lang, failure));
    }
    let p = job.preview.context("the import has no preview")?;
    println!(
        "import {id}: {} rows — units {} new, {} changed; people {} new, {} moved, {} changed, {} deactivated, \
         {} reactivated, {} unchanged; {} errors",
        p.rows,
        p.new_units,
        p.changed_units,
        p.new,
        p.moved,
        p.changed,
        p.deactivated,
        p.reactivated,
        p.unchanged,
        p.errors_total
    );
    for e in &p.errors {
        println!(
            "  row {}, {}: {} ({})",
            e.row,
            i18n::import_column(lang, e.column),
            i18n::import_problem(lang, &e.problem),
            e.value
        );
    }
    if p.errors_total > p.errors.len() {
        println!("  … and {} more (all of them on /hr/import/{id})", p.errors_total - p.errors.len());
    }
    if !apply {
        println!("dry run only: nothing changed (add --apply to apply it)");
        return Ok(id);
    }
    if p.errors_total > 0 {
        bail!("the file has errors: nothing changed");
    }
    if !p.can_apply() {
        println!("nothing to change");
        return Ok(id);
    }
    import::apply(&state.db, &state.runtime, &who, &id).await.map_err(anyhow::Error::from)?;
    let job = settle(&state.db, &who, &id).await?;
    if job.state != ImportState::Applied {
        let why = job.failure.as_ref().map(|f| i18n::import_failure(lang, f)).unwrap_or_default();
        bail!("applying failed: {why}");
    }
    println!("applied: {} accounts created", job.accounts_created);
    if job.accounts_created > 0 {
        let rows = import::setup_links(&state.db, &who, &id).await.map_err(anyhow::Error::from)?;
        let origin = origin(settings);
        let mut out = String::from(domain::csv::BOM);
        out.push_str(&domain::csv::record(&["NIP", "Nama", "Tautan"]));
        for (nip, name, path) in rows {
            out.push_str(&domain::csv::record(&[format!("'{nip}"), name, format!("{origin}{path}")]));
        }
        let target = links.map(Path::to_path_buf).unwrap_or_else(|| format!("tautan-akun-{id}.csv").into());
        std::fs::write(&target, out).with_context(|| format!("writing {}", target.display()))?;
        println!("set-up links (valid 7 days): {}", target.display());
    }
    Ok(id)
}

/// `kinerja grant NIP --role hr,head,trainer [--link]`: sets the roles granted to an employee's account (the list
/// replaces what was granted; an empty list removes them) and, with `--link`, prints a one-time link (24 hours) for
/// them to set their password (returned as a path).
pub async fn grant(
    settings: &crate::settings::Settings,
    nip: &str,
    roles: &[String],
    link: bool,
) -> anyhow::Result<Option<String>> {
    let nip = Nip::parse(nip).map_err(|e| anyhow::anyhow!("{}", i18n::nip_error(i18n::Lang::En, &e)))?;
    let roles: Vec<Role> = roles
        .iter()
        .map(|r| r.trim())
        .filter(|r| !r.is_empty())
        .map(|r| {
            Role::from_code(r)
                .filter(|r| Role::GRANTABLE.contains(r))
                .with_context(|| format!("unknown role {r:?}: use hr, head or trainer"))
        })
        .collect::<anyhow::Result<_>>()?;
    let state = state(settings).await?;
    grant_on(&state, settings, &nip, &roles, link).await
}

/// [`grant`] on an open database.
pub async fn grant_on(
    state: &app::AppState,
    settings: &crate::settings::Settings,
    nip: &Nip,
    roles: &[Role],
    link: bool,
) -> anyhow::Result<Option<String>> {
    let who = operator();
    hr::set_roles(&state.db, &state.runtime, &who, nip, roles).await.map_err(|e| match e {
        backend::ServiceError::NotFound => anyhow::anyhow!("no account for NIP {}", nip.as_str()),
        e => anyhow::anyhow!("{e}"),
    })?;
    let names: Vec<&str> = roles.iter().map(|r| r.code()).collect();
    println!("{}: roles {}", nip.as_str(), if names.is_empty() { "none".to_string() } else { names.join(", ") });
    if !link {
        return Ok(None);
    }
    let path = password::reset_link(&state.db, &state.runtime, &who, nip).await.map_err(anyhow::Error::from)?;
    let origin = origin(settings);
    println!("one-time password link (24 hours): {origin}{path}");
    Ok(Some(path))
}

/// `kinerja backup FILE`: a consistent copy of the configured database, with what it holds printed.
pub async fn backup(
    settings: &crate::settings::Settings,
    file: &Path,
) -> anyhow::Result<backend::backup::BackupReport> {
    let db = backend::attach(&settings.db_config().for_files()).await?;
    let started = std::time::Instant::now();
    let report = backend::backup::backup(&db, file).await?;
    let records: u64 = report.counts.values().sum();
    println!(
        "backed up {records} records in {} tables to {} ({:.1} MB) in {:.1} s",
        report.counts.len(),
        report.file.display(),
        report.bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(report)
}

/// `kinerja restore FILE [--force]`: the backup restored into the configured database and its schema brought up to
/// date.
pub async fn restore(settings: &crate::settings::Settings, file: &Path, force: bool) -> anyhow::Result<()> {
    let db = backend::attach(&settings.db_config().for_files()).await?;
    let started = std::time::Instant::now();
    let counts = backend::backup::restore(&db, file, force).await?;
    println!(
        "restored {} records in {} tables from {} in {:.1} s (schema version {})",
        counts.values().sum::<u64>(),
        counts.len(),
        file.display(),
        started.elapsed().as_secs_f64(),
        backend::schema::stored_version(&db).await?
    );
    Ok(())
}
