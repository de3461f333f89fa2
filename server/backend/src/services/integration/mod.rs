//! The JSON API for other systems (`/api/v1`): API tokens that HR issues (scoped, expiring, stored as a SHA-256 of
//! the secret, revocable, every call logged), and what a token may read or do. A token acts with its issuer's
//! reach — HR's — re-checked on every call: when the issuer leaves HR or is deactivated, their tokens stop working.
//! Within that reach its scopes decide: reads go through the same services as the pages (the same anonymity rules
//! for 360° results), and the only write is the organisation import with its dry run.

pub mod types;

use crate::db::Db;
use crate::error::{ServiceError, invalid};
use crate::repo::integration as repo;
use crate::repo::skp as skp_repo;
use crate::services::auth::Viewer;
use crate::services::import::{self as import_service, Upload};
use crate::services::{report, skp};
use crate::state::Runtime;
use domain::integration::{ApiScope, TOKEN_PREFIX, TokenProblem, check_request, is_token_shaped, shown_part};
use domain::view::{ApiTokensPage, IssuedToken};
use domain::{Nip, Role, Roles};
use i18n::T;
use sha2::{Digest, Sha256};
use types::*;

/// The newest calls the HR page lists.
pub const CALLS_LISTED: usize = 50;
/// The page size of the employee list when none is asked for, and the largest allowed.
pub const DEFAULT_PAGE: u32 = 100;
pub const MAX_PAGE: u32 = 1000;
/// Errors listed in an import's answer.
pub const IMPORT_ERRORS_LISTED: usize = 100;

fn may_manage(viewer: &Viewer) -> Result<(), ServiceError> {
    if viewer.roles.may_edit_employees() { Ok(()) } else { Err(ServiceError::Forbidden) }
}

/// The SHA-256 of a token's secret: its database key.
fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

fn token_problem(p: TokenProblem) -> ServiceError {
    match p {
        TokenProblem::NameEmpty => invalid("name", T::ApiTokenNameEmpty),
        TokenProblem::NameTooLong => invalid("name", T::ApiTokenNameLong),
        TokenProblem::NoScope => invalid("scopes", T::ApiTokenNoScope),
        TokenProblem::Days => invalid("days", T::ApiTokenDays),
    }
}

/// HR issues a token: its secret is returned once and only its hash is kept.
#[tracing::instrument(skip(db, viewer), fields(actor = %viewer.nip))]
pub async fn issue(
    db: &Db,
    viewer: &Viewer,
    name: &str,
    scopes: &[ApiScope],
    days: u32,
) -> Result<IssuedToken, ServiceError> {
    may_manage(viewer)?;
    let (name, scopes) = check_request(name, scopes, days).map_err(token_problem)?;
    let secret = format!("{TOKEN_PREFIX}{}", hex::encode(rand::random::<[u8; 32]>()));
    let public_id = hex::encode(rand::random::<[u8; 8]>());
    let new = repo::NewToken {
        hash: &hash(&secret),
        public_id: &public_id,
        name: &name,
        shown: &shown_part(&secret),
        scopes: &scopes,
        account: &viewer.account,
        days,
    };
    let expires = repo::create(db, &viewer.nip, &new).await?;
    tracing::info!(token = %public_id, "API token issued");
    Ok(IssuedToken { id: public_id, name, secret, expires })
}

/// `/hr/api`: every token (usable or not), and the newest calls.
pub async fn tokens_page(db: &Db, viewer: &Viewer) -> Result<ApiTokensPage, ServiceError> {
    may_manage(viewer)?;
    let tokens = repo::tokens(db)
        .await?
        .into_iter()
        .map(|(mut t, roles)| {
            t.usable &= roles.iter().any(|r| r == Role::HrAdmin.code());
            t
        })
        .collect();
    Ok(ApiTokensPage {
        tokens,
        calls: repo::recent_calls(db, CALLS_LISTED).await?,
        default_days: domain::integration::DEFAULT_TOKEN_DAYS,
        max_days: domain::integration::MAX_TOKEN_DAYS,
    })
}

/// HR revokes a token (it stops working on the next call, on every instance: each call reads the token).
pub async fn revoke(db: &Db, viewer: &Viewer, id: &str, reason: &str) -> Result<(), ServiceError> {
    may_manage(viewer)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(invalid("reason", T::ApiRevokeReason));
    }
    if !repo::revoke(db, &viewer.nip, id, reason).await? {
        return Err(ServiceError::NotFound);
    }
    tracing::info!(token = %id, "API token revoked");
    Ok(())
}

/// A system calling with a valid token.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The token's public id (what the call log and the HR page show).
    pub token: String,
    hash: String,
    pub scopes: Vec<ApiScope>,
    /// The issuer, whose reach the token has.
    pub viewer: Viewer,
}

impl Caller {
    /// Refuses a call outside the token's scopes.
    pub fn require(&self, scope: ApiScope) -> Result<(), ServiceError> {
        if self.scopes.contains(&scope) { Ok(()) } else { Err(ServiceError::Forbidden) }
    }
}

/// Resolves an `Authorization: Bearer …` header. Unknown, malformed, expired and revoked tokens and tokens whose
/// issuer is no longer active HR are refused as unauthorized, each with its own text.
pub async fn authenticate(db: &Db, authorization: Option<&str>) -> Result<Caller, ServiceError> {
    let secret = authorization
        .and_then(|h| h.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .ok_or(ServiceError::Unauthorized(T::ApiNoToken))?;
    if !is_token_shaped(secret) {
        return Err(ServiceError::Unauthorized(T::ApiBadToken));
    }
    let hash = hash(secret);
    let holder = repo::holder(db, &hash).await?.ok_or(ServiceError::Unauthorized(T::ApiBadToken))?;
    if holder.revoked {
        return Err(ServiceError::Unauthorized(T::ApiTokenRevoked));
    }
    if holder.expired {
        return Err(ServiceError::Unauthorized(T::ApiTokenExpired));
    }
    let roles = Roles::new(holder.roles.iter().filter_map(|r| Role::from_code(r)).collect());
    if !holder.active || !roles.may_edit_employees() {
        return Err(ServiceError::Unauthorized(T::ApiIssuerGone));
    }
    Ok(Caller {
        token: holder.public_id,
        hash,
        scopes: holder.scopes.iter().filter_map(|s| ApiScope::from_code(s)).collect(),
        viewer: Viewer {
            account: holder.account,
            nip: holder.nip,
            name: holder.name,
            username: holder.username,
            roles,
        },
    })
}

/// Logs a call made with a token (its path without the query) and marks the token used.
pub async fn record(db: &Db, caller: &Caller, method: &str, path: &str, status: u16) -> anyhow::Result<()> {
    repo::log_call(db, &caller.token, method, path, status).await?;
    if let Err(e) = repo::touch(db, &caller.hash).await {
        // Two calls marking the same token at once: one wins, which is all the mark needs.
        tracing::debug!(error = %e, "marking an API token used");
    }
    Ok(())
}

fn employee(r: repo::EmployeeRow) -> Employee {
    Employee {
        nip: r.nip,
        name: r.name,
        email: r.email,
        rank: r.rank,
        rank_since: r.rank_since,
        position: r.position.unwrap_or_default(),
        position_kind: r.position_kind.unwrap_or_default(),
        unit: r.unit,
        unit_name: r.unit_name.unwrap_or_default(),
        supervisor: r.supervisor,
        education: r.education,
        active: r.active,
    }
}

fn parse_nip(nip: &str) -> Result<Nip, ServiceError> {
    Nip::parse(nip).map_err(|error| ServiceError::Nip { field: "nip", error })
}

/// `GET /api/v1/units`.
pub async fn units(db: &Db, caller: &Caller) -> Result<UnitList, ServiceError> {
    caller.require(ApiScope::OrgRead)?;
    let items = crate::repo::org::unit_tree(db)
        .await?
        .into_iter()
        .map(|u| Unit {
            code: u.key,
            name: u.name,
            kind: u.kind,
            parent: u.parent,
            depth: u.depth,
            leader: u.leader_nip,
        })
        .collect();
    Ok(UnitList { items })
}

/// `GET /api/v1/employees`: a page ordered by NIP.
pub async fn employees(db: &Db, caller: &Caller, query: &EmployeeQuery) -> Result<EmployeePage, ServiceError> {
    caller.require(ApiScope::OrgRead)?;
    let limit = query.limit.unwrap_or(DEFAULT_PAGE);
    if limit == 0 || limit > MAX_PAGE {
        return Err(invalid("limit", T::ApiLimit));
    }
    let after = query.after.as_deref().map(str::trim).filter(|a| !a.is_empty());
    let unit = query.unit.as_deref().map(str::trim).filter(|u| !u.is_empty());
    let filter = repo::EmployeeFilter { unit, active: query.active, after, limit: limit + 1 };
    let mut rows = repo::employees(db, &filter).await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_after = if more { rows.last().map(|r| r.nip.clone()) } else { None };
    Ok(EmployeePage { items: rows.into_iter().map(employee).collect(), next_after })
}

/// `GET /api/v1/employees/{nip}`.
pub async fn employee_by_nip(db: &Db, caller: &Caller, nip: &str) -> Result<Employee, ServiceError> {
    caller.require(ApiScope::OrgRead)?;
    let nip = parse_nip(nip)?;
    repo::employee(db, nip.as_str()).await?.map(employee).ok_or(ServiceError::NotFound)
}

/// `GET /api/v1/employees/{nip}/skp/{year}`: the plan's status and each period's rating.
pub async fn skp_status(db: &Db, caller: &Caller, nip: &str, year: i32) -> Result<SkpStatus, ServiceError> {
    caller.require(ApiScope::SkpRead)?;
    let nip = parse_nip(nip)?;
    let nip = nip.as_str();
    if !(2000..=2100).contains(&year) {
        return Err(invalid("year", T::ApiYear));
    }
    if repo::employee(db, nip).await?.is_none() {
        return Err(ServiceError::NotFound);
    }
    let versions = skp_repo::versions(db, nip, year).await?;
    let newest = versions.last();
    let approved = versions.iter().rev().find(|v| v.status == domain::skp::SkpStatus::Approved);
    let ratings = skp_repo::ratings_of(db, &[nip.to_string()], year).await?;
    let periods = skp_repo::periods(db, year)
        .await?
        .into_iter()
        .map(|p| {
            let r = ratings.iter().find(|(_, n, _)| *n == p.number).map(|(_, _, r)| *r);
            PeriodRating {
                period: p.number,
                is_final: p.is_final,
                start: p.start,
                end: p.end,
                state: p.state.code().to_string(),
                results: r.map(|r| r.results.code().to_string()),
                behaviour: r.map(|r| r.behaviour.code().to_string()),
                predikat: r.map(|r| r.predikat().code().to_string()),
            }
        })
        .collect();
    Ok(SkpStatus {
        nip: nip.to_string(),
        year,
        version: newest.map(|v| v.version),
        status: newest.map(|v| v.status.code().to_string()),
        approved_version: approved.map(|v| v.version),
        periods,
    })
}

/// `GET /api/v1/periods/{year}/{period}/predikat`: every rating of a period.
pub async fn predikat(db: &Db, caller: &Caller, year: i32, period: u8) -> Result<PredikatList, ServiceError> {
    caller.require(ApiScope::SkpRead)?;
    let lines = skp::period_predikat_lines(db, &caller.viewer, year, period).await?;
    let items = lines
        .into_iter()
        .map(|l| PredikatLine {
            nip: l.nip,
            name: l.name,
            unit_name: l.unit_name,
            position: l.position,
            results: l.ratings.results.code().to_string(),
            behaviour: l.ratings.behaviour.code().to_string(),
            predikat: l.ratings.predikat().code().to_string(),
            rated_by: l.rated_by,
            rated_at: l.rated_at,
            by_objection: l.by_objection,
        })
        .collect();
    Ok(PredikatList { year, period, items })
}

fn withheld_code(w: domain::Withheld) -> &'static str {
    match w {
        domain::Withheld::NoResponses => "no_responses",
        domain::Withheld::TooFewRaters { .. } => "too_few_raters",
        domain::Withheld::PartialItem => "partial_item",
        domain::Withheld::ChangedByHand => "changed_by_hand",
    }
}

/// `GET /api/v1/employees/{nip}/results`: a closed round's result, withheld exactly as on the report page (the same
/// service builds both). Comments and per-item scores stay on the page.
pub async fn results(db: &Db, caller: &Caller, nip: &str, round: Option<&str>) -> Result<FeedbackResult, ServiceError> {
    caller.require(ApiScope::ResultsRead)?;
    let nip = parse_nip(nip)?;
    let page = report::report_page(db, &caller.viewer, &nip, round).await?;
    let (Some(data), Some(round)) = (page.data, page.round_key) else {
        return Err(ServiceError::NotFound);
    };
    let weights = &page.settings.weights;
    let competencies: Vec<CompetencyResult> = data
        .competencies
        .iter()
        .map(|c| CompetencyResult {
            code: c.code.clone(),
            name: c.name.id.clone(),
            required: c.required,
            combined: domain::report::combine(&c.groups, weights).map(|x| domain::report::round3(x.score)),
            groups: c
                .groups
                .iter()
                .map(|g| GroupResult {
                    group: g.group.code().to_string(),
                    count: g.count,
                    mean: if g.is_shown() { g.mean.map(domain::report::round3) } else { None },
                    withheld: g.withheld.map(|w| withheld_code(w).to_string()),
                })
                .collect(),
        })
        .collect();
    let levels: Vec<(Option<f64>, u8)> = competencies.iter().map(|c| (c.combined, c.required)).collect();
    let jpm = domain::report::jpm(&levels, page.settings.jpm.cap_at_100).map(|j| domain::report::round3(j.percent));
    Ok(FeedbackResult {
        nip: page.nip,
        round,
        round_name: page.round_name,
        threshold: data.threshold,
        jpm,
        competencies,
        rounds: page.rounds.into_iter().map(|(k, _)| k).collect(),
    })
}

/// `POST /api/v1/imports`: starts an import's dry run from a file, as `/hr/import` does.
pub async fn start_import(db: &Db, caller: &Caller, upload: Upload<'_>) -> Result<Import, ServiceError> {
    caller.require(ApiScope::OrgWrite)?;
    let id = import_service::start(db, &caller.viewer, upload).await?;
    import(db, caller, &id, i18n::Lang::Id).await
}

/// `GET /api/v1/imports/{id}`: where an import stands, its counts and its first errors.
pub async fn import(db: &Db, caller: &Caller, id: &str, lang: i18n::Lang) -> Result<Import, ServiceError> {
    caller.require(ApiScope::OrgWrite)?;
    let job = import_service::job(db, &caller.viewer, id).await?;
    let counts = job.preview.as_ref().map(|p| ImportCounts {
        rows: p.rows,
        new_units: p.new_units,
        changed_units: p.changed_units,
        new: p.new,
        moved: p.moved,
        changed: p.changed,
        deactivated: p.deactivated,
        reactivated: p.reactivated,
        unchanged: p.unchanged,
        errors: p.errors_total,
    });
    let errors = job
        .preview
        .as_ref()
        .map(|p| {
            p.errors
                .iter()
                .take(IMPORT_ERRORS_LISTED)
                .map(|e| ImportError {
                    row: e.row,
                    column: i18n::import_column(lang, e.column).to_string(),
                    problem: i18n::import_problem(lang, &e.problem),
                    value: e.value.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Import {
        id: job.id,
        state: job.state.code().to_string(),
        done: job.done,
        total: job.total,
        counts,
        errors,
        failure: job.failure.as_ref().map(|f| i18n::import_failure(lang, f)),
        applied_at: job.applied_at,
        accounts_created: job.accounts_created,
    })
}

/// `POST /api/v1/imports/{id}/apply`: applies a checked import without errors (in the background; poll the import).
pub async fn apply_import(
    db: &Db,
    rt: &Runtime,
    caller: &Caller,
    id: &str,
    lang: i18n::Lang,
) -> Result<Import, ServiceError> {
    caller.require(ApiScope::OrgWrite)?;
    import_service::apply(db, rt, &caller.viewer, id).await?;
    import(db, caller, id, lang).await
}
