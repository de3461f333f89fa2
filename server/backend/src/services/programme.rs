//! Leadership programmes: each programme's rule set (the shipped rules until HR saves a version), a person's
//! eligibility for every programme with every condition explained, the trainer's candidate lists (the eligible
//! ranked by talent box and JPM, the nearly eligible with what they lack), and the records eligibility rests on that
//! HR keeps: the TMT of the current rank and completed programmes (penalties: [`crate::services::discipline`]).

use crate::db::Db;
use crate::error::{ServiceError, invalid};
use crate::repo::discipline as discipline_repo;
use crate::repo::programme::{self as repo, PersonFacts};
use crate::repo::{audit, org, settings};
use crate::services::auth::Viewer;
use crate::services::org::units_below;
use crate::services::talent::{TalentInputs, talent_inputs};
use anyhow::Context;
use domain::access::Reach;
use domain::discipline::{Penalty, parse_date, years_before};
use domain::programme::{
    self, CohortProblem, Condition, Facts, NominationActor, NominationError, NominationState, Programme, RuleSet,
};
use domain::view::{
    Candidate, CohortInfo, CohortPage, CohortsPage, ComparedCandidate, ComparisonPage, MAX_LISTED, NominationRow,
    PersonProgrammes, ProgrammesPage,
};
use domain::{Nip, PositionKind, Rank, Role};
use i18n::T;
use std::collections::{HashMap, HashSet};
use time::Date;

fn settings_key(p: Programme) -> String {
    format!("programme.{}", p.code())
}

fn today() -> Date {
    crate::services::skp::today()
}

/// A programme's rules in force: HR's latest version, or the shipped rules.
pub async fn rule_set(db: &Db, p: Programme) -> Result<RuleSet, ServiceError> {
    Ok(match settings::get(db, &settings_key(p)).await? {
        Some(json) => serde_json::from_str(&json).context("decoding a programme's rules")?,
        None => programme::shipped(p),
    })
}

/// HR saves a new version of a programme's rules (the version after the one in force), audited with before and
/// after. Refused when it names another programme or has no condition at all.
pub async fn save_rule_set(db: &Db, viewer: &Viewer, mut rules: RuleSet) -> Result<RuleSet, ServiceError> {
    if !viewer.roles.has(Role::HrAdmin) {
        return Err(ServiceError::Forbidden);
    }
    let before = rule_set(db, rules.programme).await?;
    rules.routes.retain(|r| !r.conditions.is_empty());
    for r in &mut rules.routes {
        r.label = r.label.trim().to_string();
        if r.label.is_empty() || r.label.chars().count() > 200 {
            return Err(invalid("routes", T::ProgrammeRouteLabel));
        }
    }
    if rules.common.is_empty() && rules.routes.is_empty() {
        return Err(invalid("rules", T::ProgrammeNoCondition));
    }
    rules.version = before.version + 1;
    rules.source = rules.source.trim().chars().take(300).collect();
    let json = serde_json::to_string(&rules).context("encoding a programme's rules")?;
    settings::set(db, &settings_key(rules.programme), &json).await?;
    audit::append(
        db,
        &viewer.nip,
        "programme.rules",
        &format!("setting:{}", settings_key(rules.programme)),
        Some(serde_json::to_value(&before).context("encoding")?),
        Some(serde_json::to_value(&rules).context("encoding")?),
        None,
    )
    .await?;
    Ok(rules)
}

/// The most years any condition of `rules` picked by `years_of` looks back (0 when none does).
fn years_back(rules: &[&RuleSet], years_of: fn(&Condition) -> Option<u8>) -> u8 {
    rules
        .iter()
        .flat_map(|r| r.common.iter().chain(r.routes.iter().flat_map(|x| x.conditions.iter())))
        .filter_map(years_of)
        .max()
        .unwrap_or(0)
}

/// How many closed performance years the rules look at.
fn years_needed(rules: &[&RuleSet]) -> u8 {
    years_back(rules, |c| match c {
        Condition::MinPredikat { years, .. } => Some(*years),
        _ => None,
    })
}

/// How many years back the penalty conditions look.
fn penalty_years(rules: &[&RuleSet]) -> u8 {
    years_back(rules, |c| match c {
        Condition::NoPenalty { years } => Some(*years),
        _ => None,
    })
}

/// One person's facts for `rules`, with the talent inputs (their JPM) and the records they rest on.
async fn person_facts(
    db: &Db,
    person: &PersonFacts,
    rules: &[&RuleSet],
    target: Option<PositionKind>,
) -> anyhow::Result<(Facts, TalentInputs, Vec<Penalty>, Vec<(Programme, i32)>)> {
    let inputs = talent_inputs(db, &HashSet::from([person.nip.clone()]), years_needed(rules), None, target).await?;
    let penalties = discipline_repo::penalties_of(db, &person.nip).await?;
    let completed = repo::completions_of(db, &person.nip).await?;
    let f = facts(person, &inputs, penalties.clone(), completed.iter().map(|(p, _)| *p).collect());
    Ok((f, inputs, penalties, completed))
}

fn facts(p: &PersonFacts, inputs: &TalentInputs, penalties: Vec<Penalty>, completed: Vec<Programme>) -> Facts {
    Facts {
        position: p.kind.as_deref().and_then(PositionKind::from_code),
        rank: Rank::parse(&p.rank),
        rank_since: p.rank_since.as_deref().and_then(parse_date),
        birth: parse_date(&p.birth_date),
        predikats: inputs.years.iter().map(|(y, m)| (*y, m.get(&p.nip).copied())).collect(),
        talent_box: inputs.placement(&p.nip).ok().map(|p| p.number),
        penalties,
        completed,
    }
}

/// `/programmes/person/:nip`: the person's eligibility for every programme, explained. The person, those above them,
/// trainers, HR and the head read it; the penalties themselves only HR, the head and the person.
pub async fn person_programmes(db: &Db, viewer: &Viewer, nip: &Nip) -> Result<PersonProgrammes, ServiceError> {
    let nip = nip.as_str();
    if !crate::access::development_scope(db, viewer).await?.may_read(nip) {
        return Err(ServiceError::Forbidden);
    }
    let person = repo::facts_of(db, nip).await?.ok_or(ServiceError::NotFound)?;
    let mut rules = Vec::with_capacity(Programme::ALL.len());
    for p in Programme::ALL {
        rules.push(rule_set(db, p).await?);
    }
    let refs: Vec<&RuleSet> = rules.iter().collect();
    let (f, inputs, penalties, completed) = person_facts(db, &person, &refs, None).await?;
    let today = today();
    let sees_penalties = viewer.nip == nip || viewer.roles.has(Role::HrAdmin) || viewer.roles.has(Role::Head);
    Ok(PersonProgrammes {
        box_number: f.talent_box,
        jpm: inputs.jpms.get(nip).map(|j| domain::report::round3(*j)),
        eligibility: rules.iter().map(|r| programme::evaluate(r, &f, today)).collect(),
        nip: person.nip,
        name: person.name,
        position: person.position.unwrap_or_default(),
        rank: person.rank,
        rank_since: person.rank_since,
        completed,
        penalties: sees_penalties.then_some(penalties),
        may_edit: viewer.roles.has(Role::HrAdmin),
    })
}

/// `/programmes`: one programme's candidates in the viewer's scope (trainers, HR and the head: everyone, or one
/// `unit` with its sub-units; a supervisor: their subtree, themselves excluded).
pub async fn programmes_page(
    db: &Db,
    viewer: &Viewer,
    programme: Programme,
    unit: Option<&str>,
) -> Result<ProgrammesPage, ServiceError> {
    programmes_listing(db, viewer, programme, unit, MAX_LISTED).await
}

/// Every eligible and nearly eligible candidate (no limit), for the candidate list's download: the same scope and
/// ranking as the page.
pub async fn programmes_export(
    db: &Db,
    viewer: &Viewer,
    programme: Programme,
    unit: Option<&str>,
) -> Result<ProgrammesPage, ServiceError> {
    programmes_listing(db, viewer, programme, unit, usize::MAX).await
}

async fn programmes_listing(
    db: &Db,
    viewer: &Viewer,
    programme: Programme,
    unit: Option<&str>,
    limit: usize,
) -> Result<ProgrammesPage, ServiceError> {
    let scope = crate::access::development_scope(db, viewer).await?;
    if scope.reach() == Reach::Own {
        return Err(ServiceError::Forbidden);
    }
    let everyone = scope.reach() == Reach::Everyone;
    let unit = unit.filter(|u| !u.is_empty() && everyone);
    let all = crate::services::talent::active_facts(db).await?;
    let mut people: Vec<&repo::PersonFacts> = all.iter().collect();
    if let Some(set) = scope.people() {
        people.retain(|p| set.contains(&p.nip) && p.nip != viewer.nip);
    }
    let tree = crate::services::org::outline(db).await?;
    let scope_name = match unit {
        Some(u) => {
            let name = tree.iter().find(|x| x.key == u).map(|x| x.name.clone()).ok_or(ServiceError::NotFound)?;
            let below = units_below(db, &[u.to_string()]).await?;
            people.retain(|p| below.contains(&p.unit));
            name
        }
        None if everyone => org::agency_name(db).await?,
        None => viewer.name.clone(),
    };
    let rules = rule_set(db, programme).await?;
    let nips: HashSet<String> = people.iter().map(|p| p.nip.clone()).collect();
    let inputs = talent_inputs(db, &nips, years_needed(&[&rules]), None, Some(programme.target())).await?;
    let today = today();
    let since = years_before(today, penalty_years(&[&rules]).max(1)).to_string();
    let mut penalties = discipline_repo::penalties_since(db, &since).await?;
    let completions = crate::services::talent::completions(db).await?;
    let unit_names: HashMap<&str, &str> = tree.iter().map(|u| (u.key.as_str(), u.name.as_str())).collect();
    let mut eligible = Vec::new();
    let mut nearly = Vec::new();
    for p in &people {
        let done = completions.get(&p.nip).map(|c| c.iter().map(|(p, _)| *p).collect()).unwrap_or_default();
        let f = facts(p, &inputs, penalties.remove(&p.nip).unwrap_or_default(), done);
        let e = programme::evaluate(&rules, &f, today);
        if !e.eligible && !e.is_nearly() {
            continue;
        }
        let c = Candidate {
            nip: p.nip.clone(),
            name: p.name.clone(),
            position: p.position.clone().unwrap_or_default(),
            unit_name: unit_names.get(p.unit.as_str()).map(|n| n.to_string()).unwrap_or_default(),
            rank: p.rank.clone(),
            box_number: f.talent_box,
            jpm: inputs.jpms.get(&p.nip).map(|j| domain::report::round3(*j)),
            target_jpm: inputs.target_jpms.get(&p.nip).map(|j| domain::report::round3(*j)),
            eligibility: e,
        };
        if c.eligibility.eligible { eligible.push(c) } else { nearly.push(c) }
    }
    // The succession pool first (box 9, 8, 7 … 1, then no box), then the JPM against the programme's target
    // position (the smallest gap), then the JPM in the current position, then the name.
    let order = |a: &Candidate, b: &Candidate| {
        b.box_number
            .cmp(&a.box_number)
            .then(b.target_jpm.unwrap_or(-1.0).total_cmp(&a.target_jpm.unwrap_or(-1.0)))
            .then(b.jpm.unwrap_or(-1.0).total_cmp(&a.jpm.unwrap_or(-1.0)))
            .then_with(|| (&a.name, &a.nip).cmp(&(&b.name, &b.nip)))
    };
    eligible.sort_by(order);
    nearly.sort_by(order);
    let (eligible_count, nearly_count) = (eligible.len() as u32, nearly.len() as u32);
    // This programme's cohorts: the running ones to nominate to, and who holds a seat in any of them.
    let mut cohorts = Vec::new();
    let mut nominated = Vec::new();
    for c in repo::cohorts(db).await?.into_iter().filter(|c| c.programme == programme) {
        for n in repo::nominations_of(db, &c.id).await? {
            if n.state.holds_a_seat() {
                nominated.push((n.nip, c.name.clone()));
            }
        }
        if may_nominate(viewer) && parse_date(&c.ends).is_some_and(|end| end >= today) {
            cohorts.push((c.id, c.name));
        }
    }
    eligible.truncate(limit);
    nearly.truncate(limit);
    Ok(ProgrammesPage {
        programme,
        rules,
        scope_name,
        unit: unit.map(str::to_string),
        units: if everyone {
            tree.iter().map(|u| (u.key.clone(), u.name.clone(), u.depth)).collect()
        } else {
            Vec::new()
        },
        evaluated: people.len() as u32,
        eligible,
        eligible_count,
        nearly,
        nearly_count,
        years: inputs.years.iter().map(|(y, _)| *y).collect(),
        round_name: inputs.latest.map(|(_, n)| n),
        may_edit_rules: viewer.roles.has(Role::HrAdmin),
        may_nominate: may_nominate(viewer),
        cohorts,
        nominated,
    })
}

/// Only HR keeps the records eligibility rests on (penalties too: [`crate::services::discipline`]).
pub(crate) fn require_hr(viewer: &Viewer) -> Result<(), ServiceError> {
    if viewer.roles.has(Role::HrAdmin) { Ok(()) } else { Err(ServiceError::Forbidden) }
}

/// HR records that a person completed a programme in `year` (or corrects the year).
pub async fn record_completion(
    db: &Db,
    viewer: &Viewer,
    nip: &Nip,
    programme: Programme,
    year: &str,
) -> Result<(), ServiceError> {
    require_hr(viewer)?;
    let this_year = today().year();
    let year = year
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (1950..=this_year).contains(y))
        .ok_or_else(|| invalid("year", T::ProgrammeYear))?;
    org::employee(db, nip.as_str()).await?.ok_or(ServiceError::NotFound)?;
    repo::record_completion(db, &viewer.nip, nip.as_str(), programme, year).await?;
    Ok(())
}

/// HR removes a completion recorded by mistake.
pub async fn remove_completion(db: &Db, viewer: &Viewer, nip: &Nip, programme: Programme) -> Result<(), ServiceError> {
    require_hr(viewer)?;
    if !repo::remove_completion(db, &viewer.nip, nip.as_str(), programme).await? {
        return Err(ServiceError::NotFound);
    }
    Ok(())
}

/// HR sets (or clears, with an empty date) the TMT of a person's current rank.
pub async fn set_rank_since(db: &Db, viewer: &Viewer, nip: &Nip, date: &str) -> Result<(), ServiceError> {
    require_hr(viewer)?;
    let date = match date.trim() {
        "" => None,
        text => Some(
            parse_date(text)
                .filter(|d| *d <= today() && d.year() >= 1950)
                .ok_or_else(|| invalid("rank_since", T::ProgrammeRankSince))?,
        ),
    };
    if !repo::set_rank_since(db, &viewer.nip, nip.as_str(), date.map(|d| d.to_string()).as_deref()).await? {
        return Err(ServiceError::NotFound);
    }
    Ok(())
}

/// Who forms cohorts and nominates: trainers and HR.
fn may_nominate(viewer: &Viewer) -> bool {
    viewer.roles.has(Role::Trainer) || viewer.roles.has(Role::HrAdmin)
}

/// A trainer or HR forms a cohort of a programme. Returns its id.
pub async fn create_cohort(
    db: &Db,
    viewer: &Viewer,
    programme: Programme,
    form: (&str, &str, &str, &str),
) -> Result<String, ServiceError> {
    if !may_nominate(viewer) {
        return Err(ServiceError::Forbidden);
    }
    let (name, starts, ends, capacity) = form;
    let (name, starts, ends, capacity) =
        programme::parse_cohort(name, starts, ends, capacity).map_err(|p| match p {
            CohortProblem::Name => invalid("name", T::CohortName),
            CohortProblem::Dates => invalid("starts", T::CohortDates),
            CohortProblem::Capacity => invalid("capacity", T::CohortCapacity),
        })?;
    Ok(repo::create_cohort(db, &viewer.nip, programme, &name, (&starts.to_string(), &ends.to_string()), capacity)
        .await?)
}

/// The viewer's part in a nomination now: `None` when it is not theirs to decide.
fn decider(
    viewer: &Viewer,
    snapshot: &crate::hierarchy::Snapshot,
    n: &repo::StoredNomination,
) -> Option<(NominationActor, bool)> {
    let supervisor = snapshot.supervisor(&n.nip);
    let actor = if supervisor == Some(viewer.nip.as_str()) && n.state == NominationState::Nominated {
        NominationActor::Supervisor
    } else if viewer.roles.has(Role::HrAdmin) && viewer.nip != n.nip {
        NominationActor::Hr
    } else {
        return None;
    };
    programme::decide_nomination(n.state, actor, supervisor.is_some(), true, "")
        .ok()
        .map(|_| (actor, supervisor.is_some()))
}

/// Nomination rows with names, units and whether the viewer may decide each.
async fn nomination_rows(
    db: &Db,
    viewer: &Viewer,
    list: Vec<repo::StoredNomination>,
    cohorts: &HashMap<String, CohortInfo>,
) -> anyhow::Result<Vec<NominationRow>> {
    let snapshot = db.hierarchy().await?;
    let mut nips: Vec<String> = list.iter().flat_map(|n| [n.nip.clone(), n.nominated_by.clone()]).collect();
    nips.sort();
    nips.dedup();
    let people: HashMap<String, domain::view::EmployeeSummary> =
        org::summaries(db, &nips).await?.into_iter().map(|s| (s.nip.clone(), s)).collect();
    Ok(list
        .into_iter()
        .filter_map(|n| {
            let c = cohorts.get(&n.cohort)?;
            let person = people.get(&n.nip);
            Some(NominationRow {
                cohort: n.cohort.clone(),
                cohort_name: c.name.clone(),
                programme: c.programme,
                name: person.map(|p| p.name.clone()).unwrap_or_else(|| n.nip.clone()),
                position: person.map(|p| p.position.clone()).unwrap_or_default(),
                unit_name: person.map(|p| p.unit_name.clone()).unwrap_or_default(),
                state: n.state,
                nominated_by: (
                    n.nominated_by.clone(),
                    people.get(&n.nominated_by).map(|p| p.name.clone()).unwrap_or_else(|| n.nominated_by.clone()),
                ),
                nominated_at: n.nominated_at.chars().take(10).collect(),
                supervisor_reason: n.supervisor_reason.clone(),
                hr_reason: n.hr_reason.clone(),
                may_decide: decider(viewer, &snapshot, &n).is_some(),
                nip: n.nip,
            })
        })
        .collect())
}

/// `/programmes/cohorts`: every cohort (trainers, HR, the head and supervisors) and the nominations awaiting the
/// viewer's decision.
pub async fn cohorts_page(db: &Db, viewer: &Viewer) -> Result<CohortsPage, ServiceError> {
    if crate::access::development_scope(db, viewer).await?.reach() == Reach::Own {
        return Err(ServiceError::Forbidden);
    }
    let cohorts: Vec<CohortInfo> = repo::cohorts(db).await?;
    let by_id: HashMap<String, CohortInfo> = cohorts.iter().map(|c| (c.id.clone(), c.clone())).collect();
    let open = repo::nominations_in(db, &["nominated", "supervisor_confirmed"]).await?;
    let awaiting: Vec<NominationRow> =
        nomination_rows(db, viewer, open, &by_id).await?.into_iter().filter(|r| r.may_decide).collect();
    Ok(CohortsPage { cohorts, awaiting, may_create: may_nominate(viewer) })
}

/// `/programmes/cohorts/:id`: a cohort and its nominations — all of them for trainers, HR and the head, a
/// supervisor's subtree for them.
pub async fn cohort_page(db: &Db, viewer: &Viewer, id: &str) -> Result<CohortPage, ServiceError> {
    let scope = crate::access::development_scope(db, viewer).await?;
    if scope.reach() == Reach::Own {
        return Err(ServiceError::Forbidden);
    }
    let cohort = repo::cohort(db, id).await?.ok_or(ServiceError::NotFound)?;
    let mut list = repo::nominations_of(db, id).await?;
    if let Some(people) = scope.people() {
        list.retain(|n| people.contains(&n.nip) && n.nip != viewer.nip);
    }
    let by_id = HashMap::from([(cohort.id.clone(), cohort.clone())]);
    let nominations = nomination_rows(db, viewer, list, &by_id).await?;
    Ok(CohortPage { cohort, nominations, may_export: scope.reach() == Reach::Everyone })
}

/// A trainer or HR nominates an eligible person to a cohort that has not ended and has a free seat.
pub async fn nominate(db: &Db, viewer: &Viewer, cohort: &str, nip: &Nip) -> Result<(), ServiceError> {
    if !may_nominate(viewer) {
        return Err(ServiceError::Forbidden);
    }
    let c = repo::cohort(db, cohort).await?.ok_or(ServiceError::NotFound)?;
    if parse_date(&c.ends).is_some_and(|end| end < today()) {
        return Err(ServiceError::Conflict(T::CohortEnded));
    }
    let person = repo::facts_of(db, nip.as_str()).await?.ok_or(ServiceError::NotFound)?;
    let rules = rule_set(db, c.programme).await?;
    let (f, ..) = person_facts(db, &person, &[&rules], None).await?;
    if !programme::evaluate(&rules, &f, today()).eligible {
        return Err(ServiceError::Conflict(T::NominationNotEligible));
    }
    match repo::nominate(db, &viewer.nip, cohort, nip.as_str()).await? {
        repo::Nominated::Done => Ok(()),
        repo::Nominated::Full => Err(ServiceError::Conflict(T::CohortFull)),
        repo::Nominated::Already => Err(ServiceError::Conflict(T::NominationExists)),
    }
}

/// The candidate's direct supervisor, then HR, confirms or declines (with a reason) a nomination. Once HR confirms,
/// the programme joins the participant's development plan (approved, due at the cohort's end).
pub async fn decide_nomination(
    db: &Db,
    viewer: &Viewer,
    cohort: &str,
    nip: &Nip,
    confirm: bool,
    reason: &str,
) -> Result<NominationState, ServiceError> {
    let reason = reason.trim();
    if !domain::text::within(reason, domain::text::MAX_NOTE) {
        return Err(invalid("reason", T::ReasonTooLong));
    }
    let n = repo::nomination(db, cohort, nip.as_str()).await?.ok_or(ServiceError::NotFound)?;
    let snapshot = db.hierarchy().await?;
    let Some((actor, has_supervisor)) = decider(viewer, &snapshot, &n) else {
        return Err(match n.state {
            NominationState::Confirmed | NominationState::Declined
                if viewer.roles.has(Role::HrAdmin) || snapshot.supervisor(nip.as_str()) == Some(&viewer.nip) =>
            {
                ServiceError::Conflict(T::NominationDecided)
            }
            _ => ServiceError::Forbidden,
        });
    };
    let to = programme::decide_nomination(n.state, actor, has_supervisor, confirm, reason).map_err(|e| match e {
        NominationError::ReasonNeeded => invalid("reason", T::ReasonNeeded),
        NominationError::Decided => ServiceError::Conflict(T::NominationDecided),
        NominationError::NotYourTurn => ServiceError::Forbidden,
    })?;
    let as_supervisor = actor == NominationActor::Supervisor;
    if !repo::decide_nomination(db, &viewer.nip, cohort, nip.as_str(), n.state, to, as_supervisor, reason).await? {
        return Err(ServiceError::Conflict(T::NominationDecided));
    }
    if to == NominationState::Confirmed
        && let Some(c) = repo::cohort(db, cohort).await?
    {
        let item = domain::view::PlanItem {
            key: crate::services::plan::new_key(),
            training: None,
            title: format!("{} — {}", c.programme.short_name(), c.name),
            competency: None,
            gap: None,
            due: c.ends.clone(),
            status: domain::plan::PlanStatus::Planned,
            evidence: String::new(),
            approval: domain::plan::PlanApproval::Approved,
            supervisor_note: String::new(),
            reviewed_by: Some(viewer.nip.clone()),
            updated_at: String::new(),
        };
        crate::repo::plan::add_plan_item(db, &viewer.nip, nip.as_str(), &item).await?;
    }
    Ok(to)
}

/// The nominations of a cohort for its CSV (trainers, HR and the head).
pub async fn cohort_export(db: &Db, viewer: &Viewer, id: &str) -> Result<CohortPage, ServiceError> {
    let page = cohort_page(db, viewer, id).await?;
    if !page.may_export {
        return Err(ServiceError::Forbidden);
    }
    Ok(page)
}

/// The most candidates compared side by side.
pub const MAX_COMPARED: usize = 3;

/// `/programmes/compare`: two or three candidates (NIPs separated by commas) side by side against a programme's
/// rules, every condition explained — for whoever may read each of them on `/programmes`.
pub async fn compare_candidates(
    db: &Db,
    viewer: &Viewer,
    programme: Programme,
    nips: &str,
) -> Result<ComparisonPage, ServiceError> {
    let scope = crate::access::development_scope(db, viewer).await?;
    if scope.reach() == Reach::Own {
        return Err(ServiceError::Forbidden);
    }
    let mut list: Vec<Nip> = Vec::new();
    for text in nips.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        let nip = Nip::parse(text).map_err(|_| invalid("nips", T::CompareCount))?;
        if !list.contains(&nip) {
            list.push(nip);
        }
    }
    if !(2..=MAX_COMPARED).contains(&list.len()) {
        return Err(invalid("nips", T::CompareCount));
    }
    // As on `/programmes`: a supervisor compares people of their subtree, never themselves.
    if list
        .iter()
        .any(|n| !scope.may_read(n.as_str()) || (scope.reach() != Reach::Everyone && n.as_str() == viewer.nip))
    {
        return Err(ServiceError::Forbidden);
    }
    let rules = rule_set(db, programme).await?;
    let tree = crate::services::org::outline(db).await?;
    let today = today();
    let mut people = Vec::with_capacity(list.len());
    for nip in &list {
        let person = repo::facts_of(db, nip.as_str()).await?.ok_or(ServiceError::NotFound)?;
        let (f, inputs, _, completed) = person_facts(db, &person, &[&rules], Some(programme.target())).await?;
        let eligibility = programme::evaluate(&rules, &f, today);
        people.push(ComparedCandidate {
            rank_since: person.rank_since.clone(),
            age: f.birth.map(|b| programme::age_on(b, today)),
            predikats: f.predikats.clone(),
            completed,
            candidate: Candidate {
                unit_name: tree.iter().find(|u| u.key == person.unit).map(|u| u.name.clone()).unwrap_or_default(),
                position: person.position.clone().unwrap_or_default(),
                box_number: f.talent_box,
                jpm: inputs.jpms.get(&person.nip).map(|j| domain::report::round3(*j)),
                target_jpm: inputs.target_jpms.get(&person.nip).map(|j| domain::report::round3(*j)),
                eligibility,
                nip: person.nip,
                name: person.name,
                rank: person.rank,
            },
        });
    }
    Ok(ComparisonPage { programme, rules, people })
}
