//! `spawn_app` and one helper per endpoint.

use backend::services::seed;
use reqwest::redirect::Policy;
use reqwest::{Client, StatusCode};
use serde_json::Value;
use server::settings::Settings;
use std::collections::HashMap;

pub const PASSWORD: &str = seed::DEMO_PASSWORD;

pub struct TestApp {
    pub base: String,
    pub db: backend::Db,
    pub logins: HashMap<String, String>,
    pub handle: tokio::task::JoinHandle<()>,
}

/// Starts the server on a free port with a small seeded agency, on an in-memory database — or, when the suite runs
/// with `KINERJA_TEST_DB=ws` (the README's test command does this once for a representative part of it), on a
/// database of its own on a real SurrealDB server reached over `ws://`.
pub async fn spawn_app() -> TestApp {
    if std::env::var("KINERJA_TEST_DB").is_ok_and(|v| v == "ws") {
        return spawn_on(remote_settings(&fresh_database()), true).await;
    }
    spawn_with_db("mem://", true).await
}

/// Starts the server on `db_url`; seeds a 60-person agency when `seed` is set.
pub async fn spawn_with_db(db_url: &str, seed_it: bool) -> TestApp {
    spawn_on(Settings { db_url: db_url.into(), ..Settings::default() }, seed_it).await
}

/// The SurrealDB server of this test process: `surreal start --user root --pass root memory` (the tools folder's
/// build of the SDK's exact version) on a free port, started on first use and stopped when the process ends.
/// Returns its `ws://` URL.
pub fn surreal_server() -> &'static str {
    static URL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    URL.get_or_init(|| {
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        // The shell stops the server when this process (its parent) is gone, however the tests end.
        let script = format!(
            "surreal start --no-banner --log warn --user root --pass root --bind 127.0.0.1:{port} memory & server=$!; \
             while kill -0 {parent} 2>/dev/null && kill -0 $server 2>/dev/null; do sleep 1; done; kill $server",
            parent = std::process::id()
        );
        let mut watcher = std::process::Command::new("sh")
            .args(["-c", &script])
            .stdin(std::process::Stdio::null())
            .spawn()
            .expect("starting `surreal` (scripts/tools.sh builds it into the tools folder)");
        std::thread::spawn(move || watcher.wait());
        let started = std::time::Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed().as_secs() < 60, "the SurrealDB server did not start within a minute");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        format!("ws://127.0.0.1:{port}")
    })
}

/// A database name not used before on the shared server.
pub fn fresh_database() -> String {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    format!("t{}", NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

/// Settings of an instance on `database` of the test process's SurrealDB server, with root credentials.
pub fn remote_settings(database: &str) -> Settings {
    Settings {
        db_url: surreal_server().to_string(),
        db_namespace: "kinerja".into(),
        db_database: database.into(),
        db_username: Some("root".into()),
        db_password: Some("root".into()),
        ..Settings::default()
    }
}

/// Starts the server with `settings` (on a free port, without the demo seeding of `serve`); seeds a 60-person
/// agency when `seed_it` is set.
pub async fn spawn_on(settings: Settings, seed_it: bool) -> TestApp {
    // `TEST_LOG=1 cargo test` shows the server's logs.
    if std::env::var("TEST_LOG").is_ok() {
        let _ = tracing_subscriber::fmt().with_env_filter("info").with_test_writer().try_init();
    }
    let settings = Settings { addr: "127.0.0.1:0".into(), seed_demo: false, log: "warn".into(), ..settings };
    // An embedded database this process has just closed is released in the background: wait for its lock (a busy
    // machine may take seconds) rather than fail.
    let started = std::time::Instant::now();
    let application = loop {
        match server::Application::build(&settings).await {
            Err(e) if format!("{e:#}").contains("already locked") && started.elapsed().as_secs() < 60 => {
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
            other => break other.expect("server starts"),
        }
    };
    let base = format!("http://{}", application.addr());
    let db = application.state.db.clone();
    let mut logins = HashMap::new();
    if seed_it {
        let report = seed::seed(&db, 60, 7).await.expect("seeding works");
        logins = report.demo_logins.into_iter().collect();
    }
    let handle = tokio::spawn(async move {
        let _ = application.run().await;
    });
    TestApp { base, db, logins, handle }
}

/// A browser-like client with its own cookie jar that does not follow redirects.
/// A browser-like client. A request that gets no answer in two minutes fails the test with its URL instead of
/// hanging the whole suite (and CI) until its time runs out.
pub fn client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .timeout(std::time::Duration::from_secs(120))
        .build()
        .expect("client")
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn nip(&self, username: &str) -> String {
        self.logins.get(username).cloned().unwrap_or_else(|| panic!("no demo login {username}"))
    }

    /// Calls a server function (form-encoded arguments, JSON answer).
    pub async fn call(&self, client: &Client, endpoint: &str, args: &[(&str, &str)]) -> (StatusCode, Value) {
        let res = client
            .post(self.url(&format!("/api/{endpoint}")))
            .header("Accept", "application/json")
            .form(args)
            .send()
            .await
            .expect("request");
        let status = res.status();
        let text = res.text().await.unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    pub async fn login(&self, client: &Client, identifier: &str, password: &str) -> (StatusCode, Value) {
        self.call(client, "auth/login", &[("identifier", identifier), ("password", password)]).await
    }

    /// A client signed in as a demo user.
    pub async fn signed_in(&self, username: &str) -> Client {
        let c = client();
        let (status, body) = self.login(&c, username, PASSWORD).await;
        assert!(status.is_success() || status.is_redirection(), "login {username}: {status} {body}");
        c
    }

    /// Loads a page the way a browser does (`Accept: text/html`).
    pub async fn page(&self, client: &Client, path: &str) -> (StatusCode, String) {
        let res = client.get(self.url(path)).header("Accept", "text/html").send().await.expect("request");
        let status = res.status();
        (status, res.text().await.unwrap_or_default())
    }

    /// Posts a `multipart/form-data` form the way a browser does (the fields, then one file named `file`). Returns
    /// the status and the redirect's `Location`, or the body when there is none.
    pub async fn upload(
        &self,
        client: &Client,
        path: &str,
        fields: &[(&str, &str)],
        (file_name, bytes): (&str, &[u8]),
    ) -> (StatusCode, String) {
        let boundary = "----kinerja-test-7MA4YWxkTrZu0gW";
        let mut body = Vec::new();
        for (k, v) in fields {
            body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").bytes());
        }
        body.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend(format!("\r\n--{boundary}--\r\n").bytes());
        let res = client
            .post(self.url(path))
            .header("Content-Type", format!("multipart/form-data; boundary={boundary}"))
            .body(body)
            .send()
            .await
            .expect("request");
        let status = res.status();
        match res.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_string) {
            Some(location) => (status, location),
            None => (status, res.text().await.unwrap_or_default()),
        }
    }

    pub async fn profile(&self, client: &Client, nip: &str) -> (StatusCode, Value) {
        self.call(client, "org/employee", &[("nip", nip)]).await
    }
}
