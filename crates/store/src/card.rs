//! A spaced-repetition card as the store keeps it: its kind, slug and FSRS
//! state, checked before it is written and read back from a row.

use crate::Timestamp;
use crate::error::StoreError;
use crate::input::{check_finite, check_slug};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::ops::RangeInclusive;

/// What a card asks about: a bank question or a "what does this print" quiz.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CardKind {
    Question,
    Quiz,
}

impl CardKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CardKind::Question => "question",
            CardKind::Quiz => "quiz",
        }
    }

    pub fn parse(text: &str) -> Option<CardKind> {
        match text {
            "question" => Some(CardKind::Question),
            "quiz" => Some(CardKind::Quiz),
            _ => None,
        }
    }

    pub(crate) fn from_column(row: &AnyRow, column: &str) -> Result<CardKind, sqlx::Error> {
        let text: String = row.try_get(column)?;
        CardKind::parse(&text).ok_or_else(|| sqlx::Error::Decode(format!("unknown card kind `{text}`").into()))
    }
}

/// FSRS's card states: 0 New, 1 Learning, 2 Review, 3 Relearning.
pub const CARD_STATES: RangeInclusive<i16> = 0..=3;

/// The most cards one `add_cards` call takes (a whole topic or level is far
/// fewer).
pub const MAX_CARDS_PER_ADD: usize = 1000;

/// A card and its scheduling state (all times Unix seconds).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Card {
    pub kind: CardKind,
    pub slug: String,
    pub due: Timestamp,
    pub stability: f64,
    pub difficulty: f64,
    pub elapsed_days: i64,
    pub scheduled_days: i64,
    pub reps: i64,
    pub lapses: i64,
    /// One of [`CARD_STATES`].
    pub state: i16,
    pub last_review: Option<Timestamp>,
    pub added_at: Timestamp,
}

/// What a review form read of its card: the review applies only if the card
/// still has it, so a double submit or a stale page cannot apply twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CardVersion {
    pub reps: i64,
    pub last_review: Option<Timestamp>,
}

pub(crate) const CARD_COLUMNS: &str = "kind, slug, due, stability, difficulty, elapsed_days, scheduled_days, \
     reps, lapses, state, last_review, added_at";

impl Card {
    /// A card added at `at` and never reviewed: New, due at once.
    pub fn new(kind: CardKind, slug: &str, at: Timestamp) -> Card {
        Card {
            kind,
            slug: slug.to_owned(),
            due: at,
            stability: 0.0,
            difficulty: 0.0,
            elapsed_days: 0,
            scheduled_days: 0,
            reps: 0,
            lapses: 0,
            state: 0,
            last_review: None,
            added_at: at,
        }
    }

    /// The version a review of this card must find to apply.
    pub fn version(&self) -> CardVersion {
        CardVersion {
            reps: self.reps,
            last_review: self.last_review,
        }
    }

    pub(crate) fn check(&self) -> Result<(), StoreError> {
        check_slug("a card's slug", &self.slug)?;
        check_finite("stability", self.stability)?;
        check_finite("difficulty", self.difficulty)?;
        if !CARD_STATES.contains(&self.state) {
            return Err(StoreError::Invalid(format!("card state {} is not 0 to 3", self.state)));
        }
        if self.reps < 0 || self.lapses < 0 {
            return Err(StoreError::Invalid("reps and lapses cannot be negative".into()));
        }
        Ok(())
    }

    pub(crate) fn from_row(row: &AnyRow) -> Result<Card, sqlx::Error> {
        Ok(Card {
            kind: CardKind::from_column(row, "kind")?,
            slug: row.try_get("slug")?,
            due: row.try_get("due")?,
            stability: row.try_get("stability")?,
            difficulty: row.try_get("difficulty")?,
            elapsed_days: row.try_get("elapsed_days")?,
            scheduled_days: row.try_get("scheduled_days")?,
            reps: row.try_get("reps")?,
            lapses: row.try_get("lapses")?,
            state: row.try_get("state")?,
            last_review: row.try_get("last_review")?,
            added_at: row.try_get("added_at")?,
        })
    }
}
