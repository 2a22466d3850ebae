//! The index: one tantivy document per question, in RAM.

use crate::query::{MAX_QUERY_CHARS, expand};
use bank::{Access, Bank};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TantivyDocument, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
};
use tantivy::{Index, IndexReader, Term, doc};

/// Why a search could not run.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("the query is longer than {MAX_QUERY_CHARS} characters")]
    TooLong,
    #[error("search failed: {0}")]
    Index(#[from] tantivy::TantivyError),
}

/// What is indexed of one question. `open_text` is what anyone may read;
/// `premium_text` is searched and quoted only with proof of access.
#[derive(Debug, Clone)]
pub struct Entry {
    pub slug: String,
    pub title: String,
    /// Other phrasings, one per line.
    pub phrasings: String,
    pub topics: String,
    pub open_text: String,
    pub premium_text: String,
}

/// One result, best first.
#[derive(Debug, Clone)]
pub struct Hit {
    pub slug: String,
    pub score: f32,
    /// An HTML excerpt with `<b>` around matched words, from text the reader
    /// may see; empty if no such text matched.
    pub snippet_html: String,
}

#[derive(Debug, Clone, Copy)]
struct Fields {
    slug: Field,
    title: Field,
    aliases: Field,
    topics: Field,
    free_text: Field,
    premium_text: Field,
}

/// The search index of a bank.
pub struct SearchIndex {
    fields: Fields,
    reader: IndexReader,
    analyzer: TextAnalyzer,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("docs", &self.reader.searcher().num_docs())
            .finish()
    }
}

/// Field weights: a match in the title counts most.
const TITLE_BOOST: f32 = 4.0;
const ALIAS_BOOST: f32 = 3.0;
const TOPIC_BOOST: f32 = 1.5;
const BODY_BOOST: f32 = 1.0;
/// A near miss counts for less than the word as typed.
const FUZZY_FACTOR: f32 = 0.4;
/// How much a word's other matching fields add to its best one.
const TIE_BREAKER: f32 = 0.2;

impl SearchIndex {
    /// Indexes every question of the bank.
    pub fn build(bank: &Bank) -> Result<SearchIndex, SearchError> {
        SearchIndex::from_entries(bank.questions().iter().map(|question| {
            let phrasings: Vec<&str> = bank
                .entries_of(question)
                .filter(|entry| !entry.placeholder)
                .map(|entry| entry.title.as_str())
                .chain(question.aliases.iter().map(String::as_str))
                .collect();
            let topics: Vec<String> = question
                .topics
                .iter()
                .map(|topic| format!("{} {}", topic.as_str(), topic.label()))
                .collect();
            let (open_text, premium_text) = question.searchable_text();
            Entry {
                slug: question.slug.to_string(),
                title: question.title.clone(),
                phrasings: phrasings.join("\n"),
                topics: topics.join(" "),
                open_text,
                premium_text,
            }
        }))
    }

    /// Indexes entries made by the caller (the benchmark's synthetic bank).
    pub fn from_entries(entries: impl IntoIterator<Item = Entry>) -> Result<SearchIndex, SearchError> {
        let mut schema = Schema::builder();
        let english = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let stored = english.clone().set_stored();
        let fields = Fields {
            slug: schema.add_text_field("slug", STRING | STORED),
            title: schema.add_text_field("title", stored.clone()),
            aliases: schema.add_text_field("aliases", english.clone()),
            topics: schema.add_text_field("topics", english),
            free_text: schema.add_text_field("free_text", stored.clone()),
            premium_text: schema.add_text_field("premium_text", stored),
        };
        let index = Index::create_in_ram(schema.build());
        let analyzer = analyzer();
        index.tokenizers().register(ANALYZER, analyzer.clone());
        let mut writer = index.writer(100_000_000)?;
        for entry in entries {
            writer.add_document(doc!(
                fields.slug => entry.slug,
                fields.title => entry.title,
                fields.aliases => entry.phrasings,
                fields.topics => entry.topics,
                fields.free_text => entry.open_text,
                fields.premium_text => entry.premium_text,
            ))?;
        }
        writer.commit()?;
        let reader = index.reader()?;
        Ok(SearchIndex {
            fields,
            reader,
            analyzer,
        })
    }

    /// The best `limit` questions for `query`. Premium text is searched and
    /// quoted only with proof of access.
    pub fn search(&self, query: &str, access: Option<&Access>, limit: usize) -> Result<Vec<Hit>, SearchError> {
        if query.chars().count() > MAX_QUERY_CHARS {
            return Err(SearchError::TooLong);
        }
        let words = self.terms(query);
        if words.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let fields = self.fields;
        let mut weighted = vec![
            (fields.title, TITLE_BOOST),
            (fields.aliases, ALIAS_BOOST),
            (fields.topics, TOPIC_BOOST),
            (fields.free_text, BODY_BOOST),
        ];
        if access.is_some() {
            weighted.push((fields.premium_text, BODY_BOOST));
        }
        let searcher = self.reader.searcher();
        // A word the index knows is taken as typed; only unknown words (typos)
        // pay for fuzzy matching, which is most of a query's cost.
        let known = |word: &str| {
            weighted
                .iter()
                .any(|&(field, _)| searcher.doc_freq(&Term::from_field_text(field, word)).unwrap_or(0) > 0)
        };
        let query = build_query(&words, &weighted, known);
        let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        let open_snippets = SnippetGenerator::create(&searcher, &query, fields.free_text)?;
        let premium_snippets = match access {
            Some(_) => Some(SnippetGenerator::create(&searcher, &query, fields.premium_text)?),
            None => None,
        };
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let document: TantivyDocument = searcher.doc(address)?;
            let slug = document
                .get_first(fields.slug)
                .and_then(|value| value.as_str())
                .unwrap_or_default()
                .to_owned();
            let mut snippet = open_snippets.snippet_from_doc(&document);
            if snippet.highlighted().is_empty()
                && let Some(generator) = &premium_snippets
            {
                snippet = generator.snippet_from_doc(&document);
            }
            let snippet_html = if snippet.highlighted().is_empty() {
                String::new()
            } else {
                snippet.to_html()
            };
            hits.push(Hit {
                slug,
                score,
                snippet_html,
            });
        }
        Ok(hits)
    }

    /// The query's terms, analyzed as the documents were.
    fn terms(&self, query: &str) -> Vec<String> {
        let mut analyzer = self.analyzer.clone();
        let text = expand(query);
        let mut stream = analyzer.token_stream(&text);
        let mut terms = Vec::new();
        while let Some(token) = stream.next() {
            if token.text.chars().count() > 1 && !terms.contains(&token.text) {
                terms.push(token.text.clone());
            }
        }
        terms.truncate(24);
        terms
    }
}

/// The name the analyzer is registered under.
const ANALYZER: &str = "rustprep_en";

/// Words of letters and digits, lowercased, English stop words dropped,
/// stemmed ("lifetimes" and "lifetime" meet).
fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(StopWordFilter::new(Language::English).expect("tantivy ships English stop words"))
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Each word scores by its best field (title over aliases over topics over
/// text), as typed (full weight) or, if no field has it as typed, within one
/// or two edits (less weight);
/// the words' scores add up, so results that match more of the words rank
/// higher than results that match one word in many places.
fn build_query(words: &[String], fields: &[(Field, f32)], known: impl Fn(&str) -> bool) -> BooleanQuery {
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
