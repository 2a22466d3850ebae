//! The store's metric names, and the small helpers that record them. The
//! series are recorded through the `metrics` facade: without an exporter
//! installed (the default) every call is a no-op costing a few
//! nanoseconds, so the hot paths carry them unconditionally. The web
//! crate's `observe::names` lists the rest and installs the exporter.

use std::future::Future;
use std::time::Instant;

/// Histogram, seconds, by `query`: how long the store's hot queries take
/// (session and token look-ups, the login read, sign-up and session writes).
pub const DB_QUERY_DURATION: &str = "rustprep_db_query_duration_seconds";
/// Gauge: connections the database pool holds (idle or in use).
pub const DB_POOL_CONNECTIONS: &str = "rustprep_db_pool_connections";
/// Gauge: pool connections idle, ready for a query.
pub const DB_POOL_IDLE: &str = "rustprep_db_pool_idle_connections";
/// Counter, by `kind` (`session`, `api_token`): look-ups of a presented
/// cookie or bearer token.
pub const SESSION_LOOKUPS: &str = "rustprep_session_lookups_total";
/// Counter, by `kind`: look-ups answered from the session cache, without a
/// query (see `session_cache`).
pub const SESSION_CACHE_HITS: &str = "rustprep_session_cache_hits_total";
/// Counter: accounts created (sign-ups, whether or not activated yet).
pub const SIGNUPS: &str = "rustprep_signups_total";
/// Gauge: password hashes queued or running (bounded by the `Hasher`'s
/// workers plus its queue; at the bound, logins and sign-ups get a 503).
pub const PASSWORD_HASHES_IN_FLIGHT: &str = "rustprep_password_hashes_in_flight";

/// Every series above with its help text, for the exporter's `# HELP` lines.
pub const DESCRIPTIONS: [(&str, &str); 7] = [
    (
        DB_QUERY_DURATION,
        "Duration of the store's hot database queries, by query.",
    ),
    (DB_POOL_CONNECTIONS, "Connections held by the database pool."),
    (DB_POOL_IDLE, "Idle connections in the database pool."),
    (SESSION_LOOKUPS, "Look-ups of a session cookie or API token, by kind."),
    (
        SESSION_CACHE_HITS,
        "Session and token look-ups answered from the in-memory cache, by kind.",
    ),
    (SIGNUPS, "Accounts created."),
    (PASSWORD_HASHES_IN_FLIGHT, "Password hashes queued or running."),
];

/// Runs a query, recording how long it took under `query` (a fixed name,
/// so the label costs no allocation and never carries data).
pub(crate) async fn timed<T>(query: &'static str, run: impl Future<Output = T>) -> T {
    let started = Instant::now();
    let outcome = run.await;
    metrics::histogram!(DB_QUERY_DURATION, "query" => query).record(started.elapsed().as_secs_f64());
    outcome
}

/// Counts a session or token look-up, and whether the cache answered it.
pub(crate) fn session_lookup(kind: &'static str, cache_hit: bool) {
    metrics::counter!(SESSION_LOOKUPS, "kind" => kind).increment(1);
    if cache_hit {
        metrics::counter!(SESSION_CACHE_HITS, "kind" => kind).increment(1);
    }
}

/// A password hash queued or running, until dropped.
#[derive(Debug)]
pub(crate) struct HashInFlight(());

impl HashInFlight {
    pub(crate) fn start() -> HashInFlight {
        metrics::gauge!(PASSWORD_HASHES_IN_FLIGHT).increment(1.0);
        HashInFlight(())
    }
}

impl Drop for HashInFlight {
    fn drop(&mut self) {
        metrics::gauge!(PASSWORD_HASHES_IN_FLIGHT).decrement(1.0);
    }
}
