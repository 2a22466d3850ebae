//! Mock interviews: created whole or not at all, visible to their owner
//! only, and timed by the server.

use crate::support::on_both_databases;
use crate::{NOBODY, reader};
use store::{MockPlan, SelfGrade, Store, StoreError};

const T: i64 = 1_800_000_000;

fn plan(slugs: &[&str], minutes: i64) -> MockPlan {
    MockPlan {
        level: Some("intermediate".into()),
        topics: vec!["async".into(), "traits".into()],
        minutes_per_question: minutes,
        slugs: slugs.iter().map(|slug| (*slug).to_owned()).collect(),
    }
}

on_both_databases!(
    mocks_are_created_whole_and_shown_to_their_owner_only,
    |store: Store| async move {
        let ada = reader(&store, "ada").await;
        let grace = reader(&store, "grace").await;
        let first = store
            .create_mock(&ada, &plan(&["pin", "send-sync", "dyn-trait"], 5), T)
            .await
            .expect("create");
        assert_eq!(first.topics, ["async", "traits"]);
        assert_eq!(first.level.as_deref(), Some("intermediate"));
        let positions: Vec<_> = first
            .items
            .iter()
            .map(|item| (item.position, item.slug.as_str()))
            .collect();
        assert_eq!(positions, [(1, "pin"), (2, "send-sync"), (3, "dyn-trait")]);
        assert!(
            first
                .items
                .iter()
                .all(|item| item.started_at.is_none() && item.deadline.is_none())
        );
        assert_eq!(store.mock(&ada, &first.id).await.expect("mock"), Some(first.clone()));
        assert_eq!(
            store.mock(&grace, &first.id).await.expect("mock"),
            None,
            "not the owner: not found"
        );
        assert!(matches!(
            store.finish_mock(&grace, &first.id, T).await,
            Err(StoreError::NotFound)
        ));

        let any = MockPlan {
            level: None,
            topics: Vec::new(),
            ..plan(&["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"], 30)
        };
        let second = store.create_mock(&ada, &any, T + 100).await.expect("create");
        assert_eq!(
            (second.level.clone(), second.topics.len(), second.items.len()),
            (None, 0, 10)
        );
        let listed: Vec<_> = store
            .mocks(&ada)
            .await
            .expect("mocks")
            .into_iter()
            .map(|mock| mock.id)
            .collect();
        assert_eq!(listed, [second.id.clone(), first.id.clone()], "newest first");
        assert_eq!(store.mocks(&ada).await.expect("mocks")[1], first, "with their items");
        assert!(store.mocks(&grace).await.expect("mocks").is_empty());

        // Bad plans and unknown users create nothing.
        let bad_plans = [
            plan(&["a", "b"], 5),
            plan(&["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"], 5),
            plan(&["a", "b", "a"], 5),
            plan(&["a", "b", "c"], 0),
            plan(&["a", "b", "c"], 31),
            plan(&["a", "b", "Not a slug"], 5),
            MockPlan {
                level: Some("".into()),
                ..plan(&["a", "b", "c"], 5)
            },
            MockPlan {
                topics: vec!["a,b".into()],
                ..plan(&["a", "b", "c"], 5)
            },
        ];
        for bad in &bad_plans {
            let refused = store.create_mock(&ada, bad, T + 200).await;
            assert!(matches!(refused, Err(StoreError::Invalid(_))), "{bad:?}: {refused:?}");
        }
        assert!(matches!(
            store.create_mock(NOBODY, &plan(&["a", "b", "c"], 5), T).await,
            Err(StoreError::NoSuchUser)
        ));
        assert_eq!(store.mocks(&ada).await.expect("mocks").len(), 2);
    }
);

on_both_databases!(the_server_keeps_each_items_deadline, |store: Store| async move {
    let ada = reader(&store, "ada").await;
    let mock = store
        .create_mock(&ada, &plan(&["pin", "send-sync", "dyn-trait"], 5), T)
        .await
        .expect("create");
    let id = mock.id.as_str();
    assert!(matches!(
        store.reveal_mock_item(&ada, id, 1, None, T).await,
        Err(StoreError::OutOfOrder(_))
    ));
    let started = store.start_mock_item(&ada, id, 1, T).await.expect("start");
    assert_eq!((started.started_at, started.deadline), (Some(T), Some(T + 300)));
    let reloaded = store.start_mock_item(&ada, id, 1, T + 10).await.expect("start again");
    assert_eq!(reloaded, started, "a reload keeps the first deadline");
    assert!(matches!(
        store.grade_mock_item(&ada, id, 1, SelfGrade::Solid, T + 20).await,
        Err(StoreError::OutOfOrder(_))
    ));
    let revealed = store
        .reveal_mock_item(&ada, id, 1, Some("Pin keeps it in place"), T + 100)
        .await
        .expect("reveal");
    assert_eq!(
        (revealed.revealed_at, revealed.answer.as_deref()),
        (Some(T + 100), Some("Pin keeps it in place"))
    );
    assert!(matches!(
        store.reveal_mock_item(&ada, id, 1, Some("a second try"), T + 110).await,
        Err(StoreError::OutOfOrder(_))
    ));
    store
        .grade_mock_item(&ada, id, 1, SelfGrade::Solid, T + 200)
        .await
        .expect("grade");
    let regraded = store
        .grade_mock_item(&ada, id, 1, SelfGrade::Strong, T + 300)
        .await
        .expect("regrade at the deadline");
    assert_eq!(regraded.self_grade, Some(SelfGrade::Strong));
    assert!(matches!(
        store.grade_mock_item(&ada, id, 1, SelfGrade::Weak, T + 301).await,
        Err(StoreError::DeadlinePassed)
    ));

    // Past the deadline an answer is refused; revealing without one is not.
    store.start_mock_item(&ada, id, 2, T + 400).await.expect("start");
    assert!(matches!(
        store.reveal_mock_item(&ada, id, 2, Some("late"), T + 701).await,
        Err(StoreError::DeadlinePassed)
    ));
    let shown = store
        .reveal_mock_item(&ada, id, 2, None, T + 701)
        .await
        .expect("reveal late");
    assert_eq!((shown.revealed_at, shown.answer), (Some(T + 701), None));
    assert!(matches!(
        store.grade_mock_item(&ada, id, 2, SelfGrade::Solid, T + 702).await,
        Err(StoreError::DeadlinePassed)
    ));

    store.start_mock_item(&ada, id, 3, T + 800).await.expect("start");
    let huge = "x".repeat(20 * 1024);
    assert!(matches!(
        store.reveal_mock_item(&ada, id, 3, Some(&huge), T + 801).await,
        Err(StoreError::Invalid(_))
    ));
    let grace = reader(&store, "grace").await;
    assert!(matches!(
        store.start_mock_item(&grace, id, 3, T + 802).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.reveal_mock_item(&ada, id, 4, None, T + 802).await,
        Err(StoreError::NotFound)
    ));

    // A finished mock changes no more.
    let finished = store.finish_mock(&ada, id, T + 900).await.expect("finish");
    assert_eq!(finished.finished_at, Some(T + 900));
    let again = store.finish_mock(&ada, id, T + 950).await.expect("finish again");
    assert_eq!(again.finished_at, Some(T + 900), "the first finish is kept");
    assert!(matches!(
        store
            .reveal_mock_item(&ada, id, 3, Some("after the end"), T + 901)
            .await,
        Err(StoreError::MockFinished)
    ));
    assert!(matches!(
        store.grade_mock_item(&ada, id, 1, SelfGrade::Weak, T + 200).await,
        Err(StoreError::MockFinished)
    ));
    let fresh = store
        .create_mock(&ada, &plan(&["a", "b", "c"], 1), T + 1000)
        .await
        .expect("create");
    store.finish_mock(&ada, &fresh.id, T + 1001).await.expect("finish");
    assert!(matches!(
        store.start_mock_item(&ada, &fresh.id, 1, T + 1002).await,
        Err(StoreError::MockFinished)
    ));

    let stored = store.mock(&ada, id).await.expect("mock").expect("found");
    let items: Vec<_> = stored
        .items
        .iter()
        .map(|item| (item.self_grade, item.answer.as_deref(), item.revealed_at.is_some()))
        .collect();
    assert_eq!(
        items,
        [
            (Some(SelfGrade::Strong), Some("Pin keeps it in place"), true),
            (None, None, true),
            (None, None, false),
        ],
        "refused steps changed nothing"
    );
});
