//! Running an interview from a set, at `/kit/{id}/interviews`: start one
//! for a candidate label, mark each question weak, solid or strong (or
//! skip it) with a note while it runs, end it; the summary (per question,
//! per topic, time taken) is on its page and downloads as Markdown or
//! JSON. Forms answer 303; refusals are 4xx and change nothing.

use super::summary::{self, InterviewSummary};
use super::views::{self, PastInterview};
use super::{Interviewer, not_found, own_set, refused};
use crate::app::SharedApp;
use crate::csrf::{CsrfOnly, check_member_csrf};
use crate::errors::PageError;
use crate::forms::ValidForm;
use crate::html::{human_instant, private_page};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use store::{KitInterview, KitSet, Mark};

type AppState = State<SharedApp>;

/// The reader's set and its interview with this id, or 404 (another
/// reader's, another set's, or gone).
pub(crate) async fn load(
    app: &SharedApp,
    who: &Interviewer,
    set_id: &str,
    interview_id: &str,
) -> Result<(KitSet, KitInterview), PageError> {
    let set = own_set(app, who, set_id).await?;
    let interview = app
        .store
        .kit_interview(who.id(), interview_id)
        .await?
        .filter(|interview| interview.set_id == set.id)
        .ok_or_else(not_found)?;
    Ok((set, interview))
}

/// The summary of an interview as of now.
pub(crate) fn summary_of(app: &SharedApp, set: &KitSet, interview: &KitInterview) -> InterviewSummary {
    summary::summarize(&app.site.bank, set, interview, store::now())
}

/// A mark's name, or 400.
pub(crate) fn parse_mark(text: &str) -> Result<Mark, PageError> {
    Mark::parse(text).ok_or_else(|| {
        PageError::bad_request(format!(
            "Unknown mark `{}`: choose weak, solid, strong or skipped.",
            text.chars().take(40).collect::<String>()
        ))
    })
}

fn to_interview(set_id: &str, interview_id: &str) -> Response {
    Redirect::to(&format!("/kit/{set_id}/interviews/{interview_id}")).into_response()
}

/// `GET /kit/{id}/interviews`: the set's interviews and a form to start one.
pub(crate) async fn list(
    State(app): AppState,
    who: Interviewer,
    Path(set_id): Path<String>,
) -> Result<Response, PageError> {
    let set = own_set(&app, &who, &set_id).await?;
    let past = app.store.kit_interviews(who.id(), Some(&set.id)).await?;
    let past = past.iter().map(PastInterview::of).collect();
    let label = format!("Candidate A, {}", human_instant(store::now()));
    let html = views::interviews(app.site.layout(true), &who.member.csrf, &set, past, label)?;
    Ok(private_page(StatusCode::OK, html))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StartForm {
    csrf: String,
    label: String,
}

/// `POST /kit/{id}/interviews`.
pub(crate) async fn start(
    State(app): AppState,
    who: Interviewer,
    Path(set_id): Path<String>,
    ValidForm(form): ValidForm<StartForm>,
) -> Result<Response, PageError> {
    check_member_csrf(&who.member.csrf, &form.csrf)?;
    let interview = app
        .store
        .start_kit_interview(who.id(), &set_id, &form.label, store::now())
        .await
        .map_err(refused)?;
    Ok(to_interview(&set_id, &interview.id))
}

/// `GET /kit/{id}/interviews/{interview}`: the questions with their mark
/// forms while it runs, and the summary.
pub(crate) async fn show(
    State(app): AppState,
    who: Interviewer,
    Path((set_id, interview_id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let (set, interview) = load(&app, &who, &set_id, &interview_id).await?;
    let summary = summary_of(&app, &set, &interview);
    let html = views::interview(app.site.layout(true), &who.member.csrf, &set, &interview, &summary)?;
    Ok(private_page(StatusCode::OK, html))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MarkForm {
    csrf: String,
    slug: String,
    mark: String,
    #[serde(default)]
    note: String,
}

/// `POST /kit/{id}/interviews/{interview}/marks`.
pub(crate) async fn mark(
    State(app): AppState,
    who: Interviewer,
    Path((set_id, interview_id)): Path<(String, String)>,
    ValidForm(form): ValidForm<MarkForm>,
) -> Result<Response, PageError> {
    check_member_csrf(&who.member.csrf, &form.csrf)?;
    let mark = parse_mark(&form.mark)?;
    load(&app, &who, &set_id, &interview_id).await?;
    app.store
        .mark_kit_question(who.id(), &interview_id, &form.slug, mark, &form.note, store::now())
        .await
        .map_err(refused)?;
    Ok(to_interview(&set_id, &interview_id))
}

/// `POST /kit/{id}/interviews/{interview}/end`.
pub(crate) async fn end(
    State(app): AppState,
    who: Interviewer,
    Path((set_id, interview_id)): Path<(String, String)>,
    ValidForm(form): ValidForm<CsrfOnly>,
) -> Result<Response, PageError> {
    check_member_csrf(&who.member.csrf, form.csrf())?;
    load(&app, &who, &set_id, &interview_id).await?;
    app.store
        .end_kit_interview(who.id(), &interview_id, store::now())
        .await
        .map_err(refused)?;
    Ok(to_interview(&set_id, &interview_id))
}

/// `POST /kit/{id}/interviews/{interview}/delete`.
pub(crate) async fn delete(
    State(app): AppState,
    who: Interviewer,
    Path((set_id, interview_id)): Path<(String, String)>,
    ValidForm(form): ValidForm<CsrfOnly>,
) -> Result<Response, PageError> {
    check_member_csrf(&who.member.csrf, form.csrf())?;
    load(&app, &who, &set_id, &interview_id).await?;
    app.store.delete_kit_interview(who.id(), &interview_id).await?;
    Ok(Redirect::to(&format!("/kit/{set_id}/interviews")).into_response())
}

/// `GET /kit/{id}/interviews/{interview}/summary.md`.
pub(crate) async fn summary_markdown(
    State(app): AppState,
    who: Interviewer,
    Path((set_id, interview_id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let (set, interview) = load(&app, &who, &set_id, &interview_id).await?;
    let text = summary::to_markdown(&summary_of(&app, &set, &interview));
    Ok(super::sheet::download(&text, "interview.md", super::sheet::MARKDOWN))
}

/// `GET /kit/{id}/interviews/{interview}/summary.json`.
pub(crate) async fn summary_json(
    State(app): AppState,
    who: Interviewer,
    Path((set_id, interview_id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let (set, interview) = load(&app, &who, &set_id, &interview_id).await?;
    let json =
        serde_json::to_string_pretty(&summary_of(&app, &set, &interview)).map_err(|e| PageError::internal(&e))?;
    Ok(super::sheet::download(&json, "interview.json", "application/json"))
}
