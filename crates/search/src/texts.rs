//! Where the index finds the text it quotes in snippets.
//!
//! The index does not keep a copy of what it indexed: the bank holds every
//! answer already, and a second copy (tantivy's stored documents, or our
//! own) was most of what a large index cost in memory (1.2 GiB of 100,000
//! synthetic questions' premium text). Snippets are made for the few hits a
//! search returns, so asking the owner of the text for those is cheap.

use bank::Bank;
use std::borrow::Cow;

/// The text of each indexed entry, by entry number (the order in which the
/// entries were given to the index), exactly as it was indexed.
pub trait Texts: Send + Sync {
    /// What anyone may read.
    fn open_text(&self, entry: usize) -> Cow<'_, str>;
    /// What only a reader with access may read (empty for a free sample).
    fn premium_text(&self, entry: usize) -> Cow<'_, str>;
}

/// The bank's questions, in bank order (as `SearchIndex::build` indexes them).
impl Texts for Bank {
    fn open_text(&self, entry: usize) -> Cow<'_, str> {
        self.questions()
            .get(entry)
            .map_or(Cow::Borrowed(""), |question| question.open_text())
    }

    fn premium_text(&self, entry: usize) -> Cow<'_, str> {
        self.questions()
            .get(entry)
            .map_or(Cow::Borrowed(""), |question| question.premium_text())
    }
}

/// Entries a caller made hold their own text.
impl Texts for Vec<crate::Entry> {
    fn open_text(&self, entry: usize) -> Cow<'_, str> {
        self.get(entry)
            .map_or(Cow::Borrowed(""), |entry| Cow::Borrowed(&entry.open_text))
    }

    fn premium_text(&self, entry: usize) -> Cow<'_, str> {
        self.get(entry)
            .map_or(Cow::Borrowed(""), |entry| Cow::Borrowed(&entry.premium_text))
    }
}

impl<T: Texts + ?Sized> Texts for std::sync::Arc<T> {
    fn open_text(&self, entry: usize) -> Cow<'_, str> {
        (**self).open_text(entry)
    }

    fn premium_text(&self, entry: usize) -> Cow<'_, str> {
        (**self).premium_text(entry)
    }
}
