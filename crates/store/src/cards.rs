//! Spaced-repetition cards: one per (user, kind, slug), holding the card's
//! FSRS scheduling state as the practice rules computed it. The store keeps
//! the state and never computes it. Adding is idempotent; a review changes a
//! card only through `Store::apply_review`.

use crate::Timestamp;
use crate::bounded::{commit, on};
use crate::card::{CARD_COLUMNS, Card, CardKind, MAX_CARDS_PER_ADD};
use crate::db::Store;
use crate::error::StoreError;

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
