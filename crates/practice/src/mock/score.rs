//! Scoring a mock from the reader's own grades: weak, solid or strong per
//! question (0, 1 or 2 points), the average per topic, the weakest topics to
//! practise next, and the time spent answering.

use crate::error::Error;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;

/// How the reader judged their answer against the model answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SelfGrade {
    Weak,
    Solid,
    Strong,
}

impl SelfGrade {
    pub const ALL: [SelfGrade; 3] = [SelfGrade::Weak, SelfGrade::Solid, SelfGrade::Strong];

    /// 0 for weak, 1 for solid, 2 for strong.
    pub fn points(self) -> u32 {
        match self {
            SelfGrade::Weak => 0,
            SelfGrade::Solid => 1,
            SelfGrade::Strong => 2,
        }
    }

    /// The name used in forms, the API and the store.
    pub fn as_str(self) -> &'static str {
        match self {
            SelfGrade::Weak => "weak",
            SelfGrade::Solid => "solid",
            SelfGrade::Strong => "strong",
        }
    }

    pub fn parse(text: &str) -> Result<SelfGrade, Error> {
        SelfGrade::ALL
            .into_iter()
            .find(|grade| grade.as_str() == text)
            .ok_or_else(|| Error::UnknownSelfGrade(text.to_owned()))
    }
}

impl fmt::Display for SelfGrade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One question of a finished (or abandoned) mock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockItem {
    pub slug: String,
    pub topics: Vec<String>,
    /// None when the reader never graded it (skipped, or out of time).
    pub self_grade: Option<SelfGrade>,
    pub started_at: Option<i64>,
    pub revealed_at: Option<i64>,
}

/// One question's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemScore {
    pub slug: String,
    pub self_grade: Option<SelfGrade>,
    /// None for a question the reader did not grade.
    pub points: Option<u32>,
    /// Seconds from showing the question to revealing the answer.
    pub time_taken: Option<i64>,
}

/// A topic's result over the graded questions filed under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicScore {
    pub topic: String,
    pub points: u32,
    pub graded: u32,
}

impl TopicScore {
    /// Points per graded question, 0.0 to 2.0.
    pub fn average(&self) -> f64 {
        f64::from(self.points) / f64::from(self.graded)
    }

    /// Compares averages exactly (points / graded as fractions).
    fn cmp_average(&self, other: &TopicScore) -> Ordering {
        let ours = u64::from(self.points) * u64::from(other.graded);
        let theirs = u64::from(other.points) * u64::from(self.graded);
        ours.cmp(&theirs)
    }
}

/// A mock's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockScore {
    /// Per question, in the mock's order.
    pub items: Vec<ItemScore>,
    /// Per topic with at least one graded question, by name.
    pub topics: Vec<TopicScore>,
    /// The topics with the lowest average, all of them on a tie, by name.
    pub weakest_topics: Vec<String>,
    /// Points over the graded questions, out of `max_points` (2 each).
    pub points: u32,
    pub max_points: u32,
    /// Seconds spent on the questions, summed over those revealed.
    pub time_taken: i64,
}

/// Scores a mock. Questions the reader did not grade count in no average.
pub fn score_mock(items: &[MockItem]) -> MockScore {
    let scored: Vec<ItemScore> = items.iter().map(score_item).collect();
    let topics = topic_scores(items);
    let graded = scored.iter().filter_map(|item| item.points);
    MockScore {
        weakest_topics: weakest(&topics),
        points: graded.clone().sum(),
        max_points: 2 * u32::try_from(graded.count()).unwrap_or(u32::MAX / 2),
        time_taken: scored
            .iter()
            .filter_map(|item| item.time_taken)
            .fold(0, i64::saturating_add),
        topics,
        items: scored,
    }
}

fn score_item(item: &MockItem) -> ItemScore {
    let time_taken = match (item.started_at, item.revealed_at) {
        (Some(start), Some(reveal)) => Some(reveal.saturating_sub(start).max(0)),
        _ => None,
    };
    ItemScore {
        slug: item.slug.clone(),
        self_grade: item.self_grade,
        points: item.self_grade.map(SelfGrade::points),
        time_taken,
    }
}

fn topic_scores(items: &[MockItem]) -> Vec<TopicScore> {
    let mut by_topic: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for item in items {
        let Some(grade) = item.self_grade else { continue };
        for topic in &item.topics {
            let (points, graded) = by_topic.entry(topic).or_default();
            *points += grade.points();
            *graded += 1;
        }
    }
    let score = |(topic, (points, graded)): (&str, (u32, u32))| TopicScore {
        topic: topic.to_owned(),
        points,
        graded,
    };
    by_topic.into_iter().map(score).collect()
}

fn weakest(topics: &[TopicScore]) -> Vec<String> {
    let Some(lowest) = topics.iter().min_by(|a, b| a.cmp_average(b)) else {
        return Vec::new();
    };
    let tied = topics.iter().filter(|t| t.cmp_average(lowest) == Ordering::Equal);
    tied.map(|t| t.topic.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use SelfGrade::{Solid, Strong, Weak};

    fn item(slug: &str, topics: &[&str], grade: Option<SelfGrade>) -> MockItem {
        MockItem {
            slug: slug.to_owned(),
            topics: topics.iter().map(|t| (*t).to_owned()).collect(),
            self_grade: grade,
            started_at: Some(1_000),
            revealed_at: Some(1_300),
        }
    }

    #[test]
    fn each_question_scores_zero_one_or_two_points() {
        let items = [
            item("a", &["async"], Some(Weak)),
            item("b", &["async"], Some(Solid)),
            item("c", &["traits"], Some(Strong)),
        ];
        let score = score_mock(&items);
        let points: Vec<Option<u32>> = score.items.iter().map(|i| i.points).collect();
        assert_eq!(points, [Some(0), Some(1), Some(2)]);
        assert_eq!((score.points, score.max_points), (3, 6));
    }

    #[test]
    fn each_topic_gets_the_average_of_its_questions() {
        let items = [
            item("a", &["async", "concurrency"], Some(Weak)),
            item("b", &["async"], Some(Strong)),
            item("c", &["traits"], Some(Solid)),
        ];
        let score = score_mock(&items);
        let averages: Vec<(&str, f64)> = score.topics.iter().map(|t| (t.topic.as_str(), t.average())).collect();
        assert_eq!(averages, [("async", 1.0), ("concurrency", 0.0), ("traits", 1.0)]);
        assert_eq!(score.weakest_topics, ["concurrency"]);
    }

    #[test]
    fn tied_weakest_topics_are_all_named() {
        let items = [
            item("a", &["async"], Some(Solid)),
            item("b", &["traits"], Some(Strong)),
            item("c", &["traits"], Some(Weak)),
            item("d", &["macros"], Some(Strong)),
        ];
        assert_eq!(score_mock(&items).weakest_topics, ["async", "traits"]);
    }

    #[test]
    fn an_ungraded_question_counts_in_no_average() {
        let items = [item("a", &["async"], Some(Strong)), item("b", &["async", "ffi"], None)];
        let score = score_mock(&items);
        assert_eq!((score.points, score.max_points), (2, 2));
        assert_eq!(score.items[1].points, None);
        assert_eq!(score.topics.len(), 1, "ffi had no graded question");
        assert_eq!(score.weakest_topics, ["async"]);
    }

    #[test]
    fn time_taken_adds_up_the_questions_revealed() {
        let mut unrevealed = item("c", &["async"], None);
        unrevealed.revealed_at = None;
        let mut quick = item("b", &["async"], Some(Solid));
        quick.revealed_at = Some(1_045);
        let score = score_mock(&[item("a", &["async"], Some(Solid)), quick, unrevealed]);
        let times: Vec<Option<i64>> = score.items.iter().map(|i| i.time_taken).collect();
        assert_eq!(times, [Some(300), Some(45), None]);
        assert_eq!(score.time_taken, 345);
    }

    #[test]
    fn an_empty_mock_scores_nothing() {
        let score = score_mock(&[]);
        assert_eq!((score.points, score.max_points, score.time_taken), (0, 0, 0));
        assert!(score.weakest_topics.is_empty());
    }

    #[test]
    fn self_grades_parse_from_their_names_only() {
        for grade in SelfGrade::ALL {
            assert_eq!(SelfGrade::parse(grade.as_str()), Ok(grade));
        }
        assert_eq!(
            SelfGrade::parse("great"),
            Err(Error::UnknownSelfGrade("great".to_owned()))
        );
    }
}
