//! User data: accounts, sessions, entitlements, billing events and login
//! rate limits, in SQLite (default: a file in the data directory) or
//! PostgreSQL (`DATABASE_URL=postgres://...`). One data layer over sqlx's Any
//! driver: the SQL is written once, in the subset both databases speak.
//! Backups and restores of the SQLite file ([`backup()`], [`restore()`]) go
//! through sqlx's SQLite driver directly. Knows nothing of HTTP or templates.

mod attempts;
mod backup;
mod billing;
mod db;
mod error;
mod lock;
mod password;
mod restore;
mod secret;
mod sessions;
mod tokens;
mod users;

pub use attempts::{Attempt, FailedLogin, Limit, pair_scope};
pub use backup::{BackupError, Summary, backup, inspect};
pub use billing::{
    Applied, BillingEvent, CHECKOUT_PROVISIONAL_SECONDS, EntitlementChange, MAX_PERIOD_SECONDS, PAYMENT_GRACE_SECONDS,
};
pub use db::{Backend, Store};
pub use error::StoreError;
pub use lock::{DATABASE_FILE, DataDirLock, LOCK_FILE};
pub use password::{Hasher, PasswordError, PasswordPolicy};
pub use restore::{Restored, restore};
pub use secret::Token;
pub use sessions::{Session, SessionLimits};
pub use tokens::{ApiToken, MAX_TOKENS_PER_USER};
pub use users::{Email, User, UserExport};

/// Seconds since the Unix epoch: how the store keeps time.
pub type Timestamp = i64;

/// The current time as a [`Timestamp`].
pub fn now() -> Timestamp {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
