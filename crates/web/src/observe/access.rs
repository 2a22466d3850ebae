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
//! One layer rather than tower-http's `SetRequestId` and
//! `PropagateRequestId` layers plus a third for the trust check: all three
//! need the same id, and the trust check needs the app's proxy list.

use crate::app::SharedApp;
use crate::observe::exporter;
use crate::observe::names::{HTTP_REQUEST_DURATION, HTTP_REQUESTS};
use crate::server::PeerAddr;
use axum::body::HttpBody;
use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::response::Response;
use std::convert::Infallible;
use std::future::Future;
use std::hash::{BuildHasher, RandomState};
use std::io::Write;
use std::pin::Pin;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tower::{Layer, Service};

/// The header the request id travels in, both ways.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The longest request id believed from a proxy.
const MAX_FORWARDED_ID: usize = 128;

/// The route label of a request no route matched (never its raw path).
const UNMATCHED: &str = "unmatched";

/// Observes every route of the router it is applied to (`Router::layer`,
/// where the matched route template is known).
///
/// A hand-written service rather than `middleware::from_fn`: this runs on
/// every request, and `from_fn` clones and boxes the whole inner stack each
/// time. Measured on the anonymous question page (server CPU per request,
/// interleaved wrk runs): the layer as `from_fn` cost 7% over no layer, this
/// one about 3%.
#[derive(Clone)]
pub struct ObserveLayer {
    app: SharedApp,
}

impl ObserveLayer {
    pub fn new(app: SharedApp) -> ObserveLayer {
        ObserveLayer { app }
    }
}

impl<S> Layer<S> for ObserveLayer {
    type Service = Observe<S>;

    fn layer(&self, inner: S) -> Observe<S> {
        Observe {
            inner,
            app: self.app.clone(),
        }
    }
}

/// The service [`ObserveLayer`] wraps a route in.
#[derive(Clone)]
pub struct Observe<S> {
    inner: S,
    app: SharedApp,
}

impl<S> Service<Request> for Observe<S>
where
    S: Service<Request, Response = Response, Error = Infallible>,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, context: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(context)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let started = Instant::now();
        let trusted = request
            .extensions()
            .get::<PeerAddr>()
            .is_some_and(|PeerAddr(peer)| self.app.config.trusted_proxies.trusts(*peer));
        let id = RequestId::of(trusted, request.headers().get(REQUEST_ID));
        let route = request.extensions().get::<MatchedPath>().cloned();
        let method = request.method().clone();
        let answer = self.inner.call(request);
        Box::pin(async move {
            let Ok(mut response) = answer.await;
            let elapsed = started.elapsed();
            let route = route.as_ref().map_or(UNMATCHED, MatchedPath::as_str);
            let status = response.status();
            if exporter::enabled() {
                record(route, status, elapsed);
            }
            let bytes = response.body().size_hint().exact();
            access_line(&method, route, status, elapsed, bytes, id.as_str());
            response.headers_mut().insert(REQUEST_ID, id.into_header());
            Ok(response)
        })
    }
}

/// A request's id: the trusted proxy's, or one of ours, kept on the stack
/// until the response needs it as a header.
#[derive(Debug)]
enum RequestId {
    Given(HeaderValue),
    Fresh { text: [u8; FRESH_LEN], len: usize },
}

/// 8 hex digits, a dash, at most 16 hex digits.
const FRESH_LEN: usize = 25;

impl RequestId {
    /// The proxy's id if we believe the peer and the id is plain, else a fresh one.
    fn of(trusted: bool, given: Option<&HeaderValue>) -> RequestId {
        match given {
            Some(given) if trusted && plain(given.as_bytes()) => RequestId::Given(given.clone()),
            _ => RequestId::fresh(),
        }
    }

    /// `prefix-counter` in hex: the prefix is random per process (std's
    /// `RandomState` is seeded from the OS), so ids from two instances differ.
    fn fresh() -> RequestId {
        static PREFIX: LazyLock<u32> = LazyLock::new(|| RandomState::new().hash_one(std::process::id()) as u32);
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let mut text = [0u8; FRESH_LEN];
        let mut unwritten = &mut text[..];
        // Into a buffer on the stack (`io::Write` for `&mut [u8]`): no
        // allocation per request. It always fits, see FRESH_LEN.
        let _ = write!(unwritten, "{:08x}-{:x}", *PREFIX, NEXT.fetch_add(1, Ordering::Relaxed));
        let len = FRESH_LEN - unwritten.len();
        RequestId::Fresh { text, len }
    }

    fn as_str(&self) -> &str {
        match self {
            RequestId::Given(value) => value.to_str().unwrap_or_default(),
            RequestId::Fresh { text, len } => std::str::from_utf8(&text[..*len]).unwrap_or_default(),
        }
    }

    fn into_header(self) -> HeaderValue {
        match self {
            RequestId::Given(value) => value,
            RequestId::Fresh { text, len } => {
                HeaderValue::from_bytes(&text[..len]).unwrap_or(HeaderValue::from_static("0"))
            }
        }
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
    request_id: &str,
) {
    tracing::info!(
        target: "access",
        method = method.as_str(),
        route,
        status = status.as_u16(),
        // Whole microseconds: a float of the exact nanoseconds prints as 0.12856099999999998.
        duration_ms = elapsed.as_micros() as f64 / 1000.0,
        bytes,
        request_id,
        "request"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(trusted: bool, given: &'static str) -> String {
        RequestId::of(trusted, Some(&HeaderValue::from_static(given)))
            .as_str()
            .to_owned()
    }

    #[test]
    fn a_proxy_id_is_kept_only_when_trusted_and_plain() {
        assert_eq!(id(true, "lb-42.a:b_c"), "lb-42.a:b_c");
        assert_ne!(id(false, "lb-42.a:b_c"), "lb-42.a:b_c");
        assert_ne!(id(true, "two words"), "two words");
        let long: &'static str = "a".repeat(MAX_FORWARDED_ID + 1).leak();
        assert_ne!(id(true, long), long);
    }

    #[test]
    fn fresh_ids_differ_are_plain_and_match_their_header() {
        let (first, second) = (RequestId::fresh(), RequestId::fresh());
        assert_ne!(first.as_str(), second.as_str());
        assert!(plain(first.as_str().as_bytes()), "{first:?}");
        let (prefix, count) = first.as_str().split_once('-').expect("prefix-count");
        assert_eq!(prefix.len(), 8);
        assert!(u64::from_str_radix(count, 16).is_ok(), "{count}");
        let text = first.as_str().to_owned();
        assert_eq!(first.into_header(), text.as_str());
    }
}
