//! When a card comes back: FSRS through rs-fsrs (see the crate doc for why
//! that crate). A scheduler holds the reader's desired retention; given a
//! card and the time, it previews the due time each grade would give (for
//! the buttons) and applies a review, returning the new state and the log
//! entry. Fuzz is off, so the buttons show exactly what a grade will do.

use crate::card::{CardState, ReviewRecord};
use crate::error::Error;
use crate::fsrs_card::{from_fsrs, rating, to_fsrs, to_utc};
use crate::grade::Grade;
use crate::settings::check_retention;
use rs_fsrs::{FSRS, Parameters};

/// FSRS-5's 19 model weights.
pub type Weights = [f64; 19];

/// Schedules one reader's cards.
#[derive(Debug, Clone)]
pub struct Scheduler {
    fsrs: FSRS,
    desired_retention: f64,
}

impl Scheduler {
    /// A scheduler with FSRS's default weights. `desired_retention` is the
    /// chance to still recall a card when it comes back, 0.80 to 0.97.
    pub fn new(desired_retention: f64) -> Result<Scheduler, Error> {
        Scheduler::with_weights(desired_retention, Parameters::default().w)
    }

    /// A scheduler with weights optimized from a reader's own review logs.
    pub fn with_weights(desired_retention: f64, weights: Weights) -> Result<Scheduler, Error> {
        let parameters = Parameters {
            request_retention: check_retention(desired_retention)?,
            w: weights,
            enable_fuzz: false,
            enable_short_term: true,
            ..Parameters::default()
        };
        Ok(Scheduler {
            fsrs: FSRS::new(parameters),
            desired_retention,
        })
    }

    pub fn desired_retention(&self) -> f64 {
        self.desired_retention
    }

    /// When each grade given at `now` would bring the card back, in button
    /// order (Again, Hard, Good, Easy). [`crate::format_interval`] of
    /// `due - now` puts it in words.
    pub fn preview(&self, card: &CardState, now: i64) -> Result<[(Grade, i64); 4], Error> {
        let mut due = [(Grade::Again, now); 4];
        for (slot, grade) in due.iter_mut().zip(Grade::ALL) {
            *slot = (grade, self.review(card, grade, now)?.0.due);
        }
        Ok(due)
    }

    /// Applies `grade` given at `now`: the card's new state and the review's
    /// log entry with the values before and after.
    pub fn review(&self, card: &CardState, grade: Grade, now: i64) -> Result<(CardState, ReviewRecord), Error> {
        let given = to_fsrs(card, now)?;
        let next = self.fsrs.next(given.clone(), to_utc(now)?, rating(grade));
        let after = from_fsrs(card, &given, &next.card);
        let record = ReviewRecord {
            grade,
            reviewed_at: now,
            elapsed_days: next.review_log.elapsed_days,
            scheduled_days: next.review_log.scheduled_days,
            state_before: card.state,
            state_after: after.state,
            stability_before: card.stability,
            stability_after: after.stability,
            difficulty_before: card.difficulty,
            difficulty_after: after.difficulty,
        };
        Ok((after, record))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::Phase;
    use crate::day::{SECONDS_PER_DAY, UtcDay};

    const NOW: i64 = 1_782_900_000; // 2026-07-01 10:00 UTC
    const MINUTE: i64 = 60;

    fn scheduler() -> Scheduler {
        Scheduler::new(0.9).expect("0.9 is allowed")
    }

    fn review(card: &CardState, grade: Grade, now: i64) -> CardState {
        scheduler().review(card, grade, now).expect("valid card").0
    }

    /// A card learnt with Good and reviewed on time with Good `times` times.
    fn mature_card(times: usize) -> CardState {
        let mut card = review(&CardState::new(NOW), Grade::Good, NOW);
        for _ in 0..times {
            let due = card.due;
            card = review(&card, Grade::Good, due);
        }
        card
    }

    #[test]
    fn retention_outside_the_allowed_range_is_refused() {
        assert_eq!(Scheduler::new(0.79).map(|_| ()), Err(Error::Retention(0.79)));
        assert_eq!(Scheduler::new(0.975).map(|_| ()), Err(Error::Retention(0.975)));
        assert!(Scheduler::new(f64::NAN).is_err());
        assert_eq!(scheduler().desired_retention(), 0.9);
    }

    #[test]
    fn a_card_graded_again_comes_back_within_the_day() {
        let card = mature_card(3);
        assert_eq!(card.state, Phase::Review);
        let now = card.due;
        let (after, record) = scheduler().review(&card, Grade::Again, now).expect("valid");
        assert_eq!(after.state, Phase::Relearning);
        assert!(after.due - now <= 10 * MINUTE, "back in {} s", after.due - now);
        assert_eq!(UtcDay::of(after.due), UtcDay::of(now));
        assert_eq!(
            (after.lapses, record.state_before, record.state_after),
            (1, Phase::Review, Phase::Relearning)
        );
        assert!(after.stability < card.stability);
    }

    #[test]
    fn a_new_card_graded_good_comes_back_in_ten_minutes_then_in_days() {
        let learning = review(&CardState::new(NOW), Grade::Good, NOW);
        assert_eq!((learning.state, learning.due), (Phase::Learning, NOW + 10 * MINUTE));
        let reviewed = review(&learning, Grade::Good, learning.due);
        assert_eq!(reviewed.state, Phase::Review);
        assert!(reviewed.scheduled_days >= 1);
        assert_eq!(reviewed.due, learning.due + reviewed.scheduled_days * SECONDS_PER_DAY);
    }

    #[test]
    fn better_grades_never_bring_a_card_back_sooner() {
        for card in [CardState::new(NOW), mature_card(0), mature_card(4)] {
            let now = card.due.max(NOW);
            let preview = scheduler().preview(&card, now).expect("valid");
            assert_eq!(preview.map(|(grade, _)| grade), Grade::ALL);
            assert!(preview.windows(2).all(|pair| pair[0].1 <= pair[1].1), "{preview:?}");
            assert!(preview[1].1 < preview[3].1, "Hard and Easy differ: {preview:?}");
        }
    }

    #[test]
    fn the_preview_is_what_the_review_does() {
        let card = mature_card(2);
        let preview = scheduler().preview(&card, card.due).expect("valid");
        for (grade, due) in preview {
            assert_eq!(review(&card, grade, card.due).due, due, "{grade}");
        }
    }

    #[test]
    fn intervals_grow_with_each_good_review() {
        let intervals: Vec<i64> = (1..6).map(|n| mature_card(n).scheduled_days).collect();
        assert!(intervals.windows(2).all(|pair| pair[0] < pair[1]), "{intervals:?}");
    }

    #[test]
    fn a_higher_desired_retention_brings_cards_back_sooner() {
        let card = mature_card(3);
        let strict = Scheduler::new(0.97).expect("allowed");
        let relaxed = Scheduler::new(0.80).expect("allowed");
        let good = |s: &Scheduler| s.review(&card, Grade::Good, card.due).expect("valid").0.due;
        assert!(good(&strict) < good(&relaxed));
    }

    #[test]
    fn the_review_record_keeps_before_and_after() {
        let card = mature_card(2);
        let now = card.due + 2 * SECONDS_PER_DAY;
        let (after, record) = scheduler().review(&card, Grade::Hard, now).expect("valid");
        assert_eq!((record.grade, record.reviewed_at), (Grade::Hard, now));
        assert_eq!(record.elapsed_days, card.scheduled_days + 2);
        assert_eq!(record.scheduled_days, card.scheduled_days);
        assert_eq!(
            (record.stability_before, record.stability_after),
            (card.stability, after.stability)
        );
        assert_eq!(
            (record.difficulty_before, record.difficulty_after),
            (card.difficulty, after.difficulty)
        );
        assert!(after.difficulty > card.difficulty, "Hard makes a card harder");
        assert_eq!(
            (after.reps, after.last_review, after.added_at),
            (card.reps + 1, Some(now), card.added_at)
        );
    }

    #[test]
    fn a_corrupt_card_is_an_error_not_a_panic() {
        let mut card = mature_card(1);
        card.stability = f64::NAN;
        assert!(matches!(
            scheduler().review(&card, Grade::Good, NOW),
            Err(Error::InvalidMemory { .. })
        ));
        let mut card = mature_card(1);
        card.due = i64::MAX;
        assert_eq!(scheduler().preview(&card, NOW), Err(Error::TimeOutOfRange(i64::MAX)));
        assert_eq!(
            scheduler()
                .review(&CardState::new(NOW), Grade::Good, i64::MIN)
                .map(|_| ()),
            Err(Error::TimeOutOfRange(i64::MIN))
        );
    }

    #[test]
    fn huge_counters_saturate_instead_of_overflowing() {
        let mut card = mature_card(1);
        card.reps = i64::MAX;
        card.lapses = i64::MAX;
        let after = review(&card, Grade::Again, card.due);
        assert_eq!((after.reps, after.lapses), (i64::MAX, i64::MAX));
    }
}
