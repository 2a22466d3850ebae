//! Reviews: applying one to its card, and the review log FSRS's parameters
//! can later be optimized from.
//!
//! A review updates the card and appends its log entry in one transaction,
//! and only if the card is still at the version the reader's form was built
//! from (its `reps` and `last_review`). The check is part of the `UPDATE`'s
//! condition, so it holds under concurrency on both databases: of two
//! submits of the same form, PostgreSQL re-checks the second against the row
//! the first committed, and SQLite runs writers one at a time. The loser
//! gets `StaleReview` and changes nothing.

use crate::Timestamp;
use crate::bounded::{commit, on};
use crate::card::{Card, CardVersion};
use crate::db::Store;
use crate::error::StoreError;
use crate::review_log::{REVIEW_COLUMNS, ReviewCounts, ReviewLog};
use crate::secret::new_id;
use sqlx::Row;

impl Store {
    /// Applies a review: sets the card to `updated` and logs `log`, both or
    /// neither, and only if the card is still at `expected` (what the form
    /// read). `StaleReview` if it is not (a double submit, another tab),
    /// `NotFound` if the user has no such card, `Invalid` for a malformed
    /// card or log, or an update that leaves the version as it was (it
    /// could then apply again); in every error case nothing changes.
    pub async fn apply_review(
        &self,
        user_id: &str,
        expected: CardVersion,
        updated: &Card,
        log: &ReviewLog,
    ) -> Result<(), StoreError> {
        updated.check()?;
        log.check(updated)?;
        if updated.version() == expected {
            // Applied twice, such a review would pass its own check.
            return Err(StoreError::Invalid(
                "a review must change the card's reps or last review".into(),
            ));
        }
        let mut tx = self.begin().await?;
        // The write comes first: on SQLite the transaction takes the write
        // lock at once instead of upgrading a read snapshot (which can fail
        // with SQLITE_BUSY under concurrent writers).
        let changed = sqlx::query(
            "UPDATE practice_cards SET due = $1, stability = $2, difficulty = $3, elapsed_days = $4, \
             scheduled_days = $5, reps = $6, lapses = $7, state = $8, last_review = $9 \
             WHERE user_id = $10 AND kind = $11 AND slug = $12 \
             AND reps = $13 AND last_review IS NOT DISTINCT FROM $14",
        )
        .bind(updated.due)
        .bind(updated.stability)
        .bind(updated.difficulty)
        .bind(updated.elapsed_days)
        .bind(updated.scheduled_days)
        .bind(updated.reps)
        .bind(updated.lapses)
        .bind(updated.state)
        .bind(updated.last_review)
        .bind(user_id)
        .bind(updated.kind.as_str())
        .bind(&updated.slug)
        .bind(expected.reps)
        .bind(expected.last_review)
        .execute(on(&mut tx))
        .await?;
        if changed.rows_affected() == 0 {
            let exists = sqlx::query("SELECT 1 FROM practice_cards WHERE user_id = $1 AND kind = $2 AND slug = $3")
                .bind(user_id)
                .bind(updated.kind.as_str())
                .bind(&updated.slug)
                .fetch_optional(on(&mut tx))
                .await?
                .is_some();
            // The snapshot the caller graded on is out of date.
            self.forget_practice(user_id);
            return Err(if exists {
                StoreError::StaleReview
            } else {
                StoreError::NotFound
            });
        }
        sqlx::query(&format!(
            "INSERT INTO practice_reviews (id, user_id, {REVIEW_COLUMNS}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
        ))
        .bind(new_id())
        .bind(user_id)
        .bind(log.kind.as_str())
        .bind(&log.slug)
        .bind(log.grade)
        .bind(log.reviewed_at)
        .bind(log.elapsed_days)
        .bind(log.scheduled_days)
        .bind(log.state_before)
        .bind(log.state_after)
        .bind(log.stability_before)
        .bind(log.stability_after)
        .bind(log.difficulty_before)
        .bind(log.difficulty_after)
        .bind(&log.answer)
        .execute(on(&mut tx))
        .await?;
        commit(tx).await?;
        self.forget_practice(user_id);
        Ok(())
    }

    /// How many reviews the user made at or after `since`, and how many of
    /// them introduced a new card (for the daily new-card cap).
    pub async fn review_counts_since(&self, user_id: &str, since: Timestamp) -> Result<ReviewCounts, StoreError> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS total, \
             COALESCE(SUM(CASE WHEN state_before = 0 THEN 1 ELSE 0 END), 0) AS new_cards \
             FROM practice_reviews WHERE user_id = $1 AND reviewed_at >= $2",
        )
        .bind(user_id)
        .bind(since)
        .fetch_one(self.bounded())
        .await?;
        Ok(ReviewCounts {
            total: row.try_get("total")?,
            new_cards: row.try_get("new_cards")?,
        })
    }

    /// The user's reviews at or after `since`, oldest first.
    pub async fn reviews_since(&self, user_id: &str, since: Timestamp) -> Result<Vec<ReviewLog>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {REVIEW_COLUMNS} FROM practice_reviews WHERE user_id = $1 AND reviewed_at >= $2 \
             ORDER BY reviewed_at, kind, slug"
        ))
        .bind(user_id)
        .bind(since)
        .fetch_all(self.bounded())
        .await?;
        Ok(rows.iter().map(ReviewLog::from_row).collect::<Result<_, _>>()?)
    }
}
