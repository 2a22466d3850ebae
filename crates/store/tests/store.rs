//! The data layer's behaviour, run against both SQLite and PostgreSQL (the
//! machine's server at 127.0.0.1:5432, or TEST_DATABASE_URL). A PostgreSQL
//! that cannot be reached fails these tests; nothing is skipped.

mod support;

use store::{Applied, BillingEvent, EntitlementChange, Limit, SessionLimits, Store, StoreError, now, pair_scope};
use support::{email, on_both_databases};

on_both_databases!(accounts_are_created_found_and_deleted, |store: Store| async move {
    let user = store
        .create_user(&email("Ada@Example.org "), "hash-1")
        .await
        .expect("create");
    assert_eq!(user.email, "ada@example.org", "emails are trimmed and lowercased");
    assert!(matches!(
        store.create_user(&email("ada@example.org"), "hash-2").await,
        Err(StoreError::EmailTaken)
    ));
    let (found, hash) = store
        .user_with_hash(&email("ADA@example.org"))
        .await
        .expect("query")
        .expect("found");
    assert_eq!((found.id.as_str(), hash.as_str()), (user.id.as_str(), "hash-1"));
    store.set_password_hash(&user.id, "hash-3").await.expect("set");
    assert_eq!(
        store.password_hash(&user.id).await.expect("query").as_deref(),
        Some("hash-3")
    );
    let token = store.create_session(&user.id).await.expect("session");
    store.delete_user(&user.id).await.expect("delete");
    assert!(store.user(&user.id).await.expect("query").is_none());
    assert!(
        store
            .session(&token, SessionLimits::default())
            .await
            .expect("query")
            .is_none(),
        "sessions go too"
    );
    assert!(store.list_users().await.expect("list").is_empty());
});

on_both_databases!(
    sessions_end_on_logout_timeout_and_password_change,
    |store: Store| async move {
        let user = store
            .create_user(&email("grace@example.org"), "h")
            .await
            .expect("create");
        let first = store.create_session(&user.id).await.expect("session");
        let second = store.create_session(&user.id).await.expect("session");
        assert_ne!(first, second);
        let session = store
            .session(&first, SessionLimits::default())
            .await
            .expect("query")
            .expect("live");
        assert_eq!(session.user.id, user.id);
        assert_eq!(session.csrf_token.len(), 64);
        let expired = SessionLimits {
            idle_seconds: -1,
            absolute_seconds: 3600,
        };
        assert!(
            store.session(&first, expired).await.expect("query").is_none(),
            "idle timeout"
        );
        assert!(
            store
                .session(&first, SessionLimits::default())
                .await
                .expect("query")
                .is_none(),
            "and it stays ended"
        );
        let too_old = SessionLimits {
            idle_seconds: 3600,
            absolute_seconds: -1,
        };
        assert!(
            store.session(&second, too_old).await.expect("query").is_none(),
            "absolute timeout"
        );
        let third = store.create_session(&user.id).await.expect("session");
        let fourth = store.create_session(&user.id).await.expect("session");
        store
            .end_other_sessions(&user.id, Some(&fourth))
            .await
            .expect("end others");
        assert!(
            store
                .session(&third, SessionLimits::default())
                .await
                .expect("query")
                .is_none()
        );
        assert!(
            store
                .session(&fourth, SessionLimits::default())
                .await
                .expect("query")
                .is_some()
        );
        store.end_session(&fourth).await.expect("logout");
        assert!(
            store
                .session(&fourth, SessionLimits::default())
                .await
                .expect("query")
                .is_none()
        );
    }
);

on_both_databases!(operators_grant_and_revoke_premium, |store: Store| async move {
    let user = store
        .create_user(&email("linus@example.org"), "h")
        .await
        .expect("create");
    assert!(!user.is_premium_at(now()));
    let granted = store
        .set_premium_until(&email("linus@example.org"), Some(now() + 86400))
        .await
        .expect("grant");
    assert!(granted.is_premium_at(now()));
    let revoked = store
        .set_premium_until(&email("linus@example.org"), None)
        .await
        .expect("revoke");
    assert!(!revoked.is_premium_at(now()));
    assert!(matches!(
        store.set_premium_until(&email("nobody@example.org"), None).await,
        Err(StoreError::NoSuchUser)
    ));
});

fn event(id: &str, created: i64, change: Option<EntitlementChange>) -> BillingEvent {
    BillingEvent {
        id: id.into(),
        kind: "test".into(),
        created,
        user_id: None,
        customer_id: Some("cus_1".into()),
        subscription_id: Some("sub_1".into()),
        change,
    }
}

on_both_databases!(billing_events_apply_once_and_in_order, |store: Store| async move {
    let user = store
        .create_user(&email("barbara@example.org"), "h")
        .await
        .expect("create");
    let t = now();
    let checkout = BillingEvent {
        user_id: Some(user.id.clone()),
        ..event("evt_checkout", t, Some(EntitlementChange::ActiveUntil(t + 1000)))
    };
    assert!(matches!(
        store.apply_billing_event(&checkout).await.expect("apply"),
        Applied::Updated { .. }
    ));
    assert_eq!(
        store.apply_billing_event(&checkout).await.expect("apply"),
        Applied::Duplicate
    );
    // A newer renewal extends; an older event arriving late changes nothing.
    let renewal = event("evt_renewal", t + 10, Some(EntitlementChange::ActiveUntil(t + 5000)));
    store.apply_billing_event(&renewal).await.expect("apply");
    let late = event("evt_late_delete", t + 5, Some(EntitlementChange::Ended));
    assert_eq!(store.apply_billing_event(&late).await.expect("apply"), Applied::Ignored);
    assert_eq!(
        store.user(&user.id).await.expect("q").expect("user").premium_until,
        Some(t + 5000)
    );
    // A failed payment leaves the grace period at most.
    let failed = event("evt_failed", t + 20, Some(EntitlementChange::PaymentFailed));
    store.apply_billing_event(&failed).await.expect("apply");
    assert_eq!(
        store.user(&user.id).await.expect("q").expect("user").premium_until,
        Some(t + 5000)
    );
    let deleted = event("evt_deleted", t + 30, Some(EntitlementChange::Ended));
    store.apply_billing_event(&deleted).await.expect("apply");
    let after = store.user(&user.id).await.expect("q").expect("user");
    assert!(!after.is_premium_at(t + 31));
    let stranger = BillingEvent {
        customer_id: Some("cus_unknown".into()),
        ..event("evt_x", t, None)
    };
    assert_eq!(
        store.apply_billing_event(&stranger).await.expect("apply"),
        Applied::Ignored
    );
    assert_eq!(
        store.billing_event_count().await.expect("count"),
        6,
        "six distinct events, the duplicate not stored"
    );
});

on_both_databases!(attempts_are_reserved_counted_and_forgotten, |store: Store| async move {
    let since = now() - 60;
    let limits = |max| {
        [
            Limit {
                scope: "ip:1",
                max: 10,
                since,
            },
            Limit {
                scope: "pair:a|1",
                max,
                since,
            },
        ]
    };
    let first = store
        .reserve_attempt(&limits(2))
        .await
        .expect("reserve")
        .expect("allowed");
    let _second = store
        .reserve_attempt(&limits(2))
        .await
        .expect("reserve")
        .expect("allowed");
    assert!(
        store.reserve_attempt(&limits(2)).await.expect("reserve").is_none(),
        "third refused"
    );
    assert_eq!(
        store.attempts_since("ip:1", since).await.expect("count"),
        2,
        "refused ones are taken back"
    );
    store.forget_attempt(first).await.expect("forget");
    assert_eq!(store.attempts_since("pair:a|1", since).await.expect("count"), 1);
    store
        .clear_login_failures("pair:a|1", now() - 900)
        .await
        .expect("clear");
    assert_eq!(store.attempts_since("pair:a|1", since).await.expect("count"), 0);
    assert_eq!(store.attempts_since("ip:1", since).await.expect("count"), 1);
});

on_both_databases!(parallel_reservations_respect_the_limit, |store: Store| async move {
    let since = now() - 60;
    let burst: Vec<_> = (0..40)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                let limits = [Limit {
                    scope: "pair:b|2",
                    max: 5,
                    since,
                }];
                store.reserve_attempt(&limits).await.expect("reserve").is_some()
            })
        })
        .collect();
    let mut allowed = 0;
    for task in burst {
        allowed += usize::from(task.await.expect("task"));
    }
    // Never more than the limit; a burst may get fewer through (all counted
    // before any refused reservation was taken back), which errs on the safe side.
    assert!(allowed <= 5, "{allowed} of a burst of 40 passed a limit of 5");
});

on_both_databases!(deletion_and_export_cover_failed_logins, |store: Store| async move {
    let user = store
        .create_user(&email("f_x%@example.org"), "h")
        .await
        .expect("create");
    let other = store.create_user(&email("fax@example.org"), "h").await.expect("create");
    let since = now() - 60;
    for (mail, address) in [("f_x%@example.org", "10.0.0.1"), ("fax@example.org", "10.0.0.2")] {
        let scope = pair_scope(mail, address);
        let _kept = store
            .reserve_attempt(&[Limit {
                scope: &scope,
                max: 5,
                since,
            }])
            .await
            .expect("reserve");
    }
    let export = store.export_user(&user.id).await.expect("export");
    assert_eq!(export.failed_logins.len(), 1, "only its own email, wildcards escaped");
    assert_eq!(export.failed_logins[0].address, "10.0.0.1");
    store.delete_user(&user.id).await.expect("delete");
    assert_eq!(
        store
            .attempts_since(&pair_scope("f_x%@example.org", "10.0.0.1"), since)
            .await
            .expect("count"),
        0
    );
    let kept = store.export_user(&other.id).await.expect("export").failed_logins;
    assert_eq!(kept.len(), 1, "another account's records stay");
});

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_full_sync() {
    let store = support::sqlite().await;
    assert_eq!(store.pragma("journal_mode").await.expect("pragma"), "wal");
    assert_eq!(store.pragma("synchronous").await.expect("pragma"), "2", "FULL");
    assert_eq!(store.pragma("foreign_keys").await.expect("pragma"), "1");
}
