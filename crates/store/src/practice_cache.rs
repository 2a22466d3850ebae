//! What the review queue is built from (a reader's cards, today's reviews,
//! their settings), kept in memory for a second, so showing the next card
//! costs no database round trip (issue 11: with 1,000 cards the queue page
//! served 129 requests a second, spent in three queries through sqlx's `Any`
//! driver and in decoding their rows).
//!
//! Only reads that show the queue use it; grading reads the database
//! ([`Store::load_practice_snapshot`]) and applies its review only if the
//! card is still at the version it read, so a stale snapshot is never
//! graded on. Every store write to a reader's cards, reviews or settings
//! forgets their snapshot after it commits; another instance may show one
//! up to [`TIME_TO_LIVE`] old (a card just graded elsewhere may show once
//! more, and grading it again is refused as changed).
//!
//! Each entry is a cell that the first reader to miss fills: readers who
//! miss at the same moment wait for that one read instead of each making
//! their own (a page reloaded by many tabs, or an API client polling). A
//! write forgets the cell itself, so a read that began before the write can
//! fill only a cell nobody will find again.

use crate::card::Card;
use crate::error::StoreError;
use crate::review_log::ReviewLog;
use crate::settings::PracticeSettings;
use crate::{Store, Timestamp};
use moka::sync::Cache;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::OnceCell;

/// How old a snapshot may be when it is served.
const TIME_TO_LIVE: Duration = Duration::from_secs(1);

/// Readers whose queue is kept at once; beyond it the least used go first.
const CAPACITY: u64 = 10_000;

/// A reader's practice state at one read.
#[derive(Debug)]
pub struct PracticeSnapshot {
    /// All their cards, soonest due first.
    pub cards: Vec<Card>,
    /// Their reviews at or after `since`, oldest first.
    pub reviews: Vec<ReviewLog>,
    pub since: Timestamp,
    pub settings: PracticeSettings,
}

type Cell = Arc<OnceCell<Arc<PracticeSnapshot>>>;

/// Snapshots by user id; one per [`Store`], shared by its clones.
pub(crate) struct PracticeCache(Cache<String, Cell>);

impl std::fmt::Debug for PracticeCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("PracticeCache").field(&self.0.entry_count()).finish()
    }
}

impl Default for PracticeCache {
    fn default() -> Self {
        PracticeCache(
            Cache::builder()
                .max_capacity(CAPACITY)
                .time_to_live(TIME_TO_LIVE)
                .build(),
        )
    }
}

impl Store {
    /// The reader's cards, reviews since `since` and settings, from memory
    /// if they were read in the last second (see the module docs); for
    /// showing the queue, never for deciding a write.
    pub async fn practice_snapshot(
        &self,
        user_id: &str,
        since: Timestamp,
    ) -> Result<Arc<PracticeSnapshot>, StoreError> {
        let cell = self.practice.0.get_with_by_ref(user_id, Cell::default);
        let snapshot = cell
            .get_or_try_init(|| self.load_practice_snapshot(user_id, since))
            .await?;
        if snapshot.since == since {
            Ok(Arc::clone(snapshot))
        } else {
            // Kept from another day: read today's, and keep it instead.
            let today = self.load_practice_snapshot(user_id, since).await?;
            self.practice.0.insert(
                user_id.to_owned(),
                Arc::new(OnceCell::new_with(Some(Arc::clone(&today)))),
            );
            Ok(today)
        }
    }

    /// The same, read from the database now (and not kept).
    pub async fn load_practice_snapshot(
        &self,
        user_id: &str,
        since: Timestamp,
    ) -> Result<Arc<PracticeSnapshot>, StoreError> {
        let (cards, reviews, settings) = tokio::try_join!(
            self.cards(user_id),
            self.reviews_since(user_id, since),
            self.practice_settings(user_id),
        )?;
        Ok(Arc::new(PracticeSnapshot {
            cards,
            reviews,
            since,
            settings,
        }))
    }

    /// Called by every write to a reader's cards, reviews or settings,
    /// after it commits.
    pub(crate) fn forget_practice(&self, user_id: &str) {
        self.practice.0.invalidate(user_id);
    }
}
