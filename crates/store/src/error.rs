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
}

impl StoreError {
    /// Whether a database error is a unique-constraint violation.
    pub(crate) fn is_unique_violation(error: &sqlx::Error) -> bool {
        matches!(error, sqlx::Error::Database(db) if db.is_unique_violation())
    }
}
