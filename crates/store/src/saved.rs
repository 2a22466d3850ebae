//! Saved questions: a reader's bookmarks, listed with the first line of the
//! note they wrote on each, if any.

use crate::Timestamp;
use crate::db::Store;
use crate::error::StoreError;
use crate::input::check_slug;
use serde::Serialize;
use sqlx::Row;

/// How much of a note's first line the saved list shows, in characters.
pub const NOTE_PREVIEW_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedQuestion {
    pub slug: String,
    pub saved_at: Timestamp,
    /// The first non-blank line of the reader's note on it, trimmed and cut
    /// to [`NOTE_PREVIEW_CHARS`] characters (with "…" when cut).
    pub note_first_line: Option<String>,
}

/// A note's first non-blank line, as the saved list shows it.
fn first_line(body: &str) -> Option<String> {
    let line = body.lines().map(str::trim).find(|line| !line.is_empty())?;
    let mut chars = line.char_indices();
    Some(match chars.nth(NOTE_PREVIEW_CHARS) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_owned(),
    })
}

impl Store {
    /// Saves a question for the reader; true if it was not saved before
    /// (saving again changes nothing). `NoSuchUser` for an unknown user.
    pub async fn save_question(&self, user_id: &str, slug: &str, at: Timestamp) -> Result<bool, StoreError> {
        check_slug("the question", slug)?;
        let inserted = sqlx::query(
            "INSERT INTO saved_questions (user_id, slug, saved_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id, slug) DO NOTHING",
        )
        .bind(user_id)
        .bind(slug)
        .bind(at)
        .execute(self.bounded())
        .await
        .map_err(StoreError::from_user_write)?;
        Ok(inserted.rows_affected() > 0)
    }

    /// Unsaves a question; false if it was not saved. Its note stays.
    pub async fn unsave_question(&self, user_id: &str, slug: &str) -> Result<bool, StoreError> {
        let deleted = sqlx::query("DELETE FROM saved_questions WHERE user_id = $1 AND slug = $2")
            .bind(user_id)
            .bind(slug)
            .execute(self.bounded())
            .await?;
        Ok(deleted.rows_affected() > 0)
    }

    /// Whether the reader saved this question.
    pub async fn is_saved(&self, user_id: &str, slug: &str) -> Result<bool, StoreError> {
        let row = sqlx::query("SELECT 1 FROM saved_questions WHERE user_id = $1 AND slug = $2")
            .bind(user_id)
            .bind(slug)
            .fetch_optional(self.bounded())
            .await?;
        Ok(row.is_some())
    }

    /// The reader's saved questions, most recently saved first, each with
    /// its note's first line.
    pub async fn saved_questions(&self, user_id: &str) -> Result<Vec<SavedQuestion>, StoreError> {
        let rows = sqlx::query(
            "SELECT s.slug, s.saved_at, n.body FROM saved_questions s \
             LEFT JOIN question_notes n ON n.user_id = s.user_id AND n.slug = s.slug \
             WHERE s.user_id = $1 ORDER BY s.saved_at DESC, s.slug",
        )
        .bind(user_id)
        .fetch_all(self.bounded())
        .await?;
        Ok(rows
            .iter()
            .map(|row| {
                let body: Option<String> = row.try_get("body")?;
                Ok(SavedQuestion {
                    slug: row.try_get("slug")?,
                    saved_at: row.try_get("saved_at")?,
                    note_first_line: body.as_deref().and_then(first_line),
                })
            })
            .collect::<Result<_, sqlx::Error>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preview_is_the_first_non_blank_line_cut_on_a_character() {
        assert_eq!(
            first_line("\n  \n  Drop order \n second").as_deref(),
            Some("Drop order")
        );
        assert_eq!(first_line(" \n\t"), None);
        let long = "é".repeat(NOTE_PREVIEW_CHARS + 5);
        let preview = first_line(&long).expect("a line");
        assert_eq!(preview.chars().count(), NOTE_PREVIEW_CHARS + 1);
        assert!(preview.ends_with('…'));
        assert_eq!(
            first_line(&"x".repeat(NOTE_PREVIEW_CHARS)).map(|line| line.len()),
            Some(NOTE_PREVIEW_CHARS)
        );
    }
}
