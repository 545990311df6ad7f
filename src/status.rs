//! What the service reports about itself on the public status card.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The storage engine behind this deployment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DatabaseKind {
    Sqlite,
    Postgres,
}

impl fmt::Display for DatabaseKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DatabaseKind::Sqlite => "SQLite",
            DatabaseKind::Postgres => "PostgreSQL",
        })
    }
}

/// A health reading taken by the server. It names no tenant and no person:
/// anyone may see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceStatus {
    pub database: DatabaseKind,
    /// The newest migration applied to the database.
    pub schema_version: i64,
    /// How long one round trip to the database took, in microseconds.
    pub round_trip_micros: u64,
}

impl ServiceStatus {
    /// A round trip in the unit a person reads at a glance.
    pub fn round_trip_label(&self) -> String {
        let micros = self.round_trip_micros;
        if micros < 1_000 {
            format!("{micros} µs")
        } else if micros < 10_000 {
            // Integer arithmetic: float formatting would add ~15 KB of wasm.
            format!("{}.{} ms", micros / 1_000, (micros % 1_000) / 100)
        } else {
            format!("{} ms", micros / 1_000)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(round_trip_micros: u64) -> ServiceStatus {
        ServiceStatus {
            database: DatabaseKind::Sqlite,
            schema_version: 1,
            round_trip_micros,
        }
    }

    #[test]
    fn round_trip_reads_in_the_nearest_unit() {
        assert_eq!(status(420).round_trip_label(), "420 µs");
        assert_eq!(status(1_250).round_trip_label(), "1.2 ms");
        assert_eq!(status(48_900).round_trip_label(), "48 ms");
    }

    #[test]
    fn database_kinds_read_as_their_product_names() {
        assert_eq!(DatabaseKind::Sqlite.to_string(), "SQLite");
        assert_eq!(DatabaseKind::Postgres.to_string(), "PostgreSQL");
    }
}
