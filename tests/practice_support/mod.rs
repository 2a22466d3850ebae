//! What the practice tests share: a reader signed up on a server, and the
//! server's own store, to set up what the HTTP routes of other rooms would
//! (reviews) or what only time would (a question shown long ago).

#![allow(dead_code, reason = "each test binary uses part of the support code")]

use crate::support::{Reader, Server};
use store::{Card, CardKind, ReviewLog, Store};

pub const PASSWORD: &str = "plum-harbour-violin-7";
pub const DAY: i64 = 86_400;

/// POSTs `body` as JSON; the status and the answer's text.
pub fn post_json(reader: &Reader, path: &str, body: serde_json::Value) -> (u16, String) {
    let response = reader
        .http
        .post(reader.server.url(path))
        .json(&body)
        .send()
        .expect("POST");
    let status = response.status().as_u16();
    (status, response.text().expect("body"))
}

pub fn signed_up<'a>(server: &'a Server, email: &str) -> Reader<'a> {
    let reader = Reader::new(server);
    assert_eq!(reader.sign_up(email, PASSWORD).status().as_u16(), 303);
    reader
}

/// Runs `work` against the server's own database.
pub fn with_store<F, Fut>(server: &Server, work: F)
where
    F: FnOnce(Store) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let store = Store::open(&server.data_dir, server.database_url.as_deref())
            .await
            .expect("open the server's store");
        work(store).await;
    });
}

/// Reviews `slug` at `at` (graded Good), leaving it in Review, due `due_in`
/// seconds later with the given stability, as the review queue would.
pub async fn review(store: &Store, user_id: &str, slug: &str, at: i64, due_in: i64, stability: f64) {
    let before = match store.card(user_id, CardKind::Question, slug).await.expect("card") {
        Some(card) => card,
        None => {
            let card = Card::new(CardKind::Question, slug, at - DAY);
            store.add_card(user_id, &card).await.expect("add card");
            card
        }
    };
    let after = Card {
        due: at + due_in,
        stability,
        difficulty: 5.0,
        reps: before.reps + 1,
        state: 2,
        last_review: Some(at),
        ..before.clone()
    };
    let log = ReviewLog {
        kind: CardKind::Question,
        slug: slug.to_owned(),
        grade: 3,
        reviewed_at: at,
        elapsed_days: 1,
        scheduled_days: 1,
        state_before: before.state,
        state_after: 2,
        stability_before: before.stability,
        stability_after: stability,
        difficulty_before: before.difficulty,
        difficulty_after: 5.0,
        answer: None,
    };
    store
        .apply_review(user_id, before.version(), &after, &log)
        .await
        .expect("review");
}
