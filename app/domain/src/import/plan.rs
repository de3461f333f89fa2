//! The import plan: the file's records compared with the organisation as it stands. Every change is listed before
//! anything is written, and the same function decides what the applied import writes.

use super::sheet::{UNIT_KINDS, clean_key, normalize_header, parse_unit_kind};
use super::{Column, Problem, Record, RowError, UnitRef};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use time::Date;

/// The deepest a unit may sit (the agency is depth 1).
pub const MAX_DEPTH: u32 = 10;

/// A unit as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExistingUnit {
    pub key: String,
    pub name: String,
    pub kind: String,
    pub parent: Option<String>,
    pub depth: u32,
    pub leader: Option<String>,
}

/// An employee as stored (position by name and kind code, supervisor by NIP).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExistingEmployee {
    pub nip: String,
    pub state: EmployeeState,
}

/// The organisation as it stands.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Existing {
    pub units: Vec<ExistingUnit>,
    pub employees: Vec<ExistingEmployee>,
    /// The head of the agency (the top unit's leader), if there is one.
    pub head: Option<String>,
}

/// How an import treats people who are not in the file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// Deactivate every active employee whom the file does not list (the file is the whole agency).
    pub deactivate_missing: bool,
}

/// What an employee record holds that an import may set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeState {
    pub name: String,
    pub email: Option<String>,
    pub rank: String,
    pub position: String,
    pub kind: String,
    pub unit: String,
    pub supervisor: Option<String>,
    pub education: Option<String>,
    pub rank_since: Option<Date>,
    pub active: bool,
}

/// How an employee changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ChangeKind {
    New,
    /// Unit or supervisor changes (other fields may change too).
    Moved,
    /// Name, e-mail, rank, position, education or TMT changes.
    Changed,
    Deactivated,
    Reactivated,
}

/// One employee's change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeChange {
    /// The row of the file (0 for someone deactivated because the file does not list them).
    pub row: usize,
    pub nip: String,
    pub kind: ChangeKind,
    pub before: Option<EmployeeState>,
    pub after: EmployeeState,
}

impl EmployeeChange {
    /// The columns whose values change.
    pub fn changed_columns(&self) -> Vec<Column> {
        let Some(b) = &self.before else { return Vec::new() };
        let a = &self.after;
        let mut out = Vec::new();
        let mut check = |differs: bool, c: Column| {
            if differs {
                out.push(c);
            }
        };
        check(b.name != a.name, Column::Name);
        check(b.email != a.email, Column::Email);
        check(b.rank != a.rank, Column::Rank);
        check(b.position != a.position, Column::Position);
        check(b.kind != a.kind, Column::PositionKind);
        check(b.unit != a.unit, Column::Unit);
        check(b.supervisor != a.supervisor, Column::Supervisor);
        check(b.education != a.education, Column::Education);
        check(b.rank_since != a.rank_since, Column::RankSince);
        check(b.active != a.active, Column::Status);
        out
    }
}

/// A unit created or changed (renamed, moved under another parent, or given another kind or leader).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitChange {
    /// The first row that names the unit.
    pub row: usize,
    pub key: String,
    pub name: String,
    pub kind: String,
    pub parent: Option<String>,
    pub depth: u32,
    pub leader: Option<String>,
    /// The unit as stored (`None`: a new unit).
    pub before: Option<ExistingUnit>,
}

/// Everything an import would do, and every reason it cannot.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Data rows read (valid or not).
    pub rows: usize,
    /// New and changed units, parents before children.
    pub units: Vec<UnitChange>,
    /// New, moved, changed, deactivated and reactivated employees, in file order (those not in the file last).
    pub employees: Vec<EmployeeChange>,
    /// Rows that change nothing.
    pub unchanged: usize,
    /// Every problem; an import with any is not applied.
    pub errors: Vec<RowError>,
}

impl Plan {
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.employees.iter().filter(|e| e.kind == kind).count()
    }

    pub fn new_units(&self) -> usize {
        self.units.iter().filter(|u| u.before.is_none()).count()
    }

    pub fn changed_units(&self) -> usize {
        self.units.len() - self.new_units()
    }

    /// Whether applying would change anything.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty() && self.employees.is_empty()
    }
}

/// A unit as the plan sees it while resolving.
#[derive(Debug, Clone)]
struct Draft {
    row: usize,
    name: String,
    kind: Option<&'static str>,
    /// `None`: not given by the file (keep what is stored); `Some(None)`: the top unit.
    parent: Option<Option<String>>,
    parent_row: usize,
    before: Option<ExistingUnit>,
}

struct Units<'a> {
    existing: HashMap<&'a str, &'a ExistingUnit>,
    by_name: HashMap<String, Vec<&'a str>>,
    drafts: HashMap<String, Draft>,
    order: Vec<String>,
    new_by_name: HashMap<String, String>,
}

impl<'a> Units<'a> {
    fn new(existing: &'a [ExistingUnit]) -> Self {
        let mut by_name: HashMap<String, Vec<&str>> = HashMap::new();
        for u in existing {
            by_name.entry(normalize_header(&u.name)).or_default().push(&u.key);
        }
        Units {
            existing: existing.iter().map(|u| (u.key.as_str(), u)).collect(),
            by_name,
            drafts: HashMap::new(),
            order: Vec::new(),
            new_by_name: HashMap::new(),
        }
    }

    /// The key a reference names: its code, or the one stored unit (or unit of this file) with its name. A name
    /// nobody has makes a new unit (keyed from the name) when `create` holds.
    fn resolve(&mut self, r: &UnitRef, create: bool) -> Result<String, Problem> {
        if let Some(code) = &r.code {
            return Ok(code.clone());
        }
        let name = r.name.as_deref().unwrap_or_default();
        let norm = normalize_header(name);
        if let Some(key) = self.new_by_name.get(&norm) {
            return Ok(key.clone());
        }
        match self.by_name.get(&norm).map(Vec::as_slice) {
            Some([one]) => Ok((*one).to_string()),
            Some([_, _, ..]) => Err(Problem::AmbiguousUnit),
            _ if create => {
                let base = match clean_key(name) {
                    k if k.is_empty() => "unit".to_string(),
                    k => k,
                };
                let mut key = base.clone();
                let mut n = 2;
                while self.existing.contains_key(key.as_str()) || self.drafts.contains_key(&key) {
                    key = format!("{base}-{n}");
                    n += 1;
                }
                self.new_by_name.insert(norm, key.clone());
                Ok(key)
            }
            _ => Err(Problem::UnknownUnit),
        }
    }

    fn known(&self, key: &str) -> bool {
        self.existing.contains_key(key) || self.drafts.contains_key(key)
    }
}

/// Compares the file's records with the organisation and returns the plan. `errors` are the rows that could not be
/// read (they are kept in the plan, and those rows take no part in it).
pub fn plan(records: &[Record], read_errors: Vec<RowError>, existing: &Existing, options: Options) -> Plan {
    let mut errors = read_errors;
    let rows = records.len() + errors.iter().map(|e| e.row).collect::<HashSet<_>>().len();
    let mut fail = |row: usize, column: Column, problem: Problem, value: &str| {
        errors.push(RowError { row, column, problem, value: value.to_string() });
    };

    // Duplicate NIPs: the later rows are refused.
    let mut first_row: HashMap<&str, usize> = HashMap::new();
    let mut records: Vec<&Record> = records
        .iter()
        .filter(|r| match first_row.get(r.nip.as_str()) {
            Some(first) => {
                fail(r.row, Column::Nip, Problem::DuplicateNip { first_row: *first }, r.nip.as_str());
                false
            }
            None => {
                first_row.insert(r.nip.as_str(), r.row);
                true
            }
        })
        .collect();

    // Units: each row's unit (and its parent, where given) resolved to a key; the file's statements about a unit
    // must agree.
    let mut units = Units::new(&existing.units);
    let mut unit_of: HashMap<&str, String> = HashMap::new();
    let mut bad_rows: HashSet<usize> = HashSet::new();
    for r in &records {
        let key = match units.resolve(&r.unit, true) {
            Ok(k) => k,
            Err(p) => {
                fail(
                    r.row,
                    if r.unit.code.is_some() { Column::UnitCode } else { Column::Unit },
                    p,
                    &unit_text(&r.unit),
                );
                bad_rows.insert(r.row);
                continue;
            }
        };
        if !units.existing.contains_key(key.as_str()) && r.unit.name.is_none() && !units.drafts.contains_key(&key) {
            // A new code needs a name.
            fail(r.row, Column::Unit, Problem::Missing, "");
            bad_rows.insert(r.row);
            continue;
        }
        let stored = units.existing.get(key.as_str()).map(|u| (*u).clone());
        let draft = units.drafts.entry(key.clone()).or_insert_with(|| Draft {
            row: r.row,
            name: match (&stored, &r.unit.code) {
                (Some(u), None) => u.name.clone(),
                _ => r.unit.name.clone().or_else(|| stored.as_ref().map(|u| u.name.clone())).unwrap_or_default(),
            },
            kind: None,
            parent: None,
            parent_row: 0,
            before: stored,
        });
        if draft.row == r.row && !units.order.contains(&key) {
            units.order.push(key.clone());
        }
        let draft = units.drafts.get_mut(&key);
        let Some(draft) = draft else { continue };
        if let Some(name) = &r.unit.name
            && r.unit.code.is_some()
            && normalize_header(name) != normalize_header(&draft.name)
        {
            if draft.row == r.row {
                draft.name = name.clone();
            } else {
                fail(r.row, Column::Unit, Problem::UnitConflict, name);
                bad_rows.insert(r.row);
            }
        }
        if let Some(kind) = r.unit_kind {
            match draft.kind {
                Some(k) if k != kind => {
                    fail(r.row, Column::UnitKind, Problem::UnitConflict, kind);
                    bad_rows.insert(r.row);
                }
                _ => draft.kind = Some(kind),
            }
        }
        unit_of.insert(r.nip.as_str(), key);
    }
    // Parents, once every unit of the file is known (a parent may be named on a later row).
    for r in &records {
        let (Some(parent), Some(key)) = (&r.parent, unit_of.get(r.nip.as_str()).cloned()) else { continue };
        let parent_key = match units.resolve(parent, false) {
            Ok(k) if units.known(&k) => k,
            Ok(_) | Err(Problem::UnknownUnit) => {
                fail(r.row, parent_column(parent), Problem::UnknownUnit, &unit_text(parent));
                bad_rows.insert(r.row);
                continue;
            }
            Err(p) => {
                fail(r.row, parent_column(parent), p, &unit_text(parent));
                bad_rows.insert(r.row);
                continue;
            }
        };
        let Some(draft) = units.drafts.get_mut(&key) else { continue };
        match &draft.parent {
            Some(Some(p)) if *p != parent_key => {
                fail(r.row, parent_column(parent), Problem::UnitConflict, &unit_text(parent));
                bad_rows.insert(r.row);
            }
            _ => {
                draft.parent = Some(Some(parent_key));
                draft.parent_row = r.row;
            }
        }
    }

    // The unit tree after the import: stored parents, overridden by the file.
    let mut parent_of: HashMap<String, Option<String>> =
        existing.units.iter().map(|u| (u.key.clone(), u.parent.clone())).collect();
    let stored_root = existing.units.iter().find(|u| u.parent.is_none()).map(|u| u.key.clone());
    let mut new_root: Option<String> = None;
    for key in &units.order {
        let Some(d) = units.drafts.get(key) else { continue };
        match (&d.parent, &d.before) {
            (Some(p), _) => {
                parent_of.insert(key.clone(), p.clone());
            }
            (None, Some(_)) => {}
            (None, None) => {
                // A new unit without a parent becomes the top unit only when there is none and it is the only one.
                if stored_root.is_none() && new_root.is_none() {
                    new_root = Some(key.clone());
                    parent_of.insert(key.clone(), None);
                } else if !bad_rows.contains(&d.row) {
                    fail(d.row, Column::ParentUnit, Problem::UnitNeedsParent, &d.name);
                    bad_rows.insert(d.row);
                    parent_of.insert(key.clone(), None);
                } else {
                    parent_of.insert(key.clone(), None);
                }
            }
        }
    }
    let depth_of = |key: &str| -> Result<u32, Problem> {
        let mut depth = 1;
        let mut at = key.to_string();
        let mut seen = HashSet::new();
        while let Some(Some(p)) = parent_of.get(&at) {
            if !seen.insert(at.clone()) || p == key {
                return Err(Problem::UnitCycle);
            }
            depth += 1;
            at = p.clone();
        }
        if depth > MAX_DEPTH { Err(Problem::UnitTooDeep) } else { Ok(depth) }
    };
    let mut unit_changes: Vec<UnitChange> = Vec::new();
    for key in &units.order {
        let Some(d) = units.drafts.get(key) else { continue };
        let depth = match depth_of(key) {
            Ok(depth) => depth,
            Err(p) => {
                let row = if d.parent_row > 0 { d.parent_row } else { d.row };
                fail(row, Column::ParentUnit, p, &d.name);
                bad_rows.insert(row);
                continue;
            }
        };
        let parent = parent_of.get(key).cloned().flatten();
        let kind = d
            .kind
            .or_else(|| d.before.as_ref().and_then(|b| UNIT_KINDS.iter().copied().find(|k| *k == b.kind)))
            .or_else(|| parse_unit_kind(&d.name))
            .unwrap_or(match depth {
                1 => "badan",
                2 => "bidang",
                3 => "subbidang",
                _ => "tim",
            });
        let change = UnitChange {
            row: d.row,
            key: key.clone(),
            name: d.name.clone(),
            kind: kind.to_string(),
            parent,
            depth,
            leader: d.before.as_ref().and_then(|b| b.leader.clone()),
            before: d.before.clone(),
        };
        unit_changes.push(change);
    }

    // Employees: the state after the import.
    let stored: HashMap<&str, &EmployeeState> = existing.employees.iter().map(|e| (e.nip.as_str(), &e.state)).collect();
    records.retain(|r| !bad_rows.contains(&r.row));
    let mut after: HashMap<String, EmployeeState> = HashMap::new();
    let mut changes: Vec<EmployeeChange> = Vec::new();
    for r in &records {
        let Some(unit) = unit_of.get(r.nip.as_str()) else { continue };
        let before = stored.get(r.nip.as_str()).map(|s| (*s).clone());
        let state = EmployeeState {
            name: r.name.as_str().to_string(),
            email: match &r.email {
                Some(e) => e.as_ref().map(|e| e.as_str().to_string()),
                None => before.as_ref().and_then(|b| b.email.clone()),
            },
            rank: r.rank.code().to_string(),
            position: r.position.clone(),
            kind: r.kind.code().to_string(),
            unit: unit.clone(),
            supervisor: r.supervisor.as_ref().map(|s| s.as_str().to_string()),
            education: match &r.education {
                Some(e) => e.map(|e| e.code().to_string()),
                None => before.as_ref().and_then(|b| b.education.clone()),
            },
            rank_since: r.rank_since.or_else(|| before.as_ref().and_then(|b| b.rank_since)),
            active: r.active,
        };
        let kind = match &before {
            None => ChangeKind::New,
            Some(b) if b.active && !state.active => ChangeKind::Deactivated,
            Some(b) if !b.active && state.active => ChangeKind::Reactivated,
            Some(b) if b.unit != state.unit || b.supervisor != state.supervisor => ChangeKind::Moved,
            Some(b) => {
                if *b == state {
                    after.insert(r.nip.as_str().to_string(), state);
                    continue;
                }
                ChangeKind::Changed
            }
        };
        after.insert(r.nip.as_str().to_string(), state.clone());
        changes.push(EmployeeChange { row: r.row, nip: r.nip.as_str().to_string(), kind, before, after: state });
    }
    let listed: HashSet<&str> = records.iter().map(|r| r.nip.as_str()).collect();
    let mut missing: Vec<&ExistingEmployee> = existing
        .employees
        .iter()
        .filter(|e| !listed.contains(e.nip.as_str()) && !first_row.contains_key(e.nip.as_str()))
        .collect();
    missing.sort_by(|a, b| a.nip.cmp(&b.nip));
    for e in missing {
        let mut state = e.state.clone();
        if options.deactivate_missing && state.active && Some(&e.nip) != existing.head.as_ref() {
            state.active = false;
            changes.push(EmployeeChange {
                row: 0,
                nip: e.nip.clone(),
                kind: ChangeKind::Deactivated,
                before: Some(e.state.clone()),
                after: state.clone(),
            });
        }
        after.insert(e.nip.clone(), state);
    }

    // Reporting lines after the import: everyone active reaches the head, nobody reports to an inactive person,
    // nothing loops.
    let head = existing.head.clone().or_else(|| {
        let tops: Vec<&EmployeeChange> =
            changes.iter().filter(|c| c.kind == ChangeKind::New && c.after.supervisor.is_none()).collect();
        match tops.as_slice() {
            [one] => Some(one.nip.clone()),
            _ => None,
        }
    });
    let row_of: HashMap<&str, usize> = records.iter().map(|r| (r.nip.as_str(), r.row)).collect();
    for r in &records {
        let nip = r.nip.as_str();
        let Some(state) = after.get(nip) else { continue };
        let stored_sup = stored.get(nip).and_then(|s| s.supervisor.clone());
        if head.as_deref() == Some(nip) {
            if state.supervisor.is_some() && stored.contains_key(nip) {
                fail(
                    r.row,
                    Column::Supervisor,
                    Problem::HeadCannotMove,
                    state.supervisor.as_deref().unwrap_or_default(),
                );
            }
            if !state.active {
                fail(r.row, Column::Status, Problem::HeadCannotMove, "");
            }
            continue;
        }
        if !state.active {
            continue;
        }
        let Some(sup) = &state.supervisor else {
            fail(r.row, Column::Supervisor, Problem::SupervisorRequired, "");
            continue;
        };
        if sup == nip {
            fail(r.row, Column::Supervisor, Problem::SelfSupervisor, sup);
            continue;
        }
        match after.get(sup.as_str()) {
            None => {
                fail(r.row, Column::Supervisor, Problem::UnknownSupervisor, sup);
                continue;
            }
            Some(s) if !s.active => {
                fail(r.row, Column::Supervisor, Problem::InactiveSupervisor, sup);
                continue;
            }
            Some(_) => {}
        }
        if stored_sup.as_deref() == Some(sup.as_str()) && !changes_line_above(nip, &after, &stored) {
            continue;
        }
        // Walk up: the line must reach the head without coming back here.
        let mut at = sup.clone();
        let mut seen: HashSet<String> = HashSet::new();
        loop {
            if Some(at.as_str()) == head.as_deref() {
                break;
            }
            if at == nip || !seen.insert(at.clone()) {
                fail(r.row, Column::Supervisor, Problem::Cycle, sup);
                break;
            }
            match after.get(at.as_str()).and_then(|s| s.supervisor.clone()) {
                Some(next) => at = next,
                None => {
                    // A dead end (someone without a supervisor who is not the head) is reported on that person's row.
                    if !row_of.contains_key(at.as_str()) {
                        fail(r.row, Column::Supervisor, Problem::UnknownSupervisor, sup);
                    }
                    break;
                }
            }
        }
    }
    // Nobody is deactivated while active people still report to them.
    let mut reports: HashMap<&str, Vec<&str>> = HashMap::new();
    for (nip, s) in &after {
        if let (true, Some(sup)) = (s.active, &s.supervisor) {
            reports.entry(sup.as_str()).or_default().push(nip.as_str());
        }
    }
    for c in &changes {
        if c.kind == ChangeKind::Deactivated
            && let Some(rs) = reports.get(c.nip.as_str())
        {
            let mut rs = rs.clone();
            rs.sort_unstable();
            fail(c.row, Column::Status, Problem::HasReports, &format!("{} ({})", c.nip, rs.join(", ")));
        }
    }

    // Leaders: a unit without one (new, or its leader leaves it) is led by the one active member whose supervisor
    // is outside the unit; the top unit by the head.
    let mut members: HashMap<&str, Vec<&str>> = HashMap::new();
    for (nip, s) in &after {
        if s.active {
            members.entry(s.unit.as_str()).or_default().push(nip.as_str());
        }
    }
    let leader_for = |unit: &str, parent: Option<&String>| -> Option<String> {
        if parent.is_none() {
            return head.clone();
        }
        let mut found: Vec<&str> = members
            .get(unit)?
            .iter()
            .copied()
            .filter(|n| {
                after
                    .get(*n)
                    .and_then(|s| s.supervisor.as_ref())
                    .and_then(|sup| after.get(sup.as_str()))
                    .map(|s| s.unit.as_str())
                    != Some(unit)
            })
            .collect();
        found.sort_unstable();
        match found.as_slice() {
            [one] => Some((*one).to_string()),
            _ => None,
        }
    };
    let mut unit_keys: HashSet<String> = unit_changes.iter().map(|u| u.key.clone()).collect();
    for u in &mut unit_changes {
        let keeps = u.leader.as_ref().and_then(|l| after.get(l)).is_some_and(|s| s.active && s.unit == u.key);
        if !keeps {
            u.leader = leader_for(&u.key, u.parent.as_ref());
        }
    }
    // Stored units the file does not name whose leader leaves them.
    for u in &existing.units {
        if unit_keys.contains(&u.key) {
            continue;
        }
        let Some(l) = &u.leader else { continue };
        if after.get(l).is_some_and(|s| s.active && s.unit == u.key) {
            continue;
        }
        unit_keys.insert(u.key.clone());
        unit_changes.push(UnitChange {
            row: row_of.get(l.as_str()).copied().unwrap_or(0),
            key: u.key.clone(),
            name: u.name.clone(),
            kind: u.kind.clone(),
            parent: u.parent.clone(),
            depth: depth_of(&u.key).unwrap_or(1),
            leader: leader_for(&u.key, u.parent.as_ref()),
            before: Some(u.clone()),
        });
    }
    // A stored unit that the file names but does not change is not a change.
    unit_changes.retain(|u| match &u.before {
        None => true,
        Some(b) => b.name != u.name || b.kind != u.kind || b.parent != u.parent || b.leader != u.leader,
    });
    unit_changes.sort_by(|a, b| (a.depth, a.row, &a.key).cmp(&(b.depth, b.row, &b.key)));

    let unchanged = records.len() - changes.iter().filter(|c| c.row > 0).count();
    errors.sort_by_key(|a| (a.row, a.column as u8));
    Plan { rows, units: unit_changes, employees: changes, unchanged, errors }
}

/// Whether someone above `nip` changes their reporting line (then an unchanged line must be checked again).
fn changes_line_above(
    nip: &str,
    after: &HashMap<String, EmployeeState>,
    stored: &HashMap<&str, &EmployeeState>,
) -> bool {
    let mut at = nip.to_string();
    let mut seen = HashSet::new();
    while let Some(state) = after.get(&at) {
        if stored.get(at.as_str()).map(|s| &s.supervisor) != Some(&state.supervisor) {
            return true;
        }
        let Some(next) = &state.supervisor else { return false };
        if !seen.insert(at.clone()) {
            return true;
        }
        at = next.clone();
    }
    false
}

fn unit_text(r: &UnitRef) -> String {
    r.code.clone().or_else(|| r.name.clone()).unwrap_or_default()
}

fn parent_column(r: &UnitRef) -> Column {
    if r.code.is_some() { Column::ParentUnitCode } else { Column::ParentUnit }
}
