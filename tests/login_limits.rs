//! Login and sign-up limits that hold under attack (review F3, F4, F5, F9):
//! parallel guesses are limited like serial ones, a burst of logins neither
//! runs away with memory nor hangs (503 with Retry-After past a bound),
//! readers behind a trusted proxy are told apart, IPv6 is grouped by /64,
//! and one address cannot sign up without end.

mod support;

use std::net::IpAddr;
use std::sync::Barrier;
use support::{Backend, Reader, Server};

const PASSWORD: &str = "saffron-ladder-comet-31";

/// F5: 60 wrong guesses at once on one account from one address: at most 5
/// are checked, as when they come one by one; then even the right one waits.
fn parallel_guesses_are_limited_like_serial_ones(backend: Backend) {
    let server = Server::start(backend, &[]);
    Reader::new(&server).sign_up("target@example.com", PASSWORD);
    let guessers: Vec<(Reader, String)> = (0..60)
        .map(|_| {
            let reader = Reader::new(&server);
            let token = reader.csrf("/login");
            (reader, token)
        })
        .collect();
    let go = Barrier::new(guessers.len());
    let codes: Vec<u16> = std::thread::scope(|scope| {
        let running: Vec<_> = guessers
            .iter()
            .enumerate()
            .map(|(n, (reader, token))| {
                let go = &go;
                scope.spawn(move || {
                    let guess = format!("wrong guess number {n:02}");
                    let fields = [
                        ("csrf", token.as_str()),
                        ("email", "target@example.com"),
                        ("password", guess.as_str()),
                    ];
                    go.wait();
                    reader.post_form("/login", &fields).status().as_u16()
                })
            })
            .collect();
        running.into_iter().map(|h| h.join().expect("thread")).collect()
    });
    let checked = codes.iter().filter(|&&code| code == 401).count();
    let limited = codes.iter().filter(|&&code| code == 429).count();
    println!("parallel guesses checked: {checked} of 60 (limit 5), refused: {limited}");
    assert_eq!(checked + limited, 60, "{codes:?}");
    assert!(checked <= 5, "{checked} of 60 parallel guesses were checked");
    // A burst may get fewer than 5 through; with the guesses after it, the
    // window still allows exactly 5 checks, as for serial guesses.
    let guesser = Reader::new(&server);
    let serial = (0..10)
        .take_while(|_| {
            guesser
                .log_in("target@example.com", "one more wrong guess")
                .status()
                .as_u16()
                == 401
        })
        .count();
    assert_eq!(checked + serial, 5, "{checked} in the burst, {serial} after it");
    assert_eq!(
        guesser.log_in("target@example.com", PASSWORD).status().as_u16(),
        429,
        "then even the right password waits"
    );
}

#[test]
fn parallel_guesses_on_sqlite() {
    parallel_guesses_are_limited_like_serial_ones(Backend::Sqlite);
}

#[test]
fn parallel_guesses_on_postgres() {
    parallel_guesses_are_limited_like_serial_ones(Backend::Postgres);
}

fn peak_memory_kb(server: &Server) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.pid())).expect("status");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM")
}

/// F3: 120 logins at once from 12 addresses (within every address limit):
/// password hashing is bounded, so peak memory stays flat, and what does not
/// fit is told to come back (503 with Retry-After), not queued without end.
#[test]
fn a_burst_of_logins_keeps_memory_flat() {
    let server = Server::start(Backend::Sqlite, &[]);
    let addresses: Vec<IpAddr> = (10..22)
        .map(|n| format!("127.0.0.{n}").parse().expect("address"))
        .collect();
    let readers: Vec<Reader> = addresses
        .iter()
        .flat_map(|address| (0..10).map(|_| Reader::from_address(&server, Some(*address))))
        .collect();
    // One login first, so start-up costs (the dummy hash) are in the baseline.
    Reader::new(&server).log_in("warm@example.com", PASSWORD);
    let before = peak_memory_kb(&server);
    let go = Barrier::new(readers.len());
    let answers: Vec<(u16, bool)> = std::thread::scope(|scope| {
        let running: Vec<_> = readers
            .iter()
            .enumerate()
            .map(|(n, reader)| {
                let go = &go;
                scope.spawn(move || {
                    let body = format!(r#"{{"email":"nobody{n}@example.com","password":"guess guess guess"}}"#);
                    let request = reader
                        .http
                        .post(reader.server.url("/api/v1/session"))
                        .header("content-type", "application/json")
                        .body(body);
                    go.wait();
                    let response = request.send().expect("answer");
                    (
                        response.status().as_u16(),
                        response.headers().contains_key("retry-after"),
                    )
                })
            })
            .collect();
        running.into_iter().map(|h| h.join().expect("thread")).collect()
    });
    let after = peak_memory_kb(&server);
    let checked = answers.iter().filter(|(code, _)| *code == 401).count();
    let shed = answers.iter().filter(|(code, _)| *code == 503).count();
    println!(
        "120 parallel logins: {checked} checked, {shed} told to retry; peak memory {} MB -> {} MB",
        before / 1024,
        after / 1024
    );
    assert_eq!(checked + shed, 120, "only 401 or 503: {answers:?}");
    assert!(checked >= 2, "some logins are checked");
    assert!(
        answers.iter().all(|(code, retry)| *code != 503 || *retry),
        "every 503 says when to retry"
    );
    assert!(
        after - before < 300 * 1024,
        "peak memory grew by {} MB",
        (after - before) / 1024
    );
}

/// F4: behind a trusted proxy, one reader's failures do not lock out the
/// others; a client that is not the proxy cannot pick its address.
#[test]
fn behind_a_trusted_proxy_readers_are_told_apart() {
    let server = Server::start(Backend::Sqlite, &["--trusted-proxy", "127.0.0.1/32, 10.0.0.0/8"]);
    let via_proxy = |client: &str| Reader::with_headers(&server, None, &[("x-forwarded-for", client)]);
    via_proxy("198.51.100.1").sign_up("owner@example.com", PASSWORD);
    let sprayer = via_proxy("203.0.113.7");
    for n in 0..30 {
        let email = format!("spray{n}@example.com");
        assert_eq!(sprayer.log_in(&email, "spray password 1").status().as_u16(), 401);
    }
    assert_eq!(
        sprayer.log_in("x@example.com", "spray password 1").status().as_u16(),
        429
    );
    assert_eq!(
        via_proxy("198.51.100.1")
            .log_in("owner@example.com", PASSWORD)
            .status()
            .as_u16(),
        303,
        "the owner, through the same proxy, is not locked out"
    );
    // Not the proxy: X-Forwarded-For is ignored, so rotating it does not help.
    let elsewhere: IpAddr = "127.0.0.2".parse().expect("address");
    for n in 0..30 {
        let spoofer = Reader::with_headers(
            &server,
            Some(elsewhere),
            &[("x-forwarded-for", &format!("192.0.2.{n}"))],
        );
        spoofer.log_in(&format!("s{n}@example.com"), "spray password 1");
    }
    let spoofer = Reader::with_headers(&server, Some(elsewhere), &[("x-forwarded-for", "192.0.2.200")]);
    assert_eq!(spoofer.log_in("owner@example.com", PASSWORD).status().as_u16(), 429);
}

/// The design note: IPv6 clients are grouped by /64 (one host holds 2^64
/// addresses), read here from a `Forwarded` header set by the trusted proxy.
#[test]
fn ipv6_addresses_are_limited_per_64() {
    let server = Server::start(Backend::Sqlite, &["--trusted-proxy", "127.0.0.1"]);
    let from =
        |address: &str| Reader::with_headers(&server, None, &[("forwarded", &format!("for=\"[{address}]:4711\""))]);
    from("2001:db8:1:2::1").sign_up("six@example.com", PASSWORD);
    for n in 1..=5 {
        let guesser = from(&format!("2001:db8:1:2::{n:x}"));
        assert_eq!(
            guesser.log_in("six@example.com", "wrong wrong wrong").status().as_u16(),
            401
        );
    }
    assert_eq!(
        from("2001:db8:1:2:ffff::9")
            .log_in("six@example.com", PASSWORD)
            .status()
            .as_u16(),
        429,
        "the same /64"
    );
    assert_eq!(
        from("2001:db8:1:3::1")
            .log_in("six@example.com", PASSWORD)
            .status()
            .as_u16(),
        303,
        "another /64"
    );
}

/// F9 (the part that is ours): sign-ups per address are limited.
#[test]
fn sign_ups_from_one_address_are_limited() {
    let server = Server::start(Backend::Sqlite, &[]);
    let created = (0..25)
        .filter(|n| {
            let code = Reader::new(&server)
                .sign_up(&format!("bulk{n}@example.com"), PASSWORD)
                .status()
                .as_u16();
            assert!(code == 303 || code == 429, "{code}");
            code == 303
        })
        .count();
    println!("{created} of 25 sign-ups from one address created");
    assert_eq!(created, 20, "20 sign-ups per address per hour");
    let elsewhere = Reader::from_address(&server, Some("127.0.0.3".parse().expect("address")));
    assert_eq!(elsewhere.sign_up("other@example.com", PASSWORD).status().as_u16(), 303);
}
