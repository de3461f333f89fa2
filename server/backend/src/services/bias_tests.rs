//! Service tests of the rater-bias signals against `mem://`: the demo agency with its closed 360° rounds and rated
//! work plans; a generous supervisor planted in an SKP period; and the anonymity of peers and subordinates attacked.

use crate::db::Db;
use crate::error::ServiceError;
use crate::services::bias;
use crate::services::test_support::{demo_agency, viewer};
use domain::Role;
use std::collections::{HashMap, HashSet};

async fn demo() -> (Db, HashMap<String, String>) {
    let (db, logins, _) = demo_agency(120, 7, true).await;
    (db, logins)
}

#[tokio::test]
async fn only_hr_reads_the_signals_and_no_anonymous_rater_is_ever_named() {
    let (db, logins) = demo().await;
    for other in [
        viewer(&logins["kepala"], vec![Role::Head]),
        viewer(&logins["pimpinan"], vec![Role::Supervisor]),
        viewer(&logins["pelatih"], vec![Role::Trainer]),
        viewer(&logins["pegawai"], vec![]),
    ] {
        assert!(matches!(bias::bias_page(&db, &other, None, None).await, Err(ServiceError::Forbidden)));
    }
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let page = bias::bias_page(&db, &hr, None, None).await.unwrap();
    let round = page.round.clone().expect("the demo has closed rounds");
    assert_eq!(round.key, page.rounds[0].0, "the newest closed round by default");
    assert!(round.assessments > 0 && round.spread.is_some());
    assert!(matches!(bias::bias_page(&db, &hr, Some("tidak-ada"), None).await, Err(ServiceError::NotFound)));
    assert!(matches!(bias::bias_page(&db, &hr, None, Some((1999, 1))).await, Err(ServiceError::NotFound)));

    // The attack: whoever rated only as a peer or a subordinate appears nowhere in what HR reads, and everyone
    // named rated as a supervisor in that round.
    for (key, _) in &page.rounds {
        let read = bias::bias_page(&db, &hr, Some(key), None).await.unwrap();
        let text = serde_json::to_string(&read).unwrap();
        let edges: Vec<(String, String)> = db
            .rows(
                "SELECT VALUE [record::id(in), rater_group] FROM assesses
                 WHERE round = type::record('round', $r) AND state = 'submitted';",
                serde_json::json!({ "r": key }),
            )
            .await
            .unwrap();
        let supervisors: HashSet<&str> =
            edges.iter().filter(|(_, g)| g == "supervisor").map(|(n, _)| n.as_str()).collect();
        let anonymous_only: HashSet<&str> = edges
            .iter()
            .filter(|(n, g)| (g == "peer" || g == "subordinate") && !supervisors.contains(n.as_str()))
            .map(|(n, _)| n.as_str())
            .collect();
        assert!(!anonymous_only.is_empty());
        for nip in anonymous_only {
            assert!(!text.contains(nip), "{nip} rated anonymously and is named in the signals of {key}");
        }
        for s in &read.round.unwrap().supervisors {
            assert!(supervisors.contains(s.nip.as_str()), "{} is named but did not rate as a supervisor", s.nip);
            assert!(s.lean.is_some() || 2 * s.straight >= s.submitted, "{} is listed without a signal", s.nip);
        }
    }
}

#[tokio::test]
async fn a_supervisor_who_rates_everyone_sangat_baik_stands_out_from_their_unit() {
    let (db, logins) = demo().await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let page = bias::bias_page(&db, &hr, None, None).await.unwrap();
    let period = page.period.clone().expect("the demo has a closed SKP period");
    let (year, number) = (period.period.year, period.period.number);
    assert!(period.compared > 0, "the demo's supervisors are compared");
    assert!(period.supervisors.iter().all(|s| s.divergence.sharp()));
    // Plant: the supervisor who rated most in the period gives everyone Sangat Baik.
    let raters: Vec<(String, i64)> = db
        .rows(
            "SELECT VALUE [rated_by, count] FROM (SELECT rated_by, count() AS count FROM skp_eval
             WHERE year = $y AND period = $p AND predikat != NONE GROUP BY rated_by) ORDER BY count DESC;",
            serde_json::json!({ "y": year, "p": number }),
        )
        .await
        .unwrap();
    let (generous, rated) =
        raters.iter().find(|(n, _)| !period.supervisors.iter().any(|s| &s.nip == n)).unwrap().clone();
    assert!(rated >= domain::bias::MIN_RATED as i64, "the busiest rater rated {rated}");
    db.run(
        "UPDATE skp_eval SET predikat = 'sangat_baik' WHERE year = $y AND period = $p AND rated_by = $n;",
        serde_json::json!({ "y": year, "p": number, "n": generous }),
    )
    .await
    .unwrap();
    let after = bias::bias_page(&db, &hr, None, Some((year, number))).await.unwrap().period.unwrap();
    let found = after.supervisors.iter().find(|s| s.nip == generous).expect("the generous supervisor is marked");
    assert!(found.divergence.z > 0.0 && found.divergence.top_share == 100.0, "{:?}", found.divergence);
    assert!(found.divergence.unit_top_share < 100.0);
}
