//! nginx's files for a test, made from `deploy/nginx/`: the deployed files
//! with only their addresses and paths replaced, and a main file that keeps
//! nginx in the foreground with every path under the test's directory.

use crate::support::repo_root;
use std::path::Path;
use std::process::Command;

/// The addresses and paths the files in `deploy/nginx/` are written with,
/// which the test replaces with its own.
const DEPLOYED_FIRST: &str = "server 127.0.0.1:8081 ";
const DEPLOYED_SECOND: &str = "server 127.0.0.1:8082 ";
const DEPLOYED_LISTEN: &str = "listen 127.0.0.1:8080;";
const DEPLOYED_ACCESS_LOG: &str = "/var/log/nginx/rustprep.access.log";
const DEPLOYED_PROXY_CONF: &str = "/etc/nginx/rustprep/proxy.conf";
const DEPLOYED_HTTP: &str = "listen 80;";
const DEPLOYED_HTTP_V6: &str = "listen [::]:80;";
const DEPLOYED_HTTPS: &str = "listen 443 ssl http2;";
const DEPLOYED_HTTPS_V6: &str = "listen [::]:443 ssl http2;";
const DEPLOYED_CERTIFICATE: &str = "/etc/ssl/rustprep/fullchain.pem";
const DEPLOYED_KEY: &str = "/etc/ssl/rustprep/privkey.pem";

/// The ports nginx listens on: the plain-HTTP server of `rustprep.conf`,
/// and with TLS, the HTTPS server and the plain one that redirects to it.
pub struct Ports {
    pub plain: u16,
    pub tls: Option<(u16, u16)>,
}

impl Ports {
    /// The port of the last server in the files: nginx listens on all or none.
    pub fn last(&self) -> u16 {
        self.tls.map_or(self.plain, |(https, _)| https)
    }
}

/// Writes `nginx.conf` in `dir`, with the sites made from `deploy/nginx/`.
pub fn write_config(dir: &Path, ports: &Ports, instances: [&str; 2]) {
    let mut includes = vec![write_site(dir, ports.plain, instances)];
    if let Some((https, redirect)) = ports.tls {
        includes.push(write_tls_site(dir, https, redirect));
    }
    let temp = dir.join("temp").display().to_string();
    let includes: String = includes.iter().map(|file| format!("    include {file};\n")).collect();
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
         {includes}\
         }}\n",
        pid = dir.join("nginx.pid").display(),
        error_log = dir.join("logs/error.log").display(),
    );
    std::fs::write(dir.join("nginx.conf"), main).expect("write nginx.conf");
}

fn deployed(file: &str) -> String {
    let path = repo_root().join("deploy/nginx").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The paths every site file names: its access log and `proxy.conf`.
fn common_paths(dir: &Path) -> [(&'static str, String); 2] {
    let proxy_conf = repo_root().join("deploy/nginx/proxy.conf");
    [
        (DEPLOYED_ACCESS_LOG, dir.join("logs/access.log").display().to_string()),
        (DEPLOYED_PROXY_CONF, proxy_conf.display().to_string()),
    ]
}

/// `rustprep.conf` for these instances and port; returns its path.
fn write_site(dir: &Path, port: u16, instances: [&str; 2]) -> String {
    let mut replacements = vec![
        (DEPLOYED_FIRST, format!("server {} ", instances[0])),
        (DEPLOYED_SECOND, format!("server {} ", instances[1])),
        (DEPLOYED_LISTEN, format!("listen 127.0.0.1:{port};")),
    ];
    replacements.extend(common_paths(dir));
    let path = dir.join("rustprep.conf");
    let site = replace_each("rustprep.conf", &deployed("rustprep.conf"), &replacements);
    std::fs::write(&path, site).expect("write rustprep.conf");
    path.display().to_string()
}

/// `rustprep-tls.conf` on loopback ports (IPv4 only) with a fresh
/// self-signed certificate; returns its path.
fn write_tls_site(dir: &Path, https: u16, redirect: u16) -> String {
    let (certificate, key) = (dir.join("certificate.pem"), dir.join("key.pem"));
    make_certificate(&certificate, &key);
    let mut replacements = vec![
        (DEPLOYED_HTTP, format!("listen 127.0.0.1:{redirect};")),
        (DEPLOYED_HTTP_V6, String::new()),
        (DEPLOYED_HTTPS, format!("listen 127.0.0.1:{https} ssl http2;")),
        (DEPLOYED_HTTPS_V6, String::new()),
        (DEPLOYED_CERTIFICATE, certificate.display().to_string()),
        (DEPLOYED_KEY, key.display().to_string()),
    ];
    replacements.extend(common_paths(dir));
    let path = dir.join("rustprep-tls.conf");
    let site = replace_each("rustprep-tls.conf", &deployed("rustprep-tls.conf"), &replacements);
    std::fs::write(&path, site).expect("write rustprep-tls.conf");
    path.display().to_string()
}

/// A self-signed certificate for 127.0.0.1 (the openssl command line tool).
fn make_certificate(certificate: &Path, key: &Path) {
    if certificate.exists() {
        return;
    }
    let status = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
        ])
        .args(["-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-keyout"])
        .arg(key)
        .arg("-out")
        .arg(certificate)
        .output()
        .expect("openssl must be installed");
    assert!(
        status.status.success(),
        "openssl: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// Replaces each `(from, to)`, insisting `from` is in the text once: the
/// test runs `deploy/`'s files, so a change there must be seen here.
fn replace_each(file: &str, text: &str, replacements: &[(&str, String)]) -> String {
    replacements.iter().fold(text.to_owned(), |text, (from, to)| {
        assert_eq!(
            text.matches(from).count(),
            1,
            "deploy/nginx/{file} should hold `{from}` once"
        );
        text.replace(from, to)
    })
}
