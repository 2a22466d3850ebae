//! No acknowledged write is lost: kill the server with SIGKILL in the middle
//! of a burst of sign-ups, then check every sign-up it acknowledged is there.

mod support;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::{Backend, Server};

#[test]
fn a_crash_mid_burst_loses_no_acknowledged_sign_up() {
    // Hundreds of sign-ups from one address: lift the per-address limit.
    let server = Server::start(Backend::Sqlite, &["--signups-per-hour", "100000"]);
    let data_dir = server.data_dir.clone();
    let base = server.base.clone();
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let started = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> = (0..6)
        .map(|worker| {
            let (acknowledged, started, stop, base) =
                (acknowledged.clone(), started.clone(), stop.clone(), base.clone());
            std::thread::spawn(move || {
                for n in 0..200 {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let http = reqwest::blocking::Client::builder()
                        .redirect(reqwest::redirect::Policy::none())
                        .cookie_store(true)
                        .timeout(Duration::from_secs(10))
                        .build()
                        .expect("client");
                    let Ok(form) = http.get(format!("{base}/signup")).send().and_then(|r| r.text()) else {
                        break;
                    };
                    let csrf = support::csrf_in(&form);
                    let email = format!("burst-{worker}-{n}@example.com");
                    started.fetch_add(1, Ordering::Relaxed);
                    let fields = [
                        ("csrf", csrf.as_str()),
                        ("email", email.as_str()),
                        ("password", "burst-of-signups-42"),
                    ];
                    match http.post(format!("{base}/signup")).form(&fields).send() {
                        Ok(response) if response.status().as_u16() == 303 => {
                            acknowledged.lock().expect("lock").push(email);
                        }
                        _ => break,
                    }
                }
            })
        })
        .collect();
    // Let the burst get going, then crash the server under it.
    while acknowledged.lock().expect("lock").len() < 20 {
        std::thread::sleep(Duration::from_millis(5));
    }
    server.kill();
    stop.store(true, Ordering::Relaxed);
    for worker in workers {
        let _ = worker.join();
    }
    let acknowledged = acknowledged.lock().expect("lock").clone();
    assert!(acknowledged.len() < 6 * 200, "the crash cut the burst short");
    println!(
        "{} sign-ups sent, {} acknowledged",
        started.load(Ordering::Relaxed),
        acknowledged.len()
    );
    let restarted = Server::launch(data_dir, None, &[], &[]);
    let listed = restarted.users(&["list"]);
    let missing: Vec<&String> = acknowledged
        .iter()
        .filter(|email| !listed.contains(email.as_str()))
        .collect();
    println!(
        "{} sign-ups acknowledged before SIGKILL; {} missing after restart",
        acknowledged.len(),
        missing.len()
    );
    assert!(missing.is_empty(), "acknowledged sign-ups lost: {missing:?}");
}
