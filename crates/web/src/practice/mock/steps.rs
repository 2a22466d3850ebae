//! Where a mock stands and the reader's steps through it: the current
//! question is the first one neither graded nor out of time; it starts
//! (and its deadline is set by the server) when it is first shown; reveal
//! and grade are refused once its time is up. When no question is left the
//! mock is finished. The store enforces every rule in one conditional
//! write; this module adds only the order in which the pages walk it.

use super::{conflict, refused};
use crate::app::SharedApp;
use crate::errors::PageError;
use store::{Mock, MockItem, SelfGrade, Timestamp};

/// What the reader does next in a mock.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Step<'a> {
    /// Answer this question (in the head or in writing), then reveal.
    Answer(&'a MockItem),
    /// The answer is shown: grade yourself.
    Grade(&'a MockItem),
    /// Every question is graded or out of time, or the mock was ended.
    Over,
}

/// Whether an item's time is up at `now` (the store takes a step up to and
/// including its deadline second).
pub(crate) fn out_of_time(item: &MockItem, now: Timestamp) -> bool {
    item.deadline.is_some_and(|deadline| deadline < now)
}

/// The reader's next step at `now`.
pub(crate) fn current(mock: &Mock, now: Timestamp) -> Step<'_> {
    if mock.finished_at.is_some() {
        return Step::Over;
    }
    let open = mock
        .items
        .iter()
        .find(|item| item.self_grade.is_none() && !out_of_time(item, now));
    match open {
        Some(item) if item.revealed_at.is_some() => Step::Grade(item),
        Some(item) => Step::Answer(item),
        None => Step::Over,
    }
}

/// The reader's mock, or 404 (none, or another reader's).
pub(crate) async fn load(app: &SharedApp, user_id: &str, mock_id: &str) -> Result<Mock, PageError> {
    app.store.mock(user_id, mock_id).await?.ok_or_else(super::not_found)
}

/// The mock as it stands now: the current question started if it was not
/// (a reload keeps its first deadline), or the mock finished if nothing is
/// left (finishing again keeps the first time).
pub(crate) async fn advance(app: &SharedApp, user_id: &str, mock: Mock) -> Result<Mock, PageError> {
    let now = store::now();
    match current(&mock, now) {
        Step::Answer(item) if item.started_at.is_none() => {
            let position = item.position;
            app.store
                .start_mock_item(user_id, &mock.id, position, now)
                .await
                .map_err(refused)?;
            load(app, user_id, &mock.id).await
        }
        _ => finish_if_over(app, user_id, mock).await,
    }
}

/// Finishes the mock when no question is left to answer; otherwise leaves
/// it as it is (the next question starts only when it is shown).
pub(crate) async fn finish_if_over(app: &SharedApp, user_id: &str, mock: Mock) -> Result<Mock, PageError> {
    if mock.finished_at.is_none() && matches!(current(&mock, store::now()), Step::Over) {
        return app
            .store
            .finish_mock(user_id, &mock.id, store::now())
            .await
            .map_err(refused);
    }
    Ok(mock)
}

/// Reveals a question's answer, keeping what the reader wrote (blank is no
/// answer). Revealing twice, before the question is shown, or with an
/// answer after its time is up is refused (409).
pub(crate) async fn reveal(
    app: &SharedApp,
    user_id: &str,
    mock_id: &str,
    position: i64,
    answer: &str,
) -> Result<MockItem, PageError> {
    let answer = Some(answer.trim()).filter(|text| !text.is_empty());
    app.store
        .reveal_mock_item(user_id, mock_id, position, answer, store::now())
        .await
        .map_err(refused)
}

/// Records the reader's grade for a revealed question, once: a second
/// grade (a double submit, a stale page) is refused (409) and changes
/// nothing. Grading the last open question finishes the mock.
pub(crate) async fn grade(
    app: &SharedApp,
    user_id: &str,
    mock_id: &str,
    position: i64,
    grade: SelfGrade,
) -> Result<Mock, PageError> {
    let mock = load(app, user_id, mock_id).await?;
    let item = mock
        .items
        .iter()
        .find(|item| item.position == position)
        .ok_or_else(super::not_found)?;
    if mock.finished_at.is_some() {
        return Err(refused(store::StoreError::MockFinished));
    }
    if item.self_grade.is_some() {
        return Err(conflict("This question is already graded, so nothing was recorded."));
    }
    app.store
        .grade_mock_item(user_id, mock_id, position, grade, store::now())
        .await
        .map_err(refused)?;
    let mock = load(app, user_id, mock_id).await?;
    finish_if_over(app, user_id, mock).await
}

/// Ends the mock now: questions not graded stay ungraded.
pub(crate) async fn finish(app: &SharedApp, user_id: &str, mock_id: &str) -> Result<Mock, PageError> {
    load(app, user_id, mock_id).await?;
    app.store
        .finish_mock(user_id, mock_id, store::now())
        .await
        .map_err(refused)
}
