//! Stemming with a memory. Stemming is most of what analysis costs; a bank's
//! words are few, so each is stemmed once and looked up after. The result is
//! the same as stemming every time. The memory also tells snippets which
//! written words each stem came from (`crate::vocabulary`).

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use tantivy::tokenizer::{
    BoxTokenStream, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter,
    TextAnalyzer, Token, TokenStream, Tokenizer,
};


/// Words of letters and digits, lowercased, English stop words dropped, then
/// stemmed through the shared memory of stems.
#[derive(Clone)]
pub(crate) struct CachedStemmer {
    unstemmed: TextAnalyzer,
    stemmer: TextAnalyzer,
    memory: Arc<RwLock<Memory>>,
}

/// Every word met while indexing, with its stem. Frozen once the index is
/// built, so what readers type cannot grow it.
#[derive(Default)]
struct Memory {
    stems: HashMap<String, String>,
    frozen: bool,
}

impl CachedStemmer {
    pub(crate) fn english() -> CachedStemmer {
        CachedStemmer {
            unstemmed: TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .filter(StopWordFilter::new(Language::English).expect("tantivy ships English stop words"))
                .build(),
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
            memory: Arc::default(),
        }
    }

    /// Stops remembering new words, and hands every word met so far (each
    /// with its stem) to `take`.
    pub(crate) fn freeze<T>(&self, take: impl FnOnce(&HashMap<String, String>) -> T) -> T {
        let mut memory = self.memory.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        memory.frozen = true;
        take(&memory.stems)
    }
}

impl Tokenizer for CachedStemmer {
    type TokenStream<'a> = CachedStemStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CachedStemStream<'a> {
        CachedStemStream {
            tail: self.unstemmed.token_stream(text),
            stemmer: &mut self.stemmer,
            memory: &self.memory,
        }
    }
}

pub(crate) struct CachedStemStream<'a> {
    tail: BoxTokenStream<'a>,
    stemmer: &'a mut TextAnalyzer,
    memory: &'a RwLock<Memory>,
}

impl TokenStream for CachedStemStream<'_> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let frozen = match self.memory.read() {
            Ok(memory) => {
                if let Some(stem) = memory.stems.get(&token.text) {
                    token.text.clone_from(stem);
                    return true;
                }
                memory.frozen
            }
            Err(_) => true,
        };
        let stem = stem(self.stemmer, &token.text);
        if !frozen && let Ok(mut memory) = self.memory.write() {
            memory.stems.insert(std::mem::take(&mut token.text), stem.clone());
        }
        token.text = stem;
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The stem of one lowercased word, by tantivy's own stemmer.
fn stem(stemmer: &mut TextAnalyzer, word: &str) -> String {
    let mut stream = stemmer.token_stream(word);
    match stream.advance() {
        true => stream.token().text.clone(),
        false => word.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut words = Vec::new();
        while let Some(token) = stream.next() {
            words.push(format!("{}@{}", token.text, token.offset_from));
        }
        words
    }

    #[test]
    fn stems_as_the_plain_stemmer_does_the_first_time_and_after() {
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(StopWordFilter::new(Language::English).expect("stop words"))
            .filter(Stemmer::new(Language::English))
            .build();
        let mut cached = TextAnalyzer::builder(CachedStemmer::english()).build();
        let text = "The Lifetimes of borrowed references: lifetimes outlive NOTHING, happily.";
        let expected = analyze(&mut plain, text);
        assert!(expected.contains(&"lifetim@4".to_owned()), "{expected:?}");
        assert_eq!(analyze(&mut cached, text), expected);
        assert_eq!(analyze(&mut cached.clone(), text), expected);
    }
}
