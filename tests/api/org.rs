//! Visibility rules and 403s for pages and server functions, per role.

use crate::helpers::*;
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_employee_sees_own_profile_and_supervisor_but_only_directory_entries_of_others() {
    let app = spawn_app().await;
    let c = app.signed_in("pegawai").await;
    let (status, me) = app.profile(&c, &app.nip("pegawai")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["access"], "Full");
    assert_eq!(me["supervisor_chain"][0]["nip"], app.nip("atasan"));
    let chain = me["supervisor_chain"].as_array().unwrap();
    assert_eq!(chain.last().unwrap()["nip"], app.nip("kepala"), "the chain reaches the head");
    assert!(me["rank"].is_string());

    let (status, boss) = app.profile(&c, &app.nip("atasan")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(boss["access"], "Directory");
    assert!(boss["rank"].is_null() && boss["birth_date"].is_null() && boss["email"].is_null());
    assert!(boss["supervisor_chain"].as_array().unwrap().is_empty());

    let (status, html) = app.page(&c, &format!("/employees/{}", app.nip("pegawai"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Rantai atasan sampai pimpinan"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervisor_sees_the_whole_subtree_and_hr_and_head_see_everyone() {
    let app = spawn_app().await;
    let atasan = app.signed_in("atasan").await;
    let (_, p) = app.profile(&atasan, &app.nip("pegawai")).await;
    assert_eq!(p["access"], "Full");
    let (_, p) = app.profile(&atasan, &app.nip("admin")).await;
    assert_eq!(p["access"], "Directory");

    // The head sees everyone in full, through the whole chain.
    let kepala = app.signed_in("kepala").await;
    let (_, p) = app.profile(&kepala, &app.nip("pegawai")).await;
    assert_eq!(p["access"], "Full");
    let admin = app.signed_in("admin").await;
    let (_, p) = app.profile(&admin, &app.nip("pelatih")).await;
    assert_eq!(p["access"], "Full");
    assert_eq!(p["can_edit"], true);

    let (_, home) = app.call(&atasan, "org/home", &[]).await;
    assert!(home["direct_reports"].as_array().unwrap().len() >= 4);
    assert!(home["viewer"]["roles"].as_array().unwrap().iter().any(|r| r == "Supervisor"));
    // The home page is drawn by the server from the same data: the page shows the part as drawn, with a link to
    // each direct report's profile.
    let (status, part) = app.call(&atasan, "org/home/part", &[]).await;
    assert_eq!(status, StatusCode::OK, "{part}");
    let drawn = part["html"].as_str().expect("the part's HTML");
    for person in home["direct_reports"].as_array().unwrap() {
        let link = format!("href=\"/employees/{}\"", person["nip"].as_str().unwrap());
        assert!(drawn.contains(&link), "{link} in {drawn}");
    }
    let (status, html) = app.page(&atasan, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(drawn), "the served page shows the part as drawn");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_employees_and_units_are_404() {
    let app = spawn_app().await;
    let c = app.signed_in("pegawai").await;
    let (status, _) = app.profile(&c, "199001012015011001").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app.call(&c, "org/unit", &[("key", "nowhere")]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app.page(&c, "/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_org_tree_counts_everyone_and_pages_render() {
    let app = spawn_app().await;
    let c = app.signed_in("pelatih").await;
    let (status, tree) = app.call(&c, "org/tree", &[]).await;
    assert_eq!(status, StatusCode::OK);
    let units = tree["units"].as_array().unwrap();
    assert_eq!(units[0]["total_count"], 60);
    assert!(units.iter().map(|u| u["depth"].as_u64().unwrap()).max().unwrap() >= 4);
    let key = units[1]["key"].as_str().unwrap().to_string();
    let (status, html) = app.page(&c, &format!("/org/units/{key}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Anggota unit"));
    let (status, html) = app.page(&c, "/org").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"org-chart\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roles_without_hr_rights_get_403_on_every_hr_page_and_function() {
    let app = spawn_app().await;
    let target = app.nip("pegawai");
    let admin = app.signed_in("admin").await;
    let (_, before) = app.profile(&admin, &target).await;
    for user in ["pegawai", "atasan", "kepala", "pelatih"] {
        let c = app.signed_in(user).await;
        let (status, html) = app.page(&c, "/employees/new").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{user} /employees/new");
        assert!(html.contains("Akses ditolak"), "{user}");
        let (status, _) = app.page(&c, &format!("/employees/{target}/edit")).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{user} edit page");
        let calls: [(&str, Vec<(&str, &str)>); 5] = [
            ("hr/options", vec![]),
            ("hr/employee", vec![("nip", target.as_str())]),
            (
                "hr/move",
                vec![("nip", target.as_str()), ("supervisor_nip", ""), ("unit_key", "bkpsdm-0"), ("reason", "")],
            ),
            (
                "hr/update",
                vec![
                    ("nip", target.as_str()),
                    ("name", "X"),
                    ("email", ""),
                    ("rank", "III/a"),
                    ("position_name", "X"),
                    ("position_kind", "pelaksana"),
                ],
            ),
            (
                "hr/create",
                vec![
                    ("nip", "199001012015011001"),
                    ("name", "X"),
                    ("email", ""),
                    ("rank", "III/a"),
                    ("position_name", "X"),
                    ("position_kind", "pelaksana"),
                    ("unit_key", ""),
                    ("supervisor_nip", target.as_str()),
                ],
            ),
        ];
        for (endpoint, args) in calls {
            let (status, body) = app.call(&c, endpoint, &args).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{user} {endpoint}: {body}");
            assert!(body["Forbidden"].is_string());
        }
    }
    // Nothing changed.
    let (_, after) = app.profile(&admin, &target).await;
    assert_eq!(before, after);
    let (status, _) = app.profile(&admin, "199001012015011001").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
