//! Turning what a reader typed into search text: Rust's symbols and common
//! abbreviations become the words the answers use. The index's analyzer then
//! splits, lowercases, drops English stop words and stems, on the query as on
//! the documents.

/// Longest query we take; longer ones are refused with a clear message.
pub const MAX_QUERY_CHARS: usize = 500;

/// Symbols and abbreviations candidates type, and the words answers use for
/// them. Applied to whole tokens (symbols anywhere), before analysis.
const EXPANSIONS: &[(&str, &str)] = &[
    ("?", " question mark operator "),
    ("&mut", " mutable borrow reference "),
    ("&", " reference borrow "),
    ("ub", "undefined behavior"),
    ("gc", "garbage collector"),
    ("dlopen", "dynamic loading plugin"),
    ("rwlock", "rwlock lock"),
    ("impl", "impl trait"),
    ("dyn", "dyn trait object"),
    // Format specifiers and higher-ranked bounds are all punctuation and stop
    // words to the analyzer: spell out what they are.
    ("{:?}", " debug format "),
    ("{:#?}", " debug pretty format "),
    ("{}", " display format "),
    ("for<'a>", " higher ranked trait bound hrtb "),
];

/// The query text with symbols and abbreviations spelled out.
pub fn expand(query: &str) -> String {
    let mut text = String::with_capacity(query.len() * 2);
    for token in query.split_whitespace() {
        if let Some((_, words)) = EXPANSIONS.iter().find(|(symbol, _)| symbol.eq_ignore_ascii_case(token)) {
            text.push_str(words);
            text.push(' ');
            continue;
        }
        let mut rest = token;
        // Leading symbols (`&mut x`, `&str`), then the word, then trailing `?`.
        for (symbol, words) in EXPANSIONS.iter().filter(|(symbol, _)| symbol.starts_with('&')) {
            if let Some(after) = rest.strip_prefix(symbol) {
                text.push_str(words);
                rest = after;
                break;
            }
        }
        let word = rest.trim_end_matches('?');
        match EXPANSIONS.iter().find(|(symbol, _)| symbol.eq_ignore_ascii_case(word)) {
            Some((_, words)) => text.push_str(words),
            None => text.push_str(word),
        }
        // `foo()?` is the operator; a sentence's closing `?` is not.
        if rest.ends_with(")?") {
            text.push_str(" question mark operator");
        }
        text.push(' ');
    }
    text
}

/// The plain words of a query (for callers that show or count them).
pub fn words(query: &str) -> Vec<String> {
    let mut words: Vec<String> = expand(query)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.dedup();
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_identifiers_and_spells_out_symbols() {
        assert_eq!(words("Arc<Mutex<T>>"), ["arc", "mutex", "t"]);
        assert_eq!(words("Box::leak"), ["box", "leak"]);
        assert_eq!(words("is overflow UB"), ["is", "overflow", "undefined", "behavior"]);
        assert_eq!(
            words("what does ? do"),
            ["what", "does", "question", "mark", "operator", "do"]
        );
        assert_eq!(
            words("two &mut refs"),
            ["two", "mutable", "borrow", "reference", "refs"]
        );
        assert!(words("<>::()").is_empty());
        assert_eq!(words("{:?} vs {}"), ["debug", "format", "vs", "display", "format"]);
        assert_eq!(
            words("for<'a> Fn"),
            ["higher", "ranked", "trait", "bound", "hrtb", "fn"]
        );
    }
}
