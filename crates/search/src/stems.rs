//! The analyzer, in one pass with a memory: words of letters and digits,
//! lowercased, English stop words dropped, stemmed, as tantivy's
//! `SimpleTokenizer`, `RemoveLongFilter`, `LowerCaser`, `StopWordFilter` and
//! `Stemmer` chained would do, less stems of one character (no query
//! searches them). Each stem gets a number; documents are indexed from a
//! text's stems with their counts (`CachedStemmer::each_stem`, for
//! `crate::segments`), and queries read them as tantivy tokens: a bag of
//! words, each stem once per occurrence but all of a stem's occurrences
//! together, in the order stems first occur (a test holds it to tantivy's
//! chain). Positions and offsets of those tokens are therefore not those of
//! the words; the index records none (no query uses phrases).
//!
//! Analysis was half of what building the index cost: five token streams
//! behind virtual calls, a stop-word look-up and a stem look-up per word. A
//! bank's words are few, so here each word, as written, is looked up once in
//! this analyzer's own memory (no lock: each indexing thread has its clone)
//! and only a word never met before is lowercased and goes through tantivy's
//! stop words and stemmer. The words met while indexing also tell snippets
//! which written words each stem came from (`crate::vocabulary`).

use crate::short_words::{ShortWord, ShortWordMap};
use crate::words::Words;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, StopWordFilter, TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// Words this long (bytes) or longer are dropped, as `RemoveLongFilter::limit(40)` does.
const LONGEST_WORD: usize = 40;

/// A stem's number in one analyzer clone's memory.
pub(crate) type StemId = u32;

/// What `OwnMemory::short_words` holds for a word that has no stem.
const STOP: u32 = u32::MAX;

/// The English analyzer. Cloning it shares the memory of words met while
/// indexing but starts an empty memory of its own.
pub(crate) struct CachedStemmer {
    /// Stop words out, stem of the rest: tantivy's own filters, for words not
    /// met before.
    stemmer: TextAnalyzer,
    /// This clone's memory, read without a lock.
    own: OwnMemory,
    shared: Arc<Mutex<Memory>>,
    /// How often each stem occurs in the text being analyzed, by stem
    /// number (all zero between texts).
    counts: Vec<u32>,
    /// The stems of the text being analyzed, in the order they first occur.
    order: Vec<StemId>,
    token: Token,
}

/// Words as written to their stem's number (`None` for a stop word), and
/// each stem by number.
#[derive(Default)]
struct OwnMemory {
    /// Words of up to 12 bytes (nearly all), keyed by their bytes as two
    /// integers: compared without a call to `memcmp` or a pointer to follow,
    /// which were a third of the analyzer's time.
    short_words: ShortWordMap,
    long_words: FxHashMap<Box<str>, Option<StemId>>,
    stems: Vec<Box<str>>,
    stem_ids: FxHashMap<Box<str>, StemId>,
    /// The lowercased word being stemmed.
    lowercase: String,
}

/// Every word met while indexing, as written, with its stem (`None` for a
/// stop word). Frozen once the index is built, so what readers type cannot
/// grow it.
#[derive(Default)]
struct Memory {
    stems: FxHashMap<Box<str>, Option<Box<str>>>,
    frozen: bool,
}

impl Clone for CachedStemmer {
    fn clone(&self) -> CachedStemmer {
        CachedStemmer {
            stemmer: self.stemmer.clone(),
            own: OwnMemory::default(),
            shared: Arc::clone(&self.shared),
            counts: Vec::new(),
            order: Vec::new(),
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
            own: OwnMemory::default(),
            shared: Arc::default(),
            counts: Vec::new(),
            order: Vec::new(),
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

    /// Hands each stem of `text` to `take` once, with how often it occurs,
    /// in the order stems first occur: the bag, counted. This is how
    /// documents are indexed (`crate::segments`); the token stream serves
    /// queries.
    pub(crate) fn each_stem(&mut self, text: &str, mut take: impl FnMut(StemId, u32)) {
        self.order.clear();
        self.count_stems(text);
        for &id in &self.order {
            take(id, std::mem::take(&mut self.counts[id as usize]));
        }
        self.order.clear();
    }

    /// The stem numbered `id` by this clone.
    pub(crate) fn stem(&self, id: StemId) -> &str {
        &self.own.stems[id as usize]
    }

    /// Counts the stems of `text`'s words into `counts` and `order`.
    fn count_stems(&mut self, text: &str) {
        let mut words = Words::new(text);
        while let Some((from, to)) = words.next_span() {
            // A one-byte word is its own one-letter stem (see `stem_id`).
            if to - from == 1 || to - from >= LONGEST_WORD {
                continue;
            }
            let Some(id) = self.own.stem_id(text, from, to, &self.shared, &mut self.stemmer) else {
                continue;
            };
            let id = id as usize;
            if id >= self.counts.len() {
                self.counts.resize(id + 1, 0);
            }
            if self.counts[id] == 0 {
                self.order.push(id as StemId);
            }
            self.counts[id] += 1;
        }
    }
}

impl OwnMemory {
    /// The number of `word`'s stem, from this memory, else the shared one,
    /// else lowercased through tantivy's filters. None for a stop word, and
    /// for a stem of one character: queries never search those
    /// (`crate::ranking::terms`), so they are not indexed either.
    fn stem_id(
        &mut self,
        text: &str,
        from: usize,
        to: usize,
        shared: &Mutex<Memory>,
        stemmer: &mut TextAnalyzer,
    ) -> Option<StemId> {
        let word = &text[from..to];
        let short = ShortWord::at(text.as_bytes(), from, to);
        let known = match short {
            Some(short) => self.short_words.get(short).map(|id| (id != STOP).then_some(id)),
            None => self.long_words.get(word).copied(),
        };
        if let Some(known) = known {
            return known;
        }
        let stem = self.stem_of_new(word, shared, stemmer);
        let id = stem
            .filter(|stem| stem.chars().nth(1).is_some())
            .map(|stem| self.number(stem));
        match short {
            Some(short) => self.short_words.insert(short, id.unwrap_or(STOP)),
            None => _ = self.long_words.insert(word.into(), id),
        }
        id
    }

    /// The stem of a word this memory has not met.
    fn stem_of_new(&mut self, word: &str, shared: &Mutex<Memory>, stemmer: &mut TextAnalyzer) -> Option<Box<str>> {
        let mut memory = shared.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(stem) = memory.stems.get(word) {
            return stem.clone();
        }
        let lowercase = &mut self.lowercase;
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
        let stem: Option<Box<str>> = stream.advance().then(|| stream.token().text.as_str().into());
        if !memory.frozen {
            memory.stems.insert(word.into(), stem.clone());
        }
        stem
    }

    /// `stem`'s number, given it if new.
    fn number(&mut self, stem: Box<str>) -> StemId {
        if let Some(&id) = self.stem_ids.get(&stem) {
            return id;
        }
        let id = StemId::try_from(self.stems.len())
            .ok()
            .filter(|&id| id != STOP)
            .expect("fewer than 4 billion stems");
        self.stems.push(stem.clone());
        self.stem_ids.insert(stem, id);
        id
    }
}

impl Tokenizer for CachedStemmer {
    type TokenStream<'a> = StemBag<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> StemBag<'a> {
        self.token.reset();
        self.order.clear();
        self.count_stems(text);
        StemBag {
            next: 0,
            left: 0,
            analyzer: self,
        }
    }
}

/// A text's stems, each repeated as often as it occurs, in the order they
/// first occur.
pub(crate) struct StemBag<'a> {
    /// The place in `order` of the next stem.
    next: usize,
    /// How many more times the current stem is handed on.
    left: u32,
    analyzer: &'a mut CachedStemmer,
}

impl TokenStream for StemBag<'_> {
    fn advance(&mut self) -> bool {
        let analyzer = &mut *self.analyzer;
        analyzer.token.position = analyzer.token.position.wrapping_add(1);
        if self.left > 0 {
            self.left -= 1;
            return true;
        }
        let Some(&id) = analyzer.order.get(self.next) else {
            return false;
        };
        self.next += 1;
        let count = std::mem::take(&mut analyzer.counts[id as usize]);
        self.left = count - 1;
        analyzer.token.text.clear();
        analyzer.token.text.push_str(&analyzer.own.stems[id as usize]);
        true
    }

    fn token(&self) -> &Token {
        &self.analyzer.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.analyzer.token
    }
}

impl Drop for StemBag<'_> {
    /// A stream dropped before its end leaves the counts at zero for the next text.
    fn drop(&mut self) {
        let analyzer = &mut *self.analyzer;
        for &id in &analyzer.order[self.next..] {
            analyzer.counts[id as usize] = 0;
        }
        analyzer.order.clear();
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
            words.push(token.text.clone());
        }
        words
    }

    /// The stems of more than one character in the order they first occur,
    /// each as often as it occurs.
    fn as_bag(words: Vec<String>) -> Vec<String> {
        let mut bag: Vec<(String, usize)> = Vec::new();
        for word in words.into_iter().filter(|word| word.chars().count() > 1) {
            match bag.iter_mut().find(|(stem, _)| *stem == word) {
                Some((_, count)) => *count += 1,
                None => bag.push((word, 1)),
            }
        }
        bag.into_iter()
            .flat_map(|(stem, count)| std::iter::repeat_n(stem, count))
            .collect()
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
                    Ünïcode ΣΑΣ Σ naïve_words x2 3.14 {:?} a_very_long_identifier_that_goes_on_and_on_forever ok \
                    borrow the borrowed lifetime";
        let all = analyze(&mut plain, text);
        assert!(
            all.contains(&"3".to_owned()) && all.contains(&"σ".to_owned()),
            "{all:?}"
        );
        let expected = as_bag(all);
        assert_eq!(
            expected[..4],
            ["lifetim", "lifetim", "lifetim", "borrow"],
            "{expected:?}"
        );
        assert_eq!(analyze(&mut cached, text), expected);
        assert_eq!(analyze(&mut cached.clone(), text), expected);
        assert_eq!(analyze(&mut cached, ""), Vec::<String>::new());
        let mut indexing = stemmer.clone();
        let mut counted = Vec::new();
        indexing.each_stem(text, |id, count| counted.push((id, count)));
        let counted: Vec<String> = counted
            .into_iter()
            .flat_map(|(id, count)| std::iter::repeat_n(indexing.stem(id).to_owned(), count as usize))
            .collect();
        assert_eq!(counted, expected, "documents are indexed from the same bag");
        let stem = |word: &str| stemmer.freeze(|stems| stems.get(word).map(|stem| stem.to_string()));
        assert_eq!(stem("Lifetimes").as_deref(), Some("lifetim"));
        assert_eq!(stem("lifetimes").as_deref(), Some("lifetim"));
        assert_eq!(stem("The"), None, "stop words are no stems");
    }

    #[test]
    fn a_stream_left_early_does_not_count_into_the_next_text() {
        let mut cached = TextAnalyzer::builder(CachedStemmer::english()).build();
        {
            let mut stream = cached.token_stream("borrow borrow trait");
            assert!(stream.advance());
        }
        assert_eq!(analyze(&mut cached, "trait"), ["trait"]);
    }
}
