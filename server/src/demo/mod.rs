//! Demo data for a first look: seeded by the run command into an empty
//! database, never into one that already holds a workspace.

use crate::accounts::{insert_member, NewMember};
use crate::{error::Result, Database, PasswordHasher};
use handoff::{CurrencyCode, DisplayName, Email, Role, WorkspaceName};

pub mod grow;
mod mail;
mod records;
mod threads;

use records::seed_clients_and_tasks;
use threads::seed_threads;

pub const DEMO_WORKSPACE: &str = "Bright Path Therapy";
pub const DEMO_TIME_ZONE: &str = "America/New_York";
pub const DEMO_CURRENCY: &str = "USD";
pub const DEMO_PASSWORD: &str = "handoff-demo-1";

/// (e-mail, display name, role, time zone)
pub const DEMO_MEMBERS: [(&str, &str, Role, &str); 3] = [
    (
        "owner@demo.test",
        "Maya Patel",
        Role::Owner,
        "America/New_York",
    ),
    (
        "ava@demo.test",
        "Ava Lindqvist",
        Role::Provider,
        "Europe/Lisbon",
    ),
    ("ben@demo.test", "Ben Santos", Role::Provider, "Asia/Manila"),
];

/// Seeds the demo workspace and its members when the database has no
/// workspace at all. Returns whether it seeded. Running it twice, or from two
/// servers at once, seeds once: the check and the inserts share one write
/// transaction.
/// How many days before now the demo's story begins.
const STORY_DAYS: i64 = 4;

pub async fn seed_if_empty(db: &Database, hasher: &PasswordHasher, now_ms: i64) -> Result<bool> {
    let name = WorkspaceName::parse(DEMO_WORKSPACE).map_err(internal)?;
    let currency = CurrencyCode::parse(DEMO_CURRENCY).map_err(internal)?;
    if has_workspace(db).await? {
        return Ok(false);
    }
    // The story began a few days ago: the business and its team, then its
    // clients and tasks, the work on them, and today's messages, in order.
    let start = now_ms - STORY_DAYS * 24 * 3_600_000;
    // Hash before taking the write lock: it is the slow part.
    let mut hashes = Vec::new();
    for _ in DEMO_MEMBERS {
        hashes.push(hasher.hash(DEMO_PASSWORD).await?);
    }

    let mut tx = db.begin_write().await?;
    if db.kind() == handoff::DatabaseKind::Postgres {
        // Two app servers starting together must not both see "empty".
        sqlx::query("LOCK TABLE workspaces IN EXCLUSIVE MODE")
            .execute(&mut *tx)
            .await?;
    }
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM workspaces")
        .fetch_one(&mut *tx)
        .await?;
    if existing > 0 {
        tx.rollback().await?;
        return Ok(false);
    }
    let workspace_id: i64 = sqlx::query_scalar(
        "INSERT INTO workspaces (name, time_zone, currency, created_at) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(name.as_str())
    .bind(DEMO_TIME_ZONE)
    .bind(currency.as_str())
    .bind(start)
    .fetch_one(&mut *tx)
    .await?;
    for ((email, display_name, role, time_zone), hash) in DEMO_MEMBERS.iter().zip(&hashes) {
        let email = Email::parse(email).map_err(|e| crate::Error::internal(e.message))?;
        let display_name =
            DisplayName::parse(display_name).map_err(|e| crate::Error::internal(e.message))?;
        insert_member(
            &mut tx,
            NewMember {
                workspace_id,
                email: &email,
                display_name: &display_name,
                role: *role,
                time_zone,
                password_hash: hash,
            },
            start,
        )
        .await?;
    }
    tx.commit().await?;
    seed_clients_and_tasks(db, workspace_id, start, now_ms).await?;
    Ok(true)
}

async fn has_workspace(db: &Database) -> Result<bool> {
    let any: Option<i64> = sqlx::query_scalar("SELECT id FROM workspaces LIMIT 1")
        .fetch_optional(db.pool())
        .await?;
    Ok(any.is_some())
}

/// The names of all workspaces, oldest first. For tests and operators only:
/// no web request reaches it.
pub async fn workspace_names(db: &Database) -> Result<Vec<String>> {
    Ok(
        sqlx::query_scalar("SELECT name FROM workspaces ORDER BY id")
            .fetch_all(db.pool())
            .await?,
    )
}

fn internal(e: handoff::WorkspaceError) -> crate::Error {
    crate::Error::internal(e.to_string())
}
