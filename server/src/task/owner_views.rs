//! What owners read of tasks: the board, a task with its editor, and the
//! choices a form offers. Owners see everything of their own workspace.

use super::due::form_value;
use super::line::{alias_label, task_line, LineRow, LINE_COLUMNS, LINE_JOINS};
use super::store;
use super::work_view::{self, Viewer};
use crate::caller::Owner;
use crate::client_row;
use crate::disclosure;
use crate::error::{Error, Result};
use crate::lens::preview::preview_secrets as lens_preview;
use crate::markdown::to_safe_html;
use crate::Database;
use handoff::redaction::holds_contact_details;
use handoff::task::{Board, BoardFilter, BoardLayout, ClientOption};
use handoff::{
    Choice, ClientField, DisclosureOption, OwnerTask, Role, TaskChoices, TaskInput, TaskState,
};

/// The workspace's clients that still have a name, by name.
async fn named_clients(db: &Database, owner: &Owner) -> Result<Vec<ClientOption>> {
    let mut conn = db.pool().acquire().await?;
    let clients = crate::client_refs::named(&mut conn, owner.workspace_id()).await?;
    Ok(clients
        .into_iter()
        .map(|(id, alias, name)| ClientOption {
            id,
            alias: alias_label(&alias),
            name,
        })
        .collect())
}

/// Owners: the clients and active providers a task may name.
#[tracing::instrument(skip(db), fields(member = owner.member_id()))]
pub async fn choices(db: &Database, owner: &Owner) -> Result<TaskChoices> {
    let clients = named_clients(db, owner).await?;
    let mut conn = db.pool().acquire().await?;
    let providers = crate::member_row::active_providers(&mut conn, owner.workspace_id()).await?;
    Ok(TaskChoices {
        clients: clients
            .into_iter()
            .map(|c| Choice {
                id: c.id,
                label: format!("{} ({})", c.name, c.alias),
            })
            .collect(),
        providers: providers
            .into_iter()
            .map(|(id, label)| Choice { id, label })
            .collect(),
    })
}

/// Owners: the secrets the provider lens would apply to a task for this
/// client (and this task, once saved). Tests compare the preview with it.
#[tracing::instrument(skip(db), fields(member = owner.member_id()))]
pub async fn preview_secrets(
    db: &Database,
    owner: &Owner,
    task_id: Option<i64>,
    client_id: Option<i64>,
) -> Result<handoff::ProviderSecrets> {
    let mut conn = db.pool().acquire().await?;
    if let Some(task_id) = task_id {
        store::load(&mut conn, owner.workspace_id(), task_id).await?;
    }
    lens_preview(db, &mut conn, owner.workspace_id(), task_id, client_id).await
}

/// The editor's texts at most, and their size: a preview is of one task.
const PREVIEW_TEXTS: usize = 8;
const PREVIEW_BYTES: usize = 200_000;

/// Owners: the editor's live preview. Each text as the provider lens of a
/// task for this client (and this task, once saved) makes it, with what
/// the owner should know about it; the client's values never leave the
/// server.
#[tracing::instrument(skip(db, texts), fields(member = owner.member_id()))]
pub async fn preview_texts(
    db: &Database,
    owner: &Owner,
    task_id: Option<i64>,
    client_id: Option<i64>,
    texts: &[String],
) -> Result<Vec<handoff::preview::PreviewText>> {
    if texts.len() > PREVIEW_TEXTS || texts.iter().map(String::len).sum::<usize>() > PREVIEW_BYTES {
        return Err(Error::Invalid(vec![handoff::FieldError::new(
            "instructions",
            "This task is too long to preview. Shorten the instructions.",
        )]));
    }
    let secrets = preview_secrets(db, owner, task_id, client_id).await?;
    Ok(texts
        .iter()
        .map(|t| handoff::preview::PreviewText::of(t, &secrets))
        .collect())
}

/// `%text%` for a LIKE, with the wildcards in `text` taken literally.
fn like_pattern(text: &str) -> String {
    format!(
        "%{}%",
        text.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

/// What the board's client box matches, as LIKE patterns: a part of the
/// name, and a part of the alias however it is typed (`9Y6`, `9y64m`,
/// `Client 9Y6-4M`) when it can be one.
fn client_search(raw: &str) -> Option<(String, Option<String>)> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let code = match raw.get(..7) {
        Some(prefix) if prefix.eq_ignore_ascii_case("client ") => &raw[7..],
        _ => raw,
    };
    let code: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let code = (!code.is_empty()).then(|| like_pattern(&code));
    Some((like_pattern(&raw.to_lowercase()), code))
}

/// Owners: the board. Open tasks first, overdue ones at the top, then by
/// due instant; finished ones after. Filters by provider, client (a part of
/// the alias or name), outcome kind and state; paged with an index on
/// (workspace, state, due).
#[tracing::instrument(skip(db), fields(member = owner.member_id()))]
pub async fn board(
    db: &Database,
    owner: &Owner,
    filter: &BoardFilter,
    layout: BoardLayout,
    page: u32,
    now: i64,
) -> Result<Board> {
    let per_page = layout.per_page();
    let page = page.max(1);
    let mut conn = db.pool().acquire().await?;
    let viewer = crate::member_row::time_zone(&mut conn, owner.member_id()).await?;
    let provider = filter.provider_id.trim().parse::<i64>().ok();
    let (name_like, alias_like) = client_search(&filter.client_alias).unzip();
    let outcome = Some(filter.outcome_kind.trim()).filter(|o| !o.is_empty());
    let state = TaskState::parse(filter.state.trim()).map(TaskState::as_str);
    // Open first; among them overdue, then soonest due, undated last: the
    // order of the `tasks_board` index, so a page reads only its rows. A
    // filter left empty is bound as NULL and passes every row.
    let sql = format!(
        "SELECT {LINE_COLUMNS} {LINE_JOINS} WHERE t.workspace_id = $1 \
         AND ($2 IS NULL OR t.assignee_id = $2) \
         AND ($3 IS NULL OR c.name_search LIKE $3 ESCAPE '\\' \
              OR REPLACE(c.alias, '-', '') LIKE $4 ESCAPE '\\') \
         AND ($5 IS NULL OR t.outcome_kind = $5) AND ($6 IS NULL OR t.state = $6) \
         ORDER BY t.closed, t.due_sort, t.id LIMIT {} OFFSET {}",
        per_page + 1,
        u64::from(page - 1) * u64::from(per_page)
    );
    let rows: Vec<LineRow> = sqlx::query_as(&sql)
        .bind(owner.workspace_id())
        .bind(provider)
        .bind(name_like)
        .bind(alias_like.flatten())
        .bind(outcome)
        .bind(state)
        .fetch_all(&mut *conn)
        .await?;
    let has_more = rows.len() > per_page as usize;
    let tasks = rows
        .into_iter()
        .take(per_page as usize)
        .map(|row| task_line(row, viewer, now))
        .collect::<Result<Vec<_>>>()?;
    drop(conn);
    Ok(Board {
        tasks,
        page,
        has_more,
        providers: choices(db, owner).await?.providers,
        clients: named_clients(db, owner).await?,
    })
}

fn amount(minor: i64) -> String {
    if minor == 0 {
        String::new()
    } else {
        format!("{}.{:02}", minor / 100, minor % 100)
    }
}

/// Owners: a task with everything its editor needs.
#[tracing::instrument(skip(db), fields(member = owner.member_id()))]
pub async fn owner_task(db: &Database, owner: &Owner, task_id: i64, now: i64) -> Result<OwnerTask> {
    let mut conn = db.pool().acquire().await?;
    let task = store::load(&mut conn, owner.workspace_id(), task_id).await?;
    let assignee_name = match task.assignee_id {
        Some(id) => crate::member_row::display_name(&mut conn, id).await?,
        None => None,
    };
    let disclosed = disclosure::disclosed_fields(&mut conn, task_id).await?;
    let (client_alias, client_name, disclosure_options) = match task.client_id {
        Some(client_id) => {
            let c = client_row::load(&mut conn, owner.workspace_id(), client_id).await?;
            let options = disclosure_options(&c, &disclosed);
            let name = c.row.erased_at.is_none().then(|| c.row.name.clone());
            (Some(c.row.alias()?.to_string()), name, options)
        }
        None => (None, None, Vec::new()),
    };
    // The editor's preview as the page first shows it (also without
    // JavaScript): the provider lens's reading of each text, never the
    // secrets themselves.
    let secrets = lens_preview(
        db,
        &mut conn,
        owner.workspace_id(),
        Some(task_id),
        task.client_id,
    )
    .await?;
    let criteria = task.criteria.join("\n");
    let preview = [
        task.title.as_str(),
        task.instructions.as_str(),
        task.outcome_kind.as_str(),
        task.outcome_target.as_str(),
        criteria.as_str(),
    ]
    .iter()
    .map(|t| handoff::preview::PreviewText::of(t, &secrets))
    .collect();
    let (viewer, currency) = Viewer::of(&mut conn, Role::Owner, owner.member_id(), &task).await?;
    let work = work_view::build(
        &mut conn,
        &viewer,
        &currency,
        &task,
        now,
        str::to_string,
        to_safe_html,
    )
    .await?;
    let show_in_portal: i64 =
        sqlx::query_scalar("SELECT show_in_portal FROM tasks WHERE id = $1 AND workspace_id = $2")
            .bind(task_id)
            .bind(owner.workspace_id())
            .fetch_one(&mut *conn)
            .await?;
    drop(conn);
    let choices = choices(db, owner).await?;
    Ok(OwnerTask {
        task_id,
        version: task.version,
        input: TaskInput {
            title: task.title.clone(),
            instructions: task.instructions.clone(),
            client_id: task.client_id.map(|c| c.to_string()).unwrap_or_default(),
            assignee_id: task.assignee_id.map(|a| a.to_string()).unwrap_or_default(),
            criteria: task.criteria.join("\n"),
            outcome_kind: task.outcome_kind.clone(),
            outcome_target: task.outcome_target.clone(),
            priority: task.priority.as_str().to_string(),
            due: task
                .due_at
                .map(|at| form_value(viewer.zone, at))
                .unwrap_or_default(),
            due_next_morning: String::new(),
            due_passed_ok: String::new(),
            price_kind: task.price_kind.as_str().to_string(),
            price: amount(task.price_minor),
            bonus: amount(task.bonus_minor),
        },
        work,
        state: task.state,
        client_alias,
        client_name,
        assignee_name,
        disclosure_options,
        preview,
        clients: choices.clients,
        providers: choices.providers,
        show_in_portal: show_in_portal == 1,
    })
}

/// The fields an owner may disclose: every field with a value except the
/// contact ones, which are not even offered. A value that holds a contact
/// detail anyway is flagged: the provider will see it masked.
fn disclosure_options(c: &client_row::Client, disclosed: &[ClientField]) -> Vec<DisclosureOption> {
    if c.row.erased_at.is_some() {
        return Vec::new();
    }
    c.fields()
        .into_iter()
        .filter_map(|f| {
            let (label, kind, value) = c.row.field(&c.custom, f)?;
            kind.disclosable().then(|| DisclosureOption {
                key: f.key(),
                holds_contact_details: holds_contact_details(&value)
                    || holds_contact_details(&label),
                label,
                kind,
                disclosed: disclosed.contains(&f),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_box_matches_names_and_aliases_with_wildcards_taken_literally() {
        assert_eq!(like_pattern("9_%\\"), "%9\\_\\%\\\\%");
        assert_eq!(
            client_search(" Client 9y6-4 "),
            Some(("%client 9y6-4%".to_string(), Some("%9Y64%".to_string())))
        );
        assert_eq!(
            client_search("Zoë"),
            Some(("%zoë%".to_string(), Some("%ZO%".to_string())))
        );
        assert_eq!(client_search("  "), None);
        assert_eq!(client_search("-"), Some(("%-%".to_string(), None)));
    }
}
