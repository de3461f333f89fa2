//! The training-needs analysis: for a unit or the whole agency, which trainings close the most gap for how many
//! people in the latest closed round, and whom to send under a budget.

use super::competency_names;
use crate::db::Db;
use crate::error::ServiceError;
use crate::repo::report as report_repo;
use crate::repo::training as training_repo;
use crate::repo::{competency as comp_repo, org};
use crate::services::auth::Viewer;
use crate::services::org::units_below;
use crate::services::report::{reference, summary_of};
use domain::report as rep;
use domain::training::{self as tr, Budget, Need};
use domain::view::*;
use std::collections::{HashMap, HashSet};

/// Who may run a training-needs analysis: HR, the head, trainers (everyone) and supervisors (their subtree).
pub fn may_analyse(viewer: &Viewer) -> bool {
    domain::access::may_follow_others(domain::access::development_reach(&viewer.roles))
}

/// `/trainings/needs`: for a unit (with its sub-units) or the whole agency, which trainings close the most gap
/// for how many people in the latest closed round, and a plan under a budget.
pub async fn needs_page(
    db: &Db,
    viewer: &Viewer,
    unit: Option<&str>,
    budget: Option<u64>,
    budget_unit: &str,
) -> Result<NeedsPage, ServiceError> {
    if !may_analyse(viewer) {
        return Err(ServiceError::Forbidden);
    }
    let people = crate::access::development_scope(db, viewer).await?.people();
    let everyone = people.is_none();
    let unit = unit.filter(|u| !u.is_empty() && everyone);
    let (scope, scope_name): (Option<HashSet<String>>, String) = if let Some(set) = people {
        (Some(set), viewer.name.clone())
    } else if let Some(u) = unit {
        let name = org::unit_name(db, u).await?.ok_or(ServiceError::NotFound)?;
        let units = units_below(db, &[u.to_string()]).await?;
        let people = crate::services::talent::active_people(db)
            .await?
            .iter()
            .filter(|(_, unit, _)| units.contains(unit))
            .map(|(n, _, _)| n.clone())
            .collect();
        (Some(people), name)
    } else {
        (None, org::agency_name(db).await?)
    };
    let catalog: Vec<TrainingInfo> = training_repo::trainings(db).await?.into_iter().filter(|t| t.active).collect();
    let names = competency_names(db).await?;
    let units = if everyone { crate::services::org::unit_options(db).await? } else { Vec::new() };
    let budget_unit = if budget_unit == "jp" { "jp" } else { "rupiah" }.to_string();
    let latest = reference(db).await?.closed_rounds.last().map(|(k, n, _)| (k.clone(), n.clone()));
    let Some((_, round_name)) = latest else {
        return Ok(NeedsPage {
            scope_name,
            unit: unit.map(str::to_string),
            round_name: None,
            people: 0,
            people_with_gaps: 0,
            rows: Vec::new(),
            plan: None,
            catalog,
            by_competency: Vec::new(),
            units,
            budget_unit,
            budget: budget.unwrap_or(0),
        });
    };
    let needs: Vec<Vec<Need>> = crate::services::dashboard::people_needs(db, scope.as_ref()).await?;
    let fits: Vec<tr::TrainingFit> = catalog.iter().map(TrainingInfo::fit).collect();
    let rows = tr::needs_analysis(&needs, &fits);
    let by_competency = names
        .into_iter()
        .filter_map(|(code, name)| {
            let gaps: Vec<f64> = needs
                .iter()
                .flatten()
                .filter(|n| n.competency == code)
                .map(|n| rep::gap(n.score, n.required))
                .collect();
            (!gaps.is_empty()).then(|| {
                let mean = gaps.iter().sum::<f64>() / gaps.len() as f64;
                (code, name, gaps.len() as u32, rep::round3(mean))
            })
        })
        .collect();
    let plan = budget.map(|b| {
        let b = if budget_unit == "jp" { Budget::Jp(b) } else { Budget::Rupiah(b) };
        tr::budget_plan(&needs, &fits, b).into()
    });
    Ok(NeedsPage {
        scope_name,
        unit: unit.map(str::to_string),
        round_name: Some(round_name),
        people: needs.len() as u32,
        people_with_gaps: needs.iter().filter(|n| !n.is_empty()).count() as u32,
        rows,
        plan,
        catalog,
        by_competency,
        units,
        budget_unit,
        budget: budget.unwrap_or(0),
    })
}

/// The latest closed round's needs of one person: (code, gap) below the standard.
pub(crate) async fn current_gaps(
    db: &Db,
    nip: &str,
    settings: &ReportSettings,
    target: Option<u8>,
) -> Result<Vec<(String, f64)>, ServiceError> {
    let reference = reference(db).await?;
    let mut results = report_repo::person_results(db, nip).await?;
    results.retain(|(round, _)| reference.closed_rounds.iter().any(|(k, _, _)| k == round));
    let Some((round, summary)) =
        results.into_iter().max_by_key(|(round, _)| reference.closed_rounds.iter().position(|(k, _, _)| k == round))
    else {
        return Ok(Vec::new());
    };
    let rows = summary_of(db, &round, nip, summary.as_deref()).await?;
    let kinds: HashMap<String, domain::CompetencyKind> =
        comp_repo::all(db).await?.into_iter().map(|c| (c.code, c.kind)).collect();
    let levels: Vec<(String, Option<f64>, u8)> = rows
        .iter()
        .map(|r| {
            let kind = kinds.get(&r.code).copied().unwrap_or(domain::CompetencyKind::Managerial);
            (r.code.clone(), r.combined(&settings.weights), rep::target_required(r.required, kind, target))
        })
        .collect();
    Ok(tr::needs(&levels)
        .into_iter()
        .map(|n| (n.competency.clone(), rep::round3(rep::gap(n.score, n.required))))
        .collect())
}
