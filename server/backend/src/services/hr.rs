//! HR edits: create and edit employees, move them to another unit or supervisor. Every change runs in one
//! transaction together with its audit entry; invalid input changes nothing.

use crate::db::{Db, statement_error};
use crate::error::{ServiceError, invalid};
use crate::hierarchy;
use crate::repo::{audit, org};
use crate::services::auth::{Viewer, hash_password, new_token};
use anyhow::Context;
use domain::view::EmployeeForm;
use domain::{Education, EmailAddress, EmployeeName, Nip, PositionKind, Rank, would_create_cycle};
use i18n::T;
use serde_json::json;

/// A parsed, valid employee record (without its reporting line).
#[derive(Debug, Clone)]
struct ValidEmployee {
    name: EmployeeName,
    email: Option<EmailAddress>,
    rank: Rank,
    position_name: String,
    position_kind: PositionKind,
    education: Option<Education>,
}

fn parse_common(form: &EmployeeForm) -> Result<ValidEmployee, ServiceError> {
    let name = EmployeeName::parse(&form.name).map_err(|error| ServiceError::Name { field: "name", error })?;
    let email = match form.email.trim() {
        "" => None,
        e => Some(EmailAddress::parse(e).map_err(|error| ServiceError::Name { field: "email", error })?),
    };
    let rank = Rank::parse(&form.rank).ok_or(invalid("rank", T::ErrRankRequired))?;
    let position_name = form.position_name.split_whitespace().collect::<Vec<_>>().join(" ");
    let position_kind =
        PositionKind::from_code(&form.position_kind).ok_or(invalid("position_name", T::ErrPositionRequired))?;
    if position_name.is_empty() || position_name.chars().count() > 150 {
        return Err(invalid("position_name", T::ErrPositionRequired));
    }
    let education = match form.education.trim() {
        "" => None,
        e => Some(Education::parse(e).ok_or(invalid("education", T::ErrEducation))?),
    };
    Ok(ValidEmployee { name, email, rank, position_name, position_kind, education })
}

/// Checks that `supervisor` may become the supervisor of `nip`: exists, is active, is not `nip` or below it, and
/// reaches the head. Returns the supervisor's unit.
async fn check_supervisor(db: &Db, nip: &str, supervisor: &str) -> Result<String, ServiceError> {
    let sup = Nip::parse(supervisor).map_err(|_| invalid("supervisor_nip", T::ErrSupervisorNotFound))?;
    if sup.as_str() == nip {
        return Err(invalid("supervisor_nip", T::ErrSelfSupervisor));
    }
    let rec = org::employee(db, sup.as_str()).await?.ok_or(invalid("supervisor_nip", T::ErrSupervisorNotFound))?;
    if !rec.active {
        return Err(invalid("supervisor_nip", T::ErrInactiveSupervisor));
    }
    let chain = org::supervisor_chain(db, sup.as_str()).await?;
    let head = org::head_nip(db).await?;
    if head.as_deref() == Some(nip) {
        return Err(ServiceError::Conflict(T::ErrHeadCannotMove));
    }
    if would_create_cycle(nip, sup.as_str(), &chain) {
        return Err(ServiceError::Conflict(T::ErrCycle));
    }
    let top = chain.last().map(String::as_str).unwrap_or(sup.as_str());
    if head.as_deref() != Some(top) {
        return Err(ServiceError::Conflict(T::ErrNoPathToHead));
    }
    Ok(rec.unit_key)
}

/// SurrealQL that finds or creates the position `$pname`/`$pkind` in `$unit` and leaves it in `$pos`.
const POSITION_SQL: &str = "LET $found = (SELECT VALUE id FROM position WHERE unit = $unit AND name = $pname AND kind = $pkind LIMIT 1)[0];
    LET $pos = IF $found { $found } ELSE { (CREATE position SET name = $pname, kind = $pkind, unit = $unit RETURN VALUE id)[0] };";

/// The result of creating an employee: the NIP and the one-time set-up link to hand over (HR never learns a
/// password; the employee chooses one through the link).
#[derive(Debug, Clone)]
pub struct Created {
    pub nip: String,
    pub setup_link: String,
}

/// Creates an employee with a reporting line and an account (NIP sign-in) that has no usable password until the
/// employee sets one through the returned one-time link.
#[tracing::instrument(skip(db, rt, form), fields(nip = %form.nip))]
pub async fn create_employee(
    db: &Db,
    rt: &crate::state::Runtime,
    actor: &Viewer,
    form: &EmployeeForm,
) -> Result<Created, ServiceError> {
    if !actor.roles.may_edit_employees() {
        return Err(ServiceError::Forbidden);
    }
    let nip = Nip::parse(&form.nip).map_err(|error| ServiceError::Nip { field: "nip", error })?;
    let valid = parse_common(form)?;
    if form.supervisor_nip.trim().is_empty() {
        return Err(invalid("supervisor_nip", T::ErrSupervisorRequired));
    }
    if org::employee(db, nip.as_str()).await?.is_some() {
        return Err(invalid("nip", T::ErrNipTaken));
    }
    let sup_unit = check_supervisor(db, nip.as_str(), &form.supervisor_nip).await?;
    let unit = if form.unit_key.trim().is_empty() { sup_unit } else { form.unit_key.trim().to_string() };
    if org::unit_name(db, &unit).await?.is_none() {
        return Err(invalid("unit_key", T::ErrUnitRequired));
    }
    let supervisor =
        Nip::parse(&form.supervisor_nip).map_err(|_| invalid("supervisor_nip", T::ErrSupervisorNotFound))?;
    // A hash of a random secret that nobody keeps: the account cannot be signed in to until the link is used.
    let hash = {
        let unusable = new_token();
        tokio::task::spawn_blocking(move || hash_password(&unusable)).await.context("hashing")??
    };
    let (token, link) = crate::services::password::new_link(rt);
    let after = json!({
        "name": valid.name.as_str(), "email": valid.email.as_ref().map(EmailAddress::as_str), "rank": valid.rank.code(),
        "position": valid.position_name, "position_kind": valid.position_kind.code(), "unit": unit,
        "supervisor": supervisor.as_str(), "education": valid.education.map(Education::code),
    });
    let sql = format!(
        "BEGIN TRANSACTION;
        LET $unit = type::record('unit', $unit_key);
        {POSITION_SQL}
        LET $e = type::record('employee', $nip);
        CREATE $e CONTENT {{ nip: $nip, name: $name, email: $email, rank: $rank, gender: $gender,
            birth_date: <datetime> $birth, service_start: <datetime> $start, unit: $unit, position: $pos, active: true,
            education: $education ?? NONE }};
        LET $s = type::record('employee', $sup);
        RELATE $e->reports_to->$s SET since = time::now();
        {bump}
        CREATE type::record('account', $nip) CONTENT {{ employee: $e, password_hash: $hash, roles: [], active: true }};
        LET $account = $nip;
        {link_sql}
        {}
        COMMIT TRANSACTION;",
        audit::APPEND_SQL,
        link_sql = crate::repo::accounts::LINK_SQL,
        bump = hierarchy::BUMP_SQL
    );
    let vars = json!({
        "unit_key": unit, "pname": valid.position_name, "pkind": valid.position_kind.code(), "nip": nip.as_str(),
        "name": valid.name.as_str(), "email": valid.email.as_ref().map(EmailAddress::as_str), "rank": valid.rank.code(),
        "education": valid.education.map(Education::code), "gender": nip.gender().code(), "birth": format!("{}T00:00:00Z", nip.birth_date()),
        "start": format!("{}T00:00:00Z", nip.service_start()), "sup": supervisor.as_str(), "hash": hash,
        "actor": actor.nip, "action": "employee.create", "subject": format!("employee:{}", nip.as_str()),
        "after": after, "link": link, "purpose": "setup",
        "hours": crate::services::password::SETUP_LINK_HOURS,
    });
    match db.run(&sql, vars).await {
        Ok(_) => {
            Ok(Created { nip: nip.as_str().to_string(), setup_link: crate::services::password::link_path(&token) })
        }
        Err(e) if statement_error(&e).is_some_and(|s| s.is_duplicate()) => Err(invalid("nip", T::ErrNipTaken)),
        Err(e) => Err(ServiceError::Unexpected(e)),
    }
}

/// The edit form's current values for an employee.
pub async fn edit_form(db: &Db, actor: &Viewer, nip: &Nip) -> Result<EmployeeForm, ServiceError> {
    let nip = nip.as_str();
    if !actor.roles.may_edit_employees() {
        return Err(ServiceError::Forbidden);
    }
    let rec = org::employee(db, nip).await?.ok_or(ServiceError::NotFound)?;
    Ok(EmployeeForm {
        nip: rec.nip,
        name: rec.name,
        email: rec.email.unwrap_or_default(),
        rank: rec.rank,
        position_name: rec.position.unwrap_or_default(),
        position_kind: rec.position_kind.unwrap_or_default(),
        unit_key: rec.unit_key,
        supervisor_nip: rec.supervisor.unwrap_or_default(),
        active: rec.active,
        education: rec.education.unwrap_or_default(),
    })
}

/// Edits name, e-mail, rank, position and the active flag. The NIP (identity) and the reporting line are not
/// changed here: moves go through [`move_employee`].
#[tracing::instrument(skip(db, form), fields(nip = %form.nip))]
pub async fn update_employee(db: &Db, actor: &Viewer, form: &EmployeeForm) -> Result<(), ServiceError> {
    if !actor.roles.may_edit_employees() {
        return Err(ServiceError::Forbidden);
    }
    let valid = parse_common(form)?;
    let rec = org::employee(db, &form.nip).await?.ok_or(ServiceError::NotFound)?;
    if rec.active && !form.active && org::has_reports(db, &rec.nip).await? {
        return Err(ServiceError::Conflict(T::ErrHasReports));
    }
    let before = json!({
        "name": rec.name, "email": rec.email, "rank": rec.rank, "position": rec.position,
        "position_kind": rec.position_kind, "active": rec.active, "education": rec.education,
    });
    let after = json!({
        "name": valid.name.as_str(), "email": valid.email.as_ref().map(EmailAddress::as_str), "rank": valid.rank.code(),
        "position": valid.position_name, "position_kind": valid.position_kind.code(), "active": form.active,
        "education": valid.education.map(Education::code),
    });
    if before == after {
        return Ok(());
    }
    let sql = format!(
        "BEGIN TRANSACTION;
        LET $e = type::record('employee', $nip);
        LET $unit = $e.unit;
        {POSITION_SQL}
        UPDATE $e SET name = $name, email = $email, rank = $rank, position = $pos, active = $active,
            education = $education ?? NONE;
        {}
        COMMIT TRANSACTION;",
        audit::APPEND_SQL
    );
    let vars = json!({
        "nip": rec.nip, "pname": valid.position_name, "pkind": valid.position_kind.code(), "name": valid.name.as_str(),
        "email": valid.email.as_ref().map(EmailAddress::as_str), "rank": valid.rank.code(), "active": form.active,
        "education": valid.education.map(Education::code), "actor": actor.nip, "action": "employee.update", "subject": format!("employee:{}", rec.nip),
        "before": before, "after": after,
    });
    db.run(&sql, vars).await?;
    Ok(())
}

/// Moves an employee to another supervisor and/or unit. Refuses cycles and supervisors with no path to the head.
/// When only the supervisor changes, the unit follows the new supervisor's unit unless `unit` is given.
#[tracing::instrument(skip(db))]
pub async fn move_employee(
    db: &Db,
    actor: &Viewer,
    nip: &str,
    new_supervisor: Option<&str>,
    new_unit: Option<&str>,
    reason: Option<&str>,
) -> Result<(), ServiceError> {
    if !actor.roles.may_edit_employees() {
        return Err(ServiceError::Forbidden);
    }
    if reason.is_some_and(|r| !domain::text::within(r.trim(), domain::text::MAX_NOTE)) {
        return Err(invalid("reason", T::ReasonTooLong));
    }
    let rec = org::employee(db, nip).await?.ok_or(ServiceError::NotFound)?;
    let new_supervisor = new_supervisor.map(str::trim).filter(|s| !s.is_empty());
    let new_unit = new_unit.map(str::trim).filter(|s| !s.is_empty());
    let (sup, sup_unit) = match new_supervisor {
        Some(s) => {
            let unit = check_supervisor(db, nip, s).await?;
            (
                Some(
                    Nip::parse(s)
                        .map_err(|_| invalid("supervisor_nip", T::ErrSupervisorNotFound))?
                        .as_str()
                        .to_string(),
                ),
                Some(unit),
            )
        }
        None => (None, None),
    };
    let unit = match new_unit {
        Some(u) => {
            if org::unit_name(db, u).await?.is_none() {
                return Err(invalid("unit_key", T::ErrUnitRequired));
            }
            u.to_string()
        }
        None => sup_unit.unwrap_or_else(|| rec.unit_key.clone()),
    };
    let sup_changed = sup.is_some() && sup != rec.supervisor;
    if !sup_changed && unit == rec.unit_key {
        return Err(invalid("supervisor_nip", T::ErrNothingToChange));
    }
    let before = json!({ "unit": rec.unit_key, "supervisor": rec.supervisor });
    let after = json!({ "unit": unit, "supervisor": if sup_changed { sup.clone() } else { rec.supervisor.clone() } });
    let sql = format!(
        "BEGIN TRANSACTION;
        LET $e = type::record('employee', $nip);
        LET $u = type::record('unit', $unit);
        IF $sup {{
            LET $s = type::record('employee', $sup);
            IF $s.{{..+collect}}(->reports_to->employee) CONTAINS $e {{ THROW 'kinerja:cycle'; }};
            LET $old = (SELECT * FROM $e->reports_to)[0];
            IF $old {{
                CREATE reports_to_history SET employee = $e, supervisor = $old.out, since = $old.since, until = time::now();
                DELETE $old.id;
            }};
            RELATE $e->reports_to->$s SET since = time::now();
            {bump}
        }};
        IF $e.unit != $u {{
            UPDATE unit SET leader = NONE WHERE leader = $e;
            UPDATE $e SET unit = $u;
        }};
        {}
        COMMIT TRANSACTION;",
        audit::APPEND_SQL,
        bump = hierarchy::BUMP_SQL
    );
    let vars = json!({
        "nip": nip, "unit": unit, "sup": if sup_changed { sup } else { None },
        "actor": actor.nip, "action": "employee.move", "subject": format!("employee:{nip}"),
        "before": before, "after": after, "reason": reason.map(str::trim).filter(|r| !r.is_empty()),
    });
    match db.run(&sql, vars).await {
        Ok(_) => Ok(()),
        Err(e) if statement_error(&e).is_some_and(|s| s.is_thrown("kinerja:cycle")) => {
            Err(ServiceError::Conflict(T::ErrCycle))
        }
        Err(e) => Err(ServiceError::Unexpected(e)),
    }
}

/// HR grants roles to an employee's account (`roles` replaces what was granted: HR, head of agency, trainer; the
/// supervisor role follows from the reporting graph). Nobody removes their own HR role — another HR officer must —
/// so an agency cannot lock itself out by accident. Every change is audited on the employee and takes effect on
/// the person's next request.
#[tracing::instrument(skip(db, rt, actor), fields(actor = %actor.nip))]
pub async fn set_roles(
    db: &Db,
    rt: &crate::state::Runtime,
    actor: &Viewer,
    nip: &Nip,
    roles: &[domain::Role],
) -> Result<(), ServiceError> {
    if !actor.roles.may_edit_employees() {
        return Err(ServiceError::Forbidden);
    }
    if roles.iter().any(|r| !domain::Role::GRANTABLE.contains(r)) {
        return Err(invalid("roles", T::RolesInvalid));
    }
    if actor.nip == nip.as_str() && !roles.contains(&domain::Role::HrAdmin) {
        return Err(ServiceError::Conflict(T::RolesOwnHr));
    }
    let mut codes: Vec<&str> = roles.iter().map(|r| r.code()).collect();
    codes.sort_unstable();
    codes.dedup();
    if !crate::repo::accounts::set_roles(db, &actor.nip, nip.as_str(), &codes).await? {
        return Err(ServiceError::NotFound);
    }
    rt.forget_sessions(None);
    Ok(())
}
