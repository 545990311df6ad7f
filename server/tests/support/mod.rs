//! A fresh database per test, on the engine `HANDOFF_TEST_DATABASE_URL`
//! names: unset or `sqlite:` runs on a new SQLite file, a `postgres://` URL
//! (to a role that may create databases) on a new PostgreSQL database. The
//! test command runs this suite once for each engine.

#![allow(dead_code)]

use handoff_server::{Database, DatabaseUrl, PasswordHasher};
use std::sync::atomic::{AtomicU32, Ordering};

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
            let db = Database::connect(&DatabaseUrl::parse(&url).unwrap())
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
            let db = Database::connect(&DatabaseUrl::parse(&url).unwrap())
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

    /// Closes the pool and removes the database. A failed test leaves its
    /// database behind for a look; the test command sweeps old ones.
    pub async fn finish(self) {
        self.db.close().await;
        if let Some((base, name)) = self.postgres {
            let admin = Database::connect(&DatabaseUrl::parse(&base).unwrap())
                .await
                .expect("reconnect to drop the test database");
            // A just-closed pool or an autovacuum worker may still hold the
            // database for a moment: try again before calling it a failure.
            let mut attempt = 0;
            while let Err(e) = admin.drop_database(&name).await {
                attempt += 1;
                assert!(attempt < 20, "drop the test database {name}: {e}");
                tokio::time::sleep(std::time::Duration::from_millis(250)).await;
            }
            admin.close().await;
        }
        if let Some(file) = self.file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
        }
    }
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

pub fn hasher() -> PasswordHasher {
    PasswordHasher::new(2)
}

/// The key sealed values use in tests (start-up installs the real one).
pub fn install_test_key() {
    handoff_server::secrets::install(handoff_server::secrets::SecretKey::from_bytes([42; 32]));
}
