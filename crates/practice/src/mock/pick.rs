//! Choosing a mock's questions: those matching the reader's filters, the
//! least practised first, so each mock covers ground the reader has not yet
//! rehearsed. Ties are broken by a seed, deterministically: the same seed
//! gives the same mock (stable tests), another seed another mock.

use crate::error::Error;
use std::collections::{HashMap, HashSet};
use std::ops::RangeInclusive;

/// How many questions a mock may have.
pub const MOCK_SIZE: RangeInclusive<usize> = 3..=10;

/// A question a mock may ask, filed under a level and topics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub slug: String,
    pub level: String,
    pub topics: Vec<String>,
}

impl Candidate {
    /// At `level` if one is asked for, and under any of `topics` if any are.
    fn matches(&self, level: Option<&str>, topics: &[String]) -> bool {
        let level_ok = level.is_none_or(|level| self.level == level);
        let topic_ok = topics.is_empty() || self.topics.iter().any(|t| topics.contains(t));
        level_ok && topic_ok
    }
}

/// The slugs of `n` distinct questions (3 to 10) matching the filters: at
/// `level` if given, under any of `topics` if any are given. Those the reader
/// has practised least (`practised_counts` by slug, absent meaning never)
/// come first; `seed` orders the ties.
pub fn pick_mock(
    candidates: &[Candidate],
    practised_counts: &HashMap<String, u32>,
    level: Option<&str>,
    topics: &[String],
    n: usize,
    seed: u64,
) -> Result<Vec<String>, Error> {
    if !MOCK_SIZE.contains(&n) {
        return Err(Error::MockSize(n));
    }
    let mut seen = HashSet::new();
    let mut matching: Vec<&str> = candidates
        .iter()
        .filter(|c| c.matches(level, topics))
        .map(|c| c.slug.as_str())
        .filter(|slug| seen.insert(*slug))
        .collect();
    if matching.len() < n {
        return Err(Error::NotEnoughQuestions {
            wanted: n,
            found: matching.len(),
        });
    }
    let practised = |slug: &str| practised_counts.get(slug).copied().unwrap_or(0);
    matching.sort_by_cached_key(|slug| (practised(slug), tie_breaker(seed, slug), *slug));
    Ok(matching.into_iter().take(n).map(str::to_owned).collect())
}

/// A number that orders questions differently for each seed, the same on
/// every platform and Rust release (std's hashers promise neither): FNV-1a
/// of the slug, mixed with the seed by SplitMix64's finalizer.
fn tie_breaker(seed: u64, slug: &str) -> u64 {
    let fnv = slug.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    let mut z = fnv ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(slug: &str, level: &str, topics: &[&str]) -> Candidate {
        Candidate {
            slug: slug.to_owned(),
            level: level.to_owned(),
            topics: topics.iter().map(|t| (*t).to_owned()).collect(),
        }
    }

    /// 20 intermediate ownership questions, q0 to q19.
    fn bank() -> Vec<Candidate> {
        (0..20)
            .map(|i| candidate(&format!("q{i}"), "intermediate", &["ownership"]))
            .collect()
    }

    fn pick(candidates: &[Candidate], n: usize, seed: u64) -> Vec<String> {
        pick_mock(candidates, &HashMap::new(), None, &[], n, seed).expect("enough questions")
    }

    #[test]
    fn a_mock_never_repeats_a_question() {
        let mut candidates = bank();
        candidates.extend(bank());
        for seed in 0..50 {
            let picked = pick(&candidates, 10, seed);
            let distinct: HashSet<&String> = picked.iter().collect();
            assert_eq!((picked.len(), distinct.len()), (10, 10), "seed {seed}: {picked:?}");
        }
    }

    #[test]
    fn the_least_practised_questions_come_first() {
        let practised: HashMap<String, u32> = (0..17).map(|i| (format!("q{i}"), 1 + i % 3)).collect();
        let picked = pick_mock(&bank(), &practised, None, &[], 5, 7).expect("enough");
        let first_three: HashSet<&str> = picked[..3].iter().map(String::as_str).collect();
        assert_eq!(first_three, HashSet::from(["q17", "q18", "q19"]), "never practised");
        assert!(picked[3..].iter().all(|slug| practised[slug] == 1), "{picked:?}");
    }

    #[test]
    fn the_same_seed_gives_the_same_mock_and_another_seed_another() {
        assert_eq!(pick(&bank(), 5, 42), pick(&bank(), 5, 42));
        let first: HashSet<String> = pick(&bank(), 5, 1).into_iter().collect();
        let second: HashSet<String> = pick(&bank(), 5, 2).into_iter().collect();
        assert_ne!(first, second);
    }

    #[test]
    fn only_questions_matching_the_filters_are_asked() {
        let candidates = [
            candidate("borrow", "beginner", &["ownership"]),
            candidate("pin", "senior", &["async", "memory-layout"]),
            candidate("waker", "senior", &["async"]),
            candidate("atomics", "senior", &["atomics"]),
            candidate("drop", "senior", &["ownership"]),
        ];
        let topics = ["async".to_owned(), "ownership".to_owned()];
        let picked = pick_mock(&candidates, &HashMap::new(), Some("senior"), &topics, 3, 0).expect("three match");
        let picked: HashSet<&str> = picked.iter().map(String::as_str).collect();
        assert_eq!(picked, HashSet::from(["pin", "waker", "drop"]));
    }

    #[test]
    fn sizes_outside_three_to_ten_are_refused() {
        assert_eq!(
            pick_mock(&bank(), &HashMap::new(), None, &[], 2, 0),
            Err(Error::MockSize(2))
        );
        assert_eq!(
            pick_mock(&bank(), &HashMap::new(), None, &[], 11, 0),
            Err(Error::MockSize(11))
        );
    }

    #[test]
    fn too_few_matching_questions_is_an_error_naming_how_many() {
        let mut candidates = bank();
        candidates.truncate(4);
        candidates.push(candidates[0].clone());
        let error = pick_mock(&candidates, &HashMap::new(), None, &[], 5, 0).expect_err("only 4 distinct");
        assert_eq!(error, Error::NotEnoughQuestions { wanted: 5, found: 4 });
        assert_eq!(
            error.to_string(),
            "only 4 questions match the filters; the mock needs 5"
        );
    }
}
