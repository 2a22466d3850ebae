//! Serving connections with hyper directly, because `axum::serve` sets no
//! timeouts at all. Every connection here:
//! - must deliver a request head within `HEADER_READ_TIMEOUT` (HTTP/1);
//! - is dropped after `idle_timeout` with no byte moving either way,
//!   including one that never sent a byte and a quiet HTTP/2 connection
//!   (`idle_io`);
//! - must deliver a request body within `body_timeout` in total, however
//!   steadily it trickles (`tower_http::timeout::RequestBodyDeadlineLayer`);
//! - counts against a cap kept below the open-file limit (`connections`).
//!
//! Also who is at the other end: the TCP peer (`PeerAddr`), and the proxies
//! whose forwarding headers name the client (`forwarded`).

pub mod connections;
pub mod forwarded;
mod idle_io;

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use connections::Registry;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use idle_io::IdleTimeout;
use std::convert::Infallible;
use std::future::Future;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tower::ServiceExt;
use tower_http::timeout::RequestBodyDeadlineLayer;

/// How long a client may take to send a request's headers.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How the server bounds connections.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// A connection with no byte moving either way for this long is closed.
    /// Longer than any request takes to answer (the database is given
    /// 1.5 s for a connection and 1.5 s per query, Stripe 15 s).
    pub idle_timeout: Duration,
    /// A request body must arrive within this long, in total.
    pub body_timeout: Duration,
    /// At most this many open connections; in any case fewer than the
    /// open-file limit allows.
    pub max_connections: Option<usize>,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            idle_timeout: Duration::from_secs(20),
            body_timeout: Duration::from_secs(20),
            max_connections: None,
        }
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then lets open
/// requests finish (for at most 10 seconds).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    // No HTTP/2 keep-alive pings: a quiet client that answers them would
    // keep its connection forever; the idle deadline closes it instead.
    builder.http2().timer(TokioTimer::new()).max_concurrent_streams(64);
    let app = tower::ServiceBuilder::new()
        .layer(RequestBodyDeadlineLayer::new(limits.body_timeout))
        .service(app);
    let registry = Arc::new(Registry::default());
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(connection) => connection,
                Err(error) => {
                    // Out of file descriptors (the limit was lowered under us):
                    // make room by closing an idle connection, or wait.
                    if !registry.evict_idle() {
                        tracing::warn!(%error, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some(lease) = registry.admit(connections::cap(limits.max_connections)) else {
            refuse(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let peer = PeerAddr(peer.ip());
        let tracked = Arc::clone(&lease.connection);
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: axum::http::Request<hyper::body::Incoming>| {
            request.extensions_mut().insert(peer);
            let busy = tracked.request();
            let app = app.clone();
            async move {
                let response = app.oneshot(request).await;
                drop(busy);
                response
            }
        });
        let io = IdleTimeout::new(stream, limits.idle_timeout, lease.connection.clone());
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(io), service)
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            tokio::select! {
                outcome = connection => if let Err(error) = outcome {
                    tracing::debug!(%error, "connection ended with an error");
                },
                () = lease.connection.evicted.notified() => tracing::debug!("idle connection closed to make room"),
            }
            drop(lease);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(Duration::from_secs(10)) => tracing::warn!("shutdown: gave up waiting for open requests"),
    }
    Ok(())
}

/// Every connection is busy and the cap is reached: say so, briefly, and
/// close. Never waits on the client.
fn refuse(stream: TcpStream) {
    const ANSWER: &[u8] =
        b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    let _ = stream.try_write(ANSWER);
    tracing::warn!("connection refused: every connection is busy");
}

/// The address of the client's end of the connection (the TCP peer; see
/// `ClientAddr` for the address behind a trusted proxy).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeerAddr(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for PeerAddr {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<PeerAddr, Infallible> {
        Ok(parts
            .extensions
            .get::<PeerAddr>()
            .copied()
            .unwrap_or(PeerAddr(IpAddr::V4(Ipv4Addr::UNSPECIFIED))))
    }
}
