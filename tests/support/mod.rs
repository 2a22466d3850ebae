//! The real server, started once per test binary on a free port, and a
//! client that does not follow redirects (tests check them).

#![allow(dead_code, reason = "each test binary uses part of the support code")]

use reqwest::blocking::{Client, Response};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::LazyLock;

/// A running `rustprep serve`. It exits when the test binary exits, because
/// it is started with `--exit-on-stdin-close` and we hold its stdin.
pub struct Server {
    pub base: String,
    _child: Child,
}

pub static SERVER: LazyLock<Server> = LazyLock::new(|| Server::start(&[]));

impl Server {
    pub fn start(extra_args: &[&str]) -> Server {
        let data_dir = std::env::temp_dir().join(format!("rustprep-test-{}", std::process::id()));
        let mut child = Command::new(env!("CARGO_BIN_EXE_rustprep"))
            .args(["serve", "--addr", "127.0.0.1:0", "--exit-on-stdin-close", "--data-dir"])
            .arg(&data_dir)
            .args(extra_args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start rustprep serve");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut first_line = String::new();
        BufReader::new(stdout)
            .read_line(&mut first_line)
            .expect("read the listening line");
        let base = first_line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line from the server: {first_line:?}"))
            .to_owned();
        Server { base, _child: child }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
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
