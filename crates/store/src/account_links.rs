//! Single-use emailed links: activating an account, resetting a password,
//! confirming a new email address. The link carries a random token; the
//! store keeps only its SHA-256 and deletes the row when the link is used,
//! so a link works once, and never after it expires.

use crate::db::Store;
use crate::error::StoreError;
use crate::secret::Token;
use crate::users::{Email, User, joined_user_columns};
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
    fn as_str(self) -> &'static str {
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

/// An email change just made.
#[derive(Debug, Clone)]
pub struct EmailChanged {
    /// The account, at its new address.
    pub user: User,
    /// Where the account was before (to announce the change there).
    pub old_email: String,
}

/// The rate-limit scope for mail sent to one address (see `Limit`).
pub fn mail_scope(email: &str) -> String {
    format!("mail:{email}")
}

impl Store {
    /// Makes a link for `user_id`; the token is committed before this returns.
    /// `new_email` is the address an `Email` link moves the account to.
    pub async fn create_link(
        &self,
        user_id: &str,
        purpose: LinkPurpose,
        new_email: Option<&Email>,
    ) -> Result<Token, StoreError> {
        let token = Token::generate();
        let at = now();
        sqlx::query(
            "INSERT INTO account_links (token_hash, user_id, purpose, new_email, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(token.hashed())
        .bind(user_id)
        .bind(purpose.as_str())
        .bind(new_email.map(Email::as_str))
        .bind(at)
        .bind(at + purpose.lifetime())
        .execute(&self.pool)
        .await?;
        Ok(token)
    }

    /// The account a live link belongs to, without using the link (to show
    /// the page the link opens).
    pub async fn link_user(&self, token: &Token, purpose: LinkPurpose) -> Result<Option<User>, StoreError> {
        let columns = joined_user_columns();
        let row = sqlx::query(&format!(
            "SELECT {columns} FROM account_links l JOIN users u ON u.id = l.user_id \
             WHERE l.token_hash = $1 AND l.purpose = $2 AND l.expires_at > $3"
        ))
        .bind(token.hashed())
        .bind(purpose.as_str())
        .bind(now())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(User::from_row).transpose()?)
    }

    /// Uses an activation link: the account may log in from now on.
    pub async fn activate(&self, token: &Token) -> Result<Option<User>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let Some((user_id, _)) = take_link(&mut tx, token, LinkPurpose::Activate).await? else {
            return Ok(None);
        };
        sqlx::query("UPDATE users SET active = 1 WHERE id = $1")
            .bind(&user_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.user(&user_id).await
    }

    /// Uses a reset link: sets the new password hash, activates the account
    /// (the link proves the address), and ends every session, API token and
    /// other reset link of the account, all in one transaction.
    pub async fn reset_password(&self, token: &Token, password_hash: &str) -> Result<Option<User>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let Some((user_id, _)) = take_link(&mut tx, token, LinkPurpose::Reset).await? else {
            return Ok(None);
        };
        let statements = [
            "DELETE FROM sessions WHERE user_id = $1",
            "DELETE FROM api_tokens WHERE user_id = $1",
            "DELETE FROM account_links WHERE user_id = $1 AND purpose = 'reset'",
        ];
        for statement in statements {
            sqlx::query(statement).bind(&user_id).execute(&mut *tx).await?;
        }
        sqlx::query("UPDATE users SET password_hash = $1, active = 1 WHERE id = $2")
            .bind(password_hash)
            .bind(&user_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.user(&user_id).await
    }

    /// Uses an email-change link: the account moves to the new address.
    /// `EmailTaken` if another account took that address meanwhile (the
    /// link is then not used up).
    pub async fn confirm_email_change(&self, token: &Token) -> Result<Option<EmailChanged>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let Some((user_id, new_email)) = take_link(&mut tx, token, LinkPurpose::Email).await? else {
            return Ok(None);
        };
        let old_email: String = sqlx::query("SELECT email FROM users WHERE id = $1")
            .bind(&user_id)
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
        sqlx::query("UPDATE users SET email = $1 WHERE id = $2")
            .bind(new_email.unwrap_or_default())
            .bind(&user_id)
            .execute(&mut *tx)
            .await
            .map_err(|error| {
                if StoreError::is_unique_violation(&error) {
                    StoreError::EmailTaken
                } else {
                    error.into()
                }
            })?;
        tx.commit().await?;
        let user = self.user(&user_id).await?.ok_or(StoreError::NoSuchUser)?;
        Ok(Some(EmailChanged { user, old_email }))
    }

    /// The account's unused, unexpired links, oldest first.
    pub async fn pending_links(&self, user_id: &str) -> Result<Vec<PendingLink>, StoreError> {
        let rows = sqlx::query(
            "SELECT purpose, new_email, created_at, expires_at FROM account_links \
             WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at",
        )
        .bind(user_id)
        .bind(now())
        .fetch_all(&self.pool)
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
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .iter()
            .map(|row| row.try_get(0))
            .collect::<Result<_, sqlx::Error>>()?)
    }
}

/// Deletes a live link and says whose it was (and the address an email
/// change moves to); `None` if it is unknown, used, expired or for another
/// purpose. Two requests racing with one link: only one deletes the row.
async fn take_link(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    token: &Token,
    purpose: LinkPurpose,
) -> Result<Option<(String, Option<String>)>, StoreError> {
    let row = sqlx::query(
        "DELETE FROM account_links WHERE token_hash = $1 AND purpose = $2 AND expires_at > $3 \
         RETURNING user_id, new_email",
    )
    .bind(token.hashed())
    .bind(purpose.as_str())
    .bind(now())
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row
        .map(|row| Ok::<_, sqlx::Error>((row.try_get(0)?, row.try_get(1)?)))
        .transpose()?)
}

/// Deletes every link of an account (with the account).
pub(crate) async fn delete_links(tx: &mut sqlx::Transaction<'_, sqlx::Any>, user_id: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM account_links WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut **tx)
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
        .execute(&mut **tx)
        .await?;
    Ok(())
}
