//! `/api/v1/practice/mocks`: the mock interview as JSON, with the session
//! cookie or an API token. The same steps and refusals as the pages
//! (`steps`), with one difference: reading a mock changes nothing, so a
//! client starts each question itself (`.../start`), which sets its
//! deadline. Writes take JSON only, which a cross-site form cannot send.

use super::json::{GradeBody, ItemJson, MockJson, MockList, NewMock, Queued, RevealBody, Revealed};
use super::pages::parse_grade;
use super::plan::{self, MockRequest};
use super::{refused, steps};
use crate::app::SharedApp;
use crate::errors::PageError;
use crate::forms::ValidJson;
use crate::practice::api::{member, private_json};
use crate::viewer::Viewer;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

type AppState = State<SharedApp>;

#[utoipa::path(get, path = "/api/v1/practice/mocks", tag = "practice",
    responses(
        (status = 200, description = "The reader's mock interviews, newest first", body = MockList),
        (status = 401, description = "Not signed in", body = crate::errors::ApiError),
    ),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn list(State(app): AppState, viewer: Viewer) -> Result<Response, PageError> {
    let member = member(&viewer)?;
    let mocks = app.store.mocks(&member.user.id).await?;
    let mocks = mocks.iter().map(|mock| MockJson::new(&app.site.bank, mock)).collect();
    Ok(private_json(StatusCode::OK, MockList { mocks }))
}

#[utoipa::path(post, path = "/api/v1/practice/mocks", tag = "practice", request_body = NewMock,
    responses(
        (status = 201, description = "The mock, its questions picked (least practised first), none started", body = MockJson),
        (status = 400, description = "An unknown level or topic, a size or minutes out of range, or too few matching questions", body = crate::errors::ApiError),
        (status = 401, description = "Not signed in", body = crate::errors::ApiError),
        (status = 413, description = "A body over 16 KiB", body = crate::errors::ApiError),
        (status = 415, description = "Not application/json", body = crate::errors::ApiError),
    ),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn create(
    State(app): AppState,
    viewer: Viewer,
    ValidJson(body): ValidJson<NewMock>,
) -> Result<Response, PageError> {
    let member = member(&viewer)?;
    let request = MockRequest {
        level: body.level.filter(|level| !level.is_empty()),
        topics: body.topics,
        questions: usize::try_from(body.questions).unwrap_or(0),
        minutes: i64::from(body.minutes),
    };
    let mock = plan::create(&app, &member.user.id, request).await?;
    Ok(private_json(StatusCode::CREATED, MockJson::new(&app.site.bank, &mock)))
}

#[utoipa::path(get, path = "/api/v1/practice/mocks/{id}", tag = "practice",
    params(("id" = String, Path, description = "The mock's id")),
    responses(
        (status = 200, description = "The mock, its current question and its result so far", body = MockJson),
        (status = 401, description = "Not signed in", body = crate::errors::ApiError),
        (status = 404, description = "No such mock among the reader's", body = crate::errors::ApiError),
    ),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn show(State(app): AppState, viewer: Viewer, Path(id): Path<String>) -> Result<Response, PageError> {
    let member = member(&viewer)?;
    let mock = steps::load(&app, &member.user.id, &id).await?;
    Ok(private_json(StatusCode::OK, MockJson::new(&app.site.bank, &mock)))
}

#[utoipa::path(post, path = "/api/v1/practice/mocks/{id}/items/{position}/start", tag = "practice",
    params(("id" = String, Path, description = "The mock's id"), ("position" = i64, Path, description = "The question, from 1")),
    responses(
        (status = 200, description = "The question, started now (or already, with its first deadline)", body = ItemJson),
        (status = 400, description = "A position that is not a number", body = crate::errors::ApiError),
        (status = 404, description = "No such mock or question among the reader's", body = crate::errors::ApiError),
        (status = 409, description = "The mock is finished, or this is not the current question", body = crate::errors::ApiError),
        (status = 401, description = "Not signed in", body = crate::errors::ApiError),
    ),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn start(
    State(app): AppState,
    viewer: Viewer,
    Path((id, position)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let position = super::position(&position)?;
    let member = member(&viewer)?;
    let mock = steps::load(&app, &member.user.id, &id).await?;
    let item = mock
        .items
        .iter()
        .find(|item| item.position == position)
        .ok_or_else(super::not_found)?;
    let current = match steps::current(&mock, store::now()) {
        steps::Step::Answer(open) | steps::Step::Grade(open) => Some(open.position),
        steps::Step::Over => None,
    };
    if item.started_at.is_none() && current != Some(position) {
        return Err(super::conflict(
            "This is not the current question of the mock; nothing was started.",
        ));
    }
    let item = app
        .store
        .start_mock_item(&member.user.id, &id, position, store::now())
        .await
        .map_err(refused)?;
    Ok(private_json(StatusCode::OK, ItemJson::new(&app.site.bank, &item)))
}

#[utoipa::path(post, path = "/api/v1/practice/mocks/{id}/items/{position}/reveal", tag = "practice",
    params(("id" = String, Path, description = "The mock's id"), ("position" = i64, Path, description = "The question, from 1")),
    request_body = RevealBody,
    responses(
        (status = 200, description = "The answer; what a strong answer covers only with access", body = Revealed),
        (status = 400, description = "An answer over 10 KB or not the JSON asked for", body = crate::errors::ApiError),
        (status = 404, description = "No such mock or question among the reader's", body = crate::errors::ApiError),
        (status = 409, description = "Not started, already revealed, time up (with an answer) or the mock finished; nothing recorded", body = crate::errors::ApiError),
        (status = 401, description = "Not signed in", body = crate::errors::ApiError),
        (status = 413, description = "A body over 16 KiB", body = crate::errors::ApiError),
        (status = 415, description = "Not application/json", body = crate::errors::ApiError),
    ),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn reveal(
    State(app): AppState,
    viewer: Viewer,
    Path((id, position)): Path<(String, String)>,
    ValidJson(body): ValidJson<RevealBody>,
) -> Result<Response, PageError> {
    let position = super::position(&position)?;
    let member = member(&viewer)?;
    let item = steps::reveal(&app, &member.user.id, &id, position, &body.answer).await?;
    let revealed = Revealed::new(&app.site.bank, &item, member.access());
    Ok(private_json(StatusCode::OK, revealed))
}

#[utoipa::path(post, path = "/api/v1/practice/mocks/{id}/items/{position}/grade", tag = "practice",
    params(("id" = String, Path, description = "The mock's id"), ("position" = i64, Path, description = "The question, from 1")),
    request_body = GradeBody,
    responses(
        (status = 200, description = "The mock after the grade (finished if it was the last open question)", body = MockJson),
        (status = 400, description = "An unknown grade", body = crate::errors::ApiError),
        (status = 404, description = "No such mock or question among the reader's", body = crate::errors::ApiError),
        (status = 409, description = "Not revealed, already graded, time up or the mock finished; nothing recorded", body = crate::errors::ApiError),
        (status = 401, description = "Not signed in", body = crate::errors::ApiError),
        (status = 413, description = "A body over 16 KiB", body = crate::errors::ApiError),
        (status = 415, description = "Not application/json", body = crate::errors::ApiError),
    ),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn grade(
    State(app): AppState,
    viewer: Viewer,
    Path((id, position)): Path<(String, String)>,
    ValidJson(body): ValidJson<GradeBody>,
) -> Result<Response, PageError> {
    let position = super::position(&position)?;
    let member = member(&viewer)?;
    let grade = parse_grade(&body.grade)?;
    let mock = steps::grade(&app, &member.user.id, &id, position, grade).await?;
    Ok(private_json(StatusCode::OK, MockJson::new(&app.site.bank, &mock)))
}

#[utoipa::path(post, path = "/api/v1/practice/mocks/{id}/finish", tag = "practice",
    params(("id" = String, Path, description = "The mock's id")),
    responses(
        (status = 200, description = "The finished mock and its summary (finishing again keeps the first time)", body = MockJson),
        (status = 404, description = "No such mock among the reader's", body = crate::errors::ApiError),
        (status = 401, description = "Not signed in", body = crate::errors::ApiError),
    ),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn finish(
    State(app): AppState,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let member = member(&viewer)?;
    let mock = steps::finish(&app, &member.user.id, &id).await?;
    Ok(private_json(StatusCode::OK, MockJson::new(&app.site.bank, &mock)))
}

#[utoipa::path(post, path = "/api/v1/practice/mocks/{id}/queue", tag = "practice",
    params(("id" = String, Path, description = "The mock's id")),
    responses(
        (status = 200, description = "The weakest topics' questions added to the review queue (those already in it keep their schedule)", body = Queued),
        (status = 404, description = "No such mock among the reader's", body = crate::errors::ApiError),
        (status = 409, description = "The mock is not finished", body = crate::errors::ApiError),
        (status = 401, description = "Not signed in", body = crate::errors::ApiError),
    ),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn queue(State(app): AppState, viewer: Viewer, Path(id): Path<String>) -> Result<Response, PageError> {
    let member = member(&viewer)?;
    let mock = steps::load(&app, &member.user.id, &id).await?;
    let added = super::score::queue_weakest(&app, &member.user.id, &mock).await?;
    Ok(private_json(StatusCode::OK, Queued { added }))
}
