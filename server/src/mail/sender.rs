//! The sender: one per app server. It wakes when this server's writes put
//! mail in the outbox, and every few seconds for the rest (other servers'
//! writes, retries that fell due), claims due messages and sends them.

use super::store::{self, Claimed};
use super::transport::{Failure, Transport};
use crate::error::Result;
use crate::Database;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// How long a claim keeps other servers off a message: longer than any
/// send (the SMTP timeout is 20 s).
const LEASE_MS: i64 = 2 * 60 * 1000;
/// Messages claimed at once.
const BATCH: i64 = 20;
/// After this many failed tries a message is dead (about a day and a half
/// of backoff).
pub const MAX_ATTEMPTS: i64 = 12;
/// How often the sender looks for mail it was not woken for.
const POLL: Duration = Duration::from_secs(5);

/// What one pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SendReport {
    pub sent: usize,
    pub retried: usize,
    pub dead: usize,
}

/// The wait before try `attempts + 1`: 30 s doubling up to 6 h, with up to
/// a third of jitter so a burst of failures does not come back together.
pub fn backoff_ms(attempts: i64) -> i64 {
    let base = 30_000_i64.saturating_mul(1 << attempts.clamp(0, 20).min(10));
    let base = base.min(6 * 60 * 60 * 1000);
    base + (OsRng.next_u64() % (base as u64 / 3 + 1)) as i64
}

/// Claims and sends what is due until nothing is; returns what it did.
#[tracing::instrument(skip_all)]
pub async fn send_due(
    db: &Database,
    transport: &Transport,
    now: impl Fn() -> i64,
) -> Result<SendReport> {
    let mut report = SendReport::default();
    loop {
        let claimed = store::claim(db, now(), LEASE_MS, BATCH).await?;
        if claimed.is_empty() {
            return Ok(report);
        }
        for mail in claimed {
            send_one(db, transport, &mail, now(), &mut report).await?;
        }
    }
}

async fn send_one(
    db: &Database,
    transport: &Transport,
    mail: &Claimed,
    now: i64,
    report: &mut SendReport,
) -> Result<()> {
    if let Some(reason) = store::suppressed(db, &mail.recipient).await? {
        report.dead += 1;
        return store::mark_dead(
            db,
            mail.id,
            &format!("not sent: this address bounced before ({reason})"),
        )
        .await;
    }
    match transport.send(mail).await {
        Ok(()) => {
            report.sent += 1;
            tracing::info!(mail = mail.id, kind = mail.kind.as_str(), "mail sent");
            store::mark_sent(db, mail.id, now).await
        }
        Err(Failure::Transient(reason)) if mail.attempts < MAX_ATTEMPTS => {
            report.retried += 1;
            tracing::warn!(mail = mail.id, attempts = mail.attempts, %reason, "mail not sent; will try again");
            store::retry_at(db, mail.id, now + backoff_ms(mail.attempts), &reason).await
        }
        Err(Failure::Transient(reason)) => {
            report.dead += 1;
            tracing::warn!(mail = mail.id, %reason, "mail not sent after every try; given up");
            store::mark_dead(
                db,
                mail.id,
                &format!("gave up after {} tries: {reason}", mail.attempts),
            )
            .await
        }
        Err(Failure::Permanent {
            reason,
            bad_address,
        }) => {
            report.dead += 1;
            tracing::warn!(mail = mail.id, %reason, "mail refused for good");
            if bad_address {
                store::suppress(db, &mail.recipient, &reason, now).await?;
            }
            store::mark_dead(db, mail.id, &reason).await
        }
    }
}

/// The running sender of this app server.
pub struct Sender {
    stop: Arc<Notify>,
    task: tokio::task::JoinHandle<()>,
}

impl Sender {
    /// Starts sending `db`'s outbox through `transport`.
    pub fn spawn(db: &Database, transport: Transport, now: fn() -> i64) -> Sender {
        let stop = Arc::new(Notify::new());
        let (db, stopped) = (db.clone(), stop.clone());
        let task = tokio::spawn(async move {
            loop {
                if let Err(e) = send_due(&db, &transport, now).await {
                    tracing::error!(error = %e.chain(), "the mail sender failed; trying again shortly");
                }
                tokio::select! {
                    _ = db.mail_wake().notified() => {}
                    _ = tokio::time::sleep(POLL) => {}
                    _ = stopped.notified() => return,
                }
            }
        });
        Sender { stop, task }
    }

    /// Stops after the message being sent, if any.
    pub async fn close(self) {
        self.stop.notify_one();
        let _ = self.task.await;
    }
}

#[cfg(test)]
mod tests {
    use super::backoff_ms;

    #[test]
    fn backoff_grows_with_jitter_and_stops_growing() {
        for attempts in 1..=MAX {
            let wait = backoff_ms(attempts);
            let base = (30_000_i64 << attempts.min(10)).min(6 * 3_600_000);
            assert!(
                (base..=base + base / 3).contains(&wait),
                "{attempts}: {wait}"
            );
        }
        let waits: std::collections::HashSet<i64> = (0..20).map(|_| backoff_ms(3)).collect();
        assert!(waits.len() > 1, "no jitter");
    }
    const MAX: i64 = super::MAX_ATTEMPTS;
}
