//! `kinerja bench --suite crash`: nothing acknowledged is lost when the server dies. Runs this binary as a server on
//! an embedded SurrealKV database, lets many clients submit 360° assessments over HTTP, kills the server with SIGKILL
//! in the middle of the load and checks, on the same files, that every submission a client saw acknowledged is there
//! with exactly its answers and that no assessment is half-written. Then it kills the server again while a round is
//! being closed, restarts it, and checks that the closing resumes by itself and gives exactly the results of a clean
//! close of the same data. Prints the figures; fails (exit code) on any loss.

use anyhow::{Context, bail, ensure};
use backend::{Db, DbConfig};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What the crash benchmark runs.
#[derive(Debug, Clone)]
pub struct CrashBench {
    pub employees: usize,
    pub clients: usize,
}

/// A submission a client saw acknowledged: the assignment and the answers sent.
type Acked = (String, Vec<u8>);

/// The server under test: this binary, `serve`, on the benchmark's database.
struct Server {
    child: std::process::Child,
    base: String,
}

impl Server {
    async fn start(url: &str) -> anyhow::Result<Server> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let child = std::process::Command::new(std::env::current_exe()?)
            .args(["--db", url, "serve", "--addr", &format!("127.0.0.1:{port}")])
            .env("KINERJA_LOG", "warn")
            .env_remove("KINERJA_SEED_DEMO")
            .spawn()
            .context("starting the server")?;
        let server = Server { child, base: format!("http://127.0.0.1:{port}") };
        let started = Instant::now();
        let probe = reqwest::Client::new();
        loop {
            if let Ok(res) = probe.get(format!("{}/healthz", server.base)).send().await
                && res.status().is_success()
            {
                return Ok(server);
            }
            ensure!(started.elapsed() < Duration::from_secs(120), "the server did not answer within two minutes");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// SIGKILL: no shutdown code runs, nothing is flushed on the way out.
    fn kill(mut self) -> anyhow::Result<()> {
        self.child.kill().context("killing the server")?;
        self.child.wait()?;
        Ok(())
    }

    /// Ctrl-C: the server stops serving and exits on its own.
    fn stop(mut self) -> anyhow::Result<()> {
        let status = std::process::Command::new("kill").args(["-INT", &self.child.id().to_string()]).status()?;
        ensure!(status.success(), "could not signal the server");
        self.child.wait()?;
        Ok(())
    }
}

fn client() -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder().cookie_store(true).timeout(Duration::from_secs(120)).build()?)
}

async fn call(c: &reqwest::Client, base: &str, endpoint: &str, form: &[(String, String)]) -> anyhow::Result<Value> {
    let res = c.post(format!("{base}/api/{endpoint}")).header("Accept", "application/json").form(form).send().await?;
    let status = res.status();
    let text = res.text().await?;
    ensure!(status.is_success(), "{endpoint}: {status} {text}");
    Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn sign_in(c: &reqwest::Client, base: &str, who: &str) -> anyhow::Result<()> {
    let form = [
        ("identifier".to_string(), who.to_string()),
        ("password".into(), backend::services::seed::DEMO_PASSWORD.into()),
    ];
    // Many sign-ins at once wait for the password hashing, and may be told to come back: they do.
    for _ in 0..100 {
        match call(c, base, "auth/login", &form).await {
            Ok(_) => return Ok(()),
            Err(e) if e.to_string().contains("429") || e.to_string().contains("503") => {
                tokio::time::sleep(Duration::from_millis(200)).await
            }
            Err(e) => return Err(e),
        }
    }
    bail!("{who} could not sign in")
}

/// One client: signs in as `rater` and submits each assignment, recording what the server acknowledged.
async fn rater(base: String, rater: String, keys: Vec<String>, acked: Arc<std::sync::Mutex<Vec<Acked>>>) {
    let run = async {
        let c = client()?;
        sign_in(&c, &base, &rater).await?;
        for key in keys {
            let form = call(&c, &base, "feedback/form", &[("key".into(), key.clone())]).await?;
            let items: usize = form["questionnaire"]["competencies"]
                .as_array()
                .map(|cs| cs.iter().map(|c| c["items"].as_array().map_or(0, Vec::len)).sum())
                .unwrap_or(0);
            let answers: Vec<u8> = (0..items).map(|i| 1 + ((key.len() + i * 7 + rater.len()) % 5) as u8).collect();
            let mut args = vec![("key".to_string(), key.clone()), ("submit".into(), "1".into())];
            for (i, a) in answers.iter().enumerate() {
                args.push((format!("answers[{i}]"), a.to_string()));
            }
            args.push(("comments[0]".into(), format!("catatan {key}")));
            call(&c, &base, "feedback/save", &args).await?;
            if let Ok(mut list) = acked.lock() {
                list.push((key, answers));
            }
        }
        anyhow::Ok(())
    };
    // A client whose server died stops: what it had not seen acknowledged is not expected to be there.
    let _ = run.await;
}

async fn open_db(url: &str) -> anyhow::Result<Db> {
    backend::connect(&DbConfig { url: url.into(), ..DbConfig::memory() }).await
}

/// Every assignment of the round: key → (state, answers, submitted_at set).
async fn assignments(db: &Db, round: &str) -> anyhow::Result<HashMap<String, (String, Vec<u8>, bool)>> {
    let rows: Vec<(String, String, Vec<u8>, bool)> = db
        .rows(
            "SELECT VALUE [record::id(id), state, answers, submitted_at != NONE] FROM assesses
             WHERE round = type::record('round', $r);",
            json!({ "r": round }),
        )
        .await?;
    Ok(rows.into_iter().map(|(k, s, a, at)| (k, (s, a, at))).collect())
}

/// The results of a closed round, by ratee (what the report reads; the time it was computed left out).
async fn results(db: &Db, round: &str) -> anyhow::Result<BTreeMap<String, (String, String)>> {
    let rows: Vec<(String, String, String)> = db
        .rows(
            "SELECT VALUE [record::id(employee), data_json, summary_json] FROM round_result
             WHERE round = type::record('round', $r);",
            json!({ "r": round }),
        )
        .await?;
    Ok(rows.into_iter().map(|(n, d, s)| (n, (d, s))).collect())
}

async fn round_status(c: &reqwest::Client, base: &str, round: &str) -> anyhow::Result<String> {
    let rounds = call(c, base, "rounds", &[]).await?;
    let list = rounds["rounds"].as_array().cloned().unwrap_or_default();
    let found = list.iter().find(|r| r["key"] == round).context("the round is listed")?;
    Ok(found["status"].as_str().unwrap_or_default().to_string())
}

/// Runs the crash benchmark and prints its figures.
pub async fn run(opts: CrashBench) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("kinerja-bench-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let url = format!("surrealkv://{}", dir.join("db").display());
    let round = backend::services::seed::feedback::OPEN_ROUND;
    println!("crash benchmark — embedded SurrealKV, {} employees, {} clients", opts.employees, opts.clients);

    // The agency and its demo rounds (one open, partly answered), written before the server starts.
    let plan: Vec<(String, Vec<String>)> = {
        let db = open_db(&url).await?;
        backend::services::seed::seed(&db, opts.employees, 2026).await?;
        backend::services::seed::feedback::seed_feedback(&db, 2026, &[]).await?;
        let mut by_rater: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (key, (state, _, _)) in assignments(&db, round).await? {
            if state == "pending" || state == "draft" {
                let rater: Option<String> = db
                    .run("SELECT VALUE record::id(in) FROM ONLY type::record('assesses', $k);", json!({ "k": key }))
                    .await?
                    .value(0)?;
                by_rater.entry(rater.context("a rater")?).or_default().push(key);
            }
        }
        by_rater.into_iter().take(opts.clients).collect()
    };
    tokio::time::sleep(Duration::from_millis(500)).await;
    let planned: usize = plan.iter().map(|(_, k)| k.len()).sum();

    // 1. Submissions, killed midway.
    let server = Server::start(&url).await?;
    let acked: Arc<std::sync::Mutex<Vec<Acked>>> = Default::default();
    let started = Instant::now();
    let tasks: Vec<_> = plan
        .iter()
        .map(|(r, keys)| tokio::spawn(rater(server.base.clone(), r.clone(), keys.clone(), acked.clone())))
        .collect();
    let target = planned / 3;
    while acked.lock().map(|a| a.len()).unwrap_or(0) < target.max(1) {
        ensure!(started.elapsed() < Duration::from_secs(600), "the clients did not get going");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill()?;
    let load_secs = started.elapsed().as_secs_f64();
    for t in tasks {
        let _ = t.await;
    }
    let acked = acked.lock().map(|a| a.clone()).unwrap_or_default();

    // 2. On the same files: every acknowledged submission is there with its answers; nothing is half-written.
    let db = open_db(&url).await?;
    let stored = assignments(&db, round).await?;
    let mut lost = 0;
    for (key, answers) in &acked {
        match stored.get(key) {
            Some((state, a, at)) if state == "submitted" && a == answers && *at => {}
            _ => lost += 1,
        }
    }
    let half = stored.values().filter(|(state, a, at)| (state == "submitted") != (*at && !a.is_empty())).count();
    let submitted_now = stored.values().filter(|(s, _, _)| s == "submitted").count();
    println!(
        "  {} clients, {planned} submissions planned; killed after {load_secs:.1} s: acknowledged {}, present {}, \
         lost {lost}; half-written assessments {half}; submitted in all {submitted_now}",
        plan.len(),
        acked.len(),
        acked.len() - lost,
    );
    // A copy of this moment, for a clean close to compare with.
    let copy = dir.join("before-close.surql");
    backend::backup::backup(&db, &copy).await?;
    drop(db);
    tokio::time::sleep(Duration::from_millis(500)).await;

    // 3. Closing the round, killed midway; the restarted server resumes it by itself.
    let server = Server::start(&url).await?;
    let hr = client()?;
    sign_in(&hr, &server.base, "admin").await?;
    let closing = {
        let (hr, base) = (hr.clone(), server.base.clone());
        tokio::spawn(async move { call(&hr, &base, "rounds/close", &[("key".into(), round.into())]).await })
    };
    let mut seen = String::new();
    while seen != "closing" && seen != "closed" {
        seen = round_status(&hr, &server.base, round).await?;
    }
    server.kill()?;
    let _ = closing.await;
    let killed_while = seen;
    let restarted = Instant::now();
    let server = Server::start(&url).await?;
    let hr = client()?;
    sign_in(&hr, &server.base, "admin").await?;
    while round_status(&hr, &server.base, round).await? != "closed" {
        ensure!(restarted.elapsed() < Duration::from_secs(300), "the closing did not resume within five minutes");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let resumed_secs = restarted.elapsed().as_secs_f64();
    server.stop()?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let db = open_db(&url).await?;
    let after_crash = results(&db, round).await?;
    drop(db);

    // 4. The same data closed cleanly, in memory.
    let clean = backend::attach(&DbConfig::memory()).await?;
    backend::backup::restore(&clean, &copy, false).await?;
    backend::services::feedback::close_round(&clean, "bench", round).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let expected = results(&clean, round).await?;
    let differing = expected.iter().filter(|(nip, r)| after_crash.get(*nip) != Some(*r)).count()
        + after_crash.keys().filter(|nip| !expected.contains_key(*nip)).count();
    println!(
        "  closing killed while the round was {killed_while}; closed again {resumed_secs:.1} s after the restart: \
         {} results, a clean close of the same data {}, differing {differing}",
        after_crash.len(),
        expected.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
    ensure!(lost == 0 && half == 0, "acknowledged submissions were lost or half-written");
    ensure!(differing == 0 && !expected.is_empty(), "the resumed closing differs from a clean one");
    Ok(())
}
