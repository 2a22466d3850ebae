//! Access logs and request ids (issue 13, item 2): one access line per
//! request, as JSON with `--log-format json`; an `x-request-id` on every
//! answer, taken from the request only when a trusted proxy sent it; and a
//! whole reader journey leaves no email, password, token, session cookie or
//! search text in what the server printed.

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use support::{Backend, Reader, Server, client, temp_dir};

const PASSWORD: &str = "copper-meadow-quartz-7";

/// A server at `RUST_LOG=info` (an operator's default) whose output is kept.
fn logged(backend: Backend, args: &[&str]) -> (Server, PathBuf) {
    let logs = temp_dir("access-logs");
    let database_url = (backend == Backend::Postgres).then(support::fresh_postgres);
    let server = Server::launch_logged(
        temp_dir("data"),
        database_url,
        args,
        &[("RUST_LOG", "info")],
        Some(&logs),
    );
    (server, logs)
}

/// Everything the server printed, once it has exited (so it is all written).
fn printed(server: Server, logs: &Path) -> (String, String) {
    server.kill();
    let read = |name| std::fs::read_to_string(logs.join(name)).unwrap_or_default();
    (read("stderr.log"), read("stdout.log"))
}

/// The JSON access lines of a log.
fn access_lines(stderr: &str) -> Vec<Value> {
    stderr
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap_or_else(|_| panic!("not one JSON object: {line:?}")))
        .filter(|line| line["target"] == "access")
        .collect()
}

fn request_id(response: &reqwest::blocking::Response) -> String {
    response.headers()["x-request-id"]
        .to_str()
        .expect("ascii id")
        .to_owned()
}

#[test]
fn json_logs_have_one_object_per_access_line_with_its_fields() {
    let (server, logs) = logged(Backend::Sqlite, &["--log-format", "json"]);
    let page = client()
        .get(server.url("/questions/backpressure"))
        .header("x-request-id", "forged-by-a-client")
        .send()
        .expect("GET");
    assert_eq!(page.status().as_u16(), 200);
    let page_id = request_id(&page);
    assert_ne!(
        page_id, "forged-by-a-client",
        "an untrusted peer does not name the request"
    );
    let page_bytes = page.bytes().expect("body").len() as u64;
    let missing = client().get(server.url("/no/such/page-qwerty")).send().expect("GET");
    assert_eq!(missing.status().as_u16(), 404);
    let missing_id = request_id(&missing);
    assert_ne!(page_id, missing_id, "every request has its own id");

    let (stderr, _) = printed(server, &logs);
    let lines = access_lines(&stderr);
    let line = |id: &str| {
        lines
            .iter()
            .find(|line| line["request_id"] == id)
            .unwrap_or_else(|| panic!("no access line for {id} in\n{stderr}"))
            .clone()
    };
    let page = line(&page_id);
    assert_eq!(page["method"], "GET");
    assert_eq!(page["route"], "/questions/{slug}");
    assert_eq!(page["status"], 200);
    assert!(page["duration_ms"].as_f64().is_some_and(|ms| ms >= 0.0), "{page}");
    assert_eq!(page["bytes"].as_u64(), Some(page_bytes), "{page}");
    assert_eq!(page["level"], "INFO");
    assert!(page["timestamp"].is_string(), "{page}");
    let missing = line(&missing_id);
    assert_eq!(missing["route"], "unmatched");
    assert_eq!(missing["status"], 404);
    assert!(
        !stderr.contains("qwerty"),
        "the raw path of an unmatched request was logged"
    );
    assert_eq!(
        lines
            .iter()
            .filter(|line| line["request_id"] == page_id.as_str())
            .count(),
        1,
        "one access line per request"
    );
}

#[test]
fn a_trusted_proxy_names_the_request_and_nobody_else_does() {
    let (server, logs) = logged(
        Backend::Sqlite,
        &["--log-format", "json", "--trusted-proxy", "127.0.0.1"],
    );
    let ask = |id: &str| {
        client()
            .get(server.url("/healthz"))
            .header("x-request-id", id)
            .send()
            .expect("GET")
    };
    assert_eq!(request_id(&ask("lb-7f3a:0042")), "lb-7f3a:0042");
    // A proxy's id that could break a log line or fill it is replaced.
    let odd = "two words; and \"quotes\"";
    assert_ne!(request_id(&ask(odd)), odd);
    let long = "a".repeat(200);
    assert_ne!(request_id(&ask(&long)), long);
    let (stderr, _) = printed(server, &logs);
    assert!(
        access_lines(&stderr)
            .iter()
            .any(|line| line["request_id"] == "lb-7f3a:0042"),
        "{stderr}"
    );
}

/// The value of the session cookie a response sets.
fn session_cookie(response: &reqwest::blocking::Response) -> String {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|cookie| cookie.strip_prefix("rp_session="))
        .and_then(|rest| rest.split(';').next())
        .filter(|value| !value.is_empty())
        .expect("a session cookie")
        .to_owned()
}

/// Signs up, logs out and in again, reads a premium page, makes an API token and
/// uses it, searches, logs out; returns every secret the journey used.
fn journey(server: &Server) -> Vec<String> {
    let email = "journey.secret@example.com";
    let reader = Reader::new(server);
    let signed_up = reader.sign_up(email, PASSWORD);
    assert_eq!(signed_up.status().as_u16(), 303);
    let first_session = session_cookie(&signed_up);
    let locked = reader.text("/questions/backpressure");
    assert!(locked.contains("The full answer is for subscribers"), "a premium page");
    assert_eq!(reader.log_out().status().as_u16(), 303);
    server.users(&["grant", email, "--days", "30"]);
    let logged_in = reader.log_in(email, PASSWORD);
    assert_eq!(logged_in.status().as_u16(), 303);
    let session = session_cookie(&logged_in);
    let premium = reader.text("/questions/backpressure");
    assert!(
        !premium.contains("The full answer is for subscribers"),
        "the granted reader reads the whole answer"
    );
    let csrf = reader.csrf("/account");
    let token = reader.api_token();
    let api = client()
        .get(server.url("/api/v1/questions/backpressure"))
        .bearer_auth(&token)
        .send()
        .expect("GET");
    assert_eq!(api.status().as_u16(), 200);
    let query = "zanzibarquokka ownership";
    assert_eq!(
        reader
            .get(&format!("/search?q={}", query.replace(' ', "+")))
            .status()
            .as_u16(),
        200
    );
    let api_query = "quetzalmarmot lifetimes";
    let searched = client()
        .get(server.url(&format!("/api/v1/search?q={}", api_query.replace(' ', "+"))))
        .bearer_auth(&token)
        .send()
        .expect("GET");
    assert_eq!(searched.status().as_u16(), 200);
    assert_eq!(reader.log_out().status().as_u16(), 303);
    vec![
        email.to_owned(),
        "journey.secret".to_owned(),
        PASSWORD.to_owned(),
        first_session,
        session,
        csrf,
        token,
        "zanzibarquokka".to_owned(),
        "quetzalmarmot".to_owned(),
    ]
}

fn journey_leaves_no_secret(backend: Backend, args: &[&str]) {
    let (server, logs) = logged(backend, args);
    let secrets = journey(&server);
    let (stderr, stdout) = printed(server, &logs);
    for route in [
        "/signup",
        "/login",
        "/questions/{slug}",
        "/account/tokens",
        "/search",
        "/logout",
    ] {
        assert!(
            stderr.contains(route),
            "no access line for {route}: the logs were not checked\n{stderr}"
        );
    }
    for secret in &secrets {
        assert!(!stderr.contains(secret.as_str()), "{secret:?} is in the log:\n{stderr}");
        assert!(
            !stdout.contains(secret.as_str()),
            "{secret:?} is on standard output:\n{stdout}"
        );
    }
}

#[test]
fn a_reader_journey_leaves_no_secret_in_pretty_logs() {
    journey_leaves_no_secret(Backend::Sqlite, &[]);
}

#[test]
fn a_reader_journey_leaves_no_secret_in_json_logs_on_postgres() {
    journey_leaves_no_secret(Backend::Postgres, &["--log-format", "json"]);
}
