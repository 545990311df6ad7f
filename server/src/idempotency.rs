//! Idempotency keys: a queued action (a submission sent while offline) may
//! reach the server twice, when the first answer was lost on the way back.
//! The browser sends one key per action; the first request claims it in its
//! own transaction and stores its answer there, so a replay gets the first
//! answer and the action happens once. A request that fails stores nothing
//! (its transaction rolls back), so a replay is judged afresh.

use crate::error::Context;
use crate::error::{Error, Result};
use serde::{de::DeserializeOwned, Serialize};

/// Claims `key` for the member inside `tx`. `None`: this request is the
/// first, go on and [`answer`] in the same transaction. `Some(answer)`: a
/// replay; the first request's answer. On PostgreSQL a second request
/// racing the first waits on the key until the first commits.
pub(crate) async fn claim<T: DeserializeOwned>(
    conn: &mut sqlx::AnyConnection,
    member_id: i64,
    key: &str,
    now: i64,
) -> Result<Option<T>> {
    if !handoff::draft::valid_idempotency_key(key) {
        return Err(Error::field(
            "idempotency_key",
            "This request is not well formed. Reload the page and try again.",
        ));
    }
    let claimed = sqlx::query(
        "INSERT INTO idempotency_keys (member_id, idem_key, answer, created_at) VALUES ($1, $2, '', $3) \
         ON CONFLICT (member_id, idem_key) DO NOTHING",
    )
    .bind(member_id)
    .bind(key)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if claimed == 1 {
        return Ok(None);
    }
    let answer: String = sqlx::query_scalar(
        "SELECT answer FROM idempotency_keys WHERE member_id = $1 AND idem_key = $2",
    )
    .bind(member_id)
    .bind(key)
    .fetch_one(&mut *conn)
    .await?;
    serde_json::from_str(&answer)
        .map(Some)
        .corrupt("idempotency_keys.answer")
}

/// Stores the first answer for a key claimed in the same transaction.
pub(crate) async fn answer<T: Serialize>(
    conn: &mut sqlx::AnyConnection,
    member_id: i64,
    key: &str,
    answer: &T,
) -> Result<()> {
    let json = serde_json::to_string(answer).context("writing an idempotent answer")?;
    sqlx::query("UPDATE idempotency_keys SET answer = $1 WHERE member_id = $2 AND idem_key = $3")
        .bind(json)
        .bind(member_id)
        .bind(key)
        .execute(conn)
        .await?;
    Ok(())
}
