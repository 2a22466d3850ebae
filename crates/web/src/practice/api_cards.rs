//! The practice JSON API, cards and reviews: `POST /api/v1/practice/cards`
//! (201 when added, 200 when it was already there, its schedule kept) and
//! `POST /api/v1/practice/cards/{slug}/reviews` (the card with its next
//! due time). A review goes through `queue::grade`, like the review page:
//! a card that is not the reader's, not due, or locked is refused with
//! nothing changed; grading twice finds the card no longer due (409).
//! Who may call it, and why tokens may write here: see `api`.

use crate::app::SharedApp;
use crate::errors::PageError;
use crate::forms::ValidJson;
use crate::practice::api::{CardJson, member};
use crate::practice::cards::Target;
use crate::practice::failure::Failure;
use crate::practice::queue::{self, Grading};
use crate::viewer::Viewer;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use practice::Grade;
use serde::Deserialize;
use utoipa::ToSchema;

type AppState = State<SharedApp>;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCard {
    /// A question's slug (or another phrasing's) or a quiz's slug.
    slug: String,
}

#[utoipa::path(post, path = "/api/v1/practice/cards", tag = "practice",
    request_body = NewCard,
    responses(
        (status = 201, description = "Added to the review queue", body = CardJson),
        (status = 200, description = "Already in the queue; its schedule is kept", body = CardJson),
        (status = 400, description = "A malformed body", body = crate::errors::ApiError),
        (status = 401, description = "Not signed in", body = crate::errors::ApiError),
        (status = 403, description = "A quiz for subscribers", body = crate::errors::ApiError),
        (status = 404, description = "No question or quiz has this slug", body = crate::errors::ApiError),
        (status = 413, description = "A body over 16 KiB", body = crate::errors::ApiError),
        (status = 415, description = "Not application/json", body = crate::errors::ApiError)),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn add(
    State(app): AppState,
    viewer: Viewer,
    ValidJson(body): ValidJson<NewCard>,
) -> Result<Response, PageError> {
    let member = member(&viewer)?;
    let target =
        Target::find(&app.site.bank, &body.slug).ok_or(Failure::NotFound("No question or quiz has this slug."))?;
    let card = target.new_card(member.access(), store::now())?;
    let added = app
        .store
        .add_card(&member.user.id, &card)
        .await
        .map_err(Failure::from)?;
    let stored = app
        .store
        .card(&member.user.id, card.kind, &card.slug)
        .await?
        .ok_or(Failure::NotFound("You have no such card."))?;
    let status = if added { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(CardJson::new(&stored, target.title()))).into_response())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReview {
    /// `again`, `hard`, `good` or `easy`.
    #[schema(pattern = "^(again|hard|good|easy)$")]
    grade: String,
    /// What the reader answered before revealing (at most 10 KB).
    #[serde(default)]
    answer: Option<String>,
}

/// The grade by its API name, exactly.
fn grade_named(name: &str) -> Result<Grade, Failure> {
    Grade::ALL
        .into_iter()
        .find(|grade| grade.as_str() == name)
        .ok_or_else(|| Failure::Invalid(format!("Unknown grade `{name}`: use again, hard, good or easy")))
}

#[utoipa::path(post, path = "/api/v1/practice/cards/{slug}/reviews", tag = "practice",
    params(("slug" = String, Path, description = "The card's question or quiz slug")),
    request_body = NewReview,
    responses(
        (status = 200, description = "The card, with its next due time", body = CardJson),
        (status = 400, description = "An unknown grade or a malformed body; nothing recorded", body = crate::errors::ApiError),
        (status = 401, description = "Not signed in", body = crate::errors::ApiError),
        (status = 403, description = "A quiz for subscribers", body = crate::errors::ApiError),
        (status = 404, description = "You have no card with this slug", body = crate::errors::ApiError),
        (status = 409, description = "The card is not due now (or was just graded); nothing recorded", body = crate::errors::ApiError),
        (status = 413, description = "A body over 16 KiB", body = crate::errors::ApiError),
        (status = 415, description = "Not application/json", body = crate::errors::ApiError)),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn review(
    State(app): AppState,
    viewer: Viewer,
    Path(slug): Path<String>,
    ValidJson(body): ValidJson<NewReview>,
) -> Result<Response, PageError> {
    let member = member(&viewer)?;
    let grading = Grading {
        kind: None,
        slug,
        expected: None,
        grade: grade_named(&body.grade)?,
        answer: body.answer,
    };
    let card = queue::grade(&app, member, grading).await?;
    let title = Target::of_card(&app.site.bank, card.kind, &card.slug).map_or("", |target| target.title());
    Ok(Json(CardJson::new(&card, title)).into_response())
}
