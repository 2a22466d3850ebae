//! The analyzer, in one pass with a memory: words of letters and digits,
//! lowercased, English stop words dropped, stemmed, exactly as tantivy's
//! `SimpleTokenizer`, `RemoveLongFilter`, `LowerCaser`, `StopWordFilter` and
//! `Stemmer` chained would do (a test holds it to that).
//!
//! Analysis was half of what building the index cost: five token streams
//! behind virtual calls, a stop-word look-up and a stem look-up per word. A
//! bank's words are few, so here each word, as written, is looked up once in
//! this analyzer's own memory (no lock: each indexing thread has its clone)
//! and only a word never met before is lowercased and goes through tantivy's
//! stop words and stemmer. The words met while indexing also tell snippets
//! which written words each stem came from (`crate::vocabulary`).

use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, StopWordFilter, TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// Words this long (bytes) or longer are dropped, as `RemoveLongFilter::limit(40)` does.
const LONGEST_WORD: usize = 40;

/// A word's stem, or `None` for a stop word.
type Stem = Option<Box<str>>;

/// The English analyzer. Cloning it shares the memory of words met while
/// indexing but starts an empty memory of its own.
pub(crate) struct CachedStemmer {
    /// Stop words out, stem of the rest: tantivy's own filters, for words not
    /// met before.
    stemmer: TextAnalyzer,
    /// This clone's memory, read without a lock: words as written to their
    /// place in `own_stems`.
    own: FxHashMap<Box<str>, usize>,
    own_stems: Vec<Stem>,
    shared: Arc<Mutex<Memory>>,
    /// The lowercased word being stemmed.
    lowercase: String,
    token: Token,
}

/// Every word met while indexing, as written, with its stem. Frozen once the index is
/// built, so what readers type cannot grow it.
#[derive(Default)]
struct Memory {
    stems: FxHashMap<Box<str>, Stem>,
    frozen: bool,
}

impl Clone for CachedStemmer {
    fn clone(&self) -> CachedStemmer {
        CachedStemmer {
            stemmer: self.stemmer.clone(),
            own: FxHashMap::default(),
            own_stems: Vec::new(),
            shared: Arc::clone(&self.shared),
            lowercase: String::new(),
            token: Token::default(),
        }
    }
}

impl CachedStemmer {
    pub(crate) fn english() -> CachedStemmer {
        CachedStemmer {
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(StopWordFilter::new(Language::English).expect("tantivy ships English stop words"))
                .filter(Stemmer::new(Language::English))
                .build(),
            own: FxHashMap::default(),
            own_stems: Vec::new(),
            shared: Arc::default(),
            lowercase: String::new(),
            token: Token::default(),
        }
    }

    /// Stops remembering new words, and hands every word met so far (each
    /// with its stem; stop words left out) to `take`.
    pub(crate) fn freeze<T>(&self, take: impl FnOnce(&HashMap<&str, &str>) -> T) -> T {
        let mut memory = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        memory.frozen = true;
        let stems: HashMap<&str, &str> = memory
            .stems
            .iter()
            .filter_map(|(word, stem)| Some((&**word, stem.as_deref()?)))
            .collect();
        take(&stems)
    }
}

/// The stem of `word` as written (None for a stop word), from this clone's
/// memory, else the shared one, else lowercased through tantivy's filters.
fn stem_of<'m>(
    own: &mut FxHashMap<Box<str>, usize>,
    own_stems: &'m mut Vec<Stem>,
    shared: &Mutex<Memory>,
    stemmer: &mut TextAnalyzer,
    lowercase: &mut String,
    word: &str,
) -> Option<&'m str> {
    if let Some(&known) = own.get(word) {
        return own_stems[known].as_deref();
    }
    let stem = {
        let mut memory = shared.lock().unwrap_or_else(PoisonError::into_inner);
        match memory.stems.get(word) {
            Some(stem) => stem.clone(),
            None => {
                lowercase.clear();
                match word.is_ascii() {
                    true => {
                        lowercase.push_str(word);
                        lowercase.make_ascii_lowercase();
                    }
                    // As `LowerCaser` does: character by character.
                    false => lowercase.extend(word.chars().flat_map(char::to_lowercase)),
                }
                let mut stream = stemmer.token_stream(lowercase);
                let stem: Stem = stream.advance().then(|| stream.token().text.as_str().into());
                if !memory.frozen {
                    memory.stems.insert(word.into(), stem.clone());
                }
                stem
            }
        }
    };
    own.insert(word.into(), own_stems.len());
    own_stems.push(stem);
    own_stems.last().and_then(|stem| stem.as_deref())
}

impl Tokenizer for CachedStemmer {
    type TokenStream<'a> = CachedStemStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CachedStemStream<'a> {
        self.token.reset();
        CachedStemStream {
            text,
            at: 0,
            analyzer: self,
        }
    }
}

pub(crate) struct CachedStemStream<'a> {
    text: &'a str,
    /// Where the next word is looked for.
    at: usize,
    analyzer: &'a mut CachedStemmer,
}

impl CachedStemStream<'_> {
    /// The next run of letters and digits, as byte offsets.
    fn next_word(&mut self) -> Option<(usize, usize)> {
        let from = self.skip(false)?;
        let to = self.skip(true).unwrap_or(self.text.len());
        self.at = to;
        Some((from, to))
    }

    /// Moves on while characters are (`alphanumeric`) or are not letters or
    /// digits; where they stop, or None at the end of the text.
    fn skip(&mut self, alphanumeric: bool) -> Option<usize> {
        let bytes = self.text.as_bytes();
        while let Some(&byte) = bytes.get(self.at) {
            let (is_word, width) = match byte.is_ascii() {
                true => (byte.is_ascii_alphanumeric(), 1),
                false => {
                    let c = self.text[self.at..].chars().next()?;
                    (c.is_alphanumeric(), c.len_utf8())
                }
            };
            if is_word != alphanumeric {
                return Some(self.at);
            }
            self.at += width;
        }
        None
    }
}

impl TokenStream for CachedStemStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some((from, to)) = self.next_word() {
            let CachedStemmer {
                stemmer,
                own,
                own_stems,
                shared,
                lowercase,
                token,
            } = &mut *self.analyzer;
            token.position = token.position.wrapping_add(1);
            let word = &self.text[from..to];
            if word.len() >= LONGEST_WORD {
                continue;
            }
            let Some(stem) = stem_of(own, own_stems, shared, stemmer, lowercase, word) else {
                continue;
            };
            token.text.clear();
            token.text.push_str(stem);
            token.offset_from = from;
            token.offset_to = to;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        &self.analyzer.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.analyzer.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer};

    fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut words = Vec::new();
        while let Some(token) = stream.next() {
            words.push(format!(
                "{}@{}-{}#{}",
                token.text, token.offset_from, token.offset_to, token.position
            ));
        }
        words
    }

    #[test]
    fn analyzes_as_tantivys_filters_do_the_first_time_and_after() {
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(StopWordFilter::new(Language::English).expect("stop words"))
            .filter(Stemmer::new(Language::English))
            .build();
        let stemmer = CachedStemmer::english();
        let mut cached = TextAnalyzer::builder(stemmer.clone()).build();
        let text = "The Lifetimes of borrowed references: lifetimes outlive NOTHING, happily. \
                    Ünïcode ΣΑΣ naïve_words x2 3.14 {:?} a_very_long_identifier_that_goes_on_and_on_forever ok";
        let expected = analyze(&mut plain, text);
        assert!(expected.contains(&"lifetim@4-13#1".to_owned()), "{expected:?}");
        assert_eq!(analyze(&mut cached, text), expected);
        assert_eq!(analyze(&mut cached.clone(), text), expected);
        assert_eq!(analyze(&mut cached, ""), Vec::<String>::new());
        let stem = |word: &str| stemmer.freeze(|stems| stems.get(word).map(|stem| stem.to_string()));
        assert_eq!(stem("Lifetimes").as_deref(), Some("lifetim"));
        assert_eq!(stem("lifetimes").as_deref(), Some("lifetim"));
        assert_eq!(stem("The"), None, "stop words are no stems");
    }
}
