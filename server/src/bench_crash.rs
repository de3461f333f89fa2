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
use std::sync::atomic::{AtomicUsize, Ordering};
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
            .env("KINERJA_LOG", "error")
            // Each client comes from an address of its own, as through a proxy (one address signing in 200 people
            // at once is throttled, as it should be).
            .env("KINERJA_CLIENT_IP_HEADER", "x-forwarded-for")
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

/// Runs this binary with `args` on the benchmark's database and waits for it. (The benchmark itself opens the
/// database only at the end: an embedded store stays locked by the process that opened it.)
fn command(url: &str, args: &[&str]) -> anyhow::Result<()> {
    let status = std::process::Command::new(std::env::current_exe()?)
        .args(["--db", url])
        .args(args)
        .env("KINERJA_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .status()
        .with_context(|| format!("running kinerja {}", args.join(" ")))?;
    ensure!(status.success(), "kinerja {} failed", args.join(" "));
    Ok(())
}

fn client() -> anyhow::Result<reqwest::Client> {
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-forwarded-for", format!("10.0.{}.{}", n / 250, n % 250 + 1).parse()?);
    Ok(reqwest::Client::builder()
        .cookie_store(true)
        .default_headers(headers)
        .timeout(Duration::from_secs(120))
        .build()?)
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

/// One client: signs in as `rater` and submits each of their open assessments, recording what the server
/// acknowledged.
async fn rater(
    base: String,
    rater: String,
    (planned, ready): (Arc<AtomicUsize>, Arc<AtomicUsize>),
    acked: Arc<std::sync::Mutex<Vec<Acked>>>,
) {
    let counted = std::sync::atomic::AtomicBool::new(false);
    let run = async {
        let c = client()?;
        sign_in(&c, &base, &rater).await?;
        let inbox = call(&c, &base, "feedback", &[]).await?;
        let keys: Vec<String> = inbox["items"]
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter(|i| i["state"] == "pending" || i["state"] == "draft")
                    .filter_map(|i| i["key"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        planned.fetch_add(keys.len(), Ordering::Relaxed);
        ready.fetch_add(1, Ordering::Relaxed);
        counted.store(true, Ordering::Relaxed);
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
    if !counted.load(Ordering::Relaxed) {
        ready.fetch_add(1, Ordering::Relaxed);
    }
}

/// Raters with open assessments in the round, from HR's list of who has not finished (`pending.csv`).
async fn pending_raters(hr: &reqwest::Client, base: &str, round: &str) -> anyhow::Result<Vec<String>> {
    let csv = hr.get(format!("{base}/rounds/{round}/pending.csv")).send().await?.error_for_status()?.text().await?;
    Ok(csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .map(|nip| nip.trim_matches(['\'', '"']).to_string())
        .filter(|nip| nip.len() == 18)
        .collect())
}

async fn open_db(url: &str) -> anyhow::Result<Db> {
    backend::open(&DbConfig { url: url.into(), ..DbConfig::memory() }).await
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

    // The agency and its demo rounds (one open, partly answered).
    command(&url, &["seed", "--employees", &opts.employees.to_string(), "--feedback"])?;

    // 1. Submissions, killed midway.
    let server = Server::start(&url).await?;
    let hr = client()?;
    sign_in(&hr, &server.base, "admin").await?;
    let raters: Vec<String> = pending_raters(&hr, &server.base, round).await?.into_iter().take(opts.clients).collect();
    let (planned, ready): (Arc<AtomicUsize>, Arc<AtomicUsize>) = Default::default();
    let acked: Arc<std::sync::Mutex<Vec<Acked>>> = Default::default();
    let started = Instant::now();
    let tasks: Vec<_> = raters
        .iter()
        .map(|r| {
            let counters = (planned.clone(), ready.clone());
            tokio::spawn(rater(server.base.clone(), r.clone(), counters, acked.clone()))
        })
        .collect();
    // Killed once every client is signed in and submitting, and a third of what they planned is acknowledged.
    loop {
        let done = acked.lock().map(|a| a.len()).unwrap_or(0);
        let all_in = ready.load(Ordering::Relaxed) >= raters.len();
        if all_in && done >= (planned.load(Ordering::Relaxed) / 3).max(1) {
            break;
        }
        ensure!(started.elapsed() < Duration::from_secs(900), "the clients did not get going");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill()?;
    let load_secs = started.elapsed().as_secs_f64();
    for t in tasks {
        let _ = t.await;
    }
    let acked = acked.lock().map(|a| a.clone()).unwrap_or_default();

    // 2. A copy of the data as the crash left it (opened afresh: the store recovers), for a clean close.
    let copy = dir.join("before-close.surql");
    command(&url, &["backup", &copy.display().to_string()])?;

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

    // On the same files: every acknowledged submission is there with its answers; nothing is half-written.
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
    println!(
        "  {} clients, {} submissions planned; killed after {load_secs:.1} s: acknowledged {}, present {}, \
         lost {lost}; half-written assessments {half}",
        raters.len(),
        planned.load(Ordering::Relaxed),
        acked.len(),
        acked.len() - lost,
    );
    let after_crash = results(&db, round).await?;
    drop(db);

    // 4. The same data closed cleanly, in memory.
    let clean = backend::attach(&DbConfig::memory()).await?;
    backend::backup::restore(&clean, &copy, false).await?;
    backend::services::feedback::close_round(&clean, "bench", round).await.map_err(anyhow::Error::from)?;
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
