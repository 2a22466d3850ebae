//! The paywall holds in mock interviews and on the progress page: with the
//! bank's premium sections marked (`leak_support`), a free, a lapsed and a
//! premium reader each run a ten-question mock by forms and one by the
//! API, and an anonymous reader asks for the same addresses. Every page and
//! JSON answer of it is searched for markers: only the premium reader (or
//! a free sample question) may show "What a strong answer covers", and the
//! premium reader must see it on every reveal.

mod leak_support;
mod practice_support;
mod support;

use leak_support::{assert_no_leak, marked_bank, marker, markers_in, open_markers};
use practice_support::post_json;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use support::{Reader, Server, csrf_in, temp_dir};

/// "What a strong answer covers" is the sixth premium heading.
const STRONG_ANSWER: usize = 5;

/// What a reader got: every body, by route, and the questions revealed.
struct Seen {
    bodies: Vec<(String, String)>,
    revealed: Vec<(String, String)>,
}

impl Seen {
    fn get(&mut self, reader: &Reader, route: &str) -> String {
        let body = reader.text(route);
        self.bodies.push((route.to_owned(), body.clone()));
        body
    }
}

/// A ten-question senior mock by forms, every question revealed and graded,
/// then the summary, the queue, the lists and the progress page.
fn mock_by_forms(reader: &Reader, seen: &mut Seen) -> String {
    let token = csrf_in(&seen.get(reader, "/practice/mock"));
    let fields = [
        ("csrf", token.as_str()),
        ("level", "senior"),
        ("questions", "10"),
        ("minutes", "30"),
    ];
    let started = reader.post_form("/practice/mock", &fields);
    assert_eq!(started.status().as_u16(), 303);
    let mock = started.headers()["location"].to_str().expect("location").to_owned();
    for position in 1..=10 {
        let question = seen.get(reader, &mock);
        let slug = question_slug(reader, &mock, position);
        let reveal = format!("{mock}/items/{position}/reveal");
        assert_eq!(
            reader
                .post_form(&reveal, &[("csrf", &token), ("answer", "mine")])
                .status()
                .as_u16(),
            303
        );
        let revealed = seen.get(reader, &mock);
        assert!(question.contains("Reveal the answer") && revealed.contains("How was your answer?"));
        seen.revealed.push((slug, revealed));
        let grade = format!("{mock}/items/{position}/grade");
        assert_eq!(
            reader
                .post_form(&grade, &[("csrf", &token), ("grade", "weak")])
                .status()
                .as_u16(),
            303
        );
    }
    assert!(seen.get(reader, &mock).contains("Mock interview summary"));
    let queued = reader.post_form(&format!("{mock}/queue"), &[("csrf", &token)]);
    assert_eq!(queued.status().as_u16(), 303);
    for route in [
        "/practice/mock",
        "/practice",
        "/api/v1/practice/progress",
        "/api/v1/practice/mocks",
    ] {
        seen.get(reader, route);
    }
    let id = mock.trim_start_matches("/practice/mock/");
    seen.get(reader, &format!("/api/v1/practice/mocks/{id}"));
    mock
}

/// The slug of a mock's question, from the API's view of the mock.
fn question_slug(reader: &Reader, mock: &str, position: usize) -> String {
    let id = mock.trim_start_matches("/practice/mock/");
    let body: Value = reader
        .get(&format!("/api/v1/practice/mocks/{id}"))
        .json()
        .expect("mock JSON");
    body["items"][position - 1]["slug"].as_str().expect("slug").to_owned()
}

/// A ten-question intermediate mock by the API, every answer revealed and
/// graded, then finished.
fn mock_by_api(reader: &Reader, seen: &mut Seen) {
    let mut post = |path: &str, body: Value, want: u16| {
        let (status, text) = post_json(reader, path, body);
        assert_eq!(status, want, "{path}: {text}");
        seen.bodies.push((path.to_owned(), text.clone()));
        text
    };
    let created = post(
        "/api/v1/practice/mocks",
        json!({"level": "intermediate", "questions": 10, "minutes": 30}),
        201,
    );
    let created: Value = serde_json::from_str(&created).expect("JSON");
    let id = created["id"].as_str().expect("id").to_owned();
    let mut revealed = Vec::new();
    for position in 1..=10 {
        let base = format!("/api/v1/practice/mocks/{id}/items/{position}");
        post(&format!("{base}/start"), json!(null), 200);
        let answer = post(&format!("{base}/reveal"), json!({"answer": "mine"}), 200);
        let parsed: Value = serde_json::from_str(&answer).expect("JSON");
        revealed.push((parsed["item"]["slug"].as_str().expect("slug").to_owned(), answer));
        post(&format!("{base}/grade"), json!({"grade": "solid"}), 200);
    }
    post(&format!("/api/v1/practice/mocks/{id}/finish"), json!(null), 200);
    post(&format!("/api/v1/practice/mocks/{id}/queue"), json!(null), 200);
    seen.revealed.extend(revealed);
    seen.get(reader, &format!("/api/v1/practice/mocks/{id}"));
}

#[test]
fn mock_interviews_and_progress_show_premium_text_only_with_access() {
    let (bank, slugs, free) = marked_bank();
    let server = Server::launch(
        temp_dir("leak-mock-data"),
        None,
        &["--content", bank.to_str().expect("utf-8")],
        &[],
    );
    let open = open_markers(&free);
    let readers: Vec<(&str, Reader)> = ["free", "lapsed", "premium"]
        .into_iter()
        .map(|name| {
            let reader = Reader::new(&server);
            let email = format!("{name}@example.com");
            assert_eq!(reader.sign_up(&email, "leak-test-passphrase").status().as_u16(), 303);
            (name, reader)
        })
        .collect();
    server.users(&["grant", "lapsed@example.com", "--days", "5"]);
    server.users(&["revoke", "lapsed@example.com"]);
    server.users(&["grant", "premium@example.com", "--days", "5"]);

    let mut free_reader_routes = Vec::new();
    for (name, reader) in &readers {
        let mut seen = Seen {
            bodies: Vec::new(),
            revealed: Vec::new(),
        };
        let mock = mock_by_forms(reader, &mut seen);
        if *name == "free" {
            free_reader_routes.push(mock);
        }
        mock_by_api(reader, &mut seen);
        assert_eq!(seen.revealed.len(), 20);
        for (slug, body) in &seen.revealed {
            let strong = markers_in(body).contains(&marker(slug, STRONG_ANSWER));
            let allowed = *name == "premium" || free.contains(slug);
            assert_eq!(strong, allowed, "{name} reader, {slug}: strong answer shown = {strong}");
        }
        if *name != "premium" {
            for (route, body) in &seen.bodies {
                assert_no_leak(name, route, body, &open);
            }
        }
    }

    let anonymous = Reader::new(&server);
    let mut routes: BTreeSet<String> = [
        "/practice",
        "/practice/mock",
        "/api/v1/practice/progress",
        "/api/v1/practice/mocks",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    for mock in &free_reader_routes {
        routes.insert(mock.clone());
        routes.insert(mock.replace("/practice/mock/", "/api/v1/practice/mocks/"));
    }
    for route in &routes {
        let response = anonymous.get(route);
        let status = response.status().as_u16();
        assert!(matches!(status, 303 | 401), "anonymous at {route}: {status}");
        assert_no_leak("anonymous", route, &response.text().expect("body"), &open);
    }
    // Another reader's mock, by page and API: 404, and nothing of it.
    let (_, free_reader) = &readers[0];
    for route in routes
        .iter()
        .filter(|route| route.contains("/mock/") || route.contains("/mocks/"))
    {
        let premium_mock = readers[2].1.get(route);
        assert_eq!(premium_mock.status().as_u16(), 404, "{route} is the free reader's");
        assert_no_leak("premium", route, &premium_mock.text().expect("body"), &open);
        assert_eq!(free_reader.get(route).status().as_u16(), 200);
    }
    println!(
        "{} questions, {} free; {} routes as anonymous",
        slugs.len(),
        free.len(),
        routes.len()
    );
    let _ = std::fs::remove_dir_all(&bank);
}
