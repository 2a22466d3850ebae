//! Two `rustprep serve` processes on one PostgreSQL database, as behind a
//! load balancer: a session made on one works on the other, and a logout or
//! a password change on one is refused on the other within two seconds,
//! although each keeps recently read sessions in memory (issue 12).

mod support;

use std::time::Duration;
use support::{Reader, Server, fresh_postgres, temp_dir};

const PASSWORD: &str = "lantern-orchard-quiet-42";

/// What we promise: another instance honours an ended session at most this long.
const FLEET_DELAY: Duration = Duration::from_secs(2);

/// Both instances on one fresh database.
fn fleet() -> (Server, Server) {
    let database = fresh_postgres();
    let first = Server::launch(temp_dir("fleet-a"), Some(database.clone()), &[], &[]);
    let second = Server::launch(temp_dir("fleet-b"), Some(database), &[], &[]);
    (first, second)
}

/// Whether this reader is signed in on `server` (the account page opens
/// rather than sending them to log in). Cookies are not bound to a port, so
/// one reader's cookie goes to both instances on 127.0.0.1.
fn signed_in_on(reader: &Reader, server: &Server) -> bool {
    let response = reader.http.get(server.url("/account")).send().expect("GET /account");
    match response.status().as_u16() {
        200 => true,
        303 => false,
        other => panic!("/account answered {other}"),
    }
}

#[test]
fn a_session_works_on_both_instances_and_ends_on_both() {
    let (first, second) = fleet();
    let reader = Reader::new(&first);
    reader.sign_up("fleet@example.com", PASSWORD);
    assert!(signed_in_on(&reader, &first));
    for _ in 0..3 {
        assert!(
            signed_in_on(&reader, &second),
            "the session made on one instance works on the other"
        );
    }

    reader.log_out();
    assert!(
        !signed_in_on(&reader, &first),
        "logged out where the logout happened, at once"
    );
    std::thread::sleep(FLEET_DELAY);
    assert!(
        !signed_in_on(&reader, &second),
        "the other instance refuses the ended session within {FLEET_DELAY:?}"
    );
}

#[test]
fn a_password_change_on_one_instance_ends_sessions_on_the_other() {
    let (first, second) = fleet();
    let laptop = Reader::new(&first);
    laptop.sign_up("moved@example.com", PASSWORD);
    let phone = Reader::new(&second);
    phone.log_in("moved@example.com", PASSWORD);
    for _ in 0..3 {
        assert!(signed_in_on(&phone, &second), "the phone reads on the second instance");
    }

    let changed = laptop.submit(
        "/account",
        "/account/password",
        &[
            ("current_password", PASSWORD),
            ("new_password", "an entirely new passphrase 19"),
        ],
    );
    assert!(changed.status().is_success() || changed.status().is_redirection());
    assert!(
        signed_in_on(&laptop, &first),
        "the browser that changed it stays signed in"
    );
    std::thread::sleep(FLEET_DELAY);
    assert!(
        !signed_in_on(&phone, &second),
        "the other device's session ends on the other instance within {FLEET_DELAY:?}"
    );
}
