//! The quiz shelf: every "what does this print?" quiz of the bank, its
//! program and explanation rendered once (the first time a quiz route is
//! asked for) and kept behind a `OnceLock`, so the core holds no practice
//! type. As with answers, a quiz's program, answer and explanation are
//! reachable only through [`ShelfQuiz::open`], which wants the proof of
//! access unless the quiz is free.

use crate::html::Titled;
use bank::{Access, Bank, Level, Outcome, QuizDocument, Renderer, Topic};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The parts of a quiz only a reader with access (or anyone, for a free
/// quiz) may see.
#[derive(Debug)]
pub struct QuizBody {
    pub document: QuizDocument,
    pub program_html: String,
    pub explanation_html: String,
}

impl QuizBody {
    /// Whether `answer` is right: the bank's grading, the same the example
    /// runner's answer-key check rests on.
    pub fn grade(&self, answer: &str) -> bool {
        self.document.grade(answer)
    }

    /// The answer as shown after an attempt: the outcome in words.
    pub fn outcome(&self) -> &'static str {
        match self.document.outcome {
            Outcome::Prints => "It prints:",
            Outcome::Panics => "It panics (after printing what is shown, if anything):",
            Outcome::DoesNotCompile => "It does not compile:",
        }
    }

    /// The output, or the compiler's error code.
    pub fn shown_answer(&self) -> String {
        match (&self.document.outcome, &self.document.error_code) {
            (Outcome::DoesNotCompile, Some(code)) => format!("error[{code}]"),
            (Outcome::DoesNotCompile, None) => "does not compile".to_owned(),
            _ => self.document.stdout.clone(),
        }
    }
}

/// A quiz as listed: its public facts, and the body behind access.
#[derive(Debug)]
pub struct ShelfQuiz {
    pub slug: String,
    pub title: String,
    pub level: Level,
    pub topics: Vec<Topic>,
    pub free: bool,
    body: QuizBody,
}

impl Titled for ShelfQuiz {
    fn title(&self) -> &str {
        &self.title
    }
}

impl ShelfQuiz {
    /// The program, answer and explanation: for a free quiz, or a reader
    /// who proves access.
    pub fn open(&self, access: Option<&Access>) -> Option<&QuizBody> {
        (self.free || access.is_some()).then_some(&self.body)
    }
}

#[derive(Debug)]
pub struct Shelf {
    quizzes: Vec<ShelfQuiz>,
    by_slug: HashMap<String, usize>,
}

impl Shelf {
    pub fn quizzes(&self) -> &[ShelfQuiz] {
        &self.quizzes
    }

    pub fn quiz(&self, slug: &str) -> Option<&ShelfQuiz> {
        self.by_slug.get(slug).map(|&index| &self.quizzes[index])
    }

    fn build(bank: &Bank) -> Shelf {
        let renderer = Renderer::default();
        let mut quizzes: Vec<ShelfQuiz> = bank.quizzes().iter().map(|quiz| shelve(&renderer, quiz)).collect();
        quizzes.sort_by(|a, b| (a.level, &a.title).cmp(&(b.level, &b.title)));
        let by_slug = quizzes
            .iter()
            .enumerate()
            .map(|(index, quiz)| (quiz.slug.clone(), index))
            .collect();
        Shelf { quizzes, by_slug }
    }
}

/// The shelf of the bank the server runs (one bank per process).
pub fn shelf(bank: &Bank) -> &'static Shelf {
    static SHELF: OnceLock<Shelf> = OnceLock::new();
    SHELF.get_or_init(|| Shelf::build(bank))
}

fn shelve(renderer: &Renderer, quiz: &QuizDocument) -> ShelfQuiz {
    let program = renderer.render(&format!("```rust\n{}\n```\n", quiz.program.code.trim_end()));
    ShelfQuiz {
        slug: quiz.slug.to_string(),
        title: quiz.title.clone(),
        level: quiz.level,
        topics: quiz.topics.clone(),
        free: quiz.free,
        body: QuizBody {
            document: quiz.clone(),
            program_html: without_caption(&program),
            explanation_html: renderer.render(&quiz.explanation),
        },
    }
}

/// The program without the renderer's caption ("Compiles and runs"), which
/// would give the answer away.
fn without_caption(html: &str) -> String {
    match (html.find("<figcaption>"), html.find("</figcaption>")) {
        (Some(start), Some(end)) if start < end => {
            format!("{}{}", &html[..start], &html[end + "</figcaption>".len()..])
        }
        _ => html.to_owned(),
    }
}
