//! nginx as the load balancer, run from `deploy/nginx/` as a child process
//! (`daemon off`, every path under a temporary directory, free ports), and
//! its access log, which names the instance that answered each request.

use super::nginx_conf::{Ports, write_config};
use crate::support::temp_dir;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running nginx in front of the instances; stopped when dropped.
pub struct Balancer {
    ports: Ports,
    dir: PathBuf,
    child: Child,
}

/// One line of nginx's access log (the `rustprep` format of `deploy/`).
#[derive(Debug, Clone)]
pub struct Logged {
    /// The reader's address as nginx saw it.
    pub client: String,
    /// `POST /login HTTP/1.1`
    pub request: String,
    pub status: u16,
    /// Every instance nginx tried, in order (`host:port`).
    pub upstreams: Vec<String>,
}

impl Balancer {
    /// Starts nginx balancing `instances` (`host:port` each) on free ports:
    /// the plain-HTTP server of `rustprep.conf`, and with `tls` also the
    /// servers of `rustprep-tls.conf` (a self-signed certificate).
    pub fn start(instances: [&str; 2], tls: bool) -> Balancer {
        let dir = temp_dir("nginx");
        for sub in ["logs", "temp"] {
            std::fs::create_dir_all(dir.join(sub)).expect("nginx dirs");
        }
        let mut last_error = String::new();
        // A free port found by binding it may be taken by another test
        // before nginx binds it: then try another.
        for _ in 0..5 {
            let ports = Ports {
                plain: free_port(),
                tls: tls.then(|| (free_port(), free_port())),
            };
            write_config(&dir, &ports, instances);
            let mut child = nginx(&dir)
                .stderr(Stdio::null())
                .spawn()
                .expect("start nginx (Debian package nginx; scripts/test installs it)");
            if wait_until_listening(&mut child, ports.last()) {
                return Balancer { ports, dir, child };
            }
            let _ = child.kill();
            let _ = child.wait();
            last_error = std::fs::read_to_string(dir.join("logs/error.log")).unwrap_or_default();
        }
        panic!("nginx did not start: {last_error}");
    }

    /// The site's address through nginx's plain-HTTP server.
    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.ports.plain)
    }

    /// The HTTPS server's address, and the plain one that sends readers to it.
    pub fn tls_bases(&self) -> (String, String) {
        let (https, redirect) = self.ports.tls.expect("started with tls");
        (
            format!("https://127.0.0.1:{https}"),
            format!("http://127.0.0.1:{redirect}"),
        )
    }

    /// The access log's lines that `wanted` picks, waiting (up to 5 s) until
    /// there are at least `count`: nginx writes a line just after answering.
    pub fn logged(&self, count: usize, wanted: impl Fn(&Logged) -> bool) -> Vec<Logged> {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let lines: Vec<Logged> = self.access_log().into_iter().filter(|line| wanted(line)).collect();
            if lines.len() >= count || Instant::now() > deadline {
                return lines;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn access_log(&self) -> Vec<Logged> {
        std::fs::read_to_string(self.dir.join("logs/access.log"))
            .unwrap_or_default()
            .lines()
            .map(|line| parse_line(line).unwrap_or_else(|| panic!("unexpected access log line: {line}")))
            .collect()
    }
}

impl Drop for Balancer {
    /// `nginx -s stop` (SIGTERM to the master named in the pid file: a fast
    /// shutdown that takes the workers with it); SIGKILL to the master
    /// alone would leave its workers running.
    fn drop(&mut self) {
        let stopped = nginx(&self.dir)
            .args(["-s", "stop"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if !stopped {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// nginx on the files in `dir`.
fn nginx(dir: &Path) -> Command {
    let mut command = Command::new(nginx_binary());
    command
        .arg("-p")
        .arg(dir)
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .arg("-e")
        .arg(dir.join("logs/error.log"))
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    command
}

/// `127.0.0.21 [time] "POST /login HTTP/1.1" 401 1234 upstream=A, B upstream_status=...`
fn parse_line(line: &str) -> Option<Logged> {
    let client = line.split(' ').next()?.to_owned();
    let (_, rest) = line.split_once('"')?;
    let (request, rest) = rest.split_once('"')?;
    let status = rest.split_whitespace().next()?.parse().ok()?;
    let (_, upstream) = rest.split_once(" upstream=")?;
    let (upstream, _) = upstream.split_once(" upstream_status=")?;
    Some(Logged {
        client,
        request: request.to_owned(),
        status,
        upstreams: upstream.split(", ").map(str::to_owned).collect(),
    })
}

fn nginx_binary() -> PathBuf {
    ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"]
        .iter()
        .map(PathBuf::from)
        .find(|path| path.exists())
        .unwrap_or_else(|| PathBuf::from("nginx"))
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("address").port()
}

/// Whether nginx accepts connections on `port` (its last listener to open)
/// before it exits or 10 s pass.
fn wait_until_listening(child: &mut Child, port: u16) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        if matches!(child.try_wait(), Ok(Some(_))) {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}
