//! Settings, saved questions and notes: defaults, limits, and bad input
//! that changes nothing.

use crate::support::on_both_databases;
use crate::{NOBODY, reader};
use store::{MAX_TEXT_BYTES, PracticeSettings, Store, StoreError};

const T: i64 = 1_800_000_000;

on_both_databases!(settings_default_validate_and_persist, |store: Store| async move {
    let ada = reader(&store, "ada").await;
    let defaults = store.practice_settings(&ada).await.expect("settings");
    assert_eq!(defaults, PracticeSettings::default());
    assert_eq!((defaults.desired_retention, defaults.new_per_day), (0.90, 10));
    let chosen = PracticeSettings {
        desired_retention: 0.97,
        new_per_day: 0,
    };
    store.set_practice_settings(&ada, &chosen, T).await.expect("set");
    assert_eq!(store.practice_settings(&ada).await.expect("settings"), chosen);
    let edges = PracticeSettings {
        desired_retention: 0.80,
        new_per_day: 100,
    };
    store
        .set_practice_settings(&ada, &edges, T + 1)
        .await
        .expect("set again");
    assert_eq!(store.practice_settings(&ada).await.expect("settings"), edges);
    for bad in [
        PracticeSettings {
            desired_retention: 0.99,
            ..edges
        },
        PracticeSettings {
            desired_retention: 0.79,
            ..edges
        },
        PracticeSettings {
            desired_retention: f64::NAN,
            ..edges
        },
        PracticeSettings {
            new_per_day: 101,
            ..edges
        },
        PracticeSettings {
            new_per_day: -1,
            ..edges
        },
    ] {
        let refused = store.set_practice_settings(&ada, &bad, T + 2).await;
        assert!(matches!(refused, Err(StoreError::Invalid(_))), "{bad:?}: {refused:?}");
    }
    assert_eq!(
        store.practice_settings(&ada).await.expect("settings"),
        edges,
        "refused settings changed nothing"
    );
    assert!(matches!(
        store.set_practice_settings(NOBODY, &edges, T).await,
        Err(StoreError::NoSuchUser)
    ));
});

on_both_databases!(
    questions_are_saved_once_and_listed_with_notes,
    |store: Store| async move {
        let ada = reader(&store, "ada").await;
        assert!(store.save_question(&ada, "ownership", T).await.expect("save"));
        assert!(
            !store.save_question(&ada, "ownership", T + 5).await.expect("again"),
            "saved once"
        );
        assert!(store.save_question(&ada, "lifetimes", T + 10).await.expect("save"));
        store
            .put_note(
                &ada,
                "lifetimes",
                "\n  Elision rules: three of them  \nthen more",
                T + 11,
            )
            .await
            .expect("note");
        store
            .put_note(&ada, "traits", "a note without a save", T + 12)
            .await
            .expect("note");
        let saved = store.saved_questions(&ada).await.expect("saved");
        let listed: Vec<_> = saved
            .iter()
            .map(|saved| (saved.slug.as_str(), saved.saved_at, saved.note_first_line.as_deref()))
            .collect();
        assert_eq!(
            listed,
            [
                ("lifetimes", T + 10, Some("Elision rules: three of them")),
                ("ownership", T, None),
            ],
            "newest first; the first saving time is kept"
        );
        assert!(store.is_saved(&ada, "ownership").await.expect("saved?"));
        assert!(store.unsave_question(&ada, "lifetimes").await.expect("unsave"));
        assert!(
            !store.unsave_question(&ada, "lifetimes").await.expect("unsave"),
            "already gone"
        );
        assert!(!store.is_saved(&ada, "lifetimes").await.expect("saved?"));
        assert!(
            store.note(&ada, "lifetimes").await.expect("note").is_some(),
            "unsaving keeps the note"
        );
        assert!(matches!(
            store.save_question(NOBODY, "ownership", T).await,
            Err(StoreError::NoSuchUser)
        ));
        assert!(matches!(
            store.save_question(&ada, "Not a slug", T).await,
            Err(StoreError::Invalid(_))
        ));
        let grace = reader(&store, "grace").await;
        assert!(store.saved_questions(&grace).await.expect("saved").is_empty());
    }
);

on_both_databases!(notes_are_kept_replaced_limited_and_deleted, |store: Store| async move {
    let ada = reader(&store, "ada").await;
    assert!(store.note(&ada, "ownership").await.expect("note").is_none());
    let first = store
        .put_note(&ada, "ownership", "Moves, not copies.\n\tSee Drop.", T)
        .await
        .expect("put")
        .expect("kept");
    assert_eq!(store.note(&ada, "ownership").await.expect("note"), Some(first));
    let full = "n".repeat(MAX_TEXT_BYTES);
    let replaced = store
        .put_note(&ada, "ownership", &full, T + 1)
        .await
        .expect("exactly 10 KB")
        .expect("kept");
    assert_eq!(replaced.body.len(), MAX_TEXT_BYTES);

    // Too long, a NUL, an unknown user: refused, nothing changes.
    for body in ["x".repeat(20 * 1024), "a\0b".to_owned()] {
        assert!(matches!(
            store.put_note(&ada, "ownership", &body, T + 2).await,
            Err(StoreError::Invalid(_))
        ));
    }
    assert!(matches!(
        store.put_note(NOBODY, "ownership", "hello", T + 2).await,
        Err(StoreError::NoSuchUser)
    ));
    assert_eq!(store.note(&ada, "ownership").await.expect("note"), Some(replaced));

    // An empty body deletes the note.
    assert!(
        store
            .put_note(&ada, "ownership", " \n ", T + 3)
            .await
            .expect("put")
            .is_none()
    );
    assert!(store.note(&ada, "ownership").await.expect("note").is_none());
    store.put_note(&ada, "traits", "dyn vs impl", T + 4).await.expect("put");
    store.put_note(&ada, "async", "Pin", T + 5).await.expect("put");
    let slugs: Vec<_> = store
        .notes(&ada)
        .await
        .expect("notes")
        .into_iter()
        .map(|note| note.slug)
        .collect();
    assert_eq!(slugs, ["async", "traits"]);
    assert!(store.delete_note(&ada, "traits").await.expect("delete"));
    assert!(
        !store.delete_note(&ada, "traits").await.expect("delete"),
        "already gone"
    );
    let grace = reader(&store, "grace").await;
    assert!(
        store.note(&grace, "async").await.expect("note").is_none(),
        "notes are private"
    );
});
