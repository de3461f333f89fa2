//! HR edits: creating, editing and moving employees; cycle refusal; audit trail.

use crate::helpers::*;
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_move_that_would_create_a_cycle_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin").await;
    let (atasan, pegawai) = (app.nip("atasan"), app.nip("pegawai"));
    let (status, body) = app
        .call(&admin, "hr/move", &[("nip", &atasan), ("supervisor_nip", &pegawai), ("unit_key", ""), ("reason", "")])
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body["Conflict"].as_str().unwrap().contains("lingkaran"));
    // Self-supervision and moving the head are refused too.
    let (status, _) = app
        .call(&admin, "hr/move", &[("nip", &atasan), ("supervisor_nip", &atasan), ("unit_key", ""), ("reason", "")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let kepala = app.nip("kepala");
    let (status, _) = app
        .call(&admin, "hr/move", &[("nip", &kepala), ("supervisor_nip", &atasan), ("unit_key", ""), ("reason", "")])
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (_, p) = app.profile(&admin, &pegawai).await;
    assert_eq!(p["supervisor_chain"][0]["nip"], atasan);
    assert_eq!(backend::repo::audit::count(&app.db).await.unwrap(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moving_an_employee_changes_the_graph_in_one_step_and_is_audited() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin").await;
    let (pegawai, atasan, target) = (app.nip("pegawai"), app.nip("atasan"), app.nip("admin"));
    let (_, before) = app.profile(&admin, &target).await;
    let target_unit = before["summary"]["unit_key"].as_str().unwrap().to_string();
    let (status, body) = app
        .call(
            &admin,
            "hr/move",
            &[("nip", &pegawai), ("supervisor_nip", &target), ("unit_key", ""), ("reason", "rotasi")],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, p) = app.profile(&admin, &pegawai).await;
    assert_eq!(p["supervisor_chain"][0]["nip"], target);
    assert_eq!(p["summary"]["unit_key"], target_unit, "the unit follows the new supervisor");
    let history = p["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1]["supervisor_nip"], atasan);
    assert!(history[1]["until"].is_string());
    let audit = p["audit"].as_array().unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0]["action"], "employee.move");
    assert_eq!(audit[0]["reason"], "rotasi");
    assert!(audit[0]["summary"].as_str().unwrap().contains(&target));
    // The old supervisor no longer sees the employee in full.
    let old = app.signed_in("atasan").await;
    let (_, p) = app.profile(&old, &pegawai).await;
    assert_eq!(p["access"], "Directory");
    // The profile page is drawn by the server from the same: HR's has the move, the roles and the reset link, the
    // history and the audit; the old supervisor's only the directory entry, without the talent box or any form.
    let (status, part) = app.call(&admin, "org/employee/part", &[("nip", &pegawai)]).await;
    assert_eq!(status, StatusCode::OK, "{part}");
    let drawn = part["html"].as_str().expect("the part's HTML");
    for action in ["/api/hr/move", "/api/hr/roles", "/api/hr/reset_link"] {
        assert!(drawn.contains(&format!(r#"action="{action}""#)), "{action}: {drawn}");
    }
    assert!(drawn.contains("rotasi") && drawn.contains(r#"id="talent-h""#), "{drawn}");
    let (_, html) = app.page(&admin, &format!("/employees/{pegawai}")).await;
    assert!(html.contains(drawn), "the served page shows the part as drawn");
    let (status, part) = app.call(&old, "org/employee/part", &[("nip", &pegawai)]).await;
    assert_eq!(status, StatusCode::OK, "{part}");
    let drawn = part["html"].as_str().expect("the part's HTML");
    assert!(!drawn.contains("<form") && !drawn.contains("talent-h") && !drawn.contains("rotasi"), "{drawn}");
}

/// Without JavaScript, HR's reset link comes back to the profile, shown there once: never in an address (history,
/// logs and `Referer` keep those), never to anyone else, and it is the link that works.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_link_issued_without_javascript_is_shown_once_on_the_profile() {
    let app = spawn_app().await;
    let pegawai = app.nip("pegawai");
    let admin = app.signed_in("admin").await;
    // The form posted as a browser posts it without JavaScript.
    let plain_post = |client: &reqwest::Client| {
        client
            .post(app.url("/api/hr/reset_link"))
            .header("Accept", "text/html")
            .form(&[("nip", pegawai.as_str())])
            .send()
    };
    let res = plain_post(&admin).await.unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    let to = res.headers()[reqwest::header::LOCATION].to_str().unwrap().to_string();
    assert_eq!(to, format!("/employees/{pegawai}"), "no token in the address");
    let cookie = res.headers()[reqwest::header::SET_COOKIE].to_str().unwrap().to_string();
    assert!(cookie.contains(&format!("Path=/employees/{pegawai};")) && cookie.contains("HttpOnly"), "{cookie}");
    // Another page of HR's does not get it; the profile shows it, once.
    let (_, elsewhere) = app.page(&admin, "/employees").await;
    assert!(!elsewhere.contains("/account/setup/"));
    let (status, page) = app.page(&admin, &to).await;
    assert_eq!(status, StatusCode::OK);
    let shown = page
        .split(r#"<code class="link-to-copy">"#)
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap_or_else(|| panic!("the link on the profile: {page}"))
        .to_string();
    let token = shown.strip_prefix("/account/setup/").expect("a set-up link").to_string();
    let (_, again) = app.page(&admin, &to).await;
    assert!(!again.contains("link-to-copy"), "shown once");
    // It is a working reset link, for the person: opened signed out, it names them.
    let (status, info) = app.call(&client(), "auth/link", &[("token", &token)]).await;
    assert_eq!(status, StatusCode::OK, "{info}");
    assert_eq!(info["purpose"], "reset", "{info}");
    let (_, profile) = app.profile(&admin, &pegawai).await;
    assert_eq!(info["name"], profile["summary"]["name"], "{info}");
    // A forged cookie is not shown, and nobody but HR gets a link this way.
    let forged = client();
    let (_, page) = app.page(&forged, &to).await;
    assert!(!page.contains("link-to-copy"));
    let staff = app.signed_in("pegawai").await;
    let res = plain_post(&staff).await.unwrap();
    assert!(res.headers().get(reqwest::header::SET_COOKIE).is_none(), "refused: no link");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_log_is_append_only() {
    let app = spawn_app().await;
    backend::repo::audit::append(&app.db, "test", "x", "employee:1", None, None, None).await.unwrap();
    let err = app.db.run("DELETE audit;", serde_json::json!({})).await;
    assert!(err.is_err(), "deleting audit entries must fail");
    let err = app.db.run("UPDATE audit SET actor = 'someone else';", serde_json::json!({})).await;
    assert!(err.is_err(), "editing audit entries must fail");
    assert_eq!(backend::repo::audit::count(&app.db).await.unwrap(), 1);
}

fn as_refs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creating_an_employee_validates_every_field_and_creates_an_account() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin").await;
    let sup = app.nip("atasan");
    let base = |nip: &'static str, name: &'static str, rank: &'static str| {
        vec![
            ("nip", nip.to_string()),
            ("name", name.to_string()),
            ("email", String::new()),
            ("rank", rank.to_string()),
            ("position_name", "Analis SDM Aparatur Ahli Pertama".to_string()),
            ("position_kind", "ahli_pertama".to_string()),
            ("unit_key", String::new()),
            ("supervisor_nip", sup.clone()),
        ]
    };

    let bad_nip = base("198513152010011002", "Rina Sari", "III/a");
    let (status, body) = app.call(&admin, "hr/create", &as_refs(&bad_nip)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["Validation"]["field"], "nip");
    assert!(body["Validation"]["message"].as_str().unwrap().contains("Tanggal lahir"));

    let bad_name = base("199203152018012001", "<b>", "III/a");
    let (status, body) = app.call(&admin, "hr/create", &as_refs(&bad_name)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["Validation"]["field"], "name");

    let taken = app.nip("pegawai");
    let mut dup = base("199203152018012001", "Rina Sari", "III/a");
    dup[0].1 = taken;
    let (status, body) = app.call(&admin, "hr/create", &as_refs(&dup)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["Validation"]["field"], "nip");

    let good = base("199203152018012001", "Rina Sari, S.Psi.", "III/a");
    let (status, body) = app.call(&admin, "hr/create", &as_refs(&good)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // HR gets a one-time set-up link, never a password.
    assert!(body.get("initial_password").is_none(), "{body}");
    let link = body["setup_link"].as_str().unwrap().to_string();
    let token = link.strip_prefix("/account/setup/").unwrap().to_string();
    let (_, p) = app.profile(&admin, "199203152018012001").await;
    assert_eq!(p["gender"], "P");
    assert_eq!(p["birth_date"], "1992-03-15");
    assert_eq!(p["supervisor_chain"][0]["nip"], sup);
    // The new employee opens the link (signed out) and chooses a password; weak ones are refused with the reason.
    let c = client();
    let (status, info) = app.call(&c, "auth/link", &[("token", &token)]).await;
    assert_eq!(status, StatusCode::OK, "{info}");
    assert_eq!(info["name"], "Rina Sari, S.Psi.");
    let weak = [("token", token.as_str()), ("password", "password123"), ("again", "password123")];
    let (status, body) = app.call(&c, "auth/set_password", &weak).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["Validation"]["message"].as_str().unwrap().contains("umum"), "{body}");
    let chosen =
        [("token", token.as_str()), ("password", "Kopi tubruk di pagi hari"), ("again", "Kopi tubruk di pagi hari")];
    assert_eq!(app.call(&c, "auth/set_password", &chosen).await.0, StatusCode::OK);
    // The link works once; the employee signs in with the NIP and their own password.
    let (status, _) = app.call(&c, "auth/set_password", &chosen).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.call(&c, "auth/link", &[("token", &token)]).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = app.login(&c, "199203152018012001", "Kopi tubruk di pagi hari").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_and_deactivating_follow_the_rules() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin").await;
    let pegawai = app.nip("pegawai");
    let (_, form) = app.call(&admin, "hr/employee", &[("nip", &pegawai)]).await;
    let args = [
        ("nip", pegawai.as_str()),
        ("name", "Nama Baru"),
        ("email", "nama.baru@bkpsdm.demo.go.id"),
        ("rank", form["rank"].as_str().unwrap()),
        ("position_name", form["position_name"].as_str().unwrap()),
        ("position_kind", form["position_kind"].as_str().unwrap()),
        ("active", "on"),
    ];
    let (status, body) = app.call(&admin, "hr/update", &args).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, p) = app.profile(&admin, &pegawai).await;
    assert_eq!(p["summary"]["name"], "Nama Baru");
    assert_eq!(p["audit"][0]["action"], "employee.update");

    // A supervisor with reports cannot be deactivated.
    let atasan = app.nip("atasan");
    let (_, f) = app.call(&admin, "hr/employee", &[("nip", &atasan)]).await;
    let args = [
        ("nip", atasan.as_str()),
        ("name", f["name"].as_str().unwrap()),
        ("email", ""),
        ("rank", f["rank"].as_str().unwrap()),
        ("position_name", f["position_name"].as_str().unwrap()),
        ("position_kind", f["position_kind"].as_str().unwrap()),
    ];
    let (status, _) = app.call(&admin, "hr/update", &args).await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hr_imports_a_spreadsheet_over_http_and_the_new_employee_signs_in_through_their_link() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin").await;
    let pegawai = app.signed_in("pegawai").await;
    let head = app.nip("kepala");
    // One new person in a new unit under the head, and a wide column the import ignores: the file is larger than
    // other uploads may be.
    let pad = "x".repeat(5 * 1024 * 1024);
    let csv = format!(
        "DAFTAR PEGAWAI\nNIP,Nama,Golongan,Jabatan,Jenis Jabatan,Kode Unit,Unit Kerja,Kode Unit Induk,NIP Atasan,Catatan\n\
         '1992.0202.2020.12.1.001,Andi Saputra,III/a,Analis Kebijakan Ahli Pertama,Fungsional,tim-baru,Tim Baru,bkpsdm,{head},{pad}\n"
    );
    let (status, _) = app.upload(&pegawai, "/hr/import/upload", &[], ("pegawai.csv", csv.as_bytes())).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, location) = app.upload(&admin, "/hr/import/upload", &[], ("pegawai.csv", csv.as_bytes())).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    let id = location.strip_prefix("/hr/import/").unwrap().to_string();
    let settle = async |want: &str| {
        for _ in 0..600 {
            let (status, job) = app.call(&admin, "imports/one", &[("id", &id)]).await;
            assert_eq!(status, StatusCode::OK, "{job}");
            if job["state"] == want || job["state"] == "failed" {
                return job;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("the import did not reach {want}");
    };
    let job = settle("checked").await;
    assert_eq!(job["preview"]["new"], 1, "{job}");
    assert_eq!(job["preview"]["new_units"], 1, "{job}");
    assert_eq!(job["preview"]["errors_total"], 0, "{job}");
    let (status, page) = app.page(&admin, &location).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Tim Baru") && page.contains("Andi Saputra"), "the preview lists the changes");
    // Nobody but HR reads or applies it.
    assert_eq!(app.call(&pegawai, "imports/apply", &[("id", &id)]).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.call(&pegawai, "imports/one", &[("id", &id)]).await.0, StatusCode::FORBIDDEN);
    let (status, body) = app.call(&admin, "imports/apply", &[("id", &id)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let job = settle("applied").await;
    assert_eq!(job["accounts_created"], 1, "{job}");
    let (_, p) = app.profile(&admin, "199202022020121001").await;
    assert_eq!(p["supervisor_chain"][0]["nip"], head.as_str(), "{p}");

    // The set-up links: a CSV for the one who applied; the new employee chooses a password and signs in.
    let res = pegawai.get(app.url(&format!("/hr/import/{id}/links.csv"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = admin.get(app.url(&format!("/hr/import/{id}/links.csv"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let links = res.text().await.unwrap();
    let token = links.split("/account/setup/").nth(1).unwrap().trim().to_string();
    let c = client();
    let chosen =
        [("token", token.as_str()), ("password", "Nasi uduk dan teh manis"), ("again", "Nasi uduk dan teh manis")];
    assert_eq!(app.call(&c, "auth/set_password", &chosen).await.0, StatusCode::OK);
    assert_eq!(app.login(&c, "199202022020121001", "Nasi uduk dan teh manis").await.0, StatusCode::OK);

    // Downloads: the template for HR, the directory for everyone signed in.
    let res = admin.get(app.url("/hr/import/template.xlsx")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.bytes().await.unwrap().starts_with(b"PK"));
    assert_eq!(pegawai.get(app.url("/hr/import/template.xlsx")).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    let res = pegawai.get(app.url("/employees.xlsx")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.bytes().await.unwrap().starts_with(b"PK"));
    assert_eq!(client().get(app.url("/employees.xlsx")).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
}

/// A new agency starts from the command line: `kinerja import FILE --apply` loads the staff list into an empty
/// database, `kinerja grant NIP --role hr --link` makes the first HR officer, who sets a password through the link,
/// signs in and manages roles on the profile page (never removing their own HR role).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_agency_starts_from_the_command_line_and_hr_grants_roles() {
    use backend::services::auth::Viewer;
    use domain::{Role, Roles};
    let source = spawn_app().await;
    let admin_nip = source.nip("admin");
    let hr = Viewer {
        account: admin_nip.clone(),
        nip: admin_nip.clone(),
        name: "HR".into(),
        username: None,
        roles: Roles::new(vec![Role::HrAdmin]),
    };
    let file = backend::services::import::directory(&source.db, &hr, i18n::Lang::Id).await.unwrap();
    let dir = std::env::temp_dir().join(format!("kinerja-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("pegawai.xlsx");
    std::fs::write(&path, &file).unwrap();
    let url = format!("surrealkv://{}", dir.join("db").display());
    let settings = server::settings::Settings { db_url: url.clone(), addr: "127.0.0.1:0".into(), ..Default::default() };
    let links = dir.join("links.csv");
    // One process holds an embedded database: the commands run on one open state here, as each would in its own.
    let link = {
        let state = server::cli::state(&settings).await.unwrap();
        server::cli::import_into(&state, &settings, &path, false, false, Some(&links)).await.unwrap();
        assert!(!links.exists(), "a dry run changes nothing");
        server::cli::import_into(&state, &settings, &path, true, false, Some(&links)).await.unwrap();
        assert!(std::fs::read_to_string(&links).unwrap().contains("/account/setup/"));
        assert!(server::cli::grant(&settings, &admin_nip, &["superuser".into()], false).await.is_err());
        let nip = domain::Nip::parse(&admin_nip).unwrap();
        server::cli::grant_on(&state, &settings, &nip, &[Role::HrAdmin], true).await.unwrap().unwrap()
    };
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;

    let app = spawn_with_db(&url, false).await;
    let c = client();
    let token = link.trim_start_matches("/account/setup/");
    let chosen =
        [("token", token), ("password", "Kopi tubruk dan pisang goreng"), ("again", "Kopi tubruk dan pisang goreng")];
    assert_eq!(app.call(&c, "auth/set_password", &chosen).await.0, StatusCode::OK);
    let (status, body) = app.login(&c, &admin_nip, "Kopi tubruk dan pisang goreng").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(app.call(&c, "imports", &[]).await.0, StatusCode::OK, "the first HR officer is HR");

    // Roles on the profile page: HR grants the head's role; nobody removes their own HR role.
    let head = source.nip("kepala");
    let (_, p) = app.profile(&c, &head).await;
    assert_eq!(p["granted_roles"], serde_json::json!([]));
    assert_eq!(app.call(&c, "hr/roles", &[("nip", &head), ("head", "1")]).await.0, StatusCode::OK);
    let (_, p) = app.profile(&c, &head).await;
    assert_eq!(p["granted_roles"], serde_json::json!(["Head"]), "{p}");
    assert!(p["audit"].to_string().contains("account.roles"));
    let (status, _) = app.call(&c, "hr/roles", &[("nip", &admin_nip), ("trainer", "1")]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(app.call(&c, "imports", &[]).await.0, StatusCode::OK, "still HR");
    let pegawai = client();
    let pegawai_nip = source.nip("pegawai");
    let (_, p) = app.profile(&c, &pegawai_nip).await;
    assert!(p["granted_roles"].is_array());
    assert_eq!(app.call(&pegawai, "hr/roles", &[("nip", &pegawai_nip), ("hr", "1")]).await.0, StatusCode::UNAUTHORIZED);
    app.handle.abort();
    let _ = std::fs::remove_dir_all(&dir);
}
