//! The test kit shared by the server's and the app's suites (feature
//! `testkit`, turned on only by their dev-dependencies): a fresh database
//! per test on the engine `HANDOFF_TEST_DATABASE_URL` names, removed when it
//! is dropped; capabilities for members made through the real use cases;
//! and a test world with a member in every role, clients with a value in
//! every field, and tasks in every state.

use crate::accounts::{self, SignUp};
use crate::caller::{Member, Owner, Provider};
use crate::{team, Actor, Database, DatabaseUrl, PasswordHasher};
use handoff::{ClientInput, TaskInput};
use std::sync::atomic::{AtomicU32, Ordering};

pub const PASSWORD: &str = "test kit password 1";

pub fn hasher() -> PasswordHasher {
    PasswordHasher::new(2)
}

/// The capability a test member holds.
pub fn owner(actor: &Actor) -> Owner {
    assert!(actor.is_owner(), "the test kit made an owner of a provider");
    Owner(actor.clone())
}

pub fn provider(actor: &Actor) -> Provider {
    assert!(
        !actor.is_owner(),
        "the test kit made a provider of an owner"
    );
    Provider(actor.clone())
}

pub fn member(actor: &Actor) -> Member {
    Member::from_actor(actor.clone())
}

/// The key that seals second-factor secrets in tests.
pub fn install_test_key() {
    crate::secrets::install(crate::secrets::SecretKey::from_bytes([42; 32]));
}

/// A database of its own for one test; dropped with the test.
pub struct TestDb {
    pub db: Database,
    /// The test database's URL, for tests that look at what is stored.
    pub url: String,
    postgres: Option<(String, String)>,
    file: Option<std::path::PathBuf>,
}

fn unique_name() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "handoff_t_{}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed),
        nanos
    )
}

impl TestDb {
    pub async fn new() -> TestDb {
        install_test_key();
        let base = std::env::var("HANDOFF_TEST_DATABASE_URL").unwrap_or_default();
        let name = unique_name();
        if base.starts_with("postgres") {
            let admin = Database::connect(&DatabaseUrl::parse(&base).expect("test URL"))
                .await
                .expect("connect to the PostgreSQL test server");
            admin
                .create_database(&name)
                .await
                .expect("create a test database");
            admin.close().await;
            let url = with_database(&base, &name);
            let db = Database::connect(&DatabaseUrl::parse(&url).expect("test URL"))
                .await
                .expect("connect to the test database");
            db.migrate().await.expect("migrations");
            TestDb {
                db,
                url,
                postgres: Some((base, name)),
                file: None,
            }
        } else {
            let file = std::env::temp_dir().join(format!("{name}.db"));
            let url = format!("sqlite://{}", file.display());
            let db = Database::connect(&DatabaseUrl::parse(&url).expect("test URL"))
                .await
                .expect("open the test SQLite file");
            db.migrate().await.expect("migrations");
            TestDb {
                db,
                url,
                postgres: None,
                file: Some(file),
            }
        }
    }

    /// Closes the pool and removes the database now (dropping does the same
    /// from a thread of its own).
    pub async fn finish(mut self) {
        self.db.close().await;
        if let Some((base, name)) = self.postgres.take() {
            drop_postgres(&base, &name).await;
        }
        if let Some(file) = self.file.take() {
            remove_sqlite(&file);
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            remove_sqlite(&file);
        }
        if let Some((base, name)) = self.postgres.take() {
            let db = self.db.clone();
            // Drop runs inside the test's runtime, which cannot be blocked
            // on: a thread of its own with a small runtime drops the database.
            let _ = std::thread::spawn(move || {
                if let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    rt.block_on(async {
                        db.close().await;
                        drop_postgres(&base, &name).await;
                    });
                }
            })
            .join();
        }
    }
}

fn remove_sqlite(file: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
}

async fn drop_postgres(base: &str, name: &str) {
    let Ok(url) = DatabaseUrl::parse(base) else {
        return;
    };
    let Ok(admin) = Database::connect(&url).await else {
        return;
    };
    // A just-closed pool or an autovacuum worker may still hold the
    // database for a moment: try again before giving up.
    for _ in 0..20 {
        if admin.drop_database(name).await.is_ok() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    admin.close().await;
}

/// The same server URL with another database name in its path.
fn with_database(url: &str, name: &str) -> String {
    let (before_query, query) = url.split_once('?').unwrap_or((url, ""));
    let scheme_end = before_query.find("://").map(|i| i + 3).unwrap_or(0);
    let host_end = before_query[scheme_end..]
        .find('/')
        .map(|i| scheme_end + i)
        .unwrap_or(before_query.len());
    let mut out = format!("{}/{name}", &before_query[..host_end]);
    if !query.is_empty() {
        out.push('?');
        out.push_str(query);
    }
    out
}

/// Signs up a new workspace; its first owner.
pub async fn sign_up(db: &Database, workspace: &str, email: &str, now: i64) -> Actor {
    accounts::sign_up(
        db,
        &hasher(),
        SignUp {
            workspace_name: workspace.into(),
            time_zone: "America/New_York".into(),
            currency: "USD".into(),
            display_name: format!("Owner of {workspace}"),
            email: email.into(),
            password: PASSWORD.into(),
        },
        "10.0.0.1",
        now,
    )
    .await
    .expect("sign up")
    .actor
}

/// A member invited by `owner` and joined.
pub async fn join(
    db: &Database,
    owner: &Actor,
    email: &str,
    role: &str,
    name: &str,
    now: i64,
) -> Actor {
    let inv = team::invite(db, &self::owner(owner), email, role, now)
        .await
        .expect("invite");
    team::accept(
        db,
        &hasher(),
        &inv.token,
        team::Acceptance {
            display_name: name.into(),
            time_zone: "Europe/Lisbon".into(),
            password: PASSWORD.into(),
        },
        now,
    )
    .await
    .expect("accept")
    .actor
}

/// A client with a value in every built-in field.
pub fn client_input(name: &str, tag: &str) -> ClientInput {
    ClientInput {
        name: name.into(),
        email: format!("{tag}@mail.example"),
        phone: "+1 555 014 2233".into(),
        address: format!("12 {tag} Street, Springfield"),
        date_of_birth: "1984-03-27".into(),
        notes: format!("Prefers mornings. Her {tag} file is in the blue folder."),
    }
}

/// A task for `assignee` (and `client`, if any).
pub fn task_input(title: &str, client: Option<i64>, assignee: Option<&Actor>) -> TaskInput {
    TaskInput {
        title: title.into(),
        instructions: format!("{title}: see the playbook."),
        client_id: client.map(|c| c.to_string()).unwrap_or_default(),
        assignee_id: assignee
            .map(|a| a.member_id().to_string())
            .unwrap_or_default(),
        criteria: "Done well\nOn time".into(),
        outcome_kind: "intake booked".into(),
        outcome_target: "1 call".into(),
        price_kind: "fixed".into(),
        price: "120".into(),
        ..TaskInput::default()
    }
}

/// A workspace with an owner, two providers and a second workspace's owner,
/// and one client with a value in every field.
pub struct World {
    pub owner_actor: Actor,
    pub owner: Owner,
    pub ava_actor: Actor,
    pub ava: Provider,
    pub ben_actor: Actor,
    pub ben: Provider,
    pub stranger_actor: Actor,
    pub stranger: Owner,
    pub client: i64,
}

impl World {
    pub async fn build(db: &Database, now: i64) -> World {
        let owner_actor = sign_up(db, "Bright Path", "owner@bright.example", now).await;
        let ava_actor = join(
            db,
            &owner_actor,
            "ava@bright.example",
            "provider",
            "Ava Reyes",
            now,
        )
        .await;
        let ben_actor = join(
            db,
            &owner_actor,
            "ben@bright.example",
            "provider",
            "Ben Okafor",
            now,
        )
        .await;
        let stranger_actor = sign_up(db, "Elsewhere", "owner@elsewhere.example", now).await;
        let owner = owner(&owner_actor);
        let client = crate::clients::create(db, &owner, &client_input("Maria Gomez", "maria"), now)
            .await
            .expect("client");
        World {
            ava: provider(&ava_actor),
            ben: provider(&ben_actor),
            stranger: self::owner(&stranger_actor),
            owner,
            owner_actor,
            ava_actor,
            ben_actor,
            stranger_actor,
            client,
        }
    }
}

/// A client portal's event-stream subscriber from bare ids, for tests of
/// the hub that have no portal session at hand.
pub fn portal_subscriber(workspace_id: i64, client_id: i64) -> crate::live::Subscriber {
    crate::live::Subscriber::client(workspace_id, client_id)
}

/// Publishes one live hint through a write unit of its own, as a use case
/// that changed nothing else would.
pub async fn publish(db: &Database, hint: crate::live::Hint, now: i64) {
    let mut unit = db
        .write(&crate::unit::Nobody, now)
        .await
        .expect("a write unit");
    unit.tell(hint);
    unit.commit().await.expect("the hint is published");
}

/// Holds writes to `table` until dropped (rolled back): a transaction that
/// took the write lock (SQLite: the whole database) or an exclusive table
/// lock (PostgreSQL: reads still pass). A request that writes to the table
/// meanwhile waits, as it would behind a stuck writer.
pub async fn hold_writes(db: &Database, table: &str) -> sqlx::Transaction<'static, sqlx::Any> {
    assert!(
        table.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
        "a table name"
    );
    let mut tx = db.begin_write().await.expect("a write transaction");
    if db.kind() == handoff::DatabaseKind::Postgres {
        sqlx::query(&format!("LOCK TABLE {table} IN EXCLUSIVE MODE"))
            .execute(&mut *tx)
            .await
            .expect("lock the table");
    }
    tx
}

/// Writes a portal session row as an exchange that raced a revocation
/// would have: after the revocation ended the client's sessions.
pub async fn restore_portal_session(db: &Database, token: &str, client_id: i64, at: i64) {
    let workspace_id: i64 = sqlx::query_scalar("SELECT workspace_id FROM clients WHERE id = $1")
        .bind(client_id)
        .fetch_one(db.pool())
        .await
        .expect("the client");
    sqlx::query(
        "INSERT INTO portal_sessions (token_hash, client_id, workspace_id, created_at, \
         last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)",
    )
    .bind(crate::session::token_hash(token))
    .bind(client_id)
    .bind(workspace_id)
    .bind(at)
    .bind(at + crate::portal::SESSION_MS)
    .execute(db.pool())
    .await
    .expect("a session row");
}
