//! A review log entry as the store keeps it (what FSRS parameters can later
//! be optimized from), checked before it is written and read back from a row.

use crate::Timestamp;
use crate::card::{CARD_STATES, Card, CardKind};
use crate::error::StoreError;
use crate::input::{check_finite, check_text};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::ops::RangeInclusive;

/// Grades: 1 Again, 2 Hard, 3 Good, 4 Easy.
pub const GRADES: RangeInclusive<i16> = 1..=4;

/// One review of a card, as logged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewLog {
    pub kind: CardKind,
    pub slug: String,
    /// One of [`GRADES`].
    pub grade: i16,
    pub reviewed_at: Timestamp,
    pub elapsed_days: i64,
    pub scheduled_days: i64,
    pub state_before: i16,
    pub state_after: i16,
    pub stability_before: f64,
    pub stability_after: f64,
    pub difficulty_before: f64,
    pub difficulty_after: f64,
    /// What the reader wrote before revealing the answer (at most 10 KB).
    pub answer: Option<String>,
}

/// How many reviews a user made since some instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReviewCounts {
    pub total: i64,
    /// Reviews that found their card New: the cards introduced, which the
    /// daily new-card cap counts.
    pub new_cards: i64,
}

pub(crate) const REVIEW_COLUMNS: &str = "kind, slug, grade, reviewed_at, elapsed_days, scheduled_days, state_before, \
     state_after, stability_before, stability_after, difficulty_before, difficulty_after, answer";

impl ReviewLog {
    pub(crate) fn check(&self, card: &Card) -> Result<(), StoreError> {
        if self.kind != card.kind || self.slug != card.slug {
            return Err(StoreError::Invalid("the review log names another card".into()));
        }
        if !GRADES.contains(&self.grade) {
            return Err(StoreError::Invalid(format!("grade {} is not 1 to 4", self.grade)));
        }
        if !CARD_STATES.contains(&self.state_before) || !CARD_STATES.contains(&self.state_after) {
            return Err(StoreError::Invalid("a review's states must be 0 to 3".into()));
        }
        for (what, value) in [
            ("stability", self.stability_before),
            ("stability", self.stability_after),
            ("difficulty", self.difficulty_before),
            ("difficulty", self.difficulty_after),
        ] {
            check_finite(what, value)?;
        }
        if let Some(answer) = &self.answer {
            check_text("the answer", answer)?;
        }
        Ok(())
    }

    pub(crate) fn from_row(row: &AnyRow) -> Result<ReviewLog, sqlx::Error> {
        Ok(ReviewLog {
            kind: CardKind::from_column(row, "kind")?,
            slug: row.try_get("slug")?,
            grade: row.try_get("grade")?,
            reviewed_at: row.try_get("reviewed_at")?,
            elapsed_days: row.try_get("elapsed_days")?,
            scheduled_days: row.try_get("scheduled_days")?,
            state_before: row.try_get("state_before")?,
            state_after: row.try_get("state_after")?,
            stability_before: row.try_get("stability_before")?,
            stability_after: row.try_get("stability_after")?,
            difficulty_before: row.try_get("difficulty_before")?,
            difficulty_after: row.try_get("difficulty_after")?,
            answer: row.try_get("answer")?,
        })
    }
}
