//! Highlighted excerpts, made only for the hits a caller returns.
//!
//! Re-analyzing each shown answer (tokenize, lowercase, drop stop words,
//! stem) was about 80% of what a search cost. Instead, the index remembers
//! which written forms each stem came from (`Vocabulary`, collected while the
//! bank was analyzed once at build time), so a query's stems become the exact
//! words to look for, as written ("lifetim" -> "Lifetimes", "lifetime",
//! "lifetimes"), found in one case-sensitive pass with an Aho-Corasick
//! automaton (and its fast prefilters): no tokenizer, no stemmer, no
//! allocation per word. A match counts only as a whole word (letters and
//! digits on neither side), as the analyzer would have cut it.

use crate::texts::Texts;
use crate::vocabulary::Vocabulary;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, packed};
use std::cell::OnceCell;
use std::ops::Range;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// Longest excerpt, in bytes (tantivy's snippet default).
const MAX_EXCERPT: usize = 150;

/// The excerpt makers of one search: open text always, premium text only for
/// a reader with access, and only once an open text has no match.
pub(crate) struct Snippets<'a> {
    searcher: &'a Searcher,
    vocabulary: &'a Vocabulary,
    /// The query's analyzed terms (stems).
    words: &'a [String],
    open: Option<Highlighter>,
    premium_field: Option<Field>,
    premium: OnceCell<Option<Highlighter>>,
}

impl<'a> Snippets<'a> {
    /// `open` is the open text's field; `premium` the premium text's, for a
    /// reader with access only.
    pub(crate) fn new(
        searcher: &'a Searcher,
        vocabulary: &'a Vocabulary,
        words: &'a [String],
        open: Field,
        premium: Option<Field>,
    ) -> tantivy::Result<Snippets<'a>> {
        Ok(Snippets {
            searcher,
            vocabulary,
            words,
            open: Highlighter::new(searcher, vocabulary, words, open)?,
            premium_field: premium,
            premium: OnceCell::new(),
        })
    }

    /// An HTML excerpt with `<b>` around matched words: from the entry's
    /// open text, else (with access) from its premium text, asked of `texts`
    /// only then; empty if neither matched.
    pub(crate) fn html(&self, texts: &dyn Texts, entry: usize) -> String {
        let open = self.open.as_ref();
        if let Some(excerpt) = open.and_then(|open| open.excerpt(&texts.open_text(entry))) {
            return excerpt;
        }
        self.premium()
            .and_then(|premium| premium.excerpt(&texts.premium_text(entry)))
            .unwrap_or_default()
    }

    /// The premium text's highlighter, made on first use; None without access
    /// or if no word of the query is in any premium text (or the index could
    /// not say: then there is no premium excerpt, and the open one stands).
    fn premium(&self) -> Option<&Highlighter> {
        let field = self.premium_field?;
        self.premium
            .get_or_init(|| {
                Highlighter::new(self.searcher, self.vocabulary, self.words, field)
                    .ok()
                    .flatten()
            })
            .as_ref()
    }
}

/// Finds one field's matches of a query's words.
struct Highlighter {
    finder: Finder,
    /// The weight of each pattern of `finder`, by pattern number.
    weights: Vec<f32>,
}

/// One matched word: where it is and what it weighs.
#[derive(Debug, Clone, PartialEq)]
struct Match {
    span: Range<usize>,
    weight: f32,
}

impl Highlighter {
    /// None if no word of the query is in this field anywhere in the index.
    /// Rarer words weigh more (1 / (1 + documents with the word)), as in
    /// tantivy's own snippets.
    fn new(
        searcher: &Searcher,
        vocabulary: &Vocabulary,
        words: &[String],
        field: Field,
    ) -> tantivy::Result<Option<Highlighter>> {
        let mut patterns: Vec<&str> = Vec::new();
        let mut weights = Vec::new();
        for word in words {
            let documents = searcher.doc_freq(&Term::from_field_text(field, word))?;
            if documents == 0 {
                continue;
            }
            for written in vocabulary.written_forms(word) {
                patterns.push(written);
                weights.push(1.0 / (1.0 + documents as f32));
            }
        }
        if patterns.is_empty() {
            return Ok(None);
        }
        let finder = Finder::new(&patterns)?;
        Ok(Some(Highlighter { finder, weights }))
    }

    /// The excerpt of `text` (of this field), if any word matched.
    fn excerpt(&self, text: &str) -> Option<String> {
        let matches = self.matches(text);
        let best = best_window(&matches)?;
        Some(html(text, &matches[best]))
    }

    /// Every whole-word match in `text`, in order.
    fn matches(&self, text: &str) -> Vec<Match> {
        let found: Box<dyn Iterator<Item = (Range<usize>, usize)>> = match &self.finder {
            Finder::Packed(searcher) => Box::new(
                searcher
                    .find_iter(text)
                    .map(|found| (found.range(), found.pattern().as_usize())),
            ),
            Finder::Automaton(automaton) => Box::new(
                automaton
                    .find_iter(text)
                    .map(|found| (found.range(), found.pattern().as_usize())),
            ),
        };
        found
            .filter(|(span, _)| is_whole_word(text, span.clone()))
            .map(|(span, pattern)| Match {
                span,
                weight: self.weights[pattern],
            })
            .collect()
    }
}

/// Finds many words at once, leftmost-longest.
enum Finder {
    /// Teddy (SIMD) alone: the quickest to build and to run, for up to
    /// about 64 words on a machine that has it.
    Packed(packed::Searcher),
    /// The simplest automaton otherwise (its prefilter does most of the
    /// work in a search's few short texts).
    Automaton(AhoCorasick),
}

impl Finder {
    fn new(patterns: &[&str]) -> tantivy::Result<Finder> {
        let packed = packed::Config::new()
            .match_kind(packed::MatchKind::LeftmostLongest)
            .builder()
            .extend(patterns)
            .build();
        if let Some(searcher) = packed {
            return Ok(Finder::Packed(searcher));
        }
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns)
            .map_err(|error| tantivy::TantivyError::InternalError(error.to_string()))?;
        Ok(Finder::Automaton(automaton))
    }
}

/// Whether `span` is a whole word: no letter or digit right before or after
/// (the analyzer splits text at every other character).
fn is_whole_word(text: &str, span: Range<usize>) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The run of matches fitting in one excerpt with the greatest total weight
/// (the first such run on ties), as indices into `matches`.
fn best_window(matches: &[Match]) -> Option<Range<usize>> {
    let mut best: Option<(f32, Range<usize>)> = None;
    let mut end = 0;
    let mut weight = 0.0;
    for start in 0..matches.len() {
        while end < matches.len() && matches[end].span.end - matches[start].span.start <= MAX_EXCERPT {
            weight += matches[end].weight;
            end += 1;
        }
        if best.as_ref().is_none_or(|(most, _)| weight > *most) {
            best = Some((weight, start..end));
        }
        weight -= matches[start].weight;
    }
    best.map(|(_, window)| window)
}

/// The excerpt around `window` (matches that fit in `MAX_EXCERPT` bytes),
/// widened to whole words on both sides, as escaped HTML with `<b>` around
/// each match.
fn html(text: &str, window: &[Match]) -> String {
    let (Some(first), Some(last)) = (window.first(), window.last()) else {
        return String::new();
    };
    let slack = MAX_EXCERPT.saturating_sub(last.span.end - first.span.start);
    let start = word_start(text, first.span.start.saturating_sub(slack / 2), first.span.start);
    let end = word_end(
        text,
        last.span.end,
        last.span.end + (slack - (first.span.start - start)),
    );
    let mut html = String::with_capacity(end - start + 7 * window.len());
    let mut at = start;
    for found in window {
        escape_into(&mut html, &text[at..found.span.start]);
        html.push_str("<b>");
        escape_into(&mut html, &text[found.span.clone()]);
        html.push_str("</b>");
        at = found.span.end;
    }
    escape_into(&mut html, &text[at..end]);
    html.trim().to_owned()
}

/// Where to start an excerpt that must include `first`: the first word
/// beginning at or after `earliest`.
fn word_start(text: &str, earliest: usize, first: usize) -> usize {
    let mut earliest = earliest;
    while !text.is_char_boundary(earliest) {
        earliest += 1;
    }
    if earliest == 0 {
        return 0;
    }
    text[earliest..first]
        .find(char::is_whitespace)
        .map_or(first, |space| earliest + space)
}

/// Where to end an excerpt that must include up to `last`: the last word
/// ending at or before `latest`.
fn word_end(text: &str, last: usize, latest: usize) -> usize {
    let mut latest = latest.min(text.len());
    while !text.is_char_boundary(latest) {
        latest -= 1;
    }
    if latest == text.len() {
        return latest;
    }
    text[last..latest]
        .rfind(char::is_whitespace)
        .map_or(last, |space| last + space)
}

/// Appends `text` with HTML's special characters escaped.
fn escape_into(html: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#x27;"),
            c => html.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, word: &str, weight: f32) -> Vec<Match> {
        text.match_indices(word)
            .filter(|(at, _)| is_whole_word(text, *at..at + word.len()))
            .map(|(at, _)| Match {
                span: at..at + word.len(),
                weight,
            })
            .collect()
    }

    #[test]
    fn whole_words_only() {
        let text = "borrow borrowed reborrow (borrow) émborrow";
        let spans: Vec<usize> = found(text, "borrow", 1.0).iter().map(|m| m.span.start).collect();
        assert_eq!(spans, [0, 26]);
    }

    #[test]
    fn the_excerpt_is_where_the_most_weight_gathers_and_is_escaped() {
        let filler = "word ".repeat(60);
        let text = format!("{filler}channel here {filler}a <bounded> channel & backpressure, {filler}");
        let mut matches = found(&text, "channel", 0.5);
        matches.extend(found(&text, "backpressure", 0.5));
        matches.sort_by_key(|m| m.span.start);
        let window = best_window(&matches).expect("a window");
        let excerpt = html(&text, &matches[window]);
        assert!(
            excerpt.contains("&lt;bounded&gt; <b>channel</b> &amp; <b>backpressure</b>,"),
            "{excerpt}"
        );
        assert!(excerpt.len() <= MAX_EXCERPT + 40, "{excerpt}");
        assert!(excerpt.starts_with("word") && excerpt.ends_with("word"), "{excerpt}");
    }

    #[test]
    fn no_match_no_excerpt() {
        assert_eq!(best_window(&[]), None);
    }
}
