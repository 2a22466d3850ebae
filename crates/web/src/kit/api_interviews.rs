//! `/api/v1/kit/...interviews`: start an interview from a set, mark its
//! questions, end it, read its summary, delete it. Another reader's set or
//! interview is 404; an ended interview's marks are 409; nothing changes
//! on a refusal.

use super::api::private_json;
use super::interviews::parse_mark;
use super::summary::{InterviewSummary, summarize};
use super::{Interviewer, not_found, own_set, refused, rfc3339};
use crate::app::SharedApp;
use crate::errors::PageError;
use crate::forms::ValidJson;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use store::KitInterview;
use utoipa::ToSchema;

type AppState = State<SharedApp>;
type ApiError = crate::errors::ApiError;

#[derive(Serialize, ToSchema)]
pub(crate) struct KitInterviewJson {
    id: String,
    set_id: String,
    label: String,
    started_at: String,
    ended_at: Option<String>,
    summary: InterviewSummary,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct KitInterviewList {
    interviews: Vec<KitInterviewJson>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct KitStartBody {
    /// A label, not personal data: "Candidate A, 2026-12-08".
    label: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct KitMarkBody {
    /// weak, solid, strong or skipped.
    mark: String,
    /// At most 10 KB.
    #[serde(default)]
    note: String,
}

/// The interview as JSON, with its summary against its set.
async fn interview_json(
    app: &SharedApp,
    who: &Interviewer,
    interview: &KitInterview,
) -> Result<KitInterviewJson, PageError> {
    let set = own_set(app, who, &interview.set_id).await?;
    Ok(KitInterviewJson {
        id: interview.id.clone(),
        set_id: interview.set_id.clone(),
        label: interview.label.clone(),
        started_at: rfc3339(interview.started_at),
        ended_at: interview.ended_at.map(rfc3339),
        summary: summarize(&app.site.bank, &set, interview, store::now()),
    })
}

async fn load(app: &SharedApp, who: &Interviewer, id: &str) -> Result<KitInterview, PageError> {
    app.store.kit_interview(who.id(), id).await?.ok_or_else(not_found)
}

#[utoipa::path(get, path = "/api/v1/kit/sets/{id}/interviews", tag = "kit",
    params(("id" = String, Path, description = "The set's id")),
    responses((status = 200, description = "The set's interviews, newest first", body = KitInterviewList),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "No access", body = ApiError),
        (status = 404, description = "No such set among the reader's", body = ApiError)),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn list(
    State(app): AppState,
    who: Interviewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let set = own_set(&app, &who, &id).await?;
    let mut interviews = Vec::new();
    for interview in app.store.kit_interviews(who.id(), Some(&set.id)).await? {
        interviews.push(interview_json(&app, &who, &interview).await?);
    }
    Ok(private_json(StatusCode::OK, KitInterviewList { interviews }))
}

#[utoipa::path(post, path = "/api/v1/kit/sets/{id}/interviews", tag = "kit", request_body = KitStartBody,
    params(("id" = String, Path, description = "The set's id")),
    responses((status = 201, description = "The interview, started now", body = KitInterviewJson),
        (status = 400, description = "A bad label", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "No access", body = ApiError),
        (status = 404, description = "No such set among the reader's", body = ApiError),
        (status = 415, description = "Not application/json", body = ApiError)),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn start(
    State(app): AppState,
    who: Interviewer,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<KitStartBody>,
) -> Result<Response, PageError> {
    let interview = app
        .store
        .start_kit_interview(who.id(), &id, &body.label, store::now())
        .await
        .map_err(refused)?;
    Ok(private_json(
        StatusCode::CREATED,
        interview_json(&app, &who, &interview).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/kit/interviews/{id}", tag = "kit",
    params(("id" = String, Path, description = "The interview's id")),
    responses((status = 200, description = "The interview and its summary so far", body = KitInterviewJson),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "No access", body = ApiError),
        (status = 404, description = "No such interview among the reader's", body = ApiError)),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn show(
    State(app): AppState,
    who: Interviewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let interview = load(&app, &who, &id).await?;
    Ok(private_json(
        StatusCode::OK,
        interview_json(&app, &who, &interview).await?,
    ))
}

#[utoipa::path(delete, path = "/api/v1/kit/interviews/{id}", tag = "kit",
    params(("id" = String, Path, description = "The interview's id")),
    responses((status = 204, description = "Deleted with its marks"),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "No access", body = ApiError),
        (status = 404, description = "No such interview among the reader's", body = ApiError)),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn delete(
    State(app): AppState,
    who: Interviewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    if !app.store.delete_kit_interview(who.id(), &id).await? {
        return Err(not_found());
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[utoipa::path(put, path = "/api/v1/kit/interviews/{id}/marks/{slug}", tag = "kit", request_body = KitMarkBody,
    params(("id" = String, Path, description = "The interview's id"), ("slug" = String, Path, description = "A question of its set")),
    responses((status = 200, description = "The interview with the mark", body = KitInterviewJson),
        (status = 400, description = "An unknown mark or a note over 10 KB: nothing recorded", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "No access", body = ApiError),
        (status = 404, description = "No such interview, or the question is not in its set", body = ApiError),
        (status = 409, description = "The interview has ended", body = ApiError),
        (status = 413, description = "A body over 16 KiB", body = ApiError),
        (status = 415, description = "Not application/json", body = ApiError)),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn mark(
    State(app): AppState,
    who: Interviewer,
    Path((id, slug)): Path<(String, String)>,
    ValidJson(body): ValidJson<KitMarkBody>,
) -> Result<Response, PageError> {
    let mark = parse_mark(&body.mark)?;
    app.store
        .mark_kit_question(who.id(), &id, &slug, mark, &body.note, store::now())
        .await
        .map_err(refused)?;
    let interview = load(&app, &who, &id).await?;
    Ok(private_json(
        StatusCode::OK,
        interview_json(&app, &who, &interview).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/kit/interviews/{id}/end", tag = "kit",
    params(("id" = String, Path, description = "The interview's id")),
    responses((status = 200, description = "The ended interview (ending again keeps the first end)", body = KitInterviewJson),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "No access", body = ApiError),
        (status = 404, description = "No such interview among the reader's", body = ApiError)),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn end(State(app): AppState, who: Interviewer, Path(id): Path<String>) -> Result<Response, PageError> {
    let interview = app
        .store
        .end_kit_interview(who.id(), &id, store::now())
        .await
        .map_err(refused)?;
    Ok(private_json(
        StatusCode::OK,
        interview_json(&app, &who, &interview).await?,
    ))
}
