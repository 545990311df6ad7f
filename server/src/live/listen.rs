//! PostgreSQL: each app process keeps one `LISTEN` connection. A
//! notification wakes the hub's reader, which reads by cursor. When the
//! connection is lost, notifications sent meanwhile are gone: once it is
//! back, every stream is told to resync (and the reader reads whatever was
//! committed meanwhile), never a silent gap.

use super::{Batch, CHANNEL};
use crate::error::{Error, Result};
use crate::Database;
use sqlx::postgres::PgListener;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{broadcast, watch, Notify};

pub(super) async fn connect(db: &Database, pid: &AtomicI64) -> Result<PgListener> {
    let url = db
        .listen_url()
        .ok_or_else(|| Error::internal("the live listener needs PostgreSQL"))?;
    let mut listener = PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    record_pid(&mut listener, pid).await?;
    Ok(listener)
}

async fn record_pid(listener: &mut PgListener, pid: &AtomicI64) -> Result<()> {
    let backend: i32 = sqlx::query_scalar("SELECT pg_backend_pid()")
        .fetch_one(&mut *listener)
        .await?;
    pid.store(i64::from(backend), Ordering::Relaxed);
    Ok(())
}

pub(super) async fn run(
    db: Database,
    mut listener: PgListener,
    wake: Arc<Notify>,
    sender: broadcast::Sender<Arc<Batch>>,
    pid: Arc<AtomicI64>,
    mut closing: watch::Receiver<bool>,
) {
    loop {
        let received = tokio::select! {
            r = listener.try_recv() => r,
            _ = closing.changed() => return,
        };
        match received {
            Ok(Some(_)) => wake.notify_one(),
            // Lost, and sqlx already connected again (and listens again).
            Ok(None) => {
                tracing::warn!("the live-update listener lost its connection; streams resync");
                if record_pid(&mut listener, &pid).await.is_err() {
                    pid.store(0, Ordering::Relaxed);
                }
                let _ = sender.send(Arc::new(Batch::Resync));
                wake.notify_one();
            }
            // Could not reconnect: a new listener, however long it takes.
            Err(e) => {
                tracing::warn!(error = %e, "the live-update listener failed; reconnecting");
                pid.store(0, Ordering::Relaxed);
                let mut wait = Duration::from_millis(250);
                listener = loop {
                    tokio::select! {
                        _ = tokio::time::sleep(wait) => {}
                        _ = closing.changed() => return,
                    }
                    match connect(&db, &pid).await {
                        Ok(l) => break l,
                        Err(e) => {
                            tracing::warn!(error = %e, "the live-update listener cannot reconnect yet");
                            wait = (wait * 2).min(Duration::from_secs(10));
                        }
                    }
                };
                let _ = sender.send(Arc::new(Batch::Resync));
                wake.notify_one();
            }
        }
    }
}
