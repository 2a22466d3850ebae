//! The shapes of the mock interview API. Times are RFC 3339 (UTC). A
//! mock's items carry no answer text: the short answer, and "What a strong
//! answer covers" for a reader with access, come only in the reveal's
//! answer ([`Revealed`]), built through `full_answer(access)`.

use super::rfc3339;
use super::score::{Summary, summarize};
use super::steps::{Step, current};
use bank::{Access, Bank};
use serde::{Deserialize, Serialize};
use store::{Mock, MockItem};
use utoipa::ToSchema;

/// `POST /api/v1/practice/mocks`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewMock {
    /// beginner, intermediate or senior; absent or null for any level.
    #[serde(default)]
    pub level: Option<String>,
    /// Topic slugs from `/api/v1/topics`; empty or absent for every topic.
    #[serde(default)]
    pub topics: Vec<String>,
    /// 3 to 10.
    #[schema(minimum = 3, maximum = 10)]
    pub questions: u32,
    /// Minutes per question, 1 to 30.
    #[schema(minimum = 1, maximum = 30)]
    pub minutes: u32,
}

/// `POST .../reveal`: what the reader wrote (at most 10 KB), if anything.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RevealBody {
    #[serde(default)]
    pub answer: String,
}

/// `POST .../grade`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct GradeBody {
    /// weak, solid or strong.
    pub grade: String,
}

/// A question of a mock, without its answer.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ItemJson {
    /// 1 for the first question.
    pub position: i64,
    pub slug: String,
    pub title: String,
    pub started_at: Option<String>,
    /// When its time is up; set by the server when the question starts.
    pub deadline: Option<String>,
    pub revealed_at: Option<String>,
    /// weak, solid or strong; null until graded.
    pub self_grade: Option<String>,
    /// What the reader wrote before revealing.
    pub answer: Option<String>,
}

impl ItemJson {
    pub(crate) fn new(bank: &Bank, item: &MockItem) -> ItemJson {
        ItemJson {
            position: item.position,
            slug: item.slug.clone(),
            title: bank
                .question(&item.slug)
                .map_or_else(|| item.slug.clone(), |q| q.title.clone()),
            started_at: item.started_at.and_then(rfc3339),
            deadline: item.deadline.and_then(rfc3339),
            revealed_at: item.revealed_at.and_then(rfc3339),
            self_grade: item.self_grade.map(|grade| grade.as_str().to_owned()),
            answer: item.answer.clone(),
        }
    }
}

/// A mock interview.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct MockJson {
    pub id: String,
    pub level: Option<String>,
    pub topics: Vec<String>,
    pub minutes_per_question: i64,
    pub created_at: Option<String>,
    pub finished_at: Option<String>,
    /// The question to answer or grade now; null when none is left.
    pub current: Option<i64>,
    pub items: Vec<ItemJson>,
    /// The result so far (final once `finished_at` is set).
    pub summary: Summary,
}

impl MockJson {
    pub(crate) fn new(bank: &Bank, mock: &Mock) -> MockJson {
        let current = match current(mock, store::now()) {
            Step::Answer(item) | Step::Grade(item) => Some(item.position),
            Step::Over => None,
        };
        MockJson {
            id: mock.id.clone(),
            level: mock.level.clone(),
            topics: mock.topics.clone(),
            minutes_per_question: mock.minutes_per_question,
            created_at: rfc3339(mock.created_at),
            finished_at: mock.finished_at.and_then(rfc3339),
            current,
            items: mock.items.iter().map(|item| ItemJson::new(bank, item)).collect(),
            summary: summarize(bank, mock),
        }
    }
}

/// The reader's mocks, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct MockList {
    pub mocks: Vec<MockJson>,
}

/// A revealed question with its answer.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Revealed {
    pub item: ItemJson,
    /// The short answer (HTML), open to every reader.
    pub short_answer_html: String,
    /// "What a strong answer covers" (HTML): only for a reader with
    /// premium access or a free sample question, otherwise null.
    pub strong_answer_html: Option<String>,
}

impl Revealed {
    pub(crate) fn new(bank: &Bank, item: &MockItem, access: Option<&Access>) -> Revealed {
        let question = bank.question(&item.slug);
        let strong = question
            .and_then(|q| super::strong_answer(q, access))
            .map(str::to_owned);
        Revealed {
            item: ItemJson::new(bank, item),
            short_answer_html: question.map_or_else(String::new, |q| q.short_answer_html.clone()),
            strong_answer_html: strong,
        }
    }
}

/// How many questions of the weakest topics were new to the review queue.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Queued {
    pub added: u64,
}
