//! Deterministic demo data: a provincial Badan Kepegawaian dan Pengembangan SDM with units to depth 4–5,
//! positions of every type, supervisor chains that follow the units, Indonesian names, valid NIPs and ranks that
//! fit the positions. The same `(employees, seed)` always produces the same agency.

pub mod feedback;
mod names;
mod plan;
pub mod skp;

use plan::{Person, Plan};

use crate::db::Db;
use crate::repo::seed::{self as repo, NewAccount, NewEdge, NewUnit};
use crate::services::auth::hash_password;
use anyhow::{Context, bail};
use domain::PositionKind;
use std::collections::HashMap;

/// The demo password of every seeded account.
pub const DEMO_PASSWORD: &str = "kinerja-demo";
/// Smallest agency the generator builds (it needs room for every demo role).
pub const MIN_EMPLOYEES: usize = 30;
const BATCH: usize = 1000;
/// Batches written at once: the embedded engine uses both cores when two transactions run side by side.
const CONCURRENCY: usize = 3;

/// Writes `rows` in batches, `CONCURRENCY` transactions at a time.
async fn in_batches<T, F, Fut>(db: &Db, rows: &[T], write: F) -> anyhow::Result<()>
where
    T: Clone + Send + Sync + 'static,
    F: Fn(Db, Vec<T>) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>> + Send + 'static,
{
    let mut set = tokio::task::JoinSet::new();
    for chunk in rows.chunks(BATCH) {
        if set.len() >= CONCURRENCY
            && let Some(done) = set.join_next().await
        {
            done.context("a seeding task failed")??;
        }
        set.spawn(write(db.clone(), chunk.to_vec()));
    }
    while let Some(done) = set.join_next().await {
        done.context("a seeding task failed")??;
    }
    Ok(())
}

/// What the generator produced, for logs and benchmarks.
#[derive(Debug, Clone, Default)]
pub struct SeedReport {
    pub employees: usize,
    pub units: usize,
    pub max_depth: u32,
    /// NIPs of the demo logins: (username, nip).
    pub demo_logins: Vec<(String, String)>,
}

/// A small deterministic random generator (SplitMix64): stable across platforms and releases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Generates the demo agency with `employees` people from `seed` and writes it to the database.
#[tracing::instrument(skip(db))]
pub async fn seed(db: &Db, employees: usize, seed: u64) -> anyhow::Result<SeedReport> {
    if employees < MIN_EMPLOYEES {
        bail!("the demo agency needs at least {MIN_EMPLOYEES} employees");
    }
    if repo::is_seeded(db).await? {
        bail!("the database already holds an agency; seed an empty database");
    }
    let mut plan = Plan {
        rng: Rng(seed),
        units: vec![],
        positions: vec![],
        position_index: HashMap::new(),
        employees: Vec::with_capacity(employees),
        people: Vec::with_capacity(employees),
        leaders: vec![],
        nip_seq: HashMap::new(),
    };
    let n = employees as f64;
    let bidang = ((n.sqrt() / 6.0).round() as usize).clamp(2, names::BIDANG.len());
    let sub_per = ((n.sqrt() / 10.0).round() as usize).clamp(2, 12);
    let l3_units = (bidang + 1) * sub_per;
    let fixed = 1 + (bidang + 1) + l3_units;
    let per_l3 = (employees - fixed) / l3_units;
    let mut extra = (employees - fixed) % l3_units;

    let root = plan.unit("bkpsdm".into(), names::AGENCY.into(), "badan", None, 1);
    let head = plan.lead(&root, names::HEAD_POSITION, PositionKind::JptPratama, None)?;
    for b in 0..=bidang {
        let (l2_name, l2_kind, l2_head, field) = if b == 0 {
            ("Sekretariat".to_string(), "sekretariat", "Sekretaris".to_string(), 0)
        } else {
            let name = names::BIDANG[b - 1];
            (format!("Bidang {name}"), "bidang", format!("Kepala Bidang {name}"), b)
        };
        let l2 = plan.unit(format!("{root}-{b}"), l2_name, l2_kind, Some(&root), 2);
        let l2_lead = plan.lead(&l2, &l2_head, PositionKind::Administrator, Some(&head))?;
        for s in 0..sub_per {
            let sub_name = names::sub_unit_name(field, s);
            let kind = if b == 0 { "subbagian" } else { "subbidang" };
            let prefix = if b == 0 { "Subbagian" } else { "Subbidang" };
            let l3 = plan.unit(format!("{l2}-{s}"), format!("{prefix} {sub_name}"), kind, Some(&l2), 3);
            let l3_lead =
                plan.lead(&l3, &format!("Kepala {prefix} {sub_name}"), PositionKind::Pengawas, Some(&l2_lead))?;
            let mut share = per_l3;
            if extra > 0 {
                share += 1;
                extra -= 1;
            }
            // Two staff report to the sub-unit head directly; the rest work in teams (and groups in large teams).
            let direct = share.min(2);
            for _ in 0..direct {
                plan.staff(&l3, &l3_lead, field)?;
            }
            let rest = share - direct;
            if rest == 0 {
                continue;
            }
            let teams = (rest / 30).max(1);
            for t in 0..teams {
                let mut size = rest / teams + usize::from(t < rest % teams);
                if size == 0 {
                    continue;
                }
                let tim =
                    plan.unit(format!("{l3}-{t}"), format!("Tim Kerja {} {}", sub_name, t + 1), "tim", Some(&l3), 4);
                let (lead_name, lead_kind) = names::team_lead(field);
                let tim_lead = plan.lead(&tim, lead_name, lead_kind, Some(&l3_lead))?;
                size -= 1;
                if size <= 15 {
                    for _ in 0..size {
                        plan.staff(&tim, &tim_lead, field)?;
                    }
                    continue;
                }
                let groups = size.div_ceil(11);
                for g in 0..groups {
                    let mut gsize = size / groups + usize::from(g < size % groups);
                    let kel = plan.unit(
                        format!("{tim}-{g}"),
                        format!("Kelompok {} {}.{}", sub_name, t + 1, g + 1),
                        "kelompok",
                        Some(&tim),
                        5,
                    );
                    let (cname, ckind) = names::group_coordinator(field, g);
                    let coord = plan.lead(&kel, cname, ckind, Some(&tim_lead))?;
                    gsize = gsize.saturating_sub(1);
                    for _ in 0..gsize {
                        plan.staff(&kel, &coord, field)?;
                    }
                }
            }
        }
    }
    // Top up rounding remainders in the first sub-unit of the secretariat.
    while plan.employees.len() < employees {
        let l3 = format!("{root}-0-0");
        let lead = plan.leaders.iter().find(|(u, _)| *u == l3).map(|(_, n)| n.clone()).unwrap_or_else(|| head.clone());
        plan.staff(&l3, &lead, 0)?;
    }

    let demo = pick_demo_logins(&plan, &head)?;
    write(db, &plan, &demo).await?;
    Ok(SeedReport {
        employees: plan.employees.len(),
        units: plan.units.len(),
        max_depth: plan.units.iter().map(|u| u.depth).max().unwrap_or(0),
        demo_logins: demo.into_iter().map(|(u, n, _)| (u, n)).collect(),
    })
}

/// Chooses the six demo logins: (username, nip, roles).
fn pick_demo_logins(plan: &Plan, head: &str) -> anyhow::Result<Vec<(String, String, Vec<&'static str>)>> {
    let mut reports: HashMap<&str, Vec<&Person>> = HashMap::new();
    for p in &plan.people {
        if let Some(s) = &p.supervisor {
            reports.entry(s.as_str()).or_default().push(p);
        }
    }
    let is_leader = |nip: &str| plan.leaders.iter().any(|(_, n)| n == nip);
    // `atasan`: a team or group lead (not the head) with at least four direct reports who are not leads themselves.
    let atasan = plan
        .leaders
        .iter()
        .filter(|(u, n)| n != head && u.matches('-').count() >= 3)
        .find(|(_, n)| reports.get(n.as_str()).is_some_and(|r| r.iter().filter(|p| !is_leader(&p.nip)).count() >= 4))
        .or_else(|| {
            plan.leaders.iter().find(|(_, n)| reports.get(n.as_str()).is_some_and(|r| r.len() >= 4) && n != head)
        })
        .map(|(_, n)| n.clone())
        .context("no supervisor with four direct reports")?;
    let pegawai = reports
        .get(atasan.as_str())
        .and_then(|r| r.iter().find(|p| !is_leader(&p.nip)))
        .map(|p| p.nip.clone())
        .context("no employee under the demo supervisor")?;
    // `pimpinan`: the demo supervisor's own supervisor (*atasan pejabat penilai*), who decides objections to the
    // ratings `atasan` gives.
    let pimpinan = plan
        .people
        .iter()
        .find(|p| p.nip == atasan)
        .and_then(|p| p.supervisor.clone())
        .filter(|s| s != head)
        .context("the demo supervisor has no supervisor below the head")?;
    let taken = [head, atasan.as_str(), pegawai.as_str(), pimpinan.as_str()];
    let in_unit = |prefix: &str| {
        plan.people
            .iter()
            .find(|p| p.unit.starts_with(prefix) && !is_leader(&p.nip) && !taken.contains(&p.nip.as_str()))
            .map(|p| p.nip.clone())
    };
    let admin = in_unit("bkpsdm-0-0").or_else(|| in_unit("bkpsdm-0")).context("no HR admin candidate")?;
    let pelatih = in_unit("bkpsdm-1").filter(|n| *n != admin).context("no trainer candidate")?;
    Ok(vec![
        ("admin".into(), admin, vec!["hr"]),
        ("kepala".into(), head.to_string(), vec!["head"]),
        ("pelatih".into(), pelatih, vec!["trainer"]),
        ("pimpinan".into(), pimpinan, vec![]),
        ("atasan".into(), atasan, vec![]),
        ("pegawai".into(), pegawai, vec![]),
    ])
}

async fn write(db: &Db, plan: &Plan, demo: &[(String, String, Vec<&'static str>)]) -> anyhow::Result<()> {
    let mut clock = std::time::Instant::now();
    let mut lap = |phase: &str| {
        tracing::debug!(phase, ms = clock.elapsed().as_millis() as u64, "seed phase done");
        clock = std::time::Instant::now();
    };
    repo::agency(db, names::AGENCY, "BKPSDM", names::REGION).await?;
    // Units carry their leaders directly (a record link may point at an employee written a moment later).
    let leaders: HashMap<&str, &str> = plan.leaders.iter().map(|(u, n)| (u.as_str(), n.as_str())).collect();
    let units: Vec<NewUnit> = plan
        .units
        .iter()
        .map(|u| NewUnit { leader: leaders.get(u.key.as_str()).map(|n| n.to_string()), ..u.clone() })
        .collect();
    in_batches(db, &units, |db, rows| async move { repo::units(&db, &rows).await }).await?;
    lap("units");
    in_batches(db, &plan.positions, |db, rows| async move { repo::positions(&db, &rows).await }).await?;
    lap("positions");
    in_batches(db, &plan.employees, |db, rows| async move { repo::employees(&db, &rows).await }).await?;
    lap("employees");
    let edges: Vec<NewEdge> = plan
        .people
        .iter()
        .filter_map(|p| {
            p.supervisor.as_ref().map(|s| NewEdge {
                from: p.nip.clone(),
                to: s.clone(),
                since: "2024-01-02T00:00:00Z".into(),
            })
        })
        .collect();
    in_batches(db, &edges, |db, rows| async move { repo::reports_to(&db, &rows).await }).await?;
    repo::bump_hierarchy(db).await?;
    lap("reports_to");
    // One real argon2id hash of the demo password, shared by every demo account (hashing 100k passwords one by
    // one would take hours; real accounts get their own salt when HR creates them).
    let hash = hash_password(DEMO_PASSWORD)?;
    lap("hash");
    let demo_nips: HashMap<&str, (&str, &[&'static str])> =
        demo.iter().map(|(u, n, r)| (n.as_str(), (u.as_str(), r.as_slice()))).collect();
    let accounts: Vec<NewAccount> = plan
        .people
        .iter()
        .map(|p| match demo_nips.get(p.nip.as_str()) {
            Some((username, roles)) => NewAccount {
                key: (*username).to_string(),
                username: Some((*username).to_string()),
                nip: p.nip.clone(),
                hash: hash.clone(),
                roles: roles.to_vec(),
            },
            None => {
                NewAccount { key: p.nip.clone(), username: None, nip: p.nip.clone(), hash: hash.clone(), roles: vec![] }
            }
        })
        .collect();
    in_batches(db, &accounts, |db, rows| async move { repo::accounts(&db, &rows).await }).await?;
    lap("accounts");
    careers(db, plan, demo).await?;
    lap("careers");
    Ok(())
}

/// The leadership programmes officials have behind them (each the one for the position they hold) and a few
/// disciplinary penalties: a moderate one this year for a sub-unit head and one member of staff (both screened out),
/// a light one (which does not screen) and a severe one five years ago (no longer screening); and one open PKA cohort.
async fn careers(db: &Db, plan: &Plan, demo: &[(String, String, Vec<&'static str>)]) -> anyhow::Result<()> {
    let kinds: HashMap<&str, &str> = plan.positions.iter().map(|p| (p.key.as_str(), p.kind)).collect();
    let mut done: Vec<(String, &'static str, i32)> = Vec::new();
    for e in &plan.employees {
        let shift = i32::from(e.nip.as_bytes()[17] - b'0') % 5;
        let programme = match kinds.get(e.position.as_str()).copied() {
            Some("jpt_pratama") => Some(("pkn2", 2019)),
            Some("administrator") => Some(("pka", 2016 + shift)),
            Some("pengawas") => Some(("pkp", 2014 + shift)),
            _ => None,
        };
        if let Some((p, year)) = programme {
            done.push((e.nip.clone(), p, year));
        }
    }
    in_batches(db, &done, |db, rows| async move { repo::programmes_done(&db, &rows).await }).await?;
    let today = time::OffsetDateTime::now_utc().date();
    let day = |days: i64| (today - time::Duration::days(days)).to_string();
    let walkers: Vec<&str> = demo.iter().map(|(_, n, _)| n.as_str()).collect();
    let is_leader = |nip: &str| plan.leaders.iter().any(|(_, n)| n == nip);
    let staff: Vec<&str> =
        plan.people.iter().map(|p| p.nip.as_str()).filter(|n| !is_leader(n) && !walkers.contains(n)).collect();
    let sub_head = plan.leaders.iter().find(|(u, n)| u == "bkpsdm-2-0" && !walkers.contains(&n.as_str()));
    let mut penalties: Vec<(String, &'static str, &'static str, String)> = Vec::new();
    if let Some((_, n)) = sub_head {
        penalties.push((n.clone(), "moderate", "Pemotongan tunjangan kinerja 25% selama 6 bulan", day(200)));
    }
    if staff.len() >= 3 {
        let at = |i: usize| staff[i * staff.len() / 4].to_string();
        penalties.push((at(1), "moderate", "Pemotongan tunjangan kinerja 25% selama 9 bulan", day(300)));
        penalties.push((at(2), "light", "Teguran tertulis", day(120)));
        penalties.push((at(3), "severe", "Penurunan jabatan setingkat lebih rendah selama 12 bulan", day(5 * 365)));
    }
    repo::penalties(db, &penalties).await?;
    // One open PKA cohort, formed by the demo trainer, for the candidate picker to nominate to.
    if let Some((_, trainer, _)) = demo.iter().find(|(u, _, _)| u == "pelatih") {
        let (starts, ends) = (today + time::Duration::days(60), today + time::Duration::days(150));
        let name = format!("PKA Angkatan I Tahun {}", starts.year());
        repo::cohort(db, ("pka", &name, &starts.to_string(), &ends.to_string(), 30, trainer)).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_deterministic() {
        let mut a = Rng(7);
        let mut b = Rng(7);
        let xs: Vec<u64> = (0..5).map(|_| a.next()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next()).collect();
        assert_eq!(xs, ys);
        assert_ne!(Rng(8).next(), xs[0]);
    }
}
