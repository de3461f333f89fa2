//! Importing the organisation from XLSX or CSV (HR). An upload becomes an import job; the file is read and compared
//! with the organisation in the background (progress in the job), giving a dry run that lists what would be
//! created, changed, moved or deactivated and every row's errors. Applying reads the same file again, checks that
//! the plan is still the one previewed, and writes it with one audit entry per change: in one transaction, all or
//! nothing, up to [`PART`] people changes; a larger import in ordered parts of that size. New accounts get one-time
//! set-up links, never passwords.

use crate::db::Db;
use crate::error::{ServiceError, invalid};
use crate::repo::import::{self as repo, JobRow, Positions, Writes, value};
use crate::services::auth::{Viewer, hash_password, new_token, session_id};
use crate::state::Runtime;
use crate::xlsx::{Table, XCell};
use anyhow::Context;
use calamine::{DataRef, Reader, Xlsx};
use domain::import::{
    Cell, ChangeKind, Column, EmployeeChange, EmployeeState, Existing, HeaderError, Options, Plan, Record, RowError,
    plan,
};
use domain::view::{ImportFailure, ImportJob, ImportPreview, ImportState, ImportSummary};
use domain::{Nip, PositionKind};
use i18n::T;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::io::Cursor;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use surrealdb::types::Value;

/// The largest file accepted (a 100,000-row XLSX is about 8 MB; as CSV about 20 MB).
pub const MAX_FILE: usize = 48 * 1024 * 1024;
/// How many imports the list shows.
pub const RECENT: usize = 20;

/// An uploaded file.
pub struct Upload<'a> {
    pub file_name: &'a str,
    pub bytes: &'a [u8],
    pub deactivate_missing: bool,
}

fn may_import(viewer: &Viewer) -> Result<(), ServiceError> {
    if viewer.roles.may_edit_employees() { Ok(()) } else { Err(ServiceError::Forbidden) }
}

/// Stores an upload as a new import and starts checking it in the background. Returns the import's id.
#[tracing::instrument(skip(db, viewer, upload), fields(actor = %viewer.nip, file = upload.file_name))]
pub async fn start(db: &Db, viewer: &Viewer, upload: Upload<'_>) -> Result<String, ServiceError> {
    may_import(viewer)?;
    if upload.bytes.is_empty() {
        return Err(invalid("file", T::ImportEmptyFile));
    }
    if upload.bytes.len() > MAX_FILE {
        return Err(invalid("file", T::ErrTooLarge));
    }
    let name: String = upload.file_name.chars().filter(|c| !c.is_control()).take(120).collect();
    let name = if name.trim().is_empty() { "import".to_string() } else { name.trim().to_string() };
    let id = new_token()[..24].to_string();
    repo::create_job(db, &id, &viewer.nip, &name, upload.bytes, upload.deactivate_missing).await?;
    let (db, job) = (db.clone(), id.clone());
    tokio::spawn(async move {
        if let Err(e) = check(&db, &job).await {
            tracing::error!(error = ?e, job, "checking an import");
            let failure = serde_json::to_string(&ImportFailure::Internal).unwrap_or_default();
            let _ = repo::checked(&db, &job, 0, None, None, Some(&failure)).await;
        }
    });
    Ok(id)
}

/// Reads the file into cells, row by row, counting rows in `done`.
fn read_file(
    bytes: &[u8],
    done: &AtomicUsize,
    total: &AtomicUsize,
) -> Result<(Vec<Record>, Vec<RowError>), ImportFailure> {
    let header_error = |e: HeaderError| match e {
        HeaderError::NoHeader => ImportFailure::NoHeader,
        HeaderError::Missing(cols) => {
            ImportFailure::MissingColumns(cols.iter().map(|c| c.header().to_string()).collect())
        }
        HeaderError::Twice(c) => ImportFailure::ColumnTwice(c.header().to_string()),
    };
    let counted = |rows: &mut dyn Iterator<Item = Vec<Cell>>| -> Result<(Vec<Record>, Vec<RowError>), HeaderError> {
        domain::import::read(rows.inspect(|_| {
            done.fetch_add(1, Ordering::Relaxed);
        }))
    };
    if bytes.starts_with(b"PK\x03\x04") {
        let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|_| ImportFailure::Unreadable)?;
        // The first sheet whose first rows name a NIP column.
        let mut last = HeaderError::NoHeader;
        for sheet in book.sheet_names() {
            let head: Vec<Vec<Cell>> =
                XlsxRows::open(&mut book, &sheet)?.take(domain::import::sheet::HEADER_SEARCH_ROWS).collect();
            match domain::import::read(head) {
                Err(HeaderError::NoHeader) => continue,
                Err(e) => last = e,
                Ok(_) => {
                    let mut rows = XlsxRows::open(&mut book, &sheet)?;
                    total.store(rows.rows, Ordering::Relaxed);
                    let out = counted(&mut rows).map_err(header_error)?;
                    if rows.failed {
                        return Err(ImportFailure::Unreadable);
                    }
                    return Ok(out);
                }
            }
        }
        return Err(header_error(last));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        // Spreadsheet programs on Windows save CSV in Windows-1252; its letters are Latin-1's.
        Err(_) if !bytes.contains(&0) => bytes.iter().map(|&b| char::from(b)).collect(),
        Err(_) => return Err(ImportFailure::Unreadable),
    };
    let records = domain::csv::parse(&text);
    total.store(records.last().map(|(line, _)| *line).unwrap_or(0), Ordering::Relaxed);
    // Rows numbered by line, as a spreadsheet shows the file (blank lines included).
    let mut line = 0;
    let mut rows = records.into_iter().flat_map(|(at, fields)| {
        let blanks = at.saturating_sub(line + 1);
        line = at + fields.iter().map(|f| f.matches('\n').count()).sum::<usize>();
        std::iter::repeat_n(Vec::new(), blanks).chain(std::iter::once(
            fields.into_iter().map(|f| if f.is_empty() { Cell::Empty } else { Cell::Text(f) }).collect(),
        ))
    });
    counted(&mut rows).map_err(header_error)
}

/// The rows of one worksheet, streamed (gaps become empty rows, so row numbers match the sheet).
struct XlsxRows<'b, RS: std::io::Read + std::io::Seek> {
    reader: calamine::XlsxCellReader<'b, RS>,
    row: u32,
    pending: Option<(u32, u32, Cell)>,
    done: bool,
    failed: bool,
    rows: usize,
}

impl<'b, RS: std::io::Read + std::io::Seek> XlsxRows<'b, RS> {
    fn open(book: &'b mut Xlsx<RS>, sheet: &str) -> Result<Self, ImportFailure> {
        let reader = book.worksheet_cells_reader(sheet).map_err(|_| ImportFailure::Unreadable)?;
        let rows = reader.dimensions().end.0 as usize + 1;
        Ok(XlsxRows { reader, row: 0, pending: None, done: false, failed: false, rows })
    }

    fn next_cell(&mut self) -> Option<(u32, u32, Cell)> {
        if let Some(p) = self.pending.take() {
            return Some(p);
        }
        match self.reader.next_cell() {
            Ok(Some(c)) => {
                let (r, col) = c.get_position();
                Some((r, col, cell(c.get_value())))
            }
            Ok(None) => None,
            Err(_) => {
                self.failed = true;
                None
            }
        }
    }
}

impl<RS: std::io::Read + std::io::Seek> Iterator for XlsxRows<'_, RS> {
    type Item = Vec<Cell>;

    fn next(&mut self) -> Option<Vec<Cell>> {
        if self.done {
            return None;
        }
        let mut out: Vec<Cell> = Vec::new();
        loop {
            match self.next_cell() {
                None => {
                    self.done = true;
                    return if out.is_empty() && self.pending.is_none() { None } else { Some(out) };
                }
                Some((r, col, c)) if r == self.row => {
                    let col = col as usize;
                    if col >= 1024 {
                        continue;
                    }
                    if out.len() <= col {
                        out.resize(col + 1, Cell::Empty);
                    }
                    out[col] = c;
                }
                Some(next) => {
                    self.pending = Some(next);
                    self.row += 1;
                    return Some(out);
                }
            }
        }
    }
}

fn cell(v: &DataRef<'_>) -> Cell {
    match v {
        DataRef::Int(i) => Cell::Int(*i),
        DataRef::Float(f) => Cell::Float(*f),
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_string()),
        DataRef::Bool(b) => Cell::Text(b.to_string()),
        DataRef::DateTime(d) if d.is_datetime() => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            time::Month::try_from(m)
                .ok()
                .and_then(|m| time::Date::from_calendar_date(i32::from(y), m, day).ok())
                .map_or(Cell::Empty, Cell::Date)
        }
        DataRef::DateTime(d) => Cell::Float(d.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(_) | DataRef::Empty => Cell::Empty,
    }
}

/// Reads a stored import's file and plans it against the organisation as it stands now.
async fn plan_job(
    db: &Db,
    id: &str,
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
) -> anyhow::Result<Result<(Plan, Existing, Positions), ImportFailure>> {
    let row = repo::job(db, id).await?.context("the import is gone")?;
    let bytes = repo::job_file(db, id).await?.context("the import's file is gone")?;
    let read = tokio::task::spawn_blocking(move || read_file(&bytes, &done, &total)).await.context("reading")?;
    let (records, errors) = match read {
        Ok(r) => r,
        Err(f) => return Ok(Err(f)),
    };
    let (existing, positions) = repo::existing(db).await?;
    let options = Options { deactivate_missing: row.deactivate_missing };
    let (plan, existing) = tokio::task::spawn_blocking(move || {
        let p = plan(&records, errors, &existing, options);
        (p, existing)
    })
    .await
    .context("planning")?;
    Ok(Ok((plan, existing, positions)))
}

/// The digest that ties applying to the preview.
fn digest(plan: &Plan) -> String {
    hex::encode(Sha256::digest(serde_json::to_vec(plan).unwrap_or_default()))
}

/// Checks an import: progress while reading, then the preview (or why the file cannot be used).
async fn check(db: &Db, id: &str) -> anyhow::Result<()> {
    let done = Arc::new(AtomicUsize::new(0));
    let total = Arc::new(AtomicUsize::new(0));
    let ticker = {
        let (db, id, done, total) = (db.clone(), id.to_string(), done.clone(), total.clone());
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                let _ = repo::progress(&db, &id, done.load(Ordering::Relaxed), total.load(Ordering::Relaxed)).await;
            }
        })
    };
    let planned = plan_job(db, id, done.clone(), total).await;
    ticker.abort();
    match planned? {
        Ok((plan, existing, _)) => {
            let preview = preview_of(&plan, &existing);
            let json = serde_json::to_string(&preview)?;
            repo::checked(db, id, plan.rows, Some(&json), Some(&digest(&plan)), None).await
        }
        Err(failure) => {
            let json = serde_json::to_string(&failure)?;
            repo::checked(db, id, done.load(Ordering::Relaxed), None, None, Some(&json)).await
        }
    }
}

/// The preview with the names of the units and people its lists mention.
fn preview_of(plan: &Plan, existing: &Existing) -> ImportPreview {
    let mut preview = ImportPreview::from_plan(plan);
    let mut wanted: HashSet<&str> = HashSet::new();
    for u in &preview.units {
        wanted.extend(u.parent.as_deref());
        wanted.extend(u.leader.as_deref());
    }
    for e in &preview.employees {
        for s in [Some(&e.after), e.before.as_ref()].into_iter().flatten() {
            wanted.insert(&s.unit);
            wanted.extend(s.supervisor.as_deref());
        }
    }
    let mut names: HashMap<String, String> = HashMap::new();
    for u in &existing.units {
        if wanted.contains(u.key.as_str()) {
            names.insert(u.key.clone(), u.name.clone());
        }
    }
    for u in &plan.units {
        if wanted.contains(u.key.as_str()) {
            names.insert(u.key.clone(), u.name.clone());
        }
    }
    for e in &existing.employees {
        if wanted.contains(e.nip.as_str()) {
            names.insert(e.nip.clone(), e.state.name.clone());
        }
    }
    for e in &plan.employees {
        if wanted.contains(e.nip.as_str()) {
            names.insert(e.nip.clone(), e.after.name.clone());
        }
    }
    let mut names: Vec<(String, String)> = names.into_iter().collect();
    names.sort();
    preview.names = names;
    preview
}

fn job_view(row: JobRow, viewer: &Viewer) -> ImportJob {
    let state = ImportState::from_code(&row.state).unwrap_or(ImportState::Failed);
    ImportJob {
        links_available: row.has_links && row.applied_by.as_deref() == Some(viewer.nip.as_str()),
        id: row.id,
        file_name: row.file_name,
        created_at: row.created,
        actor_name: row.actor_name.unwrap_or_else(|| row.actor.clone()),
        actor_nip: row.actor,
        state,
        done: row.done,
        total: row.total,
        deactivate_missing: row.deactivate_missing,
        preview: row.preview_json.as_deref().and_then(|j| serde_json::from_str(j).ok()),
        failure: row.failure_json.as_deref().and_then(|j| serde_json::from_str(j).ok()),
        applied_at: row.applied,
        accounts_created: row.accounts_created,
    }
}

/// Marks a running import whose server stopped (see [`domain::view::STALE_MINUTES`]): a check as interrupted, an
/// apply as partly written.
async fn recover(db: &Db, row: &JobRow) -> anyhow::Result<()> {
    let failure = if row.state == ImportState::Applying.code() {
        ImportFailure::Partial { written: row.done, total: row.total }
    } else {
        ImportFailure::Interrupted
    };
    if repo::interrupt(db, &row.id, &serde_json::to_string(&failure)?).await? {
        tracing::warn!(import = %row.id, state = %row.state, "an import stopped with its server: marked failed");
    }
    Ok(())
}

/// One import as its page shows it.
pub async fn job(db: &Db, viewer: &Viewer, id: &str) -> Result<ImportJob, ServiceError> {
    may_import(viewer)?;
    let mut row = repo::job(db, id).await?.ok_or(ServiceError::NotFound)?;
    if row.stale {
        recover(db, &row).await?;
        row = repo::job(db, id).await?.ok_or(ServiceError::NotFound)?;
    }
    Ok(job_view(row, viewer))
}

/// The newest imports.
pub async fn recent(db: &Db, viewer: &Viewer) -> Result<Vec<ImportSummary>, ServiceError> {
    may_import(viewer)?;
    let mut rows = repo::recent_jobs(db, RECENT).await?;
    if rows.iter().any(|r| r.stale) {
        for row in rows.iter().filter(|r| r.stale) {
            recover(db, row).await?;
        }
        rows = repo::recent_jobs(db, RECENT).await?;
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let job = job_view(r, viewer);
            ImportSummary {
                rows: job.preview.as_ref().map_or(job.done, |p| p.rows),
                errors: job.preview.as_ref().map_or(0, |p| p.errors_total),
                id: job.id,
                file_name: job.file_name,
                created_at: job.created_at,
                actor_name: job.actor_name,
                state: job.state,
            }
        })
        .collect())
}

/// Applies a checked import without errors: claims it, then writes it in the background (the page follows the
/// job's state). Refused while another apply of it runs or after it was applied.
#[tracing::instrument(skip(db, rt, viewer), fields(actor = %viewer.nip))]
pub async fn apply(db: &Db, rt: &Runtime, viewer: &Viewer, id: &str) -> Result<(), ServiceError> {
    apply_in_parts(db, rt, viewer, id, PART).await
}

/// [`apply`], writing at most `part` people changes per transaction.
pub(crate) async fn apply_in_parts(
    db: &Db,
    rt: &Runtime,
    viewer: &Viewer,
    id: &str,
    part: usize,
) -> Result<(), ServiceError> {
    may_import(viewer)?;
    let job = job(db, viewer, id).await?;
    if job.state != ImportState::Checked {
        return Err(ServiceError::Conflict(T::ImportNotReady));
    }
    if !job.preview.as_ref().is_some_and(ImportPreview::can_apply) {
        return Err(ServiceError::Conflict(T::ImportHasErrors));
    }
    let people = job.preview.as_ref().map_or(0, |p| p.new + p.moved + p.changed + p.deactivated + p.reactivated);
    if !repo::claim(db, id, &viewer.nip, people).await? {
        return Err(ServiceError::Conflict(T::ImportNotReady));
    }
    let (db, rt, actor, id, file) = (db.clone(), rt.clone(), viewer.nip.clone(), id.to_string(), job.file_name);
    tokio::spawn(async move {
        let failure = match write(&db, &rt, &actor, &id, &file, part.max(1)).await {
            Ok(None) => return,
            Ok(Some(f)) => f,
            Err(e) => {
                tracing::error!(error = ?e, job = id, "applying an import");
                ImportFailure::Internal
            }
        };
        let json = serde_json::to_string(&failure).unwrap_or_default();
        if let Err(e) = repo::apply_failed(&db, &id, &json).await {
            tracing::error!(error = ?e, job = id, "marking an import as failed");
        }
    });
    Ok(())
}

/// Plans the import again and writes it when it is still the plan previewed. `Some` failure when it is not.
async fn write(
    db: &Db,
    rt: &Runtime,
    actor: &str,
    id: &str,
    file: &str,
    part: usize,
) -> anyhow::Result<Option<ImportFailure>> {
    let stored = repo::job(db, id).await?.context("the import is gone")?;
    let (plan, existing, positions) =
        match plan_job(db, id, Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0))).await? {
            Ok(p) => p,
            Err(f) => return Ok(Some(f)),
        };
    if stored.digest.as_deref() != Some(digest(&plan).as_str()) || !plan.errors.is_empty() {
        return Ok(Some(ImportFailure::Stale));
    }
    // One hash of a secret nobody keeps, for every new account: none can be signed in to until its link is used.
    let hash = {
        let unusable = new_token();
        tokio::task::spawn_blocking(move || hash_password(&unusable)).await.context("hashing")??
    };
    let ctx = WriteContext { rt, actor, reason: format!("Impor {file} ({id})"), hash: &hash };
    let mut known = positions;
    let people = supervisors_first(&plan);
    let parts: Vec<&[&EmployeeChange]> = if people.is_empty() { vec![&[]] } else { people.chunks(part).collect() };
    let needs = part_needs(&parts);
    let mut first = unit_writes(&plan, &existing, &ctx);
    // Leaders once their people are written: when the import finishes.
    let leaders = std::mem::take(&mut first.leaders);
    // Every new position with the units, so that a later part depends only on the first and on its supervisors'.
    for e in &people {
        position_of(&e.after, &mut known, &mut first);
    }
    let mut first = Some(first);
    let mut in_flight: std::collections::VecDeque<InFlight> = std::collections::VecDeque::new();
    let (mut written, mut failure) = (0, None);
    for (i, chunk) in parts.iter().enumerate() {
        let mut w = first.take().unwrap_or_default();
        let links = people_writes(chunk, &mut known, &mut w, &ctx)?;
        // Before it starts: every part it needs has committed, at most CONCURRENT_PARTS run at once, and a part that
        // changes people already there runs alone (their updates move the talent version stamp, which two parts
        // writing at once would both write).
        let exclusive = chunk.iter().any(|e| e.before.is_some());
        while in_flight.front().is_some_and(|f| f.index <= needs[i])
            || in_flight.len() >= CONCURRENT_PARTS
            || (exclusive && !in_flight.is_empty())
            || in_flight.back().is_some_and(|f| f.exclusive)
        {
            let Some(done) = in_flight.pop_front() else { break };
            settle_part(db, id, done, &mut written, &mut failure).await?;
        }
        if failure.is_some() {
            break;
        }
        let (db2, id2, people_n, guard) = (db.clone(), id.to_string(), chunk.len(), i == 0);
        let accounts = links.len();
        let handle = tokio::spawn(async move {
            // Two parts may still meet on a key neither writes directly (an event's stamp): the loser tries again.
            let mut attempt = 0;
            loop {
                attempt += 1;
                match repo::apply_part(&db2, &id2, w.clone(), &links, guard).await {
                    Err(e) if crate::db::is_conflict(&e) && attempt < 4 => tokio::task::yield_now().await,
                    done => return done,
                }
            }
        });
        in_flight.push_back(InFlight { index: i, people: people_n, accounts, exclusive, handle });
    }
    while let Some(done) = in_flight.pop_front() {
        settle_part(db, id, done, &mut written, &mut failure).await?;
    }
    if let Some(e) = failure {
        if written == 0 {
            return Err(e);
        }
        tracing::error!(error = ?e, job = id, written, "an import stopped part-way");
        return Ok(Some(ImportFailure::Partial { written, total: people.len() }));
    }
    repo::finish(db, id, leaders).await?;
    tracing::info!(job = id, units = plan.units.len(), employees = plan.employees.len(), "applied an import");
    Ok(None)
}

/// A part being written.
struct InFlight {
    index: usize,
    people: usize,
    accounts: usize,
    exclusive: bool,
    handle: tokio::task::JoinHandle<anyhow::Result<()>>,
}

/// Waits for a part; a committed one counts and moves the import's progress, a failed one stops the import.
async fn settle_part(
    db: &Db,
    id: &str,
    part: InFlight,
    written: &mut usize,
    failure: &mut Option<anyhow::Error>,
) -> anyhow::Result<()> {
    match part.handle.await {
        Ok(Ok(())) => {
            *written += part.people;
            repo::part_written(db, id, part.people, part.accounts).await?;
        }
        Ok(Err(e)) => *failure = failure.take().or(Some(e)),
        Err(e) => *failure = failure.take().or(Some(anyhow::anyhow!("an import part stopped: {e}"))),
    }
    Ok(())
}

/// For each part, the latest earlier part it needs committed first: the first (units and positions) for every
/// part, and the parts holding its people's new supervisors (so whatever is written has its supervisor, even if
/// a part fails).
fn part_needs(parts: &[&[&EmployeeChange]]) -> Vec<usize> {
    let part_of: HashMap<&str, usize> =
        parts.iter().enumerate().flat_map(|(i, p)| p.iter().map(move |e| (e.nip.as_str(), i))).collect();
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            p.iter()
                .filter_map(|e| e.after.supervisor.as_deref())
                .filter_map(|s| part_of.get(s).copied())
                .filter(|&j| j < i)
                .max()
                .unwrap_or(0)
        })
        .collect()
}

/// Parts written at once: SurrealDB runs each transaction's statements on its own core (the commits still take
/// turns), so two parts in flight use both cores of a small server. Parts never write the same keys: each writes
/// its own people; the import's progress, the leaders and the version stamps are written between and after them.
pub const CONCURRENT_PARTS: usize = 2;

/// The most people changes one transaction writes. A larger import is written in parts, each a transaction of its
/// own holding whole people (with their accounts, links, reporting lines and audit entries), supervisors before
/// their reports: one transaction of 100,000 people (3.6 million keys, 500 MB) overflows the embedded store's
/// in-memory write buffer (1 GiB on a 16–64 GB machine, 256 MiB below 16 GB) and is beyond what a TiKV cluster
/// accepts in one transaction by default. Up to this size an import is all or nothing.
pub const PART: usize = 5_000;

/// The people changes in an order where everyone's new supervisor is written before them (the depth of each in
/// the reporting tree after the import), then by row.
fn supervisors_first(plan: &Plan) -> Vec<&EmployeeChange> {
    let by_nip: HashMap<&str, &EmployeeChange> = plan.employees.iter().map(|e| (e.nip.as_str(), e)).collect();
    let mut depth: HashMap<&str, usize> = HashMap::new();
    fn depth_of<'a>(
        nip: &'a str,
        by_nip: &HashMap<&'a str, &'a EmployeeChange>,
        depth: &mut HashMap<&'a str, usize>,
        guard: usize,
    ) -> usize {
        if let Some(d) = depth.get(nip) {
            return *d;
        }
        let d = match by_nip.get(nip).and_then(|e| e.after.supervisor.as_deref()) {
            // Someone the import does not touch is already written; the plan has no loops, the guard is for safety.
            Some(sup) if by_nip.contains_key(sup) && guard < 64 => 1 + depth_of(sup, by_nip, depth, guard + 1),
            _ => 0,
        };
        depth.insert(nip, d);
        d
    }
    for e in &plan.employees {
        depth_of(&e.nip, &by_nip, &mut depth, 0);
    }
    let mut people: Vec<&EmployeeChange> = plan.employees.iter().collect();
    people.sort_by_key(|e| (depth.get(e.nip.as_str()).copied().unwrap_or(0), e.row));
    people
}

/// A position's key: the same unit, name and kind always give the same key.
fn position_key(unit: &str, name: &str, kind: &str) -> String {
    let h = Sha256::digest(format!("{unit}\u{1f}{name}\u{1f}{kind}").as_bytes());
    format!("i{}", &hex::encode(h)[..20])
}

fn state_json(s: &EmployeeState) -> serde_json::Value {
    json!({
        "name": s.name, "email": s.email, "rank": s.rank, "position": s.position, "position_kind": s.kind,
        "unit": s.unit, "supervisor": s.supervisor, "education": s.education,
        "rank_since": s.rank_since.map(|d| d.to_string()), "active": s.active,
    })
}

fn date_value(d: time::Date) -> anyhow::Result<Value> {
    value::datetime(&format!("{d}T00:00:00Z"))
}

/// What every part of an import writes with.
struct WriteContext<'a> {
    rt: &'a Runtime,
    actor: &'a str,
    /// The reason of every audit entry: the file and the import.
    reason: String,
    /// The unusable password hash of the new accounts.
    hash: &'a str,
}

impl WriteContext<'_> {
    fn audit(
        &self,
        action: &str,
        subject: String,
        before: Option<serde_json::Value>,
        after: serde_json::Value,
    ) -> Value {
        value::object(vec![
            ("actor", value::text(self.actor)),
            ("action", value::text(action)),
            ("subject", value::text(&subject)),
            ("before", before.map(value::json).unwrap_or(Value::None)),
            ("after", value::json(after)),
            ("reason", value::text(&self.reason)),
        ])
    }
}

/// The units the plan creates or changes (leaders included: their people are written in the same import), and the
/// agency when the database has none.
fn unit_writes(plan: &Plan, existing: &Existing, ctx: &WriteContext<'_>) -> Writes {
    use value::{object, rid, text};
    let mut w = Writes::default();
    if existing.units.is_empty()
        && let Some(top) = plan.units.iter().find(|u| u.parent.is_none())
    {
        w.agency = Some(top.name.clone());
    }
    let mut siblings: HashMap<Option<&str>, i64> = HashMap::new();
    for u in &existing.units {
        *siblings.entry(u.parent.as_deref()).or_default() += 1;
    }
    for u in &plan.units {
        let parent = u.parent.as_deref().map(|p| rid("unit", p)).unwrap_or(Value::None);
        let unit_json =
            json!({ "name": u.name, "kind": u.kind, "parent": u.parent, "depth": u.depth, "leader": u.leader });
        match &u.before {
            None => {
                let ord = siblings.entry(u.parent.as_deref()).or_default();
                w.new_units.push(object(vec![
                    ("id", rid("unit", &u.key)),
                    ("name", text(&u.name)),
                    ("kind", text(&u.kind)),
                    ("parent", parent),
                    ("depth", Value::from_t(i64::from(u.depth))),
                    ("ord", Value::from_t(*ord)),
                ]));
                *ord += 1;
                w.audits.push(ctx.audit("unit.create", format!("unit:{}", u.key), None, unit_json));
            }
            Some(b) => {
                w.unit_updates.push(object(vec![
                    ("id", rid("unit", &u.key)),
                    ("name", text(&u.name)),
                    ("kind", text(&u.kind)),
                    ("parent", parent),
                    ("depth", Value::from_t(i64::from(u.depth))),
                ]));
                let before =
                    json!({ "name": b.name, "kind": b.kind, "parent": b.parent, "depth": b.depth, "leader": b.leader });
                w.audits.push(ctx.audit("unit.update", format!("unit:{}", u.key), Some(before), unit_json));
            }
        }
        if u.before.as_ref().map(|b| &b.leader) != Some(&u.leader) {
            w.leaders.push(object(vec![
                ("id", rid("unit", &u.key)),
                ("leader", u.leader.as_deref().map(|l| rid("employee", l)).unwrap_or(Value::None)),
            ]));
        }
    }
    w
}

/// Adds what `people` write to `w` (positions found by unit, name and kind in `known`, or created), and returns
/// the set-up links of their new accounts (`(nip, token)`).
/// The position of a person's state: a known one, or a new one added to `w` (and then known).
fn position_of(s: &EmployeeState, known: &mut Positions, w: &mut Writes) -> Value {
    use value::{object, rid, text};
    let k = (s.unit.clone(), s.position.clone(), s.kind.clone());
    let key = match known.get(&k) {
        Some(key) => key.clone(),
        None => {
            let key = position_key(&s.unit, &s.position, &s.kind);
            w.positions.push(object(vec![
                ("id", rid("position", &key)),
                ("name", text(&s.position)),
                ("kind", text(&s.kind)),
                ("unit", rid("unit", &s.unit)),
            ]));
            known.insert(k, key.clone());
            key
        }
    };
    rid("position", &key)
}

fn people_writes(
    people: &[&EmployeeChange],
    known: &mut Positions,
    w: &mut Writes,
    ctx: &WriteContext<'_>,
) -> anyhow::Result<Vec<(String, String)>> {
    use value::{object, opt_text, rid, text};
    let now = time::OffsetDateTime::now_utc();
    let expires = now + time::Duration::hours(crate::services::password::SETUP_LINK_HOURS);
    let expires = value::datetime(&expires.format(&time::format_description::well_known::Rfc3339)?)?;
    let since = value::datetime(&now.format(&time::format_description::well_known::Rfc3339)?)?;
    let mut links = Vec::new();
    for e in people {
        let a = &e.after;
        let position = position_of(a, known, w);
        let rank_since = a.rank_since.map(date_value).transpose()?.unwrap_or(Value::None);
        match &e.before {
            None => {
                let nip = Nip::parse(&e.nip).map_err(|err| anyhow::anyhow!("planned NIP {}: {err}", e.nip))?;
                w.employees.push(object(vec![
                    ("id", rid("employee", &e.nip)),
                    ("nip", text(&e.nip)),
                    ("name", text(&a.name)),
                    ("email", opt_text(a.email.as_deref())),
                    ("rank", text(&a.rank)),
                    ("gender", text(nip.gender().code())),
                    ("birth_date", date_value(nip.birth_date())?),
                    ("service_start", date_value(nip.service_start())?),
                    ("rank_since", rank_since),
                    ("unit", rid("unit", &a.unit)),
                    ("position", position),
                    ("active", Value::Bool(a.active)),
                    ("education", opt_text(a.education.as_deref())),
                ]));
                w.accounts.push(object(vec![
                    ("id", rid("account", &e.nip)),
                    ("employee", rid("employee", &e.nip)),
                    ("password_hash", text(ctx.hash)),
                    ("roles", Value::from_t(Vec::<String>::new())),
                    ("active", Value::Bool(true)),
                ]));
                let token = new_token();
                w.links.push(object(vec![
                    ("id", rid("credential_link", &session_id(&ctx.rt.session_secret, &token))),
                    ("account", rid("account", &e.nip)),
                    ("purpose", text("setup")),
                    ("expires", expires.clone()),
                    ("created_by", text(ctx.actor)),
                ]));
                links.push((e.nip.clone(), token));
                w.audits.push(ctx.audit("employee.create", format!("employee:{}", e.nip), None, state_json(a)));
            }
            Some(b) => {
                w.employee_updates.push(object(vec![
                    ("id", rid("employee", &e.nip)),
                    ("name", text(&a.name)),
                    ("email", opt_text(a.email.as_deref())),
                    ("rank", text(&a.rank)),
                    ("position", position),
                    ("unit", rid("unit", &a.unit)),
                    ("education", opt_text(a.education.as_deref())),
                    ("rank_since", rank_since),
                    ("active", Value::Bool(a.active)),
                ]));
                if b.supervisor != a.supervisor {
                    w.lines_ending.push(rid("employee", &e.nip));
                }
                let action = if e.kind == ChangeKind::Moved { "employee.move" } else { "employee.update" };
                w.audits.push(ctx.audit(action, format!("employee:{}", e.nip), Some(state_json(b)), state_json(a)));
            }
        }
        if let Some(sup) = &a.supervisor
            && e.before.as_ref().map(|b| &b.supervisor) != Some(&a.supervisor)
        {
            w.lines.push(object(vec![
                ("in", rid("employee", &e.nip)),
                ("out", rid("employee", sup)),
                ("since", since.clone()),
            ]));
        }
    }
    Ok(links)
}

/// The set-up links of an applied import, for the person who applied it: `(nip, name, path)`.
pub async fn setup_links(db: &Db, viewer: &Viewer, id: &str) -> Result<Vec<(String, String, String)>, ServiceError> {
    may_import(viewer)?;
    let job = job(db, viewer, id).await?;
    if !job.links_available {
        return Err(ServiceError::NotFound);
    }
    let links = repo::links(db, id).await?;
    let nips: Vec<String> = links.iter().map(|(n, _)| n.clone()).collect();
    let names: HashMap<String, String> =
        crate::repo::org::summaries(db, &nips).await?.into_iter().map(|s| (s.nip, s.name)).collect();
    Ok(links
        .into_iter()
        .map(|(nip, token)| {
            let name = names.get(&nip).cloned().unwrap_or_default();
            (nip, name, crate::services::password::link_path(&token))
        })
        .collect())
}

/// Every error of an import's file (the preview lists the first ones), read again from the stored file.
pub async fn all_errors(db: &Db, viewer: &Viewer, id: &str) -> Result<Vec<RowError>, ServiceError> {
    may_import(viewer)?;
    let job = job(db, viewer, id).await?;
    if job.preview.is_none() {
        return Err(ServiceError::NotFound);
    }
    match plan_job(db, id, Arc::default(), Arc::default()).await? {
        Ok((plan, ..)) => Ok(plan.errors),
        Err(_) => Ok(Vec::new()),
    }
}

/// The import's columns in the order Kinerja writes them (the template and the directory export).
pub const EXPORT_COLUMNS: [Column; 14] = [
    Column::Nip,
    Column::Name,
    Column::Email,
    Column::Rank,
    Column::RankSince,
    Column::Position,
    Column::PositionKind,
    Column::UnitCode,
    Column::Unit,
    Column::ParentUnitCode,
    Column::UnitKind,
    Column::Supervisor,
    Column::Education,
    Column::Status,
];

/// The kind of a position as the export writes it (its stored code reads back exactly).
pub fn kind_label(code: &str) -> String {
    PositionKind::from_code(code).map(|k| k.label().to_string()).unwrap_or_else(|| code.to_string())
}

/// The headers of `columns` in `lang` (both languages' headers are read back by an import).
fn headers(lang: i18n::Lang, columns: &[Column]) -> Vec<String> {
    columns.iter().map(|c| i18n::import_column(lang, *c).to_string()).collect()
}

/// The sheet an export of people is written to.
fn people_sheet(lang: i18n::Lang) -> String {
    match lang {
        i18n::Lang::Id => "Pegawai".into(),
        i18n::Lang::En => "Employees".into(),
    }
}

/// A blank import sheet with Kinerja's headers and one example row.
pub fn template(lang: i18n::Lang) -> anyhow::Result<Vec<u8>> {
    let example: Vec<XCell> = vec![
        "199001012015031001".into(),
        "Siti Rahma, S.E.".into(),
        "siti.rahma@instansi.go.id".into(),
        "III/b".into(),
        XCell::Date(time::macros::date!(2023 - 04 - 01)),
        "Analis SDM Aparatur Ahli Pertama".into(),
        PositionKind::AhliPertama.label().into(),
        "bkpsdm-bidang-1".into(),
        "Bidang Pengembangan Kompetensi".into(),
        "bkpsdm".into(),
        "bidang".into(),
        "198001012005011002".into(),
        "S-1".into(),
        status_label(lang, true).into(),
    ];
    Table { sheet: people_sheet(lang), headers: headers(lang, &EXPORT_COLUMNS), rows: vec![example] }.to_xlsx()
}

fn status_label(lang: i18n::Lang, active: bool) -> &'static str {
    match (lang, active) {
        (i18n::Lang::Id, true) => "Aktif",
        (i18n::Lang::Id, false) => "Nonaktif",
        (i18n::Lang::En, true) => "Active",
        (i18n::Lang::En, false) => "Inactive",
    }
}

/// The directory as one XLSX table. HR gets the whole organisation in the import's columns (every employee,
/// active or not: exporting and importing it again changes nothing); everyone else the directory's columns
/// (NIP, name, position, its type, unit) of active employees, as the directory page shows them.
pub async fn directory(db: &Db, viewer: &Viewer, lang: i18n::Lang) -> Result<Vec<u8>, ServiceError> {
    let (existing, _) = repo::existing(db).await?;
    let units: HashMap<&str, &domain::import::ExistingUnit> =
        existing.units.iter().map(|u| (u.key.as_str(), u)).collect();
    let mut employees: Vec<&domain::import::ExistingEmployee> = existing.employees.iter().collect();
    employees.sort_by(|a, b| (&a.state.unit, &a.state.name, &a.nip).cmp(&(&b.state.unit, &b.state.name, &b.nip)));
    let full = viewer.roles.may_edit_employees();
    let columns: Vec<Column> = if full {
        EXPORT_COLUMNS.to_vec()
    } else {
        vec![Column::Nip, Column::Name, Column::Position, Column::PositionKind, Column::Unit]
    };
    let rows = employees
        .into_iter()
        .filter(|e| full || e.state.active)
        .map(|e| {
            let s = &e.state;
            let unit = units.get(s.unit.as_str());
            columns
                .iter()
                .map(|c| match c {
                    Column::Nip => e.nip.as_str().into(),
                    Column::Name => s.name.as_str().into(),
                    Column::Email => s.email.clone().into(),
                    Column::Rank => s.rank.as_str().into(),
                    Column::RankSince => s.rank_since.map_or(XCell::Empty, XCell::Date),
                    Column::Position => s.position.as_str().into(),
                    Column::PositionKind => kind_label(&s.kind).into(),
                    Column::UnitCode => s.unit.as_str().into(),
                    Column::Unit => unit.map(|u| u.name.clone()).into(),
                    Column::ParentUnitCode => unit.and_then(|u| u.parent.clone()).into(),
                    Column::UnitKind => unit.map(|u| u.kind.clone()).into(),
                    Column::Supervisor => s.supervisor.clone().into(),
                    Column::Education => {
                        s.education.as_deref().and_then(domain::Education::parse).map(|e| e.label().to_string()).into()
                    }
                    Column::Status => status_label(lang, s.active).into(),
                    _ => XCell::Empty,
                })
                .collect()
        })
        .collect();
    let table = Table { sheet: people_sheet(lang), headers: headers(lang, &columns), rows };
    Ok(table.to_xlsx()?)
}
