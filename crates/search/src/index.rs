//! The index: one tantivy document per question, in RAM.

use crate::query::{MAX_QUERY_CHARS, expand};
use crate::ranking::{ALIAS_BOOST, ANALYZER, BODY_BOOST, TITLE_BOOST, TOPIC_BOOST, analyzer, build_query, terms};
use crate::schema::{ENTRY, Entry, Fields};
use crate::segments::{self, Plan};
use crate::snippets::Snippets;
use crate::stems::CachedStemmer;
use crate::texts::Texts;
use crate::vocabulary::Vocabulary;
use bank::{Access, Bank};
use std::sync::Arc;
use tantivy::collector::{FilterCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Score, Searcher, Term};

/// Why a search could not run.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("the query is longer than {MAX_QUERY_CHARS} characters")]
    TooLong,
    #[error("search failed: {0}")]
    Index(#[from] tantivy::TantivyError),
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
        let entries = bank.questions().iter().map(|question| Entry::of(&bank, question));
        SearchIndex::from_entries(entries, Arc::clone(&bank))
    }

    /// Indexes entries made by the caller (the benchmark's synthetic bank),
    /// whose text `texts` holds, by the entries' order. No text is stored;
    /// term positions are not indexed (no query uses phrases).
    pub fn from_entries(
        entries: impl IntoIterator<Item = Entry>,
        texts: impl Texts + 'static,
    ) -> Result<SearchIndex, SearchError> {
        let entries = entries.into_iter();
        let plan = Plan::for_entries(entries.size_hint().0);
        SearchIndex::written_by(entries, texts, |index, fields, stemmer, entries| {
            segments::write_index(index, fields, stemmer, entries, plan)
        })
    }

    /// An index of `entries` whose segments `write` writes (returning the
    /// slugs by entry number), with the schema, analyzer and reader every
    /// index has.
    fn written_by<I: Iterator<Item = Entry>>(
        entries: I,
        texts: impl Texts + 'static,
        write: impl FnOnce(&Index, Fields, &CachedStemmer, I) -> tantivy::Result<Vec<Box<str>>>,
    ) -> Result<SearchIndex, SearchError> {
        let (fields, schema) = Fields::schema(ANALYZER);
        let index = Index::builder().schema(schema).create_in_ram()?;
        let stemmer = CachedStemmer::english();
        let analyzer = analyzer(&stemmer);
        index.tokenizers().register(ANALYZER, analyzer.clone());
        let slugs = write(&index, fields, &stemmer, entries)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use bank::{Renderer, Sources, check};
    use tantivy::{IndexWriter, TantivyDocument};

    /// Writes an index's segments; returns the slugs by entry number.
    type Writer = dyn Fn(&Index, Fields, &CachedStemmer, std::vec::IntoIter<Entry>) -> tantivy::Result<Vec<Box<str>>>;

    fn real_bank() -> Arc<Bank> {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
        let sources = Sources::from_dir(&content).expect("content");
        let checked = check(&sources, time::OffsetDateTime::now_utc().date()).expect("the bank passes check");
        Arc::new(Bank::build(checked, &Renderer::default()))
    }

    /// The fixture's queries, and some with typos (fuzzy matches) and
    /// symbols.
    fn queries() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let fixture = std::fs::read_to_string(root.join("tests/fixtures/search-queries.toml")).expect("fixture");
        let typed = [
            "lifetimse borow",
            "Arc<Mutex<T>> vs RwLock",
            "pinnning futures",
            "unsafe &mut aliasing",
        ];
        fixture
            .lines()
            .filter_map(|line| line.strip_prefix("text = "))
            .map(|text| text.trim_matches('"').replace("\\\"", "\""))
            .chain(typed.map(String::from))
            .collect()
    }

    /// Tantivy's own writer, on one thread (one segment).
    fn tantivy_writer(
        index: &Index,
        fields: Fields,
        _: &CachedStemmer,
        entries: impl Iterator<Item = Entry>,
    ) -> tantivy::Result<Vec<Box<str>>> {
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 50_000_000)?;
        let mut slugs = Vec::new();
        for entry in entries {
            let mut document = TantivyDocument::new();
            document.add_u64(fields.entry, slugs.len() as u64);
            for (field, text) in fields.texts(&entry) {
                document.add_text(field, text);
            }
            writer.add_document(document)?;
            slugs.push(entry.slug.into());
        }
        writer.commit()?;
        Ok(slugs)
    }

    /// Every hit of `query`, by slug (segments order ties differently).
    fn all_hits(index: &SearchIndex, query: &str, access: Option<&Access>) -> Vec<Hit> {
        let mut hits = index.search(query, access, 1_000).expect("search");
        hits.sort_by(|a, b| a.slug.cmp(&b.slug));
        hits
    }

    /// The same hits and snippets, and the same scores but for the last
    /// bits: in another segment tantivy may add a document's per-word
    /// scores in another order.
    fn assert_same_hits(got: &[Hit], expected: &[Hit], query: &str) {
        let slugs = |hits: &[Hit]| hits.iter().map(|hit| hit.slug.clone()).collect::<Vec<_>>();
        assert_eq!(slugs(got), slugs(expected), "{query:?}");
        for (got, expected) in got.iter().zip(expected) {
            assert_eq!(got.snippet_html, expected.snippet_html, "{query:?}");
            let tolerance = 1e-5 * expected.score.abs().max(1.0);
            assert!(
                (got.score - expected.score).abs() <= tolerance,
                "{query:?}: {} scores {} against {}",
                got.slug,
                got.score,
                expected.score
            );
        }
    }

    #[test]
    fn our_segments_search_as_tantivys_writer_made_them() {
        let bank = real_bank();
        let entries: Vec<Entry> = bank
            .questions()
            .iter()
            .map(|question| Entry::of(&bank, question))
            .collect();
        let build = |write: &Writer| {
            SearchIndex::written_by(entries.clone().into_iter(), Arc::clone(&bank), write).expect("index")
        };
        let theirs = build(&|index, fields, stemmer, entries| tantivy_writer(index, fields, stemmer, entries));
        let ours_with = |plan: Plan| {
            build(&move |index, fields, stemmer, entries| segments::write_index(index, fields, stemmer, entries, plan))
        };
        let ours = ours_with(Plan::for_entries(entries.len()));
        assert_eq!(ours.reader.searcher().segment_readers().len(), 1);
        // 169 questions in batches of 64 over three threads: three segments.
        let threads = ours_with(Plan {
            threads: 3,
            ..Plan::for_entries(0)
        });
        assert_eq!(threads.reader.searcher().segment_readers().len(), 3);
        // The bank's postings take about 130 KB: a segment every 20 KB.
        let small = ours_with(Plan {
            segment_bytes: 20_000,
            ..Plan::for_entries(0)
        });
        assert!(small.reader.searcher().segment_readers().len() > 5);
        assert_eq!(ours.slugs, theirs.slugs);
        let access = Access::from_entitlement(i64::MAX, 0).expect("a test entitlement");
        let mut compared = 0;
        for query in queries() {
            for proof in [None, Some(&access)] {
                let expected = theirs.search(&query, proof, 10).expect("search");
                let got = ours.search(&query, proof, 10).expect("search");
                assert_eq!(got.len(), expected.len(), "{query:?}");
                for (expected, got) in expected.iter().zip(&got) {
                    assert_eq!(
                        (&got.slug, got.score, &got.snippet_html),
                        (&expected.slug, expected.score, &expected.snippet_html),
                        "{query:?}"
                    );
                }
                for split in [&threads, &small] {
                    assert_same_hits(
                        &all_hits(split, &query, proof),
                        &all_hits(&theirs, &query, proof),
                        &query,
                    );
                }
                compared += 1;
            }
        }
        assert!(compared > 300, "{compared} searches compared");
    }

    #[test]
    fn an_empty_bank_has_an_index_that_finds_nothing() {
        let index = SearchIndex::from_entries(Vec::new(), Vec::<Entry>::new()).expect("index");
        assert_eq!(index.reader.searcher().segment_readers().len(), 0);
        assert!(index.search("lifetimes", None, 10).expect("search").is_empty());
    }
}
