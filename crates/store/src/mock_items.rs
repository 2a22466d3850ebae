//! A mock item's steps: start (the server sets the deadline), reveal (with
//! the reader's answer, if any), grade. Each step is one conditional
//! `UPDATE` whose condition is the whole rule (the reader's mock, not
//! finished, the step's order, the deadline), so no step can slip past a
//! rule under concurrency; when it changes nothing, the item is read to say
//! which rule refused it.

use crate::Timestamp;
use crate::db::Store;
use crate::error::StoreError;
use crate::input::check_text;
use crate::mocks::{ITEM_COLUMNS, MockItem, SelfGrade};

/// The condition every step shares: the item is in the reader's mock and
/// the mock is not finished. Binds `$1` the mock id, `$2` the user id and
/// `$3` the position.
const OPEN_ITEM: &str = "mock_id = $1 AND position = $3 AND mock_id IN \
     (SELECT id FROM mocks WHERE id = $1 AND user_id = $2 AND finished_at IS NULL)";

impl Store {
    /// Starts an item at `at`: its deadline becomes `at` plus the mock's
    /// minutes per question. Starting it again (a reload) changes nothing
    /// and returns it with its first deadline. `NotFound` for an item not in
    /// the reader's mocks, `MockFinished` once the mock is finished.
    pub async fn start_mock_item(
        &self,
        user_id: &str,
        mock_id: &str,
        position: i64,
        at: Timestamp,
    ) -> Result<MockItem, StoreError> {
        let changed = sqlx::query(&format!(
            "UPDATE mock_items SET started_at = $4, \
             deadline = $4 + 60 * (SELECT minutes_per_question FROM mocks WHERE id = $1) \
             WHERE {OPEN_ITEM} AND started_at IS NULL"
        ))
        .bind(mock_id)
        .bind(user_id)
        .bind(position)
        .bind(at)
        .execute(self.bounded())
        .await?;
        let (item, finished) = self.mock_item(user_id, mock_id, position).await?;
        if changed.rows_affected() > 0 {
            return Ok(item);
        }
        if finished {
            Err(StoreError::MockFinished)
        } else if item.started_at.is_some() {
            Ok(item)
        } else {
            Err(StoreError::OutOfOrder("the question could not be started; try again"))
        }
    }

    /// Reveals an item's answer at `at`, keeping what the reader wrote
    /// (at most 10 KB). The item must be started and not yet revealed; an
    /// answer is taken only until the deadline (revealing without one is
    /// allowed after it, to see the answer). Errors change nothing:
    /// `NotFound`, `MockFinished`, `DeadlinePassed`, `OutOfOrder`,
    /// `Invalid` (the answer).
    pub async fn reveal_mock_item(
        &self,
        user_id: &str,
        mock_id: &str,
        position: i64,
        answer: Option<&str>,
        at: Timestamp,
    ) -> Result<MockItem, StoreError> {
        if let Some(answer) = answer {
            check_text("the answer", answer)?;
        }
        let in_time = if answer.is_some() { " AND deadline >= $4" } else { "" };
        let changed = sqlx::query(&format!(
            "UPDATE mock_items SET revealed_at = $4, answer = $5 WHERE {OPEN_ITEM} \
             AND started_at IS NOT NULL AND revealed_at IS NULL{in_time}"
        ))
        .bind(mock_id)
        .bind(user_id)
        .bind(position)
        .bind(at)
        .bind(answer)
        .execute(self.bounded())
        .await?;
        let (item, finished) = self.mock_item(user_id, mock_id, position).await?;
        if changed.rows_affected() > 0 {
            return Ok(item);
        }
        Err(if finished {
            StoreError::MockFinished
        } else if item.started_at.is_none() {
            StoreError::OutOfOrder("start the question before revealing its answer")
        } else if item.revealed_at.is_some() {
            StoreError::OutOfOrder("the answer was already revealed")
        } else {
            StoreError::DeadlinePassed
        })
    }

    /// Grades a revealed item at `at`, until its deadline (grading again
    /// before then replaces the grade). Errors change nothing: `NotFound`,
    /// `MockFinished`, `DeadlinePassed`, `OutOfOrder` (not revealed yet).
    pub async fn grade_mock_item(
        &self,
        user_id: &str,
        mock_id: &str,
        position: i64,
        grade: SelfGrade,
        at: Timestamp,
    ) -> Result<MockItem, StoreError> {
        let changed = sqlx::query(&format!(
            "UPDATE mock_items SET self_grade = $4 WHERE {OPEN_ITEM} \
             AND revealed_at IS NOT NULL AND deadline >= $5"
        ))
        .bind(mock_id)
        .bind(user_id)
        .bind(position)
        .bind(grade.as_str())
        .bind(at)
        .execute(self.bounded())
        .await?;
        let (item, finished) = self.mock_item(user_id, mock_id, position).await?;
        if changed.rows_affected() > 0 {
            return Ok(item);
        }
        Err(if finished {
            StoreError::MockFinished
        } else if item.revealed_at.is_none() {
            StoreError::OutOfOrder("reveal the answer before grading it")
        } else {
            StoreError::DeadlinePassed
        })
    }

    /// One item of the reader's mock and whether the mock is finished;
    /// `NotFound` if the reader has no such mock or item.
    async fn mock_item(&self, user_id: &str, mock_id: &str, position: i64) -> Result<(MockItem, bool), StoreError> {
        let columns = ITEM_COLUMNS
            .split(", ")
            .map(|column| format!("i.{column}"))
            .collect::<Vec<_>>()
            .join(", ");
        let row = sqlx::query(&format!(
            "SELECT {columns}, m.finished_at FROM mock_items i JOIN mocks m ON m.id = i.mock_id \
             WHERE m.id = $1 AND m.user_id = $2 AND i.position = $3"
        ))
        .bind(mock_id)
        .bind(user_id)
        .bind(position)
        .fetch_optional(self.bounded())
        .await?
        .ok_or(StoreError::NotFound)?;
        let finished: Option<Timestamp> = sqlx::Row::try_get(&row, "finished_at")?;
        Ok((MockItem::from_row(&row)?, finished.is_some()))
    }
}
