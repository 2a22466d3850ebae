//! The site as a reader and an API client meet it: the real binary, serving
//! the built-in bank, on a free port.

mod support;

use serde_json::Value;
use support::{SERVER, client, get, json, page, redirect_target};

/// Every question, as the API lists it.
fn questions() -> Vec<Value> {
    support::all_questions()
}

fn slug(question: &Value) -> &str {
    question["slug"].as_str().expect("slug")
}

#[test]
fn landing_page_shows_counts_browsing_and_faq() {
    let html = page("/", 200);
    let all = questions();
    assert!(html.contains(&format!("Browse all {} questions", all.len())));
    for level in ["beginner", "intermediate", "senior"] {
        let count = all.iter().filter(|q| q["level"] == level).count();
        assert!(count >= 1, "no {level} question");
        assert!(
            html.contains(&format!("href=\"/levels/{level}\"")),
            "no link to {level}"
        );
        assert!(
            html.contains(&format!("<span>{count} questions</span>")),
            "no count for {level}"
        );
    }
    for band in ["0-2", "2-5", "5+"] {
        assert!(html.contains(&format!("href=\"/experience/{band}\"")));
    }
    assert!(html.contains("Are these Rust interview questions up to date for 2026?"));
    assert!(html.contains("Are these questions free?"));
    for (href, what) in [
        ("/quizzes", "quizzes"),
        ("/practice", "practice"),
        ("/kit", "interviewer kit"),
    ] {
        assert!(
            html.contains(&format!("<a href=\"{href}\">")),
            "the landing page leads to the {what}"
        );
    }
}

#[test]
fn question_list_filters_by_level_experience_and_topic() {
    let all = questions();
    let html = page("/questions", 200);
    for question in &all {
        assert!(
            html.contains(&format!("href=\"/questions/{}\"", slug(question))),
            "{} missing from /questions",
            slug(question)
        );
    }
    let senior_async: Vec<&Value> = all
        .iter()
        .filter(|q| q["level"] == "senior" && q["topics"].as_array().is_some_and(|t| t.iter().any(|t| t == "async")))
        .collect();
    let html = page("/questions?level=senior&topic=async", 200);
    assert!(html.contains(&format!("{} questions", senior_async.len())));
    for question in &all {
        let listed = html.contains(&format!("href=\"/questions/{}\"", slug(question)));
        assert_eq!(
            listed,
            senior_async.iter().any(|q| slug(q) == slug(question)),
            "{}",
            slug(question)
        );
    }
    let api = json("/api/v1/questions?experience=0-2");
    assert_eq!(api["count"], all.iter().filter(|q| q["experience"] == "0-2").count());
}

#[test]
fn browse_pages_exist_for_every_level_band_and_topic() {
    for path in [
        "/levels/beginner",
        "/levels/intermediate",
        "/levels/senior",
        "/experience/0-2",
        "/experience/2-5",
        "/experience/5+",
        "/experience/5%2B",
        "/topics/async",
    ] {
        page(path, 200);
    }
    for path in ["/levels/expert", "/experience/10+", "/topics/gardening"] {
        page(path, 404);
    }
}

#[test]
fn every_question_page_shows_its_facts_and_locks_premium_sections() {
    for question in questions() {
        let path = format!("/questions/{}", slug(&question));
        let html = page(&path, 200);
        // The tab's title is plain text: code spans without their backticks.
        let title = question["title"].as_str().expect("title").replace('`', "");
        assert_eq!(
            element(&html, "<title>", "</title>"),
            format!("{} · rustprep", escaped(&title)),
            "{path}: title"
        );
        assert!(html.contains("Reviewed on <time datetime=\""), "{path}: review date");
        assert!(
            html.contains(&format!(
                "verified on Rust {} (edition {})",
                question["rust"].as_str().unwrap_or_default(),
                question["edition"].as_str().unwrap_or_default()
            )),
            "{path}"
        );
        assert!(html.contains("id=\"short-answer\""), "{path}: short answer");
        let premium_shown = html.contains("id=\"detailed_explanation\"");
        if question["free"] == true {
            assert!(
                premium_shown && html.contains("id=\"strong_answer\""),
                "{path}: a free sample shows every section"
            );
        } else {
            assert!(!premium_shown, "{path}: premium section shown to an anonymous reader");
            assert!(
                !html.contains("<figure class=\"code"),
                "{path}: code example shown to an anonymous reader"
            );
            assert!(
                html.contains("The full answer is for subscribers"),
                "{path}: locked panel"
            );
            assert!(
                html.contains("Common mistakes") && html.contains("Follow-up questions"),
                "{path}: the panel names the sections"
            );
        }
    }
}

/// `text` as the templates escape it.
fn escaped(text: &str) -> String {
    text.replace('&', "&#38;")
        .replace('\'', "&#39;")
        .replace('"', "&#34;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
}

/// The text between `open` and the next `close` in `html`.
fn element<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let from = html.find(open).map_or(html.len(), |at| at + open.len());
    let rest = &html[from..];
    &rest[..rest.find(close).unwrap_or(rest.len())]
}

#[test]
fn code_in_a_title_shows_as_code_not_backticks() {
    let with_code: Vec<Value> = questions()
        .into_iter()
        .filter(|question| question["title"].as_str().is_some_and(|title| title.contains('`')))
        .collect();
    assert!(!with_code.is_empty(), "the bank has titles with code");
    for question in &with_code {
        let html = page(&format!("/questions/{}", slug(question)), 200);
        let heading = element(&html, "<h1>", "</h1>");
        assert!(
            heading.contains("<code>") && !heading.contains('`'),
            "{}: {heading}",
            slug(question)
        );
        for plain_text in [
            element(&html, "<title>", "</title>"),
            element(&html, "<meta property=\"og:title\" content=\"", "\""),
            element(&html, "\"headline\":\"", "\""),
        ] {
            assert!(
                !plain_text.is_empty() && !plain_text.contains('`'),
                "{}: {plain_text}",
                slug(question)
            );
        }
    }
    let first = slug(&with_code[0]);
    let list = page("/questions", 200);
    let card = element(&list, &format!("href=\"/questions/{first}\">"), "</a>");
    assert!(
        card.contains("<code>") && !card.contains('`'),
        "{first} in the list: {card}"
    );
}

#[test]
fn sources_are_open_to_every_reader_and_link_to_allowed_primary_hosts() {
    for question in questions() {
        let detail = json(&format!("/api/v1/questions/{}", slug(&question)));
        let sources = detail["sources"].as_array().expect("sources array").clone();
        assert!(
            (2..=6).contains(&sources.len()),
            "{}: {} sources",
            slug(&question),
            sources.len()
        );
        let html = page(&format!("/questions/{}", slug(&question)), 200);
        assert!(
            html.contains(r#"<h2 id="sources">Sources</h2>"#),
            "{}: no Sources section",
            slug(&question)
        );
        for source in &sources {
            let url = source["url"].as_str().expect("url");
            assert!(url.starts_with("https://"), "{url}");
            assert!(
                html.contains(&format!(r#"href="{}""#, url.replace('&', "&amp;"))),
                "{}: the anonymous page lacks the link {url}",
                slug(&question)
            );
            assert!(!source["title"].as_str().unwrap_or_default().is_empty());
        }
    }
}

#[test]
fn every_list_entry_redirects_to_the_question_that_answers_it() {
    let mut targets = Vec::new();
    for n in 1..=156 {
        let target = redirect_target(&format!("/rust/2026/{n}"));
        assert!(target.starts_with("/questions/"), "entry {n} -> {target}");
        let html = page(&target, 200);
        assert!(
            html.contains(&format!("href=\"/rust/2026#entry-{n}\"")),
            "{target} does not say it answers entry {n}"
        );
        targets.push(target);
    }
    // Word-for-word duplicates land on one page.
    assert_eq!(targets[16], targets[23], "entries 17 and 24");
    assert_eq!(targets[17], targets[24], "entries 18 and 25");
    assert_eq!(targets[36], targets[96], "entries 37 and 97");
    for bad in ["0", "157", "abc", "99999999999", "-1"] {
        page(&format!("/rust/2026/{bad}"), 404);
    }
}

#[test]
fn the_2026_list_page_shows_all_entries_with_badges_and_duplicates() {
    let html = page("/rust/2026", 200);
    for n in 1..=156 {
        assert!(html.contains(&format!("id=\"entry-{n}\"")), "entry {n}");
    }
    assert_eq!(html.matches("<li id=\"entry-").count(), 156);
    assert!(
        html.contains("Same question as <a href=\"#entry-17\">#17</a>"),
        "entry 24 marked as a duplicate of 17"
    );
    assert_eq!(html.matches("Placeholder slot. We answer:").count(), 10);
    assert!(html.contains("badge level-beginner") && html.contains("badge level-senior"));
}

#[test]
fn alias_phrasings_lead_to_the_one_page() {
    let target = redirect_target("/questions/how-does-rust-implement-backpressure-in-streaming-architectures");
    assert_eq!(target, redirect_target("/rust/2026/17"));
    assert_eq!(
        redirect_target("/questions/what-is-cargo-in-rust"),
        redirect_target("/rust/2026/1")
    );
    let api_target = redirect_target("/api/v1/questions/what-is-cargo-in-rust");
    assert!(api_target.starts_with("/api/v1/questions/"));
}

#[test]
fn bad_input_gets_a_clear_4xx_page() {
    let html = page("/questions?level=expert", 400);
    assert!(html.contains("Unknown level"), "names the problem");
    assert!(
        html.contains("beginner, intermediate, senior"),
        "names the valid values"
    );
    page("/questions?topic=%ZZ", 400);
    page("/questions?level=senior&level=beginner", 400);
    let long = "x".repeat(10_000);
    let response = get(&format!("/questions?level={long}"));
    assert_eq!(response.status().as_u16(), 414);
    let response = get(&format!("/questions/{long}"));
    assert_eq!(response.status().as_u16(), 414);
    for path in [
        "/questions/no-such-question",
        "/questions/%00",
        "/questions/UPPER",
        "/nope",
        "/static/nope.css",
    ] {
        let html = page(path, 404);
        assert!(html.contains("Page not found"), "{path}");
    }
    let html = page("/questions/%ff%fe", 400);
    assert!(html.contains("This address is not valid"));
    let response = client().post(SERVER.url("/")).send().expect("POST");
    assert_eq!(response.status().as_u16(), 405);
}

#[test]
fn pages_are_compressed_cached_and_protected() {
    let plain = get("/questions/ownership");
    let etag = plain.headers()["etag"].clone();
    assert!(
        plain.headers()["content-security-policy"]
            .to_str()
            .is_ok_and(|csp| csp.contains("frame-ancestors 'none'"))
    );
    assert_eq!(plain.headers()["x-content-type-options"], "nosniff");
    let body = plain.bytes().expect("body");
    let brotli = client()
        .get(SERVER.url("/questions/ownership"))
        .header("accept-encoding", "gzip, br")
        .send()
        .expect("br");
    assert_eq!(brotli.headers()["content-encoding"], "br");
    let mut decoded = Vec::new();
    brotli::BrotliDecompress(&mut &brotli.bytes().expect("body")[..], &mut decoded).expect("valid brotli");
    assert_eq!(decoded, body);
    let gzip = client()
        .get(SERVER.url("/questions/ownership"))
        .header("accept-encoding", "gzip")
        .send()
        .expect("gzip");
    assert_eq!(gzip.headers()["content-encoding"], "gzip");
    let mut decoded = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(&gzip.bytes().expect("body")[..]),
        &mut decoded,
    )
    .expect("valid gzip");
    assert_eq!(decoded, body);
    let cached = client()
        .get(SERVER.url("/questions/ownership"))
        .header("if-none-match", etag)
        .send()
        .expect("304");
    assert_eq!(cached.status().as_u16(), 304);
}

#[test]
fn faq_health_and_stylesheet_are_served() {
    assert!(page("/faq", 200).contains("Are these questions free?"));
    assert_eq!(page("/healthz", 200), "ok");
    let html = page("/", 200);
    let stylesheet = html
        .split("rel=\"stylesheet\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("stylesheet link");
    let response = get(stylesheet);
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response.headers()["cache-control"]
            .to_str()
            .is_ok_and(|value| value.contains("immutable"))
    );
    assert!(response.text().expect("css").contains("prefers-color-scheme: dark"));
}
