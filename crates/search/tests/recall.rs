//! Candidates type the question the interviewer just asked, in their own
//! words: for each of the 40 queries in `tests/fixtures/search-queries.toml`
//! (written for this test, not taken from the bank's titles) the question that
//! answers it must be among the first three results for an anonymous reader.

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

fn real_bank() -> Bank {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let sources = Sources::from_dir(&root.join("content")).expect("content");
    let checked = check(&sources, time::OffsetDateTime::now_utc().date()).expect("the bank passes check");
    Bank::build(checked, &Renderer::default())
}

#[test]
fn candidate_phrasings_find_their_question_in_the_top_three() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let fixture: Fixture =
        toml::from_str(&std::fs::read_to_string(root.join("tests/fixtures/search-queries.toml")).expect("fixture"))
            .expect("valid fixture");
    assert_eq!(fixture.query.len(), 40);
    let bank = real_bank();
    let index = SearchIndex::build(&bank).expect("index");
    let mut misses = Vec::new();
    for case in &fixture.query {
        let hits = index.search(&case.text, None, 3).expect("search");
        let top: Vec<&str> = hits.iter().map(|hit| hit.slug.as_str()).collect();
        if !case.expect.iter().any(|slug| top.contains(&slug.as_str())) {
            misses.push(format!("{:?}: expected {:?}, got {:?}", case.text, case.expect, top));
        }
    }
    let found = fixture.query.len() - misses.len();
    println!(
        "search recall@3: {found}/{} ({:.0}%)",
        fixture.query.len(),
        100.0 * found as f64 / fixture.query.len() as f64
    );
    assert!(misses.is_empty(), "missed:\n{}", misses.join("\n"));
}
