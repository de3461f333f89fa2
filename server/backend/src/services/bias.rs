//! Rater-bias signals for HR, to inform calibration: after a 360° round, raters who lean against the co-raters of
//! the same people, straight-lining and reciprocal rating rings; after an SKP period, supervisors whose predikat
//! differ sharply from the rest of their unit. Nobody to whom anonymity applies is named: a peer's or a
//! subordinate's signals are counts, rings are sizes (with a unit only when it is large), and a supervisor-rater is
//! compared only on people whose anonymous co-rater groups each met the threshold, so no answer follows from a
//! signal. Individual answers never leave the server.

use crate::db::Db;
use crate::error::ServiceError;
use crate::repo::bias as repo;
use crate::repo::feedback as fb_repo;
use crate::repo::{org, skp as skp_repo};
use crate::services::auth::Viewer;
use crate::services::report::reference;
use domain::Role;
use domain::bias::{self, Difference, Lean, Scored};
use domain::feedback::{RaterGroup, effective_threshold, rater_score};
use domain::skp::{PeriodState, Predikat};
use domain::view::{
    AnonymousSignals, BiasPage, EmployeeSummary, PeriodBias, RaterSignal, RingSignal, RoundBias, SupervisorSignal,
};
use std::collections::{BTreeMap, HashMap};

/// A ring's unit is named only when it has at least this many active people.
pub const RING_UNIT_MIN_PEOPLE: usize = 10;

/// `/talent/bias`: HR chooses a closed round and a closed SKP period (the newest by default) and reads their signals.
pub async fn bias_page(
    db: &Db,
    viewer: &Viewer,
    round: Option<&str>,
    period: Option<(i32, u8)>,
) -> Result<BiasPage, ServiceError> {
    if !viewer.roles.has(Role::HrAdmin) {
        return Err(ServiceError::Forbidden);
    }
    let mut rounds: Vec<(String, String)> =
        reference(db).await?.closed_rounds.iter().map(|(k, n, _)| (k.clone(), n.clone())).collect();
    rounds.reverse();
    let now = time::OffsetDateTime::now_utc().year();
    let mut periods = Vec::new();
    for year in (now - 2..=now).rev() {
        let mut closed: Vec<_> =
            skp_repo::periods(db, year).await?.into_iter().filter(|p| p.state == PeriodState::Closed).collect();
        closed.reverse();
        periods.extend(closed);
    }
    let round = match round.filter(|r| !r.is_empty()) {
        Some(key) => Some(rounds.iter().find(|(k, _)| k == key).cloned().ok_or(ServiceError::NotFound)?),
        None => rounds.first().cloned(),
    };
    let period = match period {
        Some((y, n)) => {
            Some(periods.iter().find(|p| p.year == y && p.number == n).cloned().ok_or(ServiceError::NotFound)?)
        }
        None => periods.first().cloned(),
    };
    let round = match round {
        Some((key, name)) => Some(round_bias(db, &key, name).await?),
        None => None,
    };
    let period = match period {
        Some(p) => Some(period_bias(db, p).await?),
        None => None,
    };
    Ok(BiasPage { rounds, periods, round, period })
}

/// Names, positions and units of the people named.
async fn people(db: &Db, nips: Vec<String>) -> anyhow::Result<HashMap<String, EmployeeSummary>> {
    Ok(org::summaries(db, &nips).await?.into_iter().map(|s| (s.nip.clone(), s)).collect())
}

/// The signals of one closed round.
pub async fn round_bias(db: &Db, key: &str, name: String) -> Result<RoundBias, ServiceError> {
    let info = fb_repo::round(db, key).await?.ok_or(ServiceError::NotFound)?;
    let threshold = effective_threshold(info.threshold.max(0) as u32) as usize;
    let rows = repo::round_assessments(db, key).await?;
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut nips: Vec<String> = Vec::new();
    let mut id = |nip: &str| -> usize {
        *index.entry(nip.to_string()).or_insert_with(|| {
            nips.push(nip.to_string());
            nips.len() - 1
        })
    };
    let mut scored: Vec<Scored> = Vec::with_capacity(rows.len());
    let mut straight: HashMap<usize, (u32, u32)> = HashMap::new();
    let mut anonymous = (0u32, 0u32);
    for (rater, ratee, group, answers) in &rows {
        let (rater, ratee) = (id(rater), id(ratee));
        let lined = bias::straight_lined(answers);
        if *group == RaterGroup::Supervisor {
            let e = straight.entry(rater).or_default();
            e.0 += u32::from(lined);
            e.1 += 1;
        } else if group.is_anonymous() {
            anonymous.0 += 1;
            anonymous.1 += u32::from(lined);
        }
        if let Some(score) = rater_score(answers) {
            scored.push(Scored { rater, ratee, group: *group, score });
        }
    }
    let diffs = bias::differences(&scored, threshold);
    let spread = bias::spread(diffs.iter().map(|d| d.value));
    // Per ratee and anonymous group, how many submitted: a supervisor is compared only where each such group met
    // the threshold, so the co-raters' mean is one the person's report could show.
    let mut groups: HashMap<(usize, RaterGroup), usize> = HashMap::new();
    for s in scored.iter().filter(|s| s.group.is_anonymous()) {
        *groups.entry((s.ratee, s.group)).or_default() += 1;
    }
    let shown = |d: &Difference| {
        [RaterGroup::Peer, RaterGroup::Subordinate]
            .iter()
            .all(|g| groups.get(&(d.ratee, *g)).is_none_or(|n| *n >= threshold))
    };
    let (supervisors, anonymous_lens) = match spread {
        Some(s) => (
            bias::leniencies(&diffs, s, |d| d.group == RaterGroup::Supervisor && shown(d)),
            bias::leniencies(&diffs, s, |d| d.group.is_anonymous()),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let supervisors_compared = supervisors.len() as u32;
    let by_rater: HashMap<usize, bias::Leniency> = supervisors.into_iter().collect();
    let mut flagged: Vec<(usize, Option<bias::Leniency>, u32, u32)> = Vec::new();
    let mut raters: Vec<usize> = straight.keys().chain(by_rater.keys()).copied().collect();
    raters.sort_unstable();
    raters.dedup();
    for r in raters {
        let l = by_rater.get(&r).copied();
        let (lined, submitted) = straight.get(&r).copied().unwrap_or((0, 0));
        if l.and_then(|l| l.lean()).is_some() || (lined > 0 && 2 * lined >= submitted) {
            flagged.push((r, l, lined, submitted));
        }
    }
    let anonymous = (anonymous_lens.len() >= threshold).then(|| AnonymousSignals {
        raters: anonymous_lens.len() as u32,
        lenient: anonymous_lens.iter().filter(|(_, l)| l.lean() == Some(Lean::Lenient)).count() as u32,
        strict: anonymous_lens.iter().filter(|(_, l)| l.lean() == Some(Lean::Strict)).count() as u32,
        assessments: anonymous.0,
        straight: anonymous.1,
    });
    let rings = match spread {
        Some(s) => ring_signals(db, bias::rings(&diffs, s), &nips).await?,
        None => Vec::new(),
    };
    let named = people(db, flagged.iter().map(|f| nips[f.0].clone()).collect()).await?;
    let mut supervisors: Vec<RaterSignal> = flagged
        .into_iter()
        .map(|(r, leniency, straight, submitted)| {
            let nip = nips[r].clone();
            let p = named.get(&nip);
            RaterSignal {
                name: p.map(|p| p.name.clone()).unwrap_or_else(|| nip.clone()),
                unit_name: p.map(|p| p.unit_name.clone()).unwrap_or_default(),
                nip,
                lean: leniency.and_then(|l| l.lean()),
                leniency,
                straight,
                submitted,
            }
        })
        .collect();
    supervisors.sort_by(|a, b| {
        let size = |s: &RaterSignal| s.leniency.map_or(0.0, |l| -l.z.abs());
        size(a).total_cmp(&size(b)).then_with(|| a.name.cmp(&b.name))
    });
    Ok(RoundBias {
        key: key.to_string(),
        name,
        threshold: threshold as u32,
        assessments: rows.len() as u32,
        spread: spread.map(domain::report::round3),
        supervisors_compared,
        supervisors,
        anonymous,
        rings,
    })
}

/// Rings as sizes and lifts, with their unit when every member is in one unit of at least
/// [`RING_UNIT_MIN_PEOPLE`] active people.
async fn ring_signals(db: &Db, rings: Vec<bias::Ring>, nips: &[String]) -> anyhow::Result<Vec<RingSignal>> {
    if rings.is_empty() {
        return Ok(Vec::new());
    }
    let active = fb_repo::active_people(db).await?;
    let unit_of: HashMap<&str, &str> = active.iter().map(|(n, u, _)| (n.as_str(), u.as_str())).collect();
    let mut sizes: HashMap<&str, usize> = HashMap::new();
    for (_, u, _) in &active {
        *sizes.entry(u.as_str()).or_default() += 1;
    }
    let mut out = Vec::new();
    for ring in rings {
        let units: Vec<Option<&str>> = ring.members.iter().map(|m| unit_of.get(nips[*m].as_str()).copied()).collect();
        let shared = units.first().copied().flatten().filter(|u| {
            units.iter().all(|x| *x == Some(*u)) && sizes.get(u).copied().unwrap_or(0) >= RING_UNIT_MIN_PEOPLE
        });
        let unit_name = match shared {
            Some(u) => org::unit_name(db, u).await?,
            None => None,
        };
        out.push(RingSignal { size: ring.members.len() as u32, lift: domain::report::round3(ring.lift), unit_name });
    }
    Ok(out)
}

/// The signals of one closed SKP period: each supervisor with enough ratings against the other ratings of the
/// smallest unit around their ratees that has enough of them.
pub async fn period_bias(db: &Db, period: domain::view::PeriodInfo) -> Result<PeriodBias, ServiceError> {
    let ratings = repo::period_ratings(db, period.year, period.number).await?;
    // Every rating counted in each unit of its path.
    let mut in_unit: HashMap<&str, Vec<(&str, Predikat)>> = HashMap::new();
    let mut by_rater: BTreeMap<&str, Vec<&repo::PeriodRating>> = BTreeMap::new();
    for r in &ratings {
        for u in &r.2 {
            in_unit.entry(u.as_str()).or_default().push((r.0.as_str(), r.1));
        }
        by_rater.entry(r.0.as_str()).or_default().push(r);
    }
    let mut compared = 0u32;
    let mut sharp: Vec<(String, String, bias::Divergence)> = Vec::new();
    for (rater, own) in &by_rater {
        let mine: Vec<Predikat> = own.iter().map(|r| r.1).collect();
        // The path of the rater's first ratee, from the ratee's unit up to the root.
        let Some(path) = own.first().map(|r| &r.2) else { continue };
        let found = path.iter().find_map(|u| {
            let rest: Vec<Predikat> =
                in_unit.get(u.as_str())?.iter().filter(|(by, _)| by != rater).map(|(_, p)| *p).collect();
            bias::divergence(&mine, &rest).map(|d| (u.clone(), d))
        });
        if let Some((unit, d)) = found {
            compared += 1;
            if d.sharp() {
                sharp.push((rater.to_string(), unit, d));
            }
        }
    }
    let named = people(db, sharp.iter().map(|s| s.0.clone()).collect()).await?;
    let mut supervisors = Vec::new();
    for (nip, unit, divergence) in sharp {
        supervisors.push(SupervisorSignal {
            name: named.get(&nip).map(|p| p.name.clone()).unwrap_or_else(|| nip.clone()),
            unit_name: org::unit_name(db, &unit).await?.unwrap_or(unit),
            nip,
            divergence,
        });
    }
    supervisors.sort_by(|a, b| b.divergence.z.abs().total_cmp(&a.divergence.z.abs()));
    Ok(PeriodBias { period, compared, supervisors })
}
