//! Candidates type the question the interviewer just asked, in their own
//! words: for the queries in `tests/fixtures/search-queries.toml` (written for
//! this test by people who did not write the answers, not taken from the
//! bank's titles or aliases), the question that answers each must be among
//! the first three results for an anonymous reader, for at least 90% of them
//! (recall@3 >= 0.9); and every published question has a query.

use bank::{Bank, Renderer, Sources, check};
use search::SearchIndex;
use std::path::Path;

#[derive(serde::Deserialize)]
struct Fixture {
    query: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct Case {
    text: String,
    expect: Vec<String>,
}

/// The repository's bank, or the one `RECALL_CONTENT` names (to try queries
/// against a bank in progress).
fn real_bank() -> Bank {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let content = std::env::var_os("RECALL_CONTENT").map_or_else(|| root.join("content"), Into::into);
    let sources = Sources::from_dir(&content).expect("content");
    let checked = check(&sources, time::OffsetDateTime::now_utc().date()).expect("the bank passes check");
    Bank::build(checked, &Renderer::default())
}

#[test]
fn candidate_phrasings_find_their_question_in_the_top_three() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let fixture: Fixture =
        toml::from_str(&std::fs::read_to_string(root.join("tests/fixtures/search-queries.toml")).expect("fixture"))
            .expect("valid fixture");
    let bank = std::sync::Arc::new(real_bank());
    let unqueried: Vec<&str> = bank
        .questions()
        .iter()
        .map(|question| question.slug.as_str())
        .filter(|slug| !fixture.query.iter().any(|case| case.expect.iter().any(|e| e == slug)))
        .collect();
    let index = SearchIndex::build(std::sync::Arc::clone(&bank)).expect("index");
    let mut misses = Vec::new();
    for case in &fixture.query {
        let hits = index.search(&case.text, None, 3).expect("search");
        let top: Vec<&str> = hits.iter().map(|hit| hit.slug.as_str()).collect();
        if !case.expect.iter().any(|slug| top.contains(&slug.as_str())) {
            misses.push(format!("{:?}: expected {:?}, got {:?}", case.text, case.expect, top));
        }
    }
    let found = fixture.query.len() - misses.len();
    let recall = found as f64 / fixture.query.len() as f64;
    println!(
        "search recall@3: {found}/{} ({:.1}%); missed:\n{}",
        fixture.query.len(),
        100.0 * recall,
        misses.join("\n")
    );
    assert!(
        recall >= 0.9,
        "recall@3 {recall:.3} is below 0.9; missed:\n{}",
        misses.join("\n")
    );
    assert!(
        unqueried.is_empty(),
        "every published question needs a query that looks for it: {unqueried:?}"
    );
}
