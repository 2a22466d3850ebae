//! The mock pages' templates and the plain values they show: the setup
//! form with past mocks, a question (answer, then grade) and the summary.

use super::score::Summary;
use crate::html::{Layout, Titled, human_instant};
use askama::Template;
use bank::{Access, Bank, Level, Topic};
use store::{Mock, MockItem};

/// A choice in the setup form.
pub(crate) struct Choice {
    pub value: &'static str,
    pub label: &'static str,
}

/// A past mock as the lists (and the progress API) show it.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub(crate) struct PastMock {
    pub id: String,
    /// RFC 3339.
    pub created_at: Option<String>,
    /// As pages print it ("6 December 2026").
    pub date: String,
    pub questions: usize,
    pub graded: usize,
    pub points: u32,
    pub max_points: u32,
    pub finished: bool,
}

impl PastMock {
    pub(crate) fn of(bank: &Bank, mock: &Mock) -> PastMock {
        let summary = super::score::summarize(bank, mock);
        PastMock {
            id: mock.id.clone(),
            created_at: super::rfc3339(mock.created_at),
            date: human_instant(mock.created_at),
            questions: mock.items.len(),
            graded: mock.items.iter().filter(|item| item.self_grade.is_some()).count(),
            points: summary.points,
            max_points: summary.max_points,
            finished: mock.finished_at.is_some(),
        }
    }
}

#[derive(Template)]
#[template(path = "practice/mock_index.html")]
struct IndexPage<'a> {
    layout: &'a Layout,
    csrf: &'a str,
    levels: Vec<Choice>,
    topics: Vec<Choice>,
    questions: usize,
    minutes: i64,
    past: Vec<PastMock>,
}

pub(crate) fn index(layout: &Layout, csrf: &str, past: Vec<PastMock>) -> askama::Result<String> {
    IndexPage {
        layout,
        csrf,
        levels: Level::ALL
            .iter()
            .map(|l| Choice {
                value: l.as_str(),
                label: l.label(),
            })
            .collect(),
        topics: Topic::ALL
            .iter()
            .map(|t| Choice {
                value: t.as_str(),
                label: t.label(),
            })
            .collect(),
        questions: super::plan::DEFAULT_QUESTIONS,
        minutes: super::plan::DEFAULT_MINUTES,
        past,
    }
    .render()
}

/// The question being asked, as the page shows it.
pub(crate) struct Asked<'a> {
    pub mock_id: &'a str,
    pub item: &'a MockItem,
    pub total: usize,
    pub title: &'a str,
    /// Seconds until the deadline, from now (0 once it has passed).
    pub seconds_left: i64,
    pub time_left: String,
}

impl<'a> Asked<'a> {
    pub(crate) fn new(mock: &'a Mock, item: &'a MockItem, title: &'a str, now: i64) -> Asked<'a> {
        let seconds_left = item.deadline.map_or(0, |deadline| (deadline - now).max(0));
        Asked {
            mock_id: &mock.id,
            item,
            total: mock.items.len(),
            title,
            seconds_left,
            time_left: format!("{}:{:02}", seconds_left / 60, seconds_left % 60),
        }
    }
}

impl Titled for Asked<'_> {
    fn title(&self) -> &str {
        self.title
    }
}

#[derive(Template)]
#[template(path = "practice/mock_question.html")]
struct QuestionPage<'a> {
    layout: &'a Layout,
    csrf: &'a str,
    asked: Asked<'a>,
}

pub(crate) fn question(layout: &Layout, csrf: &str, asked: Asked<'_>) -> askama::Result<String> {
    QuestionPage { layout, csrf, asked }.render()
}

#[derive(Template)]
#[template(path = "practice/mock_reveal.html")]
struct RevealPage<'a> {
    layout: &'a Layout,
    csrf: &'a str,
    asked: Asked<'a>,
    short_answer_html: &'a str,
    /// "What a strong answer covers", for a reader with access (or a free
    /// sample); `None` shows where it would be and how to get it.
    strong_answer_html: Option<&'a str>,
    grades: [&'static str; 3],
}

/// The reveal page. The strong-answer section comes only through
/// `full_answer(access)`, so a reader without access cannot get it here.
pub(crate) fn reveal(
    layout: &Layout,
    csrf: &str,
    asked: Asked<'_>,
    question: Option<&bank::Question>,
    access: Option<&Access>,
) -> askama::Result<String> {
    let strong = question.and_then(|q| super::strong_answer(q, access));
    RevealPage {
        layout,
        csrf,
        asked,
        short_answer_html: question.map_or("", |q| q.short_answer_html.as_str()),
        strong_answer_html: strong,
        grades: ["weak", "solid", "strong"],
    }
    .render()
}

#[derive(Template)]
#[template(path = "practice/mock_summary.html")]
struct SummaryPage<'a> {
    layout: &'a Layout,
    csrf: &'a str,
    mock: &'a Mock,
    summary: Summary,
    minutes: String,
    /// Cards just added to the queue, when the reader asked.
    queued: Option<u64>,
}

pub(crate) fn summary(
    layout: &Layout,
    csrf: &str,
    mock: &Mock,
    summary: Summary,
    queued: Option<u64>,
) -> askama::Result<String> {
    let minutes = format!("{}:{:02}", summary.time_taken / 60, summary.time_taken % 60);
    SummaryPage {
        layout,
        csrf,
        mock,
        summary,
        minutes,
        queued,
    }
    .render()
}
