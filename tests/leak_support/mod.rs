//! The leak tests' bank and markers: a copy of the bank with a unique
//! marker planted in every premium section, and the markers found in a body.

#![allow(dead_code, reason = "each test binary uses part of the support code")]

use crate::support::{self, temp_dir};
use std::collections::BTreeSet;
use std::fs;

pub const PREMIUM_HEADINGS: [&str; 6] = [
    "## Detailed explanation",
    "## Code example",
    "## Real-world example",
    "## Common mistakes",
    "## Follow-up questions",
    "## What a strong answer covers",
];

/// A copy of the bank with `LEAKMARK_<slug>_<n>` after each premium heading;
/// returns the directory, every served question's slug (drafts are not
/// served) and the free ones.
pub fn marked_bank() -> (std::path::PathBuf, Vec<String>, BTreeSet<String>) {
    let root = support::repo_root().join("content");
    let dir = temp_dir("leak-bank");
    fs::create_dir_all(dir.join("questions")).expect("dir");
    fs::create_dir_all(dir.join("reviews")).expect("dir");
    fs::copy(root.join("list-2026.toml"), dir.join("list-2026.toml")).expect("list");
    fs::copy(root.join("README.md"), dir.join("README.md")).expect("README");
    for entry in fs::read_dir(root.join("reviews")).expect("reviews") {
        let path = entry.expect("entry").path();
        fs::copy(&path, dir.join("reviews").join(path.file_name().expect("name"))).expect("review");
    }
    let mut slugs = Vec::new();
    let mut free = BTreeSet::new();
    for entry in fs::read_dir(root.join("questions")).expect("questions") {
        let path = entry.expect("entry").path();
        let slug = path.file_stem().and_then(|s| s.to_str()).expect("slug").to_owned();
        let mut text = fs::read_to_string(&path).expect("read");
        if text.contains("\nfree = true") {
            free.insert(slug.clone());
        }
        for (n, heading) in PREMIUM_HEADINGS.iter().enumerate() {
            text = text.replacen(
                &format!("\n{heading}\n"),
                &format!("\n{heading}\n\n{}\n", marker(&slug, n)),
                1,
            );
        }
        fs::write(dir.join("questions").join(path.file_name().expect("name")), &text).expect("write");
        if text.contains("\nreviewed = ") {
            slugs.push(slug);
        }
    }
    slugs.sort();
    (dir, slugs, free)
}

pub fn marker(slug: &str, n: usize) -> String {
    format!("LEAKMARK_{}_{n}", slug.replace('-', "_"))
}

/// Markers in a body, also when search highlighting has split one up
/// (`<b>LEAKMARK</b>_<b>backpressure</b>_0`).
pub fn markers_in(body: &str) -> BTreeSet<String> {
    let body = body.replace("<b>", "").replace("</b>", "");
    body.match_indices("LEAKMARK_")
        .map(|(at, _)| {
            body[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

/// The markers of the free sample questions, which every reader may see.
pub fn open_markers(free: &BTreeSet<String>) -> BTreeSet<String> {
    free.iter()
        .flat_map(|slug| (0..PREMIUM_HEADINGS.len()).map(move |n| marker(slug, n)))
        .collect()
}

/// Fails if `body` carries a marker that is not open to every reader (a
/// snippet may cut an open marker short: any prefix of one is allowed).
pub fn assert_no_leak(reader: &str, route: &str, body: &str, open: &BTreeSet<String>) {
    let leaked: Vec<String> = markers_in(body)
        .into_iter()
        .filter(|found| !open.iter().any(|marker| marker.starts_with(found.as_str())))
        .collect();
    assert!(
        leaked.is_empty(),
        "{reader} reader got premium text at {route}: {leaked:?}"
    );
}
