//! The real server, started on a free port, and clients that act like
//! readers (a cookie jar, no automatic redirects, forms posted with their
//! CSRF token).

#![allow(dead_code, reason = "each test binary uses part of the support code")]

pub mod practice;
mod reader;
pub mod smtp;

#[allow(unused_imports, reason = "each test binary uses part of the support code")]
pub use reader::{Reader, csrf_in};

use reqwest::blocking::{Client, Response};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::LazyLock;
use std::sync::mpsc;
use store::SESSION_CACHE_TTL;

/// The webhook secret every test server is configured with.
pub const WEBHOOK_SECRET: &str = "whsec_test_secret";

/// A running `rustprep serve`. It is killed when dropped (a test's servers
/// end with the test, not with the test binary), and exits when the test
/// binary exits (it is started with `--exit-on-stdin-close` and we hold its
/// stdin), as the shared `SERVER`, never dropped, does.
pub struct Server {
    pub base: String,
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    child: Child,
}

/// The shared read-only server for page tests (SQLite, built-in bank).
pub static SERVER: LazyLock<Server> = LazyLock::new(|| Server::start(Backend::Sqlite, &[]));

/// Which database a server uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub fn temp_dir(label: &str) -> PathBuf {
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("rustprep-{label}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A new, empty PostgreSQL database on the machine's server.
pub fn fresh_postgres() -> String {
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!("rustprep_test_{}_{n}", std::process::id());
    let status = Command::new("psql")
        .args(["-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-q", "-c"])
        .arg(format!("DROP DATABASE IF EXISTS {name}"))
        .arg("-c")
        .arg(format!("CREATE DATABASE {name}"))
        .stdout(Stdio::null())
        .status()
        .expect("psql must be installed");
    assert!(
        status.success(),
        "PostgreSQL must be running at 127.0.0.1:5432 for these tests"
    );
    format!("postgres://postgres@127.0.0.1:5432/{name}")
}

impl Drop for Server {
    /// Kills the process and waits for it, so that nothing it holds (its
    /// data directory's lock, database connections, the test's output)
    /// outlives the test.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub fn start(backend: Backend, extra_args: &[&str]) -> Server {
        let data_dir = temp_dir("data");
        let database_url = (backend == Backend::Postgres).then(fresh_postgres);
        Server::launch(data_dir, database_url, extra_args, &[])
    }

    /// Starts a server on a given data directory / database, with extra
    /// arguments and environment.
    pub fn launch(
        data_dir: PathBuf,
        database_url: Option<String>,
        extra_args: &[&str],
        env: &[(&str, &str)],
    ) -> Server {
        Server::launch_logged(data_dir, database_url, extra_args, env, None)
    }

    /// Like `launch`; with `logs`, standard error goes to `logs/stderr.log`
    /// and standard output after the first line to `logs/stdout.log`.
    pub fn launch_logged(
        data_dir: PathBuf,
        database_url: Option<String>,
        extra_args: &[&str],
        env: &[(&str, &str)],
        logs: Option<&Path>,
    ) -> Server {
        let stderr = match logs {
            Some(dir) => Stdio::from(std::fs::File::create(dir.join("stderr.log")).expect("stderr log")),
            None => Stdio::inherit(),
        };
        let mut command = Command::new(env!("CARGO_BIN_EXE_rustprep"));
        command
            .args(["serve", "--addr", "127.0.0.1:0", "--exit-on-stdin-close", "--data-dir"])
            .arg(&data_dir)
            .args(extra_args)
            .env_remove("DATABASE_URL")
            // Mail only where a test asks for it (`--smtp-url`).
            .env_remove("SMTP_URL")
            .env_remove("MAIL_FROM")
            .env("STRIPE_SECRET_KEY", "sk_test_key")
            .env("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET)
            .env("STRIPE_PRICE_ID", "price_test_monthly")
            .env("RUST_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr);
        if let Some(url) = &database_url {
            command.env("DATABASE_URL", url);
        }
        command.envs(env.iter().copied());
        let mut child = command.spawn().expect("start rustprep serve");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut first_line = String::new();
        let mut stdout = BufReader::new(stdout);
        stdout.read_line(&mut first_line).expect("read the listening line");
        if let Some(dir) = logs {
            let mut file = std::fs::File::create(dir.join("stdout.log")).expect("stdout log");
            std::thread::spawn(move || std::io::copy(&mut stdout, &mut file));
        }
        let base = first_line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line from the server: {first_line:?}"))
            .to_owned();
        Server {
            base,
            data_dir,
            database_url,
            child,
        }
    }

    /// The server's process id (to read its memory from `/proc`).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The server's address as `host:port`, for raw sockets.
    pub fn authority(&self) -> &str {
        self.base.trim_start_matches("http://")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Ends the process at once, as a crash would (SIGKILL).
    pub fn kill(self) {
        drop(self);
    }

    /// Sends SIGTERM, as an orchestrator stopping the server does.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -TERM");
    }

    /// The exit status, once the process has exited within `limit`.
    pub fn exit_status(mut self, limit: std::time::Duration) -> Option<std::process::ExitStatus> {
        let started = std::time::Instant::now();
        while started.elapsed() < limit {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return Some(status);
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        None
    }

    /// Runs `rustprep users ...` against this server's database. A command
    /// that changes access (`grant`, `revoke`) runs in another process, so
    /// the server learns of it when its session cache entries expire: we
    /// wait that long, as an operator's change is promised to apply within it.
    pub fn users(&self, args: &[&str]) -> String {
        let mut command = Command::new(env!("CARGO_BIN_EXE_rustprep"));
        command
            .arg("users")
            .arg("--data-dir")
            .arg(&self.data_dir)
            .args(args)
            .env_remove("DATABASE_URL");
        if let Some(url) = &self.database_url {
            command.env("DATABASE_URL", url);
        }
        let output = command.output().expect("run rustprep users");
        assert!(
            output.status.success(),
            "rustprep users {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        if matches!(args.first(), Some(&("grant" | "revoke"))) {
            std::thread::sleep(SESSION_CACHE_TTL + std::time::Duration::from_millis(100));
        }
        String::from_utf8_lossy(&output.stdout).into_owned()
    }
}

pub fn client() -> Client {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client")
}

pub fn get(path: &str) -> Response {
    client()
        .get(SERVER.url(path))
        .send()
        .unwrap_or_else(|error| panic!("GET {path}: {error}"))
}

/// GETs a page and returns its body, asserting the status.
pub fn page(path: &str, status: u16) -> String {
    let response = get(path);
    assert_eq!(response.status().as_u16(), status, "GET {path}");
    response.text().expect("body")
}

pub fn json(path: &str) -> serde_json::Value {
    let response = get(path);
    assert_eq!(response.status().as_u16(), 200, "GET {path}");
    response.json().expect("JSON body")
}

/// Every question the API lists, following its pages.
pub fn all_questions() -> Vec<serde_json::Value> {
    let mut questions = Vec::new();
    for page in 1.. {
        let body = json(&format!("/api/v1/questions?page={page}"));
        questions.extend(body["questions"].as_array().expect("questions array").iter().cloned());
        if body["next"].is_null() {
            return questions;
        }
    }
    unreachable!("the pages end")
}

/// Where a redirect answer points, asserting it is permanent.
pub fn redirect_target(path: &str) -> String {
    let response = get(path);
    assert!(
        matches!(response.status().as_u16(), 301 | 308),
        "GET {path}: expected a permanent redirect, got {}",
        response.status()
    );
    response.headers()["location"]
        .to_str()
        .expect("ascii location")
        .to_owned()
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Sends a Stripe event to a server's webhook, signed with `secret` at `timestamp`.
pub fn send_webhook(server: &Server, payload: &str, secret: &str, timestamp: i64) -> Response {
    client()
        .post(server.url("/billing/webhook"))
        .header(
            "stripe-signature",
            web::stripe::sign(payload.as_bytes(), secret, timestamp),
        )
        .header("content-type", "application/json")
        .body(payload.to_owned())
        .send()
        .expect("POST webhook")
}

pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// A one-request stand-in for Stripe's API: answers a Checkout session and
/// hands back the form body it received.
pub fn fake_stripe() -> (String, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else { return };
        let mut reader = BufReader::new(stream.try_clone().expect("clone"));
        let mut head = String::new();
        let mut length = 0;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                break;
            }
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = value.trim().parse().unwrap_or(0);
            }
            head.push_str(&line);
        }
        let mut body = vec![0; length];
        let _ = reader.read_exact(&mut body);
        let answer = r#"{"id":"cs_test_1","url":"https://checkout.stripe.test/c/cs_test_1"}"#;
        let _ = write!(
            stream,
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{answer}",
            answer.len()
        );
        let _ = sender.send(format!("{head}\n{}", String::from_utf8_lossy(&body)));
    });
    (base, receiver)
}
