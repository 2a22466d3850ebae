//! Emailed links (activation, password reset, email change) on SQLite and
//! PostgreSQL: stored hashed, used once, refused after expiry; a reset ends
//! every session and API token; export and deletion include the links.

mod support;

use sqlx::{AnyPool, Row};
use store::{LinkPurpose, SessionLimits, Store, StoreError, Token, mail_scope, now};
use support::email;

/// The store, and a plain connection to the same database to look behind it.
async fn open(url: String) -> (Store, AnyPool) {
    let store = Store::connect(&url).await.expect("open store");
    let sql = AnyPool::connect(&url).await.expect("open pool");
    (store, sql)
}

/// Runs one test body against a fresh database of each kind.
macro_rules! on_both {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[tokio::test]
            async fn sqlite() {
                let (store, sql) = open(support::sqlite_url()).await;
                ($body)(store, sql).await;
            }
            #[tokio::test]
            async fn postgres() {
                let (store, sql) = open(support::postgres_url().await).await;
                ($body)(store, sql).await;
            }
        }
    };
}

on_both!(
    links_are_stored_hashed_and_work_once,
    |store: Store, sql: AnyPool| async move {
        let user = store
            .create_inactive_user(&email("new@example.org"), "h")
            .await
            .expect("create");
        assert!(!user.active, "waits for its link");
        let token = store
            .create_link(&user.id, LinkPurpose::Activate, None)
            .await
            .expect("link");
        let stored: String = sqlx::query("SELECT token_hash FROM account_links")
            .fetch_one(&sql)
            .await
            .expect("row")
            .get(0);
        assert_eq!(stored, token.hashed());
        assert_ne!(stored, token.as_str(), "the token itself is never stored");

        assert!(
            store.reset_password(&token, "other").await.expect("query").is_none(),
            "a link does only what it was made for"
        );
        let peeked = store.link_user(&token, LinkPurpose::Activate).await.expect("query");
        assert_eq!(
            peeked.map(|user| user.id),
            Some(user.id.clone()),
            "peeking does not use it"
        );
        let active = store.activate(&token).await.expect("activate").expect("live link");
        assert!(active.active);
        assert!(store.activate(&token).await.expect("query").is_none(), "used once");
        assert!(
            store
                .link_user(&token, LinkPurpose::Activate)
                .await
                .expect("query")
                .is_none()
        );
        assert!(
            store.activate(&Token::generate()).await.expect("query").is_none(),
            "unknown"
        );
    }
);

on_both!(expired_links_are_refused, |store: Store, sql: AnyPool| async move {
    let user = store
        .create_user(&email("late@example.org"), "old")
        .await
        .expect("create");
    let token = store
        .create_link(&user.id, LinkPurpose::Reset, None)
        .await
        .expect("link");
    let expires: i64 = sqlx::query("SELECT expires_at FROM account_links")
        .fetch_one(&sql)
        .await
        .expect("row")
        .get(0);
    let lifetime = expires - now();
    assert!((29 * 60..=30 * 60).contains(&lifetime), "30 minutes, got {lifetime} s");
    sqlx::query("UPDATE account_links SET expires_at = $1")
        .bind(now())
        .execute(&sql)
        .await
        .expect("age the link");
    assert!(
        store
            .link_user(&token, LinkPurpose::Reset)
            .await
            .expect("query")
            .is_none()
    );
    assert!(store.reset_password(&token, "new").await.expect("query").is_none());
    assert_eq!(
        store.password_hash(&user.id).await.expect("query").as_deref(),
        Some("old"),
        "nothing changed"
    );
});

on_both!(
    a_reset_ends_every_session_and_token,
    |store: Store, _sql: AnyPool| async move {
        let user = store
            .create_inactive_user(&email("reset@example.org"), "old")
            .await
            .expect("create");
        let session = store.create_session(&user.id).await.expect("session");
        let (_, api) = store.create_api_token(&user.id, "script").await.expect("token");
        let first = store
            .create_link(&user.id, LinkPurpose::Reset, None)
            .await
            .expect("link");
        let second = store
            .create_link(&user.id, LinkPurpose::Reset, None)
            .await
            .expect("link");
        let reset = store
            .reset_password(&second, "new")
            .await
            .expect("reset")
            .expect("live");
        assert!(reset.active, "a reset link proves the address too");
        assert_eq!(
            store.password_hash(&user.id).await.expect("query").as_deref(),
            Some("new")
        );
        assert!(
            store
                .session(&session, SessionLimits::default())
                .await
                .expect("query")
                .is_none()
        );
        assert!(store.user_for_api_token(&api).await.expect("query").is_none());
        assert!(
            store.reset_password(&first, "again").await.expect("query").is_none(),
            "the other reset links went too"
        );
    }
);

on_both!(
    email_changes_move_the_account,
    |store: Store, _sql: AnyPool| async move {
        let user = store.create_user(&email("old@example.org"), "h").await.expect("create");
        let other = store
            .create_user(&email("taken@example.org"), "h")
            .await
            .expect("create");
        let to_taken = store
            .create_link(&user.id, LinkPurpose::Email, Some(&email("taken@example.org")))
            .await
            .expect("link");
        assert!(matches!(
            store.confirm_email_change(&to_taken).await,
            Err(StoreError::EmailTaken)
        ));
        assert_eq!(
            store.user(&other.id).await.expect("query").expect("kept").email,
            "taken@example.org"
        );
        let token = store
            .create_link(&user.id, LinkPurpose::Email, Some(&email("new@example.org")))
            .await
            .expect("link");
        let changed = store.confirm_email_change(&token).await.expect("change").expect("live");
        assert_eq!(
            (changed.user.email.as_str(), changed.old_email.as_str()),
            ("new@example.org", "old@example.org")
        );
        assert!(
            store.confirm_email_change(&token).await.expect("query").is_none(),
            "used once"
        );
    }
);

on_both!(
    export_and_deletion_include_links,
    |store: Store, sql: AnyPool| async move {
        let user = store
            .create_user(&email("gone@example.org"), "h")
            .await
            .expect("create");
        store
            .create_link(&user.id, LinkPurpose::Email, Some(&email("next@example.org")))
            .await
            .expect("link");
        let scope = mail_scope("gone@example.org");
        let limit = store::Limit {
            scope: &scope,
            max: 5,
            since: now() - 3600,
        };
        let _kept = store
            .reserve_attempt(&[limit])
            .await
            .expect("reserve")
            .expect("under the limit");
        let export = store.export_user(&user.id).await.expect("export");
        assert_eq!(export.pending_links.len(), 1);
        assert_eq!(export.pending_links[0].purpose, LinkPurpose::Email);
        assert_eq!(export.pending_links[0].new_email.as_deref(), Some("next@example.org"));
        assert_eq!(export.mail_requests.len(), 1);
        let json = serde_json::to_string(&export).expect("JSON");
        assert!(!json.contains("token_hash"), "{json}");

        store.delete_user(&user.id).await.expect("delete");
        for table in ["account_links", "login_failures"] {
            let count: i64 = sqlx::query(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&sql)
                .await
                .expect("count")
                .get(0);
            assert_eq!(count, 0, "{table} emptied with the account");
        }
    }
);
