//! The mock pages: `/practice/mock` (set up a mock, past mocks) and
//! `/practice/mock/{id}` (the current question, then the summary), with
//! the forms that start, reveal, grade, end and queue. Every form answers
//! with a redirect to the mock (303), so a reload never submits twice.

use super::plan::{self, MockRequest};
use super::steps::{self, Step};
use super::{score, views};
use crate::app::SharedApp;
use crate::csrf::check_member_csrf;
use crate::errors::PageError;
use crate::forms::ValidForm;
use crate::html::private_page;
use crate::viewer::{Member, SignedIn};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use store::SelfGrade;

type AppState = State<SharedApp>;

/// `GET /practice/mock`: the setup form and the reader's past mocks.
pub(crate) async fn index(State(app): AppState, SignedIn(member): SignedIn) -> Result<Response, PageError> {
    let mocks = app.store.mocks(&member.user.id).await?;
    let past = mocks
        .iter()
        .map(|mock| views::PastMock::of(&app.site.bank, mock))
        .collect();
    let html = views::index(app.site.layout(true), &member.csrf, past)?;
    Ok(private_page(StatusCode::OK, html))
}

/// The setup form's fields, in any order; `topic` may repeat. Unknown
/// fields and malformed numbers are refused (400).
fn setup_form(fields: Vec<(String, String)>) -> Result<(String, MockRequest), PageError> {
    let mut csrf = String::new();
    let mut request = MockRequest::default();
    let number = |name: &str, value: &str| {
        value
            .trim()
            .parse::<i64>()
            .map_err(|_| PageError::bad_request(format!("`{name}` must be a whole number.")))
    };
    for (name, value) in fields {
        match name.as_str() {
            "csrf" => csrf = value,
            "level" => request.level = Some(value).filter(|level| !level.is_empty()),
            "topic" => request.topics.push(value),
            "questions" => request.questions = usize::try_from(number(&name, &value)?).unwrap_or(0),
            "minutes" => request.minutes = number(&name, &value)?,
            _ => {
                return Err(PageError::bad_request(format!(
                    "The form has an unknown field `{name}`."
                )));
            }
        }
    }
    Ok((csrf, request))
}

/// `POST /practice/mock`: picks and stores a mock, then shows its first question.
pub(crate) async fn start(
    State(app): AppState,
    SignedIn(member): SignedIn,
    ValidForm(fields): ValidForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let (csrf, request) = setup_form(fields)?;
    check_member_csrf(&member.csrf, &csrf)?;
    let mock = plan::create(&app, &member.user.id, request).await?;
    Ok(to_mock(&mock.id, None))
}

fn to_mock(mock_id: &str, queued: Option<u64>) -> Response {
    let query = queued.map_or_else(String::new, |n| format!("?queued={n}"));
    Redirect::to(&format!("/practice/mock/{mock_id}{query}")).into_response()
}

#[derive(Debug, Deserialize)]
pub(crate) struct ShowQuery {
    queued: Option<u64>,
}

/// `GET /practice/mock/{id}`: the current question (started when first
/// shown: that is when its time starts), or the summary once none is left.
pub(crate) async fn show(
    State(app): AppState,
    SignedIn(member): SignedIn,
    Path(mock_id): Path<String>,
    Query(query): Query<ShowQuery>,
) -> Result<Response, PageError> {
    let user_id = &member.user.id;
    let mock = steps::load(&app, user_id, &mock_id).await?;
    let mock = steps::advance(&app, user_id, mock).await?;
    let layout = app.site.layout(true);
    let bank = &app.site.bank;
    let now = store::now();
    let html = match steps::current(&mock, now) {
        Step::Answer(item) | Step::Grade(item) => {
            let question = bank.question(&item.slug);
            let title = question.map_or(item.slug.as_str(), |q| q.title.as_str());
            let asked = views::Asked::new(&mock, item, title, now);
            if item.revealed_at.is_some() {
                views::reveal(layout, &member.csrf, asked, question, member.access())?
            } else {
                views::question(layout, &member.csrf, asked)?
            }
        }
        Step::Over => {
            let summary = score::summarize(bank, &mock);
            views::summary(layout, &member.csrf, &mock, summary, query.queued)?
        }
    };
    Ok(private_page(StatusCode::OK, html))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RevealForm {
    csrf: String,
    #[serde(default)]
    answer: String,
}

/// `POST /practice/mock/{id}/items/{position}/reveal`.
pub(crate) async fn reveal(
    State(app): AppState,
    SignedIn(member): SignedIn,
    Path((mock_id, position)): Path<(String, String)>,
    ValidForm(form): ValidForm<RevealForm>,
) -> Result<Response, PageError> {
    let position = super::position(&position)?;
    check_member_csrf(&member.csrf, &form.csrf)?;
    steps::reveal(&app, &member.user.id, &mock_id, position, &form.answer).await?;
    Ok(to_mock(&mock_id, None))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GradeForm {
    csrf: String,
    grade: String,
}

/// A self-grade's name, or 400.
pub(crate) fn parse_grade(text: &str) -> Result<SelfGrade, PageError> {
    SelfGrade::parse(text)
        .ok_or_else(|| PageError::bad_request(format!("Unknown grade `{text}`: choose weak, solid or strong.")))
}

/// `POST /practice/mock/{id}/items/{position}/grade`.
pub(crate) async fn grade(
    State(app): AppState,
    SignedIn(member): SignedIn,
    Path((mock_id, position)): Path<(String, String)>,
    ValidForm(form): ValidForm<GradeForm>,
) -> Result<Response, PageError> {
    let position = super::position(&position)?;
    check_member_csrf(&member.csrf, &form.csrf)?;
    let grade = parse_grade(&form.grade)?;
    steps::grade(&app, &member.user.id, &mock_id, position, grade).await?;
    Ok(to_mock(&mock_id, None))
}

/// `POST /practice/mock/{id}/finish`: ends the mock now.
pub(crate) async fn finish(
    State(app): AppState,
    SignedIn(member): SignedIn,
    Path(mock_id): Path<String>,
    ValidForm(form): ValidForm<crate::csrf::CsrfOnly>,
) -> Result<Response, PageError> {
    check_member_csrf(&member.csrf, form.csrf())?;
    steps::finish(&app, &member.user.id, &mock_id).await?;
    Ok(to_mock(&mock_id, None))
}

/// `POST /practice/mock/{id}/queue`: the weakest topics' questions into
/// the review queue.
pub(crate) async fn queue(
    State(app): AppState,
    SignedIn(member): SignedIn,
    Path(mock_id): Path<String>,
    ValidForm(form): ValidForm<crate::csrf::CsrfOnly>,
) -> Result<Response, PageError> {
    check_member_csrf(&member.csrf, form.csrf())?;
    let added = queue_for(&app, &member, &mock_id).await?;
    Ok(to_mock(&mock_id, Some(added)))
}

async fn queue_for(app: &SharedApp, member: &Member, mock_id: &str) -> Result<u64, PageError> {
    let mock = steps::load(app, &member.user.id, mock_id).await?;
    score::queue_weakest(app, &member.user.id, &mock).await
}
