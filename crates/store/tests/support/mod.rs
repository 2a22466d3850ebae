//! What every store test binary shares: a fresh database of each kind and
//! the macro that runs one test body against both.

#![allow(
    dead_code,
    unused_imports,
    unused_macros,
    reason = "each test binary uses part of the support code"
)]

use store::{Email, Store, Token};

/// A fresh, empty SQLite file.
pub async fn sqlite() -> Store {
    let dir = std::env::temp_dir().join(format!("rustprep-store-{}", Token::generate().as_str()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    Store::open(&dir, None).await.expect("open SQLite")
}

/// A fresh, empty PostgreSQL database.
pub async fn postgres() -> Store {
    Store::connect(&postgres_url().await).await.expect("open PostgreSQL")
}

/// The URL of a fresh, empty PostgreSQL database (for tests that also
/// reach it with plain SQL).
pub async fn postgres_url() -> String {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let admin = std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let name = format!("rustprep_test_{}", &Token::generate().as_str()[..16]);
    let mut connection = sqlx::AnyConnection::connect(&admin)
        .await
        .expect("PostgreSQL must be running for the tests");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut connection)
        .await
        .expect("create database");
    let base = admin
        .rsplit_once('/')
        .map_or(admin.as_str(), |(base, _)| base)
        .to_owned();
    format!("{base}/{name}")
}

/// The URL of a fresh, empty SQLite file.
pub fn sqlite_url() -> String {
    let dir = std::env::temp_dir().join(format!("rustprep-store-{}", Token::generate().as_str()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    format!("sqlite://{}?mode=rwc", dir.join("rustprep.db").display())
}

/// Runs one async test body against each backend.
macro_rules! on_both_databases {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[tokio::test]
            async fn sqlite() {
                ($body)($crate::support::sqlite().await).await;
            }
            #[tokio::test]
            async fn postgres() {
                ($body)($crate::support::postgres().await).await;
            }
        }
    };
}
pub(crate) use on_both_databases;

pub fn email(text: &str) -> Email {
    Email::parse(text).expect("valid email")
}
