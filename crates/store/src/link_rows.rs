//! An account's emailed links as rows: what each link is for and how long
//! it lives, the links and mail requests an export lists, and deleting them
//! with the account. (Making and using links is `account_links`'.)

use crate::bounded::on;
use crate::db::Store;
use crate::error::StoreError;
use crate::{Timestamp, now};
use serde::Serialize;
use sqlx::Row;

/// How long a password-reset link works: long enough to read the mail,
/// short enough that an old mailbox gives nobody the account.
pub const RESET_LINK_SECONDS: i64 = 30 * 60;
/// How long an activation or email-change link works.
pub const CONFIRM_LINK_SECONDS: i64 = 24 * 3600;

/// What a link does when used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkPurpose {
    Activate,
    Reset,
    /// Moves the account to the address the link was sent to.
    Email,
}

impl LinkPurpose {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::Activate => "activate",
            LinkPurpose::Reset => "reset",
            LinkPurpose::Email => "email",
        }
    }

    fn parse(text: &str) -> Option<LinkPurpose> {
        [LinkPurpose::Activate, LinkPurpose::Reset, LinkPurpose::Email]
            .into_iter()
            .find(|purpose| purpose.as_str() == text)
    }

    /// Seconds from sending to expiry.
    pub fn lifetime(self) -> i64 {
        match self {
            LinkPurpose::Reset => RESET_LINK_SECONDS,
            LinkPurpose::Activate | LinkPurpose::Email => CONFIRM_LINK_SECONDS,
        }
    }
}

/// An unused link, as the data export shows it (never the token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PendingLink {
    pub purpose: LinkPurpose,
    /// For an email change: the address it moves the account to.
    pub new_email: Option<String>,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// The rate-limit scope for mail sent to one address (see `Limit`).
pub fn mail_scope(email: &str) -> String {
    format!("mail:{email}")
}

impl Store {
    /// The account's unused, unexpired links, oldest first.
    pub async fn pending_links(&self, user_id: &str) -> Result<Vec<PendingLink>, StoreError> {
        let rows = sqlx::query(
            "SELECT purpose, new_email, created_at, expires_at FROM account_links \
             WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at",
        )
        .bind(user_id)
        .bind(now())
        .fetch_all(self.bounded())
        .await?;
        rows.iter()
            .map(|row| {
                let purpose: String = row.try_get("purpose")?;
                Ok(PendingLink {
                    purpose: LinkPurpose::parse(&purpose).ok_or_else(|| StoreError::Invalid(purpose.clone()))?,
                    new_email: row.try_get("new_email")?,
                    created_at: row.try_get("created_at")?,
                    expires_at: row.try_get("expires_at")?,
                })
            })
            .collect()
    }

    /// When mail was requested for an address (rate-limit rows), oldest first.
    pub async fn mail_requests(&self, email: &str) -> Result<Vec<Timestamp>, StoreError> {
        let rows = sqlx::query("SELECT at FROM login_failures WHERE scope = $1 ORDER BY at")
            .bind(mail_scope(email))
            .fetch_all(self.bounded())
            .await?;
        Ok(rows
            .iter()
            .map(|row| row.try_get(0))
            .collect::<Result<_, sqlx::Error>>()?)
    }
}

/// Deletes every link of an account (with the account).
pub(crate) async fn delete_links(tx: &mut sqlx::Transaction<'_, sqlx::Any>, user_id: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM account_links WHERE user_id = $1")
        .bind(user_id)
        .execute(on(tx))
        .await?;
    Ok(())
}

/// Deletes the mail requests recorded against an address (with the account).
pub(crate) async fn delete_mail_requests(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    email: &str,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM login_failures WHERE scope = $1")
        .bind(mail_scope(email))
        .execute(on(tx))
        .await?;
    Ok(())
}
