//! The store's one error type. Callers map it to HTTP once, in the web layer.

/// What can go wrong with user data.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("an account with this email already exists")]
    EmailTaken,
    #[error("no such account")]
    NoSuchUser,
    #[error("too many API tokens; revoke one first")]
    TooManyTokens,
    #[error("database URL must start with sqlite: or postgres:, got `{0}`")]
    UnknownBackend(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("password hashing failed: {0}")]
    Hashing(String),
    #[error("too many password checks in flight; try again shortly")]
    Busy,
    #[error("`rustprep restore` is replacing the database (it holds {}); start again when it has finished", .0.display())]
    BeingRestored(std::path::PathBuf),
    #[error("a rustprep server or command has the database open (it holds {}); stop it first", .0.display())]
    InUse(std::path::PathBuf),
    /// A file operation failed (the cause is in the message, not chained).
    #[error("{context}: {cause}")]
    Io { context: String, cause: std::io::Error },
}

impl StoreError {
    /// Whether the failure is ours to wait out, not the request's fault: the
    /// database cannot be reached or is overloaded, or too many password
    /// checks are in flight. The web layer answers 503 with `Retry-After`
    /// instead of 500 (review F7).
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Busy => true,
            StoreError::Database(error) => match error {
                sqlx::Error::PoolTimedOut
                | sqlx::Error::PoolClosed
                | sqlx::Error::Io(_)
                | sqlx::Error::Tls(_)
                | sqlx::Error::WorkerCrashed => true,
                sqlx::Error::Database(db) => db.code().is_some_and(|code| unavailable_code(&code)),
                _ => false,
            },
            _ => false,
        }
    }

    /// Whether a database error is a unique-constraint violation.
    pub(crate) fn is_unique_violation(error: &sqlx::Error) -> bool {
        matches!(error, sqlx::Error::Database(db) if db.is_unique_violation())
    }
}

/// PostgreSQL SQLSTATEs (five characters) that mean "cannot serve now":
/// connection exceptions (08), insufficient resources (53), an operator
/// shutting backends down (57P), and a database refusing connections
/// (55000, `ALLOW_CONNECTIONS false`). SQLite's result codes are numbers:
/// SQLITE_BUSY (5) and SQLITE_LOCKED (6), with their extended codes.
fn unavailable_code(code: &str) -> bool {
    if code.len() == 5 {
        code.starts_with("08") || code.starts_with("53") || code.starts_with("57P") || code == "55000"
    } else {
        code.parse::<u32>().is_ok_and(|code| matches!(code & 0xff, 5 | 6))
    }
}
