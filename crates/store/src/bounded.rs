//! The pool, with a deadline on every query run through it.
//!
//! Why: with the network to PostgreSQL frozen (packets dropped, no reset),
//! a query on a connection already checked out waits for an answer that
//! never comes, until the kernel gives up on the socket many minutes later.
//! The server never answers, so no server-side setting (`statement_timeout`)
//! helps; only the client's own clock does. sqlx has no per-query timeout,
//! so this wraps the pool's `Executor` and gives each query
//! [`OPERATION_TIMEOUT`] (acquiring the connection included, which the pool
//! bounds by itself anyway). A query past its deadline fails as an I/O
//! timeout, which `StoreError::is_unavailable` counts as "try again".
//!
//! PostgreSQL only: SQLite has no network to freeze, and its waits for a
//! lock are bounded by its own `busy_timeout` (5 s), which a shorter
//! deadline here would cut short under a burst of writes.
//!
//! Statements in a transaction run through [`on`], which bounds them the
//! same way on the transaction's connection, and so does [`commit`].

use crate::db::{Backend, OPERATION_TIMEOUT};
use futures_core::future::BoxFuture;
use futures_core::stream::BoxStream;
use futures_util::StreamExt;
use sqlx::any::{AnyQueryResult, AnyRow, AnyStatement, AnyTypeInfo};
use sqlx::{Any, AnyConnection, AnyPool, Describe, Either, Execute, Executor, Transaction};
use std::future::Future;
use std::time::Duration;
use tokio::time::{Instant, timeout_at};

/// An executor (the pool, or a transaction's connection), each query under
/// a deadline (`None`: no deadline).
#[derive(Debug)]
pub(crate) struct Bounded<E> {
    inner: E,
    limit: Option<Duration>,
}

impl<E> Bounded<E> {
    fn deadline(&self) -> Option<Instant> {
        self.limit.map(|limit| Instant::now() + limit)
    }
}

/// The deadline for a backend: PostgreSQL's queries cross a network.
fn limit_for(networked: bool) -> Option<Duration> {
    networked.then_some(OPERATION_TIMEOUT)
}

/// A transaction's connection, each statement under the deadline.
pub(crate) fn on(connection: &mut AnyConnection) -> Bounded<&mut AnyConnection> {
    let limit = limit_for(connection.backend_name() == "PostgreSQL");
    Bounded {
        inner: connection,
        limit,
    }
}

/// Commits under the deadline.
pub(crate) async fn commit(transaction: Transaction<'_, Any>) -> Result<(), sqlx::Error> {
    let limit = limit_for(transaction.backend_name() == "PostgreSQL");
    until(limit.map(|limit| Instant::now() + limit), transaction.commit()).await
}

/// The error a query past its deadline ends with.
fn timed_out() -> sqlx::Error {
    sqlx::Error::Io(std::io::Error::new(
        std::io::ErrorKind::TimedOut,
        "the database did not answer in time",
    ))
}

/// Runs `operation` until `deadline`, then gives up with [`timed_out`].
async fn until<T>(
    deadline: Option<Instant>,
    operation: impl Future<Output = Result<T, sqlx::Error>>,
) -> Result<T, sqlx::Error> {
    match deadline {
        Some(deadline) => timeout_at(deadline, operation)
            .await
            .unwrap_or_else(|_| Err(timed_out())),
        None => operation.await,
    }
}

impl<'c, X> Executor<'c> for Bounded<X>
where
    X: Executor<'c, Database = Any>,
{
    type Database = Any;

    fn fetch_many<'e, 'q: 'e, E>(self, query: E) -> BoxStream<'e, Result<Either<AnyQueryResult, AnyRow>, sqlx::Error>>
    where
        'c: 'e,
        E: 'q + Execute<'q, Any>,
    {
        let deadline = self.deadline();
        let rows = self.inner.fetch_many(query);
        let Some(deadline) = deadline else { return rows };
        // Each item must arrive before the one deadline; after a timeout the
        // stream ends (dropping the query and its connection).
        Box::pin(futures_util::stream::unfold(Some(rows), move |rows| async move {
            let mut rows = rows?;
            match timeout_at(deadline, rows.next()).await {
                Ok(Some(item)) => Some((item, Some(rows))),
                Ok(None) => None,
                Err(_) => Some((Err(timed_out()), None)),
            }
        }))
    }

    fn fetch_optional<'e, 'q: 'e, E>(self, query: E) -> BoxFuture<'e, Result<Option<AnyRow>, sqlx::Error>>
    where
        'c: 'e,
        E: 'q + Execute<'q, Any>,
    {
        let deadline = self.deadline();
        Box::pin(until(deadline, self.inner.fetch_optional(query)))
    }

    fn prepare_with<'e, 'q: 'e>(
        self,
        sql: &'q str,
        parameters: &'e [AnyTypeInfo],
    ) -> BoxFuture<'e, Result<AnyStatement<'q>, sqlx::Error>>
    where
        'c: 'e,
    {
        let deadline = self.deadline();
        Box::pin(until(deadline, self.inner.prepare_with(sql, parameters)))
    }

    fn describe<'e, 'q: 'e>(self, sql: &'q str) -> BoxFuture<'e, Result<Describe<Any>, sqlx::Error>>
    where
        'c: 'e,
    {
        let deadline = self.deadline();
        Box::pin(until(deadline, self.inner.describe(sql)))
    }
}

impl crate::Store {
    /// The pool, each query under [`OPERATION_TIMEOUT`] on PostgreSQL:
    /// what every store query runs against.
    pub(crate) fn bounded(&self) -> Bounded<&AnyPool> {
        Bounded {
            inner: &self.pool,
            limit: limit_for(self.backend() == Backend::Postgres),
        }
    }

    /// A transaction, its `BEGIN` under the same deadline.
    pub(crate) async fn begin(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        until(self.bounded().deadline(), self.pool.begin()).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Store, StoreError, Token};
    use sqlx::Connection;

    /// A fresh PostgreSQL database (as `tests/support` makes them).
    async fn fresh_postgres() -> Store {
        sqlx::any::install_default_drivers();
        let admin =
            std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
        let name = format!("rustprep_test_{}", &Token::generate().as_str()[..16]);
        let mut connection = AnyConnection::connect(&admin)
            .await
            .expect("PostgreSQL must be running");
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut connection)
            .await
            .expect("create database");
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(base, _)| base);
        Store::connect(&format!("{base}/{name}"))
            .await
            .expect("open PostgreSQL")
    }

    /// Whether a query ended at our deadline (not with an answer or the
    /// server's own error), and counts as "try again".
    fn gave_up(error: sqlx::Error) -> bool {
        let timed_out = matches!(&error, sqlx::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut);
        timed_out && StoreError::from(error).is_unavailable()
    }

    /// A server that takes far longer than the deadline to answer stands for
    /// a frozen network (nothing comes back): the query gives up at the
    /// deadline, in a transaction too, and the pool goes on serving.
    #[tokio::test]
    async fn a_query_without_an_answer_gives_up_at_the_deadline() {
        let store = fresh_postgres().await;
        let slow = "SELECT pg_sleep(30)";
        let error = sqlx::query(slow).execute(store.bounded()).await.expect_err("gives up");
        assert!(gave_up(error));
        let mut transaction = store.begin().await.expect("begin");
        sqlx::query("SELECT 1")
            .execute(on(&mut transaction))
            .await
            .expect("quick");
        let error = sqlx::query(slow)
            .execute(on(&mut transaction))
            .await
            .expect_err("gives up");
        assert!(gave_up(error));
        drop(transaction);
        let row = sqlx::query("SELECT 1").fetch_optional(store.bounded()).await;
        assert!(matches!(row, Ok(Some(_))), "still serving: {:?}", row.err());
    }
}
