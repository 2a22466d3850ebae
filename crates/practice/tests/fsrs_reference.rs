//! Our scheduling against rs-fsrs's own reference behaviour. Every expected
//! value below is copied from rs-fsrs's test suite, not produced by our code:
//! open-spaced-repetition/rs-fsrs at tag v1.2.1 (commit
//! 18b1a8d05302043084f9c725b1bb0fd78ee1cbf5), `src/tests.rs`, the file the
//! published crate 1.2.1 ships unchanged. Each test names the one it mirrors.
//! They go through our `Scheduler` and `CardState` (Unix seconds, our grade
//! and phase types), so they check the bridge as well as the crate.

use practice::{CardState, Grade, Phase, Scheduler, Weights};

/// `string_to_utc("2022-11-29 12:30:00 +0000 UTC")` in those tests.
const START: i64 = 1_669_725_000;
const DAY: i64 = 86_400;

/// `TEST_RATINGS` there.
const RATINGS: [Grade; 13] = {
    use Grade::{Again as A, Good as G};
    [G, G, G, G, G, G, A, A, G, G, G, G, G]
};

/// `WEIGHTS` there.
const WEIGHTS: Weights = [
    0.4197, 1.1869, 3.0412, 15.2441, 7.1434, 0.6477, 1.0007, 0.0674, 1.6597, 0.1712, 1.1178, 2.0225, 0.0904, 0.3025,
    2.1214, 0.2498, 2.9466, 0.4891, 0.6468,
];

fn round4(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

/// Reviews a new card with `RATINGS`, each at the time the card is due.
fn review_on_time(scheduler: &Scheduler) -> Vec<(CardState, practice::ReviewRecord)> {
    let mut card = CardState::new(START);
    let mut now = START;
    let mut reviews = Vec::new();
    for grade in RATINGS {
        let (next, record) = scheduler.review(&card, grade, now).expect("valid card");
        now = next.due;
        card = next.clone();
        reviews.push((next, record));
    }
    reviews
}

/// `test_basic_scheduler_interval`: default parameters (retention 0.9).
#[test]
fn intervals_match_rs_fsrs_basic_scheduler_interval() {
    let scheduler = Scheduler::new(0.9).expect("allowed");
    let intervals: Vec<i64> = review_on_time(&scheduler)
        .iter()
        .map(|(card, _)| card.scheduled_days)
        .collect();
    assert_eq!(intervals, [0, 4, 15, 48, 136, 351, 0, 0, 7, 13, 24, 43, 77]);
}

/// `test_basic_scheduler_state`: the state each review found the card in.
#[test]
fn states_match_rs_fsrs_basic_scheduler_state() {
    let scheduler = Scheduler::with_weights(0.9, WEIGHTS).expect("allowed");
    let states: Vec<Phase> = review_on_time(&scheduler)
        .iter()
        .map(|(_, record)| record.state_before)
        .collect();
    use Phase::*;
    let expected = [
        New, Learning, Review, Review, Review, Review, Review, Relearning, Relearning, Review, Review, Review, Review,
    ];
    assert_eq!(states, expected);
}

/// `test_basic_scheduler_memo_state`: Again then five Goods, the clock moved
/// on by 0, 0, 1, 3, 8 and 21 days after each, then one more Good.
#[test]
fn memory_state_matches_rs_fsrs_basic_scheduler_memo_state() {
    let scheduler = Scheduler::with_weights(0.9, WEIGHTS).expect("allowed");
    let grades = [
        Grade::Again,
        Grade::Good,
        Grade::Good,
        Grade::Good,
        Grade::Good,
        Grade::Good,
    ];
    let waits = [0, 0, 1, 3, 8, 21];
    let mut card = CardState::new(START);
    let mut now = START;
    for (grade, wait) in grades.into_iter().zip(waits) {
        card = scheduler.review(&card, grade, now).expect("valid card").0;
        now += wait * DAY;
    }
    let card = scheduler.review(&card, Grade::Good, now).expect("valid card").0;
    assert_eq!(round4(card.stability), 71.4554);
    assert_eq!(round4(card.difficulty), 5.0976);
}
