//! Connecting, configuring and migrating the database.

use crate::error::StoreError;
use crate::lock::{DATABASE_FILE, DataDirLock};
use crate::practice_cache::PracticeCache;
use crate::session_cache::SessionCache;
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// Which database is behind the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The user-data store. Cheap to clone (a pool handle).
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    backend: Backend,
    /// Sessions and tokens read in the last second (see `session_cache`).
    pub(crate) sessions: Arc<SessionCache>,
    /// Readers' queues read in the last second (see `practice_cache`).
    pub(crate) practice: Arc<PracticeCache>,
    /// The data directory's shared lock, held while any clone lives (see
    /// [`DataDirLock`]); `None` for a database named by URL.
    _lock: Option<Arc<DataDirLock>>,
}

/// How long a request waits for a database connection (a free one from the
/// pool, or a new one opened and checked). Short, because the reader is
/// waiting: with the database down or the network to it frozen, a login
/// answers 503 "try again" within two seconds instead of hanging (review F7).
/// Idle connections are pinged before use inside this bound, so a frozen
/// connection is found out here rather than by a query that never returns.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_millis(1500);

/// The most one PostgreSQL query may take, waiting for its connection
/// included (see `bounded.rs`): longer than any query of ours takes, short
/// enough that a reader is told to try again rather than left waiting.
pub const OPERATION_TIMEOUT: Duration = Duration::from_millis(1500);

/// How long a readiness probe waits for the database to answer.
pub const PING_TIMEOUT: Duration = Duration::from_secs(1);

pub(crate) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

impl Store {
    /// Opens the database `url` names and brings its schema up to date.
    /// SQLite runs in WAL mode with `synchronous=FULL`, so a write that was
    /// acknowledged survives a crash or power loss.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            let scheme = url.split(':').next().unwrap_or_default();
            return Err(StoreError::UnknownBackend(scheme.to_owned()));
        };
        let options = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 8 } else { 16 })
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .after_connect(move |connection, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        connection
                            .execute(
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                                 PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
                            )
                            .await?;
                    }
                    Ok(())
                })
            });
        let pool = options.connect(url).await?;
        MIGRATOR.run(&pool).await?;
        Ok(Store {
            pool,
            backend,
            sessions: Arc::default(),
            practice: Arc::default(),
            _lock: None,
        })
    }

    /// The default store: `rustprep.db` in the data directory, or the
    /// database `DATABASE_URL` names. The SQLite file is opened under the
    /// data directory's shared lock, so `rustprep restore` cannot replace it
    /// while this store lives.
    pub async fn open(data_dir: &Path, database_url: Option<&str>) -> Result<Store, StoreError> {
        match database_url {
            Some(url) => Store::connect(url).await,
            None => {
                let lock = DataDirLock::shared(data_dir)?;
                let file = data_dir.join(DATABASE_FILE);
                let store = Store::connect(&format!("sqlite://{}?mode=rwc", file.display())).await?;
                Ok(Store {
                    _lock: Some(Arc::new(lock)),
                    ..store
                })
            }
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A SQLite pragma's current value, as text (for checks and tests).
    pub async fn pragma(&self, name: &str) -> Result<String, StoreError> {
        let row = sqlx::query(&format!("PRAGMA {name}")).fetch_one(&self.pool).await?;
        let value: Result<String, _> = sqlx::Row::try_get(&row, 0);
        match value {
            Ok(text) => Ok(text),
            Err(_) => Ok(sqlx::Row::try_get::<i64, _>(&row, 0)?.to_string()),
        }
    }

    /// Records the pool's size and idle connections in the metrics (read
    /// when metrics are scraped, so the figures are current).
    pub fn record_pool_use(&self) {
        metrics::gauge!(crate::telemetry::DB_POOL_CONNECTIONS).set(self.pool.size());
        metrics::gauge!(crate::telemetry::DB_POOL_IDLE).set(u32::try_from(self.pool.num_idle()).unwrap_or(u32::MAX));
    }

    /// Whether the database answers within [`PING_TIMEOUT`] (for readiness
    /// probes): a connection refused, a pool exhausted or a network that
    /// swallows every packet all count as "no".
    pub async fn ping(&self) -> bool {
        let query = sqlx::query("SELECT 1").execute(&self.pool);
        matches!(tokio::time::timeout(PING_TIMEOUT, query).await, Ok(Ok(_)))
    }
}
