//! Private notes on questions: plain text, at most 10 KB, one per question
//! and reader. Saving an empty note deletes it. A note may exist without
//! the question being saved, and the other way round.

use crate::Timestamp;
use crate::db::Store;
use crate::error::StoreError;
use crate::input::{check_slug, check_text};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub slug: String,
    pub body: String,
    pub updated_at: Timestamp,
}

impl Note {
    fn from_row(row: &AnyRow) -> Result<Note, sqlx::Error> {
        Ok(Note {
            slug: row.try_get("slug")?,
            body: row.try_get("body")?,
            updated_at: row.try_get("updated_at")?,
        })
    }
}

impl Store {
    /// The reader's note on a question.
    pub async fn note(&self, user_id: &str, slug: &str) -> Result<Option<Note>, StoreError> {
        let row = sqlx::query("SELECT slug, body, updated_at FROM question_notes WHERE user_id = $1 AND slug = $2")
            .bind(user_id)
            .bind(slug)
            .fetch_optional(self.bounded())
            .await?;
        Ok(row.as_ref().map(Note::from_row).transpose()?)
    }

    /// Writes the reader's note on a question, kept as typed. A body of only
    /// whitespace deletes the note (and returns `None`). A body over
    /// [`crate::MAX_TEXT_BYTES`] is `Invalid` and changes nothing; an
    /// unknown user is `NoSuchUser`.
    pub async fn put_note(
        &self,
        user_id: &str,
        slug: &str,
        body: &str,
        at: Timestamp,
    ) -> Result<Option<Note>, StoreError> {
        check_slug("the question", slug)?;
        check_text("the note", body)?;
        if body.trim().is_empty() {
            self.delete_note(user_id, slug).await?;
            return Ok(None);
        }
        sqlx::query(
            "INSERT INTO question_notes (user_id, slug, body, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id, slug) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
        )
        .bind(user_id)
        .bind(slug)
        .bind(body)
        .bind(at)
        .execute(self.bounded())
        .await
        .map_err(StoreError::from_user_write)?;
        Ok(Some(Note {
            slug: slug.to_owned(),
            body: body.to_owned(),
            updated_at: at,
        }))
    }

    /// Deletes the reader's note on a question; false if there was none.
    pub async fn delete_note(&self, user_id: &str, slug: &str) -> Result<bool, StoreError> {
        let deleted = sqlx::query("DELETE FROM question_notes WHERE user_id = $1 AND slug = $2")
            .bind(user_id)
            .bind(slug)
            .execute(self.bounded())
            .await?;
        Ok(deleted.rows_affected() > 0)
    }

    /// All of the reader's notes, by question.
    pub async fn notes(&self, user_id: &str) -> Result<Vec<Note>, StoreError> {
        let rows = sqlx::query("SELECT slug, body, updated_at FROM question_notes WHERE user_id = $1 ORDER BY slug")
            .bind(user_id)
            .fetch_all(self.bounded())
            .await?;
        Ok(rows.iter().map(Note::from_row).collect::<Result<_, _>>()?)
    }
}
