//! Reading the organisation: the unit tree, unit pages, profiles and the home page, with visibility rules applied.

use crate::db::Db;
use crate::repo::{audit, org};
use crate::services::auth::Viewer;
use domain::Nip;
use domain::Role;
use domain::access::profile_access;
use domain::role::ProfileAccess;
use domain::view::{EmployeeProfile, HomeData, OrgTree, UnitNode, UnitPage, ViewerInfo};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::error::ServiceError;

/// The viewer as the UI sees them.
pub fn viewer_info(v: &Viewer) -> ViewerInfo {
    ViewerInfo {
        nip: v.nip.clone(),
        name: v.name.clone(),
        username: v.username.clone(),
        roles: v.roles.iter().collect(),
    }
}

/// The home page for the viewer's roles.
#[tracing::instrument(skip(db))]
pub async fn home(db: &Db, viewer: &Viewer) -> Result<HomeData, ServiceError> {
    let me = org::employee(db, &viewer.nip).await?;
    let supervisor = match me.as_ref().and_then(|m| m.supervisor.clone()) {
        Some(s) => org::summaries(db, &[s]).await?.into_iter().next(),
        None => None,
    };
    let direct_reports = org::direct_reports(db, &viewer.nip).await?;
    let subtree_size = if direct_reports.is_empty() { 0 } else { org::subtree_size(db, &viewer.nip).await? };
    let plan_reviews_pending = if direct_reports.is_empty() {
        0
    } else {
        let below = db.hierarchy().await?.descendants(&viewer.nip);
        crate::repo::plan::pending_reviews(db, &below).await?.iter().map(|(_, n)| u64::from(*n)).sum()
    };
    let (active_employees, unit_count) = if viewer.roles.sees_everyone() || viewer.roles.has(Role::Trainer) {
        let (e, u) = org::counts(db).await?;
        (Some(e), Some(u))
    } else {
        (None, None)
    };
    Ok(HomeData {
        viewer: viewer_info(viewer),
        me: me.map(|m| m.summary()),
        supervisor,
        direct_reports,
        subtree_size,
        active_employees,
        unit_count,
        feedback_pending: crate::repo::feedback::pending_count(db, &viewer.nip).await?,
        plan_reviews_pending,
    })
}

/// The unit tree with head counts. Everyone may see the structure (names of units and their heads are public
/// within the agency).
pub async fn tree(db: &Db) -> Result<OrgTree, ServiceError> {
    Ok(OrgTree { agency: org::agency_name(db).await?, units: org::unit_tree(db).await? })
}

/// Every unit in the order of the unit tree, without head counts or leaders: kept while the hierarchy and talent
/// versions hold. Units are written only by the seed and by imports, which move both, and renaming, moving or
/// removing a unit moves the talent version (schema V19), so a kept outline is the current one.
pub async fn outline(db: &Db) -> anyhow::Result<Arc<Vec<UnitNode>>> {
    crate::services::talent::kept(db, |b| b.units.clone(), |b, v| b.units = Some(v), || org::unit_outline(db)).await
}

/// All units as (key, name, depth) in tree order, for form selects.
pub async fn unit_options(db: &Db) -> anyhow::Result<Vec<(String, String, u32)>> {
    Ok(outline(db).await?.iter().map(|u| (u.key.clone(), u.name.clone(), u.depth)).collect())
}

/// The given units and every unit below them.
pub async fn units_below(db: &Db, roots: &[String]) -> anyhow::Result<HashSet<String>> {
    let units = outline(db).await?;
    let mut children: HashMap<&str, Vec<&str>> = HashMap::new();
    for u in units.iter() {
        if let Some(p) = &u.parent {
            children.entry(p.as_str()).or_default().push(u.key.as_str());
        }
    }
    let mut set: HashSet<String> = HashSet::new();
    let mut stack: Vec<&str> = roots.iter().map(String::as_str).collect();
    while let Some(u) = stack.pop() {
        if set.insert(u.to_string()) {
            stack.extend(children.get(u).map(Vec::as_slice).unwrap_or_default());
        }
    }
    Ok(set)
}

/// One unit with its parent, sub-units and members (directory entries).
pub async fn unit_page(db: &Db, unit: &str) -> Result<UnitPage, ServiceError> {
    let units = org::unit_tree(db).await?;
    let Some(node) = units.iter().find(|u| u.key == unit).cloned() else {
        return Err(ServiceError::NotFound);
    };
    let parent = node.parent.as_ref().and_then(|p| units.iter().find(|u| &u.key == p).cloned());
    let children = units.iter().filter(|u| u.parent.as_deref() == Some(unit)).cloned().collect();
    let members = org::unit_members(db, unit).await?;
    Ok(UnitPage { unit: node, parent, children, members })
}

/// An employee's profile, as much of it as the viewer may see.
#[tracing::instrument(skip(db))]
pub async fn profile(db: &Db, viewer: &Viewer, nip: &Nip) -> Result<EmployeeProfile, ServiceError> {
    let nip = nip.as_str();
    let Some(rec) = org::employee(db, nip).await? else {
        return Err(ServiceError::NotFound);
    };
    let chain = org::supervisor_chain(db, nip).await?;
    let is_self = viewer.nip == nip;
    let in_sub = chain.contains(&viewer.nip);
    let access = profile_access(&viewer.roles, is_self, in_sub);
    if !rec.active && access == ProfileAccess::Directory {
        return Err(ServiceError::NotFound);
    }
    let full = access == ProfileAccess::Full;
    let (supervisor_chain, direct_reports, history, audit) = if full {
        (
            org::summaries(db, &chain).await?,
            org::direct_reports(db, nip).await?,
            org::supervisor_history(db, nip).await?,
            if viewer.roles.sees_everyone() {
                audit::for_subject(db, &format!("employee:{nip}"), 50).await?
            } else {
                vec![]
            },
        )
    } else {
        (vec![], vec![], vec![], vec![])
    };
    Ok(EmployeeProfile {
        summary: rec.summary(),
        access,
        rank: full.then(|| rec.rank.clone()),
        gender: full.then(|| rec.gender.clone()),
        birth_date: full.then(|| rec.birth_date.chars().take(10).collect()),
        service_start: full.then(|| rec.service_start.chars().take(7).collect()),
        email: if full { rec.email.clone() } else { None },
        education: rec.education.as_deref().and_then(domain::Education::parse).filter(|_| full),
        active: rec.active,
        supervisor_chain,
        direct_reports,
        history,
        audit,
        can_edit: viewer.roles.may_edit_employees(),
        unit_options: if viewer.roles.may_edit_employees() { unit_options(db).await? } else { vec![] },
        granted_roles: if viewer.roles.may_edit_employees() {
            crate::repo::accounts::granted_roles(db, nip)
                .await?
                .map(|codes| codes.iter().filter_map(|c| Role::from_code(c)).collect())
        } else {
            None
        },
        position_levels: if full {
            Some(crate::services::competency::position_levels_view(db, viewer, &rec).await?)
        } else {
            None
        },
    })
}
