//! Prometheus metrics (issue 13, item 1): with `--metrics-addr` a listener
//! of its own serves `/metrics` with the request series labelled by route
//! template (never the raw path) and the database, session, search,
//! webhook, login and sign-up series; the public port never serves it.

mod support;

use std::path::Path;
use support::{Backend, Reader, Server, client, send_webhook, temp_dir, unix_now};

const PASSWORD: &str = "lantern-orchard-velvet-9";

/// A server with metrics on a free port, its logs under a temp dir; and
/// where its metrics are served.
fn with_metrics(backend: Backend) -> (Server, String) {
    let logs = temp_dir("metrics-logs");
    let database_url = (backend == Backend::Postgres).then(support::fresh_postgres);
    let server = Server::launch_logged(
        temp_dir("data"),
        database_url,
        &["--metrics-addr", "127.0.0.1:0"],
        &[],
        Some(&logs),
    );
    let metrics = metrics_url(&logs);
    (server, metrics)
}

/// The `metrics on URL` line the server prints after its first line.
fn metrics_url(logs: &Path) -> String {
    for _ in 0..200 {
        let printed = std::fs::read_to_string(logs.join("stdout.log")).unwrap_or_default();
        if let Some(url) = printed.lines().find_map(|line| line.strip_prefix("metrics on ")) {
            return url.to_owned();
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("the server never said where metrics are served");
}

fn scrape(url: &str) -> String {
    let response = client().get(url).send().expect("scrape");
    assert_eq!(response.status().as_u16(), 200, "GET {url}");
    let kind = response.headers()["content-type"].to_str().expect("ascii").to_owned();
    assert!(kind.starts_with("text/plain; version=0.0.4"), "{kind}");
    response.text().expect("body")
}

/// The value of the sample named `name` carrying every label in `labels`
/// (`key="value"`), or `None` if there is no such sample.
fn sample(text: &str, name: &str, labels: &[&str]) -> Option<f64> {
    text.lines().find_map(|line| {
        let (series, value) = line.rsplit_once(' ')?;
        let rest = series.strip_prefix(name)?;
        let matches = (rest.is_empty() || rest.starts_with('{')) && labels.iter().all(|label| rest.contains(label));
        matches.then(|| value.parse().ok()).flatten()
    })
}

fn at_least(text: &str, name: &str, labels: &[&str], least: f64) {
    let value = sample(text, name, labels).unwrap_or_else(|| panic!("no {name} {labels:?} in\n{text}"));
    assert!(value >= least, "{name} {labels:?} = {value}, expected at least {least}");
}

#[test]
fn metrics_have_route_templates_and_the_site_series_and_stay_off_the_public_port() {
    let (server, metrics) = with_metrics(Backend::Sqlite);
    let reader = Reader::new(&server);
    for _ in 0..2 {
        assert_eq!(reader.get("/questions/backpressure").status().as_u16(), 200);
    }
    assert_eq!(reader.get("/no/such/page-xyzzy").status().as_u16(), 404);
    // The public port has no metrics, however asked.
    for path in ["/metrics", "/metrics/", "/metrics?format=text"] {
        assert_eq!(reader.get(path).status().as_u16(), 404, "public {path}");
    }
    assert_eq!(reader.sign_up("gauge@example.com", PASSWORD).status().as_u16(), 303);
    for _ in 0..5 {
        assert_eq!(reader.get("/account").status().as_u16(), 200);
    }
    let stranger = Reader::new(&server);
    assert_eq!(
        stranger
            .log_in("gauge@example.com", "not-the-password-1")
            .status()
            .as_u16(),
        401
    );
    assert_eq!(stranger.get("/search?q=ownership").status().as_u16(), 200);
    let forged = send_webhook(&server, r#"{"id":"evt_1"}"#, "whsec_wrong", unix_now());
    assert_eq!(forged.status().as_u16(), 400);

    let text = scrape(&metrics);
    at_least(
        &text,
        "rustprep_http_requests_total",
        &[r#"route="/questions/{slug}""#, r#"status="200""#],
        2.0,
    );
    at_least(
        &text,
        "rustprep_http_requests_total",
        &[r#"route="unmatched""#, r#"status="404""#],
        2.0,
    );
    at_least(
        &text,
        "rustprep_http_requests_total",
        &[r#"route="/signup""#, r#"status="303""#],
        1.0,
    );
    at_least(
        &text,
        "rustprep_http_request_duration_seconds_count",
        &[r#"route="/questions/{slug}""#],
        2.0,
    );
    at_least(
        &text,
        "rustprep_http_request_duration_seconds_bucket",
        &[r#"route="/account""#, r#"le="+Inf""#],
        5.0,
    );
    assert!(!text.contains("backpressure"), "a raw path became a label:\n{text}");
    assert!(!text.contains("xyzzy"), "an unmatched path became a label:\n{text}");
    assert!(!text.contains("gauge@example.com"), "an email reached the metrics");
    at_least(&text, "rustprep_signups_total", &[], 1.0);
    at_least(&text, "rustprep_login_failures_total", &[], 1.0);
    at_least(&text, "rustprep_webhook_events_total", &[r#"outcome="refused""#], 1.0);
    at_least(&text, "rustprep_search_duration_seconds_count", &[], 1.0);
    at_least(&text, "rustprep_session_lookups_total", &[r#"kind="session""#], 5.0);
    at_least(&text, "rustprep_session_cache_hits_total", &[r#"kind="session""#], 1.0);
    at_least(
        &text,
        "rustprep_db_query_duration_seconds_count",
        &[r#"query="create_user""#],
        1.0,
    );
    at_least(
        &text,
        "rustprep_db_query_duration_seconds_count",
        &[r#"query="user_by_email""#],
        1.0,
    );
    at_least(&text, "rustprep_db_pool_connections", &[], 1.0);
    assert!(
        sample(&text, "rustprep_db_pool_idle_connections", &[]).is_some(),
        "{text}"
    );
    assert_eq!(sample(&text, "rustprep_password_hashes_in_flight", &[]), Some(0.0));
    // At least the scrape's own connection is open.
    at_least(&text, "rustprep_open_connections", &[], 1.0);
    assert!(text.contains("# HELP rustprep_http_requests_total "), "{text}");
    assert!(
        text.contains("# TYPE rustprep_http_request_duration_seconds histogram"),
        "{text}"
    );
    // The scrape listener serves nothing else.
    let other = metrics.replace("/metrics", "/questions/backpressure");
    assert_eq!(client().get(&other).send().expect("GET").status().as_u16(), 404);
}

#[test]
fn login_limits_hit_are_counted() {
    let (server, metrics) = with_metrics(Backend::Sqlite);
    let reader = Reader::new(&server);
    assert_eq!(reader.sign_up("limit@example.com", PASSWORD).status().as_u16(), 303);
    let stranger = Reader::new(&server);
    let mut limited = 0;
    for _ in 0..7 {
        if stranger
            .log_in("limit@example.com", "wrong-password-42")
            .status()
            .as_u16()
            == 429
        {
            limited += 1;
        }
    }
    assert!(limited >= 1, "the per-account limit answered 429");
    let text = scrape(&metrics);
    at_least(
        &text,
        "rustprep_rate_limited_total",
        &[r#"limit="login""#],
        f64::from(limited),
    );
    at_least(
        &text,
        "rustprep_http_requests_total",
        &[r#"route="/login""#, r#"status="429""#],
        1.0,
    );
}

#[test]
fn postgres_metrics_show_the_pool_and_the_session_queries() {
    let (server, metrics) = with_metrics(Backend::Postgres);
    let reader = Reader::new(&server);
    assert_eq!(reader.sign_up("pool@example.com", PASSWORD).status().as_u16(), 303);
    assert_eq!(reader.get("/account").status().as_u16(), 200);
    let text = scrape(&metrics);
    at_least(&text, "rustprep_db_pool_connections", &[], 1.0);
    at_least(
        &text,
        "rustprep_db_query_duration_seconds_count",
        &[r#"query="create_session""#],
        1.0,
    );
    at_least(&text, "rustprep_session_lookups_total", &[r#"kind="session""#], 1.0);
}

#[test]
fn without_metrics_addr_nothing_serves_metrics() {
    let server = Server::start(Backend::Sqlite, &[]);
    assert_eq!(Reader::new(&server).get("/metrics").status().as_u16(), 404);
}
