//! Erasing a client: the registry walked over the whole workspace with
//! every value the client has or had, then the record wiped and the alias
//! kept; and the schema read for text columns the registry does not know.

use super::*;

fn scrub_json<T>(raw: &str, secrets: &Secrets, each: impl Fn(&mut T, &Secrets)) -> Result<String>
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let mut parsed: Vec<T> =
        serde_json::from_str(raw).corrupt("a JSON column that erasure scrubs")?;
    for item in &mut parsed {
        each(item, secrets);
    }
    serde_json::to_string(&parsed).context("writing a scrubbed JSON column")
}

fn scrubbed(scrub: Scrub, raw: &str, secrets: &Secrets) -> Result<String> {
    let text = |s: &mut String, secrets: &Secrets| *s = redact(s, secrets).text;
    match scrub {
        Scrub::Text => Ok(redact(raw, secrets).text),
        Scrub::JsonStrings => scrub_json::<String>(raw, secrets, text),
        Scrub::JsonTicks => scrub_json::<Tick>(raw, secrets, |t, s| text(&mut t.criterion, s)),
        Scrub::JsonFeedback => scrub_json::<CriterionFeedback>(raw, secrets, |f, s| {
            text(&mut f.criterion, s);
            text(&mut f.note, s);
        }),
    }
}

/// Walks the registry over one workspace, rewriting every row whose text
/// changes. Tasks whose text changed get a new version, so an editor open
/// on them cannot save the old text back.
async fn scrub_workspace(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    secrets: &Secrets,
    now: i64,
) -> Result<()> {
    for entry in SCRUBBED {
        let rows: Vec<(i64, String)> = sqlx::query_as(&format!(
            "SELECT id, {} FROM {} WHERE {}",
            entry.column, entry.table, entry.rows_of_workspace
        ))
        .bind(workspace_id)
        .fetch_all(&mut *conn)
        .await?;
        for (id, raw) in rows {
            let clean = scrubbed(entry.scrub, &raw, secrets)?;
            if clean == raw {
                continue;
            }
            let bump = if entry.table == "tasks" {
                ", version = version + 1, updated_at = $3"
            } else {
                ""
            };
            sqlx::query(&format!(
                "UPDATE {} SET {} = $1{bump} WHERE id = $2",
                entry.table, entry.column
            ))
            .bind(clean)
            .bind(id)
            .bind(now)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// Owners: erases one client. Every personal value goes: the record's
/// fields, its custom fields and former values, the disclosures, and every
/// copy of them in the workspace's registered text. The alias stays so
/// history still reads. Logged. On SQLite (`secure_delete` on) the log is
/// checkpointed afterwards so the old pages leave the write-ahead log.
#[tracing::instrument(skip(db), fields(member = owner.member_id()))]
pub async fn erase_client(db: &Database, owner: &Owner, client_id: i64, now: i64) -> Result<()> {
    let mut tx = db.write(owner, now).await?;
    tx.client_values_changed();
    let client = client_row::load(&mut tx, owner.workspace_id(), client_id).await?;
    if client.row.erased_at.is_some() {
        return Err(Error::NotFound);
    }
    let secrets = client.all_secrets();
    crate::draft::erase_mentioning(&mut tx, owner.workspace_id(), &secrets).await?;
    scrub_workspace(&mut tx, owner.workspace_id(), &secrets, now).await?;
    sqlx::query(
        "DELETE FROM task_disclosures WHERE task_id IN \
         (SELECT id FROM tasks WHERE client_id = $1 OR id IN \
          (SELECT task_id FROM task_former_clients WHERE client_id = $1))",
    )
    .bind(client_id)
    .execute(&mut *tx)
    .await?;
    // The client's own words in their thread are theirs alone: wiped whole
    // (the rows stay, so reply times still read). Their link and portal
    // sessions go; flags are computed again on the scrubbed texts.
    sqlx::query(
        "UPDATE thread_messages SET body = '' WHERE side = 'client' AND thread_id IN \
         (SELECT id FROM threads WHERE client_id = $1)",
    )
    .bind(client_id)
    .execute(&mut *tx)
    .await?;
    crate::portal::erase(&mut tx, client_id).await?;
    crate::mail::erase_client(&mut tx, client_id, client.row.email.as_deref()).await?;
    crate::relay::refresh_flags(&mut tx, owner.workspace_id()).await?;
    for table in ["client_fields", "client_former_values"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE client_id = $1"))
            .bind(client_id)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "UPDATE clients SET name = '', name_search = '', email = NULL, phone = NULL, address = NULL, \
         date_of_birth = NULL, notes = NULL, erased_at = $1, updated_at = $1 WHERE id = $2",
    )
    .bind(now)
    .bind(client_id)
    .execute(&mut *tx)
    .await?;
    tx.audit(
        AuditAction::ClientErased,
        Some(client_id),
        None,
        "every personal value removed; the alias stays",
    );
    tx.commit().await?;
    db.checkpoint().await?;
    Ok(())
}

/// The schema's text columns that the registry does not classify: empty,
/// or a feature forgot erasure.
#[tracing::instrument(skip_all)]
pub async fn unclassified_text_columns(db: &Database) -> Result<Vec<(String, String)>> {
    let known = classified();
    Ok(db
        .text_columns()
        .await?
        .into_iter()
        .filter(|(t, c)| !known.iter().any(|(kt, kc)| kt == t && kc == c))
        .collect())
}
