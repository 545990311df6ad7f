//! Looks at disclosed data (R8), off the read path. A provider's page that
//! shows a disclosed value must be audited, but a read that waited for the
//! single SQLite writer to log it would cost more than the page itself. So
//! each lens notes the look it let out when it is dropped, into this
//! process's queue; a writer task (`LookWriter`, one per app server) writes
//! the queue in one write unit a moment later, and whatever is still queued
//! is written before the database closes or an owner reads the audit log.
//! A look is noted by the lens itself: no read path can forget one.

use crate::caller::Provider;
use crate::error::Result;
use crate::unit::Nobody;
use crate::Database;
use handoff::AuditAction;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{watch, Notify};

/// How long a look may wait before the writer takes it: long enough to
/// gather a burst of page loads into one transaction.
const GATHER: Duration = Duration::from_millis(200);

struct Look {
    workspace_id: i64,
    member_id: i64,
    client_id: i64,
    task_id: i64,
    labels: String,
    at: i64,
}

/// This process's queue of looks not yet written. Kept by the `Database`.
#[derive(Clone, Default)]
pub(crate) struct LookQueue {
    pending: Arc<Mutex<Vec<Look>>>,
    wake: Arc<Notify>,
}

impl LookQueue {
    fn take(&self) -> Vec<Look> {
        std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Where one response's lenses note their looks: the provider and instant.
#[derive(Clone)]
pub(crate) struct LookLog {
    queue: LookQueue,
    workspace_id: i64,
    member_id: i64,
    now: i64,
}

impl LookLog {
    pub(crate) fn new(db: &Database, provider: &Provider, now: i64) -> LookLog {
        LookLog {
            queue: db.look_queue().clone(),
            workspace_id: provider.workspace_id(),
            member_id: provider.member_id(),
            now,
        }
    }

    /// Called by a lens as it is dropped, with the labels it let out.
    pub(super) fn note(&self, client_id: i64, task_id: i64, labels: String) {
        let look = Look {
            workspace_id: self.workspace_id,
            member_id: self.member_id,
            client_id,
            task_id,
            labels,
            at: self.now,
        };
        self.queue
            .pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(look);
        self.queue.wake.notify_one();
    }
}

/// Writes every queued look now, in one write unit. On failure the looks
/// go back to the queue for the next attempt.
pub(crate) async fn flush(db: &Database) -> Result<()> {
    let looks = db.look_queue().take();
    let Some(last) = looks.last() else {
        return Ok(());
    };
    let mut unit = db.write(&Nobody, last.at).await?;
    for l in &looks {
        unit.audit_at(
            crate::unit::Entry {
                workspace_id: l.workspace_id,
                member_id: Some(l.member_id),
                action: AuditAction::DisclosedShown,
                client_id: Some(l.client_id),
                task_id: Some(l.task_id),
                detail: &l.labels,
            },
            l.at,
        );
    }
    match unit.commit().await {
        Ok(()) => Ok(()),
        Err(e) => {
            let queue = db.look_queue();
            let mut pending = queue.pending.lock().unwrap_or_else(|e| e.into_inner());
            let newer = std::mem::replace(&mut *pending, looks);
            pending.extend(newer);
            Err(e)
        }
    }
}

/// The app server's writer of looks; `close` ends it after a last flush.
pub struct LookWriter {
    closing: watch::Sender<bool>,
    done: tokio::task::JoinHandle<()>,
}

impl LookWriter {
    pub fn spawn(db: &Database) -> LookWriter {
        let (closing, mut closed) = watch::channel(false);
        let db = db.clone();
        let done = tokio::spawn(async move {
            loop {
                tokio::select! {
                    _ = db.look_queue().wake.notified() => {}
                    _ = closed.changed() => break,
                }
                tokio::time::sleep(GATHER).await;
                if let Err(e) = flush(&db).await {
                    tracing::warn!(error = %e.chain(), "could not write looks at disclosed data; trying again");
                    db.look_queue().wake.notify_one();
                }
            }
            if let Err(e) = flush(&db).await {
                tracing::error!(error = %e.chain(), "could not write the last looks at disclosed data");
            }
        });
        LookWriter { closing, done }
    }

    /// Writes what is queued and stops.
    pub async fn close(self) {
        let _ = self.closing.send(true);
        let _ = self.done.await;
    }
}
