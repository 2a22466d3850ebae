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
//! Transactions (`Pool::begin`) are bounded only while they wait for their
//! connection; their statements run on the connection itself.

use crate::db::OPERATION_TIMEOUT;
use futures_core::future::BoxFuture;
use futures_core::stream::BoxStream;
use futures_util::StreamExt;
use sqlx::any::{AnyQueryResult, AnyRow, AnyStatement, AnyTypeInfo};
use sqlx::{Any, AnyPool, Describe, Either, Execute, Executor};
use std::future::Future;
use tokio::time::{Instant, timeout_at};

/// The pool, each query under [`OPERATION_TIMEOUT`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bounded<'p>(pub(crate) &'p AnyPool);

/// The error a query past its deadline ends with.
fn timed_out() -> sqlx::Error {
    sqlx::Error::Io(std::io::Error::new(
        std::io::ErrorKind::TimedOut,
        "the database did not answer in time",
    ))
}

/// Runs `operation` until `deadline`, then gives up with [`timed_out`].
async fn until<T>(
    deadline: Instant,
    operation: impl Future<Output = Result<T, sqlx::Error>>,
) -> Result<T, sqlx::Error> {
    timeout_at(deadline, operation).await.unwrap_or_else(|_| Err(timed_out()))
}

fn deadline() -> Instant {
    Instant::now() + OPERATION_TIMEOUT
}

impl<'p> Executor<'p> for Bounded<'_> {
    type Database = Any;

    fn fetch_many<'e, 'q: 'e, E>(self, query: E) -> BoxStream<'e, Result<Either<AnyQueryResult, AnyRow>, sqlx::Error>>
    where
        'p: 'e,
        E: 'q + Execute<'q, Any>,
    {
        let deadline = deadline();
        let rows = self.0.fetch_many(query);
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
        'p: 'e,
        E: 'q + Execute<'q, Any>,
    {
        Box::pin(until(deadline(), self.0.fetch_optional(query)))
    }

    fn prepare_with<'e, 'q: 'e>(
        self,
        sql: &'q str,
        parameters: &'e [AnyTypeInfo],
    ) -> BoxFuture<'e, Result<AnyStatement<'q>, sqlx::Error>>
    where
        'p: 'e,
    {
        Box::pin(until(deadline(), self.0.prepare_with(sql, parameters)))
    }

    fn describe<'e, 'q: 'e>(self, sql: &'q str) -> BoxFuture<'e, Result<Describe<Any>, sqlx::Error>>
    where
        'p: 'e,
    {
        Box::pin(until(deadline(), self.0.describe(sql)))
    }
}

impl crate::Store {
    /// The pool, each query under [`OPERATION_TIMEOUT`]: what every store
    /// query on a reader's request runs against.
    pub(crate) fn bounded(&self) -> Bounded<'_> {
        Bounded(&self.pool)
    }

    /// A transaction, its connection acquired within [`OPERATION_TIMEOUT`].
    pub(crate) async fn begin(&self) -> Result<sqlx::Transaction<'static, Any>, sqlx::Error> {
        until(deadline(), self.pool.begin()).await
    }
}
