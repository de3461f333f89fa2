//! Talent management over HTTP: a programme's rules edited as text by HR.

use crate::helpers::*;
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hr_edits_a_programmes_rules_as_text_and_a_bad_line_is_named_and_saves_nothing() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin").await;
    let version = async |c| {
        let (status, page) = app.call(c, "programmes", &[("programme", "pka")]).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        page["rules"].clone()
    };
    assert_eq!(version(&admin).await["version"], 1);
    let bad = "usia maksimal: 50\ngaji minimal: 5\n";
    let (status, body) =
        app.call(&admin, "programmes/rules", &[("programme", "pka"), ("rules", bad), ("source", "x")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body["Validation"]["message"].as_str().unwrap().starts_with("Baris 2:"), "{body}");
    assert_eq!(version(&admin).await["version"], 1, "a refused text saves nothing");
    // A trainer may not, and learns nothing about the text.
    let pelatih = app.signed_in("pelatih").await;
    let (status, _) =
        app.call(&pelatih, "programmes/rules", &[("programme", "pka"), ("rules", bad), ("source", "x")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let good = "predikat minimal: baik, 2 tahun\ntanpa hukuman: 2 tahun\nbelum mengikuti\n\
                jalur: Pengawas, III/c\njabatan: pengawas\ngolongan minimal: III/c\n";
    let (status, body) = app
        .call(
            &admin,
            "programmes/rules",
            &[("programme", "pka"), ("rules", good), ("source", "Peraturan LAN 2025"), ("verified", "1")],
        )
        .await;
    assert_eq!((status, body.clone()), (StatusCode::OK, serde_json::json!(2)), "{body}");
    let rules = version(&pelatih).await;
    assert_eq!((rules["version"].clone(), rules["verified"].clone()), (2.into(), true.into()));
    assert_eq!(rules["common"].as_array().unwrap().len(), 3);
    assert_eq!(rules["routes"][0]["label"], "Pengawas, III/c");
    assert_eq!(rules["source"], "Peraturan LAN 2025");
}
