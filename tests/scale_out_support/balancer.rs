//! nginx as the load balancer, run from `deploy/nginx/` as a child process
//! (`daemon off`, every path under a temporary directory, a free port), and
//! its access log, which names the instance that answered each request.

use crate::support::{repo_root, temp_dir};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The addresses and paths `deploy/nginx/rustprep.conf` is written with,
/// which the test replaces with its own.
const DEPLOYED_FIRST: &str = "server 127.0.0.1:8081 ";
const DEPLOYED_SECOND: &str = "server 127.0.0.1:8082 ";
const DEPLOYED_LISTEN: &str = "listen 127.0.0.1:8080;";
const DEPLOYED_ACCESS_LOG: &str = "/var/log/nginx/rustprep.access.log";
const DEPLOYED_PROXY_CONF: &str = "/etc/nginx/rustprep/proxy.conf";

/// A running nginx in front of the instances; stopped when dropped.
pub struct Balancer {
    port: u16,
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
    /// Starts nginx balancing `instances` (`host:port` each) on a free port.
    pub fn start(instances: [&str; 2]) -> Balancer {
        let dir = temp_dir("nginx");
        for sub in ["logs", "temp"] {
            std::fs::create_dir_all(dir.join(sub)).expect("nginx dirs");
        }
        let mut last_error = String::new();
        // A free port found by binding it may be taken by another test
        // before nginx binds it: then try another.
        for _ in 0..5 {
            let port = free_port();
            write_config(&dir, port, instances);
            let mut child = Command::new(nginx_binary())
                .arg("-p")
                .arg(&dir)
                .arg("-c")
                .arg(dir.join("nginx.conf"))
                .arg("-e")
                .arg(dir.join("logs/error.log"))
                .stdin(Stdio::null())
                .spawn()
                .expect("start nginx (Debian package nginx; scripts/test installs it)");
            if wait_until_listening(&mut child, port) {
                return Balancer { port, dir, child };
            }
            let _ = child.kill();
            let _ = child.wait();
            last_error = std::fs::read_to_string(dir.join("logs/error.log")).unwrap_or_default();
        }
        panic!("nginx did not start: {last_error}");
    }

    /// The site's address through nginx.
    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
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
    /// SIGTERM: nginx's fast shutdown, workers included.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
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

/// Whether nginx accepts connections on `port` before it exits or 10 s pass.
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

/// nginx's main file (process, paths under `dir`) including the site file
/// made from `deploy/nginx/rustprep.conf`.
fn write_config(dir: &Path, port: u16, instances: [&str; 2]) {
    let deployed = repo_root().join("deploy/nginx");
    let template = std::fs::read_to_string(deployed.join("rustprep.conf")).expect("deploy/nginx/rustprep.conf");
    let access_log = dir.join("logs/access.log");
    let proxy_conf = deployed.join("proxy.conf");
    let site = replace_each(
        &template,
        &[
            (DEPLOYED_FIRST, format!("server {} ", instances[0])),
            (DEPLOYED_SECOND, format!("server {} ", instances[1])),
            (DEPLOYED_LISTEN, format!("listen 127.0.0.1:{port};")),
            (DEPLOYED_ACCESS_LOG, access_log.display().to_string()),
            (DEPLOYED_PROXY_CONF, proxy_conf.display().to_string()),
        ],
    );
    std::fs::write(dir.join("rustprep.conf"), site).expect("write rustprep.conf");
    let temp = dir.join("temp");
    let main = format!(
        "daemon off;\n\
         worker_processes 2;\n\
         pid {pid};\n\
         error_log {error_log} warn;\n\
         events {{ worker_connections 512; }}\n\
         http {{\n\
         \x20   client_body_temp_path {temp}/body;\n\
         \x20   proxy_temp_path {temp}/proxy;\n\
         \x20   fastcgi_temp_path {temp}/fastcgi;\n\
         \x20   uwsgi_temp_path {temp}/uwsgi;\n\
         \x20   scgi_temp_path {temp}/scgi;\n\
         \x20   include {site};\n\
         }}\n",
        pid = dir.join("nginx.pid").display(),
        error_log = dir.join("logs/error.log").display(),
        temp = temp.display(),
        site = dir.join("rustprep.conf").display(),
    );
    std::fs::write(dir.join("nginx.conf"), main).expect("write nginx.conf");
}

/// Replaces each `(from, to)`, insisting `from` is in the text once: the
/// test runs `deploy/`'s file, so a change there must be seen here.
fn replace_each(text: &str, replacements: &[(&str, String)]) -> String {
    replacements.iter().fold(text.to_owned(), |text, (from, to)| {
        assert_eq!(
            text.matches(from).count(),
            1,
            "deploy/nginx/rustprep.conf should hold `{from}` once"
        );
        text.replace(from, to)
    })
}
