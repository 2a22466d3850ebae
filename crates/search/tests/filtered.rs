//! A filtered search (level, topic, ...) ranks among the questions the filter
//! keeps, however many better matches it refuses; and snippets quote premium
//! text only for a reader with access.

use bank::Access;
use search::{Entry, Hit, SearchIndex};

fn entry(slug: &str, title: &str, open_text: &str, premium_text: &str) -> Entry {
    Entry {
        slug: slug.to_owned(),
        title: title.to_owned(),
        phrasings: String::new(),
        topics: String::new(),
        open_text: open_text.to_owned(),
        premium_text: premium_text.to_owned(),
    }
}

fn slugs(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|hit| hit.slug.as_str()).collect()
}

#[test]
fn a_filter_finds_its_best_match_behind_any_number_of_better_ones() {
    let mut entries: Vec<Entry> = (0..200)
        .map(|n| {
            entry(
                &format!("strong-{n}"),
                "Channel backpressure",
                "Backpressure slows a producer down.",
                "",
            )
        })
        .collect();
    entries.push(entry("weak", "Tokio runtime", "Send work over a bounded channel.", ""));
    // Questions about something else, so the query's words are rare enough
    // to rank by.
    entries.extend((0..1000).map(|n| entry(&format!("other-{n}"), "Lifetimes", "Borrowed references.", "")));
    let index = SearchIndex::from_entries(entries.clone(), entries).expect("index");

    let unfiltered = index.search("channel backpressure", None, 30).expect("search");
    assert_eq!(unfiltered.len(), 30);
    assert!(!slugs(&unfiltered).contains(&"weak"));

    let keep = |slug: &str| slug == "weak";
    let filtered = index
        .search_where("channel backpressure", None, 30, Some(&keep))
        .expect("search");
    assert_eq!(slugs(&filtered), ["weak"]);
    assert!(
        filtered[0].snippet_html.contains("<b>channel</b>"),
        "{}",
        filtered[0].snippet_html
    );
}

#[test]
fn premium_text_is_matched_and_quoted_only_with_access() {
    let entries = vec![entry(
        "locks",
        "Mutex or RwLock",
        "Pick by read share.",
        "Writer starvation happens when readers never stop.",
    )];
    let index = SearchIndex::from_entries(entries.clone(), entries).expect("index");
    assert!(index.search("writer starvation", None, 10).expect("search").is_empty());

    let access = Access::from_entitlement(i64::MAX, 0).expect("an entitlement");
    let hits = index.search("writer starvation", Some(&access), 10).expect("search");
    assert_eq!(slugs(&hits), ["locks"]);
    assert!(
        hits[0].snippet_html.contains("<b>starvation</b>"),
        "{}",
        hits[0].snippet_html
    );
}
