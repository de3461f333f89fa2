//! Unit tests of the server binary's parts (edge checks, settings, bench helpers). They live here rather than in
//! `server/src` so that the workspace has only two test binaries that link SurrealDB (`backend` and this one).

mod edge {
    use axum::http::{HeaderMap, HeaderValue, header};
    use server::edge::{EdgeConfig, same_origin};

    fn with(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(header::HeaderName::from_static(k), HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn requests_from_our_own_pages_pass_and_forged_origins_do_not() {
        let c = EdgeConfig::default();
        assert!(same_origin(&c, &with(&[("host", "127.0.0.1:3000"), ("origin", "http://127.0.0.1:3000")])));
        assert!(same_origin(&c, &with(&[("host", "127.0.0.1:3000"), ("referer", "http://127.0.0.1:3000/login")])));
        assert!(same_origin(&c, &with(&[("host", "127.0.0.1:3000")])), "not a browser page");
        assert!(!same_origin(&c, &with(&[("host", "127.0.0.1:3000"), ("origin", "http://evil.example")])));
        assert!(!same_origin(&c, &with(&[("host", "127.0.0.1:3000"), ("origin", "null")])));
        assert!(!same_origin(
            &c,
            &with(&[("host", "kinerja.go.id"), ("origin", "https://kinerja.go.id.evil.example")])
        ));
        assert!(!same_origin(&c, &with(&[("host", "127.0.0.1:3000"), ("referer", "http://evil.example/x")])));
        assert!(!same_origin(&c, &with(&[("host", "127.0.0.1:3000"), ("sec-fetch-site", "cross-site")])));
    }

    #[test]
    fn behind_a_proxy_the_public_url_is_our_origin() {
        let c = EdgeConfig::new(Some("https://Kinerja.example.go.id/app"), false);
        assert!(c.https);
        let h = with(&[("host", "10.0.0.5:3000"), ("origin", "https://kinerja.example.go.id")]);
        assert!(same_origin(&c, &h));
        let h = with(&[("host", "10.0.0.5:3000"), ("origin", "http://kinerja.example.go.id")]);
        assert!(!same_origin(&c, &h), "another scheme is another origin");
    }
}

mod bench {
    use server::bench::{percentiles, process_cpu};
    use std::time::Duration;

    #[test]
    fn process_cpu_grows_with_work() {
        let Some(before) = process_cpu() else { return };
        // Work until the counter moves (however busy the machine is); only a counter that never moves fails.
        let mut x = 0u64;
        let t = std::time::Instant::now();
        let mut after = before;
        while after < before + Duration::from_millis(30) && t.elapsed() < Duration::from_secs(30) {
            for _ in 0..100_000 {
                x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(7));
            }
            after = process_cpu().unwrap_or_default();
        }
        assert!(after >= before + Duration::from_millis(30), "{before:?} -> {after:?} ({x})");
    }

    #[test]
    fn percentiles_pick_ranked_samples() {
        let xs: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let (p50, p95, max) = percentiles(xs);
        assert!((p50 - 50.0).abs() <= 1.0);
        assert!((p95 - 95.0).abs() <= 1.0);
        assert_eq!(max, 100.0);
    }
}

mod settings {
    use server::settings::Settings;
    use std::collections::HashMap;

    #[test]
    fn environment_overrides_defaults() {
        let env: HashMap<&str, &str> =
            [("KINERJA_ADDR", "0.0.0.0:8080"), ("KINERJA_DB_URL", "mem://"), ("KINERJA_SEED_DEMO", "no")].into();
        let mut s = Settings::default();
        s.apply_env(|k| env.get(k).map(|v| v.to_string())).unwrap();
        assert_eq!(s.addr, "0.0.0.0:8080");
        assert_eq!(s.db_url, "mem://");
        assert!(!s.seed_demo);
    }

    #[test]
    fn bad_values_are_refused_with_a_clear_message() {
        let mut s = Settings { addr: "localhost".into(), ..Settings::default() };
        assert!(s.validate().unwrap_err().to_string().contains("HOST:PORT"));
        s.addr = "127.0.0.1:1".into();
        s.db_url = "postgres://x".into();
        assert!(s.validate().unwrap_err().to_string().contains("surrealkv://"));
    }

    #[test]
    fn a_toml_file_is_read() {
        let s: Settings = toml::from_str("addr = \"127.0.0.1:4000\"\ndb_url = \"ws://db:8000\"").unwrap();
        assert_eq!(s.addr, "127.0.0.1:4000");
        assert_eq!(s.db_namespace, "kinerja");
    }
}

mod assets {
    use axum::body::{Body, to_bytes};
    use axum::http::{Request, StatusCode, header};
    use server::assets::{cache_control, hashed_files_present, routes, stylesheet};
    use std::path::{Path, PathBuf};
    use tower::ServiceExt;

    /// A built site: `pkg` with hashed names and their precompressed copies, ECharts and a public file.
    fn site(name: &str) -> PathBuf {
        let root = std::env::temp_dir().join(format!("kinerja-site-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for (path, body) in [
            ("pkg/kinerja.W1.wasm", "wasm".as_bytes()),
            ("pkg/kinerja.W1.wasm.br", b"wasm, brotli"),
            ("pkg/kinerja.W1.wasm.gz", b"wasm, gzip"),
            ("pkg/kinerja.J1.js", b"js"),
            ("pkg/kinerja.C1.css", b"css"),
            ("vendor/echarts-5.5.1-0123abcd.js", b"echarts"),
            ("vendor/echarts-5.5.1-0123abcd.js.gz", b"echarts, gzip"),
            ("forms.js", b"forms"),
            ("hash.txt", b"wasm: W1\njs: J1\ncss: C1\n"),
        ] {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, body).unwrap();
        }
        root
    }

    async fn get(root: &Path, hashed: bool, path: &str, accept: &str) -> (StatusCode, header::HeaderMap, String) {
        let req = Request::get(path).header(header::ACCEPT_ENCODING, accept).body(Body::empty()).unwrap();
        let res = routes::<()>(root, "pkg", hashed).oneshot(req).await.unwrap();
        let (parts, body) = res.into_parts();
        let body = to_bytes(body, 1 << 20).await.unwrap();
        (parts.status, parts.headers, String::from_utf8_lossy(&body).into_owned())
    }

    #[test]
    fn a_hash_file_counts_only_when_the_files_it_names_are_there() {
        let root = site("hashes");
        let pkg = root.join("pkg");
        assert!(hashed_files_present("wasm: W1\njs: J1\ncss: C1\n", &pkg, "kinerja"));
        assert!(!hashed_files_present("wasm: W2\njs: J1\ncss: C1\n", &pkg, "kinerja"), "a stale hash file");
        assert!(!hashed_files_present("", &pkg, "kinerja"), "an empty hash file");
        assert!(!hashed_files_present("wasm: W1\n", &pkg, "other"));
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn only_names_that_change_with_their_content_are_cached_for_good() {
        assert!(cache_control("/pkg/kinerja.W1.wasm", true).contains("immutable"));
        assert_eq!(cache_control("/pkg/kinerja.wasm", false), "no-cache", "an unhashed build");
        assert!(cache_control("/vendor/echarts-5.5.1-0123abcd.js", false).contains("immutable"));
        assert_eq!(cache_control("/forms.js", true), "no-cache");
        assert_eq!(cache_control("/favicon.svg", true), "no-cache");
    }

    #[tokio::test]
    async fn static_files_are_sent_precompressed_when_the_browser_takes_it() {
        let root = site("serve");
        let (status, h, body) = get(&root, true, "/pkg/kinerja.W1.wasm", "gzip, deflate, br").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(h[header::CONTENT_ENCODING], "br");
        assert_eq!(body, "wasm, brotli");
        assert_eq!(h[header::CONTENT_TYPE], "application/wasm");
        assert_eq!(h[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
        assert!(h[header::VARY].to_str().unwrap().to_ascii_lowercase().contains("accept-encoding"));

        let (_, h, body) = get(&root, true, "/pkg/kinerja.W1.wasm", "gzip").await;
        assert_eq!((h[header::CONTENT_ENCODING].to_str().unwrap(), body.as_str()), ("gzip", "wasm, gzip"));
        let (_, h, body) = get(&root, true, "/pkg/kinerja.W1.wasm", "identity").await;
        assert!(h.get(header::CONTENT_ENCODING).is_none());
        assert_eq!(body, "wasm");

        // Without a compressed copy the file itself goes (the server's compression layer may still compress it).
        let (status, h, body) = get(&root, true, "/pkg/kinerja.J1.js", "br").await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "js"));
        assert!(h.get(header::CONTENT_ENCODING).is_none());

        let (_, h, body) = get(&root, false, "/vendor/echarts-5.5.1-0123abcd.js", "br, gzip").await;
        assert_eq!((h[header::CONTENT_ENCODING].to_str().unwrap(), body.as_str()), ("gzip", "echarts, gzip"));
        assert!(h[header::CACHE_CONTROL].to_str().unwrap().contains("immutable"));

        let (_, h, _) = get(&root, false, "/pkg/kinerja.W1.wasm", "br").await;
        assert_eq!(h[header::CACHE_CONTROL], "no-cache", "names not known to be hashed are revalidated");
        let (status, h, body) = get(&root, true, "/forms.js", "br").await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "forms"));
        assert_eq!(h[header::CACHE_CONTROL], "no-cache");

        let (status, h, _) = get(&root, true, "/pkg/kinerja.nothere.wasm", "br").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(h.get(header::CACHE_CONTROL).is_none(), "a miss is not cached");
        let (status, _, _) = get(&root, true, "/pkg/../hash.txt", "").await;
        assert_ne!(status, StatusCode::OK, "nothing outside the served folders");
        std::fs::remove_dir_all(root).unwrap();
    }

    #[tokio::test]
    async fn the_texts_of_each_language_are_served_under_their_name_for_a_year() {
        use i18n::{Lang, T};
        let root = site("texts");
        for lang in [Lang::Id, Lang::En] {
            let (status, h, body) = get(&root, false, &i18n::table_href(i18n::table_name(lang)), "").await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(h[header::CONTENT_TYPE], "text/plain; charset=utf-8");
            assert!(h[header::CACHE_CONTROL].to_str().unwrap().contains("immutable"), "named by its content");
            let texts = i18n::split_table(&body).expect("one text per key");
            assert_eq!(texts[T::SignIn as usize], lang.t(T::SignIn));
        }
        let (status, _, _) = get(&root, true, "/texts/id.0000000000000000.txt", "").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "another build's texts");
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn pages_outside_the_shell_link_the_stylesheet_the_build_named() {
        let root = site("css");
        let hashed = leptos::config::LeptosOptions::builder()
            .output_name("kinerja")
            .hash_files(true)
            .hash_file(root.join("hash.txt").to_string_lossy().into())
            .build();
        assert_eq!(stylesheet(&hashed), "/pkg/kinerja.C1.css");
        let plain = leptos::config::LeptosOptions::builder().output_name("kinerja").build();
        assert_eq!(stylesheet(&plain), "/pkg/kinerja.css");
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn a_pages_preloads_go_out_inert_to_start_after_the_paint_the_builds_at_a_low_priority() {
        use server::assets::after_paint;
        let head = concat!(
            r#"<link rel="stylesheet" href="/pkg/kinerja.C1.css">"#,
            r#"<link rel="preload" href="/pkg/abc_split.wasm" as="fetch" type="application/wasm" crossorigin="n">"#,
            r#"<link rel="modulepreload" href="/pkg/__wasm_split.X.js" crossorigin="n">"#,
            r#"<link rel="preload" href="/pkg/kinerja.W1.wasm" as="fetch" fetchpriority="low">"#,
            r#"<link rel="preload" href="/vendor/echarts.js" as="script">"#,
            "<p>preload</p>",
        );
        let inert = after_paint(head, "/pkg/").expect("four preloads");
        assert_eq!(inert.matches(r#"rel="kinerja-after-paint""#).count(), 4, "{inert}");
        assert_eq!(inert.matches(r#"fetchpriority="low""#).count(), 3, "{inert}");
        assert!(inert.contains(
            r#"<link fetchpriority="low" rel="kinerja-after-paint" data-rel="preload" href="/pkg/abc_split.wasm""#
        ));
        assert!(inert.contains(
            r#"<link fetchpriority="low" rel="kinerja-after-paint" data-rel="modulepreload" href="/pkg/__wasm_split.X.js""#
        ));
        assert!(inert.contains(r#"<link rel="stylesheet" href="/pkg/kinerja.C1.css">"#), "not a preload");
        assert!(
            inert.contains(
                r#"<link rel="kinerja-after-paint" data-rel="preload" href="/vendor/echarts.js" as="script">"#
            ),
            "not the build's: inert, its priority its own"
        );
        assert!(inert.ends_with("<p>preload</p>"));
        let back = inert
            .replace(r#"<link fetchpriority="low" "#, "<link ")
            .replace(r#"rel="kinerja-after-paint" data-rel="#, "rel=");
        assert_eq!(back, head, "nothing else changed");
        assert_eq!(after_paint("<p>no links</p>", "/pkg/"), None);
        // A part's preloads are written by Leptos and again by the page's render (app::app::part_preloads): the
        // second of the same address goes, whatever else the tag says.
        let twice = concat!(
            r#"<link rel="preload" href="/pkg/split_a.wasm" as="fetch" type="application/wasm" crossorigin="n">"#,
            r#"<link rel="modulepreload" href="/pkg/__wasm_split.X.js" crossorigin="n">"#,
            r#"<link rel="stylesheet" href="/pkg/kinerja.C1.css">"#,
            r#"<link rel="preload" href="/pkg/split_a.wasm" as="fetch" type="application/wasm" crossorigin="n">"#,
            r#"<link rel="modulepreload" href="/pkg/__wasm_split.X.js">"#,
            r#"<link rel="stylesheet" href="/pkg/kinerja.C1.css">"#,
        );
        let once = after_paint(twice, "/pkg/").expect("preloads");
        assert_eq!(once.matches("/pkg/split_a.wasm").count(), 1, "{once}");
        assert_eq!(once.matches("/pkg/__wasm_split.X.js").count(), 1, "{once}");
        assert_eq!(once.matches("kinerja.C1.css").count(), 2, "not a preload: {once}");
        assert_eq!(
            after_paint(r#"text <link rel="preload" href="/pkg/a"#, "/pkg/").as_deref(),
            Some(r#"text <link fetchpriority="low" rel="kinerja-after-paint" data-rel="preload" href="/pkg/a"#),
            "a tag cut at the end of a piece"
        );
    }

    #[tokio::test]
    async fn pages_go_out_with_their_preloads_inert_and_nothing_else_is_touched() {
        use axum::middleware::{Next, from_fn};
        use axum::routing::get;
        let head = r#"<html><head><link rel="preload" href="/pkg/p.wasm" as="fetch"></head></html>"#;
        let app = axum::Router::new()
            .route("/page", get(move || async move { axum::response::Html(head) }))
            .route("/text", get(move || async move { head }))
            .layer(from_fn(|req: axum::extract::Request, next: Next| {
                server::assets::preloads_after_paint(req, next, "/pkg/".into())
            }));
        let fetch = |path: &'static str| {
            let app = app.clone();
            async move {
                let res = app.oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
                let length = res.headers().get(header::CONTENT_LENGTH).cloned();
                let body = to_bytes(res.into_body(), 1 << 20).await.unwrap();
                (length, String::from_utf8(body.to_vec()).unwrap())
            }
        };
        let (length, page) = fetch("/page").await;
        assert!(
            page.contains(
                r#"<link fetchpriority="low" rel="kinerja-after-paint" data-rel="preload" href="/pkg/p.wasm""#
            ),
            "{page}"
        );
        assert_eq!(length, None, "the length changed with the page");
        let (length, text) = fetch("/text").await;
        assert_eq!(text, head, "not a page");
        assert_eq!(length.unwrap(), head.len().to_string().as_str());
    }
}

/// Pages erase their views with `Erase::erase` (no asynchronous hydration compiled into the wasm) instead of
/// `into_any`: the server must render them exactly as before, since that HTML is what the browser hydrates.
mod erase {
    use app::components::Erase;
    use leptos::prelude::*;

    fn card(n: u32) -> impl IntoView {
        view! {
            <section class="card" aria-labelledby="card-h">
                <h2 id="card-h">"Kartu " {n}</h2>
                {(n > 1).then(|| view! { <p>"lebih dari satu"</p> })}
                <ul>{(0..n).map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
            </section>
        }
    }

    #[test]
    fn an_erased_view_renders_as_the_view_itself() {
        let owner = Owner::new();
        owner.with(|| {
            for n in [0, 1, 3] {
                assert_eq!(card(n).erase().to_html(), card(n).to_html());
            }
        });
    }
}
