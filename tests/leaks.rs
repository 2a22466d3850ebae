//! The paywall never leaks: a unique marker is planted in every premium
//! section of every question, then every route of the site and the API is
//! fetched as an anonymous, a free, a lapsed and a premium reader. Markers
//! must appear only where access allows, and must appear there.

mod leak_support;
mod support;

use leak_support::{PREMIUM_HEADINGS, marked_bank, marker, markers_in};
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use support::{Reader, Server, temp_dir};

fn routes(slugs: &[String]) -> Vec<String> {
    let mut routes: Vec<String> = [
        "/",
        "/faq",
        "/rust/2026",
        "/rust/2026/17",
        "/questions",
        "/questions?free=true",
        "/questions?level=senior&topic=async",
        "/questions?level=bogus",
        "/levels/beginner",
        "/levels/intermediate",
        "/levels/senior",
        "/experience/0-2",
        "/experience/2-5",
        "/experience/5+",
        "/api/v1/questions",
        "/api/v1/questions?level=senior",
        "/account",
        "/account/data",
        "/billing",
        "/signup",
        "/login",
        "/nope",
        "/questions/nope",
        "/api/v1/nope",
        "/questions/what-is-cargo-in-rust",
        "/export/questions.json",
        "/export/questions.csv",
        "/export/anki.txt",
        "/feed.xml",
        "/sitemap.xml",
        "/robots.txt",
        "/search?q=leakmark",
        "/search?q=leakmark+backpressure+detailed",
        "/api/v1/search?q=leakmark",
        "/api/v1/search?q=leakmark%20backpressure%20detailed",
    ]
    .iter()
    .map(|route| route.to_string())
    .collect();
    for topic in [
        "ownership",
        "async",
        "concurrency",
        "performance",
        "unsafe-ffi",
        "systems-design",
        "macros",
    ] {
        routes.push(format!("/topics/{topic}"));
    }
    for slug in slugs {
        routes.push(format!("/questions/{slug}"));
        routes.push(format!("/api/v1/questions/{slug}"));
    }
    routes
}

#[test]
fn premium_text_reaches_only_readers_with_access() {
    let (bank, slugs, free) = marked_bank();
    let server = Server::launch(
        temp_dir("leak-data"),
        None,
        &["--content", bank.to_str().expect("utf-8")],
        &[],
    );
    let anonymous = Reader::new(&server);
    let member = Reader::new(&server);
    let lapsed = Reader::new(&server);
    let premium = Reader::new(&server);
    for (reader, email) in [
        (&member, "free@example.com"),
        (&lapsed, "lapsed@example.com"),
        (&premium, "premium@example.com"),
    ] {
        assert_eq!(reader.sign_up(email, "leak-test-passphrase").status().as_u16(), 303);
    }
    server.users(&["grant", "lapsed@example.com", "--days", "5"]);
    server.users(&["revoke", "lapsed@example.com"]);
    server.users(&["grant", "premium@example.com", "--days", "5"]);

    let open_to_all: BTreeSet<String> = free
        .iter()
        .flat_map(|slug| (0..PREMIUM_HEADINGS.len()).map(move |n| marker(slug, n)))
        .collect();
    let routes = routes(&slugs);
    let mut checked = 0;
    for (name, reader) in [
        ("anonymous", &anonymous),
        ("free", &member),
        ("lapsed", &lapsed),
        ("premium", &premium),
    ] {
        for route in &routes {
            let body = reader.text(route);
            let found = markers_in(&body);
            checked += 1;
            if name != "premium" {
                // A snippet may cut a marker short: allow any prefix of an open one.
                let leaked: Vec<&String> = found
                    .iter()
                    .filter(|m| !open_to_all.iter().any(|open| open.starts_with(m.as_str())))
                    .collect();
                assert!(
                    leaked.is_empty(),
                    "{name} reader got premium text at {route}: {leaked:?}"
                );
            }
            // Where access allows, the text is there: every section of the page's question.
            let page_of = route
                .strip_prefix("/questions/")
                .or_else(|| route.strip_prefix("/api/v1/questions/"));
            if let Some(slug) = page_of.filter(|slug| slugs.iter().any(|s| s == slug))
                && (name == "premium" || free.contains(slug))
            {
                for n in 0..PREMIUM_HEADINGS.len() {
                    assert!(
                        found.contains(&marker(slug, n)),
                        "{name} reader misses section {n} at {route}"
                    );
                }
            }
        }
    }
    println!(
        "{checked} responses checked for {} questions ({} free)",
        slugs.len(),
        free.len()
    );
    let _ = fs::remove_dir_all(Path::new(&bank));
}
