//! Cards: added once, listed by due time; reviews applied atomically, once.

use crate::support::on_both_databases;
use crate::{NOBODY, reader};
use store::{Card, CardKind, ReviewLog, Store, StoreError};

const T: i64 = 1_800_000_000;

fn card(slug: &str, at: i64) -> Card {
    Card::new(CardKind::Question, slug, at)
}

/// The card after a first "Good" review at `at`, and its log entry.
fn reviewed(before: &Card, at: i64, answer: Option<&str>) -> (Card, ReviewLog) {
    let after = Card {
        due: at + 86_400,
        stability: 2.3,
        difficulty: 5.1,
        scheduled_days: 1,
        reps: before.reps + 1,
        state: 2,
        last_review: Some(at),
        ..before.clone()
    };
    let log = ReviewLog {
        kind: before.kind,
        slug: before.slug.clone(),
        grade: 3,
        reviewed_at: at,
        elapsed_days: 0,
        scheduled_days: before.scheduled_days,
        state_before: before.state,
        state_after: after.state,
        stability_before: before.stability,
        stability_after: after.stability,
        difficulty_before: before.difficulty,
        difficulty_after: after.difficulty,
        answer: answer.map(str::to_owned),
    };
    (after, log)
}

on_both_databases!(cards_are_added_once_and_listed_by_due_time, |store: Store| async move {
    let ada = reader(&store, "ada").await;
    assert!(
        store.add_card(&ada, &card("ownership", T)).await.expect("add"),
        "new: 201"
    );
    assert!(
        !store.add_card(&ada, &card("ownership", T + 50)).await.expect("add"),
        "again: 200, nothing changes"
    );
    let kept = store.card(&ada, CardKind::Question, "ownership").await.expect("card");
    assert_eq!(kept.map(|card| card.added_at), Some(T));
    let quiz = Card::new(CardKind::Quiz, "ownership", T + 5);
    assert!(store.add_card(&ada, &quiz).await.expect("add"), "kinds are keyed apart");

    let topic: Vec<Card> = ["ownership", "borrowing", "lifetimes", "borrowing"]
        .iter()
        .enumerate()
        .map(|(i, slug)| card(slug, T + 10 * i as i64))
        .collect();
    assert_eq!(store.add_cards(&ada, &topic).await.expect("add many"), 2);
    assert_eq!(store.add_cards(&ada, &topic).await.expect("again"), 0, "idempotent");

    let all = store.cards(&ada).await.expect("cards");
    let order: Vec<_> = all.iter().map(|card| (card.kind, card.slug.as_str())).collect();
    assert_eq!(
        order,
        [
            (CardKind::Question, "ownership"),
            (CardKind::Quiz, "ownership"),
            (CardKind::Question, "borrowing"),
            (CardKind::Question, "lifetimes"),
        ],
        "soonest due first"
    );
    assert_eq!(all[0], card("ownership", T), "every field comes back as stored");
    let due = store.due_cards(&ada, T + 10, 10).await.expect("due");
    assert_eq!(due.len(), 3, "due at or before the instant");
    assert_eq!(store.due_cards(&ada, T + 10, 2).await.expect("due").len(), 2, "limit");
    assert!(store.due_cards(&ada, T - 1, 10).await.expect("due").is_empty());
    let grace = reader(&store, "grace").await;
    assert!(
        store.cards(&grace).await.expect("cards").is_empty(),
        "cards are per user"
    );
});

on_both_databases!(bad_cards_and_unknown_users_add_nothing, |store: Store| async move {
    let ada = reader(&store, "ada").await;
    assert!(matches!(
        store.add_card(NOBODY, &card("ownership", T)).await,
        Err(StoreError::NoSuchUser)
    ));
    let broken = Card {
        state: 7,
        ..card("lifetimes", T)
    };
    let batch = [card("ownership", T), broken];
    assert!(matches!(
        store.add_cards(&ada, &batch).await,
        Err(StoreError::Invalid(_))
    ));
    for bad in [
        card("Not A Slug", T),
        card("", T),
        Card {
            stability: f64::NAN,
            ..card("nan", T)
        },
        Card {
            reps: -1,
            ..card("negative", T)
        },
    ] {
        assert!(
            matches!(store.add_card(&ada, &bad).await, Err(StoreError::Invalid(_))),
            "{bad:?}"
        );
    }
    let too_many = vec![card("ownership", T); store::MAX_CARDS_PER_ADD + 1];
    assert!(matches!(
        store.add_cards(&ada, &too_many).await,
        Err(StoreError::Invalid(_))
    ));
    assert!(store.cards(&ada).await.expect("cards").is_empty(), "nothing was added");
});

on_both_databases!(a_review_applies_once_with_its_log, |store: Store| async move {
    let ada = reader(&store, "ada").await;
    let new = card("ownership", T);
    store.add_card(&ada, &new).await.expect("add");
    let (after, log) = reviewed(&new, T + 60, Some("moves transfer ownership"));
    store
        .apply_review(&ada, new.version(), &after, &log)
        .await
        .expect("review");
    let stored = store.card(&ada, CardKind::Question, "ownership").await.expect("q");
    assert_eq!(stored.as_ref(), Some(&after));
    assert_eq!(
        store.reviews_since(&ada, T).await.expect("log"),
        std::slice::from_ref(&log)
    );

    // The same form submitted again, and a stale page: neither applies.
    assert!(matches!(
        store.apply_review(&ada, new.version(), &after, &log).await,
        Err(StoreError::StaleReview)
    ));
    let (stale, stale_log) = reviewed(&new, T + 90, None);
    assert!(matches!(
        store.apply_review(&ada, new.version(), &stale, &stale_log).await,
        Err(StoreError::StaleReview)
    ));
    assert_eq!(
        store.card(&ada, CardKind::Question, "ownership").await.expect("q"),
        Some(after.clone())
    );
    assert_eq!(store.reviews_since(&ada, T).await.expect("log").len(), 1);

    // From the stored version a second review applies.
    let (second, second_log) = reviewed(&after, T + 86_500, None);
    store
        .apply_review(&ada, after.version(), &second, &second_log)
        .await
        .expect("second review");
    let counts = store.review_counts_since(&ada, T).await.expect("counts");
    assert_eq!(
        (counts.total, counts.new_cards),
        (2, 1),
        "one review found the card new"
    );
    let today = store.review_counts_since(&ada, T + 86_400).await.expect("counts");
    assert_eq!((today.total, today.new_cards), (1, 0));
    assert_eq!(store.reviews_since(&ada, T + 86_400).await.expect("log"), [second_log]);
});

on_both_databases!(bad_reviews_change_nothing, |store: Store| async move {
    let ada = reader(&store, "ada").await;
    let new = card("ownership", T);
    store.add_card(&ada, &new).await.expect("add");
    let (after, log) = reviewed(&new, T + 60, None);
    let huge = ReviewLog {
        answer: Some("x".repeat(20 * 1024)),
        ..log.clone()
    };
    let bad_grade = ReviewLog {
        grade: 5,
        ..log.clone()
    };
    let other_card = ReviewLog {
        slug: "borrowing".into(),
        ..log.clone()
    };
    for bad in [huge, bad_grade, other_card] {
        assert!(matches!(
            store.apply_review(&ada, new.version(), &after, &bad).await,
            Err(StoreError::Invalid(_))
        ));
    }
    let unchanged = Card {
        due: T + 86_400,
        ..new.clone()
    };
    assert!(
        matches!(
            store.apply_review(&ada, new.version(), &unchanged, &log).await,
            Err(StoreError::Invalid(_))
        ),
        "an update that keeps the version could apply twice"
    );
    let (missing, missing_log) = reviewed(&card("borrowing", T), T + 60, None);
    assert!(matches!(
        store.apply_review(&ada, new.version(), &missing, &missing_log).await,
        Err(StoreError::NotFound)
    ));
    let grace = reader(&store, "grace").await;
    assert!(
        matches!(
            store.apply_review(&grace, new.version(), &after, &log).await,
            Err(StoreError::NotFound)
        ),
        "another reader's card is not found"
    );
    assert_eq!(
        store.card(&ada, CardKind::Question, "ownership").await.expect("q"),
        Some(new)
    );
    assert!(store.reviews_since(&ada, 0).await.expect("log").is_empty());
});

on_both_databases!(a_double_submit_applies_once, |store: Store| async move {
    let ada = reader(&store, "ada").await;
    let new = card("ownership", T);
    store.add_card(&ada, &new).await.expect("add");
    let (after, log) = reviewed(&new, T + 60, None);
    let submits: Vec<_> = (0..8)
        .map(|_| {
            let (store, ada, new, after, log) = (store.clone(), ada.clone(), new.clone(), after.clone(), log.clone());
            tokio::spawn(async move { store.apply_review(&ada, new.version(), &after, &log).await })
        })
        .collect();
    let mut applied = 0;
    for submit in submits {
        match submit.await.expect("task") {
            Ok(()) => applied += 1,
            Err(StoreError::StaleReview) => {}
            Err(other) => panic!("unexpected error: {other}"),
        }
    }
    assert_eq!(applied, 1, "exactly one of eight simultaneous submits applies");
    assert_eq!(store.reviews_since(&ada, 0).await.expect("log").len(), 1);
});

on_both_databases!(
    the_queue_snapshot_shows_every_write_at_once,
    |store: Store| async move {
        let ada = reader(&store, "ada").await;
        let since = T - 3_600;
        let empty = store.practice_snapshot(&ada, since).await.expect("snapshot");
        assert!(empty.cards.is_empty());

        // Each write is seen by the very next read, though the first read was
        // kept in memory.
        let new = card("ownership", T);
        store.add_card(&ada, &new).await.expect("add");
        let added = store.practice_snapshot(&ada, since).await.expect("snapshot");
        assert_eq!(added.cards, vec![new.clone()]);

        let (after, log) = reviewed(&new, T + 60, Some("moves"));
        store
            .apply_review(&ada, new.version(), &after, &log)
            .await
            .expect("review");
        let graded = store.practice_snapshot(&ada, since).await.expect("snapshot");
        assert_eq!(graded.cards, vec![after]);
        assert_eq!(graded.reviews, vec![log]);

        let settings = store::PracticeSettings {
            desired_retention: 0.85,
            new_per_day: 3,
        };
        store
            .set_practice_settings(&ada, &settings, T + 61)
            .await
            .expect("settings");
        assert_eq!(
            store.practice_snapshot(&ada, since).await.expect("snapshot").settings,
            settings
        );

        // Another day's snapshot is read again, not served from yesterday's.
        let tomorrow = store.practice_snapshot(&ada, T + 86_400).await.expect("snapshot");
        assert!(tomorrow.reviews.is_empty());

        store.delete_user(&ada).await.expect("delete");
        assert!(
            store
                .practice_snapshot(&ada, since)
                .await
                .expect("snapshot")
                .cards
                .is_empty()
        );
    }
);
