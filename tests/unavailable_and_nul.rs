//! Input PostgreSQL refuses, and a database that is down (review F12, F7):
//! a NUL byte in any field is a clear 400 on both databases, and with the
//! database unreachable, logins and sign-ups say "try again shortly" (503 with
//! Retry-After) instead of 500, and a signed-in reader is not silently shown
//! the locked page.

mod support;

use std::process::{Command, Stdio};
use support::{Backend, Reader, Server, WEBHOOK_SECRET, client, send_webhook, unix_now};

const PASSWORD: &str = "juniper-socket-violet-8";

/// F12.
fn nul_bytes_are_a_clear_400(backend: Backend) {
    let server = Server::start(backend, &[]);
    let api = client()
        .post(server.url("/api/v1/session"))
        .header("content-type", "application/json")
        .body(r#"{"email":"a\u0000b@x.io","password":"whatever whatever"}"#)
        .send()
        .expect("POST");
    assert_eq!(api.status().as_u16(), 400, "API login, NUL in the email");
    assert!(api.text().expect("body").contains("control character"));
    let visitor = Reader::new(&server);
    let form = visitor.log_in("a\0@b.c", "xxxxxxxxxxxx");
    assert_eq!(form.status().as_u16(), 400, "form login, NUL in the email");
    let reader = Reader::new(&server);
    reader.sign_up("nul@example.com", PASSWORD);
    let name = reader.submit("/account", "/account/tokens", &[("name", "a\0b")]);
    assert_eq!(name.status().as_u16(), 400, "token name");
    let revoke = reader.submit("/account", "/account/tokens/revoke", &[("id", "\0")]);
    assert_eq!(revoke.status().as_u16(), 400, "revoke id");
    let event = format!(
        r#"{{"id":"evt_\u0000","type":"checkout.session.completed","created":{},"data":{{"object":{{"customer":"cus_1"}}}}}}"#,
        unix_now()
    );
    let hook = send_webhook(&server, &event, WEBHOOK_SECRET, unix_now());
    assert_eq!(hook.status().as_u16(), 400, "signed webhook with a NUL in its id");
    assert_eq!(reader.get("/account").status().as_u16(), 200, "the server is fine");
}

#[test]
fn nul_bytes_on_sqlite() {
    nul_bytes_are_a_clear_400(Backend::Sqlite);
}

#[test]
fn nul_bytes_on_postgres() {
    nul_bytes_are_a_clear_400(Backend::Postgres);
}

fn psql(command: &str) {
    let status = Command::new("psql")
        .args(["-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-q", "-c", command])
        .stdout(Stdio::null())
        .status()
        .expect("psql");
    assert!(status.success(), "{command}");
}

/// Lets connections in again when the test ends, even if it fails.
struct Outage(String);

impl Outage {
    fn start(database: &str) -> Outage {
        psql(&format!("ALTER DATABASE {database} ALLOW_CONNECTIONS false"));
        psql(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'"
        ));
        Outage(database.to_owned())
    }
}

impl Drop for Outage {
    fn drop(&mut self) {
        psql(&format!("ALTER DATABASE {} ALLOW_CONNECTIONS true", self.0));
    }
}

/// F7 (the cheap part).
#[test]
fn with_the_database_down_logins_are_told_to_retry() {
    let server = Server::start(Backend::Postgres, &[]);
    let database = server
        .database_url
        .as_deref()
        .and_then(|url| url.rsplit('/').next())
        .expect("database name")
        .to_owned();
    let premium = Reader::new(&server);
    premium.sign_up("paying@example.com", PASSWORD);
    server.users(&["grant", "paying@example.com", "--days", "30"]);
    let visitor = Reader::new(&server);
    let token = visitor.csrf("/login");
    let outage = Outage::start(&database);

    let retry = |response: reqwest::blocking::Response, what: &str| {
        assert_eq!(response.status().as_u16(), 503, "{what}");
        assert!(response.headers().contains_key("retry-after"), "{what}: Retry-After");
    };
    retry(
        visitor.post_form(
            "/login",
            &[
                ("csrf", &token),
                ("email", "paying@example.com"),
                ("password", PASSWORD),
            ],
        ),
        "form login",
    );
    retry(
        visitor.post_form(
            "/signup",
            &[("csrf", &token), ("email", "new@example.com"), ("password", PASSWORD)],
        ),
        "sign-up",
    );
    let api = client()
        .post(server.url("/api/v1/session"))
        .header("content-type", "application/json")
        .body(format!(r#"{{"email":"paying@example.com","password":"{PASSWORD}"}}"#))
        .send()
        .expect("POST");
    retry(api, "API login");
    retry(premium.get("/questions/backpressure"), "a signed-in reader's page");
    assert_eq!(
        client()
            .get(server.url("/questions/backpressure"))
            .send()
            .expect("GET")
            .status()
            .as_u16(),
        200,
        "anonymous pages keep working"
    );

    drop(outage);
    let page = premium.text("/questions/backpressure");
    assert!(
        page.contains("id=\"detailed_explanation\""),
        "premium again once it is back"
    );
    assert_eq!(
        Reader::new(&server)
            .log_in("paying@example.com", PASSWORD)
            .status()
            .as_u16(),
        303
    );
}
