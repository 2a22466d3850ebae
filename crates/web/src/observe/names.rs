//! Every metric the web crate records, in one place (the store's are in
//! `store::telemetry`). Names follow Prometheus' conventions: `_total` for
//! counters, the unit last. Label values are fixed words or route templates,
//! never anything a reader typed.

/// Counter, by `route` (the matched route template, or `unmatched`) and
/// `status`: every answer the public listener gave.
pub const HTTP_REQUESTS: &str = "rustprep_http_requests_total";
/// Histogram, seconds, by `route`: from the request reaching the router to
/// the response head being ready.
pub const HTTP_REQUEST_DURATION: &str = "rustprep_http_request_duration_seconds";
/// Gauge: client connections open (the public listener's, and a scrape's
/// own while it lasts).
pub const OPEN_CONNECTIONS: &str = "rustprep_open_connections";
/// Histogram, seconds: one search over the index (the page's or the API's),
/// snippets included.
pub const SEARCH_DURATION: &str = "rustprep_search_duration_seconds";
/// Counter, by `outcome` (`updated`, `duplicate`, `ignored`, `refused`,
/// `failed`): Stripe webhook deliveries.
pub const WEBHOOK_EVENTS: &str = "rustprep_webhook_events_total";
/// Counter: logins refused for a wrong email or password.
pub const LOGIN_FAILURES: &str = "rustprep_login_failures_total";
/// Counter, by `limit` (`login`, `signup`): attempts refused by a rate limit.
pub const RATE_LIMITED: &str = "rustprep_rate_limited_total";

/// Histogram buckets for every `_seconds` series: 0.5 ms to 10 s, dense where
/// the site answers (a cached page is well under a millisecond, a password
/// hash tens of milliseconds).
pub const SECONDS_BUCKETS: [f64; 14] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// Every series above with its help text (the store's are added by the
/// exporter from `store::telemetry::DESCRIPTIONS`).
pub const DESCRIPTIONS: [(&str, &str); 7] = [
    (HTTP_REQUESTS, "HTTP answers, by route template and status."),
    (
        HTTP_REQUEST_DURATION,
        "Time to answer an HTTP request, by route template.",
    ),
    (OPEN_CONNECTIONS, "Client connections open."),
    (SEARCH_DURATION, "Duration of one search over the index."),
    (WEBHOOK_EVENTS, "Stripe webhook deliveries, by outcome."),
    (LOGIN_FAILURES, "Logins refused for a wrong email or password."),
    (
        RATE_LIMITED,
        "Login or sign-up attempts refused by a rate limit, by limit.",
    ),
];
