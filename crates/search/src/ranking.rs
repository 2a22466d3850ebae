//! How a query's words become a tantivy query, and how text is analyzed (the
//! same way for documents and queries).

use crate::stems::CachedStemmer;
use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;

/// Field weights: a match in the title counts most.
pub(crate) const TITLE_BOOST: f32 = 4.0;
pub(crate) const ALIAS_BOOST: f32 = 3.0;
pub(crate) const TOPIC_BOOST: f32 = 1.5;
pub(crate) const BODY_BOOST: f32 = 1.0;
/// A near miss counts for less than the word as typed.
const FUZZY_FACTOR: f32 = 0.4;
/// How much a word's other matching fields add to its best one.
const TIE_BREAKER: f32 = 0.2;
/// Most distinct terms a query is searched for.
const MAX_TERMS: usize = 24;

/// The name the analyzer is registered under.
pub(crate) const ANALYZER: &str = "rustprep_en";

/// Words of letters and digits, lowercased, English stop words dropped,
/// stemmed ("lifetimes" and "lifetime" meet) through `stemmer`'s memory.
pub(crate) fn analyzer(stemmer: &CachedStemmer) -> TextAnalyzer {
    TextAnalyzer::builder(stemmer.clone()).build()
}

/// The distinct terms of `text` (already expanded), analyzed as the
/// documents were (so without stop words or one-letter terms).
pub(crate) fn terms(analyzer: &TextAnalyzer, text: &str) -> Vec<String> {
    let mut analyzer = analyzer.clone();
    let mut stream = analyzer.token_stream(text);
    let mut terms = Vec::new();
    while let Some(token) = stream.next() {
        if !terms.contains(&token.text) {
            terms.push(token.text.clone());
        }
    }
    terms.truncate(MAX_TERMS);
    terms
}

/// Each word scores by its best field (title over aliases over topics over
/// text), as typed (full weight) or, if no field has it as typed, within one
/// or two edits (less weight);
/// the words' scores add up, so results that match more of the words rank
/// higher than results that match one word in many places.
pub(crate) fn build_query(words: &[String], fields: &[(Field, f32)], known: impl Fn(&str) -> bool) -> BooleanQuery {
    let mut per_word: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for word in words {
        let fuzzy_distance = match word.chars().count() {
            _ if known(word) => None,
            0..=3 => None,
            4..=7 => Some(1),
            _ => Some(2),
        };
        let mut matches: Vec<Box<dyn Query>> = Vec::new();
        for &(field, boost) in fields {
            let term = Term::from_field_text(field, word);
            let exact = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
            matches.push(Box::new(BoostQuery::new(Box::new(exact), boost)));
            let Some(distance) = fuzzy_distance else { continue };
            let fuzzy = FuzzyTermQuery::new(term, distance, true);
            matches.push(Box::new(BoostQuery::new(Box::new(fuzzy), boost * FUZZY_FACTOR)));
        }
        per_word.push((
            Occur::Should,
            Box::new(DisjunctionMaxQuery::with_tie_breaker(matches, TIE_BREAKER)),
        ));
    }
    BooleanQuery::new(per_word)
}
