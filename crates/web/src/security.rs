//! Protections every response or every write gets: security headers, and a
//! same-origin rule for state-changing requests (the first CSRF defence;
//! forms also carry a token, checked by their handlers).

use crate::app::SharedApp;
use crate::errors::PageError;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Paths that accept cross-site writes because they authenticate the body
/// itself (Stripe signs its webhooks).
const SIGNED_ENDPOINTS: &[&str] = &["/billing/webhook"];

/// Refuses state-changing requests that a browser marks as cross-site, or
/// whose `Origin` is not this host.
pub async fn same_origin_writes(request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || SIGNED_ENDPOINTS.contains(&request.uri().path()) || is_same_origin(request.headers()) {
        return next.run(request).await;
    }
    PageError::forbidden("This request came from another site, so it was refused. Submit the form from this site.")
        .into_response()
}

fn is_same_origin(headers: &HeaderMap) -> bool {
    let text = |name| headers.get(name).and_then(|value: &HeaderValue| value.to_str().ok());
    if text(header::HeaderName::from_static("sec-fetch-site"))
        .is_some_and(|site| site != "same-origin" && site != "none")
    {
        return false;
    }
    match (text(header::ORIGIN), text(header::HOST)) {
        (Some(origin), Some(host)) => origin.split_once("://").is_some_and(|(_, authority)| authority == host),
        (Some(_), None) => false,
        (None, _) => true,
    }
}

/// Security headers on every response; HSTS only behind HTTPS.
pub async fn headers(State(app): State<SharedApp>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; object-src 'none'; \
             base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if app.config.https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn judges_origins() {
        assert!(is_same_origin(&headers(&[
            ("host", "a.test"),
            ("origin", "https://a.test")
        ])));
        assert!(!is_same_origin(&headers(&[
            ("host", "a.test"),
            ("origin", "https://evil.test")
        ])));
        assert!(!is_same_origin(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(is_same_origin(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(is_same_origin(&headers(&[])), "non-browser clients send neither");
    }
}
