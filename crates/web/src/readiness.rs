//! Liveness and readiness, for a load balancer or an orchestrator.
//!
//! - `/healthz` is liveness: "ok" while the process serves, whatever the
//!   database does (restarting us would not bring it back).
//! - `/readyz` is readiness: 200 only when the site is loaded (it is built
//!   before the server accepts its first connection, so serving implies it),
//!   the server is not shutting down, and the database answers a ping within
//!   [`store::PING_TIMEOUT`]; 503 otherwise, so the balancer sends readers
//!   to an instance that can sign them in.
//!
//! The ping's answer is kept for [`PING_REUSE`], and concurrent probes share
//! one ping, so a flood of probes costs the database at most four pings a
//! second.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use store::Store;
use tokio::sync::Mutex;

/// How long one ping's answer stands for every probe.
pub const PING_REUSE: Duration = Duration::from_millis(250);

/// Whether this instance should get traffic.
#[derive(Debug, Default)]
pub struct Readiness {
    /// Set once shutdown has begun; never cleared.
    draining: AtomicBool,
    /// The last ping: when it ended and whether the database answered.
    last_ping: Mutex<Option<(Instant, bool)>>,
}

impl Readiness {
    /// Shutdown has begun: from now on `/readyz` answers 503, while the
    /// server still finishes what it has (see `server::serve`).
    pub fn drain(&self) {
        self.draining.store(true, Ordering::Release);
    }

    pub fn is_draining(&self) -> bool {
        self.draining.load(Ordering::Acquire)
    }

    /// Whether the database answered the latest ping, pinging again if that
    /// answer is older than [`PING_REUSE`]. Probes arriving during a ping
    /// wait for it (at most [`store::PING_TIMEOUT`]) and take its answer.
    async fn database_answers(&self, store: &Store) -> bool {
        let mut last = self.last_ping.lock().await;
        if let Some((at, answered)) = *last
            && at.elapsed() < PING_REUSE
        {
            return answered;
        }
        let answered = store.ping().await;
        *last = Some((Instant::now(), answered));
        answered
    }

    /// The answer to `GET /readyz`: 200 "ready", or 503 with the reason.
    pub async fn answer(&self, store: &Store) -> Response {
        let (status, body) = if self.is_draining() {
            (StatusCode::SERVICE_UNAVAILABLE, "shutting down\n")
        } else if !self.database_answers(store).await {
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n")
        } else {
            (StatusCode::OK, "ready\n")
        };
        (
            status,
            [
                (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            body,
        )
            .into_response()
    }
}
