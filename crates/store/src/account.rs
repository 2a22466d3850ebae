//! An account as a value: its email and its row, without any query. Kept
//! apart from `users` (the queries) so the session cache can hold users
//! without importing the store it caches for.

use crate::Timestamp;
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

/// An email address as we store it: trimmed and lowercased, checked for shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub fn parse(text: &str) -> Option<Email> {
        let email = text.trim().to_lowercase();
        let (local, domain) = email.split_once('@')?;
        let well_formed = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
            && email.len() <= 254
            && !email.chars().any(|c| c.is_whitespace() || c.is_control());
        well_formed.then_some(Email(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An account, without its password hash.
#[derive(Debug, Clone, Serialize)]
pub struct User {
    pub id: String,
    pub email: String,
    pub created_at: Timestamp,
    /// When premium access ends; `None` if the account never had it.
    pub premium_until: Option<Timestamp>,
    /// Whether the account may log in: false while an account made with
    /// mail configured waits for its activation link.
    pub active: bool,
}

impl User {
    /// Whether premium access covers the instant `at`.
    pub fn is_premium_at(&self, at: Timestamp) -> bool {
        self.premium_until.is_some_and(|until| until > at)
    }

    pub(crate) fn from_row(row: &AnyRow) -> Result<User, sqlx::Error> {
        Ok(User {
            id: row.try_get("id")?,
            email: row.try_get("email")?,
            created_at: row.try_get("created_at")?,
            premium_until: row.try_get("premium_until")?,
            active: row.try_get::<i64, _>("active")? != 0,
        })
    }
}

pub(crate) const USER_COLUMNS: &str = "id, email, created_at, premium_until, active";

/// `USER_COLUMNS` of a `users u` joined to another table: `u.id, u.email, ...`.
pub(crate) fn joined_user_columns() -> String {
    USER_COLUMNS
        .split(", ")
        .map(|column| format!("u.{column}"))
        .collect::<Vec<_>>()
        .join(", ")
}
