//! The figures over time, all by UTC day: reviews per day, the due forecast,
//! retention on due reviews, and the streak.

use crate::card::{CardState, Phase, ReviewRecord};
use crate::day::UtcDay;
use crate::grade::Grade;
use std::collections::{HashMap, HashSet};

/// Days of review history shown, today included.
pub const HISTORY_DAYS: u32 = 90;
/// Days of due forecast shown, today included.
pub const FORECAST_DAYS: u32 = 14;
/// Days over which retention is measured, today included.
pub const RETENTION_DAYS: u32 = 30;

/// A count on one UTC day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayCount {
    pub day: UtcDay,
    pub count: u32,
}

/// `days` UTC days ending with `last`, oldest first.
fn days_ending(last: UtcDay, days: u32) -> impl Iterator<Item = UtcDay> {
    (0..i64::from(days)).rev().map(move |back| last.plus(-back))
}

/// `days` UTC days starting with `first`.
fn days_from(first: UtcDay, days: u32) -> impl Iterator<Item = UtcDay> {
    (0..i64::from(days)).map(move |ahead| first.plus(ahead))
}

fn tally(days: impl Iterator<Item = UtcDay>) -> HashMap<UtcDay, u32> {
    let mut counts = HashMap::new();
    for day in days {
        let count: &mut u32 = counts.entry(day).or_default();
        *count = count.saturating_add(1);
    }
    counts
}

fn counts_on(days: impl Iterator<Item = UtcDay>, counts: &HashMap<UtcDay, u32>) -> Vec<DayCount> {
    let count = |day| counts.get(&day).copied().unwrap_or(0);
    days.map(|day| DayCount { day, count: count(day) }).collect()
}

/// Reviews on each of the `days` UTC days ending today, oldest first, with
/// 0 for a day without any.
pub fn reviews_per_day(reviews: &[ReviewRecord], now: i64, days: u32) -> Vec<DayCount> {
    let counts = tally(reviews.iter().map(|r| UtcDay::of(r.reviewed_at)));
    counts_on(days_ending(UtcDay::of(now), days), &counts)
}

/// Reviewed cards falling due on each of the `days` UTC days from today,
/// today first. A card already overdue counts today; new cards are not
/// scheduled, so they count nowhere.
pub fn due_forecast<T: AsRef<CardState>>(cards: &[T], now: i64, days: u32) -> Vec<DayCount> {
    let today = UtcDay::of(now);
    let reviewed = cards.iter().map(AsRef::as_ref).filter(|c| c.state != Phase::New);
    let counts = tally(reviewed.map(|c| UtcDay::of(c.due).max(today)));
    counts_on(days_from(today, days), &counts)
}

/// The share of due reviews the reader remembered: of the reviews over the
/// last [`RETENTION_DAYS`] UTC days that found their card in Review (not the
/// minutes-apart learning steps), those not graded Again. None when there
/// were none. Compare it with the desired retention the reader set.
pub fn retention(reviews: &[ReviewRecord], now: i64) -> Option<f64> {
    let today = UtcDay::of(now);
    let first = today.plus(1 - i64::from(RETENTION_DAYS));
    let in_window = |r: &&ReviewRecord| (first..=today).contains(&UtcDay::of(r.reviewed_at));
    let due_reviews = reviews
        .iter()
        .filter(in_window)
        .filter(|r| r.state_before == Phase::Review);
    let (remembered, total) = due_reviews.fold((0_u64, 0_u64), |(remembered, total), r| {
        (remembered + u64::from(r.grade != Grade::Again), total + 1)
    });
    (total > 0).then(|| remembered as f64 / total as f64)
}

/// Consecutive UTC days with at least one review, ending today, or
/// yesterday when there is no review yet today (the streak is not broken
/// until a whole day passes without one).
pub fn streak(reviews: &[ReviewRecord], now: i64) -> u32 {
    let practised: HashSet<UtcDay> = reviews.iter().map(|r| UtcDay::of(r.reviewed_at)).collect();
    let today = UtcDay::of(now);
    let last = if practised.contains(&today) {
        today
    } else {
        today.plus(-1)
    };
    let mut days = 0;
    while practised.contains(&last.plus(-i64::from(days))) {
        days += 1;
    }
    days
}
