//! Mock interviews at `/practice/mock` and `/api/v1/practice/mocks`: the
//! reader chooses level, topics, size and minutes per question; the server
//! picks the questions (the practice crate's rules) and keeps each
//! question's deadline (the store's); the reader reveals, grades themself,
//! and gets a summary per topic. Pages and API share the steps here, so
//! both refuse the same things with the same words.

pub(crate) mod api;
pub(crate) mod clock;
mod json;
pub(crate) mod pages;
mod plan;
mod score;
mod steps;
mod views;

pub(crate) use views::PastMock;

use crate::errors::PageError;
use axum::http::StatusCode;
use store::StoreError;

/// A store refusal as the reader sees it: an unknown mock or question is
/// 404, input the store refuses 400, a step the mock's state refuses (time
/// up, finished, out of order, already done) 409. Nothing was changed in
/// any of these cases. Anything else is the store's failure (503 or 500).
fn refused(error: StoreError) -> PageError {
    match error {
        StoreError::NotFound => not_found(),
        StoreError::Invalid(message) => PageError::bad_request(message),
        StoreError::DeadlinePassed => conflict("The time for this question is up, so nothing was recorded."),
        StoreError::MockFinished => conflict("This mock interview is finished, so nothing was recorded."),
        StoreError::OutOfOrder(message) => conflict(&format!("{message}; nothing was recorded.")),
        other => other.into(),
    }
}

fn not_found() -> PageError {
    PageError::new(
        StatusCode::NOT_FOUND,
        "Mock interview not found",
        "You have no mock interview or question at this address.",
    )
}

/// A question's position from the path: a clear 400 (a page, or JSON under
/// `/api/`) rather than the framework's plain-text rejection when it is not
/// a number; a number no mock has is a 404 further on.
fn position(text: &str) -> Result<i64, PageError> {
    text.parse()
        .map_err(|_| PageError::bad_request("The question's position must be a whole number, from 1."))
}

fn conflict(message: &str) -> PageError {
    PageError::new(StatusCode::CONFLICT, "Not recorded", message)
}

/// "What a strong answer covers" of a question, only through
/// `full_answer(access)`: for a reader with access or a free sample.
fn strong_answer<'a>(question: &'a bank::Question, access: Option<&bank::Access>) -> Option<&'a str> {
    let full = question.full_answer(access)?;
    let section = full
        .sections()
        .iter()
        .find(|section| section.kind == bank::SectionKind::StrongAnswer)?;
    Some(section.html.as_str())
}

/// A Unix time as RFC 3339 (UTC), as the API gives every time.
pub(crate) fn rfc3339(unix: i64) -> Option<String> {
    use time::format_description::well_known::Rfc3339;
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|at| at.format(&Rfc3339).ok())
}
