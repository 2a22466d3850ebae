//! The interviewer kit's data (question sets, interviews, share links, and
//! their place in the data export and account deletion), run against both
//! SQLite and PostgreSQL like `tests/store.rs`.

#[path = "../support/mod.rs"]
mod support;

mod account;
mod interviews;
mod sets;
mod shares;

use store::Store;

/// A new account; returns its id.
async fn reader(store: &Store, name: &str) -> String {
    store
        .create_user(&support::email(&format!("{name}@example.org")), "h")
        .await
        .expect("create user")
        .id
}

/// Owned slugs, for the item calls.
fn slugs(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| (*name).to_owned()).collect()
}

/// A set named "Backend" owned by `user`, holding these questions.
async fn set_with(store: &Store, user: &str, names: &[&str]) -> String {
    let set = store.create_kit_set(user, "Backend", T).await.expect("set");
    store
        .add_kit_items(user, &set.id, &slugs(names), T)
        .await
        .expect("items");
    set.id
}

const T: i64 = 1_800_000_000;
