//! Which card a reader sees next. Cards whose time has come go first:
//! learning and relearning cards (forgotten minutes ago, they fade fastest),
//! then review cards, most overdue first. Then never-seen cards, oldest added
//! first, as long as today's allowance of new cards lasts. The allowance is
//! counted per UTC day from the reviews that found a card new.

use crate::card::{CardState, Phase, ReviewRecord};
use crate::day::UtcDay;

/// A reader's queue at one moment, built from all their cards.
#[derive(Debug, Clone)]
pub struct Queue<'a, T> {
    due: Vec<&'a T>,
    new: Vec<&'a T>,
    new_left_today: u32,
    next_due_at: Option<i64>,
}

impl<'a, T: AsRef<CardState>> Queue<'a, T> {
    /// The queue at `now`. `reviews` are the reader's review records (at
    /// least today's; older ones are ignored); `new_per_day` is the cap on
    /// new cards per UTC day.
    pub fn build(cards: &'a [T], now: i64, reviews: &[ReviewRecord], new_per_day: u32) -> Queue<'a, T> {
        let new_left_today = new_per_day.saturating_sub(new_seen_on(UtcDay::of(now), reviews));
        Queue {
            due: due_cards(cards, now),
            new: new_cards(cards, new_left_today),
            new_left_today,
            next_due_at: next_due_at(cards, now),
        }
    }

    /// The card to show now, if any.
    pub fn next(&self) -> Option<&'a T> {
        self.due.first().or(self.new.first()).copied()
    }

    /// Every card to show now, in order: due cards, then today's new ones.
    pub fn cards(&self) -> impl Iterator<Item = &'a T> + '_ {
        self.due.iter().chain(&self.new).copied()
    }

    /// How many reviewed cards are due now.
    pub fn due_count(&self) -> usize {
        self.due.len()
    }

    /// How many new cards are shown now: the new cards there are, up to
    /// what is left of today's allowance.
    pub fn new_count(&self) -> usize {
        self.new.len()
    }

    /// What is left of today's new-card allowance.
    pub fn new_left_today(&self) -> u32 {
        self.new_left_today
    }

    /// When the next reviewed card falls due, if none is due now: "come
    /// back in 4 min" once the queue is empty.
    pub fn next_due_at(&self) -> Option<i64> {
        self.next_due_at
    }
}

/// New cards introduced on `day`: reviews that found their card new.
fn new_seen_on(day: UtcDay, reviews: &[ReviewRecord]) -> u32 {
    let count = reviews
        .iter()
        .filter(|r| r.state_before == Phase::New && UtcDay::of(r.reviewed_at) == day)
        .count();
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// Reviewed cards due at `now`: learning first, then review; earliest due
/// first within each, and in the given order on a tie.
fn due_cards<T: AsRef<CardState>>(cards: &[T], now: i64) -> Vec<&T> {
    let mut due: Vec<&T> = cards.iter().filter(|c| c.as_ref().is_due(now)).collect();
    due.sort_by_key(|c| (!c.as_ref().state.is_learning(), c.as_ref().due));
    due
}

/// New cards, oldest added first, at most `allowance` of them.
fn new_cards<T: AsRef<CardState>>(cards: &[T], allowance: u32) -> Vec<&T> {
    let mut new: Vec<&T> = cards.iter().filter(|c| c.as_ref().state == Phase::New).collect();
    new.sort_by_key(|c| c.as_ref().added_at);
    new.truncate(usize::try_from(allowance).unwrap_or(usize::MAX));
    new
}

/// The earliest due time of a reviewed card, when it is still to come (so
/// no card is due now).
fn next_due_at<T: AsRef<CardState>>(cards: &[T], now: i64) -> Option<i64> {
    let reviewed = cards.iter().map(AsRef::as_ref).filter(|c| c.state != Phase::New);
    reviewed.map(|c| c.due).min().filter(|&due| due > now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::day::SECONDS_PER_DAY;
    use crate::grade::Grade;

    const NOW: i64 = 1_782_900_000; // 2026-07-01 10:00 UTC
    const HOUR: i64 = 3_600;

    /// A card as the queue sees it, with a name to assert on.
    struct Named(&'static str, CardState);

    impl AsRef<CardState> for Named {
        fn as_ref(&self) -> &CardState {
            &self.1
        }
    }

    fn new_card(name: &'static str, added_at: i64) -> Named {
        Named(name, CardState::new(added_at))
    }

    fn reviewed(name: &'static str, state: Phase, due: i64) -> Named {
        let card = CardState {
            state,
            due,
            stability: 3.0,
            difficulty: 5.0,
            last_review: Some(due - SECONDS_PER_DAY),
            ..CardState::new(NOW - 30 * SECONDS_PER_DAY)
        };
        Named(name, card)
    }

    /// A review at `at` that introduced a new card.
    fn first_review(at: i64) -> ReviewRecord {
        ReviewRecord {
            grade: Grade::Good,
            reviewed_at: at,
            elapsed_days: 0,
            scheduled_days: 0,
            state_before: Phase::New,
            state_after: Phase::Learning,
            stability_before: 0.0,
            stability_after: 3.0,
            difficulty_before: 0.0,
            difficulty_after: 5.0,
        }
    }

    fn names<'a>(queue: &Queue<'a, Named>) -> Vec<&'static str> {
        queue.cards().map(|card| card.0).collect()
    }

    #[test]
    fn due_cards_come_before_new_ones_and_learning_before_review() {
        let cards = [
            new_card("new", NOW - 5 * SECONDS_PER_DAY),
            reviewed("review, overdue", Phase::Review, NOW - 2 * SECONDS_PER_DAY),
            reviewed("relearning", Phase::Relearning, NOW - 60),
            reviewed("review", Phase::Review, NOW - HOUR),
            reviewed("learning", Phase::Learning, NOW - 300),
        ];
        let queue = Queue::build(&cards, NOW, &[], 10);
        assert_eq!(
            names(&queue),
            ["learning", "relearning", "review, overdue", "review", "new"]
        );
        assert_eq!(queue.next().map(|c| c.0), Some("learning"));
        assert_eq!((queue.due_count(), queue.new_count()), (4, 1));
    }

    #[test]
    fn cards_not_yet_due_wait() {
        let cards = [
            reviewed("tomorrow", Phase::Review, NOW + SECONDS_PER_DAY),
            reviewed("in five minutes", Phase::Learning, NOW + 300),
        ];
        let queue = Queue::build(&cards, NOW, &[], 10);
        assert!(queue.next().is_none());
        assert_eq!(queue.next_due_at(), Some(NOW + 300));
        assert_eq!(
            Queue::build(&cards, NOW + 300, &[], 10).next().map(|c| c.0),
            Some("in five minutes")
        );
    }

    #[test]
    fn new_cards_come_oldest_added_first() {
        let cards = [
            new_card("added last", NOW - 10),
            new_card("added first", NOW - 30),
            new_card("between", NOW - 20),
        ];
        let queue = Queue::build(&cards, NOW, &[], 10);
        assert_eq!(names(&queue), ["added first", "between", "added last"]);
        assert_eq!(queue.next_due_at(), None);
    }

    #[test]
    fn the_eleventh_new_card_waits_for_tomorrow_when_the_cap_is_ten() {
        let cards: Vec<Named> = (0..11).map(|i| new_card("new", NOW - 100 + i)).collect();
        let ten_today: Vec<ReviewRecord> = (0..10).map(|i| first_review(NOW - HOUR + i)).collect();

        let before_any = Queue::build(&cards, NOW, &[], 10);
        assert_eq!((before_any.new_count(), before_any.new_left_today()), (10, 10));

        let after_ten = Queue::build(&cards[10..], NOW, &ten_today, 10);
        assert!(after_ten.next().is_none(), "the 11th waits");
        assert_eq!(after_ten.new_left_today(), 0);

        let next_midnight = UtcDay::of(NOW).plus(1).start();
        let tomorrow = Queue::build(&cards[10..], next_midnight, &ten_today, 10);
        assert_eq!(tomorrow.new_count(), 1, "a new UTC day, a new allowance");
    }

    #[test]
    fn only_reviews_that_introduced_a_card_today_use_the_allowance() {
        let cards = [new_card("a", NOW - 20), new_card("b", NOW - 10)];
        let yesterday = first_review(NOW - SECONDS_PER_DAY);
        let relearnt = ReviewRecord {
            state_before: Phase::Review,
            ..first_review(NOW - 60)
        };
        let introduced = first_review(NOW - 30);
        let queue = Queue::build(&cards, NOW, &[yesterday, relearnt, introduced], 2);
        assert_eq!(names(&queue), ["a"]);
    }

    #[test]
    fn a_cap_of_zero_shows_due_cards_only() {
        let cards = [new_card("new", NOW - 10), reviewed("due", Phase::Review, NOW)];
        let queue = Queue::build(&cards, NOW, &[], 0);
        assert_eq!(names(&queue), ["due"]);
    }

    #[test]
    fn plain_card_states_make_a_queue_too() {
        let cards = [CardState::new(NOW - 10)];
        assert_eq!(Queue::build(&cards, NOW, &[], 10).next(), Some(&cards[0]));
    }
}
