//! Highlighted excerpts, made only for the hits a caller returns: each one
//! loads the question's stored text and re-analyzes it, which is most of what
//! a search costs.

use tantivy::query::Query;
use tantivy::schema::{Field, TantivyDocument};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher};

/// The excerpt makers of one search: open text always, premium text only for
/// a reader with access.
pub(crate) struct Snippets {
    open: SnippetGenerator,
    premium: Option<SnippetGenerator>,
}

impl Snippets {
    /// `premium` is the premium text's field, for a reader with access only.
    pub(crate) fn new(
        searcher: &Searcher,
        query: &dyn Query,
        open: Field,
        premium: Option<Field>,
    ) -> tantivy::Result<Snippets> {
        let open = SnippetGenerator::create(searcher, query, open)?;
        let premium = match premium {
            Some(field) => Some(SnippetGenerator::create(searcher, query, field)?),
            None => None,
        };
        Ok(Snippets { open, premium })
    }

    /// An HTML excerpt with `<b>` around matched words: from open text, else
    /// (with access) from premium text; empty if neither matched.
    pub(crate) fn html(&self, searcher: &Searcher, address: DocAddress) -> tantivy::Result<String> {
        let document: TantivyDocument = searcher.doc(address)?;
        let mut snippet = self.open.snippet_from_doc(&document);
        if snippet.highlighted().is_empty()
            && let Some(premium) = &self.premium
        {
            snippet = premium.snippet_from_doc(&document);
        }
        Ok(match snippet.highlighted().is_empty() {
            true => String::new(),
            false => snippet.to_html(),
        })
    }
}
