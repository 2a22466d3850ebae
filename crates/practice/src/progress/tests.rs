use super::*;
use crate::card::Phase;
use crate::day::{SECONDS_PER_DAY, UtcDay};
use crate::grade::Grade;

const NOW: i64 = 1_782_900_000; // 2026-07-01 10:00 UTC
const DAY: i64 = SECONDS_PER_DAY;

fn card(state: Phase, stability: f64, due: i64) -> CardState {
    CardState {
        state,
        stability,
        difficulty: 5.0,
        due,
        last_review: (state != Phase::New).then_some(NOW - DAY),
        ..CardState::new(NOW - 60 * DAY)
    }
}

fn tagged(card: CardState, level: &str, topics: &[&str]) -> TaggedCard {
    TaggedCard {
        card,
        level: level.to_owned(),
        topics: topics.iter().map(|t| (*t).to_owned()).collect(),
    }
}

fn review_at(reviewed_at: i64, grade: Grade, state_before: Phase) -> ReviewRecord {
    ReviewRecord {
        grade,
        reviewed_at,
        elapsed_days: 3,
        scheduled_days: 3,
        state_before,
        state_after: Phase::Review,
        stability_before: 3.0,
        stability_after: 9.0,
        difficulty_before: 5.0,
        difficulty_after: 5.0,
    }
}

fn good(reviewed_at: i64) -> ReviewRecord {
    review_at(reviewed_at, Grade::Good, Phase::Review)
}

#[test]
fn cards_are_counted_per_level_and_per_topic() {
    let cards = [
        tagged(CardState::new(NOW), "beginner", &["ownership"]),
        tagged(
            card(Phase::Learning, 1.0, NOW - 60),
            "beginner",
            &["ownership", "lifetimes"],
        ),
        tagged(card(Phase::Review, 30.0, NOW + 9 * DAY), "senior", &["async"]),
        tagged(card(Phase::Review, 40.0, NOW - DAY), "senior", &["lifetimes"]),
        tagged(card(Phase::Relearning, 2.0, NOW + 300), "senior", &["async"]),
    ];
    let progress = Progress::compute(&cards, &[], NOW);
    let counts = |cards, new, learning, due, mastered| Counts {
        cards,
        new,
        learning,
        due,
        mastered,
    };
    assert_eq!(progress.total, counts(5, 1, 2, 2, 2));
    assert_eq!(progress.by_level["beginner"], counts(2, 1, 1, 1, 0));
    assert_eq!(progress.by_level["senior"], counts(3, 0, 1, 1, 2));
    assert_eq!(
        progress.by_topic["lifetimes"],
        counts(2, 0, 1, 2, 1),
        "a card under two topics counts in both"
    );
    assert_eq!(progress.by_topic["ownership"], counts(2, 1, 1, 1, 0));
    assert_eq!(progress.by_topic["async"], counts(2, 0, 1, 0, 1));
}

#[test]
fn a_card_is_mastered_once_stable_for_three_weeks() {
    let count = |stability| Progress::compute(&[tagged(card(Phase::Review, stability, NOW + DAY), "l", &[])], &[], NOW);
    assert_eq!(count(20.9).total.mastered, 0);
    assert_eq!(count(21.0).total.mastered, 1);
    let relearning = tagged(card(Phase::Relearning, 50.0, NOW + 300), "l", &[]);
    assert_eq!(
        Progress::compute(&[relearning], &[], NOW).total.mastered,
        0,
        "forgotten is not mastered"
    );
}

#[test]
fn reviews_per_day_covers_ninety_days_with_zeros() {
    let reviews = [
        good(NOW),
        good(NOW - 3600),
        good(NOW - 2 * DAY),
        good(NOW - 89 * DAY),
        good(NOW - 90 * DAY),
    ];
    let per_day = Progress::compute(&[], &reviews, NOW).reviews_per_day;
    assert_eq!(per_day.len(), 90);
    assert_eq!(
        per_day[89],
        DayCount {
            day: UtcDay::of(NOW),
            count: 2
        }
    );
    assert_eq!(per_day[88].count, 0);
    assert_eq!(per_day[87].count, 1);
    assert_eq!(
        per_day[0],
        DayCount {
            day: UtcDay::of(NOW - 89 * DAY),
            count: 1
        }
    );
    assert_eq!(
        per_day.iter().map(|d| d.count).sum::<u32>(),
        4,
        "91 days ago is out of the chart"
    );
}

#[test]
fn the_forecast_shows_the_next_fourteen_days_overdue_cards_today() {
    let cards = [
        tagged(card(Phase::Review, 5.0, NOW - 3 * DAY), "l", &[]),
        tagged(card(Phase::Learning, 1.0, NOW + 300), "l", &[]),
        tagged(card(Phase::Review, 5.0, NOW + DAY), "l", &[]),
        tagged(card(Phase::Review, 5.0, NOW + 13 * DAY), "l", &[]),
        tagged(card(Phase::Review, 5.0, NOW + 14 * DAY), "l", &[]),
        tagged(CardState::new(NOW), "l", &[]),
    ];
    let forecast = Progress::compute(&cards, &[], NOW).due_forecast;
    let counts: Vec<u32> = forecast.iter().map(|d| d.count).collect();
    assert_eq!(counts, [2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    assert_eq!(forecast[0].day, UtcDay::of(NOW));
}

#[test]
fn retention_is_the_share_of_due_reviews_not_forgotten() {
    let reviews = [
        good(NOW - DAY),
        review_at(NOW - 2 * DAY, Grade::Hard, Phase::Review),
        review_at(NOW - 3 * DAY, Grade::Easy, Phase::Review),
        review_at(NOW - 4 * DAY, Grade::Again, Phase::Review),
        review_at(NOW, Grade::Again, Phase::Learning),
        review_at(NOW, Grade::Again, Phase::New),
        review_at(NOW - 30 * DAY, Grade::Again, Phase::Review),
    ];
    assert_eq!(Progress::compute(&[], &reviews, NOW).retention, Some(0.75));
}

#[test]
fn retention_is_unknown_without_due_reviews() {
    let learning_only = [
        review_at(NOW, Grade::Good, Phase::New),
        review_at(NOW, Grade::Good, Phase::Learning),
    ];
    assert_eq!(retention(&learning_only, NOW), None);
    assert_eq!(retention(&[], NOW), None);
}

#[test]
fn the_streak_counts_consecutive_days_ending_today() {
    let reviews = [
        good(NOW),
        good(NOW - DAY),
        good(NOW - DAY - 60),
        good(NOW - 2 * DAY),
        good(NOW - 5 * DAY),
    ];
    assert_eq!(Progress::compute(&[], &reviews, NOW).streak, 3);
}

#[test]
fn the_streak_holds_until_today_is_over() {
    let reviews = [good(NOW - DAY), good(NOW - 2 * DAY)];
    assert_eq!(
        streak(&reviews, NOW),
        2,
        "no review yet today: yesterday's streak still stands"
    );
}

#[test]
fn the_streak_breaks_after_a_day_without_reviews() {
    let reviews = [good(NOW - 2 * DAY), good(NOW - 3 * DAY)];
    assert_eq!(streak(&reviews, NOW), 0);
    let with_gap = [good(NOW), good(NOW - 2 * DAY), good(NOW - 3 * DAY)];
    assert_eq!(streak(&with_gap, NOW), 1);
}

#[test]
fn the_streak_follows_utc_midnight() {
    let just_before_midnight = UtcDay::of(NOW).start() - 1;
    let just_after = UtcDay::of(NOW).start();
    assert_eq!(streak(&[good(just_before_midnight), good(just_after)], NOW), 2);
}
