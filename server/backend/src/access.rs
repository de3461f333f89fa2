//! A viewer's scope, resolved once per request: the reach their roles give them ([`domain::access`], where the
//! rules are written) applied to the current hierarchy snapshot. Services ask it instead of re-deriving who may
//! read whom.

use crate::db::Db;
use crate::hierarchy::Snapshot;
use crate::services::auth::Viewer;
use domain::access::{Reach, development_reach, may_read_person, reach};
use std::collections::HashSet;
use std::sync::Arc;

/// What one viewer may read of people's records.
pub struct Scope {
    nip: String,
    reach: Reach,
    snapshot: Arc<Snapshot>,
}

/// Resolves the viewer's scope (the hierarchy snapshot is cached and versioned, so this is cheap).
pub async fn scope(db: &Db, viewer: &Viewer) -> anyhow::Result<Scope> {
    Ok(Scope { nip: viewer.nip.clone(), reach: reach(&viewer.roles), snapshot: db.hierarchy().await? })
}

/// The viewer's scope for development work: the training-needs analysis and programme candidates (see [`domain::access::development_reach`]).
pub async fn development_scope(db: &Db, viewer: &Viewer) -> anyhow::Result<Scope> {
    Ok(Scope { nip: viewer.nip.clone(), reach: development_reach(&viewer.roles), snapshot: db.hierarchy().await? })
}

impl Scope {
    /// The viewer's reach.
    pub fn reach(&self) -> Reach {
        self.reach
    }

    /// The hierarchy snapshot the scope was resolved against (one version read per request is enough).
    pub fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.snapshot)
    }

    /// Whether the viewer may read this person's record (profile details, report, development plan).
    pub fn may_read(&self, nip: &str) -> bool {
        let above = self.reach == Reach::Subtree && self.snapshot.chain(nip).contains(&self.nip);
        may_read_person(self.reach, nip == self.nip, above)
    }

    /// The people whose progress the viewer follows: `None` for everyone, the viewer and everyone below them
    /// for a supervisor, only the viewer otherwise.
    pub fn people(&self) -> Option<HashSet<String>> {
        match self.reach {
            Reach::Everyone => None,
            Reach::Subtree => {
                let mut set: HashSet<String> = self.snapshot.descendants(&self.nip).into_iter().collect();
                set.insert(self.nip.clone());
                Some(set)
            }
            Reach::Own => Some(HashSet::from([self.nip.clone()])),
        }
    }
}
