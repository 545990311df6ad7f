//! The storage suite: the same tests on SQLite and on PostgreSQL.

mod support;

use handoff::DatabaseKind;
use handoff_server::{demo, status};
use support::{hasher, TestDb};

fn newest_migration(kind: DatabaseKind) -> i64 {
    let dir = match kind {
        DatabaseKind::Sqlite => "migrations/sqlite",
        DatabaseKind::Postgres => "migrations/postgres",
    };
    std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
        .expect("migrations folder")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.split('_').next()?.parse::<i64>().ok()
        })
        .max()
        .expect("at least one migration")
}

#[tokio::test]
async fn migrations_apply_once_and_rerun_as_a_no_op() {
    let t = TestDb::new().await;
    t.db.migrate().await.expect("a second run changes nothing");
    let status = status::service_status(&t.db).await.unwrap();
    assert_eq!(status.database, t.db.kind());
    assert_eq!(status.schema_version, newest_migration(t.db.kind()));
    t.finish().await;
}

#[tokio::test]
async fn the_demo_workspace_is_seeded_into_an_empty_database_only() {
    let t = TestDb::new().await;
    assert!(demo::seed_if_empty(&t.db, &hasher(), 1_700_000_000_000)
        .await
        .unwrap());
    assert!(!demo::seed_if_empty(&t.db, &hasher(), 1_700_000_000_001)
        .await
        .unwrap());
    assert_eq!(
        demo::workspace_names(&t.db).await.unwrap(),
        vec![demo::DEMO_WORKSPACE.to_string()]
    );
    t.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn servers_seeding_at_once_seed_once() {
    let t = TestDb::new().await;
    let seeds: Vec<_> = (0..6)
        .map(|i| {
            let db = t.db.clone();
            let hasher = hasher();
            tokio::spawn(
                async move { demo::seed_if_empty(&db, &hasher, 1_700_000_000_000 + i).await },
            )
        })
        .collect();
    let mut seeded = 0;
    for seed in seeds {
        if seed.await.unwrap().expect("no seeding attempt may fail") {
            seeded += 1;
        }
    }
    assert_eq!(seeded, 1);
    assert_eq!(demo::workspace_names(&t.db).await.unwrap().len(), 1);
    t.finish().await;
}

/// A write transaction that reads first and writes after must not fail when
/// others write at the same time (on SQLite this is what BEGIN IMMEDIATE buys).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_read_then_write_transactions_all_commit() {
    let t = TestDb::new().await;
    let writers: Vec<_> = (0..24)
        .map(|i| {
            let db = t.db.clone();
            tokio::spawn(async move {
                let mut tx = db.begin_write().await?;
                let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM workspaces")
                    .fetch_one(&mut *tx)
                    .await?;
                tokio::task::yield_now().await;
                sqlx::query(
                    "INSERT INTO workspaces (name, time_zone, currency, created_at) \
                     VALUES ($1, 'UTC', 'EUR', $2)",
                )
                .bind(format!("Writer {i} saw {n}"))
                .bind(i64::from(i))
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok::<_, handoff_server::Error>(())
            })
        })
        .collect();
    for writer in writers {
        writer.await.unwrap().expect("every writer commits");
    }
    assert_eq!(demo::workspace_names(&t.db).await.unwrap().len(), 24);
    t.finish().await;
}

#[tokio::test]
async fn a_rolled_back_write_leaves_nothing() {
    let t = TestDb::new().await;
    let mut tx = t.db.begin_write().await.unwrap();
    sqlx::query(
        "INSERT INTO workspaces (name, time_zone, currency, created_at) \
         VALUES ('Gone', 'UTC', 'EUR', 0)",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.rollback().await.unwrap();
    assert!(demo::workspace_names(&t.db).await.unwrap().is_empty());
    t.finish().await;
}

#[tokio::test]
async fn the_schema_refuses_an_invalid_currency() {
    let t = TestDb::new().await;
    let mut tx = t.db.begin_write().await.unwrap();
    let result = sqlx::query(
        "INSERT INTO workspaces (name, time_zone, currency, created_at) \
         VALUES ('X', 'UTC', 'EURO', 0)",
    )
    .execute(&mut *tx)
    .await;
    assert!(result.is_err(), "a four-letter currency must be refused");
    drop(tx);
    t.finish().await;
}

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_foreign_keys_on() {
    let t = TestDb::new().await;
    match t.db.kind() {
        DatabaseKind::Sqlite => {
            let (journal, foreign_keys) = t.db.sqlite_settings().await.unwrap();
            assert_eq!(journal, "wal");
            assert!(foreign_keys);
        }
        DatabaseKind::Postgres => {
            assert!(t.db.sqlite_settings().await.is_err(), "not an SQLite pool");
        }
    }
    t.finish().await;
}
