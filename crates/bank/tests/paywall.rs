//! The premium sections are reachable only with proof of access, except for
//! free sample questions; lookups lead aliases and list numbers to questions.

use bank::{Access, Bank, Lookup, Renderer, Sources, check};
use std::path::Path;
use time::macros::date;

fn sample_bank() -> Bank {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    let checked = check(&Sources::from_dir(&dir).expect("read"), date!(2026 - 12 - 06)).expect("valid");
    Bank::build(checked, &Renderer::default())
}

#[test]
fn premium_sections_need_access_unless_the_question_is_free() {
    let bank = sample_bank();
    let paid = bank.question("alpha").expect("alpha");
    let free = bank.question("beta").expect("beta");
    assert!(paid.full_answer(None).is_none());
    assert!(free.full_answer(None).is_some());
    let access = Access::from_entitlement(2_000_000_000, 1_900_000_000).expect("valid for a while");
    let full = paid.full_answer(Some(&access)).expect("premium reader");
    assert_eq!(full.sections().len(), 6);
    assert!(
        full.sections()[1].html.contains("hello from alpha"),
        "the code example is rendered"
    );
}

#[test]
fn a_lapsed_entitlement_proves_nothing() {
    assert!(Access::from_entitlement(1_900_000_000, 1_900_000_001).is_none());
    assert!(
        Access::from_entitlement(1_900_000_000, 1_900_000_000).is_none(),
        "ends at its instant"
    );
    assert!(Access::from_entitlement(1_900_000_001, 1_900_000_000).is_some());
}

#[test]
fn aliases_and_list_numbers_lead_to_their_question() {
    let bank = sample_bank();
    assert!(matches!(bank.lookup("alpha"), Some(Lookup::Question(q)) if q.slug.as_str() == "alpha"));
    assert!(matches!(bank.lookup("what-is-cargo-in-rust"), Some(Lookup::Alias(q)) if q.slug.as_str() == "alpha"));
    assert!(matches!(bank.lookup("what-is-alpha-alias"), Some(Lookup::Alias(q)) if q.slug.as_str() == "alpha"));
    assert!(
        bank.lookup("rust-interview-question-1-free").is_none(),
        "placeholders are not phrasings"
    );
    assert!(bank.lookup("Not A Slug").is_none());
    assert_eq!(bank.answer_to_entry(17).map(|q| q.slug.as_str()), Some("beta"));
    assert_eq!(bank.answer_to_entry(24).map(|q| q.slug.as_str()), Some("beta"));
    assert!(bank.answer_to_entry(0).is_none());
    assert!(bank.answer_to_entry(157).is_none());
}

#[test]
fn drafts_are_not_served_and_sources_are_open_to_everyone() {
    let bank = sample_bank();
    assert!(bank.lookup("delta").is_none(), "a draft is not served");
    assert!(bank.lookup("what-is-delta-alias").is_none());
    let sourced = bank.question("beta").expect("beta");
    let urls: Vec<&str> = sourced.sources.iter().map(|source| source.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://doc.rust-lang.org/std/vec/struct.Vec.html",
            "https://doc.rust-lang.org/reference/destructors.html"
        ]
    );
    assert!(
        sourced
            .sources_html
            .contains(r#"href="https://doc.rust-lang.org/reference/destructors.html""#)
    );
    let full = sourced.full_answer(None).expect("beta is a free sample");
    assert!(
        full.sections()
            .iter()
            .all(|section| section.html != sourced.sources_html),
        "the sources are not a premium section"
    );
}
