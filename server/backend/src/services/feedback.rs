//! 360° feedback rounds: creating and opening rounds (assignments from the reporting graph), the rater's inbox and
//! form (drafts, final submission), peer nominations, progress, closing (materialised results) and reading results.
//!
//! Anonymity is enforced here: individual answers and comments are read only by their own rater (while still a
//! draft) and by the closing computation; everything else sees the materialised, thresholded result.

use crate::db::{Db, is_conflict, statement_error};
use crate::error::{ServiceError, invalid};
use crate::hierarchy::Snapshot;
use crate::repo::feedback::{self as repo, NewAssignment, NewRound, RoundRow};
use crate::repo::{competency as comp_repo, org};
use crate::services::auth::Viewer;
use anyhow::Context;
use domain::competency::CompetencyKind;
use domain::feedback::{self as fb, RaterGroup};
use domain::report::ScoreRow;
use domain::text::{MAX_NOTE, within};
use domain::view::*;
use domain::{Nip, Role};
use i18n::{Lang, T};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Most peers an employee may nominate in one round.
pub const MAX_NOMINATIONS: usize = 10;

fn may_manage(viewer: &Viewer) -> bool {
    viewer.roles.has(Role::HrAdmin)
}

/// The calendar date (in WIB, UTC+7) of a stored timestamp.
fn date_part(s: &str) -> String {
    let wib = time::UtcOffset::from_hms(7, 0, 0).unwrap_or(time::UtcOffset::UTC);
    match time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339) {
        Ok(t) => t.to_offset(wib).date().to_string(),
        Err(_) => s.chars().take(10).collect(),
    }
}

fn summary(r: &RoundRow) -> RoundSummary {
    RoundSummary {
        key: r.key.clone(),
        name: r.name.clone(),
        status: r.status.clone(),
        period_start: date_part(&r.period_start),
        period_end: date_part(&r.period_end),
        opens: date_part(&r.opens),
        closes: date_part(&r.closes),
        threshold: r.threshold as u32,
        max_peers: r.max_peers as u32,
        assignment_count: r.assignment_count.max(0) as u64,
        unit_names: r.unit_names.clone(),
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Rounds

/// `/rounds`: every round; HR also gets the choices to create one. HR, the head and supervisors may open it.
pub async fn rounds_page(db: &Db, viewer: &Viewer) -> Result<RoundsPage, ServiceError> {
    if !domain::access::may_follow_others(domain::access::reach(&viewer.roles)) {
        return Err(ServiceError::Forbidden);
    }
    let rounds = repo::rounds(db).await?.iter().map(summary).collect();
    let can_manage = may_manage(viewer);
    let (units, competencies) = if can_manage {
        let comps = comp_repo::all(db).await?;
        (
            org::unit_options(db).await?,
            comps
                .into_iter()
                .filter(|c| c.active)
                .map(|c| {
                    let default = c.kind != CompetencyKind::Technical;
                    (c.key, c.code, c.name, default)
                })
                .collect(),
        )
    } else {
        (vec![], vec![])
    };
    Ok(RoundsPage { rounds, can_manage, units, competencies })
}

/// What HR types to create a round.
#[derive(Debug, Clone, Default)]
pub struct RoundInput {
    pub name: String,
    pub period_start: String,
    pub period_end: String,
    pub opens: String,
    pub closes: String,
    pub threshold: String,
    pub max_peers: String,
    pub units: Vec<String>,
    pub competencies: Vec<String>,
}

/// Parses `YYYY-MM-DD` into the start (or end) of that day in WIB (UTC+7), as RFC 3339.
fn day(text: &str, end_of_day: bool) -> Option<String> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(text.trim(), &format).ok()?;
    let clock = if end_of_day { "23:59:59" } else { "00:00:00" };
    Some(format!("{date}T{clock}+07:00"))
}

/// Creates a round in the draft state (HR only). Returns its key.
pub async fn create_round(db: &Db, viewer: &Viewer, input: &RoundInput) -> Result<String, ServiceError> {
    if !may_manage(viewer) {
        return Err(ServiceError::Forbidden);
    }
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 120 {
        return Err(invalid("name", T::RoundNameRequired));
    }
    let ps = day(&input.period_start, false).ok_or(invalid("period_start", T::DateRequired))?;
    let pe = day(&input.period_end, true).ok_or(invalid("period_end", T::DateRequired))?;
    let opens = day(&input.opens, false).ok_or(invalid("opens", T::DateRequired))?;
    let closes = day(&input.closes, true).ok_or(invalid("closes", T::DateRequired))?;
    if pe < ps {
        return Err(invalid("period_end", T::PeriodOrder));
    }
    if closes <= opens {
        return Err(invalid("closes", T::CloseAfterOpen));
    }
    let threshold: u32 = input.threshold.trim().parse().map_err(|_| invalid("threshold", T::ThresholdRange))?;
    if !(fb::MIN_THRESHOLD..=10).contains(&threshold) {
        return Err(invalid("threshold", T::ThresholdRange));
    }
    let max_peers: u32 = input.max_peers.trim().parse().map_err(|_| invalid("max_peers", T::MaxPeersRange))?;
    if max_peers > 20 {
        return Err(invalid("max_peers", T::MaxPeersRange));
    }
    let known_units: HashSet<String> = org::unit_options(db).await?.into_iter().map(|(k, _, _)| k).collect();
    let units: Vec<String> = input.units.iter().filter(|u| !u.is_empty()).cloned().collect();
    if units.iter().any(|u| !known_units.contains(u)) {
        return Err(invalid("units", T::ErrNotFound));
    }
    let active: HashSet<String> = comp_repo::all(db).await?.into_iter().filter(|c| c.active).map(|c| c.key).collect();
    let competencies: Vec<String> = input.competencies.iter().filter(|c| !c.is_empty()).cloned().collect();
    if competencies.is_empty() || competencies.iter().any(|c| !active.contains(c)) {
        return Err(invalid("competencies", T::CompetenciesRequired));
    }
    let key = format!("r{}", crate::services::auth::new_token().chars().take(10).collect::<String>());
    let round = NewRound {
        key: key.clone(),
        name: name.to_string(),
        period_start: ps,
        period_end: pe,
        units,
        competencies,
        opens,
        closes,
        threshold,
        max_peers,
    };
    repo::create_round(db, &round, &viewer.nip).await?;
    Ok(key)
}

/// Plans the assignments of a round from the reporting graph: for every active ratee in scope, themselves, their
/// supervisor, each direct report, and up to `max_peers` colleagues with the same supervisor (chosen round-robin,
/// so that everyone rates and is rated by about the same number of peers).
pub fn plan_assignments(
    snapshot: &Snapshot,
    people: &HashMap<String, String>,
    in_scope: impl Fn(&str) -> bool,
    max_peers: usize,
) -> Vec<NewAssignment> {
    let mut ratees: Vec<&String> = people.keys().filter(|n| in_scope(n)).collect();
    ratees.sort();
    let unit = |nip: &str| people.get(nip).cloned().unwrap_or_default();
    let mut out = Vec::with_capacity(ratees.len() * (3 + max_peers));
    for ratee in ratees {
        out.push(NewAssignment {
            rater: ratee.clone(),
            ratee: ratee.clone(),
            group: "self",
            rater_unit: unit(ratee),
            filled: None,
        });
        let supervisor = snapshot.supervisor(ratee).filter(|s| people.contains_key(*s));
        if let Some(s) = supervisor {
            out.push(NewAssignment {
                rater: s.into(),
                ratee: ratee.clone(),
                group: "supervisor",
                rater_unit: unit(s),
                filled: None,
            });
            let mut siblings: Vec<&String> =
                snapshot.direct_reports(s).iter().filter(|p| people.contains_key(*p)).collect();
            siblings.sort();
            if let Some(at) = siblings.iter().position(|p| *p == ratee) {
                let n = siblings.len();
                for step in 1..n.min(max_peers + 1) {
                    let peer = siblings[(at + step) % n];
                    out.push(NewAssignment {
                        rater: peer.clone(),
                        ratee: ratee.clone(),
                        group: "peer",
                        rater_unit: unit(peer),
                        filled: None,
                    });
                }
            }
        }
        for r in snapshot.direct_reports(ratee).iter().filter(|r| people.contains_key(*r)) {
            out.push(NewAssignment {
                rater: r.clone(),
                ratee: ratee.clone(),
                group: "subordinate",
                rater_unit: unit(r),
                filled: None,
            });
        }
    }
    out
}

/// Freezes the round's questionnaire from the dictionary.
async fn build_questionnaire(db: &Db, keys: &[String]) -> anyhow::Result<Questionnaire> {
    let all = comp_repo::all(db).await?;
    Ok(Questionnaire {
        competencies: all
            .into_iter()
            .filter(|c| keys.contains(&c.key))
            .map(|c| QCompetency {
                key: c.key,
                code: c.code,
                kind: c.kind,
                name: c.name,
                levels: c.levels,
                items: c.items,
            })
            .collect(),
    })
}

/// Opens a draft round: generates its assignments and freezes its questionnaire (HR only). Resumable: an
/// interrupted opening leaves the round a draft, and opening again starts from a clean slate.
pub async fn open_round(db: &Db, actor: &str, key: &str) -> Result<usize, ServiceError> {
    let (questionnaire, plan) = prepare_open(db, key).await?;
    write_open(db, actor, key, &questionnaire, &plan).await
}

/// Writes a planned opening: the assignments, then the questionnaire and the open status.
pub async fn write_open(
    db: &Db,
    actor: &str,
    key: &str,
    questionnaire: &Questionnaire,
    plan: &[NewAssignment],
) -> Result<usize, ServiceError> {
    // One opening at a time: the loser of concurrent openings is told the round is no longer a draft (409).
    if !repo::claim_round(db, key, "draft", "opening", actor).await? {
        return Err(ServiceError::Conflict(T::RoundNotDraft));
    }
    let written = async {
        repo::clear_draft_assignments(db, key).await?;
        repo::insert_assignments(db, key, plan).await?;
        let json = serde_json::to_string(questionnaire).context("encoding the questionnaire")?;
        repo::mark_open(db, key, &json, plan.len(), actor).await
    }
    .await;
    match written {
        Ok(true) => Ok(plan.len()),
        Ok(false) => Err(ServiceError::Conflict(T::RoundNotDraft)),
        Err(e) => {
            // Give the round back as a draft so that HR can try again; its partial assignments are cleared then.
            if let Err(release) = repo::release_opening(db, key).await {
                tracing::error!(round = key, error = %release, "could not release a failed opening");
            }
            Err(e.into())
        }
    }
}

/// Plans the opening of a draft round: its questionnaire and assignments.
pub async fn prepare_open(db: &Db, key: &str) -> Result<(Questionnaire, Vec<NewAssignment>), ServiceError> {
    let round = repo::round(db, key).await?.ok_or(ServiceError::NotFound)?;
    if !matches!(round.status.as_str(), "draft" | "opening") {
        return Err(ServiceError::Conflict(T::RoundNotDraft));
    }
    let questionnaire = build_questionnaire(db, &round.competencies).await?;
    let snapshot = db.hierarchy().await?;
    let people: HashMap<String, String> =
        repo::active_people(db).await?.into_iter().map(|(nip, unit, _)| (nip, unit)).collect();
    let scope: Option<HashSet<String>> =
        if round.units.is_empty() { None } else { Some(units_below(db, &round.units).await?) };
    let in_scope = |nip: &str| match &scope {
        None => true,
        Some(units) => people.get(nip).is_some_and(|u| units.contains(u)),
    };
    let plan = plan_assignments(&snapshot, &people, in_scope, round.max_peers.max(0) as usize);
    Ok((questionnaire, plan))
}

/// The given units and every unit below them.
pub async fn units_below(db: &Db, roots: &[String]) -> anyhow::Result<HashSet<String>> {
    let parents = repo::unit_parents(db).await?;
    let mut children: HashMap<String, Vec<String>> = HashMap::new();
    for (u, p) in parents {
        if let Some(p) = p {
            children.entry(p).or_default().push(u);
        }
    }
    let mut set: HashSet<String> = HashSet::new();
    let mut stack = roots.to_vec();
    while let Some(u) = stack.pop() {
        if set.insert(u.clone()) {
            stack.extend(children.get(&u).cloned().unwrap_or_default());
        }
    }
    Ok(set)
}

/// The questionnaire of an opened round (cached: it never changes once the round is open).
pub async fn questionnaire(db: &Db, round: &str) -> Result<Arc<Questionnaire>, ServiceError> {
    if let Some(q) = db.questionnaires().read().ok().and_then(|m| m.get(round).cloned()) {
        return Ok(q);
    }
    if repo::round(db, round).await?.is_none() {
        return Err(ServiceError::NotFound);
    }
    let json = repo::questionnaire_json(db, round).await?.ok_or(ServiceError::Conflict(T::RoundNotOpen))?;
    let q: Arc<Questionnaire> = Arc::new(serde_json::from_str(&json).context("decoding a questionnaire")?);
    if let Ok(mut m) = db.questionnaires().write() {
        m.insert(round.to_string(), q.clone());
    }
    Ok(q)
}

// ---------------------------------------------------------------------------------------------------------------
// Inbox and form

fn nomination(row: repo::AssignmentRow) -> Nomination {
    Nomination {
        key: row.key,
        round_name: row.round_name,
        rater_nip: row.rater,
        rater_name: row.rater_name.unwrap_or_default(),
        ratee_nip: row.ratee_nip,
        ratee_name: row.ratee_name,
        state: row.state,
    }
}

/// What a ratee may know of one of their nominations: proposed, approved or rejected — not the rater's progress.
pub fn nomination_state(state: &str) -> &'static str {
    match state {
        "proposed" => "proposed",
        "rejected" => "rejected",
        _ => "approved",
    }
}

/// Who decides a peer nomination: the ratee's current supervisor; for someone without a supervisor (the head of
/// agency), HR when the ratee nominated, and the ratee when HR added the peer — never whoever proposed it.
fn may_decide(viewer: &Viewer, supervisor: Option<&str>, ratee: &str, nominated_by: Option<&str>) -> bool {
    match supervisor {
        Some(s) => viewer.nip == s,
        None if nominated_by == Some(ratee) => may_manage(viewer) && viewer.nip != ratee,
        None => viewer.nip == ratee && nominated_by != Some(viewer.nip.as_str()),
    }
}

/// `/feedback`: the viewer's assessments in open rounds, nominations to decide, own nominations and results.
pub async fn inbox(db: &Db, viewer: &Viewer) -> Result<InboxPage, ServiceError> {
    let rows = repo::inbox(db, &viewer.nip).await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let total = questionnaire(db, &row.round_key).await?.item_count();
        let answered = row.answers.iter().filter(|a| fb::is_final_answer(**a as u8)).count();
        items.push(InboxItem {
            key: row.key,
            round_name: row.round_name,
            closes: date_part(&row.closes),
            ratee_nip: row.ratee_nip,
            ratee_name: row.ratee_name,
            ratee_position: row.ratee_position.unwrap_or_default(),
            group: RaterGroup::from_code(&row.rater_group).unwrap_or(RaterGroup::Peer),
            state: row.state,
            answered: answered.min(total),
            total,
        });
    }
    // Self first, then supervisor, subordinates… and pending before submitted.
    items.sort_by(|a, b| {
        (a.state == "submitted", a.group, &a.ratee_name).cmp(&(b.state == "submitted", b.group, &b.ratee_name))
    });
    let snapshot = db.hierarchy().await?;
    let reports: Vec<String> = snapshot.direct_reports(&viewer.nip).to_vec();
    let mut approvals: Vec<Nomination> =
        repo::nominations_for(db, Some(&reports), true).await?.into_iter().map(nomination).collect();
    if may_manage(viewer) {
        // HR decides the nominations of people without a supervisor (the head of agency) that they made themselves.
        let rows = repo::nominations_for(db, None, true).await?.into_iter().filter(|n| {
            snapshot.supervisor(&n.ratee_nip).is_none()
                && may_decide(viewer, None, &n.ratee_nip, n.nominated_by.as_deref())
        });
        approvals.extend(rows.map(nomination));
    }
    let mine = repo::nominations_for(db, Some(std::slice::from_ref(&viewer.nip)), false).await?;
    if snapshot.supervisor(&viewer.nip).is_none() {
        // Without a supervisor, a person decides the peers HR proposed for them.
        let rows = mine
            .iter()
            .filter(|n| n.state == "proposed" && may_decide(viewer, None, &viewer.nip, n.nominated_by.as_deref()));
        approvals.extend(rows.cloned().map(nomination));
    }
    // The ratee sees only whether a nomination was decided, never whether the rater has started or submitted.
    let my_nominations = mine
        .into_iter()
        .map(nomination)
        .map(|mut n| {
            n.state = nomination_state(&n.state).to_string();
            n
        })
        .collect();
    let nominate_in = repo::open_rounds_assessing(db, &viewer.nip).await?;
    let my_results = repo::results_of(db, &viewer.nip).await?;
    Ok(InboxPage { items, approvals, my_nominations, nominate_in, my_results })
}

/// The form of one assignment, for its rater only. Submitted answers are not sent back.
pub async fn form(db: &Db, viewer: &Viewer, key: &str) -> Result<AssessmentForm, ServiceError> {
    let row = repo::assignment(db, key).await?.ok_or(ServiceError::NotFound)?;
    if row.rater != viewer.nip || !matches!(row.state.as_str(), "pending" | "draft" | "submitted") {
        return Err(ServiceError::NotFound);
    }
    if row.round_status == "draft" {
        return Err(ServiceError::NotFound);
    }
    let q = questionnaire(db, &row.round_key).await?;
    let submitted = row.state == "submitted";
    let editable = !submitted && row.round_status == "open" && !row.is_past_close;
    let n = q.item_count();
    let (answers, comments) = if submitted {
        (vec![], vec![])
    } else {
        let mut a: Vec<u8> = row.answers.iter().map(|v| (*v).clamp(0, 255) as u8).collect();
        a.resize(n, fb::UNANSWERED);
        let mut c = row.comments.clone();
        c.resize(q.competencies.len(), String::new());
        (a, c)
    };
    Ok(AssessmentForm {
        key: row.key,
        round_name: row.round_name,
        closes: date_part(&row.closes),
        ratee_nip: row.ratee_nip,
        ratee_name: row.ratee_name,
        ratee_position: row.ratee_position.unwrap_or_default(),
        group: RaterGroup::from_code(&row.rater_group).unwrap_or(RaterGroup::Peer),
        state: row.state,
        submitted_at: row.submitted_at,
        editable,
        questionnaire: (*q).clone(),
        answers,
        comments,
    })
}

/// Saves a draft (`submit = false`) or submits (final, idempotent). Returns what happened. Answers and comments
/// may be shorter than the questionnaire (unanswered items at the end of a draft); longer is refused.
pub async fn save(
    db: &Db,
    viewer: &Viewer,
    key: &str,
    mut answers: Vec<u8>,
    comments: Vec<String>,
    submit: bool,
) -> Result<SubmitOutcome, ServiceError> {
    // The key names the round and the rater: someone else's assignment is refused without a database read, and
    // the hot path is one conditional write.
    let Some((round, rater, _)) = repo::parse_assignment_key(key) else {
        return Err(ServiceError::NotFound);
    };
    if rater != viewer.nip {
        return Err(ServiceError::NotFound);
    }
    let q = match questionnaire(db, round).await {
        Ok(q) => q,
        Err(ServiceError::Conflict(_)) => return Err(ServiceError::NotFound),
        Err(e) => return Err(e),
    };
    if answers.len() > q.item_count() {
        return Err(invalid("answers", T::FbAnswerCount));
    }
    answers.resize(q.item_count(), fb::UNANSWERED);
    let ok = |a: &u8| if submit { fb::is_final_answer(*a) } else { fb::is_draft_answer(*a) };
    if !answers.iter().all(ok) {
        return Err(invalid("answers", if submit { T::FbAnswerAll } else { T::FbAnswerCount }));
    }
    let mut comments: Vec<String> = comments.into_iter().map(|c| c.trim().to_string()).collect();
    if comments.len() > q.competencies.len() {
        return Err(invalid("comments", T::FbAnswerCount));
    }
    if comments.iter().any(|c| !within(c, MAX_NOTE)) {
        return Err(invalid("comments", T::FbCommentTooLong));
    }
    comments.resize(q.competencies.len(), String::new());
    let mut attempt = 0;
    loop {
        let permit = db.writer().await;
        let saved = repo::save_answers(db, key, round, &answers, &comments, submit).await;
        drop(permit);
        match saved {
            Ok(Some(at)) => {
                return Ok(if submit { SubmitOutcome::Submitted { at } } else { SubmitOutcome::Saved { at } });
            }
            Ok(None) => break,
            Err(e) if is_conflict(&e) && attempt < 5 => {
                attempt += 1;
                tokio::task::yield_now().await;
            }
            // The database's message may quote the values written (answers, comments): it is neither logged nor
            // shown, only what failed.
            Err(e) => {
                let kind = if is_conflict(&e) { "a write conflict that did not resolve" } else { "a database error" };
                return Err(anyhow::anyhow!("saving the answers of assignment {key} failed with {kind}").into());
            }
        }
    }
    // Nothing changed: explain why from the current state.
    let now = repo::assignment_state(db, key).await?.ok_or(ServiceError::NotFound)?;
    match now.state.as_str() {
        _ if now.rater != viewer.nip => Err(ServiceError::NotFound),
        "submitted" => Ok(SubmitOutcome::AlreadySubmitted { at: now.submitted_at.unwrap_or_default() }),
        "pending" | "draft" => Err(ServiceError::Conflict(T::FbLate)),
        _ => Err(ServiceError::NotFound),
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Nominations and HR fixes

/// The ratee nominates an extra peer in an open round; their supervisor approves it.
pub async fn nominate(db: &Db, viewer: &Viewer, round: &str, peer_nip: &str) -> Result<(), ServiceError> {
    let peer = Nip::parse(peer_nip).map_err(|_| invalid("peer_nip", T::FbPeerUnknown))?.to_string();
    if peer == viewer.nip {
        return Err(invalid("peer_nip", T::FbPeerSelf));
    }
    let rounds = repo::open_rounds_assessing(db, &viewer.nip).await?;
    if !rounds.iter().any(|(k, _)| k == round) {
        return Err(ServiceError::Conflict(T::RoundNotOpen));
    }
    let person = org::employee(db, &peer).await?.filter(|e| e.active).ok_or(invalid("peer_nip", T::FbPeerUnknown))?;
    let mine = repo::nominations_for(db, Some(std::slice::from_ref(&viewer.nip)), false).await?;
    if mine.iter().filter(|n| n.round_key == round).count() >= MAX_NOMINATIONS {
        return Err(invalid("peer_nip", T::FbTooManyNominations));
    }
    // Every nomination waits for a decision: the supervisor's, or HR's for someone without a supervisor.
    let added = repo::AddedAssignment {
        round,
        rater: &person.nip,
        ratee: &viewer.nip,
        group: "peer",
        state: "proposed",
        nominated_by: Some(&viewer.nip),
    };
    match repo::add_assignment(db, &added, &viewer.nip, false).await {
        Ok(()) => Ok(()),
        // Someone already assigned: the answer is the same as for a new nomination, so that a ratee cannot learn
        // who rates them (or whether they have started) by nominating.
        Err(e) if statement_error(&e).is_some_and(|s| s.is_duplicate()) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// The ratee's direct supervisor (or HR) approves or rejects a nomination.
pub async fn decide(db: &Db, viewer: &Viewer, key: &str, approve: bool) -> Result<(), ServiceError> {
    let row = repo::assignment(db, key).await?.ok_or(ServiceError::NotFound)?;
    let snapshot = db.hierarchy().await?;
    // Someone else's nomination answers exactly like one that does not exist.
    if !may_decide(viewer, snapshot.supervisor(&row.ratee_nip), &row.ratee_nip, row.nominated_by.as_deref()) {
        return Err(ServiceError::NotFound);
    }
    if row.state != "proposed" || row.round_status != "open" {
        return Err(ServiceError::Conflict(T::FbAlreadyDecided));
    }
    if !repo::decide_nomination(db, key, approve, &viewer.nip).await? {
        return Err(ServiceError::Conflict(T::FbAlreadyDecided));
    }
    Ok(())
}

/// HR adds an assignment to an open round.
pub async fn add_assignment(
    db: &Db,
    viewer: &Viewer,
    round: &str,
    rater: &str,
    ratee: &str,
    group: &str,
) -> Result<(), ServiceError> {
    if !may_manage(viewer) {
        return Err(ServiceError::Forbidden);
    }
    let r = repo::round(db, round).await?.ok_or(ServiceError::NotFound)?;
    if r.status != "open" {
        return Err(ServiceError::Conflict(T::RoundNotOpen));
    }
    let group = RaterGroup::from_code(group).ok_or(invalid("group", T::FbGroupRequired))?;
    let rater = Nip::parse(rater).map_err(|_| invalid("rater", T::FbPeerUnknown))?.to_string();
    let ratee = Nip::parse(ratee).map_err(|_| invalid("ratee", T::FbPeerUnknown))?.to_string();
    if (group == RaterGroup::SelfRating) != (rater == ratee) {
        return Err(invalid("group", T::FbGroupRequired));
    }
    for nip in [&rater, &ratee] {
        if org::employee(db, nip).await?.filter(|e| e.active).is_none() {
            return Err(invalid("rater", T::FbPeerUnknown));
        }
    }
    // Raters added by hand must be real relations in the reporting graph as it is now; a peer HR adds waits for
    // the same approval as any nomination. HR cannot make up a group.
    let snapshot = db.hierarchy().await?;
    let related = match group {
        RaterGroup::SelfRating => true,
        RaterGroup::Supervisor => snapshot.supervisor(&ratee) == Some(rater.as_str()),
        RaterGroup::Subordinate => snapshot.supervisor(&rater) == Some(ratee.as_str()),
        RaterGroup::Peer => true,
    };
    if !related {
        return Err(invalid("rater", T::FbNotARelation));
    }
    let (state, nominated_by) =
        if group == RaterGroup::Peer { ("proposed", Some(viewer.nip.as_str())) } else { ("pending", None) };
    let added = repo::AddedAssignment { round, rater: &rater, ratee: &ratee, group: group.code(), state, nominated_by };
    match repo::add_assignment(db, &added, &viewer.nip, true).await {
        Ok(()) => Ok(()),
        Err(e) if statement_error(&e).is_some_and(|s| s.is_duplicate()) => Err(ServiceError::Conflict(T::FbDuplicate)),
        Err(e) => Err(e.into()),
    }
}

/// HR removes an assignment that has not been submitted.
pub async fn remove_assignment(db: &Db, viewer: &Viewer, key: &str) -> Result<(), ServiceError> {
    if !may_manage(viewer) {
        return Err(ServiceError::Forbidden);
    }
    let row = repo::assignment(db, key).await?.ok_or(ServiceError::NotFound)?;
    if row.state == "submitted" || row.round_status != "open" {
        return Err(ServiceError::Conflict(T::FbCannotRemove));
    }
    if !repo::remove_assignment(db, key, &viewer.nip).await? {
        return Err(ServiceError::Conflict(T::FbCannotRemove));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------------------------
// Progress

/// Who may follow a round, and over whom: `None` = everyone (HR, head), `Some(set)` = a supervisor's subtree.
async fn progress_scope(db: &Db, viewer: &Viewer) -> Result<Option<HashSet<String>>, ServiceError> {
    let scope = crate::access::scope(db, viewer).await?;
    if !domain::access::may_follow_others(scope.reach()) {
        return Err(ServiceError::Forbidden);
    }
    Ok(scope.people())
}

fn empty_row(key: String) -> ProgressRow {
    ProgressRow { key, name: String::new(), total: 0, submitted: 0, drafts: 0 }
}

fn fold(counts: Vec<(String, String, u64)>, keep: impl Fn(&str) -> bool) -> HashMap<String, ProgressRow> {
    let mut rows: HashMap<String, ProgressRow> = HashMap::new();
    for (key, state, n) in counts {
        if !keep(&key) || !matches!(state.as_str(), "pending" | "draft" | "submitted") {
            continue;
        }
        let row = rows.entry(key.clone()).or_insert_with(|| empty_row(key));
        row.total += n;
        match state.as_str() {
            "submitted" => row.submitted += n,
            "draft" => row.drafts += n,
            _ => {}
        }
    }
    rows
}

async fn name_rows(db: &Db, mut rows: Vec<ProgressRow>) -> anyhow::Result<Vec<ProgressRow>> {
    let nips: Vec<String> = rows.iter().map(|r| r.key.clone()).collect();
    let names: HashMap<String, String> = repo::names(db, &nips).await?.into_iter().collect();
    for r in &mut rows {
        r.name = names.get(&r.key).cloned().unwrap_or_default();
    }
    Ok(rows)
}

/// How many people are listed per table on the progress page (the CSV has everyone).
pub const PROGRESS_LIST: usize = 100;

/// `/rounds/:id`: completion by unit, rater and ratee (a supervisor sees their subtree only).
pub async fn progress(db: &Db, viewer: &Viewer, key: &str) -> Result<RoundProgress, ServiceError> {
    let scope = progress_scope(db, viewer).await?;
    let round = repo::round(db, key).await?.ok_or(ServiceError::NotFound)?;
    let keep = |nip: &str| scope.as_ref().is_none_or(|s| s.contains(nip));
    let raters = fold(repo::progress_counts(db, key, "rater").await?, keep);
    let ratees = fold(repo::progress_counts(db, key, "ratee").await?, keep);
    let units: HashMap<String, (String, u32)> =
        org::unit_options(db).await?.into_iter().map(|(k, n, d)| (k, (n, d))).collect();
    let by_unit_counts = if scope.is_none() {
        fold(repo::progress_counts(db, key, "unit").await?, |_| true)
    } else {
        // Scoped: the units of the raters in scope.
        let people: HashMap<String, String> =
            repo::active_people(db).await?.into_iter().map(|(n, u, _)| (n, u)).collect();
        let mut rows: HashMap<String, ProgressRow> = HashMap::new();
        for r in raters.values() {
            let unit = people.get(&r.key).cloned().unwrap_or_default();
            let row = rows.entry(unit.clone()).or_insert_with(|| empty_row(unit));
            row.total += r.total;
            row.submitted += r.submitted;
            row.drafts += r.drafts;
        }
        rows
    };
    let mut by_unit: Vec<ProgressRow> = by_unit_counts
        .into_values()
        .map(|mut r| {
            r.name = units.get(&r.key).map(|(n, _)| n.clone()).unwrap_or_else(|| r.key.clone());
            r
        })
        .collect();
    by_unit.sort_by(|a, b| a.name.cmp(&b.name));
    let total = raters.values().map(|r| r.total).sum();
    let submitted = raters.values().map(|r| r.submitted).sum();
    let drafts = raters.values().map(|r| r.drafts).sum();
    let mut rater_rows: Vec<ProgressRow> = raters.into_values().filter(|r| r.submitted < r.total).collect();
    rater_rows.sort_by(|a, b| (b.total - b.submitted).cmp(&(a.total - a.submitted)).then(a.key.cmp(&b.key)));
    rater_rows.truncate(PROGRESS_LIST);
    let mut ratee_rows: Vec<ProgressRow> = ratees.into_values().collect();
    ratee_rows.sort_by(|a, b| {
        let pa = fb::completion_percent(a.submitted, a.total);
        let pb = fb::completion_percent(b.submitted, b.total);
        pa.total_cmp(&pb).then(a.key.cmp(&b.key))
    });
    ratee_rows.truncate(PROGRESS_LIST);
    let proposed = repo::progress_counts(db, key, "ratee")
        .await?
        .into_iter()
        .filter(|(k, s, _)| s == "proposed" && keep(k))
        .map(|(_, _, n)| n)
        .sum();
    let changes = repo::round_changes(db, key)
        .await?
        .into_iter()
        .filter(|c| keep(&c.ratee))
        .filter_map(|c| {
            Some(RoundChange {
                at: c.at.chars().take(19).collect::<String>().replace('T', " "),
                actor: c.actor,
                action: c.action,
                rater: c.rater,
                ratee: c.ratee,
                group: RaterGroup::from_code(&c.rater_group)?,
            })
        })
        .collect();
    Ok(RoundProgress {
        round: summary(&round),
        total,
        submitted,
        drafts,
        by_unit,
        raters: name_rows(db, rater_rows).await?,
        ratees: name_rows(db, ratee_rows).await?,
        can_manage: may_manage(viewer),
        scoped: scope.is_some(),
        proposed,
        changes,
    })
}

/// Quotes a CSV field, neutralising spreadsheet formulas.
fn csv_field(text: &str) -> String {
    let safe = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_string() };
    if safe.contains([',', '"', '\n', '\r', ';']) { format!("\"{}\"", safe.replace('"', "\"\"")) } else { safe }
}

/// The raters who still have work in a round, as CSV (same access as the progress page).
pub async fn pending_csv(db: &Db, viewer: &Viewer, key: &str, lang: Lang) -> Result<String, ServiceError> {
    let scope = progress_scope(db, viewer).await?;
    repo::round(db, key).await?.ok_or(ServiceError::NotFound)?;
    let keep = |nip: &str| scope.as_ref().is_none_or(|s| s.contains(nip));
    let raters = fold(repo::progress_counts(db, key, "rater").await?, keep);
    let mut rows: Vec<ProgressRow> = raters.into_values().filter(|r| r.submitted < r.total).collect();
    rows.sort_by(|a, b| a.key.cmp(&b.key));
    let nips: Vec<String> = rows.iter().map(|r| r.key.clone()).collect();
    let summaries: HashMap<String, EmployeeSummary> =
        org::summaries(db, &nips).await?.into_iter().map(|s| (s.nip.clone(), s)).collect();
    let mut out = String::from("\u{feff}");
    out.push_str(&format!(
        "NIP,{},{},{},{},{}\r\n",
        lang.t(T::Name),
        lang.t(T::Unit),
        lang.t(T::Position),
        lang.t(T::FbPendingCount),
        lang.t(T::FbDrafts)
    ));
    for r in rows {
        let s = summaries.get(&r.key);
        out.push_str(&format!(
            "'{},{},{},{},{},{}\r\n",
            r.key,
            csv_field(s.map(|s| s.name.as_str()).unwrap_or("")),
            csv_field(s.map(|s| s.unit_name.as_str()).unwrap_or("")),
            csv_field(s.map(|s| s.position.as_str()).unwrap_or("")),
            r.total - r.submitted,
            r.drafts
        ));
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------------------------
// Closing and results

/// One edge as the closing computation reads it.
pub struct EdgeInput<'a> {
    pub group: RaterGroup,
    pub submitted: bool,
    pub answers: &'a [i64],
    pub comments: &'a [String],
}

/// Computes one ratee's result from their edges with the shared domain scoring. `changed` lists the anonymous
/// groups whose membership HR changed by hand after one of their raters had submitted: they are withheld.
pub fn compute_result(
    q: &Questionnaire,
    threshold: u32,
    required: &HashMap<String, u8>,
    edges: &[EdgeInput<'_>],
    changed: &[RaterGroup],
) -> ResultData {
    let ranges = q.ranges();
    let responses = RaterGroup::ALL
        .into_iter()
        .map(|g| {
            let invited = edges.iter().filter(|e| e.group == g).count() as u32;
            let submitted = edges.iter().filter(|e| e.group == g && e.submitted).count() as u32;
            (g, invited, submitted)
        })
        .filter(|(_, invited, _)| *invited > 0)
        .collect();
    let competencies = q
        .competencies
        .iter()
        .zip(ranges)
        .enumerate()
        .map(|(ci, (c, range))| {
            let mut raters: Vec<(RaterGroup, Vec<u8>)> = Vec::with_capacity(edges.len());
            let mut comments: Vec<(RaterGroup, &str)> = Vec::new();
            for e in edges.iter().filter(|e| e.submitted) {
                let answers: Vec<u8> =
                    range.clone().map(|i| e.answers.get(i).copied().unwrap_or(0).clamp(0, 255) as u8).collect();
                if fb::rater_score(&answers).is_some()
                    && let Some(text) = e.comments.get(ci).filter(|t| !t.trim().is_empty())
                {
                    comments.push((e.group, text.as_str()));
                }
                raters.push((e.group, answers));
            }
            let list: Vec<(RaterGroup, &[u8])> = raters.iter().map(|(g, a)| (*g, a.as_slice())).collect();
            let mut scores = fb::score_competency(threshold, &list);
            for g in changed.iter().filter(|g| g.is_anonymous()) {
                scores.withhold(*g, fb::Withheld::ChangedByHand);
            }
            let fb::CompetencyScores { groups, items } = scores;
            let shown: Vec<(RaterGroup, Vec<String>)> = groups
                .iter()
                .filter(|g| fb::comments_visible(g))
                .map(|g| {
                    let mut list: Vec<String> =
                        comments.iter().filter(|(cg, _)| *cg == g.group).map(|(_, t)| t.to_string()).collect();
                    list.sort();
                    (g.group, list)
                })
                .filter(|(_, l)| !l.is_empty())
                .collect();
            CompetencyResult {
                key: c.key.clone(),
                code: c.code.clone(),
                name: c.name.clone(),
                required: required.get(&c.key).copied().unwrap_or(0),
                groups,
                items,
                comments: shown,
            }
        })
        .collect();
    ResultData { threshold: fb::effective_threshold(threshold), competencies, responses }
}

/// Decodes a stored result and applies the item rule of [`fb::score_competency`] to it, so that results stored
/// before the rule existed never show an item next to a competency mean over a different set of raters.
pub fn decode_result(json: &str) -> anyhow::Result<ResultData> {
    let mut data: ResultData = serde_json::from_str(json).context("decoding a result")?;
    for c in &mut data.competencies {
        for item in &mut c.items {
            for (it, comp) in item.iter_mut().zip(&c.groups) {
                fb::withhold_item(comp, it);
            }
        }
    }
    Ok(data)
}

/// What closing did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CloseReport {
    pub ratees: usize,
    pub written: usize,
    pub skipped: usize,
}

/// Closes a round: stops submissions, computes and stores every ratee's result, then marks it closed.
/// Idempotent and resumable: an interrupted closing stays `closing`, and closing again only computes the ratees
/// that have no result yet (answers cannot change once the round is no longer open).
pub async fn close_round(db: &Db, actor: &str, key: &str) -> Result<CloseReport, ServiceError> {
    let round = repo::round(db, key).await?.ok_or(ServiceError::NotFound)?;
    match round.status.as_str() {
        "closed" => {
            let n = repo::result_owners(db, key).await?.len();
            return Ok(CloseReport { ratees: n, written: 0, skipped: n });
        }
        "open" | "closing" => {}
        _ => return Err(ServiceError::Conflict(T::RoundNotOpen)),
    }
    // One closing at a time: a concurrent one is told the round is being closed (409) rather than computing too.
    if !repo::claim_round(db, key, "open", "closing", actor).await? {
        return Err(ServiceError::Conflict(T::RoundClosingBusy));
    }
    let started = std::time::Instant::now();
    let q = questionnaire(db, key).await?;
    let threshold = round.threshold.max(0) as u32;
    let edges = repo::round_edges(db, key).await?;
    let done: HashSet<String> = repo::result_owners(db, key).await?.into_iter().collect();
    let mut changed: HashMap<String, Vec<RaterGroup>> = HashMap::new();
    for (ratee, group) in repo::changed_after_submission(db, key).await? {
        changed.entry(ratee).or_default().extend(RaterGroup::from_code(&group));
    }
    let positions: HashMap<String, String> =
        repo::active_people(db).await?.into_iter().map(|(n, _, p)| (n, p)).collect();
    let requirements = comp_repo::all_position_requirements(db).await?;
    let standards = comp_repo::standards(db).await?;
    let comp_kinds: Vec<(String, CompetencyKind)> = q.competencies.iter().map(|c| (c.key.clone(), c.kind)).collect();
    let mut by_ratee: HashMap<&str, Vec<EdgeInput<'_>>> = HashMap::new();
    for (ratee, group, state, answers, comments) in &edges {
        let Some(group) = RaterGroup::from_code(group) else { continue };
        by_ratee.entry(ratee.as_str()).or_default().push(EdgeInput {
            group,
            submitted: state == "submitted",
            answers,
            comments,
        });
    }
    let ratees = by_ratee.len();
    let read = started.elapsed();
    let mut required_cache: HashMap<String, HashMap<String, u8>> = HashMap::new();
    let empty = HashMap::new();
    let mut rows = Vec::with_capacity(ratees);
    for (ratee, list) in &by_ratee {
        if done.contains(*ratee) {
            continue;
        }
        let required = match positions.get(*ratee) {
            Some(p) => required_cache.entry(p.clone()).or_insert_with(|| {
                let (kind, overrides) = requirements.get(p).cloned().unwrap_or_default();
                crate::services::competency::required_levels(&comp_kinds, &kind, &overrides, &standards)
            }),
            None => &empty,
        };
        let data = compute_result(&q, threshold, required, list, changed.get(*ratee).map_or(&[], |v| v.as_slice()));
        let summary: Vec<ScoreRow> =
            data.competencies.iter().map(|c| ScoreRow::new(&c.code, c.required, &c.groups)).collect();
        rows.push((
            ratee.to_string(),
            serde_json::to_string(&data).context("encoding a result")?,
            serde_json::to_string(&summary).context("encoding a summary")?,
        ));
    }
    let computed = started.elapsed();
    repo::insert_results(db, key, &rows).await?;
    repo::set_status(db, key, &["closing"], "closed", actor).await?;
    tracing::info!(
        round = key,
        written = rows.len(),
        read_ms = read.as_millis() as u64,
        compute_ms = (computed - read).as_millis() as u64,
        write_ms = (started.elapsed() - computed).as_millis() as u64,
        "round closed"
    );
    Ok(CloseReport { ratees, written: rows.len(), skipped: done.len() })
}

/// The result of one person in a closed round: for the person, anyone above them, HR and the head.
pub async fn result_page(db: &Db, viewer: &Viewer, round: &str, nip: &str) -> Result<ResultPage, ServiceError> {
    if !crate::access::scope(db, viewer).await?.may_read(nip) {
        return Err(ServiceError::Forbidden);
    }
    let r = repo::round(db, round).await?.ok_or(ServiceError::NotFound)?;
    if r.status != "closed" {
        return Err(ServiceError::NotFound);
    }
    let json = repo::result(db, round, nip).await?.ok_or(ServiceError::NotFound)?;
    let data = decode_result(&json)?;
    let person = org::employee(db, nip).await?.ok_or(ServiceError::NotFound)?;
    Ok(ResultPage {
        round_key: r.key,
        round_name: r.name,
        ratee_nip: person.nip.clone(),
        ratee_name: person.name.clone(),
        ratee_position: person.position.clone().unwrap_or_default(),
        data,
    })
}
