//! Backup and restore of the whole database (`kinerja backup FILE`, `kinerja restore FILE`): a consistent copy of
//! every definition and record as SurrealQL, read in one read transaction while the application keeps running, and
//! its restore into an empty database, followed by the schema migrations a newer Kinerja needs.

use crate::Db;
use anyhow::{Context, bail};
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Records per table (the `meta` table of versions included).
pub type Counts = BTreeMap<String, u64>;

/// What a backup wrote.
#[derive(Debug, Clone)]
pub struct BackupReport {
    pub file: PathBuf,
    pub bytes: u64,
    /// Records per table at the moment of the copy (read in a transaction of their own, so counts of tables
    /// written meanwhile may differ from the file by what was written in between).
    pub counts: Counts,
}

/// The tables of the selected database, by name.
pub async fn tables(db: &Db) -> anyhow::Result<Vec<String>> {
    let info: serde_json::Value = db.run("INFO FOR DB;", json!({})).await?.value(0)?;
    let mut names: Vec<String> =
        info.get("tables").and_then(|t| t.as_object()).map(|t| t.keys().cloned().collect()).unwrap_or_default();
    names.sort();
    Ok(names)
}

/// How many records each table holds.
pub async fn counts(db: &Db) -> anyhow::Result<Counts> {
    let mut counts = Counts::new();
    for table in tables(db).await? {
        let n: Option<u64> = db
            .run("RETURN count(SELECT VALUE id FROM type::table($t));", json!({ "t": table }))
            .await?
            .value(0)
            .with_context(|| format!("counting the records of {table}"))?;
        counts.insert(table, n.unwrap_or(0));
    }
    Ok(counts)
}

/// Writes a consistent copy of the database to `file`. The copy is written beside it first and renamed when
/// complete and on disk, so `file` is never a half-written backup, even if the machine stops meanwhile.
pub async fn backup(db: &Db, file: &Path) -> anyhow::Result<BackupReport> {
    let partial = partial_name(file);
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let _ = std::fs::remove_file(&partial);
    let written = async {
        db.export_to(&partial).await?;
        // Password hashes and session HMACs are in it: readable by the service's own account only.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&partial, std::fs::Permissions::from_mode(0o600))
                .with_context(|| format!("restricting {}", partial.display()))?;
        }
        std::fs::File::open(&partial)
            .and_then(|f| f.sync_all())
            .with_context(|| format!("writing {} to disk", partial.display()))?;
        std::fs::rename(&partial, file).with_context(|| format!("renaming the copy to {}", file.display()))?;
        if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
            // The rename itself reaches the disk with the folder.
            let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
        }
        anyhow::Ok(())
    }
    .await;
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    let bytes = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    Ok(BackupReport { file: file.to_path_buf(), bytes, counts: counts(db).await? })
}

fn partial_name(file: &Path) -> PathBuf {
    let mut name = file.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    file.with_file_name(name)
}

/// Tables holding records that a restore would replace: every table but `meta` (the schema's own versions, written
/// by merely starting Kinerja on an empty database).
pub async fn data_tables(db: &Db) -> anyhow::Result<Vec<(String, u64)>> {
    Ok(counts(db).await?.into_iter().filter(|(t, n)| *n > 0 && t != "meta").collect())
}

/// Restores a backup into the database `db` (attached, not migrated). A database that holds records is refused
/// unless `force` is set; then everything in it is removed first. After the import the schema migrations of this
/// Kinerja run, so a backup of an older version is brought up to date. Returns the restored counts.
pub async fn restore(db: &Db, file: &Path, force: bool) -> anyhow::Result<Counts> {
    let head = {
        use std::io::Read;
        let mut head = [0u8; 4096];
        let mut f = std::fs::File::open(file).with_context(|| format!("opening {}", file.display()))?;
        let n = f.read(&mut head).with_context(|| format!("reading {}", file.display()))?;
        String::from_utf8_lossy(&head[..n]).to_string()
    };
    if !head.contains("DEFINE") && !head.contains("OPTION IMPORT") {
        bail!("{} is not a Kinerja backup (a SurrealQL export written by `kinerja backup`)", file.display());
    }
    let held = data_tables(db).await?;
    if !held.is_empty() && !force {
        let total: u64 = held.iter().map(|(_, n)| n).sum();
        bail!(
            "the database is not empty ({total} records in {} tables, e.g. {}): restore into an empty database, \
             or pass --force to replace everything in it",
            held.len(),
            held.iter().take(3).map(|(t, _)| t.as_str()).collect::<Vec<_>>().join(", ")
        );
    }
    for table in tables(db).await? {
        // A name from the database's own definitions, spliced only when it is a plain identifier.
        if !table.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            bail!("the database has a table named {table:?}, which Kinerja never defines: restore into another one");
        }
        db.run(&format!("REMOVE TABLE IF EXISTS {table};"), json!({}))
            .await
            .with_context(|| format!("removing {table} before the restore"))?;
    }
    db.import_from(file).await?;
    crate::schema::migrate(db).await.context("bringing the restored schema up to date")?;
    counts(db).await
}
