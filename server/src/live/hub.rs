//! One hub per app process: reads new hints by cursor when woken (by
//! PostgreSQL's NOTIFY through `listen`, or by `publish` on SQLite) and
//! fans them out to its subscriptions; prunes old hints on a timer.

use super::store::{self, bounds, read_after, replay};
use super::{Batch, Delivery, LiveEvent, Subscriber};
use crate::error::Result;
use crate::Database;
use handoff::DatabaseKind;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{broadcast, watch, Notify};

/// How the hub runs; the defaults suit production, tests shorten them.
#[derive(Clone, Debug)]
pub struct HubOptions {
    /// Hints older than this are pruned (a `Last-Event-ID` before them gets
    /// a resync).
    pub keep_for: Duration,
    pub prune_every: Duration,
    /// Reads even without a wake-up, in case one was lost.
    pub poll_every: Duration,
    /// How often a stream checks that its session is still live (sign-out,
    /// expiry); the app's stream reads it.
    pub session_check: Duration,
    /// Batches a slow stream may fall behind before it is told to resync.
    pub backlog: usize,
}

impl Default for HubOptions {
    fn default() -> Self {
        HubOptions {
            keep_for: Duration::from_secs(24 * 60 * 60),
            prune_every: Duration::from_secs(10 * 60),
            poll_every: Duration::from_secs(10),
            session_check: Duration::from_secs(30),
            backlog: 256,
        }
    }
}

/// A replay longer than this is a resync instead.
const REPLAY_LIMIT: i64 = 500;
/// Hints read per query.
const PAGE: i64 = 500;

/// This process's hub. Cheap to clone.
#[derive(Clone)]
pub struct Hub {
    inner: Arc<Inner>,
}

struct Inner {
    db: Database,
    sender: broadcast::Sender<Arc<Batch>>,
    options: HubOptions,
    closing: watch::Sender<bool>,
    ready: watch::Sender<bool>,
    /// PostgreSQL: the backend running this hub's LISTEN (0 while none).
    listener_pid: Arc<AtomicI64>,
}

impl Hub {
    /// Starts this process's hub (inside a tokio runtime).
    pub fn new(db: &Database) -> Hub {
        Hub::with_options(db, HubOptions::default())
    }

    /// Starts the reader, the pruner and (PostgreSQL) the listener. The
    /// hub is ready once it knows the newest hint and (PostgreSQL) listens:
    /// `subscribe` waits for that, so no hint falls between the two.
    pub fn with_options(db: &Database, options: HubOptions) -> Hub {
        let (sender, _) = broadcast::channel(options.backlog.max(1));
        let (closing, _) = watch::channel(false);
        let (ready, _) = watch::channel(false);
        let listener_pid = Arc::new(AtomicI64::new(0));
        tokio::spawn(run(
            db.clone(),
            sender.clone(),
            listener_pid.clone(),
            options.clone(),
            ready.clone(),
            closing.subscribe(),
        ));
        Hub {
            inner: Arc::new(Inner {
                db: db.clone(),
                sender,
                options,
                closing,
                ready,
                listener_pid,
            }),
        }
    }

    async fn until_ready(&self) {
        let mut ready = self.inner.ready.subscribe();
        let _ = ready.wait_for(|ready| *ready).await;
    }

    /// A stream for `subscriber`. With the stream's `Last-Event-ID`, first
    /// what it missed and may see (or a resync when that is no longer
    /// kept, or too much).
    pub async fn subscribe(
        &self,
        subscriber: Subscriber,
        last_event_id: Option<i64>,
    ) -> Result<Subscription> {
        self.until_ready().await;
        // Subscribe before reading the newest seq: every hint after it then
        // arrives through the channel (hints commit in seq order).
        let receiver = self.inner.sender.subscribe();
        let (oldest, newest) = bounds(&self.inner.db).await?;
        let newest = newest.unwrap_or(0);
        let mut pending = VecDeque::new();
        if let Some(last) = last_event_id.filter(|last| *last != newest) {
            let pruned = oldest.is_some_and(|oldest| oldest > last.saturating_add(1));
            if last > newest || last < 0 || pruned {
                pending.push_back(Delivery::Resync { seq: Some(newest) });
            } else {
                let missed =
                    replay(&self.inner.db, &subscriber, last, newest, REPLAY_LIMIT + 1).await?;
                if missed.len() as i64 > REPLAY_LIMIT {
                    pending.push_back(Delivery::Resync { seq: Some(newest) });
                } else {
                    pending.extend(missed.into_iter().map(Delivery::Event));
                }
            }
        }
        Ok(Subscription {
            receiver,
            subscriber,
            cursor: newest,
            pending,
        })
    }

    pub fn options(&self) -> &HubOptions {
        &self.inner.options
    }

    /// Ends every stream (the server is shutting down: open streams would
    /// otherwise hold the graceful shutdown forever) and the hub's tasks.
    pub fn close(&self) {
        self.inner.closing.send_replace(true);
        let _ = self.inner.sender.send(Arc::new(Batch::Closing));
    }

    /// PostgreSQL: the backend process running this hub's LISTEN, for
    /// operators and for the test that cuts it.
    pub fn listener_backend(&self) -> Option<i64> {
        Some(self.inner.listener_pid.load(Ordering::Relaxed)).filter(|pid| *pid != 0)
    }

    /// How many streams are open on this process.
    pub fn streams(&self) -> usize {
        self.inner.sender.receiver_count()
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.closing.send_replace(true);
    }
}

/// One stream's view of the hub.
pub struct Subscription {
    receiver: broadcast::Receiver<Arc<Batch>>,
    subscriber: Subscriber,
    /// The newest seq this stream has considered.
    cursor: i64,
    pending: VecDeque<Delivery>,
}

impl Subscription {
    /// The next thing to send; `None` when the hub closes. Cancel-safe.
    pub async fn next(&mut self) -> Option<Delivery> {
        loop {
            if let Some(next) = self.pending.pop_front() {
                return Some(next);
            }
            match self.receiver.recv().await {
                Ok(batch) => match &*batch {
                    Batch::Events(events) => {
                        for event in events {
                            if event.seq <= self.cursor {
                                continue;
                            }
                            self.cursor = event.seq;
                            if self.subscriber.may_see(&event.hint) {
                                self.pending.push_back(Delivery::Event(*event));
                            }
                        }
                    }
                    Batch::Resync => return Some(Delivery::Resync { seq: None }),
                    Batch::Closing => return None,
                },
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    return Some(Delivery::Resync { seq: None })
                }
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    }

    pub fn subscriber(&self) -> &Subscriber {
        &self.subscriber
    }
}

/// The hub's start: the newest hint, the listener (retried until the
/// database answers), then the reader and the pruner.
async fn run(
    db: Database,
    sender: broadcast::Sender<Arc<Batch>>,
    listener_pid: Arc<AtomicI64>,
    options: HubOptions,
    ready: watch::Sender<bool>,
    mut closing: watch::Receiver<bool>,
) {
    let mut wait = Duration::from_millis(250);
    let (cursor, wake) = loop {
        match start(&db, &sender, &listener_pid, &closing).await {
            Ok(started) => break started,
            Err(e) => {
                tracing::warn!(error = %e.chain(), "live updates cannot start yet; trying again");
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {}
                    _ = closing.changed() => return,
                }
                wait = (wait * 2).min(Duration::from_secs(10));
            }
        }
    };
    ready.send_replace(true);
    tokio::spawn(prune_loop(db.clone(), options.clone(), closing.clone()));
    read(db, cursor, wake, sender, options.poll_every, closing).await;
}

async fn start(
    db: &Database,
    sender: &broadcast::Sender<Arc<Batch>>,
    listener_pid: &Arc<AtomicI64>,
    closing: &watch::Receiver<bool>,
) -> Result<(i64, Arc<Notify>)> {
    let wake = match db.kind() {
        DatabaseKind::Sqlite => db.live_wake_handle(),
        DatabaseKind::Postgres => {
            let wake = Arc::new(Notify::new());
            // Listening before the newest hint is read: a hint committed
            // after that read is never missed.
            let listener = super::listen::connect(db, listener_pid).await?;
            tokio::spawn(super::listen::run(
                db.clone(),
                listener,
                wake.clone(),
                sender.clone(),
                listener_pid.clone(),
                closing.clone(),
            ));
            wake
        }
    };
    let cursor = bounds(db).await?.1.unwrap_or(0);
    Ok((cursor, wake))
}

/// Reads every hint after the cursor whenever woken (or every
/// `poll_every`), and broadcasts them in order.
async fn read(
    db: Database,
    mut cursor: i64,
    wake: Arc<Notify>,
    sender: broadcast::Sender<Arc<Batch>>,
    poll_every: Duration,
    mut closing: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            _ = wake.notified() => {}
            _ = tokio::time::sleep(poll_every) => {}
            _ = closing.changed() => return,
        }
        loop {
            match read_page(&db, cursor).await {
                Ok((events, Some(last))) => {
                    cursor = last;
                    let full = events.len() as i64 >= PAGE;
                    if !events.is_empty() {
                        let _ = sender.send(Arc::new(Batch::Events(events)));
                    }
                    if !full {
                        break;
                    }
                }
                Ok((_, None)) => break,
                Err(e) => {
                    tracing::warn!(error = %e.chain(), "could not read live events; trying again");
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    wake.notify_one();
                    break;
                }
            }
        }
    }
}

/// On SQLite the read runs in a write transaction: `publish` wakes the hub
/// while the writer still holds the write lock, and `BEGIN IMMEDIATE` waits
/// for that writer's commit (or rollback), so the read sees its outcome.
async fn read_page(db: &Database, cursor: i64) -> Result<(Vec<LiveEvent>, Option<i64>)> {
    match db.kind() {
        DatabaseKind::Sqlite => {
            let mut tx = db.begin_write().await?;
            let page = read_after(&mut tx, cursor, PAGE).await?;
            tx.rollback().await?;
            Ok(page)
        }
        DatabaseKind::Postgres => {
            let mut conn = db.pool().acquire().await?;
            read_after(&mut conn, cursor, PAGE).await
        }
    }
}

async fn prune_loop(db: Database, options: HubOptions, mut closing: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            _ = tokio::time::sleep(options.prune_every) => {}
            _ = closing.changed() => return,
        }
        let keep_ms = i64::try_from(options.keep_for.as_millis()).unwrap_or(i64::MAX);
        let before = now_ms().saturating_sub(keep_ms);
        match store::prune(&db, before).await {
            Ok(n) if n > 0 => tracing::debug!(removed = n, "pruned live events"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e.chain(), "could not prune live events"),
        }
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
