//! The practice pages' templates (`templates/practice/`) and what each shows.

use crate::html::{Layout, Titled};
use askama::Template;
use store::CardVersion;

/// A saved question as `/practice/saved` lists it.
#[derive(Debug)]
pub struct SavedRow {
    pub slug: String,
    pub title: String,
    pub saved: String,
    /// The note's first line ("" without a note).
    pub note: String,
}

impl Titled for SavedRow {
    fn title(&self) -> &str {
        &self.title
    }
}

#[derive(Template)]
#[template(path = "practice/saved.html")]
struct SavedPage<'a> {
    layout: &'a Layout,
    rows: Vec<SavedRow>,
}

pub fn saved(layout: &Layout, rows: Vec<SavedRow>) -> askama::Result<String> {
    SavedPage { layout, rows }.render()
}

/// The reader's own side of a question: saved, note, card.
#[derive(Debug)]
pub struct QuestionPractice<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub saved: bool,
    pub note: String,
    /// Where the card stands, if the question is in the queue.
    pub card: Option<String>,
    pub notice: &'a str,
}

impl Titled for QuestionPractice<'_> {
    fn title(&self) -> &str {
        self.title
    }
}

#[derive(Template)]
#[template(path = "practice/question.html")]
struct QuestionPage<'a> {
    layout: &'a Layout,
    csrf: &'a str,
    view: &'a QuestionPractice<'a>,
    max_note: usize,
}

pub fn question_practice(layout: &Layout, csrf: &str, view: &QuestionPractice<'_>) -> askama::Result<String> {
    QuestionPage {
        layout,
        csrf,
        view,
        max_note: store::MAX_TEXT_BYTES,
    }
    .render()
}

/// A form from a prerendered page that came without proof of its origin,
/// offered again with the reader's token.
#[derive(Debug)]
pub struct Confirm {
    pub message: String,
    pub action: &'static str,
    pub field: &'static str,
    pub value: String,
    pub button: &'static str,
}

#[derive(Template)]
#[template(path = "practice/confirm.html")]
struct ConfirmPage<'a> {
    layout: &'a Layout,
    csrf: &'a str,
    confirm: &'a Confirm,
}

pub fn confirm(layout: &Layout, csrf: &str, confirm: &Confirm) -> askama::Result<String> {
    ConfirmPage { layout, csrf, confirm }.render()
}

/// A card's version as a form carries it.
#[derive(Debug)]
pub struct Version {
    pub reps: i64,
    pub last_review: String,
}

impl Version {
    pub fn of(version: CardVersion) -> Version {
        Version {
            reps: version.reps,
            last_review: version.last_review.map(|at| at.to_string()).unwrap_or_default(),
        }
    }
}

/// The front of a card: the question (or quiz program) alone.
#[derive(Debug)]
pub struct Front<'a> {
    pub kind: &'static str,
    pub slug: String,
    pub title: &'a str,
    /// A quiz's program, highlighted.
    pub program: Option<&'a str>,
    pub version: Version,
}

impl Titled for Front<'_> {
    fn title(&self) -> &str {
        self.title
    }
}

/// What "Show answer" reveals.
#[derive(Debug)]
pub enum Revealed {
    /// The short answer, and "What a strong answer covers" (only with
    /// access or for a free sample).
    Question(String, Option<String>),
    /// A quiz's outcome in words, its output or error, its explanation.
    Quiz(&'static str, String, String),
    Locked,
}

/// A grade button and when it brings the card back.
#[derive(Debug)]
pub struct Button {
    pub grade: &'static str,
    pub label: &'static str,
    pub key: u8,
    pub when: String,
}

/// The back of a card: what the reader wrote, the answer, the grades.
#[derive(Debug)]
pub struct Back {
    pub answer: String,
    pub buttons: Vec<Button>,
    pub revealed: Revealed,
}

/// Nothing to review now.
#[derive(Debug)]
pub struct Empty {
    /// When the next card comes back, in words ("" if none is scheduled).
    pub next: String,
    pub no_cards: bool,
}

#[derive(Debug)]
pub enum Side<'a> {
    Empty(Empty),
    Front(Front<'a>),
    Back(Front<'a>, Back),
}

#[derive(Debug)]
pub struct ReviewPage<'a> {
    pub csrf: &'a str,
    pub notice: String,
    pub due: usize,
    pub new: usize,
    pub side: Side<'a>,
}

#[derive(Template)]
#[template(path = "practice/review.html")]
struct ReviewTemplate<'a> {
    layout: &'a Layout,
    page: &'a ReviewPage<'a>,
    max_answer: usize,
}

pub fn review(layout: &Layout, page: &ReviewPage<'_>) -> askama::Result<String> {
    ReviewTemplate {
        layout,
        page,
        max_answer: store::MAX_TEXT_BYTES,
    }
    .render()
}

#[derive(Template)]
#[template(path = "practice/settings.html")]
struct SettingsPage<'a> {
    layout: &'a Layout,
    csrf: &'a str,
    retention: String,
    new_per_day: i64,
    notice: &'a str,
    error: &'a str,
}

pub fn settings(
    layout: &Layout,
    csrf: &str,
    values: &store::PracticeSettings,
    (notice, error): (&str, &str),
) -> askama::Result<String> {
    SettingsPage {
        layout,
        csrf,
        retention: format!("{:.2}", values.desired_retention),
        new_per_day: values.new_per_day,
        notice,
        error,
    }
    .render()
}
