//! A mock's summary: the practice rules score the reader's own grades per
//! question and per topic and name the weakest topics; this module puts the
//! bank's titles and labels on them, and adds the weakest topics' questions
//! to the review queue when the reader asks.

use crate::app::SharedApp;
use crate::errors::PageError;
use crate::html::Titled;
use ::practice::{MockItem as ScoredItem, SelfGrade as Rated, score_mock};
use bank::{Bank, Topic};
use serde::Serialize;
use store::{Card, CardKind, MAX_CARDS_PER_ADD, Mock, SelfGrade};
use utoipa::ToSchema;

/// A topic as pages and the API name it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = MockTopic)]
pub(crate) struct TopicName {
    /// The topic's slug, as in `/api/v1/topics`.
    pub topic: String,
    pub label: String,
}

impl TopicName {
    fn of(topic: &str) -> TopicName {
        TopicName {
            topic: topic.to_owned(),
            label: Topic::parse(topic).map_or_else(|| topic.to_owned(), |known| known.label().to_owned()),
        }
    }
}

/// A topic's result over the graded questions filed under it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub(crate) struct TopicResult {
    #[serde(flatten)]
    pub name: TopicName,
    /// 0 (weak), 1 (solid) or 2 (strong) per graded question, summed.
    pub points: u32,
    pub graded: u32,
    /// Points per graded question, 0.0 to 2.0.
    pub average: f64,
}

/// One question's result.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub(crate) struct QuestionResult {
    pub position: i64,
    pub slug: String,
    pub title: String,
    /// weak, solid or strong; null when not graded (skipped or out of time).
    pub self_grade: Option<String>,
    pub points: Option<u32>,
    /// Seconds from showing the question to revealing its answer.
    pub time_taken: Option<i64>,
}

impl Titled for QuestionResult {
    fn title(&self) -> &str {
        &self.title
    }
}

/// A mock's result.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = MockSummary)]
pub(crate) struct Summary {
    pub points: u32,
    /// 2 per graded question.
    pub max_points: u32,
    /// Seconds spent before revealing, over the questions revealed.
    pub time_taken: i64,
    pub topics: Vec<TopicResult>,
    /// The topics with the lowest average (all of them on a tie).
    pub weakest: Vec<TopicName>,
    pub questions: Vec<QuestionResult>,
}

fn rated(grade: SelfGrade) -> Rated {
    match grade {
        SelfGrade::Weak => Rated::Weak,
        SelfGrade::Solid => Rated::Solid,
        SelfGrade::Strong => Rated::Strong,
    }
}

/// Scores a mock; questions no longer in the bank count under no topic.
pub(crate) fn summarize(bank: &Bank, mock: &Mock) -> Summary {
    let items: Vec<ScoredItem> = mock
        .items
        .iter()
        .map(|item| ScoredItem {
            slug: item.slug.clone(),
            topics: bank.question(&item.slug).map_or_else(Vec::new, |question| {
                question.topics.iter().map(|topic| topic.as_str().to_owned()).collect()
            }),
            self_grade: item.self_grade.map(rated),
            started_at: item.started_at,
            revealed_at: item.revealed_at,
        })
        .collect();
    let score = score_mock(&items);
    let questions = mock
        .items
        .iter()
        .zip(&score.items)
        .map(|(item, scored)| QuestionResult {
            position: item.position,
            slug: item.slug.clone(),
            title: bank
                .question(&item.slug)
                .map_or_else(|| item.slug.clone(), |q| q.title.clone()),
            self_grade: item.self_grade.map(|grade| grade.as_str().to_owned()),
            points: scored.points,
            time_taken: scored.time_taken,
        })
        .collect();
    Summary {
        points: score.points,
        max_points: score.max_points,
        time_taken: score.time_taken,
        topics: score
            .topics
            .iter()
            .map(|topic| TopicResult {
                name: TopicName::of(&topic.topic),
                points: topic.points,
                graded: topic.graded,
                average: topic.average(),
            })
            .collect(),
        weakest: score.weakest_topics.iter().map(|topic| TopicName::of(topic)).collect(),
        questions,
    }
}

/// Adds to the reader's review queue every question of the mock's weakest
/// topics (at the mock's level, if it had one). Only a finished mock has a
/// result to act on (409 before). Returns how many cards were new; cards
/// already in the queue keep their schedule, so asking twice adds nothing.
pub(crate) async fn queue_weakest(app: &SharedApp, user_id: &str, mock: &Mock) -> Result<u64, PageError> {
    if mock.finished_at.is_none() {
        return Err(super::conflict(
            "Finish the mock interview first; nothing was added to your queue.",
        ));
    }
    let summary = summarize(&app.site.bank, mock);
    let weakest: Vec<Topic> = summary.weakest.iter().filter_map(|t| Topic::parse(&t.topic)).collect();
    let now = store::now();
    let cards: Vec<Card> = app
        .site
        .bank
        .questions()
        .iter()
        .filter(|question| {
            mock.level
                .as_deref()
                .is_none_or(|level| question.level.as_str() == level)
        })
        .filter(|question| question.topics.iter().any(|topic| weakest.contains(topic)))
        .take(MAX_CARDS_PER_ADD)
        .map(|question| Card::new(CardKind::Question, question.slug.as_str(), now))
        .collect();
    if cards.is_empty() {
        return Ok(0);
    }
    app.store.add_cards(user_id, &cards).await.map_err(super::refused)
}
