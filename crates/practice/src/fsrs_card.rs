//! The bridge to rs-fsrs: our plain card (Unix seconds, i64 counters) to its
//! `Card` (chrono times, i32 counters) and back. Kept apart so the scheduler
//! reads as the rules and every conversion that can fail fails here, as an
//! [`Error`], never as a panic.

use crate::card::{CardState, Phase};
use crate::day::SECONDS_PER_DAY;
use crate::error::Error;
use crate::grade::Grade;
use chrono::{DateTime, Utc};
use rs_fsrs::{Card, Rating, State};

/// A Unix time as chrono's UTC time.
pub fn to_utc(unix_seconds: i64) -> Result<DateTime<Utc>, Error> {
    DateTime::from_timestamp(unix_seconds, 0).ok_or(Error::TimeOutOfRange(unix_seconds))
}

pub fn rating(grade: Grade) -> Rating {
    match grade {
        Grade::Again => Rating::Again,
        Grade::Hard => Rating::Hard,
        Grade::Good => Rating::Good,
        Grade::Easy => Rating::Easy,
    }
}

fn to_state(phase: Phase) -> State {
    match phase {
        Phase::New => State::New,
        Phase::Learning => State::Learning,
        Phase::Review => State::Review,
        Phase::Relearning => State::Relearning,
    }
}

fn to_phase(state: State) -> Phase {
    match state {
        State::New => Phase::New,
        State::Learning => Phase::Learning,
        State::Review => Phase::Review,
        State::Relearning => Phase::Relearning,
    }
}

/// A counter as rs-fsrs keeps it, with room for the one it may add.
fn counter(value: i64) -> i32 {
    i32::try_from(value.clamp(0, i64::from(i32::MAX - 1))).unwrap_or(0)
}

/// When a card was last reviewed. A reviewed card without the time (a row
/// written by hand) is taken to have been reviewed on schedule; a time after
/// `now` (a clock set back) is taken as `now`, so no interval is negative.
fn last_review(card: &CardState, now: i64) -> i64 {
    let on_schedule = card
        .due
        .saturating_sub(card.scheduled_days.saturating_mul(SECONDS_PER_DAY));
    card.last_review.unwrap_or(on_schedule).min(now)
}

/// The card rs-fsrs is given for a review at `now`.
pub fn to_fsrs(card: &CardState, now: i64) -> Result<Card, Error> {
    let reviewed = card.state != Phase::New;
    let memory_ok = card.stability.is_finite() && card.stability > 0.0 && card.difficulty.is_finite();
    if reviewed && !memory_ok {
        return Err(Error::InvalidMemory {
            stability: card.stability,
            difficulty: card.difficulty,
        });
    }
    Ok(Card {
        due: to_utc(card.due)?,
        stability: card.stability,
        difficulty: card.difficulty,
        elapsed_days: card.elapsed_days,
        scheduled_days: card.scheduled_days,
        reps: counter(card.reps),
        lapses: counter(card.lapses),
        state: to_state(card.state),
        last_review: to_utc(last_review(card, now))?,
    })
}

/// The card after a review: rs-fsrs's result, with our counters advanced by
/// as much as it advanced its own and the time it was added kept.
pub fn from_fsrs(before: &CardState, given: &Card, after: &Card) -> CardState {
    CardState {
        due: after.due.timestamp(),
        stability: after.stability,
        difficulty: after.difficulty,
        elapsed_days: after.elapsed_days,
        scheduled_days: after.scheduled_days,
        reps: before.reps.saturating_add(i64::from(after.reps - given.reps)),
        lapses: before.lapses.saturating_add(i64::from(after.lapses - given.lapses)),
        state: to_phase(after.state),
        last_review: Some(after.last_review.timestamp()),
        added_at: before.added_at,
    }
}
