//! A stream of writes through nginx: readers signing up without pause, each
//! sign-up noted with what it got back and whether it was sent after one
//! instance was killed.

use super::Visitor;
use super::balancer::Balancer;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub const PASSWORD: &str = "stream-of-sign-ups-77";

/// What one sign-up of the stream got back.
pub struct Outcome {
    pub email: String,
    pub acknowledged: bool,
    pub sent_after_kill: bool,
}

/// A sign-up from a fresh browser; `None` when no answer came at all.
pub fn try_sign_up(visitor: &Visitor, email: &str) -> Option<u16> {
    let form = visitor.http.get(visitor.url("/signup")).send().ok()?.text().ok()?;
    let token = form.split("name=\"csrf\" value=\"").nth(1)?.split('"').next()?;
    let fields = [("csrf", token), ("email", email), ("password", PASSWORD)];
    let response = visitor.http.post(visitor.url("/signup")).form(&fields).send().ok()?;
    Some(response.status().as_u16())
}

/// One writer: sign-ups through nginx until told to stop.
pub fn write_stream(balancer: &Balancer, writer: usize, state: &StreamState) -> Vec<Outcome> {
    let from: IpAddr = format!("127.0.0.{}", 40 + writer).parse().expect("address");
    let mut outcomes = Vec::new();
    for n in 0..300 {
        if state.stop.load(Ordering::SeqCst) {
            break;
        }
        let sent_after_kill = state.killed.load(Ordering::SeqCst);
        let email = format!("stream-{writer}-{n}@example.com");
        let acknowledged = try_sign_up(&Visitor::from(balancer, from), &email) == Some(303);
        if acknowledged {
            let counter = if sent_after_kill {
                &state.after_kill
            } else {
                &state.before_kill
            };
            counter.fetch_add(1, Ordering::SeqCst);
        }
        outcomes.push(Outcome {
            email,
            acknowledged,
            sent_after_kill,
        });
    }
    outcomes
}

/// What the writers and the test share: the kill and stop signals, and
/// sign-ups acknowledged before and after the kill.
#[derive(Default)]
pub struct StreamState {
    pub killed: AtomicBool,
    pub stop: AtomicBool,
    pub before_kill: AtomicUsize,
    pub after_kill: AtomicUsize,
}

/// Waits until `counter` reaches `target` (or a minute passes: the
/// assertions after it then say what happened).
pub fn wait_for(counter: &AtomicUsize, target: usize) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while counter.load(Ordering::SeqCst) < target && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
}
