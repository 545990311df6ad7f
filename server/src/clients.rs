//! Client records: owners only, within their own workspace (R7). Personal
//! values stay in `clients` and `client_fields`; what reaches a provider is
//! decided in `disclosure`.

use crate::caller::Owner;
use crate::client_row::{self, remember_former, ClientRow, CLIENT_COLUMNS};
use crate::disclosure::{self, By};
use crate::error::{Error, Result};
use crate::Database;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use handoff::client::{validate_custom_field, CLIENTS_PER_PAGE};
use handoff::{
    Alias, ClientField, ClientInput, ClientPage, ClientRecord, ClientSummary, CustomField,
    FieldKind, TaskLine, TaskState,
};

fn by(owner: &Owner) -> By {
    By {
        workspace_id: owner.workspace_id(),
        member_id: owner.member_id(),
    }
}

fn alias_label(row: &ClientRow) -> Result<String> {
    Ok(row.alias()?.to_string())
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
#[tracing::instrument(skip_all, fields(member = owner.member_id()))]
pub async fn create(db: &Database, owner: &Owner, input: &ClientInput, now: i64) -> Result<i64> {
    let c = input.validate_at(now).map_err(Error::Invalid)?;
    let mut tx = db.write(owner, now).await?;
    tx.client_values_changed();
    for _ in 0..8 {
        let alias = new_alias();
        let taken: Option<i64> =
            sqlx::query_scalar("SELECT id FROM clients WHERE workspace_id = $1 AND alias = $2")
                .bind(owner.workspace_id())
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
        .bind(owner.workspace_id())
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
    Err(Error::internal("no free alias after 8 draws"))
}

/// Owners: replaces the client's built-in fields. A field emptied here is
/// no longer disclosed anywhere.
#[tracing::instrument(skip_all, fields(member = owner.member_id()))]
pub async fn update(
    db: &Database,
    owner: &Owner,
    client_id: i64,
    input: &ClientInput,
    now: i64,
) -> Result<()> {
    let c = input.validate_at(now).map_err(Error::Invalid)?;
    let mut tx = db.write(owner, now).await?;
    tx.client_values_changed();
    let row = client_row::load(&mut tx, owner.workspace_id(), client_id)
        .await?
        .row;
    if row.erased_at.is_some() {
        return Err(erased());
    }
    let before = [
        (ClientField::Name, Some(&row.name)),
        (ClientField::Email, row.email.as_ref()),
        (ClientField::Phone, row.phone.as_ref()),
        (ClientField::Address, row.address.as_ref()),
        (ClientField::DateOfBirth, row.date_of_birth.as_ref()),
        (ClientField::Notes, row.notes.as_ref()),
    ];
    let after = [
        Some(&c.name),
        c.email.as_ref(),
        c.phone.as_ref(),
        c.address.as_ref(),
        c.date_of_birth.as_ref(),
        c.notes.as_ref(),
    ];
    for ((field, old), new) in before.into_iter().zip(after) {
        if let Some(old) = old.filter(|o| Some(*o) != new) {
            remember_former(&mut tx, client_id, field, old, now).await?;
        }
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

/// Owners: a page of clients by name; `search` matches name, e-mail, or
/// the alias whole or in part ("9Y6" finds `Client 9Y6-4M`).
#[tracing::instrument(skip_all, fields(member = owner.member_id()))]
pub async fn list(db: &Database, owner: &Owner, search: &str, page: u32) -> Result<ClientPage> {
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
    // An empty part matches nothing: `%%` would match every alias.
    let alias_part = Alias::fragment(&search).map_or_else(String::new, |f| format!("%{f}%"));
    let rows: Vec<ClientRow> = sqlx::query_as(&format!(
        "SELECT {CLIENT_COLUMNS} FROM clients WHERE workspace_id = $1 \
         AND ($2 = '' OR name_search LIKE $3 ESCAPE '\\' OR LOWER(email) LIKE $3 ESCAPE '\\' OR alias = $4 \
              OR ($7 <> '' AND REPLACE(alias, '-', '') LIKE $7)) \
         ORDER BY name_search, id LIMIT $5 OFFSET $6"
    ))
    .bind(owner.workspace_id())
    .bind(&search)
    .bind(&pattern)
    .bind(alias_code.unwrap_or_default())
    .bind(i64::from(CLIENTS_PER_PAGE) + 1)
    .bind(i64::from(page - 1) * i64::from(CLIENTS_PER_PAGE))
    .bind(alias_part)
    .fetch_all(db.pool())
    .await?;
    let has_more = rows.len() > CLIENTS_PER_PAGE as usize;
    let clients = rows
        .into_iter()
        .take(CLIENTS_PER_PAGE as usize)
        .map(|r| ClientSummary {
            client_id: r.id,
            alias: alias_label(&r).unwrap_or_default(),
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
#[tracing::instrument(skip_all, fields(member = owner.member_id()))]
pub async fn record(db: &Database, owner: &Owner, client_id: i64) -> Result<ClientRecord> {
    let mut conn = db.pool().acquire().await?;
    let client_row::Client { row, custom, .. } =
        client_row::load(&mut conn, owner.workspace_id(), client_id).await?;
    let tasks = crate::task::store::of_client(&mut conn, owner.workspace_id(), client_id).await?;
    let alias = alias_label(&row)?;
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
                    // The page is the client's own: their name heads it.
                    client_name: None,
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
#[tracing::instrument(skip_all, fields(member = owner.member_id()))]
pub async fn save_field(
    db: &Database,
    owner: &Owner,
    client_id: i64,
    field_id: Option<i64>,
    (label, value, kind): (&str, &str, &str),
    now: i64,
) -> Result<()> {
    let f = validate_custom_field(label, value, kind).map_err(Error::Invalid)?;
    let mut tx = db.write(owner, now).await?;
    tx.client_values_changed();
    let client = client_row::load(&mut tx, owner.workspace_id(), client_id).await?;
    if client.row.erased_at.is_some() {
        return Err(erased());
    }
    let custom = &client.custom;
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
            if old.value != f.value {
                remember_former(&mut tx, client_id, ClientField::Custom(id), &old.value, now)
                    .await?;
            }
            if old.kind != f.kind.as_str() {
                disclosure::end_for_field(
                    &mut tx,
                    &by(owner),
                    client_id,
                    ClientField::Custom(id),
                    &old.label,
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
#[tracing::instrument(skip_all, fields(member = owner.member_id()))]
pub async fn remove_field(
    db: &Database,
    owner: &Owner,
    client_id: i64,
    field_id: i64,
    now: i64,
) -> Result<()> {
    let mut tx = db.write(owner, now).await?;
    tx.client_values_changed();
    let client = client_row::load(&mut tx, owner.workspace_id(), client_id).await?;
    let field = client
        .custom
        .iter()
        .find(|c| c.id == field_id)
        .ok_or(Error::NotFound)?;
    remember_former(
        &mut tx,
        client_id,
        ClientField::Custom(field_id),
        &field.value,
        now,
    )
    .await?;
    disclosure::end_for_field(
        &mut tx,
        &by(owner),
        client_id,
        ClientField::Custom(field_id),
        &field.label,
    )
    .await?;
    sqlx::query("DELETE FROM client_fields WHERE id = $1")
        .bind(field_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A client's alias, the only name owners' mail gives them.
pub(crate) async fn alias_of(
    conn: &mut sqlx::AnyConnection,
    client_id: i64,
) -> Result<Option<String>> {
    let raw: Option<String> = sqlx::query_scalar("SELECT alias FROM clients WHERE id = $1")
        .bind(client_id)
        .fetch_optional(conn)
        .await?;
    Ok(raw.and_then(|a| handoff::Alias::parse(&a).map(|a| a.to_string())))
}

/// Where mail to a client goes: their address, unless erased or empty.
pub(crate) async fn mail_address(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    client_id: i64,
) -> Result<Option<String>> {
    let email: Option<Option<String>> = sqlx::query_scalar(
        "SELECT email FROM clients WHERE id = $1 AND workspace_id = $2 AND erased_at IS NULL",
    )
    .bind(client_id)
    .bind(workspace_id)
    .fetch_optional(conn)
    .await?;
    Ok(email.flatten().filter(|e| !e.trim().is_empty()))
}
