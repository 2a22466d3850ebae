//! Sessions and API tokens read in the last second, kept in memory so a
//! signed-in reader's page costs no database round trip (issue 12: the
//! premium page served at a quarter of the anonymous rate, all of the gap in
//! the session query).
//!
//! Why this is safe for the paywall:
//! - **This instance** forgets a user's entries the moment it ends a session,
//!   changes a password, revokes a token, deletes the account or applies a
//!   billing event (every such write in the store calls [`SessionCache::forget_user`]).
//! - **Other instances** (several `rustprep serve` on one PostgreSQL) learn of
//!   it within [`TIME_TO_LIVE`]: an entry is never served older than that, so
//!   a logout on one instance is refused on every other within a second.
//!   A short TTL rather than `LISTEN/NOTIFY`: it needs no listener
//!   connection, works the same on SQLite, and a second is well inside the
//!   two seconds we promise.
//! - A read that raced a write cannot put a stale entry back: every
//!   invalidation bumps an epoch, and a read inserts only if the epoch it saw
//!   before its query is still current.
//!
//! The idle and absolute session timeouts are still checked on every hit,
//! against the times the entry was read with.
//!
//! `moka` rather than our own map: bounded size, per-entry expiry and
//! predicate invalidation, concurrent, and widely used.

use crate::Timestamp;
use crate::account::User;
use moka::sync::Cache;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How stale an entry may be: the bound on how long another instance keeps
/// honouring a session after a logout, password change or revocation.
pub const TIME_TO_LIVE: Duration = Duration::from_secs(1);

/// Entries at most: enough for every reader active in a second on a large
/// site; beyond it the least used go first (and are read again).
const CAPACITY: u64 = 100_000;

/// What a cookie or bearer token was looked up by: its SHA-256, hex.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    Session(String),
    ApiToken(String),
}

/// A live session or token as last read from the database.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) user: User,
    /// The session's CSRF token; `None` for an API token.
    pub(crate) csrf_token: Option<String>,
    /// When the session began (for the absolute timeout).
    pub(crate) created_at: Timestamp,
    /// When the session or token was last seen by the database.
    pub(crate) last_seen_at: Timestamp,
}

/// The cache itself; one per [`crate::Store`], shared by its clones.
pub(crate) struct SessionCache {
    entries: Cache<Key, Entry>,
    epoch: AtomicU64,
}

impl fmt::Debug for SessionCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionCache")
            .field("entries", &self.entries.entry_count())
            .field("epoch", &self.epoch.load(Ordering::Relaxed))
            .finish()
    }
}

impl Default for SessionCache {
    fn default() -> Self {
        SessionCache {
            entries: Cache::builder()
                .max_capacity(CAPACITY)
                .time_to_live(TIME_TO_LIVE)
                .support_invalidation_closures()
                .build(),
            epoch: AtomicU64::new(0),
        }
    }
}

impl SessionCache {
    pub(crate) fn get(&self, key: &Key) -> Option<Entry> {
        self.entries.get(key)
    }

    /// The epoch to pass to [`SessionCache::insert`]: read it before the
    /// database query whose result will be inserted.
    pub(crate) fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::Acquire)
    }

    /// Keeps what a query read, unless something was invalidated since
    /// `epoch` (the read may predate that write).
    pub(crate) fn insert(&self, epoch: u64, key: Key, entry: Entry) {
        if self.epoch() != epoch {
            return;
        }
        self.entries.insert(key.clone(), entry);
        // An invalidation between the check and the insert must not leave
        // this entry behind.
        if self.epoch() != epoch {
            self.entries.invalidate(&key);
        }
    }

    /// Forgets one session or token.
    pub(crate) fn forget(&self, key: &Key) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
        self.entries.invalidate(key);
    }

    /// Forgets every session and token of a user.
    pub(crate) fn forget_user(&self, user_id: &str) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
        let user_id = user_id.to_owned();
        if self
            .entries
            .invalidate_entries_if(move |_, entry| entry.user.id == user_id)
            .is_err()
        {
            self.entries.invalidate_all();
        }
    }
}
