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
