//! The stored client record and how its values are recognised in text. A
//! leaf of the server: client use cases, disclosure, the lenses and erasure
//! all read clients through it.

use crate::error::{Error, Result};
use handoff::redaction::{Secrets, ValueKind};
use handoff::{Alias, ClientField, FieldKind};
use std::collections::HashMap;

/// A client row as stored. Holds personal data, so it is not `Serialize`:
/// it turns into an owner's `ClientRecord` or, through a lens, into the few
/// values a provider may see.
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

/// A client with its custom fields and the values it held before edits.
pub(crate) struct Client {
    pub row: ClientRow,
    pub custom: Vec<FieldRow>,
    /// Values the record held before an edit (never disclosed again).
    pub former: Vec<(ValueKind, String)>,
}

pub(crate) const CLIENT_COLUMNS: &str =
    "id, alias, name, email, phone, address, date_of_birth, notes, erased_at";

/// How a field's value is recognised in free text.
pub(crate) fn value_kind(field: ClientField) -> ValueKind {
    match field {
        ClientField::Name => ValueKind::Name,
        ClientField::Address => ValueKind::Address,
        ClientField::DateOfBirth => ValueKind::Date,
        ClientField::Notes | ClientField::Custom(_) => ValueKind::Text,
        ClientField::Email | ClientField::Phone => ValueKind::Other,
    }
}

impl ClientRow {
    pub(crate) fn alias(&self) -> Result<Alias> {
        Alias::parse(&self.alias)
            .ok_or_else(|| Error::corrupt(format!("alias of client {}", self.id)))
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

impl Client {
    /// Every field that holds a value, built-in and custom.
    pub(crate) fn fields(&self) -> Vec<ClientField> {
        ClientField::BUILT_IN
            .into_iter()
            .chain(self.custom.iter().map(|f| ClientField::Custom(f.id)))
            .filter(|f| self.row.field(&self.custom, *f).is_some())
            .collect()
    }

    /// Every value of the client except those of `shown`, each with how to
    /// recognise it; former values always.
    pub(crate) fn secrets_except(&self, shown: &[ClientField]) -> Secrets {
        let mut secrets = Secrets::new();
        for field in self.fields() {
            if shown.contains(&field) {
                continue;
            }
            if let Some((_, _, value)) = self.row.field(&self.custom, field) {
                secrets.add(value_kind(field), &value);
            }
        }
        for (kind, value) in &self.former {
            secrets.add(*kind, value);
        }
        // The client's country, from a phone number written in full: a
        // number in their message is read against their numbering plan.
        if let Some((_, _, phone)) = self.row.field(&self.custom, ClientField::Phone) {
            if let Some(region) = handoff::redaction::region_of_phone(&phone, None) {
                secrets.add_region(&region);
            }
        }
        secrets
    }

    /// Every value the client has or had.
    pub(crate) fn all_secrets(&self) -> Secrets {
        self.secrets_except(&[])
    }

    /// What a task about this client must not show its provider: every
    /// value not disclosed and, unless the name is, each part of every name
    /// the client has had written alone: a first name next to the task's
    /// own client ("Book an intake for Elena") is identifying however
    /// common it is. (Not for erasure, which walks the whole workspace: it
    /// would scrub every other Elena too.)
    pub(crate) fn task_secrets_except(&self, shown: &[ClientField]) -> Secrets {
        let mut secrets = self.secrets_except(shown);
        let mut names: Vec<String> = self
            .former
            .iter()
            .filter(|(kind, _)| *kind == ValueKind::Name)
            .map(|(_, v)| v.clone())
            .collect();
        let current = self.row.field(&self.custom, ClientField::Name);
        // A disclosed name is read whole and in part: a former name's part
        // it shares ("Elena" of Elena Ruiz, now Elena Smith) stays readable.
        let disclosed: Vec<String> = match (&current, shown.contains(&ClientField::Name)) {
            (Some((_, _, name)), true) => handoff::redaction::name_parts(name),
            (Some((_, _, name)), false) => {
                names.push(name.clone());
                Vec::new()
            }
            (None, _) => Vec::new(),
        };
        for name in &names {
            for part in handoff::redaction::name_parts(name) {
                if !disclosed.contains(&part) {
                    secrets.add(ValueKind::NamePart, &part);
                }
            }
        }
        secrets
    }

    /// The parts of the client's name when it is disclosed on a task:
    /// shown whole and in part ("Mr Ruiz"), so no pass over every client
    /// of the workspace masks them.
    pub(crate) fn disclosed_name_parts(&self, shown: &[ClientField]) -> Vec<String> {
        match self.row.field(&self.custom, ClientField::Name) {
            Some((_, _, name)) if shown.contains(&ClientField::Name) => {
                handoff::redaction::name_parts(&name)
            }
            _ => Vec::new(),
        }
    }

    /// As [`Client::task_secrets_except`], nothing disclosed: a client the
    /// task used to be about.
    pub(crate) fn task_secrets(&self) -> Secrets {
        self.task_secrets_except(&[])
    }
}

pub(crate) async fn load(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    client_id: i64,
) -> Result<Client> {
    load_many(conn, workspace_id, &[client_id])
        .await?
        .remove(&client_id)
        .ok_or(Error::NotFound)
}

/// The clients of the workspace among `ids`, in three queries however many.
pub(crate) async fn load_many(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    ids: &[i64],
) -> Result<HashMap<i64, Client>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let set = crate::bulk::IdSet::new(conn, ids);
    let rows: Vec<ClientRow> = sqlx::query_as(&format!(
        "SELECT {CLIENT_COLUMNS} FROM clients WHERE workspace_id = $1 AND id IN ({})",
        set.sql(2)
    ))
    .bind(workspace_id)
    .bind(set.json())
    .fetch_all(&mut *conn)
    .await?;
    let mut clients: HashMap<i64, Client> = rows
        .into_iter()
        .map(|row| {
            let client = Client {
                row,
                custom: Vec::new(),
                former: Vec::new(),
            };
            (client.row.id, client)
        })
        .collect();
    let custom: Vec<(i64, i64, String, String, String)> = sqlx::query_as(&format!(
        "SELECT client_id, id, label, value, kind FROM client_fields WHERE client_id IN ({}) \
         ORDER BY client_id, id",
        set.sql(1)
    ))
    .bind(set.json())
    .fetch_all(&mut *conn)
    .await?;
    for (client_id, id, label, value, kind) in custom {
        FieldKind::parse(&kind)
            .ok_or_else(|| Error::corrupt(format!("kind of client field {id}")))?;
        if let Some(c) = clients.get_mut(&client_id) {
            c.custom.push(FieldRow {
                id,
                label,
                value,
                kind,
            });
        }
    }
    let former: Vec<(i64, String, String)> = sqlx::query_as(&format!(
        "SELECT client_id, field_key, value FROM client_former_values WHERE client_id IN ({}) \
         ORDER BY client_id, id",
        set.sql(1)
    ))
    .bind(set.json())
    .fetch_all(&mut *conn)
    .await?;
    for (client_id, key, value) in former {
        let kind = ClientField::parse_key(&key)
            .map(value_kind)
            .unwrap_or(ValueKind::Text);
        if let Some(c) = clients.get_mut(&client_id) {
            c.former.push((kind, value));
        }
    }
    Ok(clients)
}

/// Keeps a value the record is about to lose, so text written while it was
/// current is still recognised (and erased) later.
pub(crate) async fn remember_former(
    conn: &mut sqlx::AnyConnection,
    client_id: i64,
    field: ClientField,
    value: &str,
    now: i64,
) -> Result<()> {
    if value.trim().is_empty() {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO client_former_values (client_id, field_key, value, replaced_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(client_id)
    .bind(field.key())
    .bind(value)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Every value of every client of the workspace, current and former, each
/// with how it is recognised: no text toward a provider may carry one unless
/// it was disclosed for that task (a task may name no client, or the wrong
/// one).
pub(crate) async fn workspace_secrets(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
) -> Result<Secrets> {
    workspace_secrets_except(conn, workspace_id, 0).await
}

/// As [`workspace_secrets`], without one client's values (`except`; ids
/// start at 1): what that client's own portal must not show of the others.
pub(crate) async fn workspace_secrets_except(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    except: i64,
) -> Result<Secrets> {
    let rows: Vec<ClientRow> = sqlx::query_as(&format!(
        "SELECT {CLIENT_COLUMNS} FROM clients WHERE workspace_id = $1 AND erased_at IS NULL \
         AND id <> $2"
    ))
    .bind(workspace_id)
    .bind(except)
    .fetch_all(&mut *conn)
    .await?;
    let mut secrets = Secrets::new();
    for row in &rows {
        for field in ClientField::BUILT_IN {
            if let Some((_, _, value)) = row.field(&[], field) {
                secrets.add(other_client_kind(value_kind(field)), &value);
                if field == ClientField::Name {
                    add_rare_name_parts(&mut secrets, &value);
                }
            }
        }
    }
    let custom: Vec<(String,)> = sqlx::query_as(
        "SELECT f.value FROM client_fields f JOIN clients c ON c.id = f.client_id \
         WHERE c.workspace_id = $1 AND c.erased_at IS NULL AND c.id <> $2",
    )
    .bind(workspace_id)
    .bind(except)
    .fetch_all(&mut *conn)
    .await?;
    for (value,) in &custom {
        secrets.add(ValueKind::Text, value);
    }
    let former: Vec<(String, String)> = sqlx::query_as(
        "SELECT f.field_key, f.value FROM client_former_values f JOIN clients c ON c.id = f.client_id \
         WHERE c.workspace_id = $1 AND c.id <> $2",
    )
    .bind(workspace_id)
    .bind(except)
    .fetch_all(&mut *conn)
    .await?;
    for (key, value) in &former {
        let kind = ClientField::parse_key(key)
            .map(value_kind)
            .unwrap_or(ValueKind::Text);
        secrets.add(other_client_kind(kind), value);
        if kind == ValueKind::Name {
            add_rare_name_parts(&mut secrets, value);
        }
    }
    Ok(secrets)
}

/// How another client's value is recognised in the workspace's texts: a
/// date only with its year, since its day and month alone are any other
/// day (a thousand clients' birthdays would hide most of the calendar).
fn other_client_kind(kind: ValueKind) -> ValueKind {
    match kind {
        ValueKind::Date => ValueKind::DateOfOther,
        other => other,
    }
}

/// The parts of another client's name rare enough to point at them alone
/// (`Zebulon`, not `Maria`): masked in every text of the workspace. A
/// common given name, or an everyday word, alone names nobody.
fn add_rare_name_parts(secrets: &mut Secrets, name: &str) {
    for part in handoff::redaction::name_parts(name) {
        if part.chars().count() >= 3
            && !handoff::redaction::is_common_given_name(&part)
            && !handoff::redaction::is_common_word(&part)
        {
            secrets.add(ValueKind::NamePart, &part);
        }
    }
}
