//! Accounts: creating, finding, changing, deleting, exporting; premium
//! entitlements.

use crate::bounded::{commit, on};
use crate::db::Store;
use crate::error::StoreError;
use crate::secret::new_id;
use crate::telemetry;
use crate::{Timestamp, now};
use serde::Serialize;
use sqlx::Row;

pub use crate::account::{Email, User};
pub(crate) use crate::account::{USER_COLUMNS, joined_user_columns};

/// Everything we hold about a user, for "download my data".
#[derive(Debug, Serialize)]
pub struct UserExport {
    pub account: User,
    pub active_sessions: Vec<SessionExport>,
    pub api_tokens: Vec<crate::ApiToken>,
    /// Every Stripe customer the account has paid with.
    pub stripe_customer_ids: Vec<String>,
    /// Failed logins recorded against the account's email (kept at most an
    /// hour, for rate limiting).
    pub failed_logins: Vec<crate::FailedLogin>,
    /// Emailed links not yet used or expired (never their tokens).
    pub pending_links: Vec<crate::PendingLink>,
    /// When links were last mailed to the account's address (kept an hour,
    /// for rate limiting).
    pub mail_requests: Vec<Timestamp>,
    /// Practice settings, if the reader ever saved any.
    pub practice_settings: Option<crate::PracticeSettings>,
    /// Spaced-repetition cards, soonest due first.
    pub cards: Vec<crate::Card>,
    /// Every review, oldest first.
    pub reviews: Vec<crate::ReviewLog>,
    pub saved_questions: Vec<crate::SavedQuestion>,
    pub notes: Vec<crate::Note>,
    /// Mock interviews with their items, newest first.
    pub mocks: Vec<crate::Mock>,
    /// Quiz attempts, newest first.
    pub quiz_attempts: Vec<crate::QuizAttempt>,
    /// The interviewer kit: sets, interviews, share links.
    pub kit: crate::KitExport,
}

/// A session as shown in an export (never the token).
#[derive(Debug, Serialize)]
pub struct SessionExport {
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
}

impl Store {
    /// Creates an account that may log in at once. Fails with `EmailTaken`
    /// if the email is in use.
    pub async fn create_user(&self, email: &Email, password_hash: &str) -> Result<User, StoreError> {
        self.insert_user(email, password_hash, true).await
    }

    /// Creates an account that may log in only once its activation link
    /// (`Store::activate`) has been used.
    pub async fn create_inactive_user(&self, email: &Email, password_hash: &str) -> Result<User, StoreError> {
        self.insert_user(email, password_hash, false).await
    }

    async fn insert_user(&self, email: &Email, password_hash: &str, active: bool) -> Result<User, StoreError> {
        let user = User {
            id: new_id(),
            email: email.as_str().to_owned(),
            created_at: now(),
            premium_until: None,
            active,
        };
        let insert =
            sqlx::query("INSERT INTO users (id, email, password_hash, created_at, active) VALUES ($1, $2, $3, $4, $5)")
                .bind(&user.id)
                .bind(&user.email)
                .bind(password_hash)
                .bind(user.created_at)
                .bind(i64::from(active))
                .execute(self.bounded());
        telemetry::timed("create_user", insert)
            .await
            .map_err(StoreError::on_email_write)?;
        metrics::counter!(telemetry::SIGNUPS).increment(1);
        Ok(user)
    }

    /// The account with this email and its password hash.
    pub async fn user_with_hash(&self, email: &Email) -> Result<Option<(User, String)>, StoreError> {
        let row = telemetry::timed(
            "user_by_email",
            sqlx::query(&format!(
                "SELECT {USER_COLUMNS}, password_hash FROM users WHERE email = $1"
            ))
            .bind(email.as_str())
            .fetch_optional(self.bounded()),
        )
        .await?;
        row.map(|row| Ok((User::from_row(&row)?, row.try_get("password_hash")?)))
            .transpose()
    }

    pub async fn user(&self, id: &str) -> Result<Option<User>, StoreError> {
        let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.bounded())
            .await?;
        Ok(row.as_ref().map(User::from_row).transpose()?)
    }

    pub async fn user_by_email(&self, email: &Email) -> Result<Option<User>, StoreError> {
        Ok(self.user_with_hash(email).await?.map(|(user, _)| user))
    }

    pub async fn password_hash(&self, user_id: &str) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT password_hash FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(self.bounded())
            .await?;
        Ok(row.map(|row| row.try_get("password_hash")).transpose()?)
    }

    pub async fn set_password_hash(&self, user_id: &str, hash: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(user_id)
            .execute(self.bounded())
            .await?;
        self.sessions.forget_user(user_id);
        Ok(())
    }

    /// Deletes an account; its sessions, tokens, linked Stripe customers
    /// and practice data (cards, reviews, settings, saved questions, notes,
    /// mocks, quiz attempts) go with it, and so do its unused emailed links
    /// and the failed logins and mail requests recorded against its email
    /// (they name the reader and their address).
    pub async fn delete_user(&self, user_id: &str) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let email: Option<String> = sqlx::query("SELECT email FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(on(&mut tx))
            .await?
            .map(|row| row.try_get(0))
            .transpose()?;
        if let Some(email) = email {
            crate::attempts::delete_failed_logins(&mut tx, &email).await?;
            crate::link_rows::delete_mail_requests(&mut tx, &email).await?;
        }
        crate::link_rows::delete_links(&mut tx, user_id).await?;
        // Practice and kit rows, children first (not resting on `ON DELETE
        // CASCADE`).
        for statement in crate::practice_data::DELETES.iter().chain(&crate::kit_data::DELETES) {
            sqlx::query(statement).bind(user_id).execute(on(&mut tx)).await?;
        }
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(on(&mut tx))
            .await?;
        sqlx::query("DELETE FROM users WHERE id = $1")
            .bind(user_id)
            .execute(on(&mut tx))
            .await?;
        commit(tx).await?;
        self.sessions.forget_user(user_id);
        self.forget_practice(user_id);
        Ok(())
    }

    /// All accounts, oldest first.
    pub async fn list_users(&self) -> Result<Vec<User>, StoreError> {
        let rows = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users ORDER BY created_at, email"))
            .fetch_all(self.bounded())
            .await?;
        Ok(rows.iter().map(User::from_row).collect::<Result<_, _>>()?)
    }

    /// Sets when premium access ends (`None` revokes it). Operator commands
    /// use this; billing uses the event-ordered update in `billing`.
    pub async fn set_premium_until(&self, email: &Email, until: Option<Timestamp>) -> Result<User, StoreError> {
        let updated = sqlx::query("UPDATE users SET premium_until = $1 WHERE email = $2")
            .bind(until)
            .bind(email.as_str())
            .execute(self.bounded())
            .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::NoSuchUser);
        }
        let user = self.user_by_email(email).await?.ok_or(StoreError::NoSuchUser)?;
        self.sessions.forget_user(&user.id);
        Ok(user)
    }

    pub async fn export_user(&self, user_id: &str) -> Result<UserExport, StoreError> {
        let account = self.user(user_id).await?.ok_or(StoreError::NoSuchUser)?;
        let sessions =
            sqlx::query("SELECT created_at, last_seen_at FROM sessions WHERE user_id = $1 ORDER BY created_at")
                .bind(user_id)
                .fetch_all(self.bounded())
                .await?;
        let active_sessions = sessions
            .iter()
            .map(|row| {
                Ok(SessionExport {
                    created_at: row.try_get(0)?,
                    last_seen_at: row.try_get(1)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()?;
        let customers = sqlx::query("SELECT customer_id FROM stripe_customers WHERE user_id = $1 ORDER BY linked_at")
            .bind(user_id)
            .fetch_all(self.bounded())
            .await?;
        let stripe_customer_ids = customers
            .iter()
            .map(|row| row.try_get(0))
            .collect::<Result<_, sqlx::Error>>()?;
        let api_tokens = self.api_tokens(user_id).await?;
        let failed_logins = self.failed_logins(&account.email).await?;
        Ok(UserExport {
            active_sessions,
            api_tokens,
            stripe_customer_ids,
            failed_logins,
            pending_links: self.pending_links(user_id).await?,
            mail_requests: self.mail_requests(&account.email).await?,
            practice_settings: self.stored_practice_settings(user_id).await?,
            cards: self.cards(user_id).await?,
            reviews: self.reviews_since(user_id, Timestamp::MIN).await?,
            saved_questions: self.saved_questions(user_id).await?,
            notes: self.notes(user_id).await?,
            mocks: self.mocks(user_id).await?,
            quiz_attempts: self.quiz_attempts(user_id, None).await?,
            kit: self.export_kit(user_id).await?,
            account,
        })
    }
}
