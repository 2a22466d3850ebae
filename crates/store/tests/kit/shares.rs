//! Share links: only their hash is kept, each kind opens only its own
//! view, a new link revokes the old one, and revoked links open nothing.

use crate::support::on_both_databases;
use crate::{T, reader, set_with};
use store::{ShareKind, Store, StoreError, Token};

on_both_databases!(links_open_their_set_until_revoked, |store: Store| async move {
    let ada = reader(&store, "ada").await;
    let grace = reader(&store, "grace").await;
    let set = set_with(&store, &ada, &["ownership", "traits"]).await;
    let co = store
        .create_kit_share(&ada, &set, ShareKind::CoInterviewer, T)
        .await
        .expect("share");
    let candidate = store
        .create_kit_share(&ada, &set, ShareKind::Candidate, T)
        .await
        .expect("share");
    let opened = store
        .shared_kit_set(co.as_str(), ShareKind::CoInterviewer)
        .await
        .expect("open");
    assert_eq!(opened.map(|set| set.items.len()), Some(2));
    assert!(
        store
            .shared_kit_set(co.as_str(), ShareKind::Candidate)
            .await
            .expect("open")
            .is_none()
    );
    assert!(
        store
            .shared_kit_set(candidate.as_str(), ShareKind::Candidate)
            .await
            .expect("open")
            .is_some()
    );
    assert!(
        store
            .shared_kit_set("not-a-token", ShareKind::Candidate)
            .await
            .expect("open")
            .is_none()
    );
    let unknown = Token::generate();
    assert!(
        store
            .shared_kit_set(unknown.as_str(), ShareKind::Candidate)
            .await
            .expect("open")
            .is_none()
    );

    assert!(matches!(
        store.create_kit_share(&grace, &set, ShareKind::Candidate, T).await,
        Err(StoreError::NotFound)
    ));
    assert!(
        !store
            .revoke_kit_share(&grace, &set, ShareKind::Candidate, T)
            .await
            .expect("revoke")
    );
    assert!(
        store
            .shared_kit_set(candidate.as_str(), ShareKind::Candidate)
            .await
            .expect("open")
            .is_some()
    );

    let newer = store
        .create_kit_share(&ada, &set, ShareKind::CoInterviewer, T + 1)
        .await
        .expect("again");
    assert!(
        store
            .shared_kit_set(co.as_str(), ShareKind::CoInterviewer)
            .await
            .expect("open")
            .is_none()
    );
    assert!(
        store
            .shared_kit_set(newer.as_str(), ShareKind::CoInterviewer)
            .await
            .expect("open")
            .is_some()
    );
    assert!(
        store
            .revoke_kit_share(&ada, &set, ShareKind::Candidate, T + 2)
            .await
            .expect("revoke")
    );
    assert!(
        store
            .shared_kit_set(candidate.as_str(), ShareKind::Candidate)
            .await
            .expect("open")
            .is_none()
    );
    let shares = store.kit_shares(&ada).await.expect("list");
    assert_eq!(shares.len(), 3);
    assert_eq!(shares.iter().filter(|share| share.revoked_at.is_none()).count(), 1);
    assert!(store.delete_kit_set(&ada, &set).await.expect("delete"));
    assert!(
        store
            .shared_kit_set(newer.as_str(), ShareKind::CoInterviewer)
            .await
            .expect("open")
            .is_none()
    );
});
