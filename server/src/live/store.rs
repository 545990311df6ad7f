//! The `live_events` table: publishing, reading by cursor, replaying what
//! one subscriber may see, pruning.

use super::{Audience, Hint, LiveEvent, Subscriber, Who, CHANNEL};
use crate::error::{Error, Result};
use crate::Database;
use handoff::{DatabaseKind, LiveKind};

/// Publishing transactions on PostgreSQL take this advisory lock, held to
/// their commit, so hints commit in `seq` order and a reader (or a
/// `Last-Event-ID`) that has seen `seq` n has seen every hint before it: a
/// sequence alone hands out numbers in insert order, not commit order.
const PUBLISH_LOCK: i64 = 0x0048_616e_646f_6666; // "Handoff" in ASCII

/// Stores a hint inside the writer's transaction. Call it last, just before
/// the commit: on PostgreSQL it holds the publish lock until then, and the
/// `pg_notify` is delivered to every app server at commit (not at all on a
/// rollback). On SQLite, where writers already commit one at a time, it
/// wakes this process's hub, which reads after the commit.
#[tracing::instrument(skip_all)]
pub(crate) async fn publish(
    db: &Database,
    tx: &mut sqlx::AnyConnection,
    hint: Hint,
    now: i64,
) -> Result<()> {
    let postgres = db.kind() == DatabaseKind::Postgres;
    if postgres {
        sqlx::query("SELECT pg_advisory_xact_lock($1)::TEXT")
            .bind(PUBLISH_LOCK)
            .execute(&mut *tx)
            .await?;
    }
    let (audience, audience_id) = match hint.audience {
        Audience::Owners => ("owners", None),
        Audience::Member(id) => ("member", Some(id)),
        Audience::Client(id) => ("client", Some(id)),
    };
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO live_events (workspace_id, audience, audience_id, kind, object_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING seq",
    )
    .bind(hint.workspace_id)
    .bind(audience)
    .bind(audience_id)
    .bind(hint.kind.as_str())
    .bind(hint.object_id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    if postgres {
        sqlx::query("SELECT pg_notify($1, $2)::TEXT")
            .bind(CHANNEL)
            .bind(seq.to_string())
            .execute(&mut *tx)
            .await?;
    } else {
        db.live_wake().notify_one();
    }
    Ok(())
}

type Row = (i64, i64, String, Option<i64>, String, i64);

const COLUMNS: &str = "seq, workspace_id, audience, audience_id, kind, object_id";

/// Strict decoding, except for a kind this build does not know (written by
/// a newer app server during a rolling deploy): skipped, not an error.
fn decode(rows: Vec<Row>) -> Result<Vec<LiveEvent>> {
    let mut out = Vec::with_capacity(rows.len());
    for (seq, workspace_id, audience, audience_id, kind, object_id) in rows {
        let audience = match (audience.as_str(), audience_id) {
            ("owners", None) => Audience::Owners,
            ("member", Some(id)) => Audience::Member(id),
            ("client", Some(id)) => Audience::Client(id),
            _ => return Err(Error::corrupt(format!("audience of live event {seq}"))),
        };
        let Some(kind) = LiveKind::parse(&kind) else {
            tracing::warn!(seq, kind, "skipped a live event of an unknown kind");
            continue;
        };
        out.push(LiveEvent {
            seq,
            hint: Hint {
                workspace_id,
                audience,
                kind,
                object_id,
            },
        });
    }
    Ok(out)
}

/// Every hint after `cursor`, oldest first, at most `limit`; with the last
/// `seq` read (hints of unknown kinds included), for the next cursor.
pub(super) async fn read_after(
    conn: &mut sqlx::AnyConnection,
    cursor: i64,
    limit: i64,
) -> Result<(Vec<LiveEvent>, Option<i64>)> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM live_events WHERE seq > $1 ORDER BY seq LIMIT $2"
    ))
    .bind(cursor)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    let last = rows.last().map(|r| r.0);
    Ok((decode(rows)?, last))
}

/// The oldest and newest `seq` kept.
pub(super) async fn bounds(db: &Database) -> Result<(Option<i64>, Option<i64>)> {
    Ok(sqlx::query_as("SELECT MIN(seq), MAX(seq) FROM live_events")
        .fetch_one(db.pool())
        .await?)
}

/// What `subscriber` may see in `(after, up_to]`, oldest first, at most
/// `limit`: filtered in SQL by workspace and audience (R7).
pub(super) async fn replay(
    db: &Database,
    subscriber: &Subscriber,
    after: i64,
    up_to: i64,
    limit: i64,
) -> Result<Vec<LiveEvent>> {
    let (owners, audience, id) = match subscriber.who {
        Who::Owner(id) => (1_i64, "member", id),
        Who::Provider(id) => (0, "member", id),
        Who::Client(id) => (0, "client", id),
    };
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM live_events \
         WHERE workspace_id = $1 AND seq > $2 AND seq <= $3 \
         AND ((audience = 'owners' AND $4 = 1) OR (audience = $5 AND audience_id = $6)) \
         ORDER BY seq LIMIT $7"
    ))
    .bind(subscriber.workspace_id)
    .bind(after)
    .bind(up_to)
    .bind(owners)
    .bind(audience)
    .bind(id)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    decode(rows)
}

/// Removes hints stored before `before` (UTC ms), always keeping the newest,
/// so a `Last-Event-ID` from before the pruning is recognised as too old.
/// Returns how many went.
#[tracing::instrument(skip_all)]
pub async fn prune(db: &Database, before: i64) -> Result<u64> {
    let done = sqlx::query(
        "DELETE FROM live_events WHERE created_at < $1 \
         AND seq < (SELECT MAX(seq) FROM live_events)",
    )
    .bind(before)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected())
}
