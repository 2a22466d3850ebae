//! User data: accounts, sessions, emailed links (activation, password
//! reset, email change), entitlements, billing events, login rate
//! limits and practice data (cards and reviews, settings, saved questions,
//! notes, mock interviews, quiz attempts) and the interviewer kit (question
//! sets, interviews, share links), in SQLite (default: a file in the data directory) or
//! PostgreSQL (`DATABASE_URL=postgres://...`). One data layer over sqlx's Any
//! driver: the SQL is written once, in the subset both databases speak.
//! Backups and restores of the SQLite file ([`backup()`], [`restore()`]) go
//! through sqlx's SQLite driver directly. Knows nothing of HTTP or templates.

mod account;
mod account_links;
mod attempts;
mod backup;
mod billing;
mod bounded;
mod card;
mod cards;
mod db;
mod error;
mod input;
mod kit_data;
mod kit_interviews;
mod kit_items;
mod kit_sets;
mod kit_shares;
mod link_rows;
mod lock;
mod mock_items;
mod mocks;
mod notes;
mod password;
mod practice_cache;
mod practice_data;
mod practice_settings;
mod quiz_attempts;
mod restore;
mod review_log;
mod reviews;
mod saved;
mod secret;
mod session_cache;
mod sessions;
mod settings;
pub mod telemetry;
mod tokens;
mod users;

pub use account_links::EmailChanged;
pub use attempts::{Attempt, FailedLogin, Limit, pair_scope};
pub use backup::{BackupError, Summary, backup, inspect};
pub use billing::{
    Applied, BillingEvent, CHECKOUT_PROVISIONAL_SECONDS, EntitlementChange, MAX_PERIOD_SECONDS, PAYMENT_GRACE_SECONDS,
};
pub use card::{CARD_STATES, Card, CardKind, CardVersion, MAX_CARDS_PER_ADD};
pub use db::{ACQUIRE_TIMEOUT, Backend, OPERATION_TIMEOUT, PING_TIMEOUT, Store};
pub use error::StoreError;
pub use input::{MAX_SLUG_BYTES, MAX_TEXT_BYTES};
pub use kit_data::KitExport;
pub use kit_interviews::{DEFAULT_KIT_RETENTION_DAYS, KitInterview, KitMark, Mark};
pub use kit_items::{DEFAULT_KIT_MINUTES, KIT_MINUTES, KitItemEdit, MAX_KIT_FOLLOW_UPS};
pub use kit_sets::{KitItem, KitSet, MAX_KIT_ITEMS, MAX_KIT_NAME_CHARS, MAX_KIT_SETS};
pub use kit_shares::{KitShare, ShareKind};
pub use link_rows::{CONFIRM_LINK_SECONDS, LinkPurpose, PendingLink, RESET_LINK_SECONDS, mail_scope};
pub use lock::{DATABASE_FILE, DataDirLock, LOCK_FILE};
pub use mocks::{MAX_MOCK_TOPICS, MOCK_ITEMS, MOCK_MINUTES, Mock, MockItem, MockPlan, SelfGrade};
pub use notes::Note;
pub use password::{Hasher, PasswordError, PasswordPolicy};
pub use practice_cache::PracticeSnapshot;
pub use quiz_attempts::QuizAttempt;
pub use restore::{Restored, restore};
pub use review_log::{GRADES, ReviewCounts, ReviewLog};
pub use saved::{NOTE_PREVIEW_CHARS, SavedQuestion};
pub use secret::Token;
pub use session_cache::TIME_TO_LIVE as SESSION_CACHE_TTL;
pub use sessions::{Session, SessionLimits};
pub use settings::{DEFAULT_NEW_PER_DAY, DEFAULT_RETENTION, NEW_PER_DAY_RANGE, PracticeSettings, RETENTION_RANGE};
pub use tokens::{ApiToken, MAX_TOKENS_PER_USER};
pub use users::{Email, User, UserExport};

/// Seconds since the Unix epoch: how the store keeps time.
pub type Timestamp = i64;

/// The current time as a [`Timestamp`].
pub fn now() -> Timestamp {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
