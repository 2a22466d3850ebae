//! Rate-limited attempts (logins, sign-ups), kept in `login_failures`.
//!
//! An attempt is *reserved* before the slow work (the password hash) and
//! counted after its own row is written, in separate autocommitted
//! statements. Every request that arrives at once is then counted: the i-th
//! reservation to commit sees at least i rows, so at most `max` of any burst
//! pass, on SQLite and on PostgreSQL alike. Counting first and recording the
//! failure after the check let 40-60 parallel guesses through (review F5).

use crate::bounded::on;
use crate::db::Store;
use crate::error::StoreError;
use crate::secret::new_id;
use crate::{Timestamp, now};
use serde::Serialize;
use sqlx::Row;

/// At most `max` attempts under `scope` since `since`.
#[derive(Debug, Clone, Copy)]
pub struct Limit<'a> {
    pub scope: &'a str,
    pub max: i64,
    pub since: Timestamp,
}

/// A reservation that passed every limit. Dropping it keeps the rows (a
/// failed login stays counted); `Store::forget_attempt` takes it back.
#[derive(Debug)]
#[must_use]
pub struct Attempt {
    id: String,
}

/// A failed login against an email, as the data export shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailedLogin {
    pub at: Timestamp,
    /// The address (or IPv6 /64) it came from.
    pub address: String,
}

/// The scope failed logins for one email from one address are counted under.
pub fn pair_scope(email: &str, address: &str) -> String {
    format!("pair:{email}|{address}")
}

/// A `LIKE` pattern for every pair scope of an email (wildcards escaped).
fn pair_pattern(email: &str) -> String {
    let escaped = email.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("pair:{escaped}|%")
}

impl Store {
    /// Reserves an attempt under every limit's scope; `None` if any limit is
    /// already reached (the reservation is then taken back at once, so
    /// refused attempts do not count as failures).
    pub async fn reserve_attempt(&self, limits: &[Limit<'_>]) -> Result<Option<Attempt>, StoreError> {
        let attempt = Attempt { id: new_id() };
        let at = now();
        for limit in limits {
            sqlx::query("INSERT INTO login_failures (scope, at, attempt) VALUES ($1, $2, $3)")
                .bind(limit.scope)
                .bind(at)
                .bind(&attempt.id)
                .execute(self.bounded())
                .await?;
        }
        for limit in limits {
            let count: i64 = sqlx::query("SELECT COUNT(*) FROM login_failures WHERE scope = $1 AND at >= $2")
                .bind(limit.scope)
                .bind(limit.since)
                .fetch_one(self.bounded())
                .await?
                .try_get(0)?;
            if count > limit.max {
                self.forget_attempt(attempt).await?;
                return Ok(None);
            }
        }
        Ok(Some(attempt))
    }

    /// Takes a reservation back (the login succeeded).
    pub async fn forget_attempt(&self, attempt: Attempt) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM login_failures WHERE attempt = $1")
            .bind(&attempt.id)
            .execute(self.bounded())
            .await?;
        Ok(())
    }

    /// Attempts under `scope` since `since`.
    pub async fn attempts_since(&self, scope: &str, since: Timestamp) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) FROM login_failures WHERE scope = $1 AND at >= $2")
            .bind(scope)
            .bind(since)
            .fetch_one(self.bounded())
            .await?;
        Ok(row.try_get(0)?)
    }

    /// Forgets attempts under `scope` (after a successful login) and any
    /// older than `before`.
    pub async fn clear_login_failures(&self, scope: &str, before: Timestamp) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM login_failures WHERE scope = $1 OR at < $2")
            .bind(scope)
            .bind(before)
            .execute(self.bounded())
            .await?;
        Ok(())
    }

    /// The failed logins recorded against an email, oldest first.
    pub async fn failed_logins(&self, email: &str) -> Result<Vec<FailedLogin>, StoreError> {
        let rows = sqlx::query("SELECT scope, at FROM login_failures WHERE scope LIKE $1 ESCAPE '\\' ORDER BY at")
            .bind(pair_pattern(email))
            .fetch_all(self.bounded())
            .await?;
        let prefix = pair_scope(email, "");
        rows.iter()
            .map(|row| {
                let scope: String = row.try_get("scope")?;
                Ok(FailedLogin {
                    at: row.try_get("at")?,
                    address: scope.strip_prefix(&prefix).unwrap_or_default().to_owned(),
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }
}

/// Deletes the failed logins recorded against an email (with the account).
pub(crate) async fn delete_failed_logins(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    email: &str,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM login_failures WHERE scope LIKE $1 ESCAPE '\\'")
        .bind(pair_pattern(email))
        .execute(on(tx))
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_patterns_escape_like_wildcards() {
        assert_eq!(pair_pattern("a_b%c@x.io"), "pair:a\\_b\\%c@x.io|%");
        assert_eq!(pair_scope("a@x.io", "10.0.0.1"), "pair:a@x.io|10.0.0.1");
    }
}
