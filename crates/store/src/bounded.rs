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
//! Transactions (`Pool::begin`) are bounded only while they wait for their
//! connection; their statements run on the connection itself.

use crate::db::{Backend, OPERATION_TIMEOUT};
use futures_core::future::BoxFuture;
use futures_core::stream::BoxStream;
use futures_util::StreamExt;
use sqlx::any::{AnyQueryResult, AnyRow, AnyStatement, AnyTypeInfo};
use sqlx::{Any, AnyPool, Describe, Either, Execute, Executor};
use std::future::Future;
use std::time::Duration;
use tokio::time::{Instant, timeout_at};

/// The pool, each query under a deadline (`None`: no deadline).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bounded<'p> {
    pool: &'p AnyPool,
    limit: Option<Duration>,
}

impl Bounded<'_> {
    fn deadline(&self) -> Option<Instant> {
        self.limit.map(|limit| Instant::now() + limit)
    }
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

impl<'p> Executor<'p> for Bounded<'_> {
    type Database = Any;

    fn fetch_many<'e, 'q: 'e, E>(self, query: E) -> BoxStream<'e, Result<Either<AnyQueryResult, AnyRow>, sqlx::Error>>
    where
        'p: 'e,
        E: 'q + Execute<'q, Any>,
    {
        let rows = self.pool.fetch_many(query);
        let Some(deadline) = self.deadline() else { return rows };
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
        Box::pin(until(self.deadline(), self.pool.fetch_optional(query)))
    }

    fn prepare_with<'e, 'q: 'e>(
        self,
        sql: &'q str,
        parameters: &'e [AnyTypeInfo],
    ) -> BoxFuture<'e, Result<AnyStatement<'q>, sqlx::Error>>
    where
        'p: 'e,
    {
        Box::pin(until(self.deadline(), self.pool.prepare_with(sql, parameters)))
    }

    fn describe<'e, 'q: 'e>(self, sql: &'q str) -> BoxFuture<'e, Result<Describe<Any>, sqlx::Error>>
    where
        'p: 'e,
    {
        Box::pin(until(self.deadline(), self.pool.describe(sql)))
    }
}

impl crate::Store {
    /// The pool, each query under [`OPERATION_TIMEOUT`] on PostgreSQL:
    /// what every store query runs against.
    pub(crate) fn bounded(&self) -> Bounded<'_> {
        let networked = self.backend() == Backend::Postgres;
        Bounded {
            pool: &self.pool,
            limit: networked.then_some(OPERATION_TIMEOUT),
        }
    }

    /// A transaction, its `BEGIN` under the same deadline.
    pub(crate) async fn begin(&self) -> Result<sqlx::Transaction<'static, Any>, sqlx::Error> {
        until(self.bounded().deadline(), self.pool.begin()).await
    }
}
