//! Work plans (SKP) through HTTP, as the pages use them: the plan approved by the direct supervisor, a period opened
//! by HR, a realisation, the rating, a rating refused once the period closed, and an objection decided only by the
//! rater's own supervisor.

use crate::helpers::spawn_app;
use reqwest::StatusCode;

#[tokio::test]
async fn the_skp_cycle_through_http_with_an_objection_decided_by_the_right_person_only() {
    let app = spawn_app().await;
    let (me, boss, above, hr) = (
        app.signed_in("pegawai").await,
        app.signed_in("atasan").await,
        app.signed_in("pimpinan").await,
        app.signed_in("admin").await,
    );
    let nip = app.nip("pegawai");
    let ok = |(s, b): (StatusCode, serde_json::Value)| {
        assert!(s.is_success(), "{s} {b}");
        b
    };
    // The plan: one main result, submitted and approved by the direct supervisor.
    ok(app
        .call(
            &me,
            "skp/add_row",
            &[
                ("year", "2026"),
                ("kind", "utama"),
                ("text", "Usulan kenaikan pangkat terverifikasi"),
                ("aspect", "kuantitas"),
                ("indicator_text", "Jumlah usulan diverifikasi"),
                ("target_kind", "number"),
                ("target_value", "120"),
                ("target_unit", "usulan"),
            ],
        )
        .await);
    ok(app.call(&me, "skp/submit", &[("year", "2026")]).await);
    let decide = [("nip", nip.as_str()), ("year", "2026"), ("decision", "approve"), ("comment", "")];
    assert_eq!(app.call(&above, "skp/decide", &decide).await.0, StatusCode::FORBIDDEN);
    ok(app.call(&boss, "skp/decide", &decide).await);
    let plan = ok(app.call(&me, "skp", &[("nip", "me"), ("year", "2026")]).await);
    let row = plan["doc"]["rows"][0]["key"].as_str().unwrap().to_string();
    // The document to print is drawn by the server from the same plan, and the page shows it as drawn.
    let part = ok(app.call(&boss, "skp/document/part", &[("nip", &nip), ("year", "2026")]).await);
    let drawn = part["html"].as_str().expect("the part's HTML");
    assert!(drawn.contains("Usulan kenaikan pangkat terverifikasi") && drawn.contains(&nip), "{drawn}");
    let (_, html) = app.page(&boss, &format!("/skp/{nip}/print?year=2026")).await;
    assert!(html.contains(drawn), "the served page shows the part as drawn");
    // HR opens the first quarter; the employee realises the row with evidence.
    ok(app.call(&hr, "skp/periods/plan", &[("year", "2026"), ("scheme", "quarterly"), ("deadline_days", "10")]).await);
    ok(app.call(&hr, "skp/periods/advance", &[("year", "2026"), ("number", "1")]).await);
    // The periods page is drawn by the server: HR's has the forms to close the open quarter and open the next, to
    // set the organisation's predikat and the settings; the employee's has the same table and no form.
    let hr_part = ok(app.call(&hr, "skp/periods/part", &[("year", "2026")]).await);
    let hr_part = hr_part["html"].as_str().expect("the part's HTML");
    assert!(hr_part.contains("Dibuka") && hr_part.contains("Tutup periode"), "{hr_part}");
    assert_eq!(hr_part.matches(r#"action="/api/skp/periods/advance""#).count(), 5, "{hr_part}");
    assert!(hr_part.contains(r#"action="/api/skp/settings""#), "{hr_part}");
    let my_part = ok(app.call(&me, "skp/periods/part", &[("year", "2026")]).await);
    let my_part = my_part["html"].as_str().expect("the part's HTML");
    assert!(my_part.contains("Dibuka") && !my_part.contains("<form"), "{my_part}");
    let (_, html) = app.page(&me, "/skp/periods?year=2026").await;
    assert!(html.contains(my_part), "the served page shows the part as drawn");
    ok(app
        .call(
            &me,
            "skp/realise",
            &[
                ("year", "2026"),
                ("period", "1"),
                ("row", &row),
                ("text", "118 usulan"),
                ("link", "https://drive.example.go.id/bukti"),
            ],
        )
        .await);
    // Evidence as a file: a plain multipart form that returns to the evaluation page with the outcome; a file that
    // is not what it claims is refused with the reason and nothing is stored.
    let pdf: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n";
    let fields = [("year", "2026"), ("period", "1"), ("row", row.as_str())];
    let (status, to) = app.upload(&me, "/skp/evidence", &fields, ("<html>.pdf", b"<html><script>x</script>")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(to.starts_with(&format!("/skp/{nip}/periods/1?year=2026&error=")), "{to}");
    let (status, to) = app.upload(&me, "/skp/evidence", &fields, ("Laporan Triwulan I.pdf", pdf)).await;
    assert_eq!((status, to.contains("saved=1")), (StatusCode::SEE_OTHER, true), "{to}");
    let page = ok(app.call(&me, "skp/evaluation", &[("nip", &nip), ("year", "2026"), ("period", "1")]).await);
    assert_eq!(page["files"].as_array().map(Vec::len), Some(1), "{page}");
    assert_eq!(page["files"][0]["name"], "Laporan Triwulan I.pdf");
    let file = format!("/skp/evidence/{}", page["files"][0]["id"].as_str().unwrap());
    // The evaluation is drawn by the server: the owner's has the realisation, the file and the forms to change them;
    // the supervisor's has the rating form instead; the served page shows it as drawn.
    let eval = [("nip", nip.as_str()), ("year", "2026"), ("period", "1")];
    let mine = ok(app.call(&me, "skp/evaluation/part", &eval).await);
    let mine = mine["html"].as_str().expect("the part's HTML");
    assert!(mine.contains("118 usulan") && mine.contains("Laporan Triwulan I.pdf"), "{mine}");
    assert!(mine.contains(r#"action="/api/skp/realise""#) && !mine.contains(r#"action="/api/skp/rate""#), "{mine}");
    let (_, html) = app.page(&me, "/skp/me/periods/1?year=2026").await;
    assert!(html.contains(mine), "the served page shows the part as drawn");
    let boss_part = ok(app.call(&boss, "skp/evaluation/part", &eval).await);
    let boss_part = boss_part["html"].as_str().expect("the part's HTML");
    assert!(boss_part.contains(r#"action="/api/skp/rate""#) && !boss_part.contains(r#"action="/api/skp/realise""#));
    // So is the plan: the supervisor sees the rows and the note form, not the owner's forms.
    let plan_part = ok(app.call(&boss, "skp/part", &[("nip", nip.as_str()), ("year", "2026")]).await);
    let plan_part = plan_part["html"].as_str().expect("the part's HTML");
    assert!(plan_part.contains("Usulan kenaikan pangkat terverifikasi"), "{plan_part}");
    assert!(plan_part.contains(r#"action="/api/skp/note""#) && !plan_part.contains(r#"action="/api/skp/add_row""#));
    let (_, html) = app.page(&boss, &format!("/skp/{nip}?year=2026")).await;
    assert!(html.contains(plan_part), "the served page shows the part as drawn");
    // Served as a download that is never sniffed or run, to readers of the plan; not to anyone signed out.
    let res = boss.get(app.url(&file)).send().await.expect("request");
    assert_eq!(res.status(), StatusCode::OK);
    let header = |name: &str| res.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert_eq!(header("content-type"), "application/pdf");
    assert!(header("content-disposition").starts_with("attachment; filename=\"Laporan Triwulan I.pdf\""));
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert!(header("content-security-policy").contains("sandbox"));
    assert_eq!(res.bytes().await.unwrap().as_ref(), pdf);
    let stranger = crate::helpers::client();
    assert_eq!(stranger.get(app.url(&file)).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    // A cross-site form cannot upload into someone's evaluation.
    let res = me
        .post(app.url("/skp/evidence"))
        .header("Origin", "https://evil.example")
        .header("Content-Type", "multipart/form-data; boundary=x")
        .body("--x--\r\n")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // The supervisor rates; the supervisor's supervisor may not.
    let rate = |results: &'static str| {
        [
            ("nip", nip.clone()),
            ("year", "2026".into()),
            ("period", "1".into()),
            ("results", results.into()),
            ("behaviour", "meets".into()),
            ("feedback", "Sesuai bukti".into()),
        ]
    };
    let args = |a: &[(&'static str, String)]| a.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>();
    let call = async |c, endpoint, a: Vec<(&'static str, String)>| {
        let a: Vec<(&str, &str)> = a.iter().map(|(k, v)| (*k, v.as_str())).collect();
        app.call(c, endpoint, &a).await
    };
    assert_eq!(call(&above, "skp/rate", args(&rate("above"))).await.0, StatusCode::FORBIDDEN);
    ok(call(&boss, "skp/rate", args(&rate("meets"))).await);
    // Once the period is closed a rating is refused, also the rater's own change.
    ok(app.call(&hr, "skp/periods/advance", &[("year", "2026"), ("number", "1")]).await);
    assert_eq!(call(&boss, "skp/rate", args(&rate("above"))).await.0, StatusCode::CONFLICT);
    // The employee objects; only `pimpinan` (the rater's supervisor) decides it — not the rater, HR or the head.
    ok(app
        .call(
            &me,
            "skp/objection/file",
            &[("year", "2026"), ("period", "1"), ("reasons", "Capaian 118 dari 120 usulan, bukti terlampir")],
        )
        .await);
    let decision = [
        ("nip", nip.as_str()),
        ("year", "2026"),
        ("period", "1"),
        ("decision", "upheld"),
        ("results", "above"),
        ("behaviour", "meets"),
        ("reason", "Bukti menunjukkan capaian di atas ekspektasi"),
    ];
    let head = app.signed_in("kepala").await;
    for other in [&boss, &hr, &head, &me] {
        assert_eq!(app.call(other, "skp/objection/decide", &decision).await.0, StatusCode::FORBIDDEN);
    }
    ok(app.call(&above, "skp/objection/decide", &decision).await);
    assert_eq!(app.call(&above, "skp/objection/decide", &decision).await.0, StatusCode::CONFLICT);
    // Everyone who may read the evaluation sees the trail and that the predikat was changed by the objection.
    for who in [&me, &boss, &above, &hr] {
        let page = ok(app.call(who, "skp/evaluation", &[("nip", &nip), ("year", "2026"), ("period", "1")]).await);
        assert_eq!(page["rating"]["by_objection"], true);
        assert_eq!(page["rating"]["ratings"]["results"], "above");
        assert_eq!(page["objection"]["state"], "upheld");
        assert_eq!(page["objection"]["original"]["results"], "meets");
    }
    let (status, csv) = app.page(&hr, "/skp/periods/2026/1/predikat.csv").await;
    assert_eq!(status, StatusCode::OK);
    assert!(csv.lines().nth(1).is_some_and(|l| l.ends_with(",Ya")), "{csv}");
    // The same table as a workbook: the same rows, the header first, NIPs kept as text (all 18 digits).
    use calamine::Reader;
    let res = hr.get(app.url("/skp/periods/2026/1/predikat.xlsx")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = res.bytes().await.unwrap().to_vec();
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<&[calamine::Data]> = range.rows().collect();
    assert_eq!(rows.len(), csv.lines().count());
    assert_eq!(rows[0][0], calamine::Data::String("NIP".into()));
    assert!(matches!(&rows[1][0], calamine::Data::String(s) if s.len() == 18), "{:?}", rows[1]);
}
