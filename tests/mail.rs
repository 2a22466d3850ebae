//! Account recovery and verified email, with a real SMTP exchange: the
//! server sends to a small SMTP sink (`support::smtp`) and the test follows
//! the links in the letters that arrive, on SQLite and on PostgreSQL.

mod support;

use support::smtp::SmtpSink;
use support::{Backend, Reader, Server};

const PASSWORD: &str = "plum-harbour-violin-7";
const NEW_PASSWORD: &str = "quiet-lantern-orchard-42";

fn mail_server(backend: Backend, sink: &SmtpSink) -> Server {
    let url = sink.url();
    Server::start(
        backend,
        &["--smtp-url", &url, "--mail-from", "rustprep <noreply@rustprep.test>"],
    )
}

/// The token of a link `/path?token=...`.
fn token_of(link: &str) -> &str {
    link.split("token=").nth(1).expect("a token in the link")
}

/// Uses a link that opens a page with one button (activation, email change).
fn press_link_button(reader: &Reader, link: &str, action: &str) -> reqwest::blocking::Response {
    reader.submit(link, action, &[("token", token_of(link))])
}

/// Sign up, activate from the letter, log in, forget the password, reset it
/// from the letter: the old session is gone (the store's tests show API
/// tokens go too).
fn the_whole_journey(backend: Backend) {
    let sink = SmtpSink::start();
    let server = mail_server(backend, &sink);
    let reader = Reader::new(&server);
    let address = "ada@example.com";

    let signed_up = reader.sign_up(address, PASSWORD);
    assert_eq!(signed_up.status().as_u16(), 200);
    assert!(
        signed_up.headers().get("set-cookie").is_none(),
        "no session before activation"
    );
    assert!(signed_up.text().expect("body").contains("Check your inbox"));

    let refused = reader.log_in(address, PASSWORD);
    assert_eq!(refused.status().as_u16(), 403, "not activated yet");
    assert!(refused.text().expect("body").contains("Activate your account first"));

    let letter = sink.next_to(address);
    assert_eq!(letter.from, "noreply@rustprep.test");
    assert!(letter.data.contains("multipart/alternative"), "text and HTML");
    assert!(!letter.decoded().contains("<img"), "no tracking images");
    let activation = letter.link("/account/activate");
    let opened = reader.get(&activation);
    assert_eq!(opened.status().as_u16(), 200, "opening the link changes nothing");
    let csrf = support::csrf_in(&opened.text().expect("body"));
    let fields = [("csrf", csrf.as_str()), ("token", token_of(&activation))];
    let activated = reader.post_form("/account/activate", &fields);
    assert_eq!(activated.status().as_u16(), 200);
    assert!(activated.text().expect("body").contains("Your account is active"));
    let again = reader.post_form("/account/activate", &fields);
    assert_eq!(again.status().as_u16(), 400, "an activation link works once");
    assert_eq!(reader.get(&activation).status().as_u16(), 400);

    assert_eq!(reader.log_in(address, PASSWORD).status().as_u16(), 303);
    assert_eq!(reader.get("/account").status().as_u16(), 200, "logged in");
    let elsewhere = Reader::new(&server);
    let asked = elsewhere.submit("/password/forgot", "/password/forgot", &[("email", address)]);
    assert_eq!(asked.status().as_u16(), 200);
    let reset = sink.next_to(address).link("/password/reset");
    assert!(elsewhere.text(&reset).contains("Choose a new password"));
    let weak = elsewhere.submit(
        &reset,
        "/password/reset",
        &[("token", token_of(&reset)), ("password", "short")],
    );
    assert_eq!(weak.status().as_u16(), 400, "the password policy holds");
    let done = elsewhere.submit(
        &reset,
        "/password/reset",
        &[("token", token_of(&reset)), ("password", NEW_PASSWORD)],
    );
    assert_eq!(done.status().as_u16(), 200);
    assert!(done.text().expect("body").contains("Password changed"));

    assert_eq!(reader.get("/account").status().as_u16(), 303, "the old session is gone");
    assert_eq!(reader.log_in(address, PASSWORD).status().as_u16(), 401, "old password");
    assert_eq!(reader.log_in(address, NEW_PASSWORD).status().as_u16(), 303);
    assert_eq!(elsewhere.get(&reset).status().as_u16(), 400, "a reset link works once");
}

#[test]
fn sign_up_activate_forget_and_reset_on_sqlite() {
    the_whole_journey(Backend::Sqlite);
}

#[test]
fn sign_up_activate_forget_and_reset_on_postgres() {
    the_whole_journey(Backend::Postgres);
}

/// The page and status, with the address typed in masked.
fn answer(response: reqwest::blocking::Response, address: &str) -> (u16, String) {
    let status = response.status().as_u16();
    (status, response.text().expect("body").replace(address, "ADDRESS"))
}

/// Sign-up and "forgot password" answer the same whether or not the address
/// has an account; the owner gets a notice instead of a second account.
fn nothing_tells_who_has_an_account(backend: Backend) {
    let sink = SmtpSink::start();
    let server = mail_server(backend, &sink);
    let (taken, free) = ("owner@example.com", "nobody@example.com");
    let reader = Reader::new(&server);
    let first = answer(reader.sign_up(taken, PASSWORD), taken);
    let link = sink.next_to(taken).link("/account/activate");
    press_link_button(&reader, &link, "/account/activate");

    let again = answer(Reader::new(&server).sign_up(taken, PASSWORD), taken);
    assert_eq!(again, first, "sign-up with an existing email answers as for a new one");
    let notice = sink.next_to(taken);
    assert!(notice.subject().contains("already have"), "{}", notice.subject());
    assert!(!notice.decoded().contains("/account/activate?token="));
    let fresh = answer(Reader::new(&server).sign_up(free, PASSWORD), free);
    assert_eq!(fresh, first);
    sink.next_to(free);

    let known = answer(
        Reader::new(&server).submit("/password/forgot", "/password/forgot", &[("email", taken)]),
        taken,
    );
    let unknown_address = "stranger@example.com";
    let unknown = answer(
        Reader::new(&server).submit("/password/forgot", "/password/forgot", &[("email", unknown_address)]),
        unknown_address,
    );
    assert_eq!(known.0, 200);
    assert_eq!(unknown, known, "a reset for an unknown email answers the same");
    sink.next_to(taken);
    assert_eq!(
        sink.count_to(unknown_address),
        0,
        "nothing is sent to an unknown address"
    );
}

#[test]
fn existing_and_unknown_addresses_look_alike_on_sqlite() {
    nothing_tells_who_has_an_account(Backend::Sqlite);
}

#[test]
fn existing_and_unknown_addresses_look_alike_on_postgres() {
    nothing_tells_who_has_an_account(Backend::Postgres);
}

/// An email change is confirmed at the new address and announced at the old.
#[test]
fn email_changes_are_confirmed_and_announced() {
    let sink = SmtpSink::start();
    let server = mail_server(Backend::Sqlite, &sink);
    let reader = Reader::new(&server);
    reader.sign_up("first@example.com", PASSWORD);
    let link = sink.next_to("first@example.com").link("/account/activate");
    press_link_button(&reader, &link, "/account/activate");
    reader.log_in("first@example.com", PASSWORD);

    let wrong = reader.submit(
        "/account",
        "/account/email",
        &[("email", "second@example.com"), ("password", "not-the-password")],
    );
    assert_eq!(wrong.status().as_u16(), 400, "the password is asked for");
    let asked = reader.submit(
        "/account",
        "/account/email",
        &[("email", "second@example.com"), ("password", PASSWORD)],
    );
    assert_eq!(asked.status().as_u16(), 200);
    assert!(reader.text("/account").contains("first@example.com"), "not yet changed");
    let confirm = sink.next_to("second@example.com").link("/account/email/confirm");
    let done = press_link_button(&reader, &confirm, "/account/email/confirm");
    assert_eq!(done.status().as_u16(), 200);
    assert!(reader.text("/account").contains("second@example.com"));
    let announced = sink.next_to("first@example.com");
    assert!(announced.decoded().contains("now uses second@example.com"));
}

/// Without mail: accounts are active at once, and the operator's
/// `users reset-link` gives a working single-use link.
#[test]
fn without_mail_the_operator_makes_reset_links() {
    let server = Server::start(Backend::Sqlite, &[]);
    let reader = Reader::new(&server);
    assert_eq!(reader.sign_up("solo@example.com", PASSWORD).status().as_u16(), 303);
    assert!(reader.text("/password/forgot").contains("Ask its operator"));
    let printed = server.users(&["reset-link", "solo@example.com", "--public-url", &server.base]);
    let link = printed.lines().next().expect("a link");
    let path = link.strip_prefix(&server.base).expect("on this site").to_owned();
    let other = Reader::new(&server);
    let done = other.submit(
        &path,
        "/password/reset",
        &[("token", token_of(&path)), ("password", NEW_PASSWORD)],
    );
    assert_eq!(done.status().as_u16(), 200);
    assert_eq!(reader.get("/account").status().as_u16(), 303, "sessions ended");
    assert_eq!(other.log_in("solo@example.com", NEW_PASSWORD).status().as_u16(), 303);
}

/// Reset requests are limited per client address (10 an hour, then 429)
/// and letters per email (5 an hour; beyond that the page reads the same
/// and nothing is sent).
#[test]
fn resets_are_limited_per_address_and_per_email() {
    let sink = SmtpSink::start();
    let server = mail_server(Backend::Sqlite, &sink);
    let reader = Reader::new(&server);
    let address = "busy@example.com";
    reader.sign_up(address, PASSWORD);
    let link = sink.next_to(address).link("/account/activate");
    press_link_button(&reader, &link, "/account/activate");
    let ask = || reader.submit("/password/forgot", "/password/forgot", &[("email", address)]);
    for n in 1..=10 {
        assert_eq!(ask().status().as_u16(), 200, "request {n}");
    }
    assert_eq!(ask().status().as_u16(), 429, "the 11th request from one address");
    reader.log_in(address, PASSWORD);
    let export: serde_json::Value = reader.get("/account/data").json().expect("export");
    let mailed = export["mail_requests"].as_array().expect("mail requests").len();
    assert_eq!(mailed, 5, "one activation and four resets were mailed: {export}");
    let links = export["pending_links"].as_array().expect("pending links").len();
    assert_eq!(links, 4, "a link is made only for a letter sent: {export}");
}
