//! A new mock: the reader's choices, checked against the bank's vocabulary,
//! and the questions the practice rules pick for them (the least practised
//! first, no repeats), stored with the server's clock.

use super::refused;
use crate::app::SharedApp;
use crate::errors::PageError;
use ::practice::{Candidate, MOCK_SIZE, pick_mock};
use bank::{Level, Topic};
use std::collections::HashMap;
use store::{CardKind, MOCK_MINUTES, Mock, MockPlan};

/// What a reader asks for, from the form or the API.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct MockRequest {
    /// A level slug, or none for any level.
    pub level: Option<String>,
    /// Topic slugs; none for any topic.
    pub topics: Vec<String>,
    pub questions: usize,
    pub minutes: i64,
}

/// The questions and minutes offered when the reader has not chosen.
pub(crate) const DEFAULT_QUESTIONS: usize = 5;
pub(crate) const DEFAULT_MINUTES: i64 = 5;

impl MockRequest {
    /// Refuses what the bank does not know or the rules do not allow,
    /// with the reason in words; repeated topics count once.
    fn check(mut self) -> Result<MockRequest, PageError> {
        if let Some(level) = &self.level
            && Level::parse(level).is_none()
        {
            return Err(PageError::bad_request(format!(
                "Unknown level `{level}`: choose {}.",
                Level::names()
            )));
        }
        if let Some(topic) = self.topics.iter().find(|topic| Topic::parse(topic).is_none()) {
            return Err(PageError::bad_request(format!("Unknown topic `{topic}`.")));
        }
        self.topics.sort();
        self.topics.dedup();
        if !MOCK_SIZE.contains(&self.questions) {
            return Err(PageError::bad_request(format!(
                "A mock interview has {} to {} questions.",
                MOCK_SIZE.start(),
                MOCK_SIZE.end()
            )));
        }
        if !MOCK_MINUTES.contains(&self.minutes) {
            return Err(PageError::bad_request(format!(
                "Minutes per question must be from {} to {}.",
                MOCK_MINUTES.start(),
                MOCK_MINUTES.end()
            )));
        }
        Ok(self)
    }
}

/// Picks and stores a mock for the reader. Too few questions matching the
/// filters is a 400 saying how many match; nothing is stored then.
pub(crate) async fn create(app: &SharedApp, user_id: &str, request: MockRequest) -> Result<Mock, PageError> {
    let request = request.check()?;
    let practised = practised_counts(app, user_id).await?;
    let candidates: Vec<Candidate> = app
        .site
        .bank
        .questions()
        .iter()
        .map(|question| Candidate {
            slug: question.slug.to_string(),
            level: question.level.as_str().to_owned(),
            topics: question.topics.iter().map(|topic| topic.as_str().to_owned()).collect(),
        })
        .collect();
    let slugs = pick_mock(
        &candidates,
        &practised,
        request.level.as_deref(),
        &request.topics,
        request.questions,
        seed(),
    )
    .map_err(|error| PageError::bad_request(format!("No mock was started: {error}.")))?;
    let plan = MockPlan {
        level: request.level,
        topics: request.topics,
        minutes_per_question: request.minutes,
        slugs,
    };
    app.store
        .create_mock(user_id, &plan, store::now())
        .await
        .map_err(refused)
}

/// How often the reader has practised each question: its reviews in the
/// queue plus the mocks that asked it.
async fn practised_counts(app: &SharedApp, user_id: &str) -> Result<HashMap<String, u32>, PageError> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    let mut add = |slug: &str, times: u32| {
        let count = counts.entry(slug.to_owned()).or_default();
        *count = count.saturating_add(times);
    };
    for card in app.store.cards(user_id).await? {
        if card.kind == CardKind::Question {
            add(&card.slug, u32::try_from(card.reps).unwrap_or(u32::MAX));
        }
    }
    for mock in app.store.mocks(user_id).await? {
        for item in &mock.items {
            add(&item.slug, 1);
        }
    }
    Ok(counts)
}

/// A different order of equally practised questions for each mock. Not a
/// secret: only the order of ties depends on it.
fn seed() -> u64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    now.map_or(0, |elapsed| elapsed.as_nanos() as u64)
}
