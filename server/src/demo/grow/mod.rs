//! The bench's workspace (`.ci/bench`): the demo workspace grown to a given
//! size through bulk SQL — providers, clients with a value in every field,
//! tasks with disclosures, team threads and audit events — every row as
//! the use cases would write it, so every constraint holds. Values are
//! drawn from a fixed seed: two runs grow the same workspace.

use crate::bulk::{self, Column};
use crate::error::{Error, Result};
use crate::Database;
use handoff::Alias;
use serde_json::{json, Value};
use std::collections::HashSet;

mod work;

/// How large to grow the demo workspace (totals, demo rows included).
#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub providers: usize,
    pub clients: usize,
    pub tasks: usize,
    pub messages: usize,
    pub audit_events: usize,
}

/// Rows per statement: a few hundred kilobytes of JSON.
const CHUNK: usize = 2_000;

const FIRST: &[&str] = &[
    "Amara",
    "Bjørn",
    "Chen",
    "Dmitri",
    "Elena",
    "Farah",
    "Giulia",
    "Hiroshi",
    "Ingrid",
    "José",
    "Kwame",
    "Leila",
    "Mateus",
    "Nadia",
    "Oluwaseun",
    "Priya",
    "Quentin",
    "Rania",
    "Søren",
    "Tomasz",
    "Ursula",
    "Vikram",
    "Wanjiru",
    "Xavier",
    "Yuki",
    "Zeynep",
];
const LAST: &[&str] = &[
    "Okafor",
    "Lindqvist",
    "Wang",
    "Petrov",
    "Ruiz-Vega",
    "Haddad",
    "Bianchi",
    "Tanaka",
    "Johansson",
    "Gonçalves",
    "Mensah",
    "Karimi",
    "Almeida",
    "Nowak",
    "Adeyemi",
    "Sharma",
    "Dubois",
    "Nasser",
    "Kjær",
    "Kowalczyk",
    "Schmidt",
    "Iyer",
    "Kamau",
    "Moreau",
    "Sato",
    "Yılmaz",
];
const STREETS: &[&str] = &[
    "Oak Street",
    "Rue de la Paix",
    "Hauptstraße",
    "Calle Mayor",
    "Via Roma",
    "King's Road",
];
const STATES: &[&str] = &[
    "assigned",
    "in_progress",
    "submitted",
    "changes_requested",
    "accepted",
];

/// A small fixed-seed generator (SplitMix64): deterministic, no crate.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

async fn count(db: &Database, sql: &str, workspace_id: i64) -> Result<usize> {
    let n: i64 = sqlx::query_scalar(sql)
        .bind(workspace_id)
        .fetch_one(db.pool())
        .await?;
    Ok(n as usize)
}

async fn insert_chunked(
    db: &Database,
    table: &'static str,
    columns: &[Column],
    rows: Vec<Value>,
) -> Result<()> {
    for chunk in rows.chunks(CHUNK) {
        let mut tx = db.begin_write().await?;
        bulk::insert(&mut tx, table, columns, chunk).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// The ids of `table`'s rows of the workspace, oldest first.
async fn ids(db: &Database, sql: &str, workspace_id: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(sql)
        .bind(workspace_id)
        .fetch_all(db.pool())
        .await?)
}

/// The grown workspace and its first provider (Ava, whose page is measured).
#[derive(Clone, Copy, Debug)]
pub struct Grown {
    pub workspace_id: i64,
    pub provider_id: i64,
    /// One of her open tasks with a client and a disclosure (her task page).
    pub task_id: i64,
}

/// Grows the (first) demo workspace to `size`; what it holds already
/// counts, so a second run adds nothing.
pub async fn grow(db: &Database, size: &Size, now: i64) -> Result<Grown> {
    let (ws, owner_id): (i64, i64) =
        sqlx::query_as("SELECT workspace_id, id FROM members WHERE email = 'owner@demo.test'")
            .fetch_optional(db.pool())
            .await?
            .ok_or_else(|| {
                Error::internal("no demo workspace to grow: start with HANDOFF_DEMO=1")
            })?;
    let (hash, zone): (String, String) = sqlx::query_as(
        "SELECT password_hash, time_zone FROM members WHERE email = 'ava@demo.test'",
    )
    .fetch_one(db.pool())
    .await?;
    let mut draw = Draw(0x4841_4e44_4f46_4621);

    let have = count(
        db,
        "SELECT COUNT(*) FROM members WHERE workspace_id = $1 AND role = 'provider'",
        ws,
    )
    .await?;
    let rows: Vec<Value> = (have..size.providers)
        .map(|i| {
            json!({"workspace_id": ws, "email": format!("provider{i}@bench.test"),
                "display_name": format!("{} {}", draw.pick(FIRST), draw.pick(LAST)),
                "role": "provider", "time_zone": zone, "password_hash": hash, "active": 1,
                "created_at": now})
        })
        .collect();
    use Column::{Int, Text};
    insert_chunked(
        db,
        "members",
        &[
            Int("workspace_id"),
            Text("email"),
            Text("display_name"),
            Text("role"),
            Text("time_zone"),
            Text("password_hash"),
            Int("active"),
            Int("created_at"),
        ],
        rows,
    )
    .await?;

    let taken: HashSet<String> = ids_text(db, ws).await?;
    let have = taken.len();
    let mut aliases = taken;
    let mut rows = Vec::new();
    for i in have..size.clients {
        let alias = loop {
            let a = Alias::generate(|| draw.next() as u8).code().to_string();
            if aliases.insert(a.clone()) {
                break a;
            }
        };
        let (first, last) = (draw.pick(FIRST), draw.pick(LAST));
        let name = format!("{first} {last}");
        rows.push(json!({"workspace_id": ws, "alias": alias, "name": name,
            "name_search": name.to_lowercase(),
            "email": format!("{}.{}{i}@example.org", first.to_lowercase(), last.to_lowercase()),
            "phone": format!("+44 20 7{:03} {:04}", i % 1000, (i * 7) % 10_000),
            "address": format!("{} {}, {}", 1 + i % 300, draw.pick(STREETS), 10_000 + i),
            "date_of_birth": format!("19{:02}-{:02}-{:02}", 40 + i % 60, 1 + i % 12, 1 + i % 28),
            "notes": format!("Prefers mornings; ask for {first}. Account {}", 700_000 + i),
            "created_at": now, "updated_at": now}));
    }
    insert_chunked(
        db,
        "clients",
        &[
            Int("workspace_id"),
            Text("alias"),
            Text("name"),
            Text("name_search"),
            Text("email"),
            Text("phone"),
            Text("address"),
            Text("date_of_birth"),
            Text("notes"),
            Int("created_at"),
            Int("updated_at"),
        ],
        rows,
    )
    .await?;
    let clients = ids(
        db,
        "SELECT id FROM clients WHERE workspace_id = $1 ORDER BY id",
        ws,
    )
    .await?;
    let fielded = count(db, "SELECT COUNT(DISTINCT f.client_id) FROM client_fields f JOIN clients c ON c.id = f.client_id WHERE c.workspace_id = $1", ws).await?;
    let rows: Vec<Value> = clients[fielded.min(clients.len())..]
        .iter()
        .map(|id| json!({"client_id": id, "label": "Gate code", "value": format!("#{}", 1000 + id % 9000), "kind": "general"}))
        .collect();
    insert_chunked(
        db,
        "client_fields",
        &[Int("client_id"), Text("label"), Text("value"), Text("kind")],
        rows,
    )
    .await?;

    let providers = ids(
        db,
        "SELECT id FROM members WHERE workspace_id = $1 AND role = 'provider' ORDER BY id",
        ws,
    )
    .await?;
    let have = count(db, "SELECT COUNT(*) FROM tasks WHERE workspace_id = $1", ws).await?;
    let mut rows = Vec::new();
    for i in have..size.tasks {
        // The first provider (Ava) holds a hundred tasks more than her share,
        // so her "My tasks" shows a full page in a small workspace too.
        let assignee = if i < have + 100 {
            providers[0]
        } else {
            providers[draw.below(providers.len())]
        };
        let client = (draw.below(10) != 0).then(|| clients[draw.below(clients.len())]);
        let state = draw.pick(STATES);
        let closed = i64::from(state == "accepted");
        let due = now + (draw.below(60 * 24) as i64 - 240) * 3_600_000;
        rows.push(json!({"workspace_id": ws, "title": format!("Follow up on booking #{}", 10_000 + i),
            "instructions": "Call the client, confirm the slot, and **note** what they need before the visit.",
            "client_id": client, "assignee_id": assignee, "state": state, "created_by": owner_id,
            "created_at": now, "updated_at": now, "criteria": "[\"Slot confirmed\",\"Needs noted\"]",
            "outcome_kind": "Booking confirmed", "due_at": due, "closed": closed,
            "due_sort": due}));
    }
    insert_chunked(
        db,
        "tasks",
        &[
            Int("workspace_id"),
            Text("title"),
            Text("instructions"),
            Int("client_id"),
            Int("assignee_id"),
            Text("state"),
            Int("created_by"),
            Int("created_at"),
            Int("updated_at"),
            Text("criteria"),
            Text("outcome_kind"),
            Int("due_at"),
            Int("closed"),
            Int("due_sort"),
        ],
        rows,
    )
    .await?;
    work::grow(db, ws, owner_id, size, now).await?;
    // The planner's statistics, as a database that grew slowly would have
    // them (PostgreSQL's autovacuum would analyze it later).
    sqlx::query("ANALYZE").execute(db.pool()).await?;
    // Provider pages compile the grown values afresh (`lens::workspace`).
    sqlx::query(
        "UPDATE workspaces SET client_values_version = client_values_version + 1 WHERE id = $1",
    )
    .bind(ws)
    .execute(db.pool())
    .await?;
    let task_id: i64 = sqlx::query_scalar(
        "SELECT t.id FROM tasks t JOIN task_disclosures d ON d.task_id = t.id \
         WHERE t.assignee_id = $1 AND t.closed = 0 ORDER BY t.id LIMIT 1",
    )
    .bind(providers[0])
    .fetch_one(db.pool())
    .await?;
    Ok(Grown {
        workspace_id: ws,
        provider_id: providers[0],
        task_id,
    })
}

async fn ids_text(db: &Database, ws: i64) -> Result<HashSet<String>> {
    Ok(
        sqlx::query_scalar("SELECT alias FROM clients WHERE workspace_id = $1")
            .bind(ws)
            .fetch_all(db.pool())
            .await?
            .into_iter()
            .collect(),
    )
}

/// One row of the bench's baseline.
#[derive(serde::Serialize)]
pub struct BareTask {
    pub id: i64,
    pub title: String,
    pub state: &'static str,
    pub client_id: Option<i64>,
    pub outcome_kind: String,
    pub due_at: Option<i64>,
}

/// The bench's baseline: the rows of a provider's "My tasks", read with
/// the page's own query but no session, lens or audit — what a bare axum +
/// sqlx handler returning them as JSON costs.
pub async fn bare_my_tasks(
    db: &Database,
    workspace_id: i64,
    member_id: i64,
) -> Result<Vec<BareTask>> {
    let mut conn = db.pool().acquire().await?;
    let tasks = crate::task::store::assigned_to(&mut conn, workspace_id, member_id, 100).await?;
    Ok(tasks
        .into_iter()
        .map(|t| BareTask {
            id: t.id,
            title: t.title,
            state: t.state.as_str(),
            client_id: t.client_id,
            outcome_kind: t.outcome_kind,
            due_at: t.due_at,
        })
        .collect())
}
