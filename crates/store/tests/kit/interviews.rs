//! Interviews: started from a set, marked per question, ended, deleted
//! (alone, with their set, or by the retention clean-up).

use crate::support::on_both_databases;
use crate::{T, reader, set_with};
use store::{Mark, Store, StoreError};

on_both_databases!(an_interview_is_marked_then_ended, |store: Store| async move {
    let ada = reader(&store, "ada").await;
    let set = set_with(&store, &ada, &["ownership", "borrowing", "traits"]).await;
    let interview = store
        .start_kit_interview(&ada, &set, "Candidate A, 2026-12-08", T)
        .await
        .expect("start");
    store
        .mark_kit_question(&ada, &interview.id, "ownership", Mark::Weak, "hesitant", T + 60)
        .await
        .expect("mark");
    store
        .mark_kit_question(&ada, &interview.id, "ownership", Mark::Solid, "recovered", T + 90)
        .await
        .expect("mark again");
    store
        .mark_kit_question(&ada, &interview.id, "traits", Mark::Skipped, "", T + 100)
        .await
        .expect("skip");
    let not_in_set = store
        .mark_kit_question(&ada, &interview.id, "lifetimes", Mark::Strong, "", T)
        .await;
    assert!(matches!(not_in_set, Err(StoreError::NotFound)), "{not_in_set:?}");
    let long = store
        .mark_kit_question(
            &ada,
            &interview.id,
            "borrowing",
            Mark::Strong,
            &"x".repeat(20 * 1024),
            T,
        )
        .await;
    assert!(matches!(long, Err(StoreError::Invalid(_))));

    let ended = store
        .end_kit_interview(&ada, &interview.id, T + 1800)
        .await
        .expect("end");
    assert_eq!(ended.ended_at, Some(T + 1800));
    let again = store
        .end_kit_interview(&ada, &interview.id, T + 9999)
        .await
        .expect("end again");
    assert_eq!(again.ended_at, Some(T + 1800), "the first end stays");
    let late = store
        .mark_kit_question(&ada, &interview.id, "borrowing", Mark::Strong, "", T + 2000)
        .await;
    assert!(matches!(late, Err(StoreError::OutOfOrder(_))), "{late:?}");

    let kept = store
        .kit_interview(&ada, &interview.id)
        .await
        .expect("read")
        .expect("interview");
    let marks: Vec<(&str, Mark, &str)> = kept
        .marks
        .iter()
        .map(|m| (m.slug.as_str(), m.mark, m.note.as_str()))
        .collect();
    assert_eq!(
        marks,
        [("ownership", Mark::Solid, "recovered"), ("traits", Mark::Skipped, "")]
    );
    assert_eq!(kept.label, "Candidate A, 2026-12-08");
    assert_eq!(store.kit_interviews(&ada, Some(&set)).await.expect("list"), [kept]);
});

on_both_databases!(another_readers_interview_is_not_found, |store: Store| async move {
    let ada = reader(&store, "ada").await;
    let grace = reader(&store, "grace").await;
    let set = set_with(&store, &ada, &["ownership"]).await;
    assert!(matches!(
        store.start_kit_interview(&grace, &set, "B", T).await,
        Err(StoreError::NotFound)
    ));
    let interview = store.start_kit_interview(&ada, &set, "A", T).await.expect("start");
    assert!(
        store
            .kit_interview(&grace, &interview.id)
            .await
            .expect("read")
            .is_none()
    );
    let mark = store
        .mark_kit_question(&grace, &interview.id, "ownership", Mark::Weak, "", T)
        .await;
    assert!(matches!(mark, Err(StoreError::NotFound)));
    assert!(matches!(
        store.end_kit_interview(&grace, &interview.id, T).await,
        Err(StoreError::NotFound)
    ));
    assert!(!store.delete_kit_interview(&grace, &interview.id).await.expect("delete"));
    assert!(store.kit_interviews(&grace, None).await.expect("list").is_empty());
    let kept = store
        .kit_interview(&ada, &interview.id)
        .await
        .expect("read")
        .expect("kept");
    assert!(kept.marks.is_empty() && kept.ended_at.is_none());
});

on_both_databases!(
    interviews_go_on_request_with_their_set_and_when_old,
    |store: Store| async move {
        let ada = reader(&store, "ada").await;
        let set = set_with(&store, &ada, &["ownership"]).await;
        let other = set_with(&store, &ada, &["ownership"]).await;
        let old = store
            .start_kit_interview(&ada, &set, "old", T - 200 * 86_400)
            .await
            .expect("old");
        store
            .mark_kit_question(&ada, &old.id, "ownership", Mark::Strong, "", T - 200 * 86_400)
            .await
            .expect("mark");
        let recent = store
            .start_kit_interview(&ada, &set, "recent", T - 86_400)
            .await
            .expect("recent");
        let asked = store.start_kit_interview(&ada, &set, "asked", T).await.expect("asked");
        let elsewhere = store
            .start_kit_interview(&ada, &other, "elsewhere", T)
            .await
            .expect("other");

        assert_eq!(
            store
                .delete_kit_interviews_before(T - 180 * 86_400)
                .await
                .expect("clean"),
            1
        );
        assert!(store.kit_interview(&ada, &old.id).await.expect("read").is_none());
        assert!(store.delete_kit_interview(&ada, &asked.id).await.expect("delete"));
        let left: Vec<String> = store
            .kit_interviews(&ada, None)
            .await
            .expect("list")
            .into_iter()
            .map(|i| i.label)
            .collect();
        assert_eq!(left, ["elsewhere", "recent"]);
        assert!(store.delete_kit_set(&ada, &set).await.expect("delete set"));
        assert!(store.kit_interview(&ada, &recent.id).await.expect("read").is_none());
        assert!(store.kit_interview(&ada, &elsewhere.id).await.expect("read").is_some());
    }
);
