//! Rounds: the list, and creating one (HR).

use super::may_manage;
use super::summary;
use crate::db::Db;
use crate::error::{ServiceError, invalid};
use crate::repo::competency as comp_repo;
use crate::repo::feedback::{self as repo, NewRound};
use crate::services::auth::Viewer;
use crate::services::org;
use domain::competency::CompetencyKind;
use domain::feedback as fb;
use domain::view::RoundsPage;
use i18n::T;
use std::collections::HashSet;

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
