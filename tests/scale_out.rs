//! Scale-out on existing engines (issue 13): nginx, configured from
//! `deploy/nginx/`, balances two `rustprep serve` processes that share one
//! PostgreSQL database and trust nginx's `X-Forwarded-For`. Readers only
//! ever talk to nginx; its access log says which instance answered.

mod scale_out_support;
mod support;

use scale_out_support::balancer::Logged;
use scale_out_support::stream::{Outcome, StreamState, try_sign_up, wait_for, write_stream};
use scale_out_support::{Fleet, Visitor};
use serde_json::json;
use std::collections::BTreeSet;
use std::net::IpAddr;
use std::sync::atomic::Ordering;
use std::time::Duration;
use store::SESSION_CACHE_TTL;
use support::{Server, WEBHOOK_SECRET, send_webhook, unix_now};

const PASSWORD: &str = "harbour-lantern-velvet-58";

/// A premium question: its full answer shows only with access.
const PREMIUM_PAGE: &str = "/questions/backpressure";

/// Another instance honours a change made elsewhere within the session
/// cache's time to live; wait a little longer.
fn let_caches_expire() {
    std::thread::sleep(SESSION_CACHE_TTL + Duration::from_millis(100));
}

fn address(text: &str) -> IpAddr {
    text.parse().expect("address")
}

/// The instances (`host:port`) that answered the logged lines.
fn instances_in(lines: &[Logged]) -> BTreeSet<String> {
    lines.iter().flat_map(|line| line.upstreams.iter().cloned()).collect()
}

fn both(fleet: &Fleet) -> BTreeSet<String> {
    [fleet.first.authority(), fleet.second.authority()]
        .map(str::to_owned)
        .into()
}

fn sees_full_answer(reader: &Visitor, server: &Server) -> bool {
    let page = reader.get_from(server, PREMIUM_PAGE).text().expect("body");
    page.contains("id=\"detailed_explanation\"")
}

/// Sends a signed Stripe event straight to one instance (Stripe's
/// deliveries reach whichever one nginx picks).
fn stripe_event(server: &Server, kind: &str, object: serde_json::Value) -> u16 {
    let id = format!("evt_{kind}_{}", unix_now());
    let body = json!({"id": id, "type": kind, "created": unix_now() - 1, "data": {"object": object}}).to_string();
    send_webhook(server, &body, WEBHOOK_SECRET, unix_now())
        .status()
        .as_u16()
}

#[test]
fn a_reader_signs_up_through_nginx_and_is_served_by_both_instances() {
    let fleet = Fleet::start(&[]);
    let reader = Visitor::from(&fleet.balancer, address("127.0.0.31"));
    assert_eq!(reader.sign_up("fleet@example.com", PASSWORD), 303);
    for _ in 0..6 {
        assert_eq!(reader.get("/account").status().as_u16(), 200, "signed in through nginx");
    }
    let reads = fleet.balancer.logged(6, |line| {
        line.request.starts_with("GET /account ") && line.status == 200
    });
    assert_eq!(
        instances_in(&reads),
        both(&fleet),
        "round robin: the reader's pages came from both instances"
    );
    let signups = fleet
        .balancer
        .logged(1, |line| line.request.starts_with("POST /signup "));
    assert_eq!(signups[0].client, "127.0.0.31");
    assert_eq!(signups[0].status, 303);
}

#[test]
fn a_webhook_delivered_to_either_instance_takes_effect_on_both() {
    let fleet = Fleet::start(&[]);
    let reader = Visitor::from(&fleet.balancer, address("127.0.0.32"));
    assert_eq!(reader.sign_up("subscriber@example.com", PASSWORD), 303);
    let export: serde_json::Value = reader.get("/account/data").json().expect("export JSON");
    let user = export["account"]["id"].as_str().expect("user id").to_owned();
    // Both instances have read the session (and its lack of access) into their caches.
    assert!(!sees_full_answer(&reader, &fleet.first) && !sees_full_answer(&reader, &fleet.second));

    let checkout = json!({"client_reference_id": user, "customer": "cus_fleet"});
    assert_eq!(stripe_event(&fleet.first, "checkout.session.completed", checkout), 200);
    let_caches_expire();
    assert!(
        sees_full_answer(&reader, &fleet.first) && sees_full_answer(&reader, &fleet.second),
        "a payment delivered to the first instance opens the full answers on both"
    );

    let cancelled = json!({"id": "sub_fleet", "customer": "cus_fleet"});
    assert_eq!(
        stripe_event(&fleet.second, "customer.subscription.deleted", cancelled),
        200
    );
    let_caches_expire();
    assert!(
        !sees_full_answer(&reader, &fleet.first) && !sees_full_answer(&reader, &fleet.second),
        "a cancellation delivered to the second instance closes them on both"
    );
}

#[test]
fn logging_out_through_nginx_ends_the_session_on_both_instances() {
    let fleet = Fleet::start(&[]);
    let reader = Visitor::from(&fleet.balancer, address("127.0.0.33"));
    assert_eq!(reader.sign_up("leaving@example.com", PASSWORD), 303);
    assert!(
        reader.signed_in_on(&fleet.first) && reader.signed_in_on(&fleet.second),
        "one session, honoured (and cached) by both instances"
    );

    assert_eq!(reader.log_out(), 303);
    let_caches_expire();
    assert!(!reader.signed_in_on(&fleet.first), "the first instance ended it");
    assert!(!reader.signed_in_on(&fleet.second), "the second instance ended it");
    assert_eq!(
        reader.get("/account").status().as_u16(),
        303,
        "and through nginx the reader is asked to log in"
    );
}

/// 5 failed logins per account and address in 15 minutes: the attempts are
/// rows in the shared database, so guesses spread over both instances add up.
#[test]
fn failed_logins_spread_over_both_instances_count_together() {
    let fleet = Fleet::start(&[]);
    let owner = Visitor::from(&fleet.balancer, address("127.0.0.34"));
    assert_eq!(owner.sign_up("guarded@example.com", PASSWORD), 303);

    let guesser = Visitor::from(&fleet.balancer, address("127.0.0.35"));
    // One form token for every guess, so the guesses alone take turns.
    let token = guesser.csrf("/login");
    let guess = |password: &str| {
        let fields = [
            ("csrf", token.as_str()),
            ("email", "guarded@example.com"),
            ("password", password),
        ];
        guesser.post_form("/login", &fields).status().as_u16()
    };
    for n in 0..5 {
        assert_eq!(guess(&format!("wrong guess number {n}")), 401);
    }
    let guesses = fleet.balancer.logged(5, |line| {
        line.client == "127.0.0.35" && line.request.starts_with("POST /login ")
    });
    assert_eq!(
        instances_in(&guesses),
        both(&fleet),
        "the five guesses were spread over both instances"
    );
    assert_eq!(
        guess(PASSWORD),
        429,
        "the sixth, even the right password, is refused: each instance counted all five"
    );

    // nginx passes the reader's address on and the instances trust it, so
    // the owner, through the same nginx, is not locked out with the guesser.
    let owner_again = Visitor::from(&fleet.balancer, address("127.0.0.34"));
    let fields = [("email", "guarded@example.com"), ("password", PASSWORD)];
    assert_eq!(owner_again.submit("/login", "/login", &fields).status().as_u16(), 303);
}

#[test]
fn killing_one_instance_mid_stream_loses_no_acknowledged_write() {
    let Fleet {
        first,
        second,
        balancer,
    } = Fleet::start(&["--signups-per-hour", "100000"]);
    let victim = first.authority().to_owned();
    let state = StreamState::default();
    let outcomes: Vec<Outcome> = std::thread::scope(|scope| {
        let writers: Vec<_> = (0..4)
            .map(|writer| {
                scope.spawn({
                    let (balancer, state) = (&balancer, &state);
                    move || write_stream(balancer, writer, state)
                })
            })
            .collect();
        wait_for(&state.before_kill, 12);
        first.kill();
        state.killed.store(true, Ordering::SeqCst);
        wait_for(&state.after_kill, 12);
        state.stop.store(true, Ordering::SeqCst);
        writers
            .into_iter()
            .flat_map(|writer| writer.join().expect("writer"))
            .collect()
    });
    let acknowledged: Vec<&Outcome> = outcomes.iter().filter(|outcome| outcome.acknowledged).collect();
    let after_kill = acknowledged.iter().filter(|outcome| outcome.sent_after_kill).count();
    println!(
        "{} sign-ups sent, {} acknowledged ({after_kill} sent after the kill), {} not",
        outcomes.len(),
        acknowledged.len(),
        outcomes.len() - acknowledged.len()
    );
    assert!(
        after_kill >= 12,
        "nginx carried on with the other instance: {after_kill} acknowledged after the kill"
    );

    let acknowledged_by_victim = balancer.logged(1, |line| {
        line.request.starts_with("POST /signup ") && line.status == 303 && line.upstreams.last() == Some(&victim)
    });
    assert!(
        !acknowledged_by_victim.is_empty(),
        "the killed instance had acknowledged sign-ups of its own"
    );

    // Every later request is answered by the survivor.
    let survivor = second.authority().to_owned();
    for n in 0..6 {
        let late = Visitor::from(&balancer, address("127.0.0.50"));
        assert_eq!(try_sign_up(&late, &format!("late-{n}@example.com")), Some(303));
    }
    let late_lines = balancer.logged(12, |line| line.client == "127.0.0.50");
    assert_eq!(late_lines.len(), 12, "a form and a sign-up each");
    assert!(
        late_lines.iter().all(|line| line.upstreams.last() == Some(&survivor)),
        "{late_lines:?}"
    );

    let listed = second.users(&["list"]);
    let missing: Vec<&str> = acknowledged
        .iter()
        .map(|outcome| outcome.email.as_str())
        .filter(|email| !listed.contains(email))
        .collect();
    assert!(missing.is_empty(), "acknowledged sign-ups lost: {missing:?}");
}

/// curl, the command line tool (the test's HTTP client speaks no TLS),
/// trusting nginx's self-signed certificate; returns what it printed.
fn curl(args: &[&str]) -> String {
    let output = std::process::Command::new("curl")
        .args(["--silent", "--show-error", "--insecure", "--http2"])
        .args(args)
        .output()
        .expect("curl must be installed");
    assert!(
        output.status.success(),
        "curl {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `rustprep-tls.conf` as deployed, in front of instances run with
/// `--https`: HTTP/2 over TLS, the instances' HSTS and `__Host-` cookies
/// reach the reader, and plain HTTP is sent to HTTPS.
#[test]
fn the_tls_server_serves_http2_and_sends_plain_http_to_it() {
    let fleet = Fleet::start_with_tls(&["--https"]);
    let (https, redirect) = fleet.balancer.tls_bases();
    let head = curl(&[
        "--dump-header",
        "-",
        "--output",
        "/dev/null",
        &format!("{https}/questions"),
    ]);
    assert!(head.starts_with("HTTP/2 200"), "{head}");
    assert!(head.contains("strict-transport-security: max-age="), "{head}");

    let jar = support::temp_dir("tls-reader").join("cookies.txt");
    let jar = jar.to_str().expect("path");
    let form = curl(&["--cookie-jar", jar, "--cookie", jar, &format!("{https}/signup")]);
    let token = format!("csrf={}", support::csrf_in(&form));
    let signed_up = curl(&[
        "--cookie-jar",
        jar,
        "--cookie",
        jar,
        "--output",
        "/dev/null",
        "--write-out",
        "%{http_code}",
        "--data-urlencode",
        &token,
        "--data-urlencode",
        "email=secure@example.com",
        "--data-urlencode",
        &format!("password={PASSWORD}"),
        &format!("{https}/signup"),
    ]);
    assert_eq!(signed_up, "303");
    assert!(std::fs::read_to_string(jar).expect("jar").contains("__Host-rp_session"));
    let account = curl(&[
        "--cookie",
        jar,
        "--output",
        "/dev/null",
        "--write-out",
        "%{http_code}",
        &format!("{https}/account"),
    ]);
    assert_eq!(account, "200", "signed in over HTTPS");
    let logged = fleet.balancer.logged(1, |line| line.request == "POST /signup HTTP/2.0");
    assert_eq!(logged.first().map(|line| line.status), Some(303));

    let moved = curl(&[
        "--output",
        "/dev/null",
        "--write-out",
        "%{http_code} %{redirect_url}",
        &format!("{redirect}/questions?level=senior"),
    ]);
    assert!(
        moved.starts_with("308 https://") && moved.ends_with("/questions?level=senior"),
        "{moved}"
    );
}
