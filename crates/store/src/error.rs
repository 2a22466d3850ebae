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
    /// No such card, note, mock or mock item for this user (another user's
    /// mock is "not found" too).
    #[error("not found")]
    NotFound,
    /// Input the store refuses (out of range, too long, malformed, a
    /// repeated question in a mock); nothing was changed. The message says
    /// what was wrong, for the reader.
    #[error("{0}")]
    Invalid(String),
    /// The card changed since the form was read (a double submit or a stale
    /// page): the review was not applied.
    #[error("this card was reviewed since the page was loaded; nothing was recorded")]
    StaleReview,
    /// A mock item's time is up: it can no longer take an answer or a grade.
    #[error("the time for this question is up")]
    DeadlinePassed,
    /// The mock interview is finished: its items can no longer change.
    #[error("this mock interview is finished")]
    MockFinished,
    /// A mock step out of order (grading before revealing, revealing twice...).
    #[error("{0}")]
    OutOfOrder(&'static str),
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

    /// Whether the request itself was at fault (bad input, something
    /// missing, a stale or out-of-order step), as opposed to the store: the
    /// web layer answers 4xx with the message instead of 500.
    pub fn is_request_error(&self) -> bool {
        matches!(
            self,
            StoreError::EmailTaken
                | StoreError::NoSuchUser
                | StoreError::TooManyTokens
                | StoreError::NotFound
                | StoreError::Invalid(_)
                | StoreError::StaleReview
                | StoreError::DeadlinePassed
                | StoreError::MockFinished
                | StoreError::OutOfOrder(_)
        )
    }

    /// A foreign-key violation on a row owned by a user means the user does
    /// not exist (deleted meanwhile, or a bad id): `NoSuchUser`.
    pub(crate) fn from_user_write(error: sqlx::Error) -> StoreError {
        match &error {
            sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::NoSuchUser,
            _ => error.into(),
        }
    }

    /// Whether a database error is a unique-constraint violation.
    pub(crate) fn is_unique_violation(error: &sqlx::Error) -> bool {
        matches!(error, sqlx::Error::Database(db) if db.is_unique_violation())
    }

    /// The error of a write that sets an account's email: `EmailTaken` if
    /// another account has it.
    pub(crate) fn on_email_write(error: sqlx::Error) -> StoreError {
        if StoreError::is_unique_violation(&error) {
            StoreError::EmailTaken
        } else {
            error.into()
        }
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
