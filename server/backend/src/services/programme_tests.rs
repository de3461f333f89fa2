//! Service tests of leadership programmes and disciplinary penalties on the demo agency (two closed performance
//! years, closed 360° rounds, completed programmes and a few penalties): candidate lists against the rule engine,
//! who may read what, and HR's records changing eligibility — with bad input changing nothing.

use crate::db::Db;
use crate::error::ServiceError;
use crate::services::test_support::{demo_agency, viewer};
use crate::services::{discipline, programme, talent};
use domain::programme::{Check, Condition, Programme, Seen};
use domain::view::TalentFilter;
use domain::{Nip, Role};
use std::collections::HashMap;

fn nip(text: &str) -> Nip {
    Nip::parse(text).unwrap()
}

async fn demo() -> (Db, HashMap<String, String>) {
    let (db, logins, _) = demo_agency(150, 5, true).await;
    (db, logins)
}

#[tokio::test]
async fn candidates_are_ranked_by_box_and_jpm_and_agree_with_each_persons_explained_eligibility() {
    let (db, logins) = demo().await;
    let trainer = viewer(&logins["pelatih"], vec![Role::Trainer]);
    let page = programme::programmes_page(&db, &trainer, Programme::Pka, None).await.unwrap();
    let active = crate::repo::feedback::active_people(&db).await.unwrap().len() as u32;
    assert_eq!(page.evaluated, active, "a trainer looks at the whole agency");
    assert_eq!(page.years.len(), 2, "two closed performance years");
    // PKA prepares for Administrator, a higher standard than its candidates hold now: everyone with a JPM has one
    // against that standard too, and for some it shows a bigger gap.
    for c in page.eligible.iter().chain(&page.nearly) {
        assert_eq!(c.target_jpm.is_some(), c.jpm.is_some(), "{}", c.nip);
    }
    assert!(page.eligible.iter().any(|c| c.target_jpm < c.jpm), "a bigger gap against the target standard");
    assert!(page.nearly_count > 0, "someone is one requirement short");
    assert!(page.eligible.iter().all(|c| c.eligibility.eligible && c.eligibility.lacking().is_empty()));
    assert!(page.nearly.iter().all(|c| !c.eligibility.eligible && c.eligibility.lacking().len() == 1));
    for pair in page.eligible.windows(2).chain(page.nearly.windows(2)) {
        let key = |c: &domain::view::Candidate| (c.box_number, c.target_jpm.unwrap_or(-1.0), c.jpm.unwrap_or(-1.0));
        let (a, b) = (key(&pair[0]), key(&pair[1]));
        assert!(a.0 >= b.0, "ranked by box first");
        if a.0 == b.0 {
            assert!(a.1 >= b.1, "then by the JPM against the target position's standard");
            if a.1 == b.1 {
                assert!(a.2 >= b.2, "then by the JPM in the current position");
            }
        }
    }
    // Each listed person's own page says the same, condition by condition.
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    for c in page.eligible.iter().chain(&page.nearly).take(6) {
        let own = programme::person_programmes(&db, &hr, &nip(&c.nip)).await.unwrap();
        let pka = own.eligibility.iter().find(|e| e.programme == Programme::Pka).unwrap();
        assert_eq!(pka, &c.eligibility, "{}", c.nip);
    }
    // Administrators completed PKA in the demo: none of them is a candidate, and the reason is named.
    let facts = crate::repo::programme::active_facts(&db).await.unwrap();
    let admin = facts.iter().find(|f| f.kind.as_deref() == Some("administrator")).unwrap();
    let own = programme::person_programmes(&db, &hr, &nip(&admin.nip)).await.unwrap();
    let pka = own.eligibility.iter().find(|e| e.programme == Programme::Pka).unwrap();
    assert!(!pka.eligible);
    let completed = pka.common.iter().find(|v| v.condition == Condition::NotCompleted).unwrap();
    assert_eq!((completed.check, &completed.seen), (Check::NotMet, &Seen::Completed { done: true }));
    // A supervisor sees their subtree only, without themselves; a plain employee sees no list.
    let boss = viewer(&logins["pimpinan"], vec![Role::Supervisor]);
    let mine = programme::programmes_page(&db, &boss, Programme::Pkp, None).await.unwrap();
    let below = db.hierarchy().await.unwrap().descendants(&boss.nip).len() as u32;
    assert_eq!((mine.evaluated, mine.units.len()), (below, 0));
    let me = viewer(&logins["pegawai"], vec![]);
    assert!(matches!(programme::programmes_page(&db, &me, Programme::Pkp, None).await, Err(ServiceError::Forbidden)));
}

#[tokio::test]
async fn penalties_screen_eligibility_and_the_talent_pool_and_only_hr_the_head_and_the_person_read_them() {
    let (db, logins) = demo().await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let trainer = viewer(&logins["pelatih"], vec![Role::Trainer]);
    let head = viewer(&logins["kepala"], vec![Role::Head]);
    let me = viewer(&logins["pegawai"], vec![]);
    let boss = viewer(&logins["atasan"], vec![Role::Supervisor]);
    let owner = nip(&me.nip);
    let screen_of = |p: &domain::view::PersonProgrammes| {
        let pkp = p.eligibility.iter().find(|e| e.programme == Programme::Pkp).unwrap();
        pkp.common.iter().find(|v| matches!(v.condition, Condition::NoPenalty { .. })).unwrap().clone()
    };
    let before = programme::person_programmes(&db, &hr, &owner).await.unwrap();
    assert_eq!((screen_of(&before).check, before.penalties.as_ref().map(Vec::len)), (Check::Met, Some(0)));
    // Bad input and the wrong role change nothing.
    let today = crate::services::skp::today();
    let recent = (today - time::Duration::days(30)).to_string();
    for (level, kind, on) in
        [("", "x", recent.as_str()), ("moderate", " ", recent.as_str()), ("moderate", "x", "2999-01-01")]
    {
        assert!(matches!(
            discipline::add_penalty(&db, &hr, &owner, level, kind, on).await,
            Err(ServiceError::Invalid { .. })
        ));
    }
    for who in [&trainer, &head, &boss, &me] {
        assert!(matches!(
            discipline::add_penalty(&db, who, &owner, "moderate", "x", &recent).await,
            Err(ServiceError::Forbidden)
        ));
    }
    assert_eq!(crate::repo::discipline::penalties_of(&db, &me.nip).await.unwrap().len(), 0);
    // A moderate penalty last month screens the person out, with its level and date as the reason.
    let id = discipline::add_penalty(&db, &hr, &owner, "moderate", "Pemotongan tunjangan kinerja 25%", &recent)
        .await
        .unwrap();
    let after = programme::person_programmes(&db, &hr, &owner).await.unwrap();
    let v = screen_of(&after);
    assert_eq!(v.check, Check::NotMet);
    assert_eq!(v.seen, Seen::Penalty { level: domain::discipline::PenaltyLevel::Moderate, decided_on: recent.clone() });
    // The person, HR and the head read the penalty; a trainer and the supervisor see only the verdict.
    for (who, sees) in [(&me, true), (&head, true), (&trainer, false), (&boss, false)] {
        let page = programme::person_programmes(&db, who, &owner).await.unwrap();
        assert_eq!(page.penalties.is_some(), sees, "{}", who.nip);
        assert_eq!(screen_of(&page).check, Check::NotMet);
    }
    // Someone outside the person's chain reads nothing.
    let peer = db.hierarchy().await.unwrap().direct_reports(&boss.nip).iter().find(|n| **n != me.nip).unwrap().clone();
    assert!(matches!(
        programme::person_programmes(&db, &viewer(&peer, vec![]), &owner).await,
        Err(ServiceError::Forbidden)
    ));
    // Removing it needs a reason; then the screen lifts. Both writes are audited.
    assert!(matches!(
        discipline::remove_penalty(&db, &hr, &owner, &id, " ").await,
        Err(ServiceError::Invalid { field: "reason", .. })
    ));
    assert!(matches!(
        discipline::remove_penalty(&db, &hr, &owner, "tidak-ada", "salah catat").await,
        Err(ServiceError::NotFound)
    ));
    discipline::remove_penalty(&db, &hr, &owner, &id, "Dibatalkan oleh keputusan banding").await.unwrap();
    assert_eq!(screen_of(&programme::person_programmes(&db, &hr, &owner).await.unwrap()).check, Check::Met);
    let actions: Vec<String> = db
        .rows(
            "SELECT VALUE action FROM audit WHERE subject = $s AND action CONTAINS 'discipline' ORDER BY at;",
            serde_json::json!({ "s": format!("employee:{}", me.nip) }),
        )
        .await
        .unwrap();
    assert_eq!(actions, ["discipline.add", "discipline.remove"]);
    // Someone placed in the talent matrix: a moderate penalty marks them as out of the succession pool, on the
    // matrix and on their profile; a light one does not.
    let fullest = talent::talent_page(&db, &hr, &TalentFilter::default(), None)
        .await
        .unwrap()
        .counts
        .iter()
        .enumerate()
        .max_by_key(|(_, c)| **c)
        .map(|(i, _)| i as u8 + 1)
        .unwrap();
    let placed = talent::talent_page(&db, &hr, &TalentFilter::default(), Some(fullest)).await.unwrap().people;
    let someone = placed.iter().find(|p| p.screened.is_none()).unwrap().nip.clone();
    discipline::add_penalty(&db, &hr, &nip(&someone), "light", "Teguran tertulis", &recent).await.unwrap();
    assert_eq!(talent::person_talent(&db, &hr, &nip(&someone)).await.unwrap().placed.unwrap().screened, None);
    discipline::add_penalty(&db, &hr, &nip(&someone), "severe", "Penurunan jabatan", &recent).await.unwrap();
    let severe = Some((domain::discipline::PenaltyLevel::Severe, recent.clone()));
    assert_eq!(talent::person_talent(&db, &hr, &nip(&someone)).await.unwrap().placed.unwrap().screened, severe);
    let listed = talent::talent_page(&db, &hr, &TalentFilter::default(), Some(fullest)).await.unwrap().people;
    assert_eq!(listed.iter().find(|p| p.nip == someone).unwrap().screened, severe);
}

#[tokio::test]
async fn completions_rank_dates_and_rules_are_hrs_records_and_change_eligibility() {
    let (db, logins) = demo().await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let trainer = viewer(&logins["pelatih"], vec![Role::Trainer]);
    let me = viewer(&logins["pegawai"], vec![]);
    let owner = nip(&me.nip);
    let pkp = |p: &domain::view::PersonProgrammes| {
        p.eligibility.iter().find(|e| e.programme == Programme::Pkp).unwrap().clone()
    };
    // A completed programme ends its eligibility; a year in the future or the wrong role is refused.
    assert!(matches!(
        programme::record_completion(&db, &hr, &owner, Programme::Pkp, "2999").await,
        Err(ServiceError::Invalid { field: "year", .. })
    ));
    assert!(matches!(
        programme::record_completion(&db, &trainer, &owner, Programme::Pkp, "2020").await,
        Err(ServiceError::Forbidden)
    ));
    programme::record_completion(&db, &hr, &owner, Programme::Pkp, "2020").await.unwrap();
    let page = programme::person_programmes(&db, &me, &owner).await.unwrap();
    assert_eq!(page.completed, [(Programme::Pkp, 2020)]);
    let done = pkp(&page).common.into_iter().find(|v| v.condition == Condition::NotCompleted).unwrap();
    assert_eq!(done.check, Check::NotMet);
    programme::remove_completion(&db, &hr, &owner, Programme::Pkp).await.unwrap();
    assert!(matches!(
        programme::remove_completion(&db, &hr, &owner, Programme::Pkp).await,
        Err(ServiceError::NotFound)
    ));
    // The TMT of the rank is what the months in rank are counted from; a bad date changes nothing.
    let before = programme::person_programmes(&db, &hr, &owner).await.unwrap().rank_since;
    assert!(before.is_some(), "the demo has rank dates");
    assert!(matches!(
        programme::set_rank_since(&db, &hr, &owner, "31/12/2020").await,
        Err(ServiceError::Invalid { field: "rank_since", .. })
    ));
    assert_eq!(programme::person_programmes(&db, &hr, &owner).await.unwrap().rank_since, before);
    let since = (crate::services::skp::today() - time::Duration::days(400)).to_string();
    programme::set_rank_since(&db, &hr, &owner, &since).await.unwrap();
    let page = programme::person_programmes(&db, &hr, &owner).await.unwrap();
    assert_eq!(page.rank_since.as_deref(), Some(since.as_str()));
    let months = pkp(&page)
        .routes
        .iter()
        .flat_map(|(_, v)| v.iter())
        .find(|v| matches!(v.condition, Condition::MinMonthsInRank { .. }))
        .map(|v| v.seen.clone());
    assert!(matches!(months, Some(Seen::Months { months: 13 })), "{months:?}");
    // HR drops the talent-box requirement of PKA: a new version, audited; the candidates can only grow.
    let rules = programme::rule_set(&db, Programme::Pka).await.unwrap();
    let before = programme::programmes_page(&db, &trainer, Programme::Pka, None).await.unwrap().eligible_count;
    let mut changed = rules.clone();
    for r in &mut changed.routes {
        r.conditions.retain(|c| !matches!(c, Condition::TalentBox { .. }));
    }
    assert!(matches!(programme::save_rule_set(&db, &trainer, changed.clone()).await, Err(ServiceError::Forbidden)));
    let saved = programme::save_rule_set(&db, &hr, changed).await.unwrap();
    assert_eq!(saved.version, rules.version + 1);
    let after = programme::programmes_page(&db, &trainer, Programme::Pka, None).await.unwrap();
    assert_eq!(after.rules, saved);
    assert!(after.eligible_count >= before, "{before} → {}", after.eligible_count);
    let empty = domain::programme::RuleSet { common: vec![], routes: vec![], ..saved };
    assert!(matches!(programme::save_rule_set(&db, &hr, empty).await, Err(ServiceError::Invalid { .. })));
    assert_eq!(programme::rule_set(&db, Programme::Pka).await.unwrap().version, rules.version + 1);
}

#[tokio::test]
async fn a_cohort_takes_eligible_nominees_up_to_its_capacity_and_the_supervisor_then_hr_decide() {
    let (db, logins) = demo().await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let trainer = viewer(&logins["pelatih"], vec![Role::Trainer]);
    let me = viewer(&logins["pegawai"], vec![]);
    let boss = viewer(&logins["atasan"], vec![Role::Supervisor]);
    // Every Pelaksana qualifies for PKA under these (test) rules, HR's version 2.
    let rules = domain::programme::RuleSet {
        common: vec![Condition::NotCompleted],
        routes: vec![domain::programme::Route {
            label: "Uji".into(),
            conditions: vec![Condition::Position { any_of: vec![domain::PositionKind::Pelaksana] }],
        }],
        ..programme::rule_set(&db, Programme::Pka).await.unwrap()
    };
    programme::save_rule_set(&db, &hr, rules).await.unwrap();
    // Forming a cohort: trainers and HR, with a checked form.
    let form = ("PKA Angkatan I", "2026-01-05", "2099-06-30", "1");
    assert!(matches!(programme::create_cohort(&db, &me, Programme::Pka, form).await, Err(ServiceError::Forbidden)));
    assert!(matches!(
        programme::create_cohort(&db, &trainer, Programme::Pka, ("PKA", "2026-07-01", "2026-06-30", "1")).await,
        Err(ServiceError::Invalid { .. })
    ));
    let cohort = programme::create_cohort(&db, &trainer, Programme::Pka, form).await.unwrap();
    // Only the eligible, once, while a seat is free.
    let facts = crate::repo::programme::active_facts(&db).await.unwrap();
    let not_eligible = facts.iter().find(|f| f.kind.as_deref() == Some("administrator")).unwrap();
    assert!(matches!(
        programme::nominate(&db, &trainer, &cohort, &nip(&not_eligible.nip)).await,
        Err(ServiceError::Conflict(i18n::T::NominationNotEligible))
    ));
    assert!(matches!(programme::nominate(&db, &me, &cohort, &nip(&me.nip)).await, Err(ServiceError::Forbidden)));
    programme::nominate(&db, &trainer, &cohort, &nip(&me.nip)).await.unwrap();
    assert!(matches!(
        programme::nominate(&db, &trainer, &cohort, &nip(&me.nip)).await,
        Err(ServiceError::Conflict(i18n::T::NominationExists))
    ));
    let other = facts.iter().find(|f| f.kind.as_deref() == Some("pelaksana") && f.nip != me.nip).unwrap();
    assert!(matches!(
        programme::nominate(&db, &hr, &cohort, &nip(&other.nip)).await,
        Err(ServiceError::Conflict(i18n::T::CohortFull))
    ));
    // The supervisor decides first (a decline needs a reason), then HR; nobody else.
    let awaiting = programme::cohorts_page(&db, &boss).await.unwrap().awaiting;
    assert_eq!(awaiting.iter().map(|r| r.nip.as_str()).collect::<Vec<_>>(), [me.nip.as_str()]);
    assert!(programme::cohorts_page(&db, &hr).await.unwrap().awaiting.is_empty(), "HR waits for the supervisor");
    let owner = nip(&me.nip);
    for who in [&hr, &trainer, &me] {
        assert!(matches!(
            programme::decide_nomination(&db, who, &cohort, &owner, true, "").await,
            Err(ServiceError::Forbidden)
        ));
    }
    assert!(matches!(
        programme::decide_nomination(&db, &boss, &cohort, &owner, false, " ").await,
        Err(ServiceError::Invalid { field: "reason", .. })
    ));
    let state = programme::decide_nomination(&db, &boss, &cohort, &owner, true, "").await.unwrap();
    assert_eq!(state, domain::programme::NominationState::SupervisorConfirmed);
    assert!(matches!(
        programme::decide_nomination(&db, &boss, &cohort, &owner, true, "").await,
        Err(ServiceError::Forbidden)
    ));
    let state = programme::decide_nomination(&db, &hr, &cohort, &owner, true, "").await.unwrap();
    assert_eq!(state, domain::programme::NominationState::Confirmed);
    assert!(matches!(
        programme::decide_nomination(&db, &hr, &cohort, &owner, false, "terlambat").await,
        Err(ServiceError::Conflict(i18n::T::NominationDecided))
    ));
    // The participant's plan has the programme, approved, due at the cohort's end.
    let plan = crate::repo::plan::plan_items(&db, &me.nip).await.unwrap();
    let item = plan.iter().find(|i| i.title == "PKA — PKA Angkatan I").unwrap();
    assert_eq!((item.due.as_str(), item.approval), ("2099-06-30", domain::plan::PlanApproval::Approved));
    // The cohort's page: trainers see every nomination, the supervisor their subtree, an employee nothing.
    let page = programme::cohort_page(&db, &trainer, &cohort).await.unwrap();
    assert_eq!((page.cohort.taken, page.cohort.confirmed, page.nominations.len(), page.may_export), (1, 1, 1, true));
    let page = programme::cohort_page(&db, &boss, &cohort).await.unwrap();
    assert_eq!((page.nominations.len(), page.may_export), (1, false));
    assert!(matches!(programme::cohort_page(&db, &me, &cohort).await, Err(ServiceError::Forbidden)));
    let listed = programme::programmes_page(&db, &trainer, Programme::Pka, None).await.unwrap();
    assert!(listed.nominated.iter().any(|(n, c)| *n == me.nip && c == "PKA Angkatan I"));
    assert!(listed.cohorts.iter().any(|(id, _)| *id == cohort), "the running cohort is offered");
}

#[tokio::test]
async fn two_or_three_candidates_are_compared_side_by_side_as_the_list_explains_them() {
    let (db, logins) = demo().await;
    let trainer = viewer(&logins["pelatih"], vec![Role::Trainer]);
    let page = programme::programmes_page(&db, &trainer, Programme::Pka, None).await.unwrap();
    let pool: Vec<&domain::view::Candidate> = page.eligible.iter().chain(page.nearly.iter()).take(4).collect();
    assert!(pool.len() >= 4, "the demo has candidates for PKA");
    let nips = |n: usize| pool[..n].iter().map(|c| c.nip.clone()).collect::<Vec<_>>().join(", ");
    let compared = programme::compare_candidates(&db, &trainer, Programme::Pka, &nips(3)).await.unwrap();
    assert_eq!(compared.rules, page.rules);
    assert_eq!(compared.people.len(), 3);
    for (c, listed) in compared.people.iter().zip(&pool) {
        assert_eq!(&c.candidate, *listed, "the comparison explains each as the list does");
        assert_eq!(c.predikats.len(), page.years.len());
    }
    // One, four, a repeated NIP or garbage is refused; so is an employee, and a supervisor outside their subtree.
    for bad in [nips(1), nips(4), format!("{0},{0}", pool[0].nip), "bukan-nip,123".to_string()] {
        assert!(
            matches!(
                programme::compare_candidates(&db, &trainer, Programme::Pka, &bad).await,
                Err(ServiceError::Invalid { text: i18n::T::CompareCount, .. })
            ),
            "{bad}"
        );
    }
    let me = viewer(&logins["pegawai"], vec![]);
    assert!(matches!(
        programme::compare_candidates(&db, &me, Programme::Pka, &nips(2)).await,
        Err(ServiceError::Forbidden)
    ));
    let atasan = viewer(&logins["atasan"], vec![Role::Supervisor]);
    let below: std::collections::HashSet<String> =
        db.hierarchy().await.unwrap().descendants(&atasan.nip).into_iter().collect();
    let outside: Vec<String> = pool.iter().filter(|c| !below.contains(&c.nip)).map(|c| c.nip.clone()).take(2).collect();
    if outside.len() == 2 {
        assert!(matches!(
            programme::compare_candidates(&db, &atasan, Programme::Pka, &outside.join(",")).await,
            Err(ServiceError::Forbidden)
        ));
    }
}

/// The candidate lists keep everyone's facts and completed programmes between requests (schema V23): a completion
/// recorded or removed and a new name are what the very next listing shows.
#[tokio::test]
async fn candidate_lists_follow_every_change_of_the_facts_they_keep() {
    let (db, logins) = demo().await;
    let hr = viewer(&logins["admin"], vec![Role::HrAdmin]);
    let trainer = viewer(&logins["pelatih"], vec![Role::Trainer]);
    let listing = || programme::programmes_page(&db, &trainer, Programme::Pka, None);
    let first = listing().await.unwrap().eligible.first().expect("someone is eligible for PKA").clone();
    let who = nip(&first.nip);
    programme::record_completion(&db, &hr, &who, Programme::Pka, "2020").await.unwrap();
    assert!(listing().await.unwrap().eligible.iter().all(|c| c.nip != first.nip), "a completed programme ends it");
    programme::remove_completion(&db, &hr, &who, Programme::Pka).await.unwrap();
    assert!(listing().await.unwrap().eligible.iter().any(|c| c.nip == first.nip), "removed: eligible again");
    let mut form = crate::services::hr::edit_form(&db, &hr, &who).await.unwrap();
    form.name = "Sekar Ayu Wulandari".into();
    crate::services::hr::update_employee(&db, &hr, &form).await.unwrap();
    let renamed = listing().await.unwrap().eligible.into_iter().find(|c| c.nip == first.nip).unwrap();
    assert_eq!(renamed.name, "Sekar Ayu Wulandari");
}
