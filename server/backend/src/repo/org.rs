//! Units, positions, employees and the `reports_to` graph.

use crate::db::Db;
use anyhow::Context;
use domain::view::{EmployeeSummary, SupervisorSpan, UnitNode};
use serde::Deserialize;
use serde_json::json;
use std::collections::HashMap;

/// Fields selected for an [`EmployeeSummary`].
const SUMMARY_FIELDS: &str = "record::id(id) AS nip, name, position.name AS position, position.kind AS position_kind, \
     record::id(unit) AS unit_key, unit.name AS unit_name";

#[derive(Deserialize)]
struct SummaryRow {
    nip: String,
    name: String,
    position: Option<String>,
    position_kind: Option<String>,
    unit_key: String,
    unit_name: Option<String>,
}

impl From<SummaryRow> for EmployeeSummary {
    fn from(r: SummaryRow) -> Self {
        EmployeeSummary {
            nip: r.nip,
            name: r.name,
            position: r.position.unwrap_or_default(),
            position_kind: r.position_kind.unwrap_or_default(),
            unit_key: r.unit_key,
            unit_name: r.unit_name.unwrap_or_default(),
        }
    }
}

/// The full record of one employee.
#[derive(Debug, Clone, Deserialize)]
pub struct EmployeeRecord {
    pub nip: String,
    pub name: String,
    pub email: Option<String>,
    pub rank: String,
    pub gender: String,
    pub birth_date: String,
    pub service_start: String,
    pub unit_key: String,
    pub unit_name: Option<String>,
    pub position_key: String,
    pub position: Option<String>,
    pub position_kind: Option<String>,
    pub active: bool,
    pub supervisor: Option<String>,
    /// The code of the highest education, when recorded.
    #[serde(default)]
    pub education: Option<String>,
}

impl EmployeeRecord {
    pub fn summary(&self) -> EmployeeSummary {
        EmployeeSummary {
            nip: self.nip.clone(),
            name: self.name.clone(),
            position: self.position.clone().unwrap_or_default(),
            position_kind: self.position_kind.clone().unwrap_or_default(),
            unit_key: self.unit_key.clone(),
            unit_name: self.unit_name.clone().unwrap_or_default(),
        }
    }
}

/// One employee by NIP.
pub async fn employee(db: &Db, nip: &str) -> anyhow::Result<Option<EmployeeRecord>> {
    let sql = "SELECT record::id(id) AS nip, name, email, rank, gender, <string> birth_date AS birth_date, \
               <string> service_start AS service_start, record::id(unit) AS unit_key, unit.name AS unit_name, \
               record::id(position) AS position_key, position.name AS position, position.kind AS position_kind, active, \
               (->reports_to->employee).map(|$s| record::id($s))[0] AS supervisor, education \
               FROM ONLY type::record('employee', $nip);";
    db.run(sql, json!({ "nip": nip })).await?.value(0).context("reading an employee")
}

/// Directory entries for the given NIPs, in the given order.
pub async fn summaries(db: &Db, nips: &[String]) -> anyhow::Result<Vec<EmployeeSummary>> {
    if nips.is_empty() {
        return Ok(vec![]);
    }
    let sql = format!("SELECT {SUMMARY_FIELDS} FROM $ids.map(|$n| type::record('employee', $n));");
    let rows: Vec<SummaryRow> = db.rows(&sql, json!({ "ids": nips })).await.context("reading employees")?;
    let mut out: Vec<EmployeeSummary> = rows.into_iter().map(Into::into).collect();
    let order: std::collections::HashMap<&str, usize> = nips.iter().enumerate().map(|(i, n)| (n.as_str(), i)).collect();
    out.sort_by_key(|e| order.get(e.nip.as_str()).copied().unwrap_or(usize::MAX));
    Ok(out)
}

/// The highest education recorded for each of `nips` who has one.
pub async fn educations(db: &Db, nips: &[String]) -> anyhow::Result<HashMap<String, domain::Education>> {
    if nips.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(String, String)> = db
        .rows(
            "SELECT VALUE [record::id(id), education] FROM $ids.map(|$n| type::record('employee', $n))
             WHERE education != NONE;",
            json!({ "ids": nips }),
        )
        .await
        .context("reading educations")?;
    Ok(rows.into_iter().filter_map(|(n, e)| domain::Education::parse(&e).map(|e| (n, e))).collect())
}

/// The supervisor chain of an employee, nearest first, up to the head.
pub async fn supervisor_chain(db: &Db, nip: &str) -> anyhow::Result<Vec<String>> {
    Ok(db.hierarchy().await?.chain(nip))
}

/// Everyone who reports, directly or not, to the employee (not including them).
pub async fn subtree(db: &Db, nip: &str) -> anyhow::Result<Vec<String>> {
    Ok(db.hierarchy().await?.descendants(nip))
}

/// How many people report, directly or not, to the employee.
pub async fn subtree_size(db: &Db, nip: &str) -> anyhow::Result<u64> {
    Ok(db.hierarchy().await?.descendants(nip).len() as u64)
}

/// The same as [`subtree`], answered by a recursive graph query in the database (used to cross-check the snapshot
/// and in the benchmark).
pub async fn subtree_by_graph(db: &Db, nip: &str) -> anyhow::Result<Vec<String>> {
    let sql = "RETURN type::record('employee', $nip).{..+collect}(<-reports_to<-employee).map(|$e| record::id($e));";
    db.run(sql, json!({ "nip": nip })).await?.value::<Option<Vec<String>>>(0).map(Option::unwrap_or_default)
}

/// The same as [`supervisor_chain`], answered by a recursive graph query in the database.
pub async fn chain_by_graph(db: &Db, nip: &str) -> anyhow::Result<Vec<String>> {
    let sql = "RETURN type::record('employee', $nip).{..+collect}(->reports_to->employee).map(|$e| record::id($e));";
    db.run(sql, json!({ "nip": nip })).await?.value::<Option<Vec<String>>>(0).map(Option::unwrap_or_default)
}

/// Direct reports of an employee, by name.
pub async fn direct_reports(db: &Db, nip: &str) -> anyhow::Result<Vec<EmployeeSummary>> {
    let sql = format!(
        "LET $e = type::record('employee', $nip); SELECT {SUMMARY_FIELDS} FROM $e<-reports_to<-employee ORDER BY name;"
    );
    let rows: Vec<SummaryRow> = db.rows(&sql, json!({ "nip": nip })).await.context("reading direct reports")?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Whether the employee has at least one direct report.
pub async fn has_reports(db: &Db, nip: &str) -> anyhow::Result<bool> {
    Ok(db.hierarchy().await?.has_reports(nip))
}

/// Ended reporting lines of an employee plus the current one, newest first.
pub async fn supervisor_history(db: &Db, nip: &str) -> anyhow::Result<Vec<SupervisorSpan>> {
    #[derive(Deserialize)]
    struct Row {
        supervisor_nip: String,
        supervisor_name: Option<String>,
        since: String,
        until: Option<String>,
    }
    let sql = "LET $e = type::record('employee', $nip);
        SELECT record::id(out) AS supervisor_nip, out.name AS supervisor_name, <string> since AS since, NONE AS until
            FROM $e->reports_to;
        SELECT record::id(supervisor) AS supervisor_nip, supervisor.name AS supervisor_name, <string> since AS since,
            <string> until AS until FROM reports_to_history WHERE employee = $e ORDER BY until DESC;";
    let mut res = db.run(sql, json!({ "nip": nip })).await?;
    let mut rows: Vec<Row> = res.rows(1)?;
    rows.extend(res.rows::<Row>(2)?);
    Ok(rows
        .into_iter()
        .map(|r| SupervisorSpan {
            supervisor_nip: r.supervisor_nip,
            supervisor_name: r.supervisor_name.unwrap_or_default(),
            since: r.since,
            until: r.until,
        })
        .collect())
}

/// Members of a unit, leader first then by name.
pub async fn unit_members(db: &Db, unit: &str) -> anyhow::Result<Vec<EmployeeSummary>> {
    let sql = format!(
        "SELECT {SUMMARY_FIELDS}, position.kind IN ['jpt_utama','jpt_madya','jpt_pratama','administrator','pengawas'] AS lead \
         FROM employee WHERE unit = type::record('unit', $unit) AND active ORDER BY lead DESC, name;"
    );
    let rows: Vec<SummaryRow> = db.rows(&sql, json!({ "unit": unit })).await.context("reading unit members")?;
    Ok(rows.into_iter().map(Into::into).collect())
}

#[derive(Deserialize)]
struct UnitRow {
    key: String,
    name: String,
    kind: String,
    parent: Option<String>,
    depth: u32,
    ord: i64,
    leader_nip: Option<String>,
    leader_name: Option<String>,
}

#[derive(Deserialize)]
struct CountRow {
    unit: String,
    n: u64,
}

/// Every unit with direct and total head counts, in depth-first order (siblings by their order).
pub async fn unit_tree(db: &Db) -> anyhow::Result<Vec<UnitNode>> {
    let sql = format!(
        "{UNITS_SQL}
         SELECT record::id(unit) AS unit, count() AS n FROM employee WHERE active GROUP BY unit;"
    );
    let mut res = db.run(&sql, json!({})).await.context("reading the unit tree")?;
    let units: Vec<UnitRow> = res.rows(0)?;
    let counts: Vec<CountRow> = res.rows(1)?;
    Ok(build_tree(units, counts))
}

/// Every unit in the order of [`unit_tree`], without head counts (which cost a pass over every employee) or leaders
/// (a read of each leader's record). Read it through `services::org::outline`, which keeps it.
pub async fn unit_outline(db: &Db) -> anyhow::Result<Vec<UnitNode>> {
    let sql = "SELECT record::id(id) AS key, name, kind,
        (IF parent != NONE { record::id(parent) } ELSE { NONE }) AS parent, depth, ord FROM unit;";
    let units: Vec<UnitRow> = db.rows(sql, json!({})).await.context("reading the units")?;
    Ok(build_tree(units, Vec::new()))
}

const UNITS_SQL: &str = "SELECT record::id(id) AS key, name, kind,
    (IF parent != NONE { record::id(parent) } ELSE { NONE }) AS parent, depth, ord,
    (IF leader != NONE { record::id(leader) } ELSE { NONE }) AS leader_nip, leader.name AS leader_name
    FROM unit;";

fn build_tree(units: Vec<UnitRow>, counts: Vec<CountRow>) -> Vec<UnitNode> {
    use std::collections::HashMap;
    let direct: HashMap<String, u64> = counts.into_iter().map(|c| (c.unit, c.n)).collect();
    let mut children: HashMap<Option<String>, Vec<&UnitRow>> = HashMap::new();
    for u in &units {
        children.entry(u.parent.clone()).or_default().push(u);
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| a.ord.cmp(&b.ord).then_with(|| a.name.cmp(&b.name)));
    }
    // Depth-first order, computing totals bottom-up.
    let mut out = Vec::with_capacity(units.len());
    fn visit(
        u: &UnitRow,
        children: &HashMap<Option<String>, Vec<&UnitRow>>,
        direct: &HashMap<String, u64>,
        out: &mut Vec<UnitNode>,
    ) -> u64 {
        let idx = out.len();
        let own = direct.get(&u.key).copied().unwrap_or(0);
        out.push(UnitNode {
            key: u.key.clone(),
            name: u.name.clone(),
            kind: u.kind.clone(),
            parent: u.parent.clone(),
            depth: u.depth,
            leader_nip: u.leader_nip.clone(),
            leader_name: u.leader_name.clone(),
            direct_count: own,
            total_count: 0,
        });
        let mut total = own;
        for c in children.get(&Some(u.key.clone())).map(Vec::as_slice).unwrap_or_default() {
            total += visit(c, children, direct, out);
        }
        out[idx].total_count = total;
        total
    }
    for root in children.get(&None).map(Vec::as_slice).unwrap_or_default() {
        visit(root, &children, &direct, &mut out);
    }
    out
}

/// Counts of active employees and units.
pub async fn counts(db: &Db) -> anyhow::Result<(u64, u64)> {
    let sql = "RETURN count(SELECT id FROM employee WHERE active); RETURN count(SELECT id FROM unit);";
    let mut res = db.run(sql, json!({})).await?;
    Ok((res.value(0)?, res.value(1)?))
}

/// The agency's name.
pub async fn agency_name(db: &Db) -> anyhow::Result<String> {
    let names: Vec<String> = db.rows("SELECT VALUE name FROM agency LIMIT 1;", json!({})).await?;
    Ok(names.into_iter().next().unwrap_or_default())
}

/// Employees matching a name fragment or NIP prefix.
pub async fn search(db: &Db, query: &str, limit: usize) -> anyhow::Result<Vec<EmployeeSummary>> {
    let sql = format!(
        "SELECT {SUMMARY_FIELDS} FROM employee WHERE active AND (string::contains(name_lower, $q) OR \
         string::starts_with(nip, $q)) ORDER BY name LIMIT $limit;"
    );
    let rows: Vec<SummaryRow> =
        db.rows(&sql, json!({ "q": query.trim().to_lowercase(), "limit": limit })).await.context("searching")?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// The NIP of the head of agency: the active employee with no supervisor who leads the root unit.
pub async fn head_nip(db: &Db) -> anyhow::Result<Option<String>> {
    let sql = "SELECT VALUE record::id(leader) FROM unit WHERE parent = NONE AND leader != NONE LIMIT 1;";
    Ok(db.rows::<String>(sql, json!({})).await?.into_iter().next())
}

/// A unit's name, if the unit exists.
pub async fn unit_name(db: &Db, unit: &str) -> anyhow::Result<Option<String>> {
    let sql = "SELECT VALUE name FROM ONLY type::record('unit', $unit);";
    db.run(sql, json!({ "unit": unit })).await?.value(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(key: &str, parent: Option<&str>, ord: i64) -> UnitRow {
        UnitRow {
            key: key.into(),
            name: key.into(),
            kind: "bidang".into(),
            parent: parent.map(Into::into),
            depth: 1,
            ord,
            leader_nip: None,
            leader_name: None,
        }
    }

    #[test]
    fn totals_include_every_sub_unit_and_order_is_depth_first() {
        let units = vec![
            unit("b", Some("root"), 2),
            unit("root", None, 0),
            unit("a", Some("root"), 1),
            unit("a1", Some("a"), 0),
        ];
        let counts = vec![
            CountRow { unit: "root".into(), n: 1 },
            CountRow { unit: "a".into(), n: 2 },
            CountRow { unit: "a1".into(), n: 5 },
            CountRow { unit: "b".into(), n: 3 },
        ];
        let tree = build_tree(units, counts);
        let keys: Vec<_> = tree.iter().map(|u| u.key.as_str()).collect();
        assert_eq!(keys, ["root", "a", "a1", "b"]);
        assert_eq!(tree[0].total_count, 11);
        assert_eq!(tree[1].total_count, 7);
        assert_eq!(tree[1].direct_count, 2);
    }
}
