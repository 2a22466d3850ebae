//! The data export lists the kit; account deletion removes all of it and
//! nothing of anyone else's.

use crate::support::on_both_databases;
use crate::{T, reader, set_with};
use store::{Mark, ShareKind, Store};

/// Gives a reader a set, an interview with a mark and a share link;
/// returns the set's and interview's ids and the link's token.
async fn build(store: &Store, user: &str) -> (String, String, String) {
    let set = set_with(store, user, &["ownership", "traits"]).await;
    let interview = store
        .start_kit_interview(user, &set, "Candidate A", T)
        .await
        .expect("start");
    store
        .mark_kit_question(user, &interview.id, "traits", Mark::Strong, "clear", T + 5)
        .await
        .expect("mark");
    let token = store
        .create_kit_share(user, &set, ShareKind::Candidate, T)
        .await
        .expect("share");
    (set, interview.id, token.as_str().to_owned())
}

on_both_databases!(
    the_export_lists_the_kit_and_deletion_removes_it,
    |store: Store| async move {
        let ada = reader(&store, "ada").await;
        let grace = reader(&store, "grace").await;
        let (ada_set, ada_interview, ada_token) = build(&store, &ada).await;
        let (grace_set, _, _) = build(&store, &grace).await;

        let export = store.export_user(&ada).await.expect("export");
        let json = serde_json::to_value(&export).expect("json");
        assert_eq!(json["kit"]["sets"][0]["id"], ada_set.as_str());
        assert_eq!(json["kit"]["sets"][0]["items"][1]["slug"], "traits");
        assert_eq!(json["kit"]["interviews"][0]["id"], ada_interview.as_str());
        assert_eq!(json["kit"]["interviews"][0]["marks"][0]["mark"], "strong");
        assert_eq!(json["kit"]["share_links"][0]["kind"], "candidate");
        let text = json.to_string();
        assert!(!text.contains(&ada_token), "the link's token is not in the export");
        assert!(!text.contains("token_hash"), "nor its hash");

        let before = store.export_user(&grace).await.expect("export").kit;
        store.delete_user(&ada).await.expect("delete");
        assert!(store.kit_sets(&ada).await.expect("sets").is_empty());
        assert!(store.kit_interviews(&ada, None).await.expect("interviews").is_empty());
        assert!(store.kit_shares(&ada).await.expect("shares").is_empty());
        let after = store.export_user(&grace).await.expect("export").kit;
        assert_eq!(after.sets, before.sets);
        assert_eq!(after.interviews, before.interviews);
        assert_eq!(after.share_links, before.share_links);
        assert_eq!(after.sets[0].id, grace_set);
    }
);
