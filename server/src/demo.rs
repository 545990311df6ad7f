//! Demo data for a first look: seeded by the run command into an empty
//! database, never into one that already holds a workspace.

use crate::accounts::{insert_member, NewMember};
use crate::{error::Result, Database, PasswordHasher};
use handoff::{CurrencyCode, DisplayName, Email, Role, WorkspaceName};

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
pub async fn seed_if_empty(db: &Database, hasher: &PasswordHasher, now_ms: i64) -> Result<bool> {
    let name = WorkspaceName::parse(DEMO_WORKSPACE).map_err(internal)?;
    let currency = CurrencyCode::parse(DEMO_CURRENCY).map_err(internal)?;
    if has_workspace(db).await? {
        return Ok(false);
    }
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
    .bind(now_ms)
    .fetch_one(&mut *tx)
    .await?;
    for ((email, display_name, role, time_zone), hash) in DEMO_MEMBERS.iter().zip(&hashes) {
        let email = Email::parse(email).map_err(|e| crate::Error::Internal(e.message))?;
        let display_name =
            DisplayName::parse(display_name).map_err(|e| crate::Error::Internal(e.message))?;
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
            now_ms,
        )
        .await?;
    }
    tx.commit().await?;
    seed_clients_and_tasks(db, workspace_id, now_ms).await?;
    Ok(true)
}

/// (name, email, phone, address, date of birth, notes, custom fields)
type DemoClient = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str, &'static str)],
);

const DEMO_CLIENTS: [DemoClient; 3] = [
    (
        "Maria Gomez",
        "maria.gomez@example.com",
        "+1 503 555 0142",
        "41 Alder Street, Apt 3, Portland, OR 97201",
        "1986-04-12",
        "Prefers late-afternoon sessions. Referred by Dr. Chen.",
        &[
            ("Preferred language", "Spanish", "general"),
            ("Presenting concern", "Anxiety after a job change", "health"),
            ("Insurance plan", "Aetna PPO, member 4471-220", "payment"),
            (
                "Emergency contact",
                "Luis Gomez, +1 503 555 0199",
                "contact",
            ),
        ],
    ),
    (
        "James O'Connor",
        "jim.oconnor@example.net",
        "(617) 555-0117",
        "12 Harbor View Road, Boston, MA 02110",
        "1972-11-03",
        "Pays by invoice at month end. Ask before calling his office line.",
        &[
            ("Billing account", "BPT-0931, invoiced monthly", "payment"),
            ("Sessions per month", "2", "general"),
        ],
    ),
    (
        "Priya Raman",
        "priya.r@example.org",
        "+44 20 7946 0321",
        "Flat 5, 18 Elm Row, Edinburgh EH7 4AA",
        "1994-07-28",
        "New client; wants a welcome pack before the first session.",
        &[
            ("Preferred name", "Pri", "identity"),
            (
                "How she found us",
                "Search, then the website chat",
                "general",
            ),
        ],
    ),
];

/// (title, instructions, client index, provider index in DEMO_MEMBERS,
/// fields to disclose by label)
type DemoTask = (
    &'static str,
    &'static str,
    Option<usize>,
    Option<usize>,
    &'static [&'static str],
);

const DEMO_TASKS: [DemoTask; 4] = [
    (
        "Book the intake call",
        "Book a 50-minute intake call in the next two weeks.\n\n\
         - Offer late-afternoon slots first.\n\
         - If they don't answer, try again at +1 503 555 0142 the next day.\n\n\
         **Outcome:** intake booked in the calendar.",
        Some(0),
        Some(1),
        &["Preferred language", "Presenting concern"],
    ),
    (
        "Reconcile October invoices",
        "Match October's session invoices against payments received.\n\n\
         Questions about the account go to the owner, not to the client (jim.oconnor@example.net).\n\n\
         **Outcome:** invoices reconciled, differences listed.",
        Some(1),
        Some(2),
        &["Billing account", "Sessions per month"],
    ),
    (
        "Draft the welcome letter",
        "Write a warm one-page welcome letter for a new client.\n\n\
         Use the preferred name. Mention what to expect in the first session.\n\n\
         **Outcome:** letter ready for the owner to review.",
        Some(2),
        Some(2),
        &["Preferred name", "How she found us"],
    ),
    (
        "Update the intake checklist",
        "Review the intake checklist and suggest what to cut.",
        None,
        None,
        &[],
    ),
];

/// The demo's clients and tasks, made through the use cases an owner's
/// requests go through, so the demo obeys every rule the product does.
async fn seed_clients_and_tasks(db: &Database, workspace_id: i64, now_ms: i64) -> Result<()> {
    let members: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, email FROM members WHERE workspace_id = $1 ORDER BY id")
            .bind(workspace_id)
            .fetch_all(db.pool())
            .await?;
    let member = |i: usize| {
        members
            .iter()
            .find(|(_, email)| email == DEMO_MEMBERS[i].0)
            .map(|(id, _)| *id)
            .ok_or_else(|| crate::Error::Internal("demo member missing".into()))
    };
    let owner = crate::Actor {
        member_id: member(0)?,
        workspace_id,
        role: Role::Owner,
        token_hash: String::new(),
        needs_two_factor_setup: false,
    };
    let mut client_ids = Vec::new();
    for (name, email, phone, address, dob, notes, custom) in DEMO_CLIENTS {
        let input = handoff::ClientInput {
            name: name.into(),
            email: email.into(),
            phone: phone.into(),
            address: address.into(),
            date_of_birth: dob.into(),
            notes: notes.into(),
        };
        let id = crate::clients::create(db, &owner, &input, now_ms).await?;
        for (label, value, kind) in custom {
            crate::clients::save_field(db, &owner, id, None, (label, value, kind), now_ms).await?;
        }
        client_ids.push(id);
    }
    for (title, instructions, client, provider, disclose) in DEMO_TASKS {
        let input = handoff::TaskInput {
            title: title.into(),
            instructions: instructions.into(),
            client_id: client
                .map(|c| client_ids[c].to_string())
                .unwrap_or_default(),
            assignee_id: match provider {
                Some(p) => member(p)?.to_string(),
                None => String::new(),
            },
        };
        let task_id = crate::tasks::create(db, &owner, &input, now_ms).await?;
        if let Some(c) = client {
            let record = crate::clients::record(db, &owner, client_ids[c]).await?;
            let keys: Vec<String> = record
                .fields()
                .into_iter()
                .filter(|(_, label, _, _)| disclose.contains(&label.as_str()))
                .map(|(field, _, _, _)| field.key())
                .collect();
            crate::disclosure::set(db, &owner, task_id, &keys, true, now_ms).await?;
        }
    }
    Ok(())
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
    crate::Error::Internal(e.to_string())
}
