//! Tokens and sessions (review F8, F13, F14): an API token reads the API
//! only and dies with a password change; logging in again ends the session
//! the browser held; the cookie is `__Host-` over HTTPS; logout clears site
//! data; deleting an account removes its failed-login records, which the data
//! export lists while the account lives.

mod support;

use reqwest::blocking::Response;
use serde_json::Value;
use support::{Backend, Reader, Server, client};

const PASSWORD: &str = "walnut-beacon-harbour-6";

fn with_bearer(server: &Server, path: &str, token: &str) -> Response {
    client().get(server.url(path)).bearer_auth(token).send().expect("GET")
}

/// F8.
#[test]
fn api_tokens_read_only_the_api_and_end_with_a_password_change() {
    let server = Server::start(Backend::Sqlite, &[]);
    let reader = Reader::new(&server);
    reader.sign_up("tok@example.com", PASSWORD);
    server.users(&["grant", "tok@example.com", "--days", "30"]);
    let token = reader.api_token();
    let api = with_bearer(&server, "/api/v1/questions/backpressure", &token);
    let api: Value = api.json().expect("JSON");
    assert!(api["sections"].is_object(), "the token reads the API as its owner");
    for path in ["/account", "/account/data", "/billing"] {
        let response = with_bearer(&server, path, &token);
        assert_eq!(response.status().as_u16(), 303, "{path} with a token");
        assert_eq!(response.headers()["location"], "/login", "{path}");
    }
    let page = with_bearer(&server, "/questions/backpressure", &token)
        .text()
        .expect("body");
    assert!(
        !page.contains("id=\"detailed_explanation\""),
        "HTML pages do not take API tokens"
    );
    let changed = reader.submit(
        "/account",
        "/account/password",
        &[
            ("current_password", PASSWORD),
            ("new_password", "a brand new passphrase 77"),
        ],
    );
    assert_eq!(changed.status().as_u16(), 303);
    let api: Value = with_bearer(&server, "/api/v1/questions/backpressure", &token)
        .json()
        .expect("JSON");
    assert!(
        api.get("sections").is_none(),
        "the token ended with the password change"
    );
}

/// The `rp_session` (or `__Host-rp_session`) value a response sets.
fn session_cookie(response: &Response) -> (String, String) {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|cookie| cookie.contains("rp_session=") && !cookie.contains("Max-Age=0"))
        .and_then(|cookie| cookie.split(';').next())
        .and_then(|pair| pair.split_once('='))
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .expect("a session cookie")
}

/// F13: logging in again ends the session the browser came with.
#[test]
fn logging_in_again_ends_the_previous_session() {
    let server = Server::start(Backend::Sqlite, &[]);
    let reader = Reader::new(&server);
    let (name, old) = session_cookie(&reader.sign_up("relog@example.com", PASSWORD));
    let form = client().get(server.url("/login")).send().expect("GET");
    let csrf_cookie = form
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|cookie| cookie.strip_prefix("rp_csrf="))
        .and_then(|rest| rest.split(';').next())
        .expect("csrf cookie")
        .to_owned();
    let token = support::csrf_in(&form.text().expect("body"));
    let again = client()
        .post(server.url("/login"))
        .header("cookie", format!("{name}={old}; rp_csrf={csrf_cookie}"))
        .form(&[
            ("csrf", token.as_str()),
            ("email", "relog@example.com"),
            ("password", PASSWORD),
        ])
        .send()
        .expect("POST");
    assert_eq!(again.status().as_u16(), 303);
    let held = client()
        .get(server.url("/account"))
        .header("cookie", format!("{name}={old}"))
        .send()
        .expect("GET");
    assert_eq!(
        held.status().as_u16(),
        303,
        "the session held before logging in again ended"
    );
}

/// F13: `__Host-` over HTTPS; `Clear-Site-Data` on logout.
#[test]
fn https_cookies_are_host_only_and_logout_clears_site_data() {
    let server = Server::start(Backend::Sqlite, &["--https"]);
    let reader = Reader::new(&server);
    let signed_up = reader.sign_up("host@example.com", PASSWORD);
    let (name, value) = session_cookie(&signed_up);
    assert_eq!(name, "__Host-rp_session");
    let cookie = format!("{name}={value}");
    let account = client()
        .get(server.url("/account"))
        .header("cookie", &cookie)
        .send()
        .expect("GET");
    assert_eq!(account.status().as_u16(), 200, "the prefixed cookie is the session");
    let csrf = support::csrf_in(&account.text().expect("body"));
    let logout = client()
        .post(server.url("/logout"))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str())])
        .send()
        .expect("POST");
    assert_eq!(logout.status().as_u16(), 303);
    let clear = logout
        .headers()
        .get("clear-site-data")
        .map(|v| v.to_str().unwrap_or_default().to_owned());
    assert!(
        clear
            .as_deref()
            .is_some_and(|value| value.contains("\"cache\"") && value.contains("\"cookies\"")),
        "{clear:?}"
    );
    let plain = Server::start(Backend::Sqlite, &[]);
    let (name, _) = session_cookie(&Reader::new(&plain).sign_up("plain@example.com", PASSWORD));
    assert_eq!(name, "rp_session", "plain HTTP cannot use the prefix");
}

fn login_failures(reader: &Reader) -> Vec<Value> {
    let export: Value = reader.get("/account/data").json().expect("export JSON");
    export["failed_logins"].as_array().cloned().unwrap_or_default()
}

/// F14.
fn deletion_takes_the_failed_login_records(backend: Backend) {
    let server = Server::start(backend, &[]);
    let reader = Reader::new(&server);
    reader.sign_up("gone@example.com", PASSWORD);
    let wrong = Reader::new(&server).log_in("gone@example.com", "a wrong password!");
    assert_eq!(wrong.status().as_u16(), 401);
    let listed = login_failures(&reader);
    assert_eq!(listed.len(), 1, "the export lists the failed login: {listed:?}");
    assert_eq!(listed[0]["address"], "127.0.0.1");
    let deleted = reader.submit("/account", "/account/delete", &[("password", PASSWORD)]);
    assert_eq!(deleted.status().as_u16(), 303);
    let again = Reader::new(&server);
    assert_eq!(again.sign_up("gone@example.com", PASSWORD).status().as_u16(), 303);
    assert_eq!(
        login_failures(&again),
        Vec::<Value>::new(),
        "nothing of the deleted account is left"
    );
}

#[test]
fn deletion_on_sqlite() {
    deletion_takes_the_failed_login_records(Backend::Sqlite);
}

#[test]
fn deletion_on_postgres() {
    deletion_takes_the_failed_login_records(Backend::Postgres);
}
