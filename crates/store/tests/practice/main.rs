//! Practice data (cards and reviews, settings, saved questions, notes, mock
//! interviews, quiz attempts, and their place in the data export and account
//! deletion), run against both SQLite and PostgreSQL like `tests/store.rs`.

#[path = "../support/mod.rs"]
mod support;

mod account;
mod cards;
mod mocks;
mod notes;
mod quizzes;

use store::Store;

/// A new account; returns its id.
async fn reader(store: &Store, name: &str) -> String {
    store
        .create_user(&support::email(&format!("{name}@example.org")), "h")
        .await
        .expect("create user")
        .id
}

/// An id no account has.
const NOBODY: &str = "00000000000000000000000000000000";
