//! Billing as Stripe really behaves: readers who subscribe again, events
//! delivered at the same moment and out of order, a customer already linked
//! to another account, a second checkout while premium, absurd timestamps.
//! Each test is a reproduction from the 2026-12-06 security review.

mod support;

use serde_json::{Value, json};
use std::sync::Barrier;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use support::{Backend, Reader, Server, WEBHOOK_SECRET, send_webhook, unix_now};

const PASSWORD: &str = "copper-lantern-orchard-9";
const DAY: i64 = 86_400;

/// A signed event of `kind` about `object`, created at `created`.
fn hook(server: &Server, kind: &str, object: Value, created: i64) -> u16 {
    static N: AtomicUsize = AtomicUsize::new(0);
    let id = format!("evt_{}_{}", unix_now(), N.fetch_add(1, Ordering::Relaxed));
    let body = json!({"id": id, "type": kind, "created": created, "data": {"object": object}}).to_string();
    send_webhook(server, &body, WEBHOOK_SECRET, unix_now())
        .status()
        .as_u16()
}

fn premium_until(reader: &Reader) -> Option<i64> {
    let export: Value = reader.get("/account/data").json().expect("export JSON");
    export["account"]["premium_until"].as_i64()
}

fn renewal(customer: &str, subscription: &str, period_end: i64) -> Value {
    json!({"id": subscription, "customer": customer, "status": "active",
           "items": {"data": [{"current_period_end": period_end}]}})
}

/// F1: subscribe, cancel, subscribe again (Stripe made a new customer):
/// renewals and the cancellation of the second subscription apply.
fn a_reader_who_subscribes_again_keeps_renewals_and_cancellations(backend: Backend) {
    let server = Server::start(backend, &[]);
    let reader = Reader::new(&server);
    reader.sign_up("resub@example.com", PASSWORD);
    let user = reader.user_id();
    let t = unix_now();
    let checkout = |customer: &str, created| {
        hook(
            &server,
            "checkout.session.completed",
            json!({"client_reference_id": user, "customer": customer}),
            created,
        )
    };
    assert_eq!(checkout("cus_A", t - 1000), 200);
    let cancel_a = json!({"id": "sub_A", "customer": "cus_A"});
    assert_eq!(hook(&server, "customer.subscription.deleted", cancel_a, t - 800), 200);
    assert_eq!(checkout("cus_B", t - 700), 200);
    let renewed = hook(
        &server,
        "customer.subscription.updated",
        renewal("cus_B", "sub_B", t + 60 * DAY),
        t - 600,
    );
    assert_eq!(renewed, 200);
    assert_eq!(
        premium_until(&reader),
        Some(t + 60 * DAY),
        "the second subscription's renewal applies"
    );
    let cancel_b = json!({"id": "sub_B", "customer": "cus_B"});
    assert_eq!(hook(&server, "customer.subscription.deleted", cancel_b, t - 500), 200);
    assert!(
        premium_until(&reader).is_some_and(|until| until <= unix_now()),
        "and so does its cancellation"
    );
}

#[test]
fn resubscribing_on_sqlite() {
    a_reader_who_subscribes_again_keeps_renewals_and_cancellations(Backend::Sqlite);
}

#[test]
fn resubscribing_on_postgres() {
    a_reader_who_subscribes_again_keeps_renewals_and_cancellations(Backend::Postgres);
}

/// F1 and F11: Checkout is given the customer the reader already has, and a
/// reader with premium is sent to the billing page instead of Stripe.
#[test]
fn checkout_reuses_the_customer_and_refuses_a_second_subscription() {
    let (stripe, requests) = support::fake_stripe();
    let server = Server::launch(
        support::temp_dir("data"),
        None,
        &[],
        &[("STRIPE_API_BASE", stripe.as_str())],
    );
    let reader = Reader::new(&server);
    reader.sign_up("again@example.com", PASSWORD);
    let user = reader.user_id();
    let t = unix_now();
    let completed = json!({"client_reference_id": user, "customer": "cus_first"});
    assert_eq!(hook(&server, "checkout.session.completed", completed, t - 100), 200);

    // The billing page no longer shows the button: a second tab still could.
    let second = reader.submit("/account", "/billing/checkout", &[]);
    assert_eq!(second.status().as_u16(), 303);
    assert_eq!(
        second.headers()["location"],
        "/billing?subscribed=1",
        "a premium reader is not sent to pay twice"
    );
    assert!(
        requests.recv_timeout(Duration::from_millis(500)).is_err(),
        "Stripe was not called"
    );
    assert!(
        reader
            .text("/billing?subscribed=1")
            .contains("You already have premium"),
        "the billing page says why"
    );

    let cancel = json!({"id": "sub_1", "customer": "cus_first"});
    assert_eq!(hook(&server, "customer.subscription.deleted", cancel, t - 50), 200);
    let checkout = reader.submit("/billing", "/billing/checkout", &[]);
    assert_eq!(checkout.status().as_u16(), 303);
    let request = requests
        .recv_timeout(Duration::from_secs(5))
        .expect("Stripe was called");
    assert!(request.contains("customer=cus_first"), "{request}");
    assert!(!request.contains("customer_email"), "{request}");
}

/// F6: a newer renewal and an older cancellation delivered at the same
/// moment; the newer one must win every time.
fn concurrent_out_of_order_events_keep_the_newer_one(backend: Backend) {
    let server = Server::start(backend, &[]);
    let reader = Reader::new(&server);
    reader.sign_up("race@example.com", PASSWORD);
    let user = reader.user_id();
    let base = unix_now() - 3000;
    let completed = json!({"client_reference_id": user, "customer": "cus_race"});
    assert_eq!(hook(&server, "checkout.session.completed", completed, base), 200);
    let pairs = 30;
    let mut wrong = 0;
    for n in 0..pairs {
        let older_at = base + 10 + 10 * n;
        let newer_at = older_at + 5;
        let period_end = unix_now() + (40 + n) * DAY;
        let go = Barrier::new(2);
        let (newer, older) = std::thread::scope(|scope| {
            let newer = scope.spawn(|| {
                go.wait();
                hook(
                    &server,
                    "customer.subscription.updated",
                    renewal("cus_race", "sub_race", period_end),
                    newer_at,
                )
            });
            let older = scope.spawn(|| {
                go.wait();
                let object = json!({"id": "sub_race", "customer": "cus_race"});
                hook(&server, "customer.subscription.deleted", object, older_at)
            });
            (newer.join().expect("thread"), older.join().expect("thread"))
        });
        assert_eq!((newer, older), (200, 200));
        if premium_until(&reader) != Some(period_end) {
            wrong += 1;
        }
    }
    assert_eq!(
        wrong, 0,
        "{wrong} of {pairs} renewals were undone by an older cancellation"
    );
}

#[test]
fn webhook_race_on_sqlite() {
    concurrent_out_of_order_events_keep_the_newer_one(Backend::Sqlite);
}

#[test]
fn webhook_race_on_postgres() {
    concurrent_out_of_order_events_keep_the_newer_one(Backend::Postgres);
}

/// F10: a checkout whose customer is already linked to another account is
/// acknowledged (Stripe would retry a 5xx for days) and the payer is served.
fn a_customer_linked_elsewhere_is_not_a_server_error(backend: Backend) {
    let server = Server::start(backend, &[]);
    let a = Reader::new(&server);
    a.sign_up("a@example.com", PASSWORD);
    let b = Reader::new(&server);
    b.sign_up("b@example.com", PASSWORD);
    let t = unix_now();
    let for_a = json!({"client_reference_id": a.user_id(), "customer": "cus_shared"});
    assert_eq!(hook(&server, "checkout.session.completed", for_a, t - 20), 200);
    let for_b = json!({"client_reference_id": b.user_id(), "customer": "cus_shared"});
    assert_eq!(
        hook(&server, "checkout.session.completed", for_b, t - 10),
        200,
        "acknowledged, not retried"
    );
    assert!(
        premium_until(&b).is_some_and(|until| until > t),
        "the reader who paid has premium"
    );
    assert!(premium_until(&a).is_some_and(|until| until > t), "a keeps theirs");
}

#[test]
fn shared_customer_on_sqlite() {
    a_customer_linked_elsewhere_is_not_a_server_error(Backend::Sqlite);
}

#[test]
fn shared_customer_on_postgres() {
    a_customer_linked_elsewhere_is_not_a_server_error(Backend::Postgres);
}

/// F15: a `created` near i64::MAX is refused, not wrapped into a negative
/// entitlement.
#[test]
fn absurd_event_times_are_refused() {
    let server = Server::start(Backend::Sqlite, &[]);
    let reader = Reader::new(&server);
    reader.sign_up("max@example.com", PASSWORD);
    let object = json!({"client_reference_id": reader.user_id(), "customer": "cus_max"});
    let status = hook(&server, "checkout.session.completed", object.clone(), i64::MAX);
    assert_eq!(status, 400, "refused");
    assert_eq!(premium_until(&reader), None, "and nothing changed");
    let far_end = renewal("cus_max", "sub_max", i64::MAX);
    assert_eq!(hook(&server, "checkout.session.completed", object, unix_now()), 200);
    hook(&server, "customer.subscription.updated", far_end, unix_now());
    assert!(
        premium_until(&reader).is_some_and(|until| until > unix_now() && until <= unix_now() + 3700 * DAY),
        "a period end past any real subscription is clamped"
    );
}
