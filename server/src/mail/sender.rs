//! The sender: claims due messages and sends them. Each app server's
//! upkeep (`crate::upkeep`) runs it when this server's writes put mail in
//! the outbox, and every few seconds for the rest (other servers' writes,
//! retries that fell due).

use super::store::{self, Claimed};
use super::transport::{Failure, Transport};
use crate::error::Result;
use crate::Database;
use argon2::password_hash::rand_core::{OsRng, RngCore};

/// How long a claim keeps other servers off a message: longer than any
/// send (the SMTP timeout is 20 s).
const LEASE_MS: i64 = 2 * 60 * 1000;
/// Messages claimed at once.
const BATCH: i64 = 20;
/// Messages sent side by side: as many as the SMTP pool keeps connections
/// (`transport::CONNECTIONS`); mail servers limit connections per client.
const PARALLEL: usize = super::transport::CONNECTIONS as usize;
/// After this many failed tries a message is dead (about 17 hours of
/// backoff: 30 s doubling, at most 6 h between tries).
pub const MAX_ATTEMPTS: i64 = 12;

/// What one pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SendReport {
    pub sent: usize,
    /// Notifications not sent: their reader had read that far already.
    pub read: usize,
    pub retried: usize,
    pub dead: usize,
}

/// The wait before try `attempts + 1`: 30 s doubling up to 6 h, with up to
/// a third of jitter so a burst of failures does not come back together.
pub fn backoff_ms(attempts: i64) -> i64 {
    // `attempts` counts the try that just failed: the first wait is 30 s.
    let base = 30_000_i64 << (attempts.clamp(1, 11) - 1);
    let base = base.min(6 * 60 * 60 * 1000);
    base + (OsRng.next_u64() % (base as u64 / 3 + 1)) as i64
}

fn joined(done: std::result::Result<Result<Outcome>, tokio::task::JoinError>) -> Result<Outcome> {
    done.map_err(|e| crate::error::Error::internal(format!("a send task: {e}")))?
}

impl SendReport {
    fn count(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Sent => self.sent += 1,
            Outcome::Read => self.read += 1,
            Outcome::Retried => self.retried += 1,
            Outcome::Dead => self.dead += 1,
        }
    }
}

/// What became of one message.
enum Outcome {
    Sent,
    Read,
    Retried,
    Dead,
}

/// Claims and sends what is due until nothing is; returns what it did.
/// The messages of one claim go out side by side (the SMTP pool keeps a
/// few connections), each marked as soon as its server answered.
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
        let at = now();
        let mut sending = tokio::task::JoinSet::new();
        for mail in claimed {
            if sending.len() >= PARALLEL {
                if let Some(done) = sending.join_next().await {
                    report.count(joined(done)?);
                }
            }
            let (db, transport) = (db.clone(), transport.clone());
            sending.spawn(async move { send_one(&db, &transport, &mail, at).await });
        }
        while let Some(done) = sending.join_next().await {
            report.count(joined(done)?);
        }
    }
}

async fn send_one(
    db: &Database,
    transport: &Transport,
    mail: &Claimed,
    now: i64,
) -> Result<Outcome> {
    if let Some((thread_id, reader, message_id)) = mail.unless_read {
        let mut conn = db.pool().acquire().await?;
        let read = crate::thread::store::last_read(&mut conn, Some(thread_id), reader).await?;
        if read >= message_id {
            store::mark_read(db, mail.id).await?;
            return Ok(Outcome::Read);
        }
    }
    if let Some(reason) = store::suppressed(db, &mail.recipient).await? {
        let reason = format!("not sent: this address bounced before ({reason})");
        store::mark_dead(db, mail.id, &reason).await?;
        return Ok(Outcome::Dead);
    }
    match transport.send(mail).await {
        Ok(()) => {
            tracing::info!(mail = mail.id, kind = mail.kind.as_str(), "mail sent");
            store::mark_sent(db, mail.id, now).await?;
            Ok(Outcome::Sent)
        }
        Err(Failure::Transient(reason)) if mail.attempts < MAX_ATTEMPTS => {
            tracing::warn!(mail = mail.id, attempts = mail.attempts, %reason, "mail not sent; will try again");
            store::retry_at(db, mail.id, now + backoff_ms(mail.attempts), &reason).await?;
            Ok(Outcome::Retried)
        }
        Err(Failure::Transient(reason)) => {
            tracing::warn!(mail = mail.id, %reason, "mail not sent after every try; given up");
            let reason = format!("gave up after {} tries: {reason}", mail.attempts);
            store::mark_dead(db, mail.id, &reason).await?;
            Ok(Outcome::Dead)
        }
        Err(Failure::Permanent {
            reason,
            bad_address,
        }) => {
            tracing::warn!(mail = mail.id, %reason, "mail refused for good");
            if bad_address {
                store::suppress(db, &mail.recipient, &reason, now).await?;
            }
            store::mark_dead(db, mail.id, &reason).await?;
            Ok(Outcome::Dead)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::backoff_ms;

    #[test]
    fn backoff_grows_with_jitter_and_stops_growing() {
        for attempts in 1..=MAX {
            let wait = backoff_ms(attempts);
            let base = (30_000_i64 << (attempts - 1).min(10)).min(6 * 3_600_000);
            assert!(
                (base..=base + base / 3).contains(&wait),
                "{attempts}: {wait}"
            );
        }
        assert!(
            (30_000..=40_000).contains(&backoff_ms(1)),
            "the first wait is 30 s"
        );
        let waits: std::collections::HashSet<i64> = (0..20).map(|_| backoff_ms(3)).collect();
        assert!(waits.len() > 1, "no jitter");
    }
    const MAX: i64 = super::MAX_ATTEMPTS;
}
