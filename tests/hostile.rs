//! Requests meant to do harm, or just malformed: each gets a clear 4xx and
//! changes nothing.

mod support;

use support::{Backend, Reader, Server, WEBHOOK_SECRET, client, send_webhook, unix_now};

const PASSWORD: &str = "quartz-lantern-meadow-4";

fn event(id: &str, kind: &str, created: i64, object: &str) -> String {
    format!(r#"{{"id":"{id}","type":"{kind}","created":{created},"data":{{"object":{object}}}}}"#)
}

fn plan(server: &Server, email: &str) -> String {
    server
        .users(&["list"])
        .lines()
        .find(|line| line.starts_with(email))
        .unwrap_or_default()
        .to_owned()
}

/// Stale and future-dated signatures are 100 s beyond the 300 s tolerance, so
/// a slow, loaded test machine cannot bring them back inside it.
#[test]
fn forged_stale_future_replayed_and_tampered_webhooks_change_nothing() {
    let server = Server::start(Backend::Sqlite, &[]);
    let reader = Reader::new(&server);
    reader.sign_up("victim@example.com", PASSWORD);
    let user_id = reader.user_id();
    let now = unix_now();
    let object = format!(r#"{{"client_reference_id":"{user_id}","customer":"cus_9"}}"#);
    let checkout = event("evt_1", "checkout.session.completed", now - 10, &object);
    let refused = |response: reqwest::blocking::Response, what: &str| {
        assert_eq!(response.status().as_u16(), 400, "{what}");
        assert!(
            plan(&server, "victim@example.com").contains("  free  "),
            "{what} changed the plan"
        );
    };
    refused(send_webhook(&server, &checkout, "whsec_forged", now), "forged");
    refused(send_webhook(&server, &checkout, WEBHOOK_SECRET, now - 400), "stale");
    refused(
        send_webhook(&server, &checkout, WEBHOOK_SECRET, now + 400),
        "future-dated",
    );
    let signed = web::stripe::sign(checkout.as_bytes(), WEBHOOK_SECRET, now);
    let tampered = checkout.replace("cus_9", "cus_evil");
    let response = client()
        .post(server.url("/billing/webhook"))
        .header("stripe-signature", &signed)
        .body(tampered)
        .send()
        .expect("post");
    refused(response, "tampered");
    let response = client()
        .post(server.url("/billing/webhook"))
        .body(checkout.clone())
        .send()
        .expect("post");
    refused(response, "unsigned");

    // The real one applies; a duplicate is applied once.
    assert_eq!(
        send_webhook(&server, &checkout, WEBHOOK_SECRET, now).status().as_u16(),
        200
    );
    assert!(plan(&server, "victim@example.com").contains("premium until"));
    let cancel = event(
        "evt_2",
        "customer.subscription.deleted",
        now - 5,
        r#"{"id":"sub_1","customer":"cus_9"}"#,
    );
    assert_eq!(
        send_webhook(&server, &cancel, WEBHOOK_SECRET, now).status().as_u16(),
        200
    );
    assert!(plan(&server, "victim@example.com").contains("premium ended"));
    let replay = send_webhook(&server, &checkout, WEBHOOK_SECRET, unix_now());
    assert_eq!(replay.status().as_u16(), 200, "a duplicate is acknowledged");
    assert!(
        plan(&server, "victim@example.com").contains("premium ended"),
        "and not applied again"
    );
    let big = "x".repeat(300 * 1024);
    let response = send_webhook(&server, &big, WEBHOOK_SECRET, now);
    assert_eq!(response.status().as_u16(), 413);
}

#[test]
fn cross_site_and_malformed_forms_get_a_clear_4xx_and_change_nothing() {
    let server = Server::start(Backend::Sqlite, &[]);
    let reader = Reader::new(&server);
    let token = reader.csrf("/signup");
    let form = [
        ("csrf", token.as_str()),
        ("email", "mallory@example.com"),
        ("password", PASSWORD),
    ];
    let post = |headers: &[(&str, &str)]| {
        let mut request = reader.http.post(server.url("/signup")).form(&form);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send().expect("post")
    };
    let cross_origin = post(&[("origin", "https://evil.example")]);
    assert_eq!(cross_origin.status().as_u16(), 403);
    assert!(cross_origin.text().expect("body").contains("came from another site"));
    assert_eq!(post(&[("sec-fetch-site", "cross-site")]).status().as_u16(), 403);
    let bad_token = reader.post_form(
        "/signup",
        &[
            ("csrf", "0".repeat(64).as_str()),
            ("email", "mallory@example.com"),
            ("password", PASSWORD),
        ],
    );
    assert_eq!(bad_token.status().as_u16(), 403);
    let no_cookie = client().post(server.url("/signup")).form(&form).send().expect("post");
    assert_eq!(no_cookie.status().as_u16(), 403, "a token without its cookie");
    let json = reader
        .http
        .post(server.url("/signup"))
        .header("content-type", "application/json")
        .body(r#"{"email":"mallory@example.com"}"#)
        .send()
        .expect("post");
    assert_eq!(json.status().as_u16(), 415);
    assert!(json.text().expect("body").contains("application/x-www-form-urlencoded"));
    let huge = "a".repeat(20 * 1024);
    let oversized = reader.post_form(
        "/signup",
        &[
            ("csrf", token.as_str()),
            ("email", huge.as_str()),
            ("password", PASSWORD),
        ],
    );
    assert_eq!(oversized.status().as_u16(), 413);
    let malformed = reader
        .http
        .post(server.url("/signup"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("csrf=%ZZ&email")
        .send()
        .expect("post");
    assert_eq!(malformed.status().as_u16(), 400);
    let unknown = reader.post_form(
        "/signup",
        &[
            ("csrf", token.as_str()),
            ("email", "mallory@example.com"),
            ("password", PASSWORD),
            ("is_admin", "true"),
        ],
    );
    assert_eq!(unknown.status().as_u16(), 400);
    assert!(unknown.text().expect("body").contains("unknown field"));
    assert!(
        !server.users(&["list"]).contains("mallory@example.com"),
        "no account was created"
    );

    // A signed-in reader: bad tokens on logout and password change.
    assert_eq!(reader.sign_up("real@example.com", PASSWORD).status().as_u16(), 303);
    let logout = reader.post_form("/logout", &[("csrf", "f".repeat(64).as_str())]);
    assert_eq!(logout.status().as_u16(), 403);
    assert_eq!(reader.get("/account").status().as_u16(), 200, "still signed in");
    let change = reader.post_form(
        "/account/password",
        &[
            ("csrf", "nope"),
            ("current_password", PASSWORD),
            ("new_password", "something-else-entirely"),
        ],
    );
    assert_eq!(change.status().as_u16(), 403);
    let fresh = Reader::new(&server);
    assert_eq!(
        fresh.log_in("real@example.com", PASSWORD).status().as_u16(),
        303,
        "password unchanged"
    );
    let delete = reader
        .http
        .post(server.url("/account/delete"))
        .header("origin", "https://evil.example")
        .form(&[("csrf", reader.csrf("/account").as_str()), ("password", PASSWORD)])
        .send()
        .expect("post");
    assert_eq!(delete.status().as_u16(), 403);
    assert!(server.users(&["list"]).contains("real@example.com"), "not deleted");
}

#[test]
fn responses_carry_security_headers_and_sessions_rotate() {
    let server = Server::start(Backend::Sqlite, &["--https"]);
    let reader = Reader::new(&server);
    let page = reader.get("/");
    let headers = page.headers();
    let csp = headers["content-security-policy"].to_str().expect("csp");
    assert!(
        csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline")
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "strict-origin-when-cross-origin");
    assert!(
        headers["strict-transport-security"]
            .to_str()
            .is_ok_and(|value| value.contains("max-age="))
    );
    let first = reader.sign_up("rotate@example.com", PASSWORD);
    let first_cookie = first.headers()["set-cookie"].to_str().expect("cookie").to_owned();
    assert!(first_cookie.contains("; Secure"), "{first_cookie}");
    reader.log_out();
    let second = reader.log_in("rotate@example.com", PASSWORD);
    let second_cookie = second.headers()["set-cookie"].to_str().expect("cookie").to_owned();
    assert_ne!(
        first_cookie.split(';').next(),
        second_cookie.split(';').next(),
        "a new session id at login"
    );
}

#[test]
fn the_json_login_refuses_unknown_fields_and_wrong_types() {
    let server = Server::start(Backend::Sqlite, &[]);
    let reader = Reader::new(&server);
    reader.sign_up("api@example.com", PASSWORD);
    let post = |content_type: &str, body: &str| {
        client()
            .post(server.url("/api/v1/session"))
            .header("content-type", content_type)
            .body(body.to_owned())
            .send()
            .expect("post")
    };
    let unknown = post(
        "application/json",
        &format!(r#"{{"email":"api@example.com","password":"{PASSWORD}","admin":true}}"#),
    );
    assert_eq!(unknown.status().as_u16(), 400);
    assert!(
        unknown.headers().get("set-cookie").is_none(),
        "no session for a refused body"
    );
    let error: serde_json::Value = unknown.json().expect("a JSON error");
    assert!(
        error["error"]
            .as_str()
            .is_some_and(|message| message.contains("unknown field `admin`")),
        "{error}"
    );
    assert_eq!(
        post("application/json", r#"{"email":"api@example.com"}"#)
            .status()
            .as_u16(),
        400,
        "missing field"
    );
    assert_eq!(post("application/json", "{not json").status().as_u16(), 400);
    assert_eq!(post("text/plain", "{}").status().as_u16(), 415);
    let wrong = post(
        "application/json",
        r#"{"email":"api@example.com","password":"wrong-wrong-wrong"}"#,
    );
    assert_eq!(wrong.status().as_u16(), 401);
    let accepted = post(
        "application/json",
        &format!(r#"{{"email":"api@example.com","password":"{PASSWORD}"}}"#),
    );
    assert_eq!(accepted.status().as_u16(), 200);
    assert!(
        accepted.headers()["set-cookie"]
            .to_str()
            .is_ok_and(|cookie| cookie.starts_with("rp_session="))
    );
}
