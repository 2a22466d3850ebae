//! Progress at a glance, from a reader's cards and review log: how many
//! cards are new, learning, due and mastered per level and per topic, the
//! reviews of each of the last 90 UTC days, what falls due in the next 14,
//! the share of due reviews remembered, and the streak of days practised.

mod activity;
mod counts;

pub use activity::{
    DayCount, FORECAST_DAYS, HISTORY_DAYS, RETENTION_DAYS, due_forecast, retention, reviews_per_day, streak,
};
pub use counts::{Counts, MASTERED_STABILITY};

use crate::card::{CardState, ReviewRecord};
use std::collections::BTreeMap;

/// A card with the level and topics its question is filed under, as the
/// caller names them (the bank's names, say).
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedCard {
    pub card: CardState,
    pub level: String,
    pub topics: Vec<String>,
}

impl AsRef<CardState> for TaggedCard {
    fn as_ref(&self) -> &CardState {
        &self.card
    }
}

/// All the progress figures at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub total: Counts,
    /// By level name, in name order.
    pub by_level: BTreeMap<String, Counts>,
    /// By topic name, in name order; a card filed under two topics counts
    /// in both.
    pub by_topic: BTreeMap<String, Counts>,
    /// Reviews on each of the last [`HISTORY_DAYS`] UTC days, oldest first,
    /// ending today; days without reviews are there with 0.
    pub reviews_per_day: Vec<DayCount>,
    /// Cards falling due on each of the next [`FORECAST_DAYS`] UTC days,
    /// today first (overdue cards count today).
    pub due_forecast: Vec<DayCount>,
    /// See [`retention`].
    pub retention: Option<f64>,
    /// See [`streak`].
    pub streak: u32,
}

impl Progress {
    /// The figures at `now` for `cards` and their `reviews` (the reader's
    /// whole log, or at least its last 90 days).
    pub fn compute(cards: &[TaggedCard], reviews: &[ReviewRecord], now: i64) -> Progress {
        let mut progress = Progress {
            total: Counts::default(),
            by_level: BTreeMap::new(),
            by_topic: BTreeMap::new(),
            reviews_per_day: reviews_per_day(reviews, now, HISTORY_DAYS),
            due_forecast: due_forecast(cards, now, FORECAST_DAYS),
            retention: retention(reviews, now),
            streak: streak(reviews, now),
        };
        for tagged in cards {
            let card = &tagged.card;
            progress.total.add(card, now);
            progress
                .by_level
                .entry(tagged.level.clone())
                .or_default()
                .add(card, now);
            for topic in &tagged.topics {
                progress.by_topic.entry(topic.clone()).or_default().add(card, now);
            }
        }
        progress
    }
}

#[cfg(test)]
mod tests;
