//! An in-process snapshot of the `reports_to` graph for the hot hierarchy questions (everyone below a person, the
//! chain above a person). The database stays the source of truth: every transaction that changes reporting lines
//! bumps `meta:hierarchy.version`, and each read checks that version (one small read) before using the snapshot,
//! so every instance of a cluster sees a change on its next request.

use crate::db::Db;
use anyhow::Context;
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::RwLock;

/// SurrealQL that marks the hierarchy as changed; include it in every transaction that writes `reports_to`.
pub const BUMP_SQL: &str = "UPSERT meta:hierarchy SET version = (version ?? 0) + 1;";

/// The reporting graph at one version.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub version: i64,
    children: HashMap<String, Vec<String>>,
    parent: HashMap<String, String>,
}

impl Snapshot {
    /// Builds a snapshot from `(employee, supervisor)` pairs.
    pub fn from_edges(version: i64, edges: impl IntoIterator<Item = (String, String)>) -> Self {
        let mut children: HashMap<String, Vec<String>> = HashMap::new();
        let mut parent = HashMap::new();
        for (child, sup) in edges {
            children.entry(sup.clone()).or_default().push(child.clone());
            parent.insert(child, sup);
        }
        Snapshot { version, children, parent }
    }

    /// Everyone below `nip`, breadth first (direct reports first).
    pub fn descendants(&self, nip: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut next = 0;
        if let Some(kids) = self.children.get(nip) {
            out.extend(kids.iter().cloned());
        }
        while next < out.len() {
            if let Some(kids) = self.children.get(&out[next]) {
                out.extend(kids.iter().cloned());
            }
            next += 1;
        }
        out
    }

    /// The supervisors above `nip`, nearest first. Stops on a (corrupt) loop instead of running forever.
    pub fn chain(&self, nip: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut at = nip;
        while let Some(sup) = self.parent.get(at) {
            if sup == nip || out.contains(sup) {
                break;
            }
            out.push(sup.clone());
            at = sup;
        }
        out
    }

    /// The direct reports of `nip`.
    pub fn direct_reports(&self, nip: &str) -> &[String] {
        self.children.get(nip).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The direct supervisor of `nip`.
    pub fn supervisor(&self, nip: &str) -> Option<&str> {
        self.parent.get(nip).map(String::as_str)
    }

    /// Whether anyone reports directly to `nip`.
    pub fn has_reports(&self, nip: &str) -> bool {
        self.children.get(nip).is_some_and(|c| !c.is_empty())
    }
}

impl domain::feedback::ReportingLines for Snapshot {
    fn supervisor(&self, nip: &str) -> Option<&str> {
        Snapshot::supervisor(self, nip)
    }
    fn direct_reports(&self, nip: &str) -> &[String] {
        Snapshot::direct_reports(self, nip)
    }
}

/// The shared cache (one per process, cloned with the database handle).
#[derive(Clone, Default)]
pub struct HierarchyCache {
    inner: Arc<RwLock<Option<Arc<Snapshot>>>>,
}

impl HierarchyCache {
    /// The current snapshot, reloading it when the stored version moved on.
    pub async fn snapshot(&self, db: &Db) -> anyhow::Result<Arc<Snapshot>> {
        let version = current_version(db).await?;
        if let Some(s) = self.inner.read().await.as_ref()
            && s.version == version
        {
            return Ok(s.clone());
        }
        let mut guard = self.inner.write().await;
        if let Some(s) = guard.as_ref()
            && s.version == version
        {
            return Ok(s.clone());
        }
        let edges: Vec<(String, String)> = db
            .rows("SELECT VALUE [record::id(in), record::id(out)] FROM reports_to;", json!({}))
            .await
            .context("loading the reporting graph")?;
        let snap = Arc::new(Snapshot::from_edges(version, edges));
        *guard = Some(snap.clone());
        Ok(snap)
    }
}

async fn current_version(db: &Db) -> anyhow::Result<i64> {
    let v: Option<i64> = db.run("SELECT VALUE version FROM ONLY meta:hierarchy;", json!({})).await?.value(0)?;
    Ok(v.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Snapshot {
        let e = |a: &str, b: &str| (a.to_string(), b.to_string());
        Snapshot::from_edges(1, [e("b", "a"), e("c", "a"), e("d", "b"), e("e", "d")])
    }

    #[test]
    fn descendants_are_everyone_below_breadth_first() {
        let s = sample();
        assert_eq!(s.descendants("a"), ["b", "c", "d", "e"]);
        assert_eq!(s.descendants("d"), ["e"]);
        assert!(s.descendants("e").is_empty());
    }

    #[test]
    fn the_chain_runs_up_to_the_head_and_survives_loops() {
        let s = sample();
        assert_eq!(s.chain("e"), ["d", "b", "a"]);
        assert!(s.chain("a").is_empty());
        let looped = Snapshot::from_edges(1, [("x".to_string(), "y".to_string()), ("y".to_string(), "x".to_string())]);
        assert_eq!(looped.chain("x"), ["y"]);
    }
}
