//! What the kit tests share: readers with and without access on one
//! server, a set built through the forms, and its order read back.

#![allow(dead_code, reason = "each test binary uses part of the support code")]

use crate::support::{Reader, Server, csrf_in};

pub const PASSWORD: &str = "plum-harbour-violin-7";

/// Six questions the bank serves.
pub const SIX: [&str; 6] = [
    "lifetimes",
    "copy-vs-clone",
    "closures-fn-traits",
    "arc-internals",
    "allocators",
    "aliasing-models",
];

/// A reader signed up as `name@example.com`; premium for `days` if given.
pub fn reader<'a>(server: &'a Server, name: &str, premium_days: Option<&str>) -> Reader<'a> {
    let reader = Reader::new(server);
    let email = format!("{name}@example.com");
    assert_eq!(reader.sign_up(&email, PASSWORD).status().as_u16(), 303);
    if let Some(days) = premium_days {
        server.users(&["grant", &email, "--days", days]);
    }
    reader
}

/// Creates a set by the form and adds `slugs`; returns its path (`/kit/ID`).
pub fn set_with(reader: &Reader, name: &str, slugs: &[&str]) -> String {
    let token = csrf_in(&reader.text("/kit"));
    let created = reader.post_form("/kit", &[("csrf", &token), ("name", name)]);
    assert_eq!(created.status().as_u16(), 303, "create");
    let path = created.headers()["location"].to_str().expect("location").to_owned();
    if !slugs.is_empty() {
        let mut fields = vec![("csrf", token.as_str())];
        fields.extend(slugs.iter().map(|slug| ("slug", *slug)));
        let added = reader.post_form(&format!("{path}/items"), &fields);
        assert_eq!(added.status().as_u16(), 303, "add");
    }
    path
}

/// The set's questions in order, from the API.
pub fn order(reader: &Reader, set_path: &str) -> Vec<String> {
    let id = set_path.trim_start_matches("/kit/");
    let set: serde_json::Value = reader.get(&format!("/api/v1/kit/sets/{id}")).json().expect("set JSON");
    set["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| item["slug"].as_str().expect("slug").to_owned())
        .collect()
}

/// The set as the API gives it.
pub fn set_json(reader: &Reader, set_path: &str) -> serde_json::Value {
    let id = set_path.trim_start_matches("/kit/");
    reader.get(&format!("/api/v1/kit/sets/{id}")).json().expect("set JSON")
}

/// The share link (its path) a form on the set's page makes.
pub fn share(reader: &Reader, set_path: &str, kind: &str) -> String {
    let token = csrf_in(&reader.text(set_path));
    let page = reader
        .post_form(&format!("{set_path}/share"), &[("csrf", &token), ("kind", kind)])
        .text()
        .expect("body");
    let url = page
        .split("class=\"kit-link\" type=\"text\" readonly value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the link is shown")
        .to_owned();
    url.split_once("/kit/")
        .map(|(_, rest)| format!("/kit/{rest}"))
        .expect("a kit link")
}
