//! The written forms of each stem in the indexed text, so a query's stems can
//! be found in an answer without analyzing it again (`crate::snippets`).

use std::collections::HashMap;

/// Stems and the words they were made from, as written ("Lifetimes",
/// "lifetimes").
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    forms: HashMap<String, Box<[String]>>,
}

impl Vocabulary {
    /// From every word met while indexing, as written, each with its stem.
    pub(crate) fn from_stems(stems: &HashMap<&str, &str>) -> Vocabulary {
        let mut forms: HashMap<String, Vec<String>> = HashMap::new();
        for (&word, &stem) in stems {
            forms.entry(stem.to_owned()).or_default().push(word.to_owned());
        }
        Vocabulary {
            forms: forms
                .into_iter()
                .map(|(stem, mut words)| {
                    words.sort_unstable();
                    (stem, words.into_boxed_slice())
                })
                .collect(),
        }
    }

    /// The words that were stemmed to `stem` (none if it was never met).
    pub(crate) fn written_forms(&self, stem: &str) -> &[String] {
        self.forms.get(stem).map_or(&[], |words| words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_stem_knows_its_words() {
        let stems: HashMap<&str, &str> = [("lifetimes", "lifetim"), ("lifetime", "lifetim"), ("borrow", "borrow")]
            .into_iter()
            .collect();
        let vocabulary = Vocabulary::from_stems(&stems);
        assert_eq!(vocabulary.written_forms("lifetim"), ["lifetime", "lifetimes"]);
        assert_eq!(vocabulary.written_forms("borrow"), ["borrow"]);
        assert!(vocabulary.written_forms("trait").is_empty());
    }
}
