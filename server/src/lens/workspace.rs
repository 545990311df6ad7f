//! Every value of every client of a workspace, compiled into patterns: the
//! largest part of a provider page's cost (a workspace of ten thousand
//! clients holds about a hundred thousand values). Compiled once and kept
//! per workspace across requests, in a bounded cache; a write that changes
//! any client's values bumps `workspaces.client_values_version` (through its
//! write unit), and every request reads that version first, so a change on
//! any app server is seen by the next request on every other.

use super::provider::Core;
use crate::client_row;
use crate::error::Result;
use crate::Database;
use handoff::redaction::Secrets;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Workspaces whose compiled values one app server keeps.
const KEEP: usize = 64;

/// Lens cores one workspace keeps (each holds a client's compiled values
/// and the texts already redacted through it): enough for every row of
/// several busy providers' pages; past it they are built afresh.
const CORES: usize = 512;

/// Every value of every client of the workspace, compiled; shared by the
/// lenses of every task of a page (a clone shares the patterns), with the
/// lens cores built on them. Both belong to one `client_values_version`:
/// a core knows nothing but client values (covered by the version) and its
/// `Likeness` (the task's client, disclosures, former clients and whether
/// it is open), so a kept core is as fresh as the version it came with.
#[derive(Clone)]
pub struct WorkspaceSecrets(pub(super) Secrets, Cores);

/// What makes two tasks' lenses know the same (`lens::page` builds one
/// core per likeness): the task's client, the fields disclosed to it, the
/// clients it used to be about, and whether it is open.
#[derive(PartialEq, Eq, Hash, Clone)]
pub(super) struct Likeness {
    pub(super) open: bool,
    pub(super) client_id: Option<i64>,
    pub(super) disclosed: Vec<String>,
    pub(super) formers: Vec<i64>,
}

#[derive(Clone, Default)]
struct Cores(Arc<Mutex<HashMap<Likeness, Arc<Core>>>>);

struct Kept {
    version: i64,
    used: u64,
    secrets: WorkspaceSecrets,
}

/// This process's compiled workspaces. Kept by the `Database`.
#[derive(Clone, Default)]
pub(crate) struct SecretsCache(Arc<Mutex<(u64, HashMap<i64, Kept>)>>);

impl WorkspaceSecrets {
    /// The workspace's values as they are now: compiled again only when a
    /// write changed them since this process last compiled them.
    pub(crate) async fn load(
        db: &Database,
        conn: &mut sqlx::AnyConnection,
        workspace_id: i64,
    ) -> Result<Self> {
        let (version, zone) = crate::workspace::values_version_and_zone(conn, workspace_id).await?;
        Self::at_version(db, conn, workspace_id, version, &zone).await
    }

    /// The same, when the caller has just read the version and zone (with
    /// other things of the workspace, in one query).
    pub(crate) async fn at_version(
        db: &Database,
        conn: &mut sqlx::AnyConnection,
        workspace_id: i64,
        version: i64,
        zone: &str,
    ) -> Result<Self> {
        let cache = db.secrets_cache();
        if let Some(kept) = cache.get(workspace_id, version) {
            return Ok(kept);
        }
        let mut secrets = client_row::workspace_secrets(conn, workspace_id).await?;
        // Local numbers are read against the workspace's numbering plan.
        if let Some(region) = handoff::redaction::region_of_zone(zone) {
            secrets.add_region(region);
        }
        // Compiled once here, so every lens that clones it shares the patterns.
        secrets.compile();
        let secrets = WorkspaceSecrets(secrets, Cores::default());
        cache.put(workspace_id, version, secrets.clone());
        Ok(secrets)
    }

    /// The core kept for tasks like `likeness`, if one was built.
    pub(super) fn core(&self, likeness: &Likeness) -> Option<Arc<Core>> {
        let cores = self.1 .0.lock().unwrap_or_else(|e| e.into_inner());
        cores.get(likeness).cloned()
    }

    /// Keeps `core` for the next page that shows a task like `likeness`.
    pub(super) fn keep_core(&self, likeness: Likeness, core: Arc<Core>) {
        let mut cores = self.1 .0.lock().unwrap_or_else(|e| e.into_inner());
        if cores.len() >= CORES {
            cores.clear();
        }
        cores.insert(likeness, core);
    }
}

impl SecretsCache {
    fn get(&self, workspace_id: i64, version: i64) -> Option<WorkspaceSecrets> {
        let mut guard = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let (tick, kept) = &mut *guard;
        *tick += 1;
        let entry = kept
            .get_mut(&workspace_id)
            .filter(|k| k.version == version)?;
        entry.used = *tick;
        Some(entry.secrets.clone())
    }

    fn put(&self, workspace_id: i64, version: i64, secrets: WorkspaceSecrets) {
        let mut guard = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let (tick, kept) = &mut *guard;
        *tick += 1;
        if kept.len() >= KEEP && !kept.contains_key(&workspace_id) {
            // The least recently used workspace makes room.
            if let Some(oldest) = kept.iter().min_by_key(|(_, k)| k.used).map(|(id, _)| *id) {
                kept.remove(&oldest);
            }
        }
        // A slower request may bring an older version: the newer one stays.
        if kept.get(&workspace_id).is_some_and(|k| k.version > version) {
            return;
        }
        kept.insert(
            workspace_id,
            Kept {
                version,
                used: *tick,
                secrets,
            },
        );
    }
}
