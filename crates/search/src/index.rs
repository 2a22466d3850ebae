//! The index: one tantivy document per question, in RAM.

use crate::query::{MAX_QUERY_CHARS, expand};
use crate::ranking::{ALIAS_BOOST, ANALYZER, BODY_BOOST, TITLE_BOOST, TOPIC_BOOST, analyzer, build_query, terms};
use crate::snippets::Snippets;
use crate::stems::CachedStemmer;
use crate::texts::Texts;
use crate::vocabulary::Vocabulary;
use bank::{Access, Bank};
use std::sync::Arc;
use tantivy::collector::{FilterCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::indexer::NoMergePolicy;
use tantivy::schema::{FAST, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Score, Searcher, Term, doc};

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
    /// The entry's number, a fast field: a hit's slug without loading its
    /// stored document, and filters without touching the text.
    entry: Field,
    title: Field,
    aliases: Field,
    topics: Field,
    free_text: Field,
    premium_text: Field,
}

/// The name of the entry-number field.
const ENTRY: &str = "entry";
/// The writer's memory, shared by its indexing threads: the whole real bank
/// fits in one segment.
const WRITER_MEMORY: usize = 200_000_000;
/// From this many entries on, the writer indexes on every core (at most
/// `MAX_WRITER_THREADS`): 100,000 synthetic questions took 48.6 s on one
/// thread and 21.9 s on two (`search_bench`, 2 cores), searched as fast in
/// their two segments as in one. A smaller bank keeps one thread, so one
/// segment for each search to walk.
const PARALLEL_FROM: usize = 10_000;
const MAX_WRITER_THREADS: usize = 4;

/// The search index of a bank.
pub struct SearchIndex {
    fields: Fields,
    reader: IndexReader,
    analyzer: TextAnalyzer,
    /// The written forms of each stem, for snippets.
    vocabulary: Vocabulary,
    /// Each entry's slug, by entry number: a hit's slug without a stored
    /// document (tantivy stores none here).
    slugs: Vec<Box<str>>,
    /// The indexed text, for snippets (see `texts`).
    texts: Box<dyn Texts>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("docs", &self.slugs.len()).finish()
    }
}

impl SearchIndex {
    /// Indexes every question of the bank, which snippets then quote.
    pub fn build(bank: Arc<Bank>) -> Result<SearchIndex, SearchError> {
        let entries = bank.questions().iter().map(|question| {
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
        });
        SearchIndex::from_entries(entries, Arc::clone(&bank))
    }

    /// Indexes entries made by the caller (the benchmark's synthetic bank),
    /// whose text `texts` holds, by the entries' order. No text is stored;
    /// term positions are not indexed (no query uses phrases); segments are
    /// never merged while building (a merge rewrites everything written so
    /// far).
    pub fn from_entries(
        entries: impl IntoIterator<Item = Entry>,
        texts: impl Texts + 'static,
    ) -> Result<SearchIndex, SearchError> {
        let mut schema = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let fields = Fields {
            entry: schema.add_u64_field(ENTRY, FAST),
            title: schema.add_text_field("title", text.clone()),
            aliases: schema.add_text_field("aliases", text.clone()),
            topics: schema.add_text_field("topics", text.clone()),
            free_text: schema.add_text_field("free_text", text.clone()),
            premium_text: schema.add_text_field("premium_text", text),
        };
        let index = Index::builder().schema(schema.build()).create_in_ram()?;
        let stemmer = CachedStemmer::english();
        let analyzer = analyzer(&stemmer);
        index.tokenizers().register(ANALYZER, analyzer.clone());
        let entries = entries.into_iter();
        let mut writer = index.writer_with_num_threads(writer_threads(entries.size_hint().0), WRITER_MEMORY)?;
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let mut slugs = Vec::new();
        for entry in entries {
            writer.add_document(doc!(
                fields.entry => slugs.len() as u64,
                fields.title => entry.title,
                fields.aliases => entry.phrasings,
                fields.topics => entry.topics,
                fields.free_text => entry.open_text,
                fields.premium_text => entry.premium_text,
            ))?;
            slugs.push(entry.slug.into());
        }
        writer.commit()?;
        let vocabulary = stemmer.freeze(Vocabulary::from_stems);
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(SearchIndex {
            fields,
            reader,
            analyzer,
            vocabulary,
            slugs,
            texts: Box::new(texts),
        })
    }

    /// The best `limit` questions for `query`. Premium text is searched and
    /// quoted only with proof of access.
    pub fn search(&self, query: &str, access: Option<&Access>, limit: usize) -> Result<Vec<Hit>, SearchError> {
        self.search_where(query, access, limit, None)
    }

    /// The best `limit` questions for `query` among those whose slug `keep`
    /// accepts (all without it). Snippets are made for the returned hits only.
    pub fn search_where(
        &self,
        query: &str,
        access: Option<&Access>,
        limit: usize,
        keep: Option<&dyn Fn(&str) -> bool>,
    ) -> Result<Vec<Hit>, SearchError> {
        if query.chars().count() > MAX_QUERY_CHARS {
            return Err(SearchError::TooLong);
        }
        let words = terms(&self.analyzer, &expand(query));
        if words.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let weighted = self.weighted(access.is_some());
        let searcher = self.reader.searcher();
        // A word the index knows is taken as typed; only unknown words (typos)
        // pay for fuzzy matching.
        let known = |word: &str| {
            weighted
                .iter()
                .any(|&(field, _)| searcher.doc_freq(&Term::from_field_text(field, word)).unwrap_or(0) > 0)
        };
        let query = build_query(&words, &weighted, known);
        let top = self.top(&searcher, &query, limit, keep)?;
        let premium = access.map(|_| self.fields.premium_text);
        let snippets = Snippets::new(&searcher, &self.vocabulary, &words, self.fields.free_text, premium)?;
        let entries = entry_columns(&searcher)?;
        top.into_iter()
            .map(|(score, address)| {
                let entry = entry_number(&entries, address);
                let slug = entry.and_then(|entry| self.slugs.get(entry));
                Ok(Hit {
                    slug: slug.map(ToString::to_string).unwrap_or_default(),
                    score,
                    snippet_html: entry.map_or_else(String::new, |entry| snippets.html(&*self.texts, entry)),
                })
            })
            .collect()
    }

    /// The fields a reader's words are looked for in, with their weights.
    fn weighted(&self, premium: bool) -> Vec<(Field, f32)> {
        let fields = self.fields;
        let mut weighted = vec![
            (fields.title, TITLE_BOOST),
            (fields.aliases, ALIAS_BOOST),
            (fields.topics, TOPIC_BOOST),
            (fields.free_text, BODY_BOOST),
        ];
        if premium {
            weighted.push((fields.premium_text, BODY_BOOST));
        }
        weighted
    }

    /// The best-scoring documents, among those `keep` accepts.
    fn top(
        &self,
        searcher: &Searcher,
        query: &dyn tantivy::query::Query,
        limit: usize,
        keep: Option<&dyn Fn(&str) -> bool>,
    ) -> tantivy::Result<Vec<(Score, DocAddress)>> {
        let best = TopDocs::with_limit(limit).order_by_score();
        let Some(keep) = keep else {
            return searcher.search(query, &best);
        };
        let kept: Arc<[bool]> = self.slugs.iter().map(|slug| keep(slug)).collect();
        let filtered = FilterCollector::new(
            ENTRY.to_owned(),
            move |entry: u64| {
                usize::try_from(entry)
                    .ok()
                    .and_then(|n| kept.get(n))
                    .is_some_and(|&k| k)
            },
            best,
        );
        searcher.search(query, &filtered)
    }
}

/// How many threads index `entries` entries (see `PARALLEL_FROM`).
fn writer_threads(entries: usize) -> usize {
    if entries < PARALLEL_FROM {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |cores| cores.get().min(MAX_WRITER_THREADS))
}

/// A hit's entry number.
fn entry_number(entries: &[Column<u64>], address: DocAddress) -> Option<usize> {
    let entry = entries
        .get(address.segment_ord as usize)
        .and_then(|column| column.first(address.doc_id))?;
    usize::try_from(entry).ok()
}

/// The entry-number column of each segment, in segment order.
fn entry_columns(searcher: &Searcher) -> tantivy::Result<Vec<Column<u64>>> {
    searcher
        .segment_readers()
        .iter()
        .map(|segment| segment.fast_fields().u64(ENTRY))
        .collect()
}
