//! Quiz attempts: each answer a reader gave to a "what does this print"
//! quiz, and whether it was right (the web layer judges it).

use crate::Timestamp;
use crate::db::Store;
use crate::error::StoreError;
use crate::input::{check_slug, check_text};
use crate::secret::new_id;
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuizAttempt {
    /// The quiz's slug.
    pub slug: String,
    /// What the reader answered (at most 10 KB; may be empty: some programs
    /// print nothing).
    pub answer: String,
    pub correct: bool,
    pub at: Timestamp,
}

impl Store {
    /// Records an attempt. An answer over 10 KB or a malformed slug is
    /// `Invalid`, an unknown user `NoSuchUser`; nothing is recorded then.
    pub async fn record_quiz_attempt(
        &self,
        user_id: &str,
        slug: &str,
        answer: &str,
        correct: bool,
        at: Timestamp,
    ) -> Result<QuizAttempt, StoreError> {
        check_slug("the quiz", slug)?;
        check_text("the answer", answer)?;
        sqlx::query(
            "INSERT INTO quiz_attempts (id, user_id, slug, answer, correct, at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(new_id())
        .bind(user_id)
        .bind(slug)
        .bind(answer)
        .bind(i64::from(correct))
        .bind(at)
        .execute(self.bounded())
        .await
        .map_err(StoreError::from_user_write)?;
        Ok(QuizAttempt {
            slug: slug.to_owned(),
            answer: answer.to_owned(),
            correct,
            at,
        })
    }

    /// The reader's attempts, newest first: all of them, or one quiz's.
    pub async fn quiz_attempts(&self, user_id: &str, slug: Option<&str>) -> Result<Vec<QuizAttempt>, StoreError> {
        let rows = sqlx::query(
            "SELECT slug, answer, correct, at FROM quiz_attempts \
             WHERE user_id = $1 AND ($2 IS NULL OR slug = $2) ORDER BY at DESC, slug",
        )
        .bind(user_id)
        .bind(slug)
        .fetch_all(self.bounded())
        .await?;
        Ok(rows
            .iter()
            .map(|row| {
                let correct: i64 = row.try_get("correct")?;
                Ok(QuizAttempt {
                    slug: row.try_get("slug")?,
                    answer: row.try_get("answer")?,
                    correct: correct != 0,
                    at: row.try_get("at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()?)
    }
}
