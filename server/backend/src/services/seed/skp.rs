//! Demo work plans (SKP). Last year, as history: quarterly periods and the annual one, all closed; every employee's
//! plan approved by their supervisor, its main results cascaded from the supervisor's; every period rated with a
//! realistic spread of predikat (lenient and strict raters, so that some units end outside their curve);
//! organisational predikat for the top units; and a few objections decided both ways. This year, as work in
//! progress: the quarters that have ended are closed and rated, the current one is open with realisations entered by
//! about half of the people, the later ones and the annual period are planned. The people who walk the cycle in the
//! demo (`atasan` and their team, `pegawai` among them) have no plan this year: they write it themselves.

use super::Rng;
use crate::db::Db;
use crate::repo::seed::{self as repo, NewEval, NewObjection, NewSkp};
use crate::repo::skp as skp_repo;
use anyhow::Context;
use domain::skp::{
    self, Aspect, EVAL_DOC_VERSION, EvalDoc, Indicator, OBJECTION_DOC_VERSION, ObjectionDoc, OrgPredikat, PeriodScheme,
    PeriodState, Rating, Realisation, ResultRow, RowKind, SKP_DOC_VERSION, SkpDoc, Target,
};
use std::collections::{HashMap, HashSet};
use time::Date;

const ACTOR: &str = "seed";

/// How a supervisor tends to rate.
#[derive(Clone, Copy)]
enum Leaning {
    Fair,
    Lenient,
    Strict,
}

fn hash(text: &str, seed: u64) -> u64 {
    seed ^ text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

fn leaning(nip: &str, seed: u64) -> Leaning {
    match Rng(hash(nip, seed)).below(100) {
        0..18 => Leaning::Lenient,
        18..30 => Leaning::Strict,
        _ => Leaning::Fair,
    }
}

/// One rating drawn for a person whose usual level is `level` (0 below, 1 meets, 2 above) under a rater's leaning.
fn draw(rng: &mut Rng, level: u8, leaning: Leaning) -> Rating {
    let roll = rng.below(100);
    let shift: i32 = match leaning {
        Leaning::Lenient if roll < 45 => 1,
        Leaning::Strict if roll < 35 => -1,
        _ if roll < 10 => -1,
        _ if roll >= 94 => 1,
        _ => 0,
    };
    match (i32::from(level) + shift).clamp(0, 2) {
        0 => Rating::Below,
        1 => Rating::Meets,
        _ => Rating::Above,
    }
}

fn rows_for(unit_name: &str, year: i32, supervisor_rows: bool) -> Vec<ResultRow> {
    let indicator = |aspect, text: &str, target| Indicator { aspect, text: text.into(), target };
    vec![
        ResultRow {
            key: "r1".into(),
            kind: RowKind::Utama,
            text: format!("Layanan {unit_name} terselenggara sesuai standar pelayanan"),
            indicators: vec![
                indicator(
                    Aspect::Kuantitas,
                    "Jumlah layanan yang diselesaikan",
                    Target::Number { value: 120.0, unit: "layanan".into() },
                ),
                indicator(Aspect::Kualitas, "Layanan tanpa keluhan", Target::Percent { value: 95.0 }),
            ],
            supports: supervisor_rows.then(|| "r1".into()),
        },
        ResultRow {
            key: "r2".into(),
            kind: RowKind::Utama,
            text: format!("Laporan kinerja {unit_name} tersusun tepat waktu"),
            indicators: vec![indicator(
                Aspect::Waktu,
                "Laporan tahunan disampaikan",
                Target::Date { date: format!("{year}-12-15") },
            )],
            supports: supervisor_rows.then(|| "r2".into()),
        },
        ResultRow {
            key: "r3".into(),
            kind: RowKind::Tambahan,
            text: "Pengetahuan dibagikan kepada rekan kerja".into(),
            indicators: vec![indicator(
                Aspect::Kuantitas,
                "Sesi berbagi pengetahuan",
                Target::Number { value: 2.0, unit: "sesi".into() },
            )],
            supports: None,
        },
    ]
}

/// Closed performance years the demo agency has behind it: two, as the talent matrix and the leadership-programme
/// rules look at the last two.
pub const DEMO_PAST_YEARS: u8 = 2;

const FEEDBACK: [&str; 3] = [
    "Capaian sesuai bukti dukung; pertahankan ketepatan waktu.",
    "Hasil kerja baik, perlu lebih proaktif berkoordinasi dengan unit lain.",
    "Beberapa target belum tercapai; bukti dukung perlu dilengkapi.",
];

/// Seeds the work plans of the last `past_years` years (every period closed and rated) and of this year, each year
/// once (nothing for a year that already has periods). `walkers` (the demo's `pegawai` and `atasan`) and everyone
/// reporting to them get no plan this year. Returns the number of plans written.
pub async fn seed_skp(db: &Db, seed: u64, walkers: &[String], past_years: u8) -> anyhow::Result<usize> {
    let wib = time::UtcOffset::from_hms(7, 0, 0).unwrap_or(time::UtcOffset::UTC);
    let today = time::OffsetDateTime::now_utc().to_offset(wib).date();
    let hierarchy = db.hierarchy().await?;
    let mut skip: HashSet<String> = walkers.iter().cloned().collect();
    for w in walkers {
        skip.extend(hierarchy.direct_reports(w).iter().cloned());
    }
    let mut plans = 0;
    for back in (1..=i32::from(past_years)).rev() {
        let history = Year { number: today.year() - back, today: None, skip: HashSet::new() };
        plans += seed_year(db, seed, &history).await?;
    }
    let current = Year { number: today.year(), today: Some(today), skip };
    Ok(plans + seed_year(db, seed, &current).await?)
}

/// One year to seed: `today` is `None` for a past year (every period closed and rated), else the day that decides
/// which periods have ended (closed, rated), which one runs (open, partly realised) and which are ahead (planned).
struct Year {
    number: i32,
    today: Option<Date>,
    skip: HashSet<String>,
}

/// Where a period stands on `today`: the quarters by their dates, the annual period once the year has ended.
fn state_on(p: &skp::PlannedPeriod, today: Option<Date>) -> PeriodState {
    match today {
        None => PeriodState::Closed,
        Some(d) if p.end < d => PeriodState::Closed,
        Some(d) if p.start <= d && !p.is_final => PeriodState::Open,
        Some(_) => PeriodState::Planned,
    }
}

async fn seed_year(db: &Db, seed: u64, y: &Year) -> anyhow::Result<usize> {
    let year = y.number;
    if !skp_repo::periods(db, year).await?.is_empty() {
        return Ok(0);
    }
    let planned = skp::plan_periods(year, PeriodScheme::Quarterly, 10);
    skp_repo::create_periods(db, ACTOR, year, PeriodScheme::Quarterly, &planned).await?;
    let states: Vec<PeriodState> = planned.iter().map(|p| state_on(p, y.today)).collect();
    if states.iter().all(|s| *s == PeriodState::Closed) {
        repo::close_periods(db, year).await?;
    } else {
        for (p, state) in planned.iter().zip(&states) {
            let mut at = PeriodState::Planned;
            while at != *state {
                let Some(next) = at.next() else { break };
                skp_repo::set_period_state(db, ACTOR, year, p.number, at, next).await?;
                at = next;
            }
        }
    }
    let mut clock = std::time::Instant::now();
    let mut lap = |phase: &str| {
        tracing::debug!(year, phase, ms = clock.elapsed().as_millis() as u64, "SKP seed phase done");
        clock = std::time::Instant::now();
    };
    let hierarchy = db.hierarchy().await?;
    let people = crate::repo::feedback::active_people(db).await?;
    let tree = crate::repo::org::unit_tree(db).await?;
    let units: HashMap<&str, &str> = tree.iter().map(|u| (u.key.as_str(), u.name.as_str())).collect();
    let parent: HashMap<&str, &str> =
        tree.iter().filter_map(|u| Some((u.key.as_str(), u.parent.as_deref()?))).collect();
    let path_of = |unit: &str| {
        let mut path = vec![unit.to_string()];
        while let Some(p) = parent.get(path[path.len() - 1].as_str()) {
            path.push(p.to_string());
        }
        path
    };
    let mut tallies: HashMap<(String, u8, &'static str), u32> = HashMap::new();
    let approved_at = format!("{year}-01-20T09:00:00+07:00");
    let mut plans = Vec::with_capacity(people.len());
    let mut evals = Vec::with_capacity(people.len() * planned.len());
    let mut objections = Vec::new();
    for (nip, unit, _) in people.iter().filter(|(n, _, _)| !y.skip.contains(n)) {
        let unit_name = units.get(unit.as_str()).copied().unwrap_or("unit");
        let supervisor = hierarchy.supervisor(nip);
        // Main results support the supervisor's, where the supervisor has a plan this year.
        let cascaded = supervisor.is_some_and(|s| !y.skip.contains(s));
        let rows = rows_for(unit_name, year, cascaded);
        let doc = SkpDoc { v: SKP_DOC_VERSION, rows: rows.clone(), expectations: vec![] };
        plans.push(NewSkp {
            nip: nip.clone(),
            year,
            doc: serde_json::to_string(&doc).context("encoding a demo plan")?,
            decided_by: supervisor.map(str::to_string),
            decided_at: approved_at.clone(),
        });
        // The head has nobody above to rate them.
        let Some(rater) = supervisor else { continue };
        let mut rng = Rng(hash(nip, seed ^ year as u64));
        let level = match rng.below(100) {
            0..12 => 2,
            12..88 => 1,
            _ => 0,
        };
        let lean = leaning(rater, seed);
        for (p, state) in planned.iter().zip(&states) {
            let (results, behaviour) = (draw(&mut rng, level, lean), draw(&mut rng, 1, lean));
            let mut eval_doc = EvalDoc { v: EVAL_DOC_VERSION, ..EvalDoc::default() };
            let realised = match state {
                PeriodState::Closed => rows.len(),
                // In the running period about half have written something, some rows still missing.
                PeriodState::Open if rng.chance(50) => 1 + rng.below(rows.len()),
                _ => 0,
            };
            for r in rows.iter().take(realised) {
                eval_doc.realisations.push(Realisation {
                    row: r.key.clone(),
                    text: format!("{}: tercapai sesuai rencana periode {}", r.text, p.number),
                    link: format!("https://drive.example.go.id/bukti/{nip}/{year}/{}/{}", p.number, r.key),
                });
            }
            if *state != PeriodState::Closed {
                if realised > 0 {
                    evals.push(NewEval::unrated(nip, year, p.number, serde_json::to_string(&eval_doc)?));
                }
                continue;
            }
            let rated_at = format!("{}T10:00:00+07:00", p.end);
            let mut by_objection = false;
            let (mut results_code, mut behaviour_code) = (results.code(), behaviour.code());
            // A few people below expectation object to the annual rating; half are upheld.
            if p.is_final && results == Rating::Below && rng.chance(25) {
                let decider = hierarchy.supervisor(rater).unwrap_or(ACTOR).to_string();
                let upheld = rng.chance(50).then_some(("meets", behaviour.code()));
                let filing = ObjectionDoc {
                    v: OBJECTION_DOC_VERSION,
                    reasons: "Capaian layanan triwulan IV belum dipertimbangkan; bukti terlampir.".into(),
                    link: format!("https://drive.example.go.id/keberatan/{nip}/{year}"),
                };
                objections.push(NewObjection {
                    nip: nip.clone(),
                    year,
                    period: p.number,
                    doc: serde_json::to_string(&filing).context("encoding a demo objection")?,
                    rater: rater.to_string(),
                    original: (results.code(), behaviour.code()),
                    filed_at: format!("{}T08:00:00+07:00", p.deadline),
                    due: format!("{}T00:00:00Z", skp::decision_due(p.deadline, 14)),
                    upheld,
                    reason: if upheld.is_some() {
                        "Bukti capaian triwulan IV mendukung hasil kerja sesuai ekspektasi.".into()
                    } else {
                        "Penilaian sudah mempertimbangkan seluruh bukti dukung.".into()
                    },
                    decided_by: decider,
                    decided_at: format!("{}T15:00:00+07:00", skp::decision_due(p.deadline, 7)),
                });
                if let Some((r, b)) = upheld {
                    (results_code, behaviour_code, by_objection) = (r, b, true);
                }
            }
            let predikat = skp::predikat(
                Rating::from_code(results_code).unwrap_or(Rating::Meets),
                Rating::from_code(behaviour_code).unwrap_or(Rating::Meets),
            );
            let path = path_of(unit);
            for u in &path {
                *tallies.entry((u.clone(), p.number, predikat.code())).or_default() += 1;
            }
            evals.push(NewEval {
                nip: nip.clone(),
                year,
                period: p.number,
                doc: serde_json::to_string(&eval_doc).context("encoding a demo evaluation")?,
                results: Some(results_code),
                behaviour: Some(behaviour_code),
                predikat: Some(predikat.code()),
                feedback: rng.pick(&FEEDBACK).to_string(),
                rated_by: Some(rater.to_string()),
                rated_at: Some(rated_at),
                by_objection,
                units: path,
            });
        }
    }
    lap("periods and documents");
    super::in_batches(db, &plans, |db, rows| async move { repo::skp_plans(&db, &rows).await }).await?;
    lap("plans");
    super::in_batches(db, &evals, |db, rows| async move { repo::skp_evals(&db, &rows).await }).await?;
    lap("evaluations");
    repo::skp_objections(db, &objections).await?;
    let tallies: Vec<(String, i32, u8, &'static str, u32)> =
        tallies.into_iter().map(|((unit, period, predikat), n)| (unit, year, period, predikat, n)).collect();
    super::in_batches(db, &tallies, |db, rows| async move { repo::predikat_tallies(&db, &rows).await }).await?;
    lap("objections and tallies");
    // The organisational predikat of the top units for every closed period: mostly Baik, the best one Istimewa.
    let mut top: Vec<&str> = tree.iter().filter(|u| u.depth == 2).map(|u| u.key.as_str()).collect();
    top.sort();
    for (i, unit) in top.iter().enumerate() {
        let org = if i == 0 { OrgPredikat::Istimewa } else { OrgPredikat::Baik };
        for (p, _) in planned.iter().zip(&states).filter(|(_, s)| **s == PeriodState::Closed) {
            skp_repo::set_org_predikat(db, ACTOR, unit, year, p.number, org).await?;
        }
    }
    lap("organisational predikat");
    repo::ratings_inserted(db).await?;
    Ok(plans.len())
}
