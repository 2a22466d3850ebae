//! Spaced-repetition cards: one per (user, kind, slug), holding the card's
//! FSRS scheduling state as the practice rules computed it. The store keeps
//! the state and never computes it. Adding is idempotent; a review changes a
//! card only through `Store::apply_review`.

use crate::Timestamp;
use crate::bounded::{commit, on};
use crate::db::Store;
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

impl Store {
    /// Adds a card; true if it was new, false if the user already had it
    /// (then nothing changes: its schedule is kept). `NoSuchUser` for an
    /// unknown user.
    pub async fn add_card(&self, user_id: &str, card: &Card) -> Result<bool, StoreError> {
        Ok(self.add_cards(user_id, std::slice::from_ref(card)).await? == 1)
    }

    /// Adds many cards at once (a topic, a level) in one transaction; cards
    /// the user already has are left as they are. Returns how many were new.
    /// Any bad card or an unknown user fails the whole call and adds none.
    pub async fn add_cards(&self, user_id: &str, cards: &[Card]) -> Result<u64, StoreError> {
        if cards.len() > MAX_CARDS_PER_ADD {
            return Err(StoreError::Invalid(format!(
                "at most {MAX_CARDS_PER_ADD} cards can be added at once"
            )));
        }
        for card in cards {
            card.check()?;
        }
        let mut tx = self.begin().await?;
        let mut added = 0;
        for card in cards {
            let inserted = sqlx::query(&format!(
                "INSERT INTO practice_cards (user_id, {CARD_COLUMNS}) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
                 ON CONFLICT (user_id, kind, slug) DO NOTHING"
            ))
            .bind(user_id)
            .bind(card.kind.as_str())
            .bind(&card.slug)
            .bind(card.due)
            .bind(card.stability)
            .bind(card.difficulty)
            .bind(card.elapsed_days)
            .bind(card.scheduled_days)
            .bind(card.reps)
            .bind(card.lapses)
            .bind(card.state)
            .bind(card.last_review)
            .bind(card.added_at)
            .execute(on(&mut tx))
            .await
            .map_err(StoreError::from_user_write)?;
            added += inserted.rows_affected();
        }
        commit(tx).await?;
        self.forget_practice(user_id);
        Ok(added)
    }

    /// One of the user's cards.
    pub async fn card(&self, user_id: &str, kind: CardKind, slug: &str) -> Result<Option<Card>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {CARD_COLUMNS} FROM practice_cards WHERE user_id = $1 AND kind = $2 AND slug = $3"
        ))
        .bind(user_id)
        .bind(kind.as_str())
        .bind(slug)
        .fetch_optional(self.bounded())
        .await?;
        Ok(row.as_ref().map(Card::from_row).transpose()?)
    }

    /// All of the user's cards, soonest due first.
    pub async fn cards(&self, user_id: &str) -> Result<Vec<Card>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {CARD_COLUMNS} FROM practice_cards WHERE user_id = $1 ORDER BY due, kind, slug"
        ))
        .bind(user_id)
        .fetch_all(self.bounded())
        .await?;
        Ok(rows.iter().map(Card::from_row).collect::<Result<_, _>>()?)
    }

    /// The user's cards due at or before `at`, soonest due first, at most
    /// `limit` of them. New cards are due from the moment they are added;
    /// the practice rules decide how many of those to show.
    pub async fn due_cards(&self, user_id: &str, at: Timestamp, limit: i64) -> Result<Vec<Card>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {CARD_COLUMNS} FROM practice_cards WHERE user_id = $1 AND due <= $2 \
             ORDER BY due, kind, slug LIMIT $3"
        ))
        .bind(user_id)
        .bind(at)
        .bind(limit.max(0))
        .fetch_all(self.bounded())
        .await?;
        Ok(rows.iter().map(Card::from_row).collect::<Result<_, _>>()?)
    }
}
