//! Protections every response or every write gets: security headers, and a
//! same-origin rule for state-changing requests (the first CSRF defence;
//! forms also carry a token, checked by their handlers).

use crate::errors::PageError;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::response::{IntoResponse, Response};

/// Paths that accept cross-site writes because they authenticate the body
/// itself (Stripe signs its webhooks).
const SIGNED_ENDPOINTS: &[&str] = &["/billing/webhook"];

/// The refusal of a state-changing request that a browser marks as
/// cross-site, or whose `Origin` is not this host; None if it may go on.
pub fn cross_site_refusal(request: &Request) -> Option<Response> {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || SIGNED_ENDPOINTS.contains(&request.uri().path()) || is_same_origin(request.headers()) {
        return None;
    }
    Some(
        PageError::forbidden("This request came from another site, so it was refused. Submit the form from this site.")
            .into_response(),
    )
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

/// Security headers for every response; HSTS only behind HTTPS.
pub fn add_headers(https: bool, headers: &mut HeaderMap) {
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
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
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
