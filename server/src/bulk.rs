//! Many values bound as one parameter, a JSON array, so a query's text is
//! the same however many there are — no placeholders counted by hand — on
//! both engines: SQLite reads the array with `json_each`, PostgreSQL with
//! `json_array_elements`. Both name each element `value`.

use crate::error::{Context, Result};
use serde_json::Value;

fn postgres(conn: &sqlx::AnyConnection) -> bool {
    conn.backend_name().eq_ignore_ascii_case("postgresql")
}

/// The rows of the JSON array in parameter `$n`, each as `value`.
fn elements(postgres: bool, n: usize) -> String {
    if postgres {
        format!("json_array_elements(CAST(${n} AS JSON))")
    } else {
        format!("json_each(${n})")
    }
}

/// A set of ids for `IN (…)`.
pub(crate) struct IdSet {
    json: String,
    postgres: bool,
}

impl IdSet {
    pub(crate) fn new(conn: &sqlx::AnyConnection, ids: &[i64]) -> IdSet {
        let list: Vec<String> = ids.iter().map(i64::to_string).collect();
        IdSet {
            json: format!("[{}]", list.join(",")),
            postgres: postgres(conn),
        }
    }

    /// The subquery listing the ids, read from parameter `$n`.
    pub(crate) fn sql(&self, n: usize) -> String {
        let from = elements(self.postgres, n);
        if self.postgres {
            format!("SELECT CAST(value #>> '{{}}' AS BIGINT) FROM {from}")
        } else {
            format!("SELECT value FROM {from}")
        }
    }

    pub(crate) fn json(&self) -> &str {
        &self.json
    }
}

/// A column of a bulk insert and how its JSON value is read.
#[derive(Clone, Copy)]
pub(crate) enum Column {
    Int(&'static str),
    Text(&'static str),
}

/// Inserts `rows` (JSON objects keyed by column name) into `table` in one
/// statement. Table and column names come from the code, never from input.
pub(crate) async fn insert(
    conn: &mut sqlx::AnyConnection,
    table: &'static str,
    columns: &[Column],
    rows: &[Value],
) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let pg = postgres(conn);
    let mut names = Vec::with_capacity(columns.len());
    let mut reads = Vec::with_capacity(columns.len());
    for column in columns {
        let (name, sql_type) = match column {
            Column::Int(name) => (*name, if pg { "BIGINT" } else { "INTEGER" }),
            Column::Text(name) => (*name, "TEXT"),
        };
        names.push(name);
        reads.push(if pg {
            format!("CAST(value ->> '{name}' AS {sql_type})")
        } else {
            format!("CAST(json_extract(value, '$.{name}') AS {sql_type})")
        });
    }
    let json = serde_json::to_string(rows).context("writing rows for a bulk insert")?;
    sqlx::query(&format!(
        "INSERT INTO {table} ({}) SELECT {} FROM {}",
        names.join(", "),
        reads.join(", "),
        elements(pg, 1)
    ))
    .bind(json)
    .execute(conn)
    .await?;
    Ok(())
}
