//! Server-side sessions: the cookie carries a random token, the database keeps
//! its SHA-256, the user and the session's CSRF token. Sessions end on
//! logout, after an idle period, and at an absolute age, whichever is first.
//! Written here rather than with tower-sessions because the paywall rests on
//! it: the whole lifecycle (rotation at login, both timeouts, ending every
//! session on a password change) is a few queries we can read in one file.

use crate::db::Store;
use crate::error::StoreError;
use crate::secret::Token;
use crate::session_cache::{Entry, Key};
use crate::telemetry;
use crate::users::{User, joined_user_columns};
use crate::{Timestamp, now};
use sqlx::Row;

/// How long sessions live.
#[derive(Debug, Clone, Copy)]
pub struct SessionLimits {
    /// Ends after this many seconds without a request.
    pub idle_seconds: i64,
    /// Ends this many seconds after login, however active.
    pub absolute_seconds: i64,
}

impl Default for SessionLimits {
    fn default() -> Self {
        SessionLimits {
            idle_seconds: 7 * 24 * 3600,
            absolute_seconds: 30 * 24 * 3600,
        }
    }
}

/// A live session and its user.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: User,
    /// The token forms must carry back (synchronizer-token CSRF defence).
    pub csrf_token: String,
}

/// `last_seen_at` is written at most this often, to keep reads cheap.
const TOUCH_EVERY_SECONDS: Timestamp = 60;

impl Store {
    /// Starts a session for `user_id`; returns the cookie token. Always a new
    /// token, so a session id fixed before login is worthless after it.
    pub async fn create_session(&self, user_id: &str) -> Result<Token, StoreError> {
        let token = Token::generate();
        let at = now();
        let csrf_token = Token::generate();
        let insert = sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token.hashed())
        .bind(user_id)
        .bind(csrf_token.as_str())
        .bind(at)
        .bind(at)
        .execute(self.bounded());
        telemetry::timed("create_session", insert).await?;
        Ok(token)
    }

    /// The live session for a cookie token, if any; ends it if it has timed
    /// out. Served from the session cache when it was read in the last
    /// second (see `session_cache`), so most requests make no query.
    pub async fn session(&self, token: &Token, limits: SessionLimits) -> Result<Option<Session>, StoreError> {
        let at = now();
        let hash = token.hashed();
        let key = Key::Session(hash.clone());
        let cached = self.sessions.get(&key).filter(|hit| !timed_out(hit, at, limits));
        telemetry::session_lookup("session", cached.is_some());
        if let Some(hit) = cached {
            return Ok(Some(Session {
                user: hit.user,
                csrf_token: hit.csrf_token.unwrap_or_default(),
            }));
        }
        let epoch = self.sessions.epoch();
        let row = telemetry::timed(
            "session",
            sqlx::query(&format!(
                "SELECT s.csrf_token, s.created_at AS session_created, s.last_seen_at, {} \
                 FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
                joined_user_columns()
            ))
            .bind(&hash)
            .fetch_optional(self.bounded()),
        )
        .await?;
        let Some(row) = row else { return Ok(None) };
        let mut entry = Entry {
            user: User::from_row(&row)?,
            csrf_token: Some(row.try_get("csrf_token")?),
            created_at: row.try_get("session_created")?,
            last_seen_at: row.try_get("last_seen_at")?,
        };
        if timed_out(&entry, at, limits) {
            self.end_session(token).await?;
            return Ok(None);
        }
        if at - entry.last_seen_at >= TOUCH_EVERY_SECONDS {
            sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                .bind(at)
                .bind(&hash)
                .execute(self.bounded())
                .await?;
            entry.last_seen_at = at;
        }
        let session = Session {
            user: entry.user.clone(),
            csrf_token: entry.csrf_token.clone().unwrap_or_default(),
        };
        self.sessions.insert(epoch, key, entry);
        Ok(Some(session))
    }

    /// Ends one session (logout).
    pub async fn end_session(&self, token: &Token) -> Result<(), StoreError> {
        let hash = token.hashed();
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(&hash)
            .execute(self.bounded())
            .await?;
        // After the delete: a read racing it then cannot re-insert the session.
        self.sessions.forget(&Key::Session(hash));
        Ok(())
    }

    /// Ends every session of a user except `keep` (after a password change).
    pub async fn end_other_sessions(&self, user_id: &str, keep: Option<&Token>) -> Result<(), StoreError> {
        let keep = keep.map(Token::hashed).unwrap_or_default();
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
            .bind(user_id)
            .bind(keep)
            .execute(self.bounded())
            .await?;
        self.sessions.forget_user(user_id);
        Ok(())
    }
}

/// Whether a session has passed its idle or absolute limit at `at`.
fn timed_out(entry: &Entry, at: Timestamp, limits: SessionLimits) -> bool {
    at - entry.last_seen_at > limits.idle_seconds || at - entry.created_at > limits.absolute_seconds
}
