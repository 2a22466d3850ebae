//! Sets: created, listed, renamed, duplicated, deleted; items added up to
//! the limit, edited, removed and reordered; another reader's ids are
//! "not found" and refused changes change nothing.

use crate::support::on_both_databases;
use crate::{T, reader, set_with, slugs};
use store::{KitItemEdit, MAX_KIT_ITEMS, MAX_KIT_SETS, Store, StoreError};

fn order(set: &store::KitSet) -> Vec<&str> {
    set.items.iter().map(|item| item.slug.as_str()).collect()
}

on_both_databases!(sets_keep_their_questions_in_order, |store: Store| async move {
    let ada = reader(&store, "ada").await;
    let id = set_with(&store, &ada, &["ownership", "borrowing", "lifetimes"]).await;
    let added = store
        .add_kit_items(&ada, &id, &slugs(&["borrowing", "traits", "traits"]), T + 1)
        .await
        .expect("add");
    assert_eq!(added, 1, "present and repeated questions are skipped");
    let set = store.kit_set(&ada, &id).await.expect("read").expect("set");
    assert_eq!(order(&set), ["ownership", "borrowing", "lifetimes", "traits"]);
    assert_eq!(set.total_minutes(), 40, "four questions at the default 10 minutes");

    let edit = KitItemEdit {
        follow_ups: vec![2, 0, 2],
        note: "ask about Rc".into(),
        minutes: 15,
    };
    store
        .edit_kit_item(&ada, &id, "borrowing", &edit, T + 2)
        .await
        .expect("edit");
    store
        .reorder_kit_items(
            &ada,
            &id,
            &slugs(&["traits", "borrowing", "ownership", "lifetimes"]),
            T + 3,
        )
        .await
        .expect("reorder");
    store
        .remove_kit_item(&ada, &id, "ownership", T + 4)
        .await
        .expect("remove");
    let set = store.kit_set(&ada, &id).await.expect("read").expect("set");
    assert_eq!(order(&set), ["traits", "borrowing", "lifetimes"]);
    let positions: Vec<i64> = set.items.iter().map(|item| item.position).collect();
    assert_eq!(positions, [1, 2, 3]);
    assert_eq!(set.items[1].follow_ups, [0, 2]);
    assert_eq!(set.items[1].note, "ask about Rc");
    assert_eq!(set.total_minutes(), 35);
    assert_eq!(set.updated_at, T + 4);

    store
        .rename_kit_set(&ada, &id, "  Systems  ", T + 5)
        .await
        .expect("rename");
    let copy = store.duplicate_kit_set(&ada, &id, T + 6).await.expect("duplicate");
    assert_eq!(copy.name, "Systems (copy)");
    let copied = store.kit_set(&ada, &copy.id).await.expect("read").expect("copy");
    assert_eq!(copied.items, set.items);
    let names: Vec<String> = store
        .kit_sets(&ada)
        .await
        .expect("list")
        .into_iter()
        .map(|set| set.name)
        .collect();
    assert_eq!(names, ["Systems (copy)", "Systems"]);
    assert!(store.delete_kit_set(&ada, &id).await.expect("delete"));
    assert!(store.kit_set(&ada, &id).await.expect("read").is_none());
    assert_eq!(
        store
            .kit_set(&ada, &copy.id)
            .await
            .expect("read")
            .expect("copy")
            .items
            .len(),
        3
    );
});

on_both_databases!(bad_changes_are_refused_and_change_nothing, |store: Store| async move {
    let ada = reader(&store, "ada").await;
    let id = set_with(&store, &ada, &["a", "b", "c"]).await;
    let before = store.kit_set(&ada, &id).await.expect("read");
    for bad in [
        slugs(&["a", "b", "x"]),
        slugs(&["a", "b", "b"]),
        slugs(&["a", "b"]),
        slugs(&["c", "b", "a", "a"]),
    ] {
        let refused = store.reorder_kit_items(&ada, &id, &bad, T + 1).await;
        assert!(matches!(refused, Err(StoreError::Invalid(_))), "{bad:?}: {refused:?}");
    }
    let many: Vec<String> = (0..200).map(|i| format!("q-{i}")).collect();
    let refused = store.add_kit_items(&ada, &id, &many, T + 1).await;
    assert!(
        matches!(refused, Err(StoreError::Invalid(ref m)) if m.contains("at most 50")),
        "{refused:?}"
    );
    let fill: Vec<String> = (0..MAX_KIT_ITEMS - 3).map(|i| format!("q-{i}")).collect();
    assert_eq!(
        store.add_kit_items(&ada, &id, &fill, T + 1).await.expect("fill"),
        MAX_KIT_ITEMS - 3
    );
    let over = store.add_kit_items(&ada, &id, &slugs(&["one-more"]), T + 2).await;
    assert!(matches!(over, Err(StoreError::Invalid(_))), "{over:?}");
    store.remove_kit_item(&ada, &id, "q-0", T + 2).await.expect("make room");
    store
        .add_kit_items(&ada, &id, &slugs(&["q-0"]), T + 2)
        .await
        .expect("back");

    let note = KitItemEdit {
        follow_ups: vec![],
        note: "x".repeat(20 * 1024),
        minutes: 5,
    };
    assert!(matches!(
        store.edit_kit_item(&ada, &id, "a", &note, T + 3).await,
        Err(StoreError::Invalid(_))
    ));
    let minutes = KitItemEdit {
        follow_ups: vec![],
        note: String::new(),
        minutes: 0,
    };
    assert!(matches!(
        store.edit_kit_item(&ada, &id, "a", &minutes, T + 3).await,
        Err(StoreError::Invalid(_))
    ));
    assert!(store.create_kit_set(&ada, " ", T).await.is_err(), "an empty name");
    let after = store.kit_set(&ada, &id).await.expect("read").expect("set");
    assert_eq!(
        after.items[..3],
        before.expect("set").items[..3],
        "the first three unchanged"
    );
    assert_eq!(after.items.len(), MAX_KIT_ITEMS);
});

on_both_databases!(another_readers_set_is_not_found, |store: Store| async move {
    let ada = reader(&store, "ada").await;
    let grace = reader(&store, "grace").await;
    let id = set_with(&store, &ada, &["a", "b"]).await;
    let edit = KitItemEdit {
        follow_ups: vec![],
        note: "mine".into(),
        minutes: 5,
    };
    assert!(store.kit_set(&grace, &id).await.expect("read").is_none());
    assert!(matches!(
        store.add_kit_items(&grace, &id, &slugs(&["c"]), T).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.edit_kit_item(&grace, &id, "a", &edit, T).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.remove_kit_item(&grace, &id, "a", T).await,
        Err(StoreError::NotFound)
    ));
    let reorder = store.reorder_kit_items(&grace, &id, &slugs(&["b", "a"]), T).await;
    assert!(matches!(reorder, Err(StoreError::NotFound)));
    assert!(matches!(
        store.rename_kit_set(&grace, &id, "hers", T).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.duplicate_kit_set(&grace, &id, T).await,
        Err(StoreError::NotFound)
    ));
    assert!(!store.delete_kit_set(&grace, &id).await.expect("delete"));
    assert!(store.kit_sets(&grace).await.expect("list").is_empty());
    let set = store.kit_set(&ada, &id).await.expect("read").expect("still there");
    assert_eq!((set.name.as_str(), order(&set)), ("Backend", vec!["a", "b"]));
    assert!(set.items.iter().all(|item| item.note.is_empty()));
});

on_both_databases!(a_reader_keeps_at_most_a_hundred_sets, |store: Store| async move {
    let ada = reader(&store, "ada").await;
    let mut last = String::new();
    for i in 0..MAX_KIT_SETS {
        last = store
            .create_kit_set(&ada, &format!("set {i}"), T)
            .await
            .expect("create")
            .id;
    }
    assert!(matches!(
        store.create_kit_set(&ada, "one more", T).await,
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.duplicate_kit_set(&ada, &last, T).await,
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(store.kit_sets(&ada).await.expect("list").len(), MAX_KIT_SETS);
});
