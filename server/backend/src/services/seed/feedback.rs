//! Demo 360° feedback: a closed round with realistic, varied answers (lenient and strict raters, people who rate
//! themselves higher or lower than others do) and an open round partly filled in, so that reports and the rater
//! inbox have something true to show on first start.

use super::Rng;
use crate::db::Db;
use crate::repo::competency as comp_repo;
use crate::repo::feedback::{self as repo, Filled, NewAssignment, NewRound};
use crate::services::feedback as fb;
use anyhow::Context;
use domain::competency::CompetencyKind;
use domain::feedback::RaterGroup;
use domain::view::Questionnaire;
use std::collections::HashMap;

/// The key of the closed demo round.
pub const CLOSED_ROUND: &str = "demo-closed";
/// The key of the demo round closed two years ago (history).
pub const PREVIOUS_ROUND: &str = "demo-previous";
/// The key of the open demo round.
pub const OPEN_ROUND: &str = "demo-open";
const ACTOR: &str = "seed";

/// How a rater tends to rate.
#[derive(Clone, Copy)]
enum Style {
    Fair,
    Lenient,
    Strict,
    Central,
}

/// How a person rates themselves compared with how others see them.
#[derive(Clone, Copy)]
enum SelfView {
    Typical,
    /// Rates themselves well above others on a few competencies (blind spots).
    Inflated,
    /// Rates themselves well below others on a few competencies (hidden strengths).
    Modest,
}

fn unit(rng: &mut Rng) -> f64 {
    (rng.next() >> 11) as f64 / (1u64 << 53) as f64
}

fn style_of(nip: &str, seed: u64) -> Style {
    let mut rng =
        Rng(seed ^ nip.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)));
    match rng.below(100) {
        0..20 => Style::Lenient,
        20..35 => Style::Strict,
        35..45 => Style::Central,
        _ => Style::Fair,
    }
}

const POSITIVE: [&str; 4] = [
    "Konsisten menunjukkan {} yang baik dalam pekerjaan sehari-hari.",
    "Menjadi contoh bagi rekan-rekan dalam hal {}.",
    "Sangat membantu tim; kemampuan {} perlu dipertahankan.",
    "Hasil kerjanya menunjukkan {} yang matang.",
];
const DEVELOP: [&str; 4] = [
    "Perlu lebih konsisten dalam {}, terutama saat beban kerja tinggi.",
    "Disarankan mengikuti pelatihan atau coaching terkait {}.",
    "Sebaiknya lebih sering meminta umpan balik tentang {}.",
    "Masih ragu-ragu dalam {}; butuh pendampingan atasan.",
];

/// Fills assignments with answers. `rates` are the submission percentages for self, supervisor, peers and
/// subordinates; `draft_rate` the share of the rest left as drafts. Raters in `keep_pending` are left untouched.
#[allow(clippy::too_many_arguments)]
fn fill(
    seed: u64,
    growth: f64,
    q: &Questionnaire,
    plan: &mut [NewAssignment],
    supervisors: &HashMap<String, bool>,
    rates: [u64; 4],
    draft_rate: u64,
    keep_pending: &[String],
) {
    // The people's true levels depend only on the plan (the same in every demo round); `growth` is how much they
    // have developed since the first round. Answers vary with `seed`.
    let mut truth_rng = Rng(0x5eed_7a1e);
    let mut rng = Rng(seed);
    let ranges = q.ranges();
    let n_comp = q.competencies.len();
    // Each ratee's true level per competency, and how they see themselves.
    let mut truth: HashMap<String, (Vec<f64>, SelfView, Vec<bool>)> = HashMap::new();
    for a in plan.iter() {
        if truth.contains_key(&a.ratee) {
            continue;
        }
        let base = 2.1
            + unit(&mut truth_rng) * 1.9
            + if supervisors.get(&a.ratee).copied().unwrap_or(false) { 0.4 } else { 0.0 };
        let levels: Vec<f64> = (0..n_comp)
            .map(|_| (base + (unit(&mut truth_rng) - 0.5) * 1.2 + growth * unit(&mut truth_rng)).clamp(1.0, 5.0))
            .collect();
        let view = match truth_rng.below(100) {
            0..18 => SelfView::Inflated,
            18..26 => SelfView::Modest,
            _ => SelfView::Typical,
        };
        let marked: Vec<bool> = (0..n_comp).map(|_| truth_rng.chance(35)).collect();
        truth.insert(a.ratee.clone(), (levels, view, marked));
    }
    for a in plan.iter_mut() {
        if keep_pending.contains(&a.rater) {
            continue;
        }
        let rate = match a.group {
            RaterGroup::SelfRating => rates[0],
            RaterGroup::Supervisor => rates[1],
            RaterGroup::Peer => rates[2],
            RaterGroup::Subordinate => rates[3],
        };
        let submitted = rng.chance(rate);
        if !submitted && !rng.chance(draft_rate) {
            continue;
        }
        let (levels, view, marked) = &truth[&a.ratee];
        let style = style_of(&a.rater, seed);
        let anonymous = a.group.is_anonymous();
        let mut answers = vec![0u8; q.item_count()];
        let mut comments = vec![String::new(); n_comp];
        for (ci, range) in ranges.iter().enumerate() {
            let mut target = levels[ci];
            if a.group == RaterGroup::SelfRating {
                target += match view {
                    SelfView::Typical => 0.3,
                    SelfView::Inflated if marked[ci] => 1.5,
                    SelfView::Inflated => 0.5,
                    SelfView::Modest if marked[ci] => -1.4,
                    SelfView::Modest => -0.2,
                };
            } else {
                target = match style {
                    Style::Fair => target,
                    Style::Lenient => target + 0.8,
                    Style::Strict => target - 0.8,
                    Style::Central => 3.0 + (target - 3.0) * 0.3,
                };
            }
            let mut sum = 0.0;
            let mut count = 0.0;
            for i in range.clone() {
                if anonymous && rng.chance(6) {
                    answers[i] = domain::feedback::NOT_OBSERVED;
                    continue;
                }
                let v = (target + (unit(&mut rng) - 0.5) * 1.1).round().clamp(1.0, 5.0);
                answers[i] = v as u8;
                sum += v;
                count += 1.0;
            }
            if !submitted {
                // A draft stops part-way.
                if rng.chance(50) {
                    for i in range.clone() {
                        answers[i] = 0;
                    }
                }
                continue;
            }
            if count > 0.0 && rng.chance(18) {
                let name = q.competencies[ci].name.id.to_lowercase();
                let pool = if sum / count >= 3.5 { &POSITIVE } else { &DEVELOP };
                comments[ci] = rng.pick(pool).replace("{}", &name);
            }
        }
        a.filled = Some(Filled { submitted, answers, comments });
    }
}

fn half_year(date: time::Date) -> (String, String, String) {
    let y = date.year();
    if u8::from(date.month()) <= 6 {
        (
            format!("Umpan Balik 360° Semester I {y}"),
            format!("{y}-01-01T00:00:00+07:00"),
            format!("{y}-06-30T23:59:59+07:00"),
        )
    } else {
        (
            format!("Umpan Balik 360° Semester II {y}"),
            format!("{y}-07-01T00:00:00+07:00"),
            format!("{y}-12-31T23:59:59+07:00"),
        )
    }
}

fn stamp(date: time::Date, end: bool) -> String {
    format!("{date}T{}+07:00", if end { "23:59:59" } else { "00:00:00" })
}

/// The competencies of the demo rounds: every active managerial and socio-cultural one.
async fn round_competencies(db: &Db) -> anyhow::Result<Vec<String>> {
    Ok(comp_repo::all(db)
        .await?
        .into_iter()
        .filter(|c| c.active && c.kind != CompetencyKind::Technical)
        .map(|c| c.key)
        .collect())
}

/// Creates a round and writes it open with pre-filled assignments.
#[allow(clippy::too_many_arguments)]
pub async fn seed_round(
    db: &Db,
    round: &NewRound,
    seed: u64,
    growth: f64,
    rates: [u64; 4],
    draft_rate: u64,
    keep_pending: &[String],
) -> anyhow::Result<usize> {
    repo::create_round(db, round, ACTOR).await?;
    let (q, mut plan) = fb::prepare_open(db, &round.key).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let snapshot = db.hierarchy().await?;
    let supervisors: HashMap<String, bool> =
        plan.iter().map(|a| (a.ratee.clone(), snapshot.has_reports(&a.ratee))).collect();
    fill(seed, growth, &q, &mut plan, &supervisors, rates, draft_rate, keep_pending);
    fb::write_open(db, ACTOR, &round.key, &q, &plan).await.map_err(|e| anyhow::anyhow!("{e}"))
}

/// Seeds the demo rounds: two closed (two years and one year ago, with results; people grew in between), one
/// open now. Raters in `keep_pending` (the demo
/// logins) keep their assignments of the open round untouched, so they can fill them in themselves.
pub async fn seed_feedback(db: &Db, seed: u64, keep_pending: &[String]) -> anyhow::Result<()> {
    if repo::round(db, CLOSED_ROUND).await?.is_some() {
        return Ok(());
    }
    let competencies = round_competencies(db).await?;
    let today = time::OffsetDateTime::now_utc().date();
    let last_year = today.year() - 1;
    let before = today.year() - 2;
    let previous = NewRound {
        key: PREVIOUS_ROUND.into(),
        name: format!("Umpan Balik 360° Tahun {before}"),
        period_start: format!("{before}-01-01T00:00:00+07:00"),
        period_end: format!("{before}-12-31T23:59:59+07:00"),
        units: vec![],
        competencies: competencies.clone(),
        opens: format!("{before}-11-01T00:00:00+07:00"),
        closes: format!("{before}-12-15T23:59:59+07:00"),
        threshold: 3,
        max_peers: 4,
    };
    seed_round(db, &previous, seed ^ 0x2024, 0.0, [90, 90, 80, 75], 0, &[]).await?;
    fb::close_round(db, ACTOR, PREVIOUS_ROUND)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("closing the previous demo round")?;
    let closed = NewRound {
        key: CLOSED_ROUND.into(),
        name: format!("Umpan Balik 360° Tahun {last_year}"),
        period_start: format!("{last_year}-01-01T00:00:00+07:00"),
        period_end: format!("{last_year}-12-31T23:59:59+07:00"),
        units: vec![],
        competencies: competencies.clone(),
        opens: format!("{last_year}-11-01T00:00:00+07:00"),
        closes: format!("{last_year}-12-15T23:59:59+07:00"),
        threshold: 3,
        max_peers: 4,
    };
    seed_round(db, &closed, seed ^ 0x2025, 0.5, [95, 92, 85, 80], 0, &[]).await?;
    fb::close_round(db, ACTOR, CLOSED_ROUND)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("closing the demo round")?;
    let (name, ps, pe) = half_year(today);
    let open = NewRound {
        key: OPEN_ROUND.into(),
        name,
        period_start: ps,
        period_end: pe,
        units: vec![],
        competencies,
        opens: stamp(today - time::Duration::days(14), false),
        closes: stamp(today + time::Duration::days(45), true),
        threshold: 3,
        max_peers: 4,
    };
    seed_round(db, &open, seed ^ 0x2026, 0.7, [50, 45, 40, 35], 20, keep_pending).await?;
    Ok(())
}
