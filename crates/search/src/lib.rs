//! Full-text search over the bank with tantivy, built in memory at start-up.
//! Free text (titles, aliases, topics, short answers, and the whole answer of
//! free samples) and premium text live in separate fields; a search made
//! without proof of access never reads the premium field, so it cannot match
//! or quote premium text. Queries are built from words, not parsed as query
//! syntax, so no input is a syntax error: quotes, operators and brackets are
//! just punctuation.

mod index;
mod postings;
mod query;
mod ranking;
mod schema;
mod segments;
mod short_words;
mod snippets;
mod stems;
mod texts;
mod vocabulary;
mod words;

pub use index::{Hit, SearchError, SearchIndex};
pub use query::{MAX_QUERY_CHARS, words};
pub use schema::Entry;
pub use texts::Texts;
