//! `/dashboard`: the whole organisation at a glance for the head and HR (everyone) and for a supervisor (their
//! subtree), one unit at a time with its child units beside it. Everyone's slow-moving facts (unit, position type,
//! rank, 360° scores and JPM of the latest closed round, talent box) form a base kept per instance while the
//! hierarchy, talent and reference versions hold; what moves by the hour (work-plan states, the chosen period's
//! predikat, round completion, development plans) is read per request; the figures are sums added up unit by unit
//! ([`domain::dashboard::Figures`]).

use crate::db::Db;
use crate::error::ServiceError;
use crate::repo::dashboard as repo;
use crate::repo::skp as skp_repo;
use crate::repo::{feedback as fb_repo, org, report as report_repo, talent as talent_repo};
use crate::services::auth::Viewer;
use crate::services::report::{Reference, reference, summary_of};
use crate::services::talent;
use domain::access::Reach;
use domain::dashboard::{Facts, Figures, LIVE_SECONDS, pools};
use domain::feedback::RoundStatus;
use domain::report as rep;
use domain::skp::{Distribution, OrgPredikat, PeriodState, Predikat};
use domain::talent::CalibrationState;
use domain::training as tr;
use domain::view::{DashboardNeed, DashboardPage, DashboardQuery, DashboardRow, LatePerson, PeriodInfo, TrendPoint};
use domain::{Bilingual, PositionKind, Rank};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Closed years and rounds the trends go back over.
const TREND_POINTS: usize = 5;
/// People listed by name as late (the counts are complete; the round's page and its CSV list every pending rater).
const LATE_LISTED: usize = 50;
/// Training needs listed.
const TOP_NEEDS: usize = 5;

/// Everyone's slow-moving facts, formed under one set of versions.
#[derive(Debug, Default)]
pub struct Base {
    /// Active people: NIP, unit, position type, rank.
    pub people: Vec<(String, String, Option<PositionKind>, Option<Rank>)>,
    /// Units: key → (name, parent, place in the org tree's order).
    pub units: HashMap<String, (String, Option<String>, usize)>,
    /// The latest closed round: key and name; its competencies (code, name).
    pub round: Option<(String, String)>,
    pub competencies: Vec<(String, Bilingual)>,
    /// Per person (same order as `people`): the JPM, and per competency the combined score with the required level.
    pub jpm: Vec<Option<f64>>,
    pub scores: Vec<Vec<Option<(f64, u8)>>>,
    /// Per person: the talent box.
    pub boxes: Vec<Option<u8>>,
    /// Per person: has a result in the latest closed round (with scores or not).
    pub in_round: Vec<bool>,
    /// The units in a fixed order, and each person's unit by its place there.
    pub unit_ids: Vec<String>,
    pub unit_of: Vec<Option<usize>>,
    /// Each person's place by NIP.
    pub person_index: HashMap<String, usize>,
    /// Per person: what each training of the catalog would close of their needs ([`tr::person_fits`]), and each
    /// need's gap (required level − score), so that a unit's needs analysis adds numbers up without the needs.
    pub fits: Vec<Vec<(usize, f64)>>,
    pub gaps: Vec<Vec<f64>>,
    /// The JPMs of the last closed rounds (for the trends), per person.
    pub round_jpms: HashMap<String, Vec<Option<f64>>>,
}

/// The base, from the cache while the versions it was formed at hold.
async fn base(db: &Db, reference: &Arc<Reference>) -> Result<Arc<Base>, ServiceError> {
    let versions = talent::base_versions(db).await?;
    let cached = talent::base_read(db, versions, |b| {
        b.dashboard.as_ref().filter(|(r, _)| Arc::ptr_eq(r, reference)).map(|(_, base)| base.clone())
    });
    if let Some(base) = cached {
        return Ok(base);
    }
    let base = Arc::new(form_base(db, reference).await?);
    talent::base_write(db, versions, |b| b.dashboard = Some((reference.clone(), base.clone())));
    Ok(base)
}

async fn form_base(db: &Db, reference: &Arc<Reference>) -> Result<Base, ServiceError> {
    let members = repo::members(db).await?;
    let units: HashMap<String, (String, Option<String>, usize)> = crate::services::org::outline(db)
        .await?
        .iter()
        .enumerate()
        .map(|(i, u)| (u.key.clone(), (u.name.clone(), u.parent.clone(), i)))
        .collect();
    // In NIP order: a unit's people, taken in the base's order, are then listed by NIP without sorting.
    let mut members = members;
    members.sort_by(|a, b| a.nip.cmp(&b.nip));
    let people: Vec<(String, String, Option<PositionKind>, Option<Rank>)> = members
        .into_iter()
        .map(|m| {
            let kind = m.kind.as_deref().and_then(PositionKind::from_code);
            let rank = m.rank.as_deref().and_then(Rank::parse);
            (m.nip, m.unit, kind, rank)
        })
        .collect();
    let index: HashMap<&str, usize> = people.iter().enumerate().map(|(i, p)| (p.0.as_str(), i)).collect();
    let round = reference.closed_rounds.last().map(|(k, n, _)| (k.clone(), n.clone()));
    let mut competencies: Vec<(String, Bilingual)> = Vec::new();
    let mut jpm = vec![None; people.len()];
    let mut scores: Vec<Vec<Option<(f64, u8)>>> = vec![Vec::new(); people.len()];
    let mut in_round = vec![false; people.len()];
    if let Some((key, _)) = &round {
        let all_names: HashMap<String, Bilingual> =
            crate::services::training::competency_names(db).await?.into_iter().collect();
        let mut codes: HashMap<String, usize> = HashMap::new();
        let weights = reference.settings.weights;
        for (nip, json) in report_repo::round_summaries(db, key).await? {
            let Some(&i) = index.get(nip.as_str()) else { continue };
            in_round[i] = true;
            let rows = summary_of(db, key, &nip, json.as_deref()).await?;
            jpm[i] = talent::jpm_of(&rows, &reference.settings);
            for r in &rows {
                let c = *codes.entry(r.code.clone()).or_insert_with(|| {
                    let name = all_names.get(&r.code).cloned().unwrap_or_else(|| Bilingual::new(r.code.clone(), ""));
                    competencies.push((r.code.clone(), name));
                    competencies.len() - 1
                });
                if scores[i].len() <= c {
                    scores[i].resize(c + 1, None);
                }
                scores[i][c] = r.combined(&weights).map(|s| (s, r.required));
            }
        }
        // The dictionary's order (M.01 … then the rest), whatever order results came in.
        let mut order: Vec<usize> = (0..competencies.len()).collect();
        order.sort_by(|a, b| competencies[*a].0.cmp(&competencies[*b].0));
        let position: Vec<usize> = {
            let mut p = vec![0; order.len()];
            for (new, old) in order.iter().enumerate() {
                p[*old] = new;
            }
            p
        };
        competencies = order.iter().map(|i| competencies[*i].clone()).collect();
        for s in &mut scores {
            let mut sorted = vec![None; competencies.len()];
            for (old, v) in s.iter().enumerate() {
                sorted[position[old]] = *v;
            }
            *s = sorted;
        }
    }
    let everyone: HashSet<String> = people.iter().map(|p| p.0.clone()).collect();
    let inputs = talent::talent_inputs(db, &everyone, 0, None, None).await?;
    let boxes = people.iter().map(|p| inputs.placement(&p.0).ok().map(|p| p.number)).collect();
    let unit_ids: Vec<String> = {
        let mut ids: Vec<String> = units.keys().cloned().collect();
        ids.sort();
        ids
    };
    let unit_index: HashMap<&str, usize> = unit_ids.iter().enumerate().map(|(i, u)| (u.as_str(), i)).collect();
    let unit_of = people.iter().map(|p| unit_index.get(p.1.as_str()).copied()).collect();
    let person_index: HashMap<String, usize> = people.iter().enumerate().map(|(i, p)| (p.0.clone(), i)).collect();
    let catalog: Vec<tr::TrainingFit> = reference.catalog.iter().map(|t| t.fit()).collect();
    let (mut fits, mut gaps) = (Vec::with_capacity(people.len()), Vec::with_capacity(people.len()));
    for person_scores in &scores {
        let needs = person_needs(&competencies, person_scores);
        fits.push(tr::person_fits(&needs, &catalog));
        gaps.push(needs.iter().map(|n| f64::from(n.required) - n.score).collect());
    }
    let mut round_jpms = HashMap::new();
    let rounds = &reference.closed_rounds;
    for (key, _, _) in rounds.iter().skip(rounds.len().saturating_sub(TREND_POINTS)) {
        let by_nip = talent::round_jpms(db, reference, key, None).await?;
        round_jpms.insert(key.clone(), people.iter().map(|p| by_nip.get(&p.0).copied()).collect());
    }
    Ok(Base {
        people,
        units,
        round,
        competencies,
        jpm,
        scores,
        boxes,
        in_round,
        unit_ids,
        unit_of,
        person_index,
        fits,
        gaps,
        round_jpms,
    })
}

/// The competency needs (gaps below the required level) of everyone active with a result in the latest closed round,
/// or of the people in `scope`: from the base, so that a large agency's analysis decodes no result per request.
pub(crate) async fn people_needs(db: &Db, scope: Option<&HashSet<String>>) -> Result<Vec<Vec<tr::Need>>, ServiceError> {
    let reference = reference(db).await?;
    let base = base(db, &reference).await?;
    Ok((0..base.people.len())
        .filter(|i| scope.is_none_or(|s| s.contains(&base.people[*i].0)))
        .filter(|i| base.in_round[*i])
        .map(|i| needs_of(&base, i))
        .collect())
}

/// One person's needs from their scores in the base.
fn needs_of(base: &Base, i: usize) -> Vec<tr::Need> {
    person_needs(&base.competencies, &base.scores[i])
}

/// The needs of someone with `scores` (per competency of `competencies`: the combined score and required level).
fn person_needs(competencies: &[(String, Bilingual)], scores: &[Option<(f64, u8)>]) -> Vec<tr::Need> {
    let levels: Vec<(String, Option<f64>, u8)> = scores
        .iter()
        .zip(competencies)
        .filter_map(|(s, (code, _))| s.map(|(v, req)| (code.clone(), Some(v), req)))
        .collect();
    tr::needs(&levels)
}

/// The periods of the last years that were opened, newest first.
async fn recent_periods(db: &Db) -> anyhow::Result<Arc<Vec<PeriodInfo>>> {
    let now = crate::services::skp::today().year();
    // Periods' states and new periods move the talent version (schema V18).
    let versions = talent::base_versions(db).await?;
    if let Some(kept) = talent::base_read(db, versions, |b| b.periods.clone().filter(|(y, _)| *y == now)) {
        return Ok(kept.1);
    }
    let mut out = Vec::new();
    for year in (now - 3..=now + 1).rev() {
        let mut periods: Vec<PeriodInfo> =
            skp_repo::periods(db, year).await?.into_iter().filter(|p| p.state != PeriodState::Planned).collect();
        periods.sort_by_key(|p| std::cmp::Reverse(p.number));
        out.extend(periods);
    }
    let out = Arc::new(out);
    talent::base_write(db, versions, |b| b.periods = Some((now, out.clone())));
    Ok(out)
}

/// A page kept with the base it was computed on.
pub type KeptPage = (Arc<Base>, Arc<DashboardPage>);

/// What the dashboard reads that moves by the hour: work-plan states of the year, the predikat of an open period,
/// each rater's assessments in the round followed, development-plan progress. Reading them is a pass over the
/// year's plans, the round's assignments and every plan item, so they are kept for [`LIVE_SECONDS`] per instance
/// and the page says when they were read.
#[derive(Debug, Default)]
pub struct Live {
    pub statuses: HashMap<String, domain::skp::SkpStatus>,
    /// An open period's predikat (`None` for a closed one, which the talent base keeps).
    pub predikats: Option<Arc<HashMap<String, Predikat>>>,
    pub raters: HashMap<String, (u32, u32)>,
    pub plans: HashMap<String, (u32, u32)>,
    /// When they were read (UTC, `HH:MM:SS`).
    pub read_at: String,
    /// Pages computed from these figures for HR and the head (who see the same everywhere), by their query and the
    /// base they were computed on: gone with these figures.
    pub pages: std::sync::Mutex<HashMap<String, KeptPage>>,
    /// A task is reading newer figures.
    pub refreshing: std::sync::atomic::AtomicBool,
    /// The agency's figures added up the unit tree from these live figures, for viewers who see everyone, with the
    /// base they were computed on: the same for every unit opened, so a unit's first visit only reads its rows.
    pub rollup: std::sync::Mutex<Option<(Arc<Base>, Arc<Rollup>)>>,
}

/// Everyone's figures added up the unit tree (see [`Live::rollup`]): each unit's own people's, everything below
/// each unit, the whole agency, and the unit each unit's people's 360° results are counted at (by unit index).
#[derive(Debug)]
pub struct Rollup {
    own: HashMap<String, Figures>,
    own_raw: HashMap<String, u32>,
    rolled: HashMap<String, Figures>,
    rolled_raw: HashMap<String, u32>,
    agency: Figures,
    agency_raw: u32,
    results_pool: Vec<Option<usize>>,
}

/// The live figures for a period and round: the kept ones while fresh; once older than [`LIVE_SECONDS`], still the
/// kept ones while one task reads them afresh in the background (so no request waits for that pass), unless they
/// are older than [`LIVE_STALE_AT_MOST`] or none are kept, when the request reads them itself.
async fn live(db: &Db, period: Option<&PeriodInfo>, year: i32, round: Option<&str>) -> anyhow::Result<Arc<Live>> {
    let key = (year, period.map(|p| p.number).unwrap_or(0), round.unwrap_or_default().to_string());
    let kept = db.dashboard_live_cache().read().ok().and_then(|c| c.get(&key).cloned());
    if let Some((at, live)) = kept {
        let age = at.elapsed();
        if age < std::time::Duration::from_secs(LIVE_SECONDS) {
            return Ok(live);
        }
        if age < LIVE_STALE_AT_MOST {
            if !live.refreshing.swap(true, std::sync::atomic::Ordering::AcqRel) {
                let (db, period, round) = (db.clone(), period.cloned(), round.map(str::to_string));
                tokio::spawn(async move {
                    if let Err(e) = read_live(&db, period.as_ref(), year, round.as_deref()).await {
                        tracing::warn!(error = ?e, "reading the dashboard's live figures");
                    }
                });
            }
            return Ok(live);
        }
    }
    read_live(db, period, year, round).await
}

/// The longest the dashboard serves live figures while newer ones are being read.
const LIVE_STALE_AT_MOST: std::time::Duration = std::time::Duration::from_secs(600);

/// Reads the live figures afresh and keeps them.
async fn read_live(db: &Db, period: Option<&PeriodInfo>, year: i32, round: Option<&str>) -> anyhow::Result<Arc<Live>> {
    let key = (year, period.map(|p| p.number).unwrap_or(0), round.unwrap_or_default().to_string());
    let started = std::time::Instant::now();
    let predikats = match period {
        Some(p) if p.state != PeriodState::Closed => {
            Some(Arc::new(skp_repo::period_predikats(db, p.year, p.number).await?.into_iter().collect()))
        }
        _ => None,
    };
    let statuses = repo::plan_statuses(db, year).await?;
    let plans_at = started.elapsed();
    let raters = match round {
        Some(key) => repo::rater_counts(db, key).await?,
        None => HashMap::new(),
    };
    let raters_at = started.elapsed();
    let plans = repo::plan_progress(db).await?;
    tracing::debug!(
        plans_ms = plans_at.as_millis() as u64,
        raters_ms = (raters_at - plans_at).as_millis() as u64,
        development_ms = (started.elapsed() - raters_at).as_millis() as u64,
        "dashboard live figures read"
    );
    let now = time::OffsetDateTime::now_utc();
    let live = Arc::new(Live {
        statuses,
        predikats,
        raters,
        plans,
        read_at: format!("{:02}:{:02}:{:02}", now.hour(), now.minute(), now.second()),
        pages: Default::default(),
        refreshing: Default::default(),
        rollup: Default::default(),
    });
    if let Ok(mut cache) = db.dashboard_live_cache().write() {
        cache.retain(|_, (at, _)| at.elapsed() < LIVE_STALE_AT_MOST);
        cache.insert(key, (started, live.clone()));
    }
    Ok(live)
}

/// Drops the live figures kept on this instance (as [`LIVE_SECONDS`] passing would).
pub fn forget_live(db: &Db) {
    if let Ok(mut cache) = db.dashboard_live_cache().write() {
        cache.clear();
    }
}

/// Drops the pages kept with the live figures, keeping the figures and their roll-up: the next call of each page is
/// its first visit while the live figures are current (what the benchmark measures).
pub fn forget_pages(db: &Db) {
    if let Ok(cache) = db.dashboard_live_cache().read() {
        for (_, live) in cache.values() {
            if let Ok(mut pages) = live.pages.lock() {
                pages.clear();
            }
        }
    }
}

/// The round whose completion is followed: the newest open (or closing) round, else the newest closed one.
async fn followed_round(db: &Db) -> anyhow::Result<Option<(String, String)>> {
    let rounds = fb_repo::rounds(db).await?;
    let live = rounds
        .iter()
        .filter(|r| matches!(r.status, RoundStatus::Open | RoundStatus::Closing))
        .max_by(|a, b| a.opens.cmp(&b.opens));
    let closed =
        rounds.iter().filter(|r| r.status == RoundStatus::Closed).max_by(|a, b| a.period_end.cmp(&b.period_end));
    Ok(live.or(closed).map(|r| (r.key.clone(), r.name.clone())))
}

/// The unit tree of the base: children by parent (`None`: the top).
fn children_of(base: &Base) -> HashMap<Option<&str>, Vec<&str>> {
    let mut out: HashMap<Option<&str>, Vec<&str>> = HashMap::new();
    for (k, (_, parent, _)) in &base.units {
        let parent = parent.as_deref().filter(|p| base.units.contains_key(*p));
        out.entry(parent).or_default().push(k.as_str());
    }
    for v in out.values_mut() {
        v.sort_by(|a, b| (base.units[*a].2, &base.units[*a].0, a).cmp(&(base.units[*b].2, &base.units[*b].0, b)));
    }
    out
}

/// The units from the top down to `unit` (inclusive).
fn ancestry<'a>(base: &'a Base, unit: &'a str) -> Vec<&'a str> {
    let mut out = vec![unit];
    let mut at = unit;
    while let Some(Some(p)) = base.units.get(at).map(|(_, p, _)| p.as_deref()) {
        if out.contains(&p) || !base.units.contains_key(p) {
            break;
        }
        out.push(p);
        at = p;
    }
    out.reverse();
    out
}

/// A unit's figures with everything below it added (kept in `out` for every unit on the way).
fn roll_up<'a, T: Clone>(
    unit: &'a str,
    children: &HashMap<Option<&'a str>, Vec<&'a str>>,
    own: &HashMap<&'a str, T>,
    out: &mut HashMap<&'a str, T>,
    zero: &T,
    add: &dyn Fn(&mut T, &T),
) -> T {
    let mut f = own.get(unit).cloned().unwrap_or_else(|| zero.clone());
    // Marked before going down, so that a (corrupt) loop of units ends.
    out.insert(unit, zero.clone());
    for c in children.get(&Some(unit)).map(Vec::as_slice).unwrap_or_default() {
        if !out.contains_key(c) {
            let sub = roll_up(c, children, own, out, zero, add);
            add(&mut f, &sub);
        }
    }
    out.insert(unit, f.clone());
    f
}

/// `/dashboard?unit=&period=&measure=`.
pub async fn dashboard_page(db: &Db, viewer: &Viewer, query: &DashboardQuery) -> Result<DashboardPage, ServiceError> {
    let scope = crate::access::scope(db, viewer).await?;
    if scope.reach() == Reach::Own {
        return Err(ServiceError::Forbidden);
    }
    let reference = reference(db).await?;
    let base = base(db, &reference).await?;
    let children = children_of(&base);

    // Who is in scope, and the top of the viewer's part of the unit tree.
    let in_scope: Vec<usize> = match scope.people() {
        None => (0..base.people.len()).collect(),
        Some(set) => {
            let mut found: Vec<usize> = set.iter().filter_map(|n| base.person_index.get(n).copied()).collect();
            found.sort_unstable();
            found
        }
    };
    let everyone = scope.reach() == Reach::Everyone;
    let top: Option<String> = if everyone {
        // An agency under one top unit starts there.
        match children.get(&None).map(Vec::as_slice) {
            Some([only]) => Some(only.to_string()),
            _ => None,
        }
    } else {
        // The deepest unit that holds everyone in the viewer's subtree.
        let mut common: Option<Vec<&str>> = None;
        for i in &in_scope {
            let path = ancestry(&base, &base.people[*i].1);
            common = Some(match common {
                None => path,
                Some(c) => c.into_iter().zip(path).take_while(|(a, b)| a == b).map(|(a, _)| a).collect(),
            });
        }
        common.and_then(|c| c.last().map(|u| u.to_string()))
    };
    let selected: Option<String> = match query.unit.as_deref().filter(|u| !u.is_empty()) {
        None => top.clone(),
        Some(u) => {
            if !base.units.contains_key(u) {
                return Err(ServiceError::NotFound);
            }
            if let Some(t) = &top
                && !ancestry(&base, u).contains(&t.as_str())
            {
                return Err(ServiceError::Forbidden);
            }
            if !everyone && top.is_none() {
                return Err(ServiceError::Forbidden);
            }
            Some(u.to_string())
        }
    };

    // The period, and what moves by the hour.
    let periods = recent_periods(db).await?;
    let period = match (query.year, query.period) {
        (Some(y), Some(n)) => {
            Some(periods.iter().find(|p| p.year == y && p.number == n).cloned().ok_or(ServiceError::NotFound)?)
        }
        _ => periods.iter().find(|p| p.state == PeriodState::Closed).or(periods.first()).cloned(),
    };
    let year = period.as_ref().map(|p| p.year).unwrap_or_else(|| crate::services::skp::today().year());
    let predikats: Arc<HashMap<String, Predikat>> = match &period {
        Some(p) if p.state == PeriodState::Closed => talent::closed_period_predikats(db, p.year, p.number).await?,
        _ => Arc::default(),
    };
    let followed = followed_round(db).await?;
    let live = live(db, period.as_ref(), year, followed.as_ref().map(|(k, _)| k.as_str())).await?;
    // HR and the head see the same page for the same query: kept with the live figures it was computed from.
    // (The base itself is kept with the page: comparing it by address alone could match a newer base at a reused one.)
    let page_key = format!("{query:?}");
    if everyone
        && let Ok(pages) = live.pages.lock()
        && let Some((at, page)) = pages.get(&page_key)
        && Arc::ptr_eq(at, &base)
    {
        return Ok((**page).clone());
    }
    let (statuses, raters, plans) = (&live.statuses, &live.raters, &live.plans);
    let predikats = live.predikats.clone().unwrap_or(predikats);
    let bands = reference.settings.jpm.bands(reference.settings.jpm.profile);

    // Each person's facts, added into their own unit's figures; then the units' figures added up the tree.
    let n_comp = base.competencies.len();
    let facts_of = |i: usize| -> Facts {
        let (nip, _, kind, rank) = &base.people[i];
        Facts {
            kind: *kind,
            rank: *rank,
            skp: statuses.get(nip).copied(),
            predikat: predikats.get(nip).copied(),
            assessments: raters.get(nip).copied().unwrap_or((0, 0)),
            jpm: base.jpm[i].map(|j| (j, rep::band(j, bands))),
            scores: base.scores[i].iter().map(|s| s.map(|(v, req)| (v, v < f64::from(req)))).collect(),
            talent_box: base.boxes[i],
            plan: plans.get(nip).copied().unwrap_or((0, 0)),
        }
    };
    // Where each unit's people's 360° results are counted: merged upward where too few to show on their own, so
    // that no figure, nor any figure minus those below it, covers fewer than the threshold.
    let ids: Vec<&str> = base.unit_ids.iter().map(String::as_str).collect();
    let idx: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, u)| (*u, i)).collect();
    let parent: Vec<Option<usize>> = ids
        .iter()
        .map(|u| {
            if top.as_deref() == Some(*u) {
                return None;
            }
            base.units[*u].1.as_deref().and_then(|p| idx.get(p).copied())
        })
        .collect();
    // Each person's unit (by index), and per part of the 360° figures (having results at all, the JPM, each
    // competency's score) the unit each unit's people are counted at.
    let unit_of = &base.unit_of;
    let anchor = |pooled: &[Option<usize>], i: usize| unit_of[i].and_then(|u| pooled[u]);
    let has_results = |i: usize| base.jpm[i].is_some() || base.scores[i].iter().any(Option::is_some);
    // Viewers who see everyone share one roll-up per base and live figures; a supervisor's is their own.
    let pooled_by = |has: &dyn Fn(usize) -> bool| -> Vec<Option<usize>> {
        let mut direct = vec![0u32; ids.len()];
        for i in in_scope.iter().filter(|i| has(**i)) {
            if let Some(u) = unit_of[*i] {
                direct[u] += 1;
            }
        }
        pools(&parent, &direct)
    };
    let kept = everyone
        .then(|| {
            live.rollup
                .lock()
                .ok()
                .and_then(|r| r.as_ref().filter(|(b, _)| Arc::ptr_eq(b, &base)).map(|(_, r)| r.clone()))
        })
        .flatten();
    let rollup: Arc<Rollup> = match kept {
        Some(rollup) => rollup,
        None => {
            let results_pool = pooled_by(&has_results);
            let jpm_pool = pooled_by(&|i| base.jpm[i].is_some());
            let score_pools: Vec<Vec<Option<usize>>> =
                (0..n_comp).map(|c| pooled_by(&|i| base.scores[i].get(c).is_some_and(Option::is_some))).collect();
            let mut own_by: Vec<Option<Figures>> = vec![None; ids.len()];
            let mut raw_by: Vec<u32> = vec![0; ids.len()];
            for i in &in_scope {
                let Some(u) = unit_of[*i] else { continue };
                let f = facts_of(*i);
                own_by[u].get_or_insert_with(|| Figures::new(n_comp)).add_counts(&f);
                if has_results(*i) {
                    raw_by[u] += 1;
                }
                if let Some(a) = anchor(&results_pool, *i) {
                    own_by[a].get_or_insert_with(|| Figures::new(n_comp)).results += 1;
                }
                if let (Some(a), Some((jpm, band))) = (anchor(&jpm_pool, *i), f.jpm) {
                    own_by[a].get_or_insert_with(|| Figures::new(n_comp)).add_jpm(jpm, band);
                }
                for (c, score) in f.scores.iter().enumerate() {
                    if let (Some((v, below)), Some(a)) = (score, score_pools.get(c).and_then(|p| anchor(p, *i))) {
                        own_by[a].get_or_insert_with(|| Figures::new(n_comp)).add_score(c, *v, *below);
                    }
                }
            }
            let own: HashMap<&str, Figures> =
                own_by.into_iter().enumerate().filter_map(|(u, f)| f.map(|f| (ids[u], f))).collect();
            let own_raw: HashMap<&str, u32> =
                raw_by.into_iter().enumerate().filter(|(_, n)| *n > 0).map(|(u, n)| (ids[u], n)).collect();
            let mut rolled: HashMap<&str, Figures> = HashMap::new();
            let mut rolled_raw: HashMap<&str, u32> = HashMap::new();
            let mut agency = Figures::new(n_comp);
            let mut agency_raw = 0;
            for t in children.get(&None).map(Vec::as_slice).unwrap_or_default() {
                agency.merge(&roll_up(t, &children, &own, &mut rolled, &Figures::new(n_comp), &|a, b| a.merge(b)));
                agency_raw += roll_up(t, &children, &own_raw, &mut rolled_raw, &0, &|a, b| *a += b);
            }
            let owned = |m: HashMap<&str, Figures>| m.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
            let owned_raw = |m: HashMap<&str, u32>| m.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
            let rollup = Arc::new(Rollup {
                own: owned(own),
                own_raw: owned_raw(own_raw),
                rolled: owned(rolled),
                rolled_raw: owned_raw(rolled_raw),
                agency,
                agency_raw,
                results_pool,
            });
            if everyone && let Ok(mut slot) = live.rollup.lock() {
                *slot = Some((base.clone(), rollup.clone()));
            }
            rollup
        }
    };
    let Rollup { own, own_raw, rolled, rolled_raw, agency, agency_raw, results_pool } = &*rollup;

    // The breakdown of a unit (or the agency): its child units with people in scope, and those placed directly in
    // it; each with the people who have 360° results there (counted there or not).
    let breakdown = |unit: Option<&str>| -> Vec<(Option<String>, String, Figures, u32)> {
        let mut rows: Vec<(Option<String>, String, Figures, u32)> = children
            .get(&unit)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|c| {
                rolled.get(*c).filter(|f| f.people > 0).map(|f| {
                    let raw = rolled_raw.get(*c).copied().unwrap_or(0);
                    (Some(c.to_string()), base.units[*c].0.clone(), f.clone(), raw)
                })
            })
            .collect();
        if let Some(u) = unit
            && let Some(f) = own.get(u).filter(|f| f.people > 0 || f.results > 0)
        {
            rows.push((None, String::new(), f.clone(), own_raw.get(u).copied().unwrap_or(0)));
        }
        rows
    };
    let whole_of = |unit: Option<&str>| -> (Figures, u32) {
        match unit {
            None => (agency.clone(), *agency_raw),
            Some(u) => (
                rolled.get(u).cloned().unwrap_or_else(|| Figures::new(n_comp)),
                rolled_raw.get(u).copied().unwrap_or(0),
            ),
        }
    };
    let path: Vec<&str> = match &selected {
        None => Vec::new(),
        Some(u) => {
            let full = ancestry(&base, u);
            let from = top.as_deref().and_then(|t| full.iter().position(|x| *x == t)).unwrap_or(0);
            full[from..].to_vec()
        }
    };
    let shown = selected.as_deref();
    let rows = breakdown(shown);

    // The curve each row follows: its own organisational predikat or the nearest above.
    let orgs: HashMap<String, OrgPredikat> = match &period {
        Some(p) => skp_repo::org_predikats(db, p.year)
            .await?
            .into_iter()
            .filter(|(_, n, _)| *n == p.number)
            .map(|(u, _, o)| (u, o))
            .collect(),
        None => HashMap::new(),
    };
    let org_of =
        |unit: Option<&str>| unit.and_then(|u| ancestry(&base, u).iter().rev().find_map(|a| orgs.get(*a).copied()));
    let make_row = |unit: Option<String>, name: String, figures: Figures, raw: u32, org: Option<OrgPredikat>| {
        let d = Distribution::of(
            Predikat::ALL.iter().zip(&figures.predikat).flat_map(|(p, n)| std::iter::repeat_n(*p, *n as usize)),
        );
        let breaches =
            org.map(|o| domain::skp::check(o, &d).into_iter().map(|b| b.rule.into()).collect()).unwrap_or_default();
        DashboardRow {
            withheld: figures.results == 0 && raw > 0,
            not_counted: raw.saturating_sub(figures.results),
            merged_in: figures.results.saturating_sub(raw),
            unit,
            name,
            figures,
            org,
            breaches,
        }
    };
    let (total_figures, total_raw) = whole_of(shown);
    let total = make_row(shown.map(str::to_string), String::new(), total_figures, total_raw, org_of(shown));
    let whole_withheld = total.withheld;
    let rows: Vec<DashboardRow> = rows
        .into_iter()
        .map(|(unit, name, f, raw)| {
            let org = org_of(unit.as_deref().or(shown));
            make_row(unit, name, f, raw, org)
        })
        .collect();

    // The people of the unit shown: lateness, training needs, trends. `inside` marks the units (by index) of the
    // unit shown and everything below it.
    let inside: Vec<bool> = match shown {
        None => vec![true; ids.len()],
        Some(u) => {
            let mut marks = vec![false; ids.len()];
            let mut stack = vec![u];
            while let Some(x) = stack.pop() {
                if let Some(&k) = idx.get(x) {
                    if marks[k] {
                        continue;
                    }
                    marks[k] = true;
                }
                stack.extend(children.get(&Some(x)).map(Vec::as_slice).unwrap_or_default());
            }
            marks
        }
    };
    let inside_unit = |u: &str| idx.get(u).is_some_and(|k| inside[*k]);
    // In NIP order (the base's order), so that the first of each list are the ones listed.
    let selection: Vec<usize> =
        in_scope.iter().copied().filter(|i| shown.is_none() || unit_of[*i].is_some_and(|u| inside[u])).collect();
    let approved = domain::skp::SkpStatus::Approved;
    let plan_late = |i: &usize| statuses.get(&base.people[*i].0) != Some(&approved);
    let late_plans_count = selection.iter().filter(|i| plan_late(i)).count() as u32;
    let late_plans: Vec<(usize, String)> = selection
        .iter()
        .filter(|i| plan_late(i))
        .take(LATE_LISTED)
        .map(|i| (*i, statuses.get(&base.people[*i].0).map(|s| s.code().to_string()).unwrap_or_default()))
        .collect();
    let rater_late = |i: &usize| {
        let (done, all) = raters.get(&base.people[*i].0).copied().unwrap_or((0, 0));
        (done < all).then_some((done, all))
    };
    let late_raters_count = selection.iter().filter(|i| rater_late(i).is_some()).count() as u32;
    let followed_open = followed.as_ref().is_some_and(|(k, _)| reference.closed_rounds.iter().all(|(c, _, _)| c != k));
    let late_raters: Vec<(usize, String)> = if followed_open {
        selection
            .iter()
            .filter_map(|i| rater_late(i).map(|(done, all)| (*i, format!("{}/{}", all - done, all))))
            .take(LATE_LISTED)
            .collect()
    } else {
        Vec::new()
    };
    let listed: Vec<String> =
        late_plans.iter().chain(late_raters.iter()).map(|(i, _)| base.people[*i].0.clone()).collect();
    let summaries: HashMap<String, domain::view::EmployeeSummary> =
        org::summaries(db, &listed).await?.into_iter().map(|s| (s.nip.clone(), s)).collect();
    let late = |list: Vec<(usize, String)>| -> Vec<LatePerson> {
        let mut out: Vec<LatePerson> = list
            .into_iter()
            .map(|(i, detail)| {
                let nip = base.people[i].0.clone();
                let s = summaries.get(&nip);
                LatePerson {
                    name: s.map(|s| s.name.clone()).unwrap_or_else(|| nip.clone()),
                    unit_name: s.map(|s| s.unit_name.clone()).unwrap_or_default(),
                    nip,
                    detail,
                }
            })
            .collect();
        out.sort_by(|a, b| (&a.unit_name, &a.name).cmp(&(&b.unit_name, &b.name)));
        out
    };

    // Training needs: what the needs analysis finds for the same people (withheld with their 360° figures).
    let mut needs: Vec<DashboardNeed> = Vec::new();
    let mut people_with_gaps = 0;
    let mut total_gap = 0.0;
    if !whole_withheld {
        let with_needs: Vec<usize> = selection
            .iter()
            .copied()
            .filter(|i| anchor(results_pool, *i).is_some_and(|a| inside[a]))
            .filter(|i| !base.gaps[*i].is_empty())
            .collect();
        people_with_gaps = with_needs.len() as u32;
        total_gap = rep::round3(with_needs.iter().flat_map(|i| base.gaps[*i].iter()).sum());
        let fits: Vec<tr::TrainingFit> = reference.catalog.iter().map(|t| t.fit()).collect();
        let titles: HashMap<&str, &Bilingual> = reference.catalog.iter().map(|t| (t.key.as_str(), &t.title)).collect();
        needs = tr::needs_rows(with_needs.iter().map(|i| base.fits[*i].as_slice()), &fits)
            .into_iter()
            .filter(|r| r.people > 0)
            .take(TOP_NEEDS)
            .map(|r| {
                let title = titles
                    .get(r.training.as_str())
                    .map(|t| (*t).clone())
                    .unwrap_or_else(|| Bilingual::new(r.training.clone(), ""));
                (r.training, title, r.people, rep::round3(r.gap_closed), r.cost)
            })
            .collect();
    }

    // Objections not yet decided and open calibrations, within the unit shown.
    let selected_nips: HashSet<&str> = selection.iter().map(|i| base.people[*i].0.as_str()).collect();
    let open_objections =
        repo::open_objections(db).await?.iter().filter(|n| selected_nips.contains(n.as_str())).count() as u32;
    let open_calibrations: Vec<(String, String, i32)> = if everyone {
        talent_repo::calibrations(db)
            .await?
            .into_iter()
            .filter(|c| c.state == CalibrationState::Open && (shown.is_none() || inside_unit(c.unit.as_str())))
            .map(|c| (c.id, c.unit_name, c.year))
            .collect()
    } else {
        Vec::new()
    };

    // Trends: closed years' final predikat and closed rounds' JPM, for the people now in the unit shown.
    let mut trend_years = Vec::new();
    for (y, map) in talent::closed_years(db, TREND_POINTS as u8, None).await?.into_iter().rev() {
        let mut f = Figures::new(0);
        for i in &selection {
            if let Some(p) = map.get(&base.people[*i].0) {
                f.predikat[Predikat::ALL.iter().position(|x| x == p).unwrap_or(0)] += 1;
            }
        }
        trend_years.push(TrendPoint {
            label: y.to_string(),
            rated: f.rated(),
            good_percent: f.good_percent().map(rep::round3),
            jpm_people: 0,
            jpm_mean: None,
            meeting_percent: None,
            withheld: false,
        });
    }
    let mut trend_rounds = Vec::new();
    let rounds = &reference.closed_rounds;
    for (key, name, _) in rounds.iter().skip(rounds.len().saturating_sub(TREND_POINTS)) {
        let Some(jpms) = base.round_jpms.get(key) else { continue };
        let counted = pooled_by(&|i| jpms[i].is_some());
        let mut f = Figures::new(0);
        let mut raw = 0;
        for i in &selection {
            if let Some(j) = &jpms[*i] {
                raw += 1;
                if anchor(&counted, *i).is_some_and(|a| inside[a]) {
                    f.add(&Facts { jpm: Some((*j, rep::band(*j, bands))), ..Facts::default() });
                }
            }
        }
        let shown_jpm = f.jpm_people > 0;
        trend_rounds.push(TrendPoint {
            label: name.clone(),
            rated: 0,
            good_percent: None,
            jpm_people: if shown_jpm { f.jpm_people } else { 0 },
            jpm_mean: f.jpm_mean().filter(|_| shown_jpm).map(rep::round3),
            meeting_percent: f.meeting_percent().filter(|_| shown_jpm).map(rep::round3),
            withheld: !shown_jpm && raw > 0,
        });
    }

    // The units to choose from: the viewer's part of the tree, each with someone in scope.
    let units: Vec<(String, String, u32)> = {
        let mut out = Vec::new();
        let starts: Vec<&str> = match top.as_deref() {
            None => children.get(&None).cloned().unwrap_or_default(),
            Some(t) => vec![t],
        };
        let mut stack: Vec<(&str, u32)> = starts.into_iter().rev().map(|u| (u, 0)).collect();
        while let Some((u, depth)) = stack.pop() {
            if rolled.get(u).is_none_or(|f| f.people == 0) {
                continue;
            }
            out.push((u.to_string(), base.units[u].0.clone(), depth));
            for c in children.get(&Some(u)).map(Vec::as_slice).unwrap_or_default().iter().rev() {
                stack.push((c, depth + 1));
            }
        }
        out
    };
    let scope_name = if everyone { org::agency_name(db).await? } else { viewer.name.clone() };
    let page = DashboardPage {
        query: DashboardQuery {
            unit: if shown == top.as_deref() { None } else { shown.map(str::to_string) },
            year: period.as_ref().map(|p| p.year),
            period: period.as_ref().map(|p| p.number),
            below: query.below,
        },
        scope_name,
        path: path.iter().map(|u| (u.to_string(), base.units[*u].0.clone())).collect(),
        units,
        periods: periods.to_vec(),
        period,
        round_name: base.round.as_ref().map(|(_, n)| n.clone()),
        followed_round: followed,
        competencies: base.competencies.clone(),
        total,
        rows,
        late_plans: late(late_plans),
        late_plans_count,
        late_raters: late(late_raters),
        late_raters_count: if followed_open { late_raters_count } else { 0 },
        needs,
        people_with_gaps,
        total_gap,
        open_objections,
        open_calibrations,
        trend_years,
        trend_rounds,
        live_at: live.read_at.clone(),
    };
    if everyone && let Ok(mut pages) = live.pages.lock() {
        pages.insert(page_key, (base.clone(), Arc::new(page.clone())));
    }
    Ok(page)
}
