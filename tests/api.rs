//! The JSON API, search and the bank downloads as a client meets them: the
//! real binary, serving the built-in bank, on a free port.

mod support;

use serde_json::Value;
use support::{SERVER, client, get, json, page};

fn slug(question: &Value) -> &str {
    question["slug"].as_str().expect("slug")
}

#[test]
fn api_returns_questions_without_premium_text_for_anonymous_readers() {
    let all = support::all_questions();
    assert!(all.len() >= 65);
    for question in &all {
        for field in [
            "slug",
            "title",
            "level",
            "experience",
            "topics",
            "short_answer",
            "reviewed",
            "rust",
            "edition",
            "list_entries",
            "url",
        ] {
            assert!(!question[field].is_null(), "{} lacks {field}", slug(question));
        }
        let one = json(&format!("/api/v1/questions/{}", slug(question)));
        assert_eq!(one["slug"], question["slug"]);
        if question["free"] == true {
            assert!(
                one["sections"]["detailed_explanation"].is_string(),
                "free sample {} has its sections",
                slug(question)
            );
        } else {
            assert!(one.get("sections").is_none(), "{} leaks sections", slug(question));
            assert_eq!(one["locked_sections"].as_array().map(Vec::len), Some(6));
        }
    }
    let response = get("/api/v1/questions/no-such-question");
    assert_eq!(response.status().as_u16(), 404);
    let body: Value = response.json().expect("JSON error");
    assert!(body["error"].is_string());
    assert_eq!(get("/api/v1/questions?level=expert").status().as_u16(), 400);
}

#[test]
fn search_finds_questions_as_candidates_type_them() {
    let html = page("/search?q=lifetims", 200);
    let first = html
        .split("class=\"card-title\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next());
    assert_eq!(first, Some("/questions/lifetimes"), "typo-tolerant, best first");
    let api = json("/api/v1/search?q=Arc%3CMutex%3CT%3E%3E");
    let slugs: Vec<&str> = api["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["slug"].as_str())
        .collect();
    assert!(slugs.iter().take(3).any(|slug| *slug == "arc-mutex"), "{slugs:?}");
    let filtered = json("/api/v1/search?q=memory&level=beginner");
    assert!(
        filtered["results"]
            .as_array()
            .expect("results")
            .iter()
            .all(|r| r["level"] == "beginner")
    );
    assert!(page("/", 200).contains("role=\"search\""), "a search box on every page");
}

#[test]
fn any_search_text_gets_results_or_a_clear_400() {
    for query in [
        "%22lifetimes%22",
        "Send+AND+Sync+OR+NOT",
        "(((unbalanced",
        "title:foo",
        "*",
        "%5B%5D%7B%7D",
        "%F0%9F%A6%80",
    ] {
        let status = get(&format!("/search?q={query}")).status().as_u16();
        assert_eq!(status, 200, "/search?q={query}");
        let status = get(&format!("/api/v1/search?q={query}")).status().as_u16();
        assert_eq!(status, 200, "/api/v1/search?q={query}");
    }
    let long = "lifetime ".repeat(1200);
    let response = client()
        .get(SERVER.url("/search"))
        .query(&[("q", long.as_str())])
        .send()
        .expect("GET");
    assert!(matches!(response.status().as_u16(), 400 | 414), "10 KB of text");
    // Invalid UTF-8 is decoded lossily (as browsers do): results, not an error.
    assert_eq!(get("/search?q=%FF%FE").status().as_u16(), 200);
    assert_eq!(get("/api/v1/search?q=%FF").status().as_u16(), 200);
    let body: Value = get("/api/v1/search").json().expect("JSON error");
    assert!(
        body["error"].as_str().is_some_and(|message| message.contains("?q=")),
        "an empty API search says what to send"
    );
    let just_long = "ab ".repeat(200);
    let response = client()
        .get(SERVER.url("/api/v1/search"))
        .query(&[("q", just_long.as_str())])
        .send()
        .expect("GET");
    assert_eq!(response.status().as_u16(), 400, "over 500 characters");
}

#[test]
fn the_api_pages_lists_and_describes_the_list_topics_and_levels() {
    let all = support::all_questions();
    let first: Value = json("/api/v1/questions?per_page=10");
    assert_eq!(
        (first["count"].as_u64(), first["per_page"].as_u64()),
        (Some(all.len() as u64), Some(10))
    );
    assert_eq!(first["questions"].as_array().map(Vec::len), Some(10));
    let next = first["next"].as_str().expect("a next page").to_owned();
    let second: Value = json(&next);
    assert_eq!(second["page"], 2);
    assert_eq!(
        second["questions"][0]["slug"], all[10]["slug"],
        "pages continue in order"
    );
    let senior: Value = json("/api/v1/questions?level=senior&per_page=5");
    assert!(
        senior["next"].as_str().is_some_and(|url| url.contains("level=senior")),
        "filters carry over"
    );
    for bad in ["page=0", "per_page=101", "per_page=x", "page=-1"] {
        assert_eq!(get(&format!("/api/v1/questions?{bad}")).status().as_u16(), 400, "{bad}");
    }
    let list: Value = json("/api/v1/list-2026");
    assert_eq!(list["count"], 156);
    assert_eq!(
        list["entries"][16]["question"], list["entries"][23]["question"],
        "17 and 24"
    );
    assert!(
        json("/api/v1/topics")["topics"]
            .as_array()
            .is_some_and(|t| t.iter().any(|t| t["value"] == "async"))
    );
    let openapi = json("/api/openapi.json");
    assert!(openapi["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    for path in [
        "/api/v1/questions",
        "/api/v1/questions/{slug}",
        "/api/v1/search",
        "/api/v1/list-2026",
        "/api/v1/session",
    ] {
        assert!(openapi["paths"][path].is_object(), "{path} is documented");
    }
    let levels: Value = json("/api/v1/levels");
    let total: u64 = levels["levels"]
        .as_array()
        .expect("levels")
        .iter()
        .filter_map(|l| l["questions"].as_u64())
        .sum();
    assert_eq!(total, all.len() as u64);
}

#[test]
fn the_free_bank_downloads_as_json_csv_and_an_anki_deck() {
    let all = support::all_questions();
    let response = get("/export/questions.json");
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .is_ok_and(|d| d.contains("rustprep-free.json"))
    );
    let export: Value = response.json().expect("JSON");
    assert_eq!(export["count"].as_u64(), Some(all.len() as u64));
    let with_sections = export["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .filter(|q| q.get("sections").is_some())
        .count();
    assert_eq!(
        with_sections,
        all.iter().filter(|q| q["free"] == true).count(),
        "only free samples in full"
    );
    let csv = page("/export/questions.csv", 200);
    assert!(csv.starts_with("slug,title,level,experience,topics,reviewed,url,short_answer,full_answer,sources\r\n"));
    assert_eq!(csv.matches("\r\n\"").count(), all.len(), "a row per question");
    let anki = page("/export/anki.txt", 200);
    assert!(anki.starts_with("#separator:Tab\n#html:true\n#notetype:Basic\n#deck:rustprep\n#tags column:3\n"));
    let notes: Vec<&str> = anki.lines().filter(|line| !line.starts_with('#')).collect();
    assert_eq!(notes.len(), all.len());
    assert!(
        notes.iter().all(|line| line.split('\t').count() == 3),
        "front, back, tags"
    );
    page("/export/nope.zip", 404);
}
