//! `/quizzes` and `/quizzes/{slug}`: "what does this print?" on the web.
//! Anyone sees the list; a quiz's program, answer and explanation need
//! access unless it is free (`ShelfQuiz::open`). A signed-in reader answers
//! by typing the output or picking a choice; the bank grades it exactly and
//! the attempt is recorded.

use crate::app::SharedApp;
use crate::csrf::check_member_csrf;
use crate::errors::PageError;
use crate::forms::ValidForm;
use crate::html::{Layout, Titled, private_page};
use crate::practice::failure::Failure;
use crate::practice::quizzes::{QuizBody, ShelfQuiz, shelf};
use crate::viewer::{SignedIn, Viewer};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use bank::Access;
use serde::Deserialize;

type AppState = State<SharedApp>;

#[derive(Template)]
#[template(path = "practice/quizzes.html")]
struct ListPage<'a> {
    layout: &'a Layout,
    quizzes: &'a [ShelfQuiz],
    access: Option<&'a Access>,
}

/// `/quizzes`: every quiz, free ones marked, locked ones said so.
pub async fn list(State(app): AppState, viewer: Viewer) -> Result<Response, PageError> {
    let member = viewer.member();
    let page = ListPage {
        layout: app.site.layout(member.is_some()),
        quizzes: shelf(&app.site.bank).quizzes(),
        access: member.and_then(|m| m.access()),
    };
    Ok(private_page(StatusCode::OK, page.render()?))
}

/// The outcome of an attempt, shown under the quiz.
struct Attempt {
    answer: String,
    correct: bool,
}

#[derive(Template)]
#[template(path = "practice/quiz.html")]
struct QuizPage<'a> {
    layout: &'a Layout,
    quiz: &'a ShelfQuiz,
    body: Option<&'a QuizBody>,
    /// The member's form token; `None` for a signed-out reader.
    csrf: Option<&'a str>,
    attempt: Option<Attempt>,
}

fn find<'a>(app: &'a SharedApp, slug: &str) -> Result<&'a ShelfQuiz, Failure> {
    shelf(&app.site.bank)
        .quiz(slug)
        .ok_or(Failure::NotFound("No quiz has this slug."))
}

pub async fn show(State(app): AppState, viewer: Viewer, Path(slug): Path<String>) -> Result<Response, PageError> {
    let quiz = find(&app, &slug)?;
    let member = viewer.member();
    let page = QuizPage {
        layout: app.site.layout(member.is_some()),
        quiz,
        body: quiz.open(member.and_then(|m| m.access())),
        csrf: member.map(|m| m.csrf.as_str()),
        attempt: None,
    };
    Ok(private_page(StatusCode::OK, page.render()?))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerForm {
    csrf: String,
    #[serde(default)]
    answer: String,
}

/// An answer: graded, recorded, and shown with the right answer and why.
pub async fn answer(
    State(app): AppState,
    SignedIn(member): SignedIn,
    Path(slug): Path<String>,
    ValidForm(form): ValidForm<AnswerForm>,
) -> Result<Response, PageError> {
    check_member_csrf(&member.csrf, &form.csrf)?;
    let quiz = find(&app, &slug)?;
    let body = quiz.open(member.access()).ok_or(Failure::Locked)?;
    let correct = body.grade(&form.answer);
    app.store
        .record_quiz_attempt(&member.user.id, &quiz.slug, &form.answer, correct, store::now())
        .await
        .map_err(Failure::from)?;
    let page = QuizPage {
        layout: app.site.layout(true),
        quiz,
        body: Some(body),
        csrf: Some(&member.csrf),
        attempt: Some(Attempt {
            answer: form.answer,
            correct,
        }),
    };
    Ok(private_page(StatusCode::OK, page.render()?))
}
