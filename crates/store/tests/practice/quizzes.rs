//! Quiz attempts: recorded as given, listed newest first.

use crate::support::on_both_databases;
use crate::{NOBODY, reader};
use store::{Store, StoreError};

const T: i64 = 1_800_000_000;

on_both_databases!(quiz_attempts_are_recorded_and_listed, |store: Store| async move {
    let ada = reader(&store, "ada").await;
    let first = store
        .record_quiz_attempt(&ada, "q1-array-drops", "1\n2\n3", false, T)
        .await
        .expect("record");
    let second = store
        .record_quiz_attempt(&ada, "q1-array-drops", "3\n2\n1", true, T + 60)
        .await
        .expect("record");
    let empty = store
        .record_quiz_attempt(&ada, "q1-prints-nothing", "", true, T + 120)
        .await
        .expect("an empty answer is an answer");
    assert_eq!(
        store.quiz_attempts(&ada, None).await.expect("attempts"),
        [empty.clone(), second.clone(), first.clone()],
        "newest first"
    );
    assert_eq!(
        store
            .quiz_attempts(&ada, Some("q1-array-drops"))
            .await
            .expect("attempts"),
        [second, first]
    );
    assert!(matches!(
        store
            .record_quiz_attempt(&ada, "q1-array-drops", &"x".repeat(20 * 1024), true, T)
            .await,
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.record_quiz_attempt(&ada, "Q 1", "1", true, T).await,
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.record_quiz_attempt(NOBODY, "q1-array-drops", "1", true, T).await,
        Err(StoreError::NoSuchUser)
    ));
    assert_eq!(
        store.quiz_attempts(&ada, None).await.expect("attempts").len(),
        3,
        "nothing more"
    );
    let grace = reader(&store, "grace").await;
    assert!(store.quiz_attempts(&grace, None).await.expect("attempts").is_empty());
});
