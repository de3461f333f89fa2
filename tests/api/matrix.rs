//! The role × endpoint matrix: every server function (the list comes from the server's own registry, so a new one
//! that is missing here fails the test) and every page, called as anonymous, employee, supervisor in and out of
//! the target's subtree, HR, head and trainer. A denied call answers 401 (anonymous), 403, or 404 where the thing
//! must look missing; an allowed call is never answered 401/403 and never fails with a 5xx (its arguments are
//! chosen to be harmless: unknown keys, values that validation refuses, or reads). Authorization is checked before
//! validation, so a denied role learns nothing from its arguments.

use crate::helpers::{TestApp, client, spawn_app};
use reqwest::{Client, StatusCode};
use std::collections::BTreeSet;

/// One row of the matrix: the endpoint, its arguments, and what each role may (see [`ROLES`] and [`allowed`]).
type Call<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str);

/// Roles in the order of each expectation string.
const ROLES: [&str; 7] = ["anonymous", "pegawai", "atasan", "supervisor elsewhere", "admin", "kepala", "pelatih"];

fn allowed(spec: char) -> Option<bool> {
    match spec {
        'Y' => Some(true),
        'N' => Some(false),
        _ => None, // '-': any answer but a 5xx
    }
}

/// A supervisor who is neither `pegawai`'s supervisor nor above them.
async fn supervisor_elsewhere(app: &TestApp, pegawai: &str) -> String {
    let chain: Vec<String> = app
        .db
        .rows(
            "SELECT VALUE record::id(out) FROM reports_to WHERE in = type::record('employee', $n);",
            serde_json::json!({ "n": pegawai }),
        )
        .await
        .unwrap();
    let mut above: BTreeSet<String> = chain.into_iter().collect();
    loop {
        let more: Vec<String> = app
            .db
            .rows(
                "SELECT VALUE record::id(out) FROM reports_to WHERE in IN $ns.map(|$n| type::record('employee', $n));",
                serde_json::json!({ "ns": above }),
            )
            .await
            .unwrap();
        let before = above.len();
        above.extend(more);
        if above.len() == before {
            break;
        }
    }
    let supervisors: Vec<String> = app
        .db
        .rows("RETURN array::distinct((SELECT VALUE record::id(out) FROM reports_to));", serde_json::json!({}))
        .await
        .unwrap();
    let special: Vec<String> = ["admin", "kepala", "pelatih", "atasan"].iter().map(|u| app.nip(u)).collect();
    supervisors
        .into_iter()
        .find(|s| !above.contains(s) && !special.contains(s) && s != pegawai)
        .expect("a supervisor outside pegawai's chain")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_server_function_and_page_checks_the_role_on_the_server() {
    let app = spawn_app().await;
    let pegawai = app.nip("pegawai");
    let elsewhere = supervisor_elsewhere(&app, &pegawai).await;
    let hr = app.signed_in("admin").await;
    // A draft round and an open one; pegawai's own assignment in the open one.
    let draft = {
        let (s, k) = app
            .call(
                &hr,
                "rounds/create",
                &[
                    ("name", "Matriks"),
                    ("period_start", "2026-01-01"),
                    ("period_end", "2026-06-30"),
                    ("opens", "2026-01-01"),
                    ("closes", "2099-12-31"),
                    ("threshold", "3"),
                    ("max_peers", "2"),
                    ("competencies[m01]", "on"),
                ],
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{k}");
        k.as_str().unwrap().to_string()
    };
    let open = crate::feedback::open_round(&app, &hr).await;
    let own_key = backend::repo::feedback::assignment_key(&open, &pegawai, &pegawai);
    let unit: String = app
        .db
        .rows(
            "SELECT VALUE record::id(unit) FROM employee WHERE id = type::record('employee', $n);",
            serde_json::json!({ "n": pegawai }),
        )
        .await
        .map(|v: Vec<String>| v[0].clone())
        .unwrap();

    // The year's periods, the first one open, so that the evaluation pages exist.
    for (endpoint, args) in [
        ("skp/periods/plan", vec![("year", "2026"), ("scheme", "quarterly"), ("deadline_days", "10")]),
        ("skp/periods/advance", vec![("year", "2026"), ("number", "1")]),
    ] {
        let (s, b) = app.call(&hr, endpoint, &args).await;
        assert_eq!(s, StatusCode::OK, "{endpoint}: {b}");
    }
    let (p, u, o, d, k) = (pegawai.as_str(), unit.as_str(), open.as_str(), draft.as_str(), own_key.as_str());
    #[rustfmt::skip]
    let matrix: Vec<Call> = vec![
        // Signing in and the account.
        ("auth/login", vec![("identifier", "nobody"), ("password", "salah")], "-------"),
        ("auth/me", vec![], "YYYYYYY"),
        ("auth/link", vec![("token", "00")], "YYYYYYY"),
        ("auth/set_password", vec![("token", "00"), ("password", "x"), ("again", "x")], "YYYYYYY"),
        ("auth/change_password", vec![("current", "salah"), ("password", "Kopi tubruk pagi 7"), ("again", "Kopi tubruk pagi 7")], "NYYYYYY"),
        ("hr/reset_link", vec![("nip", p)], "NNNNYNN"),
        // The organisation.
        ("org/home", vec![], "NYYYYYY"),
        ("org/home/part", vec![], "NYYYYYY"),
        ("org/tree", vec![], "NYYYYYY"),
        ("org/unit", vec![("key", u)], "NYYYYYY"),
        ("org/employee", vec![("nip", p)], "NYYYYYY"),
        ("org/employee/part", vec![("nip", p)], "NYYYYYY"),
        ("org/search", vec![("query", "a")], "NYYYYYY"),
        ("hr/options", vec![], "NNNNYNN"),
        ("hr/employee", vec![("nip", p)], "NNNNYNN"),
        ("hr/create", vec![("nip", "1"), ("name", "X"), ("email", ""), ("rank", "III/a"), ("position_name", "X"), ("position_kind", "pelaksana"), ("unit_key", ""), ("supervisor_nip", p)], "NNNNYNN"),
        ("hr/update", vec![("nip", p), ("name", "<b>"), ("email", ""), ("rank", "III/a"), ("position_name", "X"), ("position_kind", "pelaksana")], "NNNNYNN"),
        ("hr/move", vec![("nip", p), ("supervisor_nip", p), ("unit_key", ""), ("reason", "")], "NNNNYNN"),
        // The competency dictionary.
        ("competencies", vec![], "NYYYYYY"),
        ("competencies/save", vec![("key", ""), ("code", "T.09"), ("kind", "technical"), ("name_id", "x"), ("name_en", ""), ("description_id", ""), ("description_en", ""), ("levels_id", "satu"), ("levels_en", ""), ("items_id", "x"), ("items_en", "")], "NNNNYNN"),
        ("competencies/standard", vec![("kind", "pelaksana"), ("level", "9")], "NNNNYNN"),
        ("competencies/position/save", vec![("position", "tidak-ada"), ("nip", p)], "NNNNYNN"),
        // 360° rounds.
        ("rounds", vec![], "NNYYYYN"),
        ("rounds/create", vec![("name", ""), ("period_start", "2026-01-01"), ("period_end", "2026-02-01"), ("opens", "2026-01-01"), ("closes", "2026-02-01"), ("threshold", "1"), ("max_peers", "2")], "NNNNYNN"),
        ("rounds/open", vec![("key", "tidak-ada")], "NNNNYNN"),
        ("rounds/close", vec![("key", d)], "NNNNYNN"),
        ("rounds/progress", vec![("key", o)], "NNYYYYN"),
        ("rounds/progress/part", vec![("key", o)], "NNYYYYN"),
        ("rounds/assign", vec![("round", o), ("rater", p), ("ratee", p), ("group", "bukan")], "NNNNYNN"),
        ("rounds/unassign", vec![("round", o), ("rater", "tidak-ada"), ("ratee", p)], "NNNNYNN"),
        ("rounds/result", vec![("round", o), ("nip", p)], "NYYNYYN"),
        ("rounds/result/part", vec![("round", o), ("nip", p)], "NYYNYYN"),
        ("feedback", vec![], "NYYYYYY"),
        ("feedback/part", vec![], "NYYYYYY"),
        ("feedback/form", vec![("key", k)], "NYNNNNN"),
        ("feedback/form/part", vec![("key", k)], "NYNNNNN"),
        ("feedback/save", vec![("key", k), ("comments[0]", "draf")], "NYNNNNN"),
        ("feedback/nominate", vec![("round", o), ("peer_nip", "bukan-nip")], "NYYYYYY"),
        ("feedback/decide", vec![("key", k), ("approve", "1")], "NNYNNNN"),
        // Reports, trainings and plans.
        ("reports", vec![("nip", p)], "NYYNYYN"),
        ("reports/parts", vec![("nip", p)], "NYYNYYN"),
        ("charts", vec![("spec", r#"{"NineBox":{"counts":[1,2,3,4,5,6,7,8,9]}}"#)], "NYYYYYY"),
        ("reports/settings", vec![], "NYYYYYY"),
        ("reports/settings/save", vec![("self_rating", "x"), ("supervisor", "x"), ("peer", "x"), ("subordinate", "x"), ("profile", "x"), ("selection_high", "x"), ("selection_low", "x"), ("mapping_high", "x"), ("mapping_low", "x")], "NNNNYNN"),
        ("trainings", vec![], "NYYYYYY"),
        ("trainings/part", vec![], "NYYYYYY"),
        ("trainings/save", vec![("code", ""), ("title_id", ""), ("title_en", ""), ("provider", ""), ("mode", "x"), ("level_min", "x"), ("level_max", "x"), ("jp", "x"), ("cost", "x")], "NNNNYNN"),
        ("trainings/import", vec![("csv", "bukan,csv")], "NNNNYNN"),
        ("trainings/needs", vec![], "NNYYYYY"),
        ("trainings/needs/part", vec![], "NNYYYYY"),
        ("plan", vec![("nip", p)], "NYYNYYN"),
        ("plan/part", vec![("nip", p)], "NYYNYYN"),
        ("plan/add", vec![("title", ""), ("due", "bukan-tanggal")], "NYYYYYY"),
        ("plan/update", vec![("key", "tidak-ada"), ("status", "done"), ("evidence", "")], "NNNNNNN"),
        ("plan/review", vec![("key", "tidak-ada"), ("decision", "approve"), ("note", ""), ("owner", p)], "NNNNNNN"),
        ("plan/remove", vec![("key", "tidak-ada")], "NNNNNNN"),
        // Work plans (SKP): everyone edits their own; the plan is read like the report; only the direct supervisor decides.
        ("skp", vec![("nip", p)], "NYYNYYN"),
        ("skp/part", vec![("nip", p)], "NYYNYYN"),
        ("skp/add_row", vec![("year", "2026"), ("kind", "x"), ("text", ""), ("aspect", "x"), ("indicator_text", ""), ("target_kind", "x"), ("target_value", "")], "NYYYYYY"),
        ("skp/add_indicator", vec![("year", "2026"), ("row", "tidak-ada"), ("aspect", "x"), ("indicator_text", ""), ("target_kind", "x"), ("target_value", "")], "NYYYYYY"),
        ("skp/remove_row", vec![("year", "2026"), ("row", "tidak-ada")], "NYYYYYY"),
        ("skp/submit", vec![("year", "2026")], "NYYYYYY"),
        ("skp/decide", vec![("nip", p), ("year", "2026"), ("decision", "approve"), ("comment", "")], "NNYNNNN"),
        // Assessment periods: everyone reads them, HR plans, opens and closes them; the evaluation is read like the
        // plan, written by its owner, and rated only by the direct supervisor.
        ("skp/periods", vec![("year", "2026")], "NYYYYYY"),
        ("skp/periods/part", vec![("year", "2026")], "NYYYYYY"),
        ("skp/periods/plan", vec![("year", "2026"), ("scheme", "quarterly"), ("deadline_days", "10")], "NNNNYNN"),
        ("skp/periods/advance", vec![("year", "2026"), ("number", "2")], "NNNNYNN"),
        ("skp/evaluation", vec![("nip", p), ("year", "2026"), ("period", "1")], "NYYNYYN"),
        ("skp/evaluation/part", vec![("nip", p), ("year", "2026"), ("period", "1")], "NYYNYYN"),
        ("skp/realise", vec![("year", "2026"), ("period", "1"), ("row", "tidak-ada"), ("text", "x")], "NYYYYYY"),
        ("skp/self_assess", vec![("year", "2026"), ("period", "1"), ("text", "x")], "NYYYYYY"),
        ("skp/evidence/remove", vec![("year", "2026"), ("period", "1"), ("id", "tidak-ada")], "NYYYYYY"),
        ("skp/dialogue", vec![("nip", p), ("year", "2026"), ("period", "1"), ("held_on", "bukan-tanggal"), ("discussed", ""), ("follow_ups", "")], "NNYNNNN"),
        ("skp/dialogue/ack", vec![("year", "2026"), ("period", "1")], "NYYYYYY"),
        ("skp/org_predikat", vec![("unit", "tidak-ada"), ("year", "2026"), ("period", "1"), ("predikat", "baik")], "NNNNYYN"),
        ("skp/rate", vec![("nip", p), ("year", "2026"), ("period", "1"), ("results", "meets"), ("behaviour", "meets"), ("feedback", "x"), ("curve_reason", "")], "NNYNNNN"),
        ("skp/document", vec![("nip", p), ("year", "2026")], "NYYNYYN"),
        ("skp/document/part", vec![("nip", p), ("year", "2026")], "NYYNYYN"),
        ("skp/objections", vec![("year", "2026")], "NYYYYYY"),
        ("skp/objection/file", vec![("year", "2026"), ("period", "1"), ("reasons", "x")], "NYYYYYY"),
        // Nobody decides an objection that was never filed (the right person only: tests/api/skp.rs).
        ("skp/objection/decide", vec![("nip", p), ("year", "2026"), ("period", "1"), ("decision", "rejected"), ("reason", "x")], "NNNNNNN"),
        ("skp/note", vec![("nip", p), ("year", "2026"), ("about", "plan"), ("text", "x")], "NNYNNNN"),
        ("skp/note/reply", vec![("nip", p), ("year", "2026"), ("note", "tidak-ada"), ("text", "x")], "NYYNNNN"),
        ("skp/settings", vec![("year", "2026"), ("objection_days", "x"), ("decision_days", "x"), ("allowance[0]", "x")], "NNNNYNN"),
        // Last: it ends the session.
        // Talent: HR and the head everyone, a supervisor their subtree; HR keeps the settings.
        ("talent", vec![], "NNYYYYN"),
        ("talent/part", vec![], "NNYYYYN"),
        // The dashboard: HR and the head everywhere, a supervisor their subtree; an unknown unit looks missing.
        ("dashboard", vec![], "NNYYYYN"),
        ("dashboard", vec![("unit", "tidak-ada")], "NNNNNNN"),
        ("dashboard/part", vec![], "NNYYYYN"),
        ("dashboard/part", vec![("unit", "tidak-ada")], "NNNNNNN"),
        ("talent/person", vec![("nip", p)], "NYYNYYN"),
        ("talent/settings", vec![("years", "x"), ("potential_high", "x"), ("potential_low", "x")], "NNNNYNN"),
        // Calibration sessions: HR and the head only.
        ("talent/calibrations", vec![], "NNNNYYN"),
        ("talent/calibration", vec![("id", "tidak-ada")], "NNNNYYN"),
        ("talent/calibrations/part", vec![], "NNNNYYN"),
        ("talent/calibration/part", vec![("id", "tidak-ada")], "NNNNYYN"),
        ("talent/calibration/open", vec![("unit", "tidak-ada"), ("year", "x")], "NNNNYYN"),
        ("talent/calibration/move", vec![("id", "tidak-ada"), ("nip", p), ("to", "x"), ("reason", "")], "NNNNYYN"),
        ("talent/calibration/close", vec![("id", "tidak-ada")], "NNNNYYN"),
        // Rater-bias signals: HR only.
        ("talent/bias", vec![], "NNNNYNN"),
        ("talent/bias/part", vec![], "NNNNYNN"),
        // Leadership programmes: trainers, HR and the head everyone, a supervisor their subtree; a person's own
        // eligibility is theirs to read; HR keeps the records it rests on.
        ("programmes", vec![("programme", "pka")], "NNYYYYY"),
        ("programmes/part", vec![("programme", "pka")], "NNYYYYY"),
        ("programmes/person", vec![("nip", p)], "NYYNYYY"),
        ("programmes/person/part", vec![("nip", p)], "NYYNYYY"),
        ("programmes/penalty", vec![("nip", p), ("level", "x"), ("kind", ""), ("decided_on", "x")], "NNNNYNN"),
        ("programmes/penalty/remove", vec![("nip", p), ("id", "tidak-ada"), ("reason", "x")], "NNNNYNN"),
        ("programmes/completion", vec![("nip", p), ("programme", "pka"), ("year", "x")], "NNNNYNN"),
        ("programmes/completion/remove", vec![("nip", p), ("programme", "pkn1")], "NNNNYNN"),
        ("programmes/rank-since", vec![("nip", p), ("rank_since", "bukan-tanggal")], "NNNNYNN"),
        ("programmes/compare", vec![("programme", "pka"), ("nips", p)], "NNYYYYY"),
        ("programmes/compare/part", vec![("programme", "pka"), ("nips", p)], "NNYYYYY"),
        ("programmes/rules", vec![("programme", "pka"), ("rules", "gaji minimal: 5"), ("source", "")], "NNNNYNN"),
        // Cohorts: trainers and HR form them and nominate; the candidate's supervisor, then HR, decide.
        ("programmes/cohorts", vec![], "NNYYYYY"),
        ("programmes/cohorts/part", vec![], "NNYYYYY"),
        ("programmes/cohort", vec![("id", "tidak-ada")], "NNYYYYY"),
        ("programmes/cohort/part", vec![("id", "tidak-ada")], "NNYYYYY"),
        ("programmes/cohort/create", vec![("programme", "pka"), ("name", ""), ("starts", "x"), ("ends", "x"), ("capacity", "x")], "NNNNYNY"),
        ("programmes/nominate", vec![("cohort", "tidak-ada"), ("nip", p), ("programme", "pka")], "NNNNYNY"),
        ("programmes/nomination/decide", vec![("cohort", "tidak-ada"), ("nip", p), ("decision", "confirm"), ("reason", "")], "NNNNNNN"),
        // Organisation imports: HR only; an unknown import looks missing.
        ("imports", vec![], "NNNNYNN"),
        ("imports/one", vec![("id", "tidak-ada")], "NNNNYNN"),
        ("imports/one/part", vec![("id", "tidak-ada")], "NNNNYNN"),
        ("imports/apply", vec![("id", "tidak-ada")], "NNNNYNN"),
        // Roles: HR only; an unknown person looks missing.
        ("hr/roles", vec![("nip", "199001012015011999")], "NNNN-NN"),
        // API tokens: HR only; an unknown token looks missing, an empty reason is refused.
        ("api-tokens", vec![], "NNNNYNN"),
        ("api-tokens/revoke", vec![("id", "tidak-ada"), ("reason", "")], "NNNN-NN"),
        ("auth/logout", vec![], "-------"),
    ];

    // Every server function is in the matrix, and the matrix names no function that does not exist.
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_string())
        .collect();
    let listed: BTreeSet<String> = matrix.iter().map(|(e, _, _)| e.to_string()).collect();
    assert_eq!(registered, listed, "the matrix must list exactly the registered server functions");

    let clients: Vec<Client> = vec![
        client(),
        app.signed_in("pegawai").await,
        app.signed_in("atasan").await,
        {
            let c = client();
            let (s, b) = app.login(&c, &elsewhere, crate::helpers::PASSWORD).await;
            assert_eq!(s, StatusCode::OK, "{b}");
            c
        },
        hr.clone(),
        app.signed_in("kepala").await,
        app.signed_in("pelatih").await,
    ];
    let mut wrong = Vec::new();
    let check_calls = async |calls: &[&Call], wrong: &mut Vec<String>| {
        for (endpoint, args, spec) in calls {
            for (i, c) in clients.iter().enumerate() {
                let (status, body) = app.call(c, endpoint, args).await;
                let expect = allowed(spec.chars().nth(i).unwrap());
                let ok = !status.is_server_error()
                    && match expect {
                        Some(true) => status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN,
                        Some(false) if i == 0 => status == StatusCode::UNAUTHORIZED,
                        Some(false) => status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND,
                        None => true,
                    };
                if !ok {
                    wrong.push(format!(
                        "{endpoint} as {}: {status} {}",
                        ROLES[i],
                        body.to_string().chars().take(120).collect::<String>()
                    ));
                }
            }
        }
    };
    // Signing out ends the sessions the pages below need: it is checked last.
    let (last, calls): (Vec<_>, Vec<_>) = matrix.iter().partition(|(e, _, _)| *e == "auth/logout");
    check_calls(&calls, &mut wrong).await;

    // Pages: anonymous visitors are sent to sign in (except the sign-in and link pages); nobody gets a 5xx.
    let pages = [
        ("/login", "-------"),
        ("/", "N------"),
        ("/account/setup/00", "-------"),
        ("/account/password", "N------"),
        ("/org", "N------"),
        (&*format!("/org/units/{unit}"), "N------"),
        ("/employees", "N------"),
        ("/employees/new", "NNNNYNN"),
        (&*format!("/employees/{p}"), "N------"),
        (&*format!("/employees/{p}/edit"), "NNNNYNN"),
        ("/feedback", "N------"),
        (&*format!("/feedback/{own_key}"), "NYNNNNN"),
        ("/rounds", "NNYYYYN"),
        (&*format!("/rounds/{open}"), "NNYYYYN"),
        ("/competencies", "N------"),
        ("/competencies/new", "NNNNYNN"),
        ("/competencies/m01/edit", "NNNNYNN"),
        (&*format!("/reports/{p}"), "NYYNYYN"),
        ("/plan", "N------"),
        (&*format!("/plan/{p}"), "NYYNYYN"),
        ("/skp", "NYYYYYY"),
        (&*format!("/skp/{p}"), "NYYNYYN"),
        ("/skp/periods", "N------"),
        ("/skp/objections", "N------"),
        (&*format!("/skp/{p}/periods/1?year=2026"), "NYYNYYN"),
        (&*format!("/skp/{p}/print?year=2026&period=1"), "NYYNYYN"),
        ("/talent", "NNYYYYN"),
        ("/dashboard", "NNYYYYN"),
        ("/dashboard/jpm.csv", "NNYYYYN"),
        ("/dashboard/jpm.xlsx", "NNYYYYN"),
        ("/dashboard/status.xlsx?unit=tidak-ada", "NNNNNNN"),
        ("/dashboard/status.csv?unit=tidak-ada", "NNNNNNN"),
        ("/talent/calibrations", "NNNNYYN"),
        ("/talent/bias", "NNNNYNN"),
        ("/talent/calibrations/tidak-ada", "NNNN--N"),
        ("/programmes", "NNYYYYY"),
        (&*format!("/programmes/person/{p}"), "NYYNYYY"),
        (&*format!("/programmes/compare?programme=pka&nip={p}&nip={p}"), "NN-----"),
        ("/programmes/cohorts", "NNYYYYY"),
        ("/programmes/cohorts/tidak-ada", "NN-----"),
        ("/programmes/cohorts/tidak-ada/nominations.csv", "NN-----"),
        ("/trainings", "N------"),
        ("/trainings/new", "NNNNYNN"),
        ("/trainings/needs", "NNYYYYY"),
        ("/trainings/tidak-ada/edit", "NNNN-NN"),
        (&*format!("/rounds/{open}/pending.csv"), "NNYYYYN"),
        (&*format!("/rounds/{open}/pending.xlsx"), "NNYYYYN"),
        ("/skp/periods/2026/1/predikat.csv", "NNNNYYN"),
        ("/skp/periods/2026/1/predikat.xlsx", "NNNNYYN"),
        ("/programmes/cohorts/tidak-ada/nominations.xlsx", "NN-----"),
        // An evidence file that does not exist answers like one the viewer may not read.
        ("/skp/evidence/tidak-ada", "NNNNNNN"),
        ("/hr/import", "NNNNYNN"),
        ("/hr/import/tidak-ada", "NNNN-NN"),
        ("/hr/import/template.xlsx", "NNNNYNN"),
        ("/hr/import/tidak-ada/errors.csv", "NNNN-NN"),
        ("/hr/import/tidak-ada/errors.xlsx", "NNNN-NN"),
        ("/talent.csv", "NNYYYYN"),
        (&*format!("/org/units/{unit}/members.xlsx"), "N------"),
        (&*format!("/org/units/{unit}/lain.csv"), "NNNNNNN"),
        (&*format!("/rounds/{open}/progress.csv"), "NNYYYYN"),
        ("/trainings/needs.csv", "NNYYYYY"),
        ("/trainings/needs/plan.xlsx?budget=5000000", "NNYYYYY"),
        ("/talent.xlsx?unit=tidak-ada", "NN--NNN"),
        ("/programmes/pka/candidates.xlsx", "NNYYYYY"),
        ("/programmes/pka/tidak-ada.csv", "NNNNNNN"),
        ("/hr/import/tidak-ada/links.csv", "NNNN-NN"),
        ("/employees.xlsx", "NYYYYYY"),
        ("/hr/api", "NNNNYNN"),
        // The API's documentation is public (its calls take API tokens, never a session: tests/api/integration.rs).
        ("/api/v1/docs", "YYYYYYY"),
        ("/api/v1/openapi.json", "YYYYYYY"),
        ("/healthz", "YYYYYYY"),
    ];
    let routes = server::route_list();
    let page_patterns: BTreeSet<String> = routes.iter().map(|r| r.path().to_string()).collect();
    assert_eq!(page_patterns.len(), 44, "a page was added or removed: list it here ({page_patterns:?})");
    let check_pages = async |pages: &[(&str, &str)], wrong: &mut Vec<String>| {
        for (path, spec) in pages {
            for (i, c) in clients.iter().enumerate() {
                let (status, _) = app.page(c, path).await;
                let ok = !status.is_server_error()
                    && match allowed(spec.chars().nth(i).unwrap()) {
                        Some(false) if i == 0 => status.is_redirection() || status == StatusCode::UNAUTHORIZED,
                        Some(false) => status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND,
                        Some(true) => status.is_success(),
                        None => true,
                    };
                if !ok {
                    wrong.push(format!("page {path} as {}: {status}", ROLES[i]));
                }
            }
        }
    };
    check_pages(&pages, &mut wrong).await;
    // A person's result exists once the round is closed.
    assert_eq!(app.call(&hr, "rounds/close", &[("key", o)]).await.0, StatusCode::OK);
    check_pages(&[(&format!("/rounds/{open}/results/{p}"), "NYYNYYN")], &mut wrong).await;
    check_calls(&last, &mut wrong).await;
    assert!(wrong.is_empty(), "{} calls answered against the matrix:\n{}", wrong.len(), wrong.join("\n"));
}
