//! The data export lists every piece of practice data; account deletion
//! removes all of it and nothing of anyone else's.

use crate::reader;
use crate::support::on_both_databases;
use store::{Card, CardKind, MockPlan, PracticeSettings, ReviewLog, SelfGrade, Store};

const T: i64 = 1_800_000_000;

/// Gives a reader one of everything; returns their mock's id.
async fn practise(store: &Store, user: &str) -> String {
    let settings = PracticeSettings {
        desired_retention: 0.85,
        new_per_day: 20,
    };
    store.set_practice_settings(user, &settings, T).await.expect("settings");
    let new = Card::new(CardKind::Question, "ownership", T);
    store
        .add_cards(user, &[new.clone(), Card::new(CardKind::Quiz, "q1-drops", T + 1)])
        .await
        .expect("cards");
    let after = Card {
        due: T + 86_400,
        reps: 1,
        state: 2,
        stability: 3.0,
        difficulty: 5.0,
        last_review: Some(T + 10),
        ..new.clone()
    };
    let log = ReviewLog {
        kind: CardKind::Question,
        slug: "ownership".into(),
        grade: 3,
        reviewed_at: T + 10,
        elapsed_days: 0,
        scheduled_days: 0,
        state_before: 0,
        state_after: 2,
        stability_before: 0.0,
        stability_after: 3.0,
        difficulty_before: 0.0,
        difficulty_after: 5.0,
        answer: Some("moves".into()),
    };
    store
        .apply_review(user, new.version(), &after, &log)
        .await
        .expect("review");
    store.save_question(user, "ownership", T).await.expect("save");
    store
        .put_note(user, "ownership", "my note\nline two", T)
        .await
        .expect("note");
    let plan = MockPlan {
        level: None,
        topics: vec!["ownership".into()],
        minutes_per_question: 5,
        slugs: vec!["a".into(), "b".into(), "c".into()],
    };
    let mock = store.create_mock(user, &plan, T).await.expect("mock");
    store.start_mock_item(user, &mock.id, 1, T).await.expect("start");
    store
        .reveal_mock_item(user, &mock.id, 1, Some("my answer"), T + 5)
        .await
        .expect("reveal");
    store
        .grade_mock_item(user, &mock.id, 1, SelfGrade::Weak, T + 6)
        .await
        .expect("grade");
    store
        .record_quiz_attempt(user, "q1-drops", "1 2", true, T)
        .await
        .expect("attempt");
    mock.id
}

on_both_databases!(the_export_lists_all_practice_data, |store: Store| async move {
    let ada = reader(&store, "ada").await;
    let grace = reader(&store, "grace").await;
    let mock_id = practise(&store, &ada).await;
    practise(&store, &grace).await;
    let export = store.export_user(&ada).await.expect("export");
    assert_eq!(export.practice_settings.map(|settings| settings.new_per_day), Some(20));
    assert_eq!(export.cards, store.cards(&ada).await.expect("cards"));
    assert_eq!(export.cards.len(), 2, "only the reader's own");
    assert_eq!(export.reviews.len(), 1);
    assert_eq!(export.reviews[0].answer.as_deref(), Some("moves"));
    assert_eq!(export.saved_questions.len(), 1);
    assert_eq!(export.saved_questions[0].note_first_line.as_deref(), Some("my note"));
    assert_eq!(export.notes.len(), 1);
    assert_eq!(export.notes[0].body, "my note\nline two");
    assert_eq!(export.mocks.len(), 1);
    assert_eq!(export.mocks[0].id, mock_id);
    assert_eq!(export.mocks[0].items[0].answer.as_deref(), Some("my answer"));
    assert_eq!(export.quiz_attempts.len(), 1);

    let json = serde_json::to_value(&export).expect("JSON");
    assert_eq!(json["cards"][0]["kind"], "quiz", "due first: the question was reviewed");
    assert_eq!(json["cards"][1]["kind"], "question");
    assert_eq!(json["mocks"][0]["items"][0]["self_grade"], "weak");
    assert_eq!(json["quiz_attempts"][0]["correct"], true);
    let fresh = reader(&store, "linus").await;
    let empty = serde_json::to_value(store.export_user(&fresh).await.expect("export")).expect("JSON");
    assert_eq!(
        empty["practice_settings"],
        serde_json::Value::Null,
        "never set: nothing held"
    );
    assert_eq!(empty["cards"], serde_json::json!([]));
});

on_both_databases!(deletion_removes_all_practice_data, |store: Store| async move {
    let ada = reader(&store, "ada").await;
    let grace = reader(&store, "grace").await;
    let mock_id = practise(&store, &ada).await;
    let kept_mock = practise(&store, &grace).await;
    let before = store.export_user(&grace).await.expect("export");

    store.delete_user(&ada).await.expect("delete");
    assert_eq!(
        store.practice_settings(&ada).await.expect("settings"),
        PracticeSettings::default()
    );
    assert!(store.cards(&ada).await.expect("cards").is_empty());
    assert!(store.reviews_since(&ada, i64::MIN).await.expect("reviews").is_empty());
    assert!(store.saved_questions(&ada).await.expect("saved").is_empty());
    assert!(store.notes(&ada).await.expect("notes").is_empty());
    assert!(store.mocks(&ada).await.expect("mocks").is_empty());
    assert!(store.mock(&ada, &mock_id).await.expect("mock").is_none());
    assert!(store.quiz_attempts(&ada, None).await.expect("attempts").is_empty());

    let after = store.export_user(&grace).await.expect("export");
    assert_eq!(after.cards, before.cards, "another reader's data stays");
    assert_eq!(after.reviews, before.reviews);
    assert_eq!(after.saved_questions, before.saved_questions);
    assert_eq!(after.notes, before.notes);
    assert_eq!(after.mocks, before.mocks);
    assert_eq!(after.quiz_attempts, before.quiz_attempts);
    assert_eq!(after.practice_settings, before.practice_settings);
    assert!(store.mock(&grace, &kept_mock).await.expect("mock").is_some());
});
