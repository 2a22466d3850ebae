//! The database going away (issue 13 items 3 and 4, review F7), on
//! PostgreSQL behind a relay the test breaks: refusing connections, or
//! frozen (nothing answers). In both, `/readyz` says 503 within two seconds,
//! anonymous reading goes on, a reader who brings a cookie or a token is told
//! "We can't check your account right now" (never the locked page, never
//! premium text), every login, sign-up and write answers 503 with
//! `Retry-After` within the bound, and it all recovers without a restart.
//! And a SIGTERM: readiness goes false first, then the listener closes, and
//! a request in flight still gets its answer before the process exits 0.

mod outage_support;
mod support;

use outage_support::{DbProxy, Mode};
use reqwest::blocking::Response;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};
use store::SESSION_CACHE_TTL;
use support::{Backend, Reader, Server, client, fresh_postgres, temp_dir};

const EMAIL: &str = "paying@example.com";
const PASSWORD: &str = "harbour-lantern-cobalt-31";
const PREMIUM_QUESTION: &str = "/questions/backpressure";
/// Only a reader with access gets this section.
const PREMIUM_MARKER: &str = "id=\"detailed_explanation\"";
/// What the locked page says to a reader without access.
const LOCKED_MARKER: &str = "Create an account or log in";
const NOTICE: &str = "check your account right now";
/// The promise is "within two seconds"; the margin is for a loaded machine.
const ANSWER_BOUND: Duration = Duration::from_millis(2500);

/// A server on a fresh database reached through the relay.
fn server_behind(proxy: &DbProxy) -> Server {
    Server::launch(temp_dir("outage"), Some(proxy.url_for(&fresh_postgres())), &[], &[])
}

fn status_of(server: &Server, path: &str) -> u16 {
    client()
        .get(server.url(path))
        .send()
        .unwrap_or_else(|error| panic!("GET {path}: {error}"))
        .status()
        .as_u16()
}

/// How long until `/readyz` answers `status`, polling; panics after `limit`.
fn readiness_becomes(server: &Server, status: u16, limit: Duration) -> Duration {
    let started = Instant::now();
    while started.elapsed() < limit {
        if status_of(server, "/readyz") == status {
            return started.elapsed();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("/readyz did not answer {status} within {limit:?}");
}

/// Sends a request, asserts it answered 503 with `Retry-After` within the
/// bound, and returns the body.
fn refused_in_time(what: &str, send: impl FnOnce() -> Response) -> String {
    let started = Instant::now();
    let response = send();
    let elapsed = started.elapsed();
    assert_eq!(response.status().as_u16(), 503, "{what}");
    assert!(response.headers().contains_key("retry-after"), "{what}: Retry-After");
    assert!(elapsed < ANSWER_BOUND, "{what} took {elapsed:?}");
    response.text().expect("body")
}

fn outage(mode: Mode) {
    let proxy = DbProxy::start();
    let server = server_behind(&proxy);
    let premium = Reader::new(&server);
    premium.sign_up(EMAIL, PASSWORD);
    server.users(&["grant", EMAIL, "--days", "30"]);
    let token = premium.api_token();
    assert!(
        premium.text(PREMIUM_QUESTION).contains(PREMIUM_MARKER),
        "premium before"
    );
    let premium_csrf = premium.csrf("/account");
    let visitor = Reader::new(&server);
    let visitor_csrf = visitor.csrf("/login");
    assert_eq!(status_of(&server, "/readyz"), 200, "ready before the outage");

    proxy.set(mode);
    let noticed = readiness_becomes(&server, 503, Duration::from_secs(3));
    assert!(noticed < Duration::from_secs(2), "/readyz noticed after {noticed:?}");
    assert_eq!(status_of(&server, "/healthz"), 200, "still alive");
    // Sessions read before the outage are honoured for at most this long.
    std::thread::sleep(SESSION_CACHE_TTL + Duration::from_millis(100));

    for path in [
        PREMIUM_QUESTION,
        "/search?q=borrow",
        "/feed.xml",
        "/export/questions.json",
    ] {
        assert_eq!(status_of(&server, path), 200, "anonymous {path} during the outage");
    }
    let page = refused_in_time("the premium reader's page, by cookie", || premium.get(PREMIUM_QUESTION));
    assert!(page.contains(NOTICE), "the notice is shown");
    assert!(!page.contains(PREMIUM_MARKER) && !page.contains(LOCKED_MARKER));
    let api = refused_in_time("the premium reader's API call, by token", || {
        premium.get_with_token("/api/v1/questions/backpressure", &token)
    });
    let api: serde_json::Value = serde_json::from_str(&api).expect("JSON error");
    assert!(
        api["error"].as_str().is_some_and(|error| error.contains(NOTICE)),
        "{api}"
    );

    refused_in_time("POST /login", || {
        visitor.post_form(
            "/login",
            &[("csrf", &visitor_csrf), ("email", EMAIL), ("password", PASSWORD)],
        )
    });
    refused_in_time("POST /signup", || {
        visitor.post_form(
            "/signup",
            &[
                ("csrf", &visitor_csrf),
                ("email", "new@example.com"),
                ("password", PASSWORD),
            ],
        )
    });
    let login = serde_json::json!({ "email": EMAIL, "password": PASSWORD });
    let api_login = refused_in_time("POST /api/v1/session", || {
        visitor.send_json("POST", "/api/v1/session", None, &login)
    });
    assert!(api_login.starts_with("{\"error\":"), "JSON for the API: {api_login}");
    refused_in_time("a practice form", || {
        premium.post_from_site("/practice/cards", &[("csrf", &premium_csrf), ("slug", "backpressure")])
    });
    let card = serde_json::json!({ "slug": "backpressure" });
    refused_in_time("a practice API write", || {
        premium.send_json("POST", "/api/v1/practice/cards", Some(&token), &card)
    });

    proxy.set(Mode::Forward);
    readiness_becomes(&server, 200, Duration::from_secs(10));
    assert!(premium.text(PREMIUM_QUESTION).contains(PREMIUM_MARKER), "premium again");
    let again = Reader::new(&server);
    assert_eq!(
        again.log_in(EMAIL, PASSWORD).status().as_u16(),
        303,
        "login works again"
    );
    let added = premium.send_json("POST", "/api/v1/practice/cards", Some(&token), &card);
    assert_eq!(added.status().as_u16(), 201, "writes work again");
}

#[test]
fn postgres_refusing_connections() {
    outage(Mode::Refuse);
}

#[test]
fn the_network_to_postgres_frozen() {
    outage(Mode::Freeze);
}

/// Whether a new connection to the server is accepted.
fn accepts_connections(server: &Server) -> bool {
    TcpStream::connect(server.authority()).is_ok()
}

#[test]
fn sigterm_turns_readiness_off_then_drains_in_flight_requests() {
    let server = Server::start(Backend::Sqlite, &["--shutdown-delay", "2"]);
    assert_eq!(status_of(&server, "/readyz"), 200, "ready once listening");
    // A slow request: its body arrives in two parts, the second after the
    // listener has closed.
    let body = format!(r#"{{"email":"nobody@example.com","password":"{PASSWORD}"}}"#);
    let (first, rest) = body.split_at(10);
    let mut slow = TcpStream::connect(server.authority()).expect("connect");
    write!(
        slow,
        "POST /api/v1/session HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{first}",
        server.authority(),
        body.len()
    )
    .expect("send the head");
    std::thread::sleep(Duration::from_millis(200));

    server.terminate();
    readiness_becomes(&server, 503, Duration::from_secs(2));
    let started = Instant::now();
    while accepts_connections(&server) {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the listener closes after the delay"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    slow.write_all(rest.as_bytes()).expect("send the rest of the body");
    slow.set_read_timeout(Some(Duration::from_secs(5))).expect("timeout");
    let mut answer = String::new();
    slow.read_to_string(&mut answer).expect("the answer, to its end");
    assert!(
        answer.starts_with("HTTP/1.1 401"),
        "the in-flight login is answered (unknown account): {answer}"
    );
    assert!(answer.contains("{\"error\":"), "with its whole body: {answer}");
    let status = server.exit_status(Duration::from_secs(10)).expect("the server exits");
    assert!(status.success(), "exit status {status}");
}
