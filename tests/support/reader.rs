//! A reader: a browser's cookie jar, no automatic redirects, forms posted
//! with their CSRF token.

use super::Server;
use reqwest::blocking::{Client, Response};
use std::net::IpAddr;

/// A reader with a browser's cookie jar, talking to one server.
pub struct Reader<'a> {
    pub server: &'a Server,
    pub http: Client,
}

impl<'a> Reader<'a> {
    pub fn new(server: &'a Server) -> Reader<'a> {
        Reader::from_address(server, None)
    }

    /// A reader whose connections come from another loopback address.
    pub fn from_address(server: &'a Server, address: Option<IpAddr>) -> Reader<'a> {
        Reader::with_headers(server, address, &[])
    }

    /// A reader whose every request carries these headers (for instance the
    /// `X-Forwarded-For` a proxy in front of the site adds).
    pub fn with_headers(server: &'a Server, address: Option<IpAddr>, headers: &[(&'static str, &str)]) -> Reader<'a> {
        let mut defaults = reqwest::header::HeaderMap::new();
        for (name, value) in headers {
            defaults.insert(*name, value.parse().expect("header value"));
        }
        let mut builder = Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(defaults)
            .cookie_store(true);
        if let Some(address) = address {
            builder = builder.local_address(address);
        }
        Reader {
            server,
            http: builder.build().expect("http client"),
        }
    }

    pub fn get(&self, path: &str) -> Response {
        self.http
            .get(self.server.url(path))
            .send()
            .unwrap_or_else(|error| panic!("GET {path}: {error}"))
    }

    pub fn text(&self, path: &str) -> String {
        self.get(path).text().expect("body")
    }

    /// The CSRF token of the form on a page.
    pub fn csrf(&self, path: &str) -> String {
        csrf_in(&self.text(path))
    }

    /// Posts a form; fields given without the CSRF token, which is taken
    /// from the form page at `form_page`.
    pub fn submit(&self, form_page: &str, action: &str, fields: &[(&str, &str)]) -> Response {
        let token = self.csrf(form_page);
        let mut all: Vec<(&str, &str)> = vec![("csrf", &token)];
        all.extend_from_slice(fields);
        self.post_form(action, &all)
    }

    pub fn post_form(&self, action: &str, fields: &[(&str, &str)]) -> Response {
        self.http
            .post(self.server.url(action))
            .form(fields)
            .send()
            .unwrap_or_else(|error| panic!("POST {action}: {error}"))
    }

    pub fn sign_up(&self, email: &str, password: &str) -> Response {
        self.submit("/signup", "/signup", &[("email", email), ("password", password)])
    }

    pub fn log_in(&self, email: &str, password: &str) -> Response {
        self.submit("/login", "/login", &[("email", email), ("password", password)])
    }

    pub fn log_out(&self) -> Response {
        self.submit("/account", "/logout", &[])
    }

    /// The signed-in reader's user id, from their data export.
    pub fn user_id(&self) -> String {
        let export: serde_json::Value = self.get("/account/data").json().expect("export JSON");
        export["account"]["id"].as_str().expect("id").to_owned()
    }
}

pub fn csrf_in(html: &str) -> String {
    html.split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no CSRF token in the page"))
        .to_owned()
}
