//! Disclosure (R1): which of a client's fields the provider of one task may
//! see. Contact fields never; health and payment only with a confirmation
//! that goes into the audit log; all of them end when the task ends or
//! changes hands. Every change is logged in its own transaction.

use crate::caller::Owner;
use crate::client_row::{self, ClientRow, FieldRow};
use crate::error::{Error, Result};
use crate::unit::Entry;
use crate::unit::Unit;
use crate::Database;
use handoff::{AuditAction, ClientField, FieldError, LiveKind, TaskState};

/// Who made a change that ends disclosures, for the audit log.
pub(crate) struct By {
    pub workspace_id: i64,
    pub member_id: i64,
}

pub(crate) async fn disclosed_fields(
    conn: &mut sqlx::AnyConnection,
    task_id: i64,
) -> Result<Vec<ClientField>> {
    let keys: Vec<String> = sqlx::query_scalar(
        "SELECT field_key FROM task_disclosures WHERE task_id = $1 ORDER BY field_key",
    )
    .bind(task_id)
    .fetch_all(conn)
    .await?;
    Ok(keys
        .iter()
        .filter_map(|k| ClientField::parse_key(k))
        .collect())
}

/// Owners: sets the task's disclosures to exactly `keys`.
#[tracing::instrument(skip(db, keys), fields(member = owner.member_id()))]
pub async fn set(
    db: &Database,
    owner: &Owner,
    task_id: i64,
    keys: &[String],
    confirm_sensitive: bool,
    now: i64,
) -> Result<()> {
    let by = By {
        workspace_id: owner.workspace_id(),
        member_id: owner.member_id(),
    };
    let mut tx = db.write(owner, now).await?;
    let task = crate::task::store::disclosure_facts(&mut tx, by.workspace_id, task_id).await?;
    let (client_id, state, assignee) = task.ok_or(Error::NotFound)?;
    let refuse = |message: &str| Err(Error::Invalid(vec![FieldError::new("fields", message)]));
    let Some(client_id) = client_id else {
        return refuse("This task has no client, so there is nothing to disclose.");
    };
    let state = TaskState::parse(&state)
        .ok_or_else(|| Error::corrupt(format!("state of task {task_id}")))?;
    if !state.is_open() {
        return refuse("This task is over: its disclosures have ended and cannot be changed.");
    }
    let client = client_row::load(&mut tx, by.workspace_id, client_id).await?;
    let (row, custom) = (&client.row, &client.custom);
    if row.erased_at.is_some() {
        return refuse("This client was erased: nothing of theirs can be disclosed.");
    }

    let mut wanted = Vec::new();
    for key in keys.iter().map(|k| k.trim()).filter(|k| !k.is_empty()) {
        let field =
            ClientField::parse_key(key).and_then(|f| row.field(custom, f).map(|found| (f, found)));
        let Some((field, (label, kind, _))) = field else {
            return refuse(
                "One of the chosen fields no longer exists. Reload the page and choose again.",
            );
        };
        if !kind.disclosable() {
            return refuse(&format!(
                "{label} is contact information, which is never shown to providers."
            ));
        }
        if !wanted.iter().any(|(f, _, _)| *f == field) {
            wanted.push((field, label, kind));
        }
    }
    let current = disclosed_fields(&mut tx, task_id).await?;
    let added: Vec<_> = wanted
        .iter()
        .filter(|(f, _, _)| !current.contains(f))
        .collect();
    let removed: Vec<ClientField> = current
        .iter()
        .copied()
        .filter(|f| !wanted.iter().any(|(w, _, _)| w == f))
        .collect();
    let sensitive: Vec<&str> = added
        .iter()
        .filter(|(_, _, kind)| kind.needs_confirmation())
        .map(|(_, label, _)| label.as_str())
        .collect();
    if !sensitive.is_empty() && !confirm_sensitive {
        return Err(Error::field(
            "confirm_sensitive",
            format!(
                "{} holds health or payment information. Tick the confirmation to disclose it, or untick the field.",
                sensitive.join(", ")
            ),
        ));
    }

    for (field, label, kind) in &added {
        sqlx::query(
            "INSERT INTO task_disclosures (task_id, field_key, created_at) VALUES ($1, $2, $3)",
        )
        .bind(task_id)
        .bind(field.key())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let detail = if kind.needs_confirmation() {
            format!("{label} ({kind}), confirmed by the owner as needed for this task")
        } else {
            format!("{label} ({kind})")
        };
        log(
            &mut tx,
            &by,
            AuditAction::DisclosureAdded,
            client_id,
            task_id,
            &detail,
        );
    }
    for field in removed {
        sqlx::query("DELETE FROM task_disclosures WHERE task_id = $1 AND field_key = $2")
            .bind(task_id)
            .bind(field.key())
            .execute(&mut *tx)
            .await?;
        let label = label_of(row, custom, field);
        log(
            &mut tx,
            &by,
            AuditAction::DisclosureRemoved,
            client_id,
            task_id,
            &label,
        );
    }
    // The provider's open pages (and the copies their device keeps for
    // offline reading) follow at once: a value no longer disclosed must
    // not stay on their screen or their disk.
    if let Some(provider) = assignee {
        let hint = crate::live::Hint::to_member(by.workspace_id, provider, LiveKind::Task, task_id);
        tx.tell(hint);
    }
    tx.commit().await?;
    Ok(())
}

fn label_of(row: &ClientRow, custom: &[FieldRow], field: ClientField) -> String {
    row.field(custom, field)
        .map(|(label, _, _)| label)
        .or_else(|| field.built_in_label().map(str::to_string))
        .unwrap_or_else(|| "A removed field".into())
}

fn log(
    unit: &mut Unit<'_>,
    by: &By,
    action: AuditAction,
    client_id: i64,
    task_id: i64,
    detail: &str,
) {
    unit.audit_as(Entry {
        workspace_id: by.workspace_id,
        member_id: Some(by.member_id),
        action,
        client_id: Some(client_id),
        task_id: Some(task_id),
        detail,
    });
}

/// Ends every disclosure of a task (it ended, or changed provider or
/// client), logging which fields they were.
pub(crate) async fn end_for_task(
    conn: &mut Unit<'_>,
    by: &By,
    task_id: i64,
    client_id: Option<i64>,
    reason: &str,
) -> Result<()> {
    let fields = disclosed_fields(conn, task_id).await?;
    let Some(client_id) = client_id.filter(|_| !fields.is_empty()) else {
        return Ok(());
    };
    let c = client_row::load(conn, by.workspace_id, client_id).await?;
    let labels: Vec<String> = fields
        .iter()
        .map(|f| label_of(&c.row, &c.custom, *f))
        .collect();
    sqlx::query("DELETE FROM task_disclosures WHERE task_id = $1")
        .bind(task_id)
        .execute(&mut **conn)
        .await?;
    let detail = format!("{reason}: {}", labels.join(", "));
    log(
        conn,
        by,
        AuditAction::DisclosuresEnded,
        client_id,
        task_id,
        &detail,
    );
    Ok(())
}

/// Ends the disclosure of one client field on every task (the field was
/// removed or changed kind).
pub(crate) async fn end_for_field(
    conn: &mut Unit<'_>,
    by: &By,
    client_id: i64,
    field: ClientField,
    label: &str,
) -> Result<()> {
    let tasks: Vec<i64> = sqlx::query_scalar(
        "SELECT d.task_id FROM task_disclosures d JOIN tasks t ON t.id = d.task_id \
         WHERE t.client_id = $1 AND d.field_key = $2",
    )
    .bind(client_id)
    .bind(field.key())
    .fetch_all(&mut **conn)
    .await?;
    for task_id in tasks {
        sqlx::query("DELETE FROM task_disclosures WHERE task_id = $1 AND field_key = $2")
            .bind(task_id)
            .bind(field.key())
            .execute(&mut **conn)
            .await?;
        let detail = format!("{label}: the field was changed or removed");
        log(
            conn,
            by,
            AuditAction::DisclosureRemoved,
            client_id,
            task_id,
            &detail,
        );
    }
    Ok(())
}

/// The fields disclosed for a page of tasks at once: (task, field key)
/// pairs, by task.
pub(crate) async fn disclosed_keys_of(
    conn: &mut sqlx::AnyConnection,
    tasks: &crate::bulk::IdSet,
) -> Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as(&format!(
        "SELECT task_id, field_key FROM task_disclosures WHERE task_id IN ({}) \
         ORDER BY task_id, field_key",
        tasks.sql(1)
    ))
    .bind(tasks.json())
    .fetch_all(conn)
    .await?)
}
