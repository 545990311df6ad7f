use thiserror::Error;

/// What a use case can fail with. The web layer logs the detail and shows the
/// person a plain sentence; database text never reaches a browser.
#[derive(Debug, Error)]
pub enum Error {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migrations: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("invalid input: {0}")]
    Invalid(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
