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
use support::practice::{marked_quizzes, practice_probes};
use support::{Reader, Server, temp_dir};

fn routes(slugs: &[String], quizzes: &[String]) -> Vec<String> {
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
        "/quizzes",
        "/api/v1/quizzes",
        "/practice/saved",
        "/practice/review",
        "/practice/settings",
        "/practice/questions/cargo",
        "/api/v1/practice/due",
        "/api/v1/practice/stats",
        "/api/v1/practice/notes/cargo",
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
    for slug in quizzes {
        routes.push(format!("/quizzes/{slug}"));
    }
    for slug in slugs {
        routes.push(format!("/questions/{slug}"));
        routes.push(format!("/api/v1/questions/{slug}"));
    }
    routes
}

#[test]
fn premium_text_reaches_only_readers_with_access() {
    let (bank, slugs, mut free) = marked_bank();
    let (quizzes, free_quizzes) = marked_quizzes(&bank);
    // A premium question and a premium quiz to take through the review queue.
    let question = slugs
        .iter()
        .find(|slug| !free.contains(*slug))
        .expect("a premium question")
        .clone();
    let quiz = quizzes
        .iter()
        .find(|slug| !free_quizzes.contains(*slug))
        .expect("a premium quiz")
        .clone();
    free.extend(free_quizzes.iter().cloned());
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
    // Cards added while premium stay in the queue after access lapses.
    lapsed.post_from_site("/practice/cards", &[("slug", &quiz)]);
    server.users(&["revoke", "lapsed@example.com"]);
    server.users(&["grant", "premium@example.com", "--days", "5"]);

    // Quizzes carry markers 6 (explanation) and 7 (program).
    let open_to_all: BTreeSet<String> = free
        .iter()
        .flat_map(|slug| (0..PREMIUM_HEADINGS.len() + 2).map(move |n| marker(slug, n)))
        .collect();
    let routes = routes(&slugs, &quizzes);
    let mut checked = 0;
    for (name, reader) in [
        ("anonymous", &anonymous),
        ("free", &member),
        ("lapsed", &lapsed),
        ("premium", &premium),
    ] {
        let probed = practice_probes(reader, &question, &quiz);
        if name == "premium" {
            let revealed = |mark: &str| {
                probed
                    .iter()
                    .any(|(what, body)| what.starts_with("reveal") && body.contains(mark))
            };
            assert!(revealed(&marker(&question, 5)), "premium: what a strong answer covers");
            assert!(revealed(&marker(&quiz, 6)), "premium: the quiz's explanation");
        }
        let fetched: Vec<(String, String)> = routes.iter().map(|route| (route.clone(), reader.text(route))).collect();
        for (route, body) in fetched.into_iter().chain(probed) {
            let route = &route;
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
            // A quiz's program, where access allows (its explanation
            // comes with an answer: see the probes).
            if let Some(slug) = route.strip_prefix("/quizzes/")
                && (name == "premium" || free.contains(slug))
            {
                assert!(
                    found.contains(&marker(slug, 7)),
                    "{name} reader misses the program at {route}"
                );
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
