use handoff::FieldError;
use thiserror::Error;

/// What a use case can fail with. The web layer turns each into a sentence
/// for the person; storage detail is logged, never shown.
#[derive(Debug, Error)]
pub enum Error {
    #[error("database: {0}")]
    Database(sqlx::Error),
    #[error("migrations: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("internal: {0}")]
    Internal(String),
    /// Input that cannot be accepted, field by field.
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    /// No valid session.
    #[error("not signed in")]
    Unauthenticated,
    /// An owner whose workspace requires two-factor sign-in must set it up
    /// before anything else.
    #[error("two-factor set-up required")]
    TwoFactorSetupRequired,
    /// A stored value that breaks the schema's rules (never silently
    /// replaced by a default).
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
    /// Signed in, but this member may not do this here.
    #[error("not allowed")]
    Forbidden,
    /// Nothing by that id in the actor's workspace (whether it exists
    /// elsewhere is never said).
    #[error("not found")]
    NotFound,
    /// E-mail or password wrong, or the account is not active. Which one is
    /// never said.
    #[error("sign-in refused")]
    SignInRefused,
    /// The password was right; the member has two-factor sign-in on. The
    /// challenge token must come back with a code.
    #[error("second factor required")]
    SecondFactorRequired(String),
    /// The change was based on a version that is no longer current.
    #[error("conflict: changed since version {0}")]
    Conflict(i64),
    /// A portal link that is unknown, revoked or expired: one refusal
    /// that never says which.
    #[error("this link no longer works")]
    LinkNoLongerWorks,
    /// Too many failed sign-ins; try again after this many minutes.
    #[error("throttled for {0} min")]
    Throttled(i64),
    /// Too many messages in a short time (a flood, or a leaked link); the
    /// next may be sent after this many minutes.
    #[error("too many messages; wait {0} min")]
    TooManyMessages(i64),
}

/// A storage failure is logged where it happens, inside the use case's
/// span (its name, the acting member and the ids), before it becomes a
/// plain sentence for the person.
impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        tracing::error!(error = %e, "database error");
        Error::Database(e)
    }
}

impl Error {
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Error::Invalid(vec![FieldError::new(field, message)])
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
