//! Personal API tokens: shown once at creation, kept as a SHA-256, revoked
//! by the user, gone with the account.

use crate::db::Store;
use crate::error::StoreError;
use crate::secret::{Token, new_id};
use crate::session_cache::{Entry, Key};
use crate::telemetry;
use crate::users::{User, joined_user_columns};
use crate::{Timestamp, now};
use serde::Serialize;
use sqlx::Row;

/// A token as listed on the account page (never the secret).
#[derive(Debug, Clone, Serialize)]
pub struct ApiToken {
    pub id: String,
    pub name: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
}

/// A user may hold at most this many tokens.
pub const MAX_TOKENS_PER_USER: i64 = 20;

impl Store {
    /// Creates a token; the secret is returned here and never again.
    pub async fn create_api_token(&self, user_id: &str, name: &str) -> Result<(ApiToken, Token), StoreError> {
        let count: i64 = sqlx::query("SELECT COUNT(*) FROM api_tokens WHERE user_id = $1")
            .bind(user_id)
            .fetch_one(self.bounded())
            .await?
            .try_get(0)?;
        if count >= MAX_TOKENS_PER_USER {
            return Err(StoreError::TooManyTokens);
        }
        let secret = Token::generate();
        let token = ApiToken {
            id: new_id(),
            name: name.to_owned(),
            created_at: now(),
            last_used_at: None,
        };
        sqlx::query("INSERT INTO api_tokens (token_hash, id, user_id, name, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(secret.hashed())
            .bind(&token.id)
            .bind(user_id)
            .bind(&token.name)
            .bind(token.created_at)
            .execute(self.bounded())
            .await?;
        Ok((token, secret))
    }

    pub async fn api_tokens(&self, user_id: &str) -> Result<Vec<ApiToken>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, name, created_at, last_used_at FROM api_tokens WHERE user_id = $1 ORDER BY created_at, id",
        )
        .bind(user_id)
        .fetch_all(self.bounded())
        .await?;
        Ok(rows
            .iter()
            .map(|row| {
                Ok(ApiToken {
                    id: row.try_get("id")?,
                    name: row.try_get("name")?,
                    created_at: row.try_get("created_at")?,
                    last_used_at: row.try_get("last_used_at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()?)
    }

    /// Revokes one of the user's tokens; false if there was no such token.
    pub async fn revoke_api_token(&self, user_id: &str, token_id: &str) -> Result<bool, StoreError> {
        let deleted = sqlx::query("DELETE FROM api_tokens WHERE user_id = $1 AND id = $2")
            .bind(user_id)
            .bind(token_id)
            .execute(self.bounded())
            .await?;
        self.sessions.forget_user(user_id);
        Ok(deleted.rows_affected() > 0)
    }

    /// Revokes every token of a user (after a password change: whoever
    /// learned the old password may have made one). Returns how many.
    pub async fn revoke_all_api_tokens(&self, user_id: &str) -> Result<u64, StoreError> {
        let deleted = sqlx::query("DELETE FROM api_tokens WHERE user_id = $1")
            .bind(user_id)
            .execute(self.bounded())
            .await?;
        self.sessions.forget_user(user_id);
        Ok(deleted.rows_affected())
    }

    /// The user a presented token belongs to, if it is live. Served from
    /// the session cache when read in the last second (see `session_cache`).
    pub async fn user_for_api_token(&self, secret: &Token) -> Result<Option<User>, StoreError> {
        let hash = secret.hashed();
        let key = Key::ApiToken(hash.clone());
        let cached = self.sessions.get(&key);
        telemetry::session_lookup("api_token", cached.is_some());
        if let Some(hit) = cached {
            return Ok(Some(hit.user));
        }
        let epoch = self.sessions.epoch();
        let columns = joined_user_columns();
        let row = telemetry::timed(
            "api_token",
            sqlx::query(&format!(
                "SELECT {columns}, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1"
            ))
            .bind(&hash)
            .fetch_optional(self.bounded()),
        )
        .await?;
        let Some(row) = row else { return Ok(None) };
        let at = now();
        let last_used: Option<Timestamp> = row.try_get("last_used_at")?;
        if last_used.is_none_or(|used| at - used >= 60) {
            sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2")
                .bind(at)
                .bind(&hash)
                .execute(self.bounded())
                .await?;
        }
        let user = User::from_row(&row)?;
        let entry = Entry {
            user: user.clone(),
            csrf_token: None,
            created_at: at,
            last_seen_at: at,
        };
        self.sessions.insert(epoch, key, entry);
        Ok(Some(user))
    }
}
