//! Each app server's upkeep: the work no request does. It looks for tasks
//! that became overdue, sends the daily digests that fell due, and sends
//! the outbox — when this server's writes put mail there, and every few
//! seconds for the rest (other servers' writes, retries that fell due).
//! Every server runs it; each step is safe side by side (claims, guards
//! and dedupe keys), so no server is special.

use crate::mail::{self, Transport};
use crate::Database;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// How often upkeep looks when nothing woke it.
const POLL: Duration = Duration::from_secs(5);

/// The running upkeep of this app server.
pub struct Upkeep {
    stop: Arc<Notify>,
    task: tokio::task::JoinHandle<()>,
}

/// One pass: what is due now.
async fn pass(db: &Database, transport: &Transport, now: fn() -> i64) {
    if let Err(e) = crate::task::tell_overdue(db, now()).await {
        tracing::error!(error = %e.chain(), "looking for overdue tasks failed");
    }
    if let Err(e) = mail::digest::send_due(db, now()).await {
        tracing::error!(error = %e.chain(), "sending the daily digests failed");
    }
    if let Err(e) = mail::send_due(db, transport, now).await {
        tracing::error!(error = %e.chain(), "the mail sender failed; trying again shortly");
    }
}

impl Upkeep {
    /// Starts the upkeep of `db`, sending mail through `transport`.
    pub fn spawn(db: &Database, transport: Transport, now: fn() -> i64) -> Upkeep {
        let stop = Arc::new(Notify::new());
        let (db, stopped) = (db.clone(), stop.clone());
        let task = tokio::spawn(async move {
            loop {
                pass(&db, &transport, now).await;
                tokio::select! {
                    _ = db.mail_wake().notified() => {}
                    _ = tokio::time::sleep(POLL) => {}
                    _ = stopped.notified() => return,
                }
            }
        });
        Upkeep { stop, task }
    }

    /// Stops after the step under way, if any.
    pub async fn close(self) {
        self.stop.notify_one();
        let _ = self.task.await;
    }
}
