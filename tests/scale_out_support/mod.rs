//! A fleet as `deploy/` describes it: two `rustprep serve` processes on one
//! fresh PostgreSQL database, behind nginx run from `deploy/nginx/` (its
//! upstream, server and proxy settings; only addresses and paths replaced),
//! and readers who talk to nginx.

pub mod balancer;
mod nginx_conf;
pub mod stream;

use crate::support::{Server, csrf_in, fresh_postgres, temp_dir};
use balancer::Balancer;
use reqwest::blocking::{Client, Response};
use std::net::IpAddr;

/// nginx's address as the instances see it: the one proxy they trust.
const NGINX_ADDRESS: &str = "127.0.0.1";

/// Two instances on one database and nginx in front of them.
pub struct Fleet {
    /// First, so it is dropped first: nginx closes its connections to the
    /// instances before they are told to stop.
    pub balancer: Balancer,
    pub first: Server,
    pub second: Server,
}

impl Fleet {
    /// Starts both instances (with `extra_args` besides `--trusted-proxy`)
    /// and nginx balancing them over plain HTTP.
    pub fn start(extra_args: &[&str]) -> Fleet {
        Fleet::launch(extra_args, false)
    }

    /// As `start`, with nginx's TLS servers (`rustprep-tls.conf`) too.
    pub fn start_with_tls(extra_args: &[&str]) -> Fleet {
        Fleet::launch(extra_args, true)
    }

    fn launch(extra_args: &[&str], tls: bool) -> Fleet {
        let database = fresh_postgres();
        let mut args = vec!["--trusted-proxy", NGINX_ADDRESS];
        args.extend_from_slice(extra_args);
        let first = Server::launch(temp_dir("scale-a"), Some(database.clone()), &args, &[]);
        let second = Server::launch(temp_dir("scale-b"), Some(database), &args, &[]);
        let balancer = Balancer::start([first.authority(), second.authority()], tls);
        Fleet {
            balancer,
            first,
            second,
        }
    }
}

/// A reader with a browser's cookie jar, talking to the site through nginx.
/// Cookies are not bound to a port, so the same jar also reaches each
/// instance directly (`get_from`), as a check of what that instance thinks.
pub struct Visitor {
    pub base: String,
    pub http: Client,
}

impl Visitor {
    /// A reader connecting to nginx from `address` (a loopback address of
    /// its own, so the instances can tell readers apart).
    pub fn from(balancer: &Balancer, address: IpAddr) -> Visitor {
        let http = Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .local_address(address)
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .expect("http client");
        Visitor {
            base: balancer.base(),
            http,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// GET through nginx.
    pub fn get(&self, path: &str) -> Response {
        self.http
            .get(self.url(path))
            .send()
            .unwrap_or_else(|error| panic!("GET {path}: {error}"))
    }

    /// GET from one instance directly, with this reader's cookies.
    pub fn get_from(&self, server: &Server, path: &str) -> Response {
        self.http
            .get(server.url(path))
            .send()
            .unwrap_or_else(|error| panic!("GET {path} from {}: {error}", server.base))
    }

    /// The CSRF token of the form on a page.
    pub fn csrf(&self, path: &str) -> String {
        csrf_in(&self.get(path).text().expect("body"))
    }

    pub fn post_form(&self, action: &str, fields: &[(&str, &str)]) -> Response {
        self.http
            .post(self.url(action))
            .form(fields)
            .send()
            .unwrap_or_else(|error| panic!("POST {action}: {error}"))
    }

    /// Posts a form with the CSRF token of `form_page`.
    pub fn submit(&self, form_page: &str, action: &str, fields: &[(&str, &str)]) -> Response {
        let token = self.csrf(form_page);
        let mut all = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_form(action, &all)
    }

    pub fn sign_up(&self, email: &str, password: &str) -> u16 {
        let fields = [("email", email), ("password", password)];
        self.submit("/signup", "/signup", &fields).status().as_u16()
    }

    pub fn log_out(&self) -> u16 {
        self.submit("/account", "/logout", &[]).status().as_u16()
    }

    /// Whether `server` takes this reader as signed in: the account page
    /// opens rather than sending them to log in.
    pub fn signed_in_on(&self, server: &Server) -> bool {
        match self.get_from(server, "/account").status().as_u16() {
            200 => true,
            303 => false,
            other => panic!("/account on {} answered {other}", server.base),
        }
    }
}
