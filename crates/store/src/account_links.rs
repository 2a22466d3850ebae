//! Single-use emailed links: activating an account, resetting a password,
//! confirming a new email address. The link carries a random token; the
//! store keeps only its SHA-256 and deletes the row when the link is used,
//! so a link works once, and never after it expires.

use crate::bounded::{commit, on};
use crate::db::Store;
use crate::error::StoreError;
use crate::link_rows::LinkPurpose;
use crate::now;
use crate::secret::Token;
use crate::users::{Email, User, joined_user_columns};
use sqlx::Row;

/// An email change just made.
#[derive(Debug, Clone)]
pub struct EmailChanged {
    /// The account, at its new address.
    pub user: User,
    /// Where the account was before (to announce the change there).
    pub old_email: String,
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
        .execute(self.bounded())
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
        .fetch_optional(self.bounded())
        .await?;
        Ok(row.as_ref().map(User::from_row).transpose()?)
    }

    /// Uses an activation link: the account may log in from now on.
    pub async fn activate(&self, token: &Token) -> Result<Option<User>, StoreError> {
        let mut tx = self.begin().await?;
        let Some((user_id, _)) = take_link(&mut tx, token, LinkPurpose::Activate).await? else {
            return Ok(None);
        };
        sqlx::query("UPDATE users SET active = 1 WHERE id = $1")
            .bind(&user_id)
            .execute(on(&mut tx))
            .await?;
        commit(tx).await?;
        self.user(&user_id).await
    }

    /// Uses a reset link: sets the new password hash, activates the account
    /// (the link proves the address), and ends every session, API token and
    /// other reset link of the account, all in one transaction.
    pub async fn reset_password(&self, token: &Token, password_hash: &str) -> Result<Option<User>, StoreError> {
        let mut tx = self.begin().await?;
        let Some((user_id, _)) = take_link(&mut tx, token, LinkPurpose::Reset).await? else {
            return Ok(None);
        };
        let statements = [
            "DELETE FROM sessions WHERE user_id = $1",
            "DELETE FROM api_tokens WHERE user_id = $1",
            "DELETE FROM account_links WHERE user_id = $1 AND purpose = 'reset'",
        ];
        for statement in statements {
            sqlx::query(statement).bind(&user_id).execute(on(&mut tx)).await?;
        }
        sqlx::query("UPDATE users SET password_hash = $1, active = 1 WHERE id = $2")
            .bind(password_hash)
            .bind(&user_id)
            .execute(on(&mut tx))
            .await?;
        commit(tx).await?;
        self.sessions.forget_user(&user_id);
        self.user(&user_id).await
    }

    /// Uses an email-change link: the account moves to the new address.
    /// `EmailTaken` if another account took that address meanwhile (the
    /// link is then not used up).
    pub async fn confirm_email_change(&self, token: &Token) -> Result<Option<EmailChanged>, StoreError> {
        let mut tx = self.begin().await?;
        let Some((user_id, new_email)) = take_link(&mut tx, token, LinkPurpose::Email).await? else {
            return Ok(None);
        };
        let old_email: String = sqlx::query("SELECT email FROM users WHERE id = $1")
            .bind(&user_id)
            .fetch_one(on(&mut tx))
            .await?
            .try_get(0)?;
        sqlx::query("UPDATE users SET email = $1 WHERE id = $2")
            .bind(new_email.unwrap_or_default())
            .bind(&user_id)
            .execute(on(&mut tx))
            .await
            .map_err(StoreError::on_email_write)?;
        commit(tx).await?;
        self.sessions.forget_user(&user_id);
        let user = self.user(&user_id).await?.ok_or(StoreError::NoSuchUser)?;
        Ok(Some(EmailChanged { user, old_email }))
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
    .fetch_optional(on(tx))
    .await?;
    Ok(row
        .map(|row| Ok::<_, sqlx::Error>((row.try_get(0)?, row.try_get(1)?)))
        .transpose()?)
}
