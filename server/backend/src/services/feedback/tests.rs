//! Service tests of the competency dictionary and 360° rounds against an embedded in-memory SurrealDB.

use crate::db::{Db, DbConfig, open};
use crate::error::ServiceError;
use crate::repo::feedback as repo;
use crate::services::auth::Viewer;
use crate::services::feedback::{self as fb, RoundInput};
use crate::services::seed;
use domain::feedback::{AssignmentState, NOT_OBSERVED, NominationState, RaterGroup, RoundStatus, Withheld};
use domain::view::SubmitOutcome;
use domain::{Role, Roles};
use i18n::T;
use serde_json::json;
use std::collections::HashMap;

/// A NIP the test knows to be valid.
fn nip(text: &str) -> domain::Nip {
    domain::Nip::parse(text).unwrap()
}

fn viewer(nip: &str, roles: Vec<Role>) -> Viewer {
    Viewer { account: nip.into(), nip: nip.into(), name: nip.into(), username: None, roles: Roles::new(roles) }
}

async fn seeded(n: usize) -> (Db, HashMap<String, String>) {
    let db = open(&DbConfig::memory()).await.unwrap();
    let report = seed::seed(&db, n, 5).await.unwrap();
    (db, report.demo_logins.into_iter().collect())
}

fn input(name: &str, max_peers: u32) -> RoundInput {
    RoundInput {
        name: name.into(),
        period_start: "2026-01-01".into(),
        period_end: "2026-06-30".into(),
        opens: "2026-01-01".into(),
        closes: "2099-12-31".into(),
        threshold: "3".into(),
        max_peers: max_peers.to_string(),
        units: vec![],
        competencies: vec!["m01".into(), "m02".into(), "sk1".into()],
    }
}

async fn open_round(db: &Db, hr: &Viewer, max_peers: u32) -> String {
    let key = fb::create_round(db, hr, &input("Uji", max_peers)).await.unwrap();
    fb::open_round(db, &hr.nip, &key).await.unwrap();
    key
}

/// All assignments of a round: (key, rater, ratee, group).
async fn edges(db: &Db, round: &str) -> Vec<(String, String, String, String)> {
    db.rows(
        "SELECT VALUE [record::id(id), record::id(in), record::id(out), rater_group] FROM assesses
         WHERE round = type::record('round', $r);",
        json!({ "r": round }),
    )
    .await
    .unwrap()
}

fn full(n: usize, level: u8) -> Vec<u8> {
    vec![level; n]
}

#[tokio::test]
async fn the_dictionary_is_seeded_once_with_standards() {
    let db = open(&DbConfig::memory()).await.unwrap();
    crate::services::competency::ensure_defaults(&db).await.unwrap();
    let all = crate::repo::competency::all(&db).await.unwrap();
    assert_eq!(all.len(), 9);
    assert_eq!(all[0].code, "M.01");
    let standards = crate::repo::competency::standards(&db).await.unwrap();
    assert_eq!(standards.len(), 14);
    assert_eq!(standards["jpt_madya"], 5);
    assert_eq!(standards["pelaksana"], 1);
}

#[tokio::test]
async fn opening_a_round_assigns_raters_from_the_graph() {
    let (db, logins) = seeded(120).await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    // Only HR creates rounds; bad input changes nothing.
    let employee = viewer(&logins["pegawai"], vec![]);
    assert!(matches!(fb::create_round(&db, &employee, &input("x", 4)).await, Err(ServiceError::Forbidden)));
    let mut bad = input("x", 4);
    bad.threshold = "2".into();
    assert!(matches!(fb::create_round(&db, &hr, &bad).await, Err(ServiceError::Invalid { field: "threshold", .. })));
    assert!(repo::rounds(&db).await.unwrap().is_empty());

    let key = open_round(&db, &hr, 4).await;
    let all = edges(&db, &key).await;
    let snap = db.hierarchy().await.unwrap();
    let selfs = all.iter().filter(|e| e.3 == "self").count();
    assert_eq!(selfs, 120);
    let sups = all.iter().filter(|e| e.3 == "supervisor").count();
    assert_eq!(sups, 119);
    assert_eq!(all.iter().filter(|e| e.3 == "subordinate").count(), 119);
    for (_, rater, ratee, group) in &all {
        match group.as_str() {
            "self" => assert_eq!(rater, ratee),
            "supervisor" => assert_eq!(snap.supervisor(ratee), Some(rater.as_str())),
            "subordinate" => assert_eq!(snap.supervisor(rater), Some(ratee.as_str())),
            "peer" => assert_eq!(snap.supervisor(rater), snap.supervisor(ratee)),
            other => panic!("unexpected group {other}"),
        }
    }
    let round = repo::round(&db, &key).await.unwrap().unwrap();
    assert_eq!(round.status, RoundStatus::Open);
    assert_eq!(round.assignment_count as usize, all.len());
    // Opening twice is refused and changes nothing.
    assert!(matches!(fb::open_round(&db, &hr.nip, &key).await, Err(ServiceError::Conflict(_))));
    assert_eq!(edges(&db, &key).await.len(), all.len());
}

#[tokio::test]
async fn drafts_are_kept_and_submitting_is_final_and_idempotent() {
    let (db, logins) = seeded(80).await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    open_round(&db, &hr, 3).await;
    let me = viewer(&logins["pegawai"], vec![]);
    let inbox = fb::inbox(&db, &me).await.unwrap();
    let own = inbox.items.iter().find(|i| i.group == RaterGroup::SelfRating).unwrap().key.clone();
    let form = fb::form(&db, &me, &own).await.unwrap();
    let n = form.questionnaire.item_count();
    assert_eq!(n, 9);
    let mut draft = vec![0u8; n];
    draft[0] = 4;
    draft[1] = NOT_OBSERVED;
    let comments = vec!["catatan draf".to_string()];
    assert!(matches!(
        fb::save(&db, &me, &own, draft.clone(), comments.clone(), false).await,
        Ok(SubmitOutcome::Saved { .. })
    ));
    let again = fb::form(&db, &me, &own).await.unwrap();
    assert_eq!(again.answers, draft);
    assert_eq!(again.comments[0], "catatan draf");
    // Incomplete or malformed submissions are refused and the draft stays.
    assert!(matches!(fb::save(&db, &me, &own, draft.clone(), vec![], true).await, Err(ServiceError::Invalid { .. })));
    assert!(matches!(fb::save(&db, &me, &own, vec![3; n + 1], vec![], true).await, Err(ServiceError::Invalid { .. })));
    assert!(matches!(fb::save(&db, &me, &own, vec![7; n], vec![], false).await, Err(ServiceError::Invalid { .. })));
    assert_eq!(fb::form(&db, &me, &own).await.unwrap().answers, draft);
    // Someone else cannot read or write it.
    let other = viewer(&logins["atasan"], vec![Role::Supervisor]);
    assert!(matches!(fb::form(&db, &other, &own).await, Err(ServiceError::NotFound)));
    assert!(matches!(fb::save(&db, &other, &own, full(n, 3), vec![], true).await, Err(ServiceError::NotFound)));
    // Submit, then a second submit is reported, not applied.
    assert!(matches!(
        fb::save(&db, &me, &own, full(n, 4), comments.clone(), true).await,
        Ok(SubmitOutcome::Submitted { .. })
    ));
    assert!(matches!(
        fb::save(&db, &me, &own, full(n, 1), vec![], true).await,
        Ok(SubmitOutcome::AlreadySubmitted { .. })
    ));
    assert!(matches!(
        fb::save(&db, &me, &own, full(n, 1), vec![], false).await,
        Ok(SubmitOutcome::AlreadySubmitted { .. })
    ));
    let stored: Vec<Vec<i64>> =
        db.rows("SELECT VALUE answers FROM type::record('assesses', $k);", json!({ "k": own })).await.unwrap();
    assert_eq!(stored[0], vec![4i64; n]);
    // The submitted answers are not sent back, even to their rater.
    let after = fb::form(&db, &me, &own).await.unwrap();
    assert!(after.answers.is_empty() && after.comments.is_empty() && !after.editable);
    // The schema refuses any change to a submitted assessment.
    let tamper = db.run("UPDATE type::record('assesses', $k) SET answers = [1];", json!({ "k": own })).await;
    assert!(tamper.is_err());
}

#[tokio::test]
async fn two_concurrent_submissions_of_one_assignment_one_wins() {
    let (db, logins) = seeded(60).await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    open_round(&db, &hr, 3).await;
    let me = viewer(&logins["pegawai"], vec![]);
    for attempt in 0..5u8 {
        let items = fb::inbox(&db, &me).await.unwrap().items;
        let Some(item) = items.iter().find(|i| i.state == AssignmentState::Pending) else { break };
        let k = item.key.clone();
        let n = item.total;
        let (a, b) = (full(n, 2), full(n, 5));
        let (d1, d2, m1, m2, k1, k2) = (db.clone(), db.clone(), me.clone(), me.clone(), k.clone(), k.clone());
        let first = tokio::spawn(async move { fb::save(&d1, &m1, &k1, a, vec![], true).await });
        let second = tokio::spawn(async move { fb::save(&d2, &m2, &k2, b, vec![], true).await });
        let results = [first.await.unwrap().unwrap(), second.await.unwrap().unwrap()];
        let won: Vec<&SubmitOutcome> =
            results.iter().filter(|r| matches!(r, SubmitOutcome::Submitted { .. })).collect();
        assert_eq!(won.len(), 1, "attempt {attempt}: {results:?}");
        assert!(results.iter().any(|r| matches!(r, SubmitOutcome::AlreadySubmitted { .. })));
        let stored: Vec<Vec<i64>> =
            db.rows("SELECT VALUE answers FROM type::record('assesses', $k);", json!({ "k": k })).await.unwrap();
        // Whichever won, its answers are stored whole.
        assert!(stored[0] == vec![2i64; n] || stored[0] == vec![5i64; n]);
    }
}

#[tokio::test]
async fn closing_applies_the_threshold_and_is_idempotent_and_resumable() {
    let (db, logins) = seeded(200).await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let key = open_round(&db, &hr, 4).await;
    let all = edges(&db, &key).await;
    // Two ratees with at least three peers: one gets two peer answers (withheld), the other three (shown).
    let mut peer_counts: HashMap<&str, Vec<&(String, String, String, String)>> = HashMap::new();
    for e in all.iter().filter(|e| e.3 == "peer") {
        peer_counts.entry(e.2.as_str()).or_default().push(e);
    }
    let mut candidates: Vec<&&str> = peer_counts.keys().filter(|k| peer_counts[**k].len() >= 3).collect();
    candidates.sort();
    let (few, enough) = (candidates[0].to_string(), candidates[1].to_string());
    let n = 9;
    let submit = |rater: String, k: String, level: u8, comment: &'static str| {
        let db = db.clone();
        async move {
            let v = viewer(&rater, vec![]);
            let comments = vec![comment.to_string(), String::new(), String::new()];
            fb::save(&db, &v, &k, full(n, level), comments, true).await.unwrap();
        }
    };
    for (i, e) in peer_counts[few.as_str()].iter().take(2).enumerate() {
        submit(e.1.clone(), e.0.clone(), [1, 5][i], ["RAHASIA-SATU", "RAHASIA-DUA"][i]).await;
    }
    for (i, e) in peer_counts[enough.as_str()].iter().take(3).enumerate() {
        submit(e.1.clone(), e.0.clone(), [2, 4, 5][i], ["Bagus", "Cukup", "Baik"][i]).await;
    }
    let own = all.iter().find(|e| e.3 == "self" && e.2 == few).unwrap();
    submit(own.1.clone(), own.0.clone(), 5, "Saya hebat").await;
    // A rater who answered fewer than half of a competency's items does not count for it.
    let sup = all.iter().find(|e| e.3 == "supervisor" && e.2 == few).unwrap();
    let mut answers = full(n, 3);
    answers[0] = NOT_OBSERVED;
    answers[1] = NOT_OBSERVED;
    fb::save(&db, &viewer(&sup.1, vec![]), &sup.0, answers, vec![], true).await.unwrap();

    // Only HR may close (the server function checks the role); the service closes.
    let report = fb::close_round(&db, &hr.nip, &key).await.unwrap();
    assert_eq!(report.written, 200);
    let result = |nip: String| {
        let db = db.clone();
        let key = key.clone();
        async move { repo::result(&db, &key, &nip).await.unwrap().unwrap() }
    };
    let r = result(few.clone()).await;
    let m01 = &r.competencies[0];
    let peer = m01.groups.iter().find(|g| g.group == RaterGroup::Peer).unwrap();
    assert_eq!(peer.mean, None);
    assert_eq!(peer.withheld, Some(Withheld::TooFewRaters { count: 2, needed: 3 }));
    let me = m01.groups.iter().find(|g| g.group == RaterGroup::SelfRating).unwrap();
    assert_eq!(me.mean, Some(5.0));
    let boss = m01.groups.iter().find(|g| g.group == RaterGroup::Supervisor).unwrap();
    assert_eq!((boss.count, boss.mean), (0, None), "supervisor answered 1 of 3 items of M.01");
    let boss2 = r.competencies[1].groups.iter().find(|g| g.group == RaterGroup::Supervisor).unwrap();
    assert_eq!(boss2.mean, Some(3.0));
    let text = serde_json::to_string(&r).unwrap();
    assert!(!text.contains("RAHASIA"), "withheld comments must not be stored in the result");
    assert!(text.contains("Saya hebat"));
    let r2 = result(enough.clone()).await;
    let peer2 = r2.competencies[0].groups.iter().find(|g| g.group == RaterGroup::Peer).unwrap();
    assert_eq!((peer2.count, peer2.mean), (3, Some(3.67)));
    assert_eq!(
        r2.competencies[0].comments,
        vec![(RaterGroup::Peer, vec!["Bagus".into(), "Baik".into(), "Cukup".into()])]
    );
    // Required levels come from the position type.
    assert!(r2.competencies.iter().all(|c| (1..=5).contains(&c.required)));

    // Closing again changes nothing; a late submission is refused.
    let again = fb::close_round(&db, &hr.nip, &key).await.unwrap();
    assert_eq!(again.written, 0);
    let pending = all.iter().find(|e| e.3 == "self" && e.2 == enough).unwrap();
    let late = fb::save(&db, &viewer(&pending.1, vec![]), &pending.0, full(n, 3), vec![], true).await;
    assert!(matches!(late, Err(ServiceError::Conflict(T::FbLate))));

    // An interrupted closing (status `closing`, some results missing) completes on the next attempt.
    db.run(
        "UPDATE type::record('round', $r) SET status = 'closing';
         DELETE (SELECT VALUE id FROM round_result WHERE round = type::record('round', $r) LIMIT 50);",
        json!({ "r": key }),
    )
    .await
    .unwrap();
    let resumed = fb::close_round(&db, &hr.nip, &key).await.unwrap();
    assert_eq!((resumed.written, resumed.skipped), (50, 150));
    assert_eq!(repo::round(&db, &key).await.unwrap().unwrap().status, RoundStatus::Closed);
    assert_eq!(result(few).await, r);
}

#[tokio::test]
async fn nominations_need_the_supervisors_approval() {
    let (db, logins) = seeded(80).await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let key = open_round(&db, &hr, 1).await;
    let me = viewer(&logins["pegawai"], vec![]);
    let boss = viewer(&logins["atasan"], vec![Role::Supervisor]);
    // A colleague from elsewhere (not already assigned).
    let assigned: Vec<String> = edges(&db, &key).await.into_iter().filter(|e| e.2 == me.nip).map(|e| e.1).collect();
    let people = repo::active_people(&db).await.unwrap();
    let peer = people.iter().map(|p| p.0.clone()).find(|n| !assigned.contains(n) && *n != me.nip).unwrap();
    assert!(matches!(fb::nominate(&db, &me, &key, &nip(&me.nip)).await, Err(ServiceError::Invalid { .. })));
    fb::nominate(&db, &me, &key, &nip(&peer)).await.unwrap();
    // Nominating again, or nominating someone already assigned, answers like a new nomination.
    fb::nominate(&db, &me, &key, &nip(&peer)).await.unwrap();
    let already = edges(&db, &key).await.into_iter().find(|e| e.2 == me.nip && e.3 == "peer").unwrap();
    fb::nominate(&db, &me, &key, &nip(&already.1)).await.unwrap();
    // Not in the peer's inbox until approved; only the ratee's supervisor decides, and anyone else is told the
    // nomination does not exist.
    let peer_viewer = viewer(&peer, vec![]);
    let has = |items: &[domain::view::InboxItem]| items.iter().any(|i| i.ratee_nip == me.nip);
    assert!(!has(&fb::inbox(&db, &peer_viewer).await.unwrap().items));
    let approvals = fb::inbox(&db, &boss).await.unwrap().approvals;
    assert_eq!(approvals.len(), 1);
    assert!(matches!(fb::decide(&db, &peer_viewer, &approvals[0].key, true).await, Err(ServiceError::NotFound)));
    assert!(matches!(fb::decide(&db, &hr, &approvals[0].key, true).await, Err(ServiceError::NotFound)));
    assert!(matches!(fb::decide(&db, &peer_viewer, "r1:1:2", true).await, Err(ServiceError::NotFound)));
    fb::decide(&db, &boss, &approvals[0].key, true).await.unwrap();
    assert!(matches!(fb::decide(&db, &boss, &approvals[0].key, false).await, Err(ServiceError::Conflict(_))));
    assert!(has(&fb::inbox(&db, &peer_viewer).await.unwrap().items));
    // The ratee sees that the nomination was approved, never whether the rater has started.
    let mine = fb::inbox(&db, &me).await.unwrap().my_nominations;
    assert!(mine.iter().any(|n| n.rater_nip == peer && n.state == NominationState::Approved));
    // HR can remove an unsubmitted assignment, and add one back: a peer added by hand waits for the supervisor.
    fb::remove_assignment(&db, &hr, &approvals[0].key).await.unwrap();
    assert!(!has(&fb::inbox(&db, &peer_viewer).await.unwrap().items));
    fb::add_assignment(&db, &hr, &key, &nip(&peer), &nip(&me.nip), RaterGroup::Peer).await.unwrap();
    assert!(matches!(
        fb::add_assignment(&db, &hr, &key, &nip(&peer), &nip(&me.nip), RaterGroup::Peer).await,
        Err(ServiceError::Conflict(T::FbDuplicate))
    ));
    assert!(matches!(
        fb::add_assignment(&db, &me, &key, &nip(&peer), &nip(&me.nip), RaterGroup::Peer).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(!has(&fb::inbox(&db, &peer_viewer).await.unwrap().items), "an HR peer needs approval");
    let approvals = fb::inbox(&db, &boss).await.unwrap().approvals;
    assert!(approvals.iter().any(|n| n.rater_nip == peer && n.ratee_nip == me.nip));
    // HR cannot make up a supervisor or a subordinate: only current relations of the graph.
    for group in [RaterGroup::Supervisor, RaterGroup::Subordinate] {
        let made_up = fb::add_assignment(&db, &hr, &key, &nip(&peer), &nip(&me.nip), group).await;
        assert!(matches!(made_up, Err(ServiceError::Invalid { field: "rater", .. })), "{group:?}: {made_up:?}");
    }
    // Every change by hand is on the round's page.
    let changes = fb::progress(&db, &hr, &key).await.unwrap().changes;
    assert_eq!(changes.iter().map(|c| c.action.as_str()).collect::<Vec<_>>(), ["add", "remove"]);
    assert!(changes.iter().all(|c| c.rater == peer && c.ratee == me.nip && c.actor == hr.nip));
}

#[tokio::test]
async fn a_group_changed_by_hand_after_a_submission_is_withheld() {
    let (db, logins) = seeded(200).await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let key = open_round(&db, &hr, 5).await;
    let all = edges(&db, &key).await;
    let mut peers: HashMap<&str, Vec<&(String, String, String, String)>> = HashMap::new();
    for e in all.iter().filter(|e| e.3 == "peer") {
        peers.entry(e.2.as_str()).or_default().push(e);
    }
    let mut ratees: Vec<&str> = peers.keys().copied().filter(|k| peers[k].len() >= 5).collect();
    ratees.sort();
    let (changed, untouched) = (ratees[0], ratees[1]);
    let n = 9;
    for ratee in [changed, untouched] {
        for e in peers[ratee].iter().take(4) {
            fb::save(&db, &viewer(&e.1, vec![]), &e.0, full(n, 4), vec![], true).await.unwrap();
        }
    }
    // After four peers submitted, HR removes the fifth (unsubmitted) peer of one ratee.
    fb::remove_assignment(&db, &hr, &peers[changed][4].0).await.unwrap();
    fb::close_round(&db, &hr.nip, &key).await.unwrap();
    let peer_of = |nip: &str| {
        let db = db.clone();
        let key = key.clone();
        let nip = nip.to_string();
        async move {
            let r = repo::result(&db, &key, &nip).await.unwrap().unwrap();
            r.competencies[0].groups.iter().find(|g| g.group == RaterGroup::Peer).copied().unwrap()
        }
    };
    let hit = peer_of(changed).await;
    assert_eq!((hit.mean, hit.withheld), (None, Some(Withheld::ChangedByHand)));
    let kept = peer_of(untouched).await;
    assert_eq!((kept.count, kept.mean), (4, Some(4.0)));
}

#[tokio::test]
async fn progress_is_scoped_and_the_csv_lists_pending_raters() {
    let (db, logins) = seeded(120).await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let key = open_round(&db, &hr, 2).await;
    let all = fb::progress(&db, &hr, &key).await.unwrap();
    assert_eq!(all.total as usize, edges(&db, &key).await.len());
    assert_eq!(all.submitted, 0);
    assert!(!all.scoped && !all.by_unit.is_empty());
    let boss = viewer(&logins["atasan"], vec![Role::Supervisor]);
    let mine = fb::progress(&db, &boss, &key).await.unwrap();
    assert!(mine.scoped && mine.total < all.total);
    let employee = viewer(&logins["pegawai"], vec![]);
    assert!(matches!(fb::progress(&db, &employee, &key).await, Err(ServiceError::Forbidden)));
    let pending = fb::pending_raters(&db, &hr, &key).await.unwrap();
    assert_eq!(pending.len(), 120);
    let pegawai = pending.iter().find(|p| p.nip == logins["pegawai"]).unwrap();
    assert!(pegawai.pending > 0 && !pegawai.name.is_empty() && !pegawai.unit_name.is_empty());
    assert!(fb::pending_raters(&db, &boss, &key).await.unwrap().len() < pending.len());
    assert!(matches!(fb::pending_raters(&db, &employee, &key).await, Err(ServiceError::Forbidden)));
}

#[tokio::test]
async fn the_demo_rounds_have_varied_results() {
    let (db, logins) = seeded(150).await;
    let keep = vec![logins["pegawai"].clone()];
    seed::feedback::seed_feedback(&db, 3, &keep).await.unwrap();
    let closed = repo::round(&db, seed::feedback::CLOSED_ROUND).await.unwrap().unwrap();
    assert_eq!(closed.status, RoundStatus::Closed);
    let open = repo::round(&db, seed::feedback::OPEN_ROUND).await.unwrap().unwrap();
    assert_eq!(open.status, RoundStatus::Open);
    assert!(!open.is_past_close);
    let owners = repo::result_owners(&db, seed::feedback::CLOSED_ROUND).await.unwrap();
    assert_eq!(owners.len(), 150);
    // Some people rate themselves well above (blind spot) or below (hidden strength) how others see them.
    let mut above = 0;
    let mut below = 0;
    for nip in &owners {
        let r = repo::result(&db, seed::feedback::CLOSED_ROUND, nip).await.unwrap().unwrap();
        for c in &r.competencies {
            let me = c.groups.iter().find(|g| g.group == RaterGroup::SelfRating).and_then(|g| g.mean);
            let boss = c.groups.iter().find(|g| g.group == RaterGroup::Supervisor).and_then(|g| g.mean);
            if let (Some(a), Some(b)) = (me, boss) {
                if a - b > 4.0 / 3.0 {
                    above += 1;
                }
                if b - a > 4.0 / 3.0 {
                    below += 1;
                }
            }
        }
    }
    assert!(above > 10 && below > 0, "above {above}, below {below}");
    // The demo login keeps their open-round assignments to fill in.
    let me = viewer(&logins["pegawai"], vec![]);
    let items = fb::inbox(&db, &me).await.unwrap().items;
    assert!(items.iter().any(|i| i.group == RaterGroup::SelfRating && i.state == AssignmentState::Pending));
    assert!(items.iter().any(|i| i.group == RaterGroup::Peer && i.state == AssignmentState::Pending));
}

#[test]
fn assignment_keys_name_the_round_rater_and_ratee() {
    let key = repo::assignment_key("r1a2b", "198503152010011002", "199001012015032001");
    assert_eq!(repo::parse_assignment_key(&key), Some(("r1a2b", "198503152010011002", "199001012015032001")));
    assert_eq!(repo::parse_assignment_key("x_1_2"), None);
    assert_eq!(repo::parse_assignment_key("a_198503152010011002_199001012015032001_x"), None);
}

#[tokio::test]
async fn the_round_gate_follows_the_round_and_decides_every_write() {
    let (db, logins) = seeded(80).await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let key = fb::create_round(&db, &hr, &input("Gerbang", 3)).await.unwrap();
    let gate = |db: Db, key: String| async move {
        db.run("SELECT VALUE open_until FROM ONLY type::record('round_gate', $k);", json!({ "k": key }))
            .await
            .unwrap()
            .value::<Option<String>>(0)
            .unwrap()
    };
    // A draft round is not open: no gate time, and no questionnaire yet.
    assert_eq!(gate(db.clone(), key.clone()).await, None);
    assert_eq!(repo::questionnaire(&db, &key).await.unwrap(), None);
    fb::open_round(&db, &hr.nip, &key).await.unwrap();
    let open_until = gate(db.clone(), key.clone()).await.expect("an open round has a gate time");
    assert!(open_until.starts_with("2099-12-31"), "{open_until}");
    // The questionnaire lives in its own record, not in the round's.
    assert!(repo::questionnaire(&db, &key).await.unwrap().is_some());
    let round_fields: Vec<String> = db
        .rows("SELECT VALUE object::keys($this) FROM ONLY type::record('round', $k);", json!({ "k": key }))
        .await
        .unwrap();
    assert!(!round_fields.iter().any(|f| f.contains("questionnaire")), "{round_fields:?}");

    let me = viewer(&logins["pegawai"], vec![]);
    let mine = edges(&db, &key).await.into_iter().filter(|e| e.1 == me.nip).map(|e| e.0).collect::<Vec<_>>();
    assert!(mine.len() >= 2, "{mine:?}");
    let n = fb::questionnaire(&db, &key).await.unwrap().item_count();
    assert!(matches!(fb::save(&db, &me, &mine[0], full(n, 3), vec![], false).await, Ok(SubmitOutcome::Saved { .. })));
    // Past its closing time (moved by any write of the round), the same write is refused as late.
    db.run("UPDATE type::record('round', $k) SET closes = time::now() - 1m;", json!({ "k": key })).await.unwrap();
    assert!(gate(db.clone(), key.clone()).await.is_some());
    assert!(matches!(
        fb::save(&db, &me, &mine[1], full(n, 3), vec![], true).await,
        Err(ServiceError::Conflict(T::FbLate))
    ));
    db.run("UPDATE type::record('round', $k) SET closes = d'2099-12-31T00:00:00Z';", json!({ "k": key }))
        .await
        .unwrap();
    assert!(matches!(
        fb::save(&db, &me, &mine[1], full(n, 3), vec![], true).await,
        Ok(SubmitOutcome::Submitted { .. })
    ));
    // Closing shuts the gate in the same transaction as the status change.
    fb::close_round(&db, &hr.nip, &key).await.unwrap();
    assert_eq!(gate(db.clone(), key.clone()).await, None);
    assert!(matches!(
        fb::save(&db, &me, &mine[0], full(n, 3), vec![], true).await,
        Err(ServiceError::Conflict(T::FbLate))
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_openings_and_closings_do_the_work_once_and_the_others_are_told() {
    let (db, logins) = seeded(60).await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let key = fb::create_round(&db, &hr, &input("Bersamaan", 2)).await.unwrap();
    let (a, b, c) = tokio::join!(
        fb::open_round(&db, &hr.nip, &key),
        fb::open_round(&db, &hr.nip, &key),
        fb::open_round(&db, &hr.nip, &key)
    );
    let opened: Vec<usize> = [&a, &b, &c].iter().filter_map(|r| r.as_ref().ok().copied()).collect();
    assert_eq!(opened.len(), 1, "exactly one opening wins: {a:?} {b:?} {c:?}");
    for r in [&a, &b, &c] {
        assert!(
            matches!(r, Ok(_) | Err(ServiceError::Conflict(_))),
            "a lost opening is a conflict, not a failure: {r:?}"
        );
    }
    // All or nothing: the round holds exactly the winner's assignments.
    assert_eq!(edges(&db, &key).await.len(), opened[0]);
    assert_eq!(repo::round(&db, &key).await.unwrap().unwrap().status, RoundStatus::Open);

    let (a, b) = tokio::join!(fb::close_round(&db, &hr.nip, &key), fb::close_round(&db, &hr.nip, &key));
    for r in [&a, &b] {
        assert!(matches!(r, Ok(_) | Err(ServiceError::Conflict(_))), "{r:?}");
    }
    let written: usize = [&a, &b].iter().filter_map(|r| r.as_ref().ok()).map(|r| r.written).sum();
    let results: Vec<String> = db
        .rows(
            "SELECT VALUE record::id(id) FROM round_result WHERE round = type::record('round', $r);",
            json!({ "r": key }),
        )
        .await
        .unwrap();
    assert_eq!(written, results.len(), "results were computed once");
    assert_eq!(repo::round(&db, &key).await.unwrap().unwrap().status, RoundStatus::Closed);
}
