//! Sign-in, sign-out, wrong passwords, throttling, JavaScript-off sign-in, language.

use crate::helpers::*;
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_reports_version_and_database() {
    let app = spawn_app().await;
    let res = client().get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], "ok");
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(body["schema_version"], backend::schema::SCHEMA_VERSION);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_with_username_or_nip_opens_a_session() {
    let app = spawn_app().await;
    let c = client();
    let res = c
        .post(app.url("/api/auth/login"))
        .header("Accept", "application/json")
        .form(&[("identifier", "pegawai"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let cookie = res.headers().get("set-cookie").unwrap().to_str().unwrap().to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    let (_, me) = app.call(&c, "auth/me", &[]).await;
    assert_eq!(me["nip"], app.nip("pegawai"));

    // Other employees sign in with their NIP (spaces allowed).
    let other = client();
    let nip = app.nip("atasan");
    let spaced = format!("{} {} {} {}", &nip[0..8], &nip[8..14], &nip[14..15], &nip[15..]);
    let (status, body) = app.login(&other, &spaced, PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["nip"], nip);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_is_refused_with_a_localized_message() {
    let app = spawn_app().await;
    let c = client();
    let (status, body) = app.login(&c, "pegawai", "salah").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["Unauthorized"], "NIP/nama pengguna atau kata sandi salah.");
    let (_, me) = app.call(&c, "auth/me", &[]).await;
    assert!(me.is_null());

    let en = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let res = en
        .post(app.url("/api/auth/login"))
        .header("Cookie", "kinerja_lang=en")
        .header("Accept", "application/json")
        .form(&[("identifier", "nobody"), ("password", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["Unauthorized"], "Wrong NIP/username or password.");

    // Each page links the texts of its language, which the browser installs before it hydrates the page, and
    // those are served under that name (preloaded once the page has been painted, as every preload is).
    for (cookie, lang) in [("kinerja_lang=id", i18n::Lang::Id), ("kinerja_lang=en", i18n::Lang::En)] {
        let html = en.get(app.url("/login")).header("Cookie", cookie).send().await.unwrap().text().await.unwrap();
        let href = i18n::table_href(i18n::table_name(lang));
        assert!(
            html.contains(&format!(
                r#"<link id="kinerja-texts" rel="kinerja-after-paint" data-rel="preload" href="{href}" as="fetch""#
            )),
            "{html}"
        );
        let table = en.get(app.url(&href)).send().await.unwrap().text().await.unwrap();
        assert_eq!(
            i18n::split_table(&table).map(|t| t[i18n::T::SignInTitle as usize]),
            Some(lang.t(i18n::T::SignInTitle))
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failures_are_throttled_even_for_the_right_password() {
    let app = spawn_app().await;
    let c = client();
    for _ in 0..5 {
        let (status, _) = app.login(&c, "atasan", "wrong").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, body) = app.login(&c, "atasan", PASSWORD).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    // Another account is not affected.
    let (status, _) = app.login(&client(), "pegawai", PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_invalidates_the_session_on_the_server() {
    let app = spawn_app().await;
    let c = client();
    let res = c
        .post(app.url("/api/auth/login"))
        .header("Accept", "application/json")
        .form(&[("identifier", "admin"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    let cookie = res.headers().get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_string();
    let (status, _) = app.call(&c, "auth/logout", &[]).await;
    assert!(status.is_success() || status.is_redirection(), "{status}");
    // Replaying the old cookie no longer works.
    let replay = client();
    let res = replay
        .post(app.url("/api/org/tree"))
        .header("Cookie", cookie)
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_redirect_to_sign_in_without_a_session() {
    let app = spawn_app().await;
    let c = client();
    let res = c.get(app.url("/org")).header("Accept", "text/html").send().await.unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(res.headers().get("location").unwrap(), "/login?next=/org");
    let (status, _) = app.call(&c, "org/tree", &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, html) = app.page(&c, "/login").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Masuk ke Kinerja"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_works_without_javascript() {
    let app = spawn_app().await;
    let c = client();
    let res = c
        .post(app.url("/api/auth/login"))
        .header("Accept", "text/html")
        .header("Referer", app.url("/login"))
        .form(&[("identifier", "pegawai"), ("password", PASSWORD), ("next", "/org")])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection());
    assert_eq!(res.headers().get("location").unwrap(), "/org");
    let (status, html) = app.page(&c, "/org").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Struktur organisasi"));

    let res = client()
        .post(app.url("/api/auth/login"))
        .header("Accept", "text/html")
        .header("Referer", app.url("/login"))
        .form(&[("identifier", "pegawai"), ("password", "nope")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers().get("location").unwrap(), "/login?error=credentials");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_switch_persists_in_a_cookie() {
    let app = spawn_app().await;
    let c = app.signed_in("pegawai").await;
    let res = c.get(app.url("/lang/en?next=/org")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers().get("location").unwrap(), "/org");
    let (_, html) = app.page(&c, "/org").await;
    assert!(html.contains("Organisation structure"), "English page expected");
    assert!(html.contains("lang=\"en\""));
    // Open redirects are refused.
    let res = c.get(app.url("/lang/id?next=//evil.example")).send().await.unwrap();
    assert_eq!(res.headers().get("location").unwrap(), "/");
}
