//! Tasks: owners create, edit, assign and cancel them; a provider reads the
//! ones assigned to them, through provider types only (R1) and with every
//! text redacted on its way out (R3). The full work loop grows from here.

use crate::audit::{self, Entry};
use crate::clients::{self, require_owner, ClientRow, FieldRow};
use crate::disclosure;
use crate::error::{Error, Result};
use crate::markdown::to_safe_html;
use crate::{Actor, Database};
use handoff::redaction::{redact, Secrets};
use handoff::task::{Board, BoardFilter, ValidTask, BOARD_PER_PAGE};
use handoff::{
    AuditAction, Choice, ClientField, DisclosureOption, OwnerTask, ProviderTask, ProviderTaskLine,
    TaskChoices, TaskInput, TaskLine, TaskState,
};
use std::collections::HashMap;

use crate::work::{self, load, WorkRow as TaskRow, WORK_COLUMNS as TASK_COLUMNS};

/// Owners: the clients and active providers a task may name.
pub async fn choices(db: &Database, actor: &Actor) -> Result<TaskChoices> {
    require_owner(actor)?;
    let clients: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, alias, name FROM clients WHERE workspace_id = $1 AND erased_at IS NULL \
         ORDER BY name_search, id LIMIT 500",
    )
    .bind(actor.workspace_id)
    .fetch_all(db.pool())
    .await?;
    let providers: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, display_name FROM members WHERE workspace_id = $1 AND role = 'provider' \
         AND active = 1 ORDER BY display_name, id",
    )
    .bind(actor.workspace_id)
    .fetch_all(db.pool())
    .await?;
    Ok(TaskChoices {
        clients: clients
            .into_iter()
            .map(|(id, alias, name)| Choice {
                id,
                label: format!("{name} (Client {alias})"),
            })
            .collect(),
        providers: providers
            .into_iter()
            .map(|(id, label)| Choice { id, label })
            .collect(),
    })
}

/// Checks that the client and provider a task names are in the actor's
/// workspace (and usable), field by field.
async fn check_refs(
    conn: &mut sqlx::AnyConnection,
    actor: &Actor,
    client_id: Option<i64>,
    assignee_id: Option<i64>,
) -> Result<()> {
    if let Some(id) = client_id {
        let ok: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM clients WHERE id = $1 AND workspace_id = $2 AND erased_at IS NULL",
        )
        .bind(id)
        .bind(actor.workspace_id)
        .fetch_optional(&mut *conn)
        .await?;
        if ok.is_none() {
            return Err(Error::field("client_id", "Choose a client from the list."));
        }
    }
    if let Some(id) = assignee_id {
        let ok: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM members WHERE id = $1 AND workspace_id = $2 AND role = 'provider' AND active = 1",
        )
        .bind(id)
        .bind(actor.workspace_id)
        .fetch_optional(&mut *conn)
        .await?;
        if ok.is_none() {
            return Err(Error::field(
                "assignee_id",
                "Choose an active provider from the list.",
            ));
        }
    }
    Ok(())
}

/// The terms columns of a task, in the order `TERMS_SET` names them.
fn terms_binds(t: &ValidTask) -> (String, String, String, &'static str, &'static str, i64, i64) {
    (
        serde_json::to_string(&t.criteria).unwrap_or_else(|_| "[]".into()),
        t.outcome_kind.clone(),
        t.outcome_target.clone(),
        t.priority.as_str(),
        t.price_kind.as_str(),
        t.price_minor,
        t.bonus_minor,
    )
}

async fn provider_name(conn: &mut sqlx::AnyConnection, id: Option<i64>) -> Result<String> {
    Ok(match id {
        Some(id) => sqlx::query_scalar("SELECT display_name FROM members WHERE id = $1")
            .bind(id)
            .fetch_optional(conn)
            .await?
            .unwrap_or_default(),
        None => String::new(),
    })
}

async fn due_for(
    conn: &mut sqlx::AnyConnection,
    actor: &Actor,
    t: &ValidTask,
    now: i64,
) -> Result<Option<i64>> {
    let owner = work::member_zone(&mut *conn, actor.member_id).await?;
    let provider = match t.assignee_id {
        Some(p) => Some(work::member_zone(&mut *conn, p).await?),
        None => None,
    };
    work::due_at(&t.due, owner, provider, now)
}

/// Owners: a new task; assigned at once when it names a provider.
pub async fn create(db: &Database, actor: &Actor, input: &TaskInput, now: i64) -> Result<i64> {
    require_owner(actor)?;
    let t = input.validate().map_err(Error::Invalid)?;
    let mut tx = db.begin_write().await?;
    check_refs(&mut tx, actor, t.client_id, t.assignee_id).await?;
    let due_at = due_for(&mut tx, actor, &t, now).await?;
    let state = if t.assignee_id.is_some() {
        TaskState::Assigned
    } else {
        TaskState::Draft
    };
    let (criteria, kind, target, priority, price_kind, price, bonus) = terms_binds(&t);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO tasks (workspace_id, title, instructions, client_id, assignee_id, state, version, \
         created_by, created_at, updated_at, criteria, outcome_kind, outcome_target, priority, due_at, \
         price_kind, price_minor, bonus_minor, due_sort) \
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $8, $9, $10, $11, $12, $13, $14, $15, $16, \
         COALESCE($13, 9000000000000000)) RETURNING id",
    )
    .bind(actor.workspace_id)
    .bind(&t.title)
    .bind(&t.instructions)
    .bind(t.client_id)
    .bind(t.assignee_id)
    .bind(state.as_str())
    .bind(actor.member_id)
    .bind(now)
    .bind(criteria)
    .bind(kind)
    .bind(target)
    .bind(priority)
    .bind(due_at)
    .bind(price_kind)
    .bind(price)
    .bind(bonus)
    .fetch_one(&mut *tx)
    .await?;
    work::event(&mut tx, id, actor.member_id, "Created the task", now).await?;
    if t.assignee_id.is_some() {
        let name = provider_name(&mut tx, t.assignee_id).await?;
        work::event(
            &mut tx,
            id,
            actor.member_id,
            &format!("Assigned it to {name}"),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Owners: changes what the task says, who it is for and who does it. A
/// change based on an older version is refused (`Conflict`). A new client or
/// a new provider ends the disclosures made for the old ones.
pub async fn update(
    db: &Database,
    actor: &Actor,
    task_id: i64,
    version: i64,
    input: &TaskInput,
    now: i64,
) -> Result<()> {
    require_owner(actor)?;
    let t = input.validate().map_err(Error::Invalid)?;
    let mut tx = db.begin_write().await?;
    let row = load(&mut tx, actor.workspace_id, task_id).await?;
    if row.version != version {
        return Err(Error::Conflict(row.version));
    }
    let state = row.state()?;
    if !state.is_open() {
        return Err(Error::field(
            "title",
            "This task is over and can no longer be changed.",
        ));
    }
    check_refs(&mut tx, actor, t.client_id, t.assignee_id).await?;
    if row.client_id != t.client_id {
        disclosure::end_for_task(
            &mut tx,
            actor,
            task_id,
            row.client_id,
            "the task's client changed",
            now,
        )
        .await?;
    } else if row.assignee_id.is_some() && row.assignee_id != t.assignee_id {
        disclosure::end_for_task(
            &mut tx,
            actor,
            task_id,
            row.client_id,
            "the task was reassigned",
            now,
        )
        .await?;
    }
    let new_state = match (t.assignee_id, row.assignee_id == t.assignee_id) {
        (None, _) => TaskState::Draft,
        (Some(_), true) => state,
        (Some(_), false) => TaskState::Assigned,
    };
    // An unchanged "next morning" keeps its instant; a new one is counted
    // from now.
    let due_at = match (&t.due, row.due_at) {
        (handoff::Due::ProviderNextMorning, Some(at)) if row.assignee_id == t.assignee_id => {
            Some(at)
        }
        _ => due_for(&mut tx, actor, &t, now).await?,
    };
    let (criteria, kind, target, priority, price_kind, price, bonus) = terms_binds(&t);
    sqlx::query(
        "UPDATE tasks SET title = $1, instructions = $2, client_id = $3, assignee_id = $4, state = $5, \
         version = version + 1, updated_at = $6, criteria = $8, outcome_kind = $9, outcome_target = $10, \
         priority = $11, due_at = $12, price_kind = $13, price_minor = $14, bonus_minor = $15, \
         due_sort = COALESCE($12, 9000000000000000) WHERE id = $7",
    )
    .bind(&t.title)
    .bind(&t.instructions)
    .bind(t.client_id)
    .bind(t.assignee_id)
    .bind(new_state.as_str())
    .bind(now)
    .bind(task_id)
    .bind(criteria)
    .bind(kind)
    .bind(target)
    .bind(priority)
    .bind(due_at)
    .bind(price_kind)
    .bind(price)
    .bind(bonus)
    .execute(&mut *tx)
    .await?;
    work::event(&mut tx, task_id, actor.member_id, "Edited the task", now).await?;
    if row.assignee_id != t.assignee_id {
        let what = match t.assignee_id {
            Some(_) => format!(
                "Assigned it to {}",
                provider_name(&mut tx, t.assignee_id).await?
            ),
            None => "Took it back as a draft".to_string(),
        };
        work::event(&mut tx, task_id, actor.member_id, &what, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Owners: cancels an open task (from the version they saw); its
/// disclosures end.
pub async fn cancel(
    db: &Database,
    actor: &Actor,
    task_id: i64,
    version: i64,
    now: i64,
) -> Result<()> {
    require_owner(actor)?;
    work::move_task(db, actor, task_id, version, "cancel", "", now).await
}

/// Owners: the board. Open tasks first, overdue ones at the top, then by
/// due instant; finished ones after. Filters by provider, client alias,
/// outcome kind and state; paged with an index on (workspace, state, due).
pub async fn board(
    db: &Database,
    actor: &Actor,
    filter: &BoardFilter,
    page: u32,
    now: i64,
) -> Result<Board> {
    require_owner(actor)?;
    let page = page.max(1);
    let mut conn = db.pool().acquire().await?;
    let viewer = work::member_zone(&mut conn, actor.member_id).await?;
    let mut sql = String::from(
        "SELECT t.id, t.title, t.state, c.alias, m.display_name, m.time_zone, t.outcome_kind, t.priority, t.due_at \
         FROM tasks t LEFT JOIN clients c ON c.id = t.client_id LEFT JOIN members m ON m.id = t.assignee_id \
         WHERE t.workspace_id = $1",
    );
    let mut ints = vec![actor.workspace_id];
    let mut texts: Vec<String> = Vec::new();
    if let Ok(id) = filter.provider_id.trim().parse::<i64>() {
        ints.push(id);
        sql.push_str(&format!(" AND t.assignee_id = ${}", ints.len()));
    }
    let alias = handoff::Alias::parse(&filter.client_alias).map(|a| a.code().to_string());
    let wanted_state = TaskState::parse(filter.state.trim());
    let outcome = filter.outcome_kind.trim().to_string();
    let text_params = [
        alias.map(|a| ("c.alias", a)),
        (!outcome.is_empty()).then(|| ("t.outcome_kind", outcome.clone())),
        wanted_state.map(|s| ("t.state", s.as_str().to_string())),
    ];
    for (column, value) in text_params.into_iter().flatten() {
        texts.push(value);
        sql.push_str(&format!(" AND {column} = ${}", ints.len() + texts.len()));
    }
    if !filter.client_alias.trim().is_empty()
        && handoff::Alias::parse(&filter.client_alias).is_none()
    {
        return Err(Error::field(
            "client_alias",
            "Enter an alias such as 7QK-4M.",
        ));
    }
    // Open first; among them overdue, then soonest due, undated last: the
    // order of the `tasks_board` index, so a page reads only its rows.
    sql.push_str(&format!(
        " ORDER BY t.closed, t.due_sort, t.id LIMIT {} OFFSET {}",
        BOARD_PER_PAGE + 1,
        u64::from(page - 1) * u64::from(BOARD_PER_PAGE)
    ));
    type Line = (
        i64,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        String,
        Option<i64>,
    );
    let mut query = sqlx::query_as::<_, Line>(&sql);
    for v in &ints {
        query = query.bind(*v);
    }
    for v in &texts {
        query = query.bind(v.as_str());
    }
    let rows = query.fetch_all(&mut *conn).await?;
    let has_more = rows.len() > BOARD_PER_PAGE as usize;
    let tasks = rows
        .into_iter()
        .take(BOARD_PER_PAGE as usize)
        .filter_map(
            |(
                task_id,
                title,
                state,
                alias,
                assignee_name,
                zone,
                outcome_kind,
                priority,
                due_at,
            )| {
                let state = TaskState::parse(&state)?;
                let provider_zone = zone.and_then(|z| z.parse::<chrono_tz::Tz>().ok());
                Some(TaskLine {
                    task_id,
                    title,
                    state,
                    client_alias: alias.map(|a| format!("Client {a}")),
                    assignee_name,
                    outcome_kind,
                    priority: handoff::work::Priority::parse(&priority)
                        .unwrap_or(handoff::work::Priority::Normal),
                    due: due_at
                        .filter(|_| state.is_open())
                        .map(|at| work::due_view(at, viewer, provider_zone, now)),
                })
            },
        )
        .collect();
    drop(conn);
    let providers = choices(db, actor).await?.providers;
    Ok(Board {
        tasks,
        page,
        has_more,
        providers,
    })
}

/// Owners: a task with everything its editor needs.
pub async fn owner_task(db: &Database, actor: &Actor, task_id: i64, now: i64) -> Result<OwnerTask> {
    require_owner(actor)?;
    let mut conn = db.pool().acquire().await?;
    let row = load(&mut conn, actor.workspace_id, task_id).await?;
    let state = row.state()?;
    let assignee_name: Option<String> = match row.assignee_id {
        Some(id) => {
            sqlx::query_scalar("SELECT display_name FROM members WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?
        }
        None => None,
    };
    let disclosed = disclosure::disclosed_fields(&mut conn, task_id).await?;
    let (client_alias, client_name, disclosure_options, undisclosed_values) = match row.client_id {
        Some(client_id) => {
            let (client, custom) =
                clients::load_row(&mut conn, actor.workspace_id, client_id).await?;
            let options = disclosure_options(&client, &custom, &disclosed);
            let hidden = clients::undisclosed(&client, &custom, &disclosed)
                .into_iter()
                .map(str::to_string)
                .collect();
            let name = (client.erased_at.is_none()).then(|| client.name.clone());
            (
                Some(format!("Client {}", client.alias)),
                name,
                options,
                hidden,
            )
        }
        None => (None, None, Vec::new(), Vec::new()),
    };
    let work = work::view(&mut conn, actor, &row, &[], now).await?;
    let owner_zone = work::member_zone(&mut conn, actor.member_id).await?;
    drop(conn);
    let choices = choices(db, actor).await?;
    let amount = |minor: i64| {
        if minor == 0 {
            String::new()
        } else {
            format!("{}.{:02}", minor / 100, minor % 100)
        }
    };
    Ok(OwnerTask {
        task_id,
        version: row.version,
        input: TaskInput {
            title: row.title.clone(),
            instructions: row.instructions.clone(),
            client_id: row.client_id.map(|c| c.to_string()).unwrap_or_default(),
            assignee_id: row.assignee_id.map(|a| a.to_string()).unwrap_or_default(),
            criteria: row.criteria().join("\n"),
            outcome_kind: row.outcome_kind.clone(),
            outcome_target: row.outcome_target.clone(),
            priority: row.priority.clone(),
            due: row
                .due_at
                .and_then(|at| chrono::TimeZone::timestamp_millis_opt(&owner_zone, at).single())
                .map(|t| t.format("%Y-%m-%dT%H:%M").to_string())
                .unwrap_or_default(),
            due_next_morning: String::new(),
            price_kind: row.price_kind.clone(),
            price: amount(row.price_minor),
            bonus: amount(row.bonus_minor),
        },
        work,
        state,
        client_alias,
        client_name,
        assignee_name,
        disclosure_options,
        undisclosed_values,
        clients: choices.clients,
        providers: choices.providers,
    })
}

/// The fields an owner may disclose: every field with a value except the
/// contact ones, which are not even offered.
fn disclosure_options(
    client: &ClientRow,
    custom: &[FieldRow],
    disclosed: &[ClientField],
) -> Vec<DisclosureOption> {
    if client.erased_at.is_some() {
        return Vec::new();
    }
    ClientField::BUILT_IN
        .into_iter()
        .chain(custom.iter().map(|f| ClientField::Custom(f.id)))
        .filter_map(|f| {
            let (label, kind, _) = client.field(custom, f)?;
            kind.disclosable().then(|| DisclosureOption {
                key: f.key(),
                label,
                kind,
                disclosed: disclosed.contains(&f),
            })
        })
        .collect()
}

fn require_provider(actor: &Actor) -> Result<()> {
    if actor.is_owner() {
        Err(Error::Forbidden)
    } else {
        Ok(())
    }
}

/// A provider's tasks, newest first. Titles are redacted against each
/// client's undisclosed values, like everything else they read.
pub async fn my_tasks(db: &Database, actor: &Actor, now: i64) -> Result<Vec<ProviderTaskLine>> {
    require_provider(actor)?;
    let mut conn = db.pool().acquire().await?;
    let rows: Vec<TaskRow> = sqlx::query_as(&format!(
        "SELECT {TASK_COLUMNS} FROM tasks WHERE assignee_id = $1 AND workspace_id = $2 \
         ORDER BY closed, due_sort, id LIMIT 100"
    ))
    .bind(actor.member_id)
    .bind(actor.workspace_id)
    .fetch_all(&mut *conn)
    .await?;
    let viewer = work::member_zone(&mut conn, actor.member_id).await?;
    let (business, _) = work::workspace_zone_and_currency(&mut conn, actor.workspace_id).await?;
    let mut clients: HashMap<i64, (ClientRow, Vec<FieldRow>)> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    let mut shown = Vec::new();
    for row in rows {
        let state = row.state()?;
        let (title, client_alias) = match row.client_id {
            Some(client_id) => {
                if let std::collections::hash_map::Entry::Vacant(slot) = clients.entry(client_id) {
                    slot.insert(clients::load_row(&mut conn, actor.workspace_id, client_id).await?);
                }
                let (client, custom) = &clients[&client_id];
                let disclosed = if state.is_open() {
                    disclosure::disclosed_fields(&mut conn, row.id).await?
                } else {
                    Vec::new()
                };
                let hidden = clients::undisclosed(client, custom, &disclosed);
                let title = redact(&row.title, &Secrets::others(&hidden)).text;
                // A disclosed value in a title is a look at it too (R8).
                let view = disclosure::provider_view(client, custom, &disclosed, state);
                let labels: Vec<&str> = view
                    .disclosed
                    .iter()
                    .filter(|d| title.contains(&d.value))
                    .map(|d| d.label.as_str())
                    .collect();
                if !labels.is_empty() {
                    shown.push((client_id, row.id, labels.join(", ")));
                }
                (title, Some(format!("Client {}", client.alias)))
            }
            None => (redact(&row.title, &Secrets::new()).text, None),
        };
        out.push(ProviderTaskLine {
            task_id: row.id,
            title,
            state,
            client_alias,
            outcome_kind: row.outcome_kind.clone(),
            due: row
                .due_at
                .filter(|_| state.is_open())
                .map(|at| work::due_view(at, viewer, Some(business), now)),
        });
    }
    drop(conn);
    if !shown.is_empty() {
        let mut tx = db.begin_write().await?;
        for (client_id, task_id, labels) in &shown {
            record_shown(&mut tx, actor, *client_id, *task_id, labels, now).await?;
        }
        tx.commit().await?;
    }
    Ok(out)
}

async fn record_shown(
    conn: &mut sqlx::AnyConnection,
    actor: &Actor,
    client_id: i64,
    task_id: i64,
    labels: &str,
    now: i64,
) -> Result<()> {
    audit::record(
        conn,
        Entry {
            workspace_id: actor.workspace_id,
            member_id: Some(actor.member_id),
            action: AuditAction::DisclosedShown,
            client_id: Some(client_id),
            task_id: Some(task_id),
            detail: labels,
        },
        now,
    )
    .await
}

/// One of the provider's tasks: alias, disclosed fields, redacted and
/// sanitized instructions. When disclosed values go out, the look is logged
/// (R8) with the fields it showed.
pub async fn provider_task(
    db: &Database,
    actor: &Actor,
    task_id: i64,
    now: i64,
) -> Result<ProviderTask> {
    require_provider(actor)?;
    let mut conn = db.pool().acquire().await?;
    let row = load(&mut conn, actor.workspace_id, task_id).await?;
    if row.assignee_id != Some(actor.member_id) {
        return Err(Error::NotFound);
    }
    let state = row.state()?;
    let (client, hidden_owned) = match row.client_id {
        Some(client_id) => {
            let (client, custom) =
                clients::load_row(&mut conn, actor.workspace_id, client_id).await?;
            let disclosed = disclosure::disclosed_fields(&mut conn, task_id).await?;
            let view = disclosure::provider_view(&client, &custom, &disclosed, state);
            let shown: Vec<ClientField> = if view.disclosed.is_empty() {
                Vec::new()
            } else {
                disclosed
            };
            let hidden: Vec<String> = clients::undisclosed(&client, &custom, &shown)
                .into_iter()
                .map(str::to_string)
                .collect();
            (Some((client_id, view)), hidden)
        }
        None => (None, Vec::new()),
    };
    let hidden: Vec<&str> = hidden_owned.iter().map(String::as_str).collect();
    let work = work::view(&mut conn, actor, &row, &hidden, now).await?;
    drop(conn);
    let title = redact(&row.title, &Secrets::others(&hidden)).text;
    let instructions_html =
        to_safe_html(&redact(&row.instructions, &Secrets::others(&hidden)).text);
    if let Some((client_id, view)) = &client {
        if !view.disclosed.is_empty() {
            let labels: Vec<&str> = view.disclosed.iter().map(|d| d.label.as_str()).collect();
            let mut tx = db.begin_write().await?;
            record_shown(&mut tx, actor, *client_id, task_id, &labels.join(", "), now).await?;
            tx.commit().await?;
        }
    }
    Ok(ProviderTask {
        task_id,
        version: row.version,
        work,
        title,
        instructions_html,
        state,
        client: client.map(|(_, view)| view),
    })
}
