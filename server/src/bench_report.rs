//! `kinerja bench --suite report`: the competency report server function end to end through the axum router (each
//! request a full HTTP request object: routing, session, form decoding, service, JSON), and the agency-wide
//! training-needs analysis with a budget plan, on an embedded SurrealKV database with two closed rounds. Prints
//! figures; checks only correctness (every report answers 200 with data), never timings.

use anyhow::{Context, ensure};
use backend::repo::feedback::NewRound;
use backend::services::seed::feedback as demo;
use backend::services::{auth, feedback as fb, report, seed, training};
use std::time::{Duration, Instant};

/// Options of the report benchmark.
pub struct ReportBench {
    pub sizes: Vec<usize>,
    pub samples: usize,
    pub engine: String,
}

fn round(key: &str, year: i32, competencies: Vec<String>) -> NewRound {
    NewRound {
        key: key.into(),
        name: format!("Bench {year}"),
        period_start: format!("{year}-01-01T00:00:00+07:00"),
        period_end: format!("{year}-12-31T23:59:59+07:00"),
        units: vec![],
        competencies,
        opens: format!("{year}-11-01T00:00:00+07:00"),
        closes: format!("{year}-12-15T23:59:59+07:00"),
        threshold: 3,
        max_peers: 3,
    }
}

pub async fn call(router: &axum::Router, cookie: &str, path: &str, body: String) -> anyhow::Result<(bool, usize)> {
    let req = axum::http::Request::post(path)
        .header("Accept", "application/json")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", cookie)
        .body(axum::body::Body::from(body))?;
    let res = tower::ServiceExt::oneshot(router.clone(), req).await?;
    let ok = res.status().is_success();
    let bytes = axum::body::to_bytes(res.into_body(), 16 << 20).await?;
    Ok((ok && bytes.starts_with(b"{"), bytes.len()))
}

pub async fn session(state: &app::AppState, nip: &str) -> anyhow::Result<String> {
    let account: String = state
        .db
        .run(
            "SELECT VALUE record::id(id) FROM ONLY account WHERE employee = type::record('employee', $nip) LIMIT 1;",
            serde_json::json!({ "nip": nip }),
        )
        .await?
        .value(0)?;
    let token = auth::new_token();
    let sid = auth::session_id(&state.runtime.session_secret, &token);
    backend::repo::accounts::create_session(&state.db, &sid, &account, 3600).await?;
    Ok(format!("{}={token}", auth::SESSION_COOKIE))
}

/// Runs the report benchmark at each size and prints its figures.
pub async fn run(opts: ReportBench) -> anyhow::Result<()> {
    println!("Report benchmark — engine {}, {} timed reports per size", opts.engine, opts.samples);
    for &n in &opts.sizes {
        run_size(&opts, n).await?;
    }
    Ok(())
}

async fn run_size(opts: &ReportBench, n: usize) -> anyhow::Result<()> {
    let (dir, state, router) = crate::bench_feedback::bench_app(&format!("report-{n}"), &opts.engine).await?;
    let db = state.db.clone();
    let t = Instant::now();
    let seeded = seed::seed(&db, n, 2026).await?;
    let competencies = crate::bench_feedback::round_competencies(&db).await?;
    // Two closed rounds over the whole agency (history), with about 6 raters per person.
    let mut assignments = 0;
    for (key, year, growth) in [("prev", 2024, 0.0), ("last", 2025, 0.5)] {
        assignments +=
            demo::seed_round(&db, &round(key, year, competencies.clone()), 11, growth, [95, 95, 90, 85], 0, &[])
                .await?;
        fb::close_round(&db, "bench", key).await.map_err(anyhow::Error::from)?;
    }
    println!(
        "{n} employees: seeded with two closed rounds ({assignments} assignments, {} results) in {:.0} s",
        2 * n,
        t.elapsed().as_secs_f64()
    );

    // Reports: HR reading random people's reports, and people reading their own.
    let people: Vec<String> = db.rows("SELECT VALUE record::id(id) FROM employee;", serde_json::json!({})).await?;
    let logins: std::collections::HashMap<String, String> = seeded.demo_logins.into_iter().collect();
    let hr = session(&state, logins.get("admin").context("no admin")?).await?;
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut own = Vec::new();
    for _ in 0..50 {
        let nip = people[(next() % people.len() as u64) as usize].clone();
        own.push(session(&state, &nip).await?);
    }
    // Steady state: a warm-up pass over 300 people's reports (the engine settles after the bulk load; caches of
    // sessions, hierarchy, questionnaires and reference data fill).
    for i in 0..300 {
        let nip = &people[(i * 7919) % people.len()];
        call(&router, &hr, "/api/reports", format!("nip={nip}")).await?;
    }
    for (label, cookies) in [("HR reads anyone's", vec![hr.clone()]), ("a person reads their own", own)] {
        for c in &cookies {
            call(&router, c, "/api/reports", "nip=me".into()).await?;
        }
        let mut xs: Vec<Duration> = Vec::with_capacity(opts.samples);
        let mut bytes = 0;
        for i in 0..opts.samples {
            let cookie = &cookies[i % cookies.len()];
            let nip =
                if cookies.len() == 1 { people[(next() % people.len() as u64) as usize].clone() } else { "me".into() };
            let started = Instant::now();
            let (ok, size) = call(&router, cookie, "/api/reports", format!("nip={nip}")).await?;
            xs.push(started.elapsed());
            ensure!(ok, "report of {nip} failed");
            bytes += size;
        }
        let (p50, p95, max) = crate::bench::percentiles(xs);
        println!(
            "  report ({label}): p50 {p50:.2} ms, p95 {p95:.2} ms, max {max:.2} ms (target p95 ≤ 10 ms); {} KB per report",
            bytes / opts.samples / 1024
        );
    }

    // Where a report's time goes (p50 of each step, one at a time, for one person).
    {
        let nip = people[(next() % people.len() as u64) as usize].clone();
        let viewer = auth::resolve(&db, &state.runtime, hr.split('=').nth(1).unwrap_or_default())
            .await?
            .context("HR session")?;
        let steps = 200;
        let mut line = String::from("  one report, step by step (p50 ms):");
        let t = crate::bench::time_steps(steps, || backend::repo::org::employee(&db, &nip)).await?;
        line.push_str(&format!(" employee {t:.2};"));
        let t = crate::bench::time_steps(steps, || async {
            report::report_settings(&db).await.map_err(anyhow::Error::from)
        })
        .await?;
        line.push_str(&format!(" settings {t:.2};"));
        let t = crate::bench::time_steps(steps, || backend::repo::report::person_results(&db, &nip)).await?;
        line.push_str(&format!(" results of person {t:.2};"));
        let t = crate::bench::time_steps(steps, || backend::repo::feedback::result(&db, "last", &nip)).await?;
        line.push_str(&format!(" result {t:.2};"));
        let t = crate::bench::time_steps(steps, || backend::repo::plan::plan_items(&db, &nip)).await?;
        line.push_str(&format!(" plan {t:.2};"));
        let t = crate::bench::time_steps(steps, || backend::repo::training::trainings(&db)).await?;
        line.push_str(&format!(" catalog {t:.2};"));
        let t = crate::bench::time_steps(steps, || backend::repo::competency::standards(&db)).await?;
        line.push_str(&format!(" standards {t:.2};"));
        let t = crate::bench::time_steps(steps, || db.hierarchy()).await?;
        line.push_str(&format!(" hierarchy {t:.2};"));
        let subject = domain::Nip::parse(&nip)?;
        let t = crate::bench::time_steps(steps, || async {
            report::report_page(&db, &viewer, &subject, None).await.map_err(anyhow::Error::from)
        })
        .await?;
        line.push_str(&format!(" whole service {t:.2}"));
        println!("{line}");
    }

    // Training-needs analysis of the whole agency with a budget plan, as HR, through the router.
    let mut xs = Vec::new();
    let mut rows = 0;
    for _ in 0..5 {
        let started = Instant::now();
        let (ok, size) =
            call(&router, &hr, "/api/trainings/needs", "budget=2000000000&budget_unit=rupiah".into()).await?;
        xs.push(started.elapsed());
        ensure!(ok, "needs analysis failed");
        rows = size;
    }
    let (p50, _, max) = crate::bench::percentiles(xs);
    let viewer =
        auth::resolve(&db, &state.runtime, hr.split('=').nth(1).unwrap_or_default()).await?.context("HR session")?;
    let page =
        training::needs_page(&db, &viewer, None, Some(2_000_000_000), "rupiah").await.map_err(anyhow::Error::from)?;
    let plan = page.plan.context("a plan")?;
    println!(
        "  training-needs analysis, whole agency ({} people, {} below standard, {} trainings, Rp2 miliar budget → {} seats, \
         {:.0} of {:.0} gap points): p50 {p50:.0} ms, max {max:.0} ms (target ≤ 1 s); {} KB",
        page.people,
        page.people_with_gaps,
        page.rows.len(),
        plan.rows.iter().map(|r| r.1).sum::<u32>(),
        plan.gap_closed,
        plan.total_gap,
        rows / 1024
    );
    drop(router);
    drop(state);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
