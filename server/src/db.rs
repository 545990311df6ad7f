//! One storage layer over two engines: an SQLite file by default, PostgreSQL
//! when `DATABASE_URL` names one. Queries are written once, in the SQL both
//! engines share (`$1` placeholders, `RETURNING`, `ON CONFLICT`), and run
//! through sqlx's `Any` driver; only the migrations differ per engine.

use crate::error::Result;
use crate::lens::looks::LookQueue;
use crate::lens::workspace::SecretsCache;
use handoff::DatabaseKind;
use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// WAL lets readers run beside the one writer; the busy timeout makes a second
/// writer wait instead of failing; foreign keys are off in SQLite unless asked.
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; \
     PRAGMA synchronous = NORMAL; \
     PRAGMA foreign_keys = ON; \
     PRAGMA busy_timeout = 5000; \
     PRAGMA secure_delete = ON;";

/// A checked `DATABASE_URL`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatabaseUrl {
    kind: DatabaseKind,
    url: String,
}

impl DatabaseUrl {
    /// The embedded default: a file under `./data/`, created on first start.
    pub const DEFAULT: &'static str = "sqlite://data/handoff.db";

    /// Accepts `sqlite:PATH`, `sqlite://PATH` and `postgres://…` /
    /// `postgresql://…`. The error is a sentence for the operator.
    pub fn parse(raw: &str) -> std::result::Result<Self, String> {
        let raw = raw.trim();
        if let Some(rest) = raw.strip_prefix("sqlite:") {
            let rest = rest.strip_prefix("//").unwrap_or(rest);
            let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
            if path.is_empty() {
                return Err(
                    "an sqlite URL needs a file path, e.g. sqlite://data/handoff.db".into(),
                );
            }
            // Create the file on first start unless the operator chose a mode.
            let query = if query.split('&').any(|p| p.starts_with("mode=")) {
                query.to_string()
            } else if query.is_empty() {
                "mode=rwc".to_string()
            } else {
                format!("{query}&mode=rwc")
            };
            return Ok(Self {
                kind: DatabaseKind::Sqlite,
                url: format!("sqlite://{path}?{query}"),
            });
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            let after_scheme = raw.split_once("://").map(|(_, r)| r).unwrap_or("");
            if after_scheme.is_empty() {
                return Err(
                    "a postgres URL needs a host, e.g. postgres://user:pass@localhost/handoff"
                        .into(),
                );
            }
            return Ok(Self {
                kind: DatabaseKind::Postgres,
                url: raw.to_string(),
            });
        }
        Err("must start with sqlite: or postgres:// (e.g. sqlite://data/handoff.db)".into())
    }

    pub fn kind(&self) -> DatabaseKind {
        self.kind
    }

    /// The URL with any password masked, safe for logs.
    pub fn redacted(&self) -> String {
        let Some((scheme, rest)) = self.url.split_once("://") else {
            return self.url.clone();
        };
        match rest.split_once('@') {
            Some((userinfo, host)) => {
                let user = userinfo.split(':').next().unwrap_or("");
                format!("{scheme}://{user}:***@{host}")
            }
            None => self.url.clone(),
        }
    }

    /// The SQLite file this URL names, if any.
    fn sqlite_file(&self) -> Option<PathBuf> {
        let rest = self.url.strip_prefix("sqlite://")?;
        let path = rest.split('?').next().unwrap_or(rest);
        (path != ":memory:").then(|| PathBuf::from(path))
    }
}

/// A pool on one of the two engines. Cheap to clone.
#[derive(Clone)]
pub struct Database {
    pool: AnyPool,
    kind: DatabaseKind,
    /// PostgreSQL's URL, for the live-update listener's own connection.
    listen_url: Option<Arc<str>>,
    /// SQLite: rung by `live::publish` so this process's hub reads new
    /// hints (one server per SQLite file; PostgreSQL uses NOTIFY).
    live_wake: Arc<Notify>,
    /// Woken when a write put mail in the outbox (this server's sender).
    mail_wake: Arc<Notify>,
    /// Looks at disclosed data not yet written (R8, `lens::looks`).
    looks: LookQueue,
    /// Workspaces' compiled client values (`lens::workspace`).
    secrets: SecretsCache,
}

impl std::fmt::Debug for Database {
    // Never the URL: it may hold a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database")
            .field("kind", &self.kind)
            .finish()
    }
}

impl Database {
    pub async fn connect(url: &DatabaseUrl) -> Result<Self> {
        install_default_drivers();
        if let Some(file) = url.sqlite_file() {
            ensure_parent_dir(&file)?;
        }
        let options = AnyPoolOptions::new()
            .max_connections(match url.kind {
                DatabaseKind::Sqlite => 8,
                DatabaseKind::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(10));
        let options = match url.kind {
            // A file in this process cannot drop a connection the way a
            // database server can: no ping (a round trip to the connection's
            // thread) before each of a page's queries.
            DatabaseKind::Sqlite => {
                options
                    .test_before_acquire(false)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            conn.execute(SQLITE_PRAGMAS).await?;
                            Ok(())
                        })
                    })
            }
            DatabaseKind::Postgres => options,
        };
        let pool = options.connect(&url.url).await?;
        Ok(Self {
            pool,
            kind: url.kind,
            listen_url: (url.kind == DatabaseKind::Postgres).then(|| Arc::from(url.url.as_str())),
            live_wake: Arc::new(Notify::new()),
            mail_wake: Arc::new(Notify::new()),
            looks: LookQueue::default(),
            secrets: SecretsCache::default(),
        })
    }

    /// Brings the schema up to date; safe to run on every start and from
    /// several app servers at once (sqlx takes a lock on PostgreSQL).
    pub async fn migrate(&self) -> Result<()> {
        let migrator = match self.kind {
            DatabaseKind::Sqlite => &SQLITE_MIGRATIONS,
            DatabaseKind::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await?;
        Ok(())
    }

    pub fn kind(&self) -> DatabaseKind {
        self.kind
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub(crate) fn listen_url(&self) -> Option<&str> {
        self.listen_url.as_deref()
    }

    pub(crate) fn secrets_cache(&self) -> &SecretsCache {
        &self.secrets
    }

    pub(crate) fn look_queue(&self) -> &LookQueue {
        &self.looks
    }

    pub(crate) fn live_wake(&self) -> &Notify {
        &self.live_wake
    }

    pub(crate) fn mail_wake(&self) -> &Notify {
        &self.mail_wake
    }

    pub(crate) fn live_wake_handle(&self) -> Arc<Notify> {
        self.live_wake.clone()
    }

    /// A transaction for work that writes. On SQLite it takes the write lock
    /// up front (`BEGIN IMMEDIATE`): a deferred transaction that reads and
    /// then writes fails at once with SQLITE_BUSY when another writer got in
    /// between, whatever the busy timeout.
    pub async fn begin_write(&self) -> Result<Transaction<'static, Any>> {
        let tx = match self.kind {
            DatabaseKind::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            DatabaseKind::Postgres => self.pool.begin().await?,
        };
        Ok(tx)
    }

    /// Creates a PostgreSQL database beside this one (test and operator
    /// tooling). Only lower-case letters, digits and `_` are accepted.
    pub async fn create_database(&self, name: &str) -> Result<()> {
        let name = admin_identifier(name)?;
        self.pool
            .execute(format!("CREATE DATABASE {name}").as_str())
            .await?;
        Ok(())
    }

    /// Drops a PostgreSQL database even while a closed pool's connections
    /// are still winding down on the server (PostgreSQL 13+).
    pub async fn drop_database(&self, name: &str) -> Result<()> {
        let name = admin_identifier(name)?;
        self.pool
            .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
            .await?;
        Ok(())
    }

    /// SQLite's journal mode and foreign-key switch, as one connection sees
    /// them: what the storage tests check.
    pub async fn sqlite_settings(&self) -> Result<(String, bool)> {
        let mut conn = self.pool.acquire().await?;
        let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut *conn)
            .await?;
        let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&mut *conn)
            .await?;
        Ok((journal, foreign_keys == 1))
    }

    /// After an erasure: SQLite moves the write-ahead log's pages into the
    /// database file (where `secure_delete` has zeroed the freed ones) and
    /// truncates the log. PostgreSQL keeps old row versions until VACUUM.
    pub async fn checkpoint(&self) -> Result<()> {
        if self.kind == DatabaseKind::Sqlite {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// SQLite's `secure_delete` setting, as one connection sees it.
    pub async fn sqlite_secure_delete(&self) -> Result<bool> {
        let on: i64 = sqlx::query_scalar("PRAGMA secure_delete")
            .fetch_one(&self.pool)
            .await?;
        Ok(on == 1)
    }

    /// Every (table, column) of the schema that holds text, for the erasure
    /// registry's test.
    pub async fn text_columns(&self) -> Result<Vec<(String, String)>> {
        let sql = match self.kind {
            DatabaseKind::Sqlite => {
                "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
                 AND (UPPER(p.type) LIKE '%TEXT%' OR UPPER(p.type) LIKE '%CHAR%' OR UPPER(p.type) LIKE '%CLOB%' OR p.type = '') \
                 ORDER BY m.name, p.cid"
            }
            DatabaseKind::Postgres => {
                "SELECT table_name::TEXT, column_name::TEXT FROM information_schema.columns \
                 WHERE table_schema = current_schema() \
                 AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') \
                 ORDER BY table_name, ordinal_position"
            }
        };
        Ok(sqlx::query_as(sql).fetch_all(&self.pool).await?)
    }

    /// Runs one statement of the caller's (tests that change the schema).
    pub async fn execute_raw(&self, sql: &str) -> Result<()> {
        self.pool.execute(sql).await?;
        Ok(())
    }

    /// Writes the looks still queued, then closes every connection.
    pub async fn close(&self) {
        if let Err(e) = crate::lens::looks::flush(self).await {
            tracing::error!(error = %e.chain(), "could not write the last looks at disclosed data");
        }
        self.pool.close().await;
    }
}

fn admin_identifier(name: &str) -> Result<&str> {
    let ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(name)
    } else {
        Err(crate::Error::internal(format!(
            "not a plain identifier: {name:?}"
        )))
    }
}

fn ensure_parent_dir(file: &Path) -> Result<()> {
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| crate::Error::internal(format!("cannot create {}: {e}", dir.display())))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_create_the_file_unless_a_mode_is_given() {
        let url = DatabaseUrl::parse("sqlite://data/handoff.db").unwrap();
        assert_eq!(url.kind(), DatabaseKind::Sqlite);
        assert_eq!(url.url, "sqlite://data/handoff.db?mode=rwc");
        let url = DatabaseUrl::parse("sqlite:x.db?mode=ro").unwrap();
        assert_eq!(url.url, "sqlite://x.db?mode=ro");
        let url = DatabaseUrl::parse("sqlite:x.db?cache=shared").unwrap();
        assert_eq!(url.url, "sqlite://x.db?cache=shared&mode=rwc");
        assert_eq!(url.sqlite_file(), Some(PathBuf::from("x.db")));
    }

    #[test]
    fn postgres_urls_are_kept_and_their_password_masked_in_logs() {
        let url = DatabaseUrl::parse("postgres://handoff:s3cret@db:5432/handoff").unwrap();
        assert_eq!(url.kind(), DatabaseKind::Postgres);
        assert_eq!(url.redacted(), "postgres://handoff:***@db:5432/handoff");
        assert!(!url.redacted().contains("s3cret"));
        assert_eq!(url.sqlite_file(), None);
    }

    #[test]
    fn other_urls_are_refused_with_a_hint() {
        for bad in [
            "",
            "mysql://x/y",
            "data/handoff.db",
            "sqlite:",
            "postgres://",
        ] {
            let err = DatabaseUrl::parse(bad).unwrap_err();
            assert!(err.contains("e.g."), "{bad:?}: {err}");
        }
    }
}
