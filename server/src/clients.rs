//! Client records: owners only, within their own workspace (R7). Personal
//! values stay in `clients` and `client_fields`; what reaches a provider is
//! decided in `disclosure`.

use crate::audit::{self, Entry};
use crate::disclosure;
use crate::error::{Error, Result};
use crate::{Actor, Database};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use handoff::client::{validate_custom_field, CLIENTS_PER_PAGE};
use handoff::redaction::{redact, Secrets};
use handoff::{
    Alias, AuditAction, ClientField, ClientInput, ClientPage, ClientRecord, ClientSummary,
    CustomField, FieldKind, TaskLine, TaskState,
};

pub(crate) fn require_owner(actor: &Actor) -> Result<()> {
    if actor.is_owner() {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// A client row as stored. Holds personal data, so it is not `Serialize`:
/// it turns into an owner's `ClientRecord` or, through `disclosure`, into
/// the few values a provider may see.
#[derive(sqlx::FromRow)]
pub(crate) struct ClientRow {
    pub id: i64,
    pub alias: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub date_of_birth: Option<String>,
    pub notes: Option<String>,
    pub erased_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct FieldRow {
    pub id: i64,
    pub label: String,
    pub value: String,
    pub kind: String,
}

impl ClientRow {
    /// Every personal value of the client, built-in and custom.
    pub(crate) fn values<'a>(&'a self, custom: &'a [FieldRow]) -> Vec<&'a str> {
        let mut out: Vec<&str> = [
            Some(&self.name),
            self.email.as_ref(),
            self.phone.as_ref(),
            self.address.as_ref(),
            self.date_of_birth.as_ref(),
            self.notes.as_ref(),
        ]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .filter(|v| !v.is_empty())
        .collect();
        out.extend(custom.iter().map(|f| f.value.as_str()));
        out
    }

    /// The value of one field, with its label and kind.
    pub(crate) fn field(
        &self,
        custom: &[FieldRow],
        field: ClientField,
    ) -> Option<(String, FieldKind, String)> {
        let built_in = match field {
            ClientField::Name => Some(&self.name),
            ClientField::Email => self.email.as_ref(),
            ClientField::Phone => self.phone.as_ref(),
            ClientField::Address => self.address.as_ref(),
            ClientField::DateOfBirth => self.date_of_birth.as_ref(),
            ClientField::Notes => self.notes.as_ref(),
            ClientField::Custom(id) => {
                let f = custom.iter().find(|f| f.id == id)?;
                return Some((f.label.clone(), FieldKind::parse(&f.kind)?, f.value.clone()));
            }
        };
        let value = built_in.filter(|v| !v.is_empty())?.clone();
        Some((
            field.built_in_label()?.to_string(),
            field.built_in_kind()?,
            value,
        ))
    }
}

const CLIENT_COLUMNS: &str =
    "id, alias, name, email, phone, address, date_of_birth, notes, erased_at";

pub(crate) async fn load_row(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    client_id: i64,
) -> Result<(ClientRow, Vec<FieldRow>)> {
    let row: ClientRow = sqlx::query_as(&format!(
        "SELECT {CLIENT_COLUMNS} FROM clients WHERE id = $1 AND workspace_id = $2"
    ))
    .bind(client_id)
    .bind(workspace_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?;
    let custom: Vec<FieldRow> = sqlx::query_as(
        "SELECT id, label, value, kind FROM client_fields WHERE client_id = $1 ORDER BY id",
    )
    .bind(client_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok((row, custom))
}

fn search_key(name: &str) -> String {
    name.to_lowercase()
}

fn new_alias() -> Alias {
    let mut buf = [0u8; 64];
    let mut i = buf.len();
    Alias::generate(move || {
        if i == buf.len() {
            OsRng.fill_bytes(&mut buf);
            i = 0;
        }
        i += 1;
        buf[i - 1]
    })
}

/// Owners: a new client with a fresh alias; returns its id. An alias taken
/// in the workspace is drawn again.
pub async fn create(db: &Database, actor: &Actor, input: &ClientInput, now: i64) -> Result<i64> {
    require_owner(actor)?;
    let c = input.validate().map_err(Error::Invalid)?;
    let mut tx = db.begin_write().await?;
    for _ in 0..8 {
        let alias = new_alias();
        let taken: Option<i64> =
            sqlx::query_scalar("SELECT id FROM clients WHERE workspace_id = $1 AND alias = $2")
                .bind(actor.workspace_id)
                .bind(alias.code())
                .fetch_optional(&mut *tx)
                .await?;
        if taken.is_some() {
            continue;
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO clients (workspace_id, alias, name, name_search, email, phone, address, \
             date_of_birth, notes, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
        )
        .bind(actor.workspace_id)
        .bind(alias.code())
        .bind(&c.name)
        .bind(search_key(&c.name))
        .bind(&c.email)
        .bind(&c.phone)
        .bind(&c.address)
        .bind(&c.date_of_birth)
        .bind(&c.notes)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        return Ok(id);
    }
    Err(Error::Internal("no free alias after 8 draws".into()))
}

/// Owners: replaces the client's built-in fields. A field emptied here is
/// no longer disclosed anywhere.
pub async fn update(
    db: &Database,
    actor: &Actor,
    client_id: i64,
    input: &ClientInput,
    now: i64,
) -> Result<()> {
    require_owner(actor)?;
    let c = input.validate().map_err(Error::Invalid)?;
    let mut tx = db.begin_write().await?;
    let (row, _) = load_row(&mut tx, actor.workspace_id, client_id).await?;
    if row.erased_at.is_some() {
        return Err(erased());
    }
    sqlx::query(
        "UPDATE clients SET name = $1, name_search = $2, email = $3, phone = $4, address = $5, \
         date_of_birth = $6, notes = $7, updated_at = $8 WHERE id = $9",
    )
    .bind(&c.name)
    .bind(search_key(&c.name))
    .bind(&c.email)
    .bind(&c.phone)
    .bind(&c.address)
    .bind(&c.date_of_birth)
    .bind(&c.notes)
    .bind(now)
    .bind(client_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

fn erased() -> Error {
    Error::field(
        "name",
        "This client was erased: their record can no longer be changed.",
    )
}

/// Owners: a page of clients by name; `search` matches name, alias or e-mail.
pub async fn list(db: &Database, actor: &Actor, search: &str, page: u32) -> Result<ClientPage> {
    require_owner(actor)?;
    let page = page.max(1);
    let search = search.trim().to_lowercase();
    let pattern = format!(
        "%{}%",
        search
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let alias_code = Alias::parse(&search).map(|a| a.code().to_string());
    let rows: Vec<ClientRow> = sqlx::query_as(&format!(
        "SELECT {CLIENT_COLUMNS} FROM clients WHERE workspace_id = $1 \
         AND ($2 = '' OR name_search LIKE $3 ESCAPE '\\' OR LOWER(email) LIKE $3 ESCAPE '\\' OR alias = $4) \
         ORDER BY name_search, id LIMIT $5 OFFSET $6"
    ))
    .bind(actor.workspace_id)
    .bind(&search)
    .bind(&pattern)
    .bind(alias_code.unwrap_or_default())
    .bind(i64::from(CLIENTS_PER_PAGE) + 1)
    .bind(i64::from(page - 1) * i64::from(CLIENTS_PER_PAGE))
    .fetch_all(db.pool())
    .await?;
    let has_more = rows.len() > CLIENTS_PER_PAGE as usize;
    let clients = rows
        .into_iter()
        .take(CLIENTS_PER_PAGE as usize)
        .map(|r| ClientSummary {
            client_id: r.id,
            alias: format!("Client {}", r.alias),
            name: r.name,
            email: r.email,
            phone: r.phone,
            erased: r.erased_at.is_some(),
        })
        .collect();
    Ok(ClientPage {
        clients,
        page,
        has_more,
    })
}

/// Owners: the whole record, with the client's tasks.
pub async fn record(db: &Database, actor: &Actor, client_id: i64) -> Result<ClientRecord> {
    require_owner(actor)?;
    let mut conn = db.pool().acquire().await?;
    let (row, custom) = load_row(&mut conn, actor.workspace_id, client_id).await?;
    let tasks: Vec<(i64, String, String, Option<String>)> = sqlx::query_as(
        "SELECT t.id, t.title, t.state, m.display_name FROM tasks t \
         LEFT JOIN members m ON m.id = t.assignee_id \
         WHERE t.client_id = $1 AND t.workspace_id = $2 ORDER BY t.id DESC LIMIT 100",
    )
    .bind(client_id)
    .bind(actor.workspace_id)
    .fetch_all(&mut *conn)
    .await?;
    let alias = format!("Client {}", row.alias);
    Ok(ClientRecord {
        client_id: row.id,
        alias: alias.clone(),
        input: ClientInput {
            name: row.name,
            email: row.email.unwrap_or_default(),
            phone: row.phone.unwrap_or_default(),
            address: row.address.unwrap_or_default(),
            date_of_birth: row.date_of_birth.unwrap_or_default(),
            notes: row.notes.unwrap_or_default(),
        },
        custom: custom
            .into_iter()
            .filter_map(|f| {
                Some(CustomField {
                    field_id: f.id,
                    label: f.label,
                    value: f.value,
                    kind: FieldKind::parse(&f.kind)?,
                })
            })
            .collect(),
        erased: row.erased_at.is_some(),
        tasks: tasks
            .into_iter()
            .filter_map(|(task_id, title, state, assignee_name)| {
                Some(TaskLine {
                    task_id,
                    title,
                    state: TaskState::parse(&state)?,
                    client_alias: Some(alias.clone()),
                    assignee_name,
                    outcome_kind: String::new(),
                    priority: handoff::work::Priority::Normal,
                    due: None,
                })
            })
            .collect(),
    })
}

/// Owners: adds a custom field, or changes one (`field_id`). A field whose
/// kind changes stops being disclosed: the owner decides again under the
/// rules of its new kind.
pub async fn save_field(
    db: &Database,
    actor: &Actor,
    client_id: i64,
    field_id: Option<i64>,
    (label, value, kind): (&str, &str, &str),
    now: i64,
) -> Result<()> {
    require_owner(actor)?;
    let f = validate_custom_field(label, value, kind).map_err(Error::Invalid)?;
    let mut tx = db.begin_write().await?;
    let (row, custom) = load_row(&mut tx, actor.workspace_id, client_id).await?;
    if row.erased_at.is_some() {
        return Err(erased());
    }
    match field_id {
        None => {
            sqlx::query(
                "INSERT INTO client_fields (client_id, label, value, kind) VALUES ($1, $2, $3, $4)",
            )
            .bind(client_id)
            .bind(&f.label)
            .bind(&f.value)
            .bind(f.kind.as_str())
            .execute(&mut *tx)
            .await?;
        }
        Some(id) => {
            let old = custom.iter().find(|c| c.id == id).ok_or(Error::NotFound)?;
            if old.kind != f.kind.as_str() {
                disclosure::end_for_field(
                    &mut tx,
                    actor,
                    client_id,
                    ClientField::Custom(id),
                    &old.label,
                    now,
                )
                .await?;
            }
            sqlx::query("UPDATE client_fields SET label = $1, value = $2, kind = $3 WHERE id = $4")
                .bind(&f.label)
                .bind(&f.value)
                .bind(f.kind.as_str())
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
    }
    sqlx::query("UPDATE clients SET updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(client_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Owners: removes a custom field, ending its disclosures first.
pub async fn remove_field(
    db: &Database,
    actor: &Actor,
    client_id: i64,
    field_id: i64,
    now: i64,
) -> Result<()> {
    require_owner(actor)?;
    let mut tx = db.begin_write().await?;
    let (_, custom) = load_row(&mut tx, actor.workspace_id, client_id).await?;
    let field = custom
        .iter()
        .find(|c| c.id == field_id)
        .ok_or(Error::NotFound)?;
    disclosure::end_for_field(
        &mut tx,
        actor,
        client_id,
        ClientField::Custom(field_id),
        &field.label,
        now,
    )
    .await?;
    sqlx::query("DELETE FROM client_fields WHERE id = $1")
        .bind(field_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Owners: erases one client. Every personal value goes: the record's
/// fields, the custom fields, the disclosures, and any copy in the text of
/// the client's tasks (scrubbed with the redaction engine, told the client's
/// own values). The alias stays so history still reads. Logged.
pub async fn erase(db: &Database, actor: &Actor, client_id: i64, now: i64) -> Result<()> {
    require_owner(actor)?;
    let mut tx = db.begin_write().await?;
    let (row, custom) = load_row(&mut tx, actor.workspace_id, client_id).await?;
    if row.erased_at.is_some() {
        return Err(Error::NotFound);
    }
    let values = row.values(&custom);
    let tasks: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT id, title, instructions, criteria, outcome_target FROM tasks WHERE client_id = $1",
    )
    .bind(client_id)
    .fetch_all(&mut *tx)
    .await?;
    for (task_id, title, instructions, criteria, target) in tasks {
        sqlx::query(
            "UPDATE tasks SET title = $1, instructions = $2, criteria = $3, outcome_target = $4, \
             version = version + 1, updated_at = $5 WHERE id = $6",
        )
        .bind(redact(&title, &Secrets::others(&values)).text)
        .bind(redact(&instructions, &Secrets::others(&values)).text)
        .bind(crate::work::scrub_json::<Vec<String>>(&criteria, &values))
        .bind(redact(&target, &Secrets::others(&values)).text)
        .bind(now)
        .bind(task_id)
        .execute(&mut *tx)
        .await?;
        crate::work::erase_copies(&mut tx, task_id, &values).await?;
        sqlx::query("DELETE FROM task_disclosures WHERE task_id = $1")
            .bind(task_id)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM client_fields WHERE client_id = $1")
        .bind(client_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE clients SET name = '', name_search = '', email = NULL, phone = NULL, address = NULL, \
         date_of_birth = NULL, notes = NULL, erased_at = $1, updated_at = $1 WHERE id = $2",
    )
    .bind(now)
    .bind(client_id)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Entry {
            workspace_id: actor.workspace_id,
            member_id: Some(actor.member_id),
            action: AuditAction::ClientErased,
            client_id: Some(client_id),
            task_id: None,
            detail: "every personal value removed; the alias stays",
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The client's values a provider on this task may not see: everything but
/// the disclosed fields. Used to redact text crossing toward the provider.
pub(crate) fn undisclosed<'a>(
    row: &'a ClientRow,
    custom: &'a [FieldRow],
    disclosed: &[ClientField],
) -> Vec<&'a str> {
    let shown: Vec<String> = disclosed
        .iter()
        .filter_map(|f| row.field(custom, *f).map(|(_, _, v)| v))
        .collect();
    row.values(custom)
        .into_iter()
        .filter(|v| !shown.iter().any(|s| s == v))
        .collect()
}
