use handoff::FieldError;
use thiserror::Error;

/// What a use case can fail with. The web layer turns each into a sentence
/// for the person; storage detail is logged, never shown.
#[derive(Debug, Error)]
pub enum Error {
    /// Storage failed; the cause is kept (and logged once, at the edge).
    #[error("database")]
    Database(#[source] sqlx::Error),
    #[error("migrations")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// Something that should not happen: what was being done, and why it
    /// failed when a cause is known.
    #[error("internal: {what}")]
    Internal {
        what: String,
        #[source]
        cause: Option<Cause>,
    },
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
    #[error("corrupt stored value: {what}")]
    Corrupt {
        what: String,
        #[source]
        cause: Option<Cause>,
    },
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

/// The cause of an internal or corrupt error.
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// A storage failure keeps its cause; the web layer logs the whole chain
/// once, inside the request's span (its id) and the use case's.
impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        Error::Database(e)
    }
}

impl Error {
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Error::Invalid(vec![FieldError::new(field, message)])
    }

    /// Something that should not happen, without a cause to keep.
    pub fn internal(what: impl Into<String>) -> Self {
        Error::Internal {
            what: what.into(),
            cause: None,
        }
    }

    /// A stored value that breaks the schema's rules.
    pub fn corrupt(what: impl Into<String>) -> Self {
        Error::Corrupt {
            what: what.into(),
            cause: None,
        }
    }

    /// The error and its causes, outermost first: `database: error
    /// returned from database: no such table: tasks`.
    pub fn chain(&self) -> String {
        let mut out = self.to_string();
        let mut cause = std::error::Error::source(self);
        while let Some(c) = cause {
            // A driver's error may say its cause's words itself.
            let said = c.to_string();
            if !out.ends_with(&said) {
                out.push_str(": ");
                out.push_str(&said);
            }
            cause = c.source();
        }
        out
    }
}

/// Keeps a failure's cause with what was being done.
pub trait Context<T> {
    /// An internal error: `serde_json::to_string(x).context("criteria")?`.
    fn context(self, what: impl Into<String>) -> Result<T>;
    /// A stored value that cannot be read: `.corrupt("flags of message 3")`.
    fn corrupt(self, what: impl Into<String>) -> Result<T>;
}

impl<T, E: std::error::Error + Send + Sync + 'static> Context<T> for std::result::Result<T, E> {
    fn context(self, what: impl Into<String>) -> Result<T> {
        self.map_err(|e| Error::Internal {
            what: what.into(),
            cause: Some(Box::new(e)),
        })
    }

    fn corrupt(self, what: impl Into<String>) -> Result<T> {
        self.map_err(|e| Error::Corrupt {
            what: what.into(),
            cause: Some(Box::new(e)),
        })
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
