//! Accounts, the paywall and billing, as a reader meets them, on SQLite and
//! on PostgreSQL (the machine's server; these tests fail if it is down).

mod support;

use support::{Backend, Reader, Server, WEBHOOK_SECRET, send_webhook, unix_now};

const PASSWORD: &str = "plum-harbour-violin-7";
const QUESTION: &str = "/questions/backpressure";

fn shows_premium(html: &str) -> bool {
    html.contains("id=\"detailed_explanation\"") && html.contains("id=\"common_mistakes\"")
}

fn checkout_completed(event_id: &str, user_id: &str, created: i64) -> String {
    format!(
        r#"{{"id":"{event_id}","type":"checkout.session.completed","created":{created},"data":{{"object":{{"client_reference_id":"{user_id}","customer":"cus_{user_id}","subscription":"sub_1","mode":"subscription"}}}}}}"#
    )
}

/// Sign up, hit the paywall, become premium by webhook and by `users grant`,
/// read every section, log out and be anonymous again.
fn a_reader_goes_from_anonymous_to_premium_and_back(backend: Backend) {
    let server = Server::start(backend, &[]);
    let reader = Reader::new(&server);
    let anonymous = reader.text(QUESTION);
    assert!(anonymous.contains("Create an account") && !shows_premium(&anonymous));

    let signed_up = reader.sign_up("Reader@Example.com", PASSWORD);
    assert_eq!(signed_up.status().as_u16(), 303);
    let cookie = signed_up.headers()["set-cookie"].to_str().expect("cookie").to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(reader.text("/account").contains("reader@example.com"));

    let free = reader.get(QUESTION);
    assert_eq!(
        free.headers()["cache-control"],
        "private, no-cache",
        "a viewer's page is never shared"
    );
    let free = free.text().expect("body");
    assert!(
        free.contains("See the plan") && !shows_premium(&free),
        "a free member meets the paywall"
    );

    let user_id = reader.user_id();
    let accepted = send_webhook(
        &server,
        &checkout_completed("evt_checkout_1", &user_id, unix_now()),
        WEBHOOK_SECRET,
        unix_now(),
    );
    assert_eq!(accepted.status().as_u16(), 200);
    assert!(
        shows_premium(&reader.text(QUESTION)),
        "premium after the signed webhook"
    );
    assert!(reader.text("/billing").contains("Premium"));

    server.users(&["revoke", "reader@example.com"]);
    assert!(!shows_premium(&reader.text(QUESTION)), "revoked");
    let granted = server.users(&["grant", "reader@example.com", "--days", "30"]);
    assert!(granted.contains("premium until"), "{granted}");
    assert!(shows_premium(&reader.text(QUESTION)), "premium after users grant");
    assert!(server.users(&["list"]).contains("reader@example.com  premium until"));

    assert_eq!(reader.log_out().status().as_u16(), 303);
    let after = reader.text(QUESTION);
    assert!(
        after.contains("Log in") && !shows_premium(&after),
        "anonymous again after logout"
    );
    assert_eq!(
        reader.get("/account").status().as_u16(),
        303,
        "the session ended on the server"
    );

    assert_eq!(reader.log_in("reader@example.com", PASSWORD).status().as_u16(), 303);
    assert!(shows_premium(&reader.text(QUESTION)), "and back with a login");
}

#[test]
fn reader_journey_on_sqlite() {
    a_reader_goes_from_anonymous_to_premium_and_back(Backend::Sqlite);
}

#[test]
fn reader_journey_on_postgres() {
    a_reader_goes_from_anonymous_to_premium_and_back(Backend::Postgres);
}

/// Change the password (other sessions end), download the data, delete.
fn account_management(backend: Backend) {
    let server = Server::start(backend, &[]);
    let reader = Reader::new(&server);
    reader.sign_up("ada@example.com", PASSWORD);
    let laptop = Reader::new(&server);
    assert_eq!(laptop.log_in("ada@example.com", PASSWORD).status().as_u16(), 303);

    let wrong = reader.submit(
        "/account",
        "/account/password",
        &[
            ("current_password", "not-my-password!"),
            ("new_password", "another-long-passphrase"),
        ],
    );
    assert_eq!(wrong.status().as_u16(), 400);
    let weak = reader.submit(
        "/account",
        "/account/password",
        &[("current_password", PASSWORD), ("new_password", "password1234")],
    );
    assert_eq!(weak.status().as_u16(), 400);
    assert!(weak.text().expect("body").contains("too common"));
    let changed = reader.submit(
        "/account",
        "/account/password",
        &[
            ("current_password", PASSWORD),
            ("new_password", "another-long-passphrase"),
        ],
    );
    assert_eq!(changed.status().as_u16(), 303);
    assert_eq!(laptop.get("/account").status().as_u16(), 303, "other sessions ended");
    assert_eq!(reader.get("/account").status().as_u16(), 200, "this one kept");

    let export = reader.get("/account/data");
    assert!(
        export.headers()["content-disposition"]
            .to_str()
            .is_ok_and(|value| value.contains("attachment"))
    );
    let export: serde_json::Value = export.json().expect("JSON");
    assert_eq!(export["account"]["email"], "ada@example.com");
    assert!(
        export.to_string().find("argon2").is_none(),
        "no password hash in the export"
    );

    let deleted = reader.submit(
        "/account",
        "/account/delete",
        &[("password", "another-long-passphrase")],
    );
    assert_eq!(deleted.status().as_u16(), 303);
    assert!(!server.users(&["list"]).contains("ada@example.com"));
    assert_eq!(
        reader
            .log_in("ada@example.com", "another-long-passphrase")
            .status()
            .as_u16(),
        401
    );
}

#[test]
fn account_management_on_sqlite() {
    account_management(Backend::Sqlite);
}

#[test]
fn account_management_on_postgres() {
    account_management(Backend::Postgres);
}

#[test]
fn login_answers_alike_for_unknown_email_and_wrong_password_and_limits_attempts() {
    let server = Server::start(Backend::Sqlite, &[]);
    let owner = Reader::new(&server);
    owner.sign_up("owner@example.com", PASSWORD);
    owner.log_out();
    let attacker = Reader::new(&server);
    let unknown = attacker.log_in("nobody@example.com", PASSWORD);
    let wrong = attacker.log_in("owner@example.com", "guess-guess-guess");
    assert_eq!((unknown.status().as_u16(), wrong.status().as_u16()), (401, 401));
    let (unknown, wrong) = (unknown.text().expect("body"), wrong.text().expect("body"));
    let message = "The email or password is wrong.";
    assert!(unknown.contains(message) && wrong.contains(message));
    for _ in 0..4 {
        attacker.log_in("owner@example.com", "guess-guess-guess");
    }
    let limited = attacker.log_in("owner@example.com", PASSWORD);
    assert_eq!(
        limited.status().as_u16(),
        429,
        "even the right password waits after 5 failures from here"
    );
    let owner_elsewhere = Reader::from_address(&server, Some("127.0.0.2".parse().expect("address")));
    assert_eq!(
        owner_elsewhere.log_in("owner@example.com", PASSWORD).status().as_u16(),
        303,
        "the owner is not locked out"
    );
}

#[test]
fn passwords_are_checked_exactly_as_typed() {
    let server = Server::start(Backend::Sqlite, &[]);
    let reader = Reader::new(&server);
    assert_eq!(reader.sign_up("a@example.com", "short").status().as_u16(), 400);
    assert_eq!(
        reader.sign_up("a@example.com", "Password1234").status().as_u16(),
        400,
        "common"
    );
    assert_eq!(reader.sign_up("not-an-email", PASSWORD).status().as_u16(), 400);
    let spaced = "  spaced  passphrase  ";
    let long: String = "ünïcödé-".repeat(16);
    assert_eq!(reader.sign_up("a@example.com", spaced).status().as_u16(), 303);
    reader.log_out();
    assert_eq!(
        reader.log_in("a@example.com", spaced.trim()).status().as_u16(),
        401,
        "spaces matter"
    );
    assert_eq!(reader.log_in("a@example.com", spaced).status().as_u16(), 303);
    let other = Reader::new(&server);
    assert_eq!(
        other.sign_up("b@example.com", &long).status().as_u16(),
        303,
        "128 characters, non-ASCII"
    );
    assert_eq!(
        other.get("/signup").status().as_u16(),
        303,
        "a signed-in reader is sent to the account"
    );
    let third = Reader::new(&server);
    assert_eq!(
        third.sign_up("a@example.com", PASSWORD).status().as_u16(),
        409,
        "email taken"
    );
}

#[test]
fn checkout_goes_to_stripe_with_the_reader_and_price() {
    let (stripe, requests) = support::fake_stripe();
    let server = Server::launch(
        support::temp_dir("data"),
        None,
        &[],
        &[("STRIPE_API_BASE", stripe.as_str())],
    );
    let reader = Reader::new(&server);
    reader.sign_up("payer@example.com", PASSWORD);
    let user_id = reader.user_id();
    let response = reader.submit("/billing", "/billing/checkout", &[]);
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(
        response.headers()["location"],
        "https://checkout.stripe.test/c/cs_test_1"
    );
    let request = requests
        .recv_timeout(std::time::Duration::from_secs(5))
        .expect("Stripe was called");
    assert!(request.starts_with("POST /v1/checkout/sessions"), "{request}");
    assert!(
        request.to_ascii_lowercase().contains("authorization: basic"),
        "secret key sent"
    );
    assert!(request.contains(&format!("client_reference_id={user_id}")), "{request}");
    assert!(
        request.contains("price%5D=price_test_monthly") && request.contains("mode=subscription"),
        "{request}"
    );
}

#[test]
fn personal_api_tokens_read_as_their_owner_until_revoked() {
    let server = Server::start(Backend::Postgres, &[]);
    let reader = Reader::new(&server);
    reader.sign_up("scripter@example.com", PASSWORD);
    let created = reader.submit("/account", "/account/tokens", &[("name", "flashcards")]);
    assert_eq!(created.status().as_u16(), 200);
    let html = created.text().expect("body");
    let token = html
        .split("<code class=\"token\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("token shown once")
        .to_owned();
    assert!(!reader.text("/account").contains(&token), "and never again");
    let api = |token: &str| -> serde_json::Value {
        support::client()
            .get(server.url("/api/v1/questions/backpressure"))
            .bearer_auth(token)
            .send()
            .expect("GET")
            .json()
            .expect("JSON")
    };
    assert!(
        api(&token).get("sections").is_none(),
        "a free account's token sees the free part"
    );
    server.users(&["grant", "scripter@example.com", "--days", "7"]);
    assert!(
        api(&token)["sections"]["detailed_explanation"].is_string(),
        "a premium account's token sees everything"
    );
    assert!(
        api(&"0".repeat(64)).get("sections").is_none(),
        "an unknown token is anonymous"
    );
    let with_token = support::client()
        .post(server.url("/account/delete"))
        .bearer_auth(&token)
        .form(&[("csrf", ""), ("password", PASSWORD)])
        .send()
        .expect("POST");
    // Tokens read the API only: on a form they are no one, and are sent to log in.
    assert_eq!(with_token.status().as_u16(), 303, "a token cannot submit forms");
    assert_eq!(with_token.headers()["location"], "/login");
    let id = reader
        .text("/account")
        .split("name=\"id\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("token id")
        .to_owned();
    assert_eq!(
        reader
            .submit("/account", "/account/tokens/revoke", &[("id", &id)])
            .status()
            .as_u16(),
        200
    );
    assert!(api(&token).get("sections").is_none(), "revoked");
}
