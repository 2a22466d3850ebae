//! One access line and one request id per request, and the request series.
//!
//! The line (target `access`, level info) carries the method, the matched
//! route *template* (`/questions/{slug}`, or `unmatched`), the status, the
//! duration, the body size when known and the request id: never the raw
//! path or query, a header or a cookie, so no email, token or search text of
//! a reader reaches the logs.
//!
//! The request id is sent back as `x-request-id`. It is taken from the
//! request only when the peer is a trusted proxy (`--trusted-proxy`) and the
//! id is short and plain; anyone else could write anything there.
//! Otherwise it is a fresh one: a per-process random prefix and a counter,
//! cheaper than a UUID and as unique within a fleet.
//!
//! One middleware rather than tower-http's `SetRequestId` and
//! `PropagateRequestId` layers plus a third for the trust check: all three
//! need the same id, and the trust check needs the app's proxy list.

use crate::app::SharedApp;
use crate::observe::exporter;
use crate::observe::names::{HTTP_REQUEST_DURATION, HTTP_REQUESTS};
use crate::server::PeerAddr;
use axum::body::HttpBody;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::hash::{BuildHasher, RandomState};
use std::io::Write;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The header the request id travels in, both ways.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The longest request id believed from a proxy.
const MAX_FORWARDED_ID: usize = 128;

/// The route label of a request no route matched (never its raw path).
const UNMATCHED: &str = "unmatched";

/// Gives the request its id, answers it, then records the access line and
/// the request series.
pub async fn observe(State(app): State<SharedApp>, mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let peer = request.extensions().get::<PeerAddr>().map(|PeerAddr(address)| *address);
    let trusted = peer.is_some_and(|address| app.config.trusted_proxies.trusts(address));
    let id = request_id(trusted, request.headers());
    request.headers_mut().insert(REQUEST_ID, id.clone());
    let route = request.extensions().get::<MatchedPath>().cloned();
    let method = request.method().clone();
    let mut response = next.run(request).await;
    let elapsed = started.elapsed();
    let route = route.as_ref().map_or(UNMATCHED, MatchedPath::as_str);
    let status = response.status();
    if exporter::enabled() {
        record(route, status, elapsed);
    }
    access_line(
        &method,
        route,
        status,
        elapsed,
        response.body().size_hint().exact(),
        &id,
    );
    response.headers_mut().insert(REQUEST_ID, id);
    response
}

/// The proxy's id if we believe it and it is plain, else a fresh one.
fn request_id(trusted: bool, headers: &HeaderMap) -> HeaderValue {
    match headers.get(REQUEST_ID) {
        Some(given) if trusted && plain(given.as_bytes()) => given.clone(),
        _ => fresh_id(),
    }
}

/// Short, and only characters that need no escaping in any log format.
fn plain(id: &[u8]) -> bool {
    !id.is_empty()
        && id.len() <= MAX_FORWARDED_ID
        && id
            .iter()
            .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b':'))
}

/// `prefix-counter` in hex: the prefix is random per process (std's
/// `RandomState` is seeded from the OS), so ids from two instances differ.
fn fresh_id() -> HeaderValue {
    static PREFIX: LazyLock<u32> = LazyLock::new(|| RandomState::new().hash_one(std::process::id()) as u32);
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let count = NEXT.fetch_add(1, Ordering::Relaxed);
    // 8 hex digits, a dash, at most 16 hex digits.
    const LONGEST: usize = 25;
    let mut buffer = [0u8; LONGEST];
    let mut unwritten = &mut buffer[..];
    let _ = write!(unwritten, "{:08x}-{count:x}", *PREFIX);
    let written = LONGEST - unwritten.len();
    HeaderValue::from_bytes(&buffer[..written]).unwrap_or(HeaderValue::from_static("0"))
}

fn record(route: &str, status: StatusCode, elapsed: Duration) {
    let route = route.to_owned();
    metrics::counter!(HTTP_REQUESTS, "route" => route.clone(), "status" => status.as_str().to_owned()).increment(1);
    metrics::histogram!(HTTP_REQUEST_DURATION, "route" => route).record(elapsed.as_secs_f64());
}

/// The access line; its fields are only formatted when `access` logs at info.
fn access_line(
    method: &Method,
    route: &str,
    status: StatusCode,
    elapsed: Duration,
    bytes: Option<u64>,
    id: &HeaderValue,
) {
    tracing::info!(
        target: "access",
        method = method.as_str(),
        route,
        status = status.as_u16(),
        // Whole microseconds: a float of the exact nanoseconds prints as 0.12856099999999998.
        duration_ms = elapsed.as_micros() as f64 / 1000.0,
        bytes,
        request_id = id.to_str().unwrap_or_default(),
        "request"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proxy_id_is_kept_only_when_trusted_and_plain() {
        let mut headers = HeaderMap::new();
        headers.insert(REQUEST_ID, HeaderValue::from_static("lb-42.a:b_c"));
        assert_eq!(request_id(true, &headers), "lb-42.a:b_c");
        assert_ne!(request_id(false, &headers), "lb-42.a:b_c");
        headers.insert(REQUEST_ID, HeaderValue::from_static("two words"));
        assert_ne!(request_id(true, &headers), "two words");
        let long = "a".repeat(MAX_FORWARDED_ID + 1);
        headers.insert(REQUEST_ID, HeaderValue::from_str(&long).expect("ascii"));
        assert_ne!(request_id(true, &headers).as_bytes(), long.as_bytes());
    }

    #[test]
    fn fresh_ids_differ_and_are_plain() {
        let (first, second) = (fresh_id(), fresh_id());
        assert_ne!(first, second);
        assert!(plain(first.as_bytes()), "{first:?}");
    }
}
