//! `kinerja bench --suite feedback`: opening a round, sustained submissions end to end through the axum router and
//! the server functions (in process: each request is a full HTTP request object through routing, session
//! resolution, form decoding and the service; only the socket is left out), and closing a round, on an embedded SurrealKV database. Prints figures; checks only correctness
//! (every submission stored, no errors), never timings.

use anyhow::{Context, ensure};
use backend::repo::feedback::{self as repo, NewRound};
use backend::services::seed::feedback as demo;
use backend::services::{auth, feedback as fb, seed};
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::Mutex;

/// Options of the feedback benchmark.
pub struct FeedbackBench {
    pub employees: usize,
    pub clients: Vec<usize>,
    pub submissions: usize,
    pub engine: String,
}

fn round(key: &str, max_peers: u32, competencies: Vec<String>) -> NewRound {
    NewRound {
        key: key.into(),
        name: format!("Bench {key}"),
        period_start: "2026-01-01T00:00:00+07:00".into(),
        period_end: "2026-12-31T23:59:59+07:00".into(),
        units: vec![],
        competencies,
        opens: "2026-01-01T00:00:00+07:00".into(),
        closes: "2099-12-31T23:59:59+07:00".into(),
        threshold: 3,
        max_peers,
    }
}

/// A benchmark application: its database folder (`mem` keeps none), state and router.
pub async fn bench_app(name: &str, engine: &str) -> anyhow::Result<(std::path::PathBuf, app::AppState, axum::Router)> {
    let (dir, settings) = crate::bench::bench_settings(name, engine);
    let state = crate::build_state(&settings, crate::leptos_options("127.0.0.1:0".parse()?)).await?;
    let router = crate::router(state.clone());
    Ok((dir, state, router))
}

/// The managerial and socio-cultural competencies (those of the demo rounds).
pub async fn round_competencies(db: &backend::Db) -> anyhow::Result<Vec<String>> {
    Ok(backend::repo::competency::all(db)
        .await?
        .into_iter()
        .filter(|c| c.kind != domain::competency::CompetencyKind::Technical)
        .map(|c| c.key)
        .collect())
}

/// Runs the feedback benchmark and prints its figures.
pub async fn run(opts: FeedbackBench) -> anyhow::Result<()> {
    let (dir, state, router) = bench_app("fb", &opts.engine).await?;
    let db = state.db.clone();
    let n = opts.employees;
    println!("360° feedback benchmark — engine {}, {n} employees", opts.engine);
    seed::seed(&db, n, 2026).await?;
    let competencies = round_competencies(&db).await?;

    // Closing: a round with ~8 raters per person over 9 competencies, mostly answered.
    let t = Instant::now();
    let written =
        demo::seed_round(&db, &round("close", 6, competencies.clone()), 7, 0.0, [95, 95, 90, 90], 0, &[]).await?;
    let fill_secs = t.elapsed().as_secs_f64();
    let submitted: u64 = db
        .run(
            "RETURN count(SELECT id FROM assesses WHERE round = round:close AND state = 'submitted');",
            serde_json::json!({}),
        )
        .await?
        .value(0)?;
    let t = Instant::now();
    let report = fb::close_round(&db, "bench", "close").await.map_err(anyhow::Error::from)?;
    let close_secs = t.elapsed().as_secs_f64();
    ensure!(report.written == n, "closing wrote {} results for {n} people", report.written);
    println!(
        "closing: {} assignments ({:.1} raters/person, {} submitted) × {} competencies → {} results in {:.2} s \
         (target ≤ 5 s; writing the answers took {:.1} s)",
        written,
        written as f64 / n as f64,
        submitted,
        competencies.len(),
        report.written,
        close_secs,
        fill_secs
    );
    let t = Instant::now();
    let again = fb::close_round(&db, "bench", "close").await.map_err(anyhow::Error::from)?;
    ensure!(again.written == 0);
    println!("closing again (idempotent): {:.3} s, 0 written", t.elapsed().as_secs_f64());

    // Opening: assignments generated from the graph.
    repo::create_round(&db, &round("submit", 6, competencies.clone()), "bench").await?;
    let t = Instant::now();
    let opened = fb::open_round(&db, "bench", "submit").await.map_err(anyhow::Error::from)?;
    println!("opening: {opened} assignments for {n} people in {:.2} s", t.elapsed().as_secs_f64());

    // Submissions: each client is a person with their own session, submitting every assignment in their inbox
    // through POST /api/feedback/save, one after another.
    let items = fb::questionnaire(&db, "submit").await.map_err(anyhow::Error::from)?.item_count();
    let rows: Vec<(String, String)> = db
        .rows(
            "SELECT VALUE [record::id(in), record::id(id)] FROM assesses WHERE round = round:submit AND state = 'pending';",
            serde_json::json!({}),
        )
        .await?;
    let mut by_rater: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for (rater, key) in rows {
        by_rater.entry(rater).or_default().push(key);
    }
    let accounts: std::collections::HashMap<String, String> = db
        .rows("SELECT VALUE [record::id(employee), record::id(id)] FROM account;", serde_json::json!({}))
        .await?
        .into_iter()
        .collect::<Vec<(String, String)>>()
        .into_iter()
        .collect();
    let mut raters: VecDeque<(String, Vec<String>)> = by_rater.into_iter().collect();

    // The cost of each step of one submission, one at a time (no concurrency), to see where the time goes.
    {
        let (rater, keys) = raters.pop_front().context("no raters")?;
        let account = accounts.get(&rater).context("rater without account")?;
        let token = auth::new_token();
        let sid = auth::session_id(&state.runtime.session_secret, &token);
        backend::repo::accounts::create_session(&db, &sid, account, 3600).await?;
        let key = keys[0].clone();
        let steps = 200;
        let mut line = String::from("one submission, step by step (p50 ms):");
        let t = crate::bench::time_steps(steps, || auth::resolve(&db, &state.runtime, &token)).await?;
        line.push_str(&format!(" session {t:.2};"));
        let t = crate::bench::time_steps(steps, || repo::assignment_state(&db, &key)).await?;
        line.push_str(&format!(" assignment read {t:.2};"));
        let t = crate::bench::time_steps(steps, || db.hierarchy()).await?;
        line.push_str(&format!(" hierarchy check {t:.2};"));
        let draft = vec![4u8; items];
        let comments = vec![String::new(); 9];
        let t = crate::bench::time_steps(steps, || repo::save_answers(&db, &key, "submit", &draft, &comments, false))
            .await?;
        line.push_str(&format!(" draft write {t:.2};"));
        let viewer = auth::resolve(&db, &state.runtime, &token).await?.context("no viewer")?;
        let t = crate::bench::time_steps(steps, || async {
            fb::save(&db, &viewer, &key, draft.clone(), vec![], false).await.map_err(anyhow::Error::from)
        })
        .await?;
        line.push_str(&format!(" whole draft save (service) {t:.2}"));
        // The same draft save as a browser sends it: through the router, session cookie and form decoding.
        let cookie = format!("{}={token}", auth::SESSION_COOKIE);
        let body: String =
            (0..items).map(|i| format!("answers%5B{i}%5D=4&")).collect::<String>() + &format!("key={key}");
        let http = crate::bench::time_steps(steps, || {
            let req = axum::http::Request::post("/api/feedback/save")
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", &cookie)
                .body(axum::body::Body::from(body.clone()));
            let router = router.clone();
            async move {
                let res = tower::ServiceExt::oneshot(router, req?).await?;
                anyhow::ensure!(res.status().is_success());
                axum::body::to_bytes(res.into_body(), 1 << 20).await?;
                Ok(())
            }
        })
        .await?;
        line.push_str(&format!("; over HTTP {http:.2}"));
        println!("{line}");
        // Where the write's time goes: the same edge updated without the round check, with a bare field, and a
        // bare update of a schemaless record (no indexes, no event).
        let bare = |sql: &'static str| {
            let db = db.clone();
            let key = key.clone();
            move || {
                let db = db.clone();
                let key = key.clone();
                async move { db.run(sql, serde_json::json!({ "key": key })).await }
            }
        };
        let a = crate::bench::time_steps(steps, bare("UPDATE type::record('assesses', $key) SET answers = [4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4], saved_at = time::now() WHERE state IN ['pending', 'draft'];")).await?;
        let b =
            crate::bench::time_steps(steps, bare("UPDATE type::record('assesses', $key) SET saved_at = time::now();"))
                .await?;
        db.run("CREATE scratch:one SET n = 0;", serde_json::json!({})).await?;
        let c = crate::bench::time_steps(steps, bare("UPDATE scratch:one SET n += 1;")).await?;
        let d = crate::bench::time_steps(steps, bare("RETURN 1;")).await?;
        println!(
            "write anatomy (p50 ms): answers without the round check {a:.2}; one field {b:.2}; \
             schemaless record {c:.2}; empty query {d:.2}"
        );
    }
    // The form body of a complete answer, as a browser posts it (brackets percent-encoded).
    let answers: String = (0..items).map(|i| format!("answers%5B{i}%5D=4&")).collect();
    println!(
        "{:>8} {:>12} {:>10} {:>12} {:>8} {:>22} {:>16}",
        "clients", "submissions", "seconds", "per second", "errors", "latency p50/p95 ms", "CPU ms/submission"
    );
    for &clients in &opts.clients {
        // Sessions for the next raters, created the way sign-in creates them (without hashing passwords).
        let mut work = VecDeque::new();
        let mut count = 0;
        while count < opts.submissions {
            let Some((rater, keys)) = raters.pop_front() else { break };
            let account = accounts.get(&rater).context("rater without account")?;
            let token = auth::new_token();
            let sid = auth::session_id(&state.runtime.session_secret, &token);
            backend::repo::accounts::create_session(&db, &sid, account, 3600).await?;
            count += keys.len();
            work.push_back((token, keys));
        }
        let total: usize = work.iter().map(|(_, k)| k.len()).sum();
        let queue = Arc::new(Mutex::new(work));
        let errors = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let latencies = Arc::new(Mutex::new(Vec::with_capacity(total)));
        let cpu_before = crate::bench::process_cpu();
        let t = Instant::now();
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..clients {
            let (queue, errors, latencies, router, answers) =
                (queue.clone(), errors.clone(), latencies.clone(), router.clone(), answers.clone());
            tasks.spawn(async move {
                loop {
                    let Some((token, keys)) = queue.lock().await.pop_front() else { break };
                    let cookie = format!("{}={token}", auth::SESSION_COOKIE);
                    for key in keys {
                        let body = format!("{answers}key={key}&submit=1");
                        let started = Instant::now();
                        let req = axum::http::Request::post("/api/feedback/save")
                            .header("Accept", "application/json")
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Cookie", &cookie)
                            .body(axum::body::Body::from(body));
                        let ok = match req {
                            Ok(req) => match tower::ServiceExt::oneshot(router.clone(), req).await {
                                Ok(res) if res.status().is_success() => axum::body::to_bytes(res.into_body(), 1 << 20)
                                    .await
                                    .map(|b| String::from_utf8_lossy(&b).contains("Submitted"))
                                    .unwrap_or(false),
                                _ => false,
                            },
                            Err(_) => false,
                        };
                        if !ok {
                            errors.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        }
                        latencies.lock().await.push(started.elapsed());
                    }
                }
            });
        }
        while let Some(done) = tasks.join_next().await {
            done?;
        }
        let secs = t.elapsed().as_secs_f64();
        let cpu = match (cpu_before, crate::bench::process_cpu()) {
            (Some(a), Some(b)) => format!("{:.3}", (b - a).as_secs_f64() * 1000.0 / total.max(1) as f64),
            _ => "–".into(),
        };
        let errors = errors.load(std::sync::atomic::Ordering::Relaxed);
        let (p50, p95, _) = crate::bench::percentiles(std::mem::take(&mut *latencies.lock().await));
        println!(
            "{:>8} {:>12} {:>10.2} {:>12.0} {:>8} {:>13.1} / {:<7.1} {:>16}",
            clients,
            total,
            secs,
            total as f64 / secs,
            errors,
            p50,
            p95,
            cpu
        );
    }
    let stored: u64 = db
        .run(
            "RETURN count(SELECT id FROM assesses WHERE round = round:submit AND state = 'submitted');",
            serde_json::json!({}),
        )
        .await?
        .value(0)?;
    println!("stored submissions: {stored} (target ≥ 2,000/s, 0 errors)");
    drop(router);
    drop(state);
    drop(db);
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
