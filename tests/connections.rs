//! Slow and idle clients cannot hold the server (review F2): a connection
//! that sends nothing, a body sent a byte at a time and a quiet HTTP/2
//! connection are all dropped, and a full house of idle sockets does not stop
//! the site from serving. The server runs with short timeouts and a small
//! connection cap (hidden flags), so this takes seconds, not minutes; the
//! 1,100-socket measurement is `bench/slow-clients.py`.

mod support;

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};
use support::{Backend, Server};

/// Generous: the server is told 2 s; a loaded 2-core machine may be slow.
const CLOSED_WITHIN: Duration = Duration::from_secs(20);

/// Writes `first`, then `drip` once a second, until the server closes the
/// connection; returns how long that took (or `None` if it never did).
fn closed_after(server: &Server, first: &[u8], drip: &[u8]) -> Option<Duration> {
    let mut stream = TcpStream::connect(server.authority()).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(1))).expect("timeout");
    stream.write_all(first).expect("write");
    let started = Instant::now();
    let mut buffer = [0u8; 4096];
    while started.elapsed() < CLOSED_WITHIN {
        match stream.read(&mut buffer) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => {} // an error answer (408); the close follows
            Err(error) if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                if !drip.is_empty() && stream.write_all(drip).is_err() {
                    return Some(started.elapsed());
                }
            }
            Err(_) => return Some(started.elapsed()),
        }
    }
    None
}

#[test]
fn idle_slow_and_quiet_connections_are_dropped() {
    let server = Server::start(Backend::Sqlite, &["--idle-timeout", "2", "--body-timeout", "2"]);
    let slow_body = b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
                      Content-Length: 99999\r\n\r\n";
    let mut h2 = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec();
    h2.extend_from_slice(&[0, 0, 0, 4, 0, 0, 0, 0, 0]); // an empty SETTINGS frame
    let cases: [(&str, &[u8], &[u8]); 3] = [
        ("nothing sent", b"", b""),
        ("a body at 1 byte/s", slow_body, b"a"),
        ("an HTTP/2 preface, then quiet", &h2, b""),
    ];
    let outcomes: Vec<(&str, Option<Duration>)> = std::thread::scope(|scope| {
        let running: Vec<_> = cases
            .iter()
            .map(|(name, first, drip)| (*name, scope.spawn(|| closed_after(&server, first, drip))))
            .collect();
        running
            .into_iter()
            .map(|(name, handle)| (name, handle.join().expect("thread")))
            .collect()
    });
    for (name, outcome) in &outcomes {
        println!("{name}: closed by the server after {outcome:?}");
    }
    let open: Vec<&str> = outcomes
        .iter()
        .filter(|(_, outcome)| outcome.is_none())
        .map(|(name, _)| *name)
        .collect();
    assert!(open.is_empty(), "still open after {CLOSED_WITHIN:?}: {open:?}");
}

#[test]
fn a_full_house_of_idle_sockets_does_not_stop_the_site() {
    let server = Server::start(Backend::Sqlite, &["--max-connections", "16"]);
    let held: Vec<TcpStream> = (0..48)
        .map(|_| TcpStream::connect(server.authority()).expect("connect"))
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let http = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");
    let served = (0..5)
        .filter(|_| {
            http.get(server.url("/"))
                .send()
                .is_ok_and(|response| response.status().as_u16() == 200)
        })
        .count();
    assert_eq!(served, 5, "requests served while 48 idle sockets are open");
    let still_held = held
        .iter()
        .filter(|stream| {
            stream.set_nonblocking(true).expect("nonblocking");
            let mut byte = [0u8; 1];
            matches!((&**stream).read(&mut byte), Err(error) if error.kind() == ErrorKind::WouldBlock)
        })
        .count();
    println!("{still_held} of 48 idle sockets still held by the server (cap 16)");
    assert!(still_held <= 16, "{still_held} idle sockets held, over the cap of 16");
}
