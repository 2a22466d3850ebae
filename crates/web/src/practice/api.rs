//! The practice JSON API, reads and notes: `GET /api/v1/quizzes`,
//! `GET /api/v1/practice/due`, `GET /api/v1/practice/stats` and
//! `GET|PUT /api/v1/practice/notes/{slug}`. Cards and reviews are in
//! `api_cards`.
//!
//! Who may call it: a session cookie, or an API token. Tokens otherwise
//! read the API only (`viewer.rs`); the practice API is the one place a
//! token may also write (add cards, grade, keep notes), because a
//! flashcard script is what a token is for. Writes with a cookie are safe
//! from other sites because they must be `application/json` (a cross-site
//! form cannot send that without a preflight we never allow) and pass the
//! same-origin rule.

use crate::app::SharedApp;
use crate::errors::PageError;
use crate::forms::ValidJson;
use crate::practice::failure::Failure;
use crate::practice::queue::{self, Loaded};
use crate::practice::quizzes::shelf;
use crate::practice::saved::question;
use crate::viewer::{Member, Viewer};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use practice::Phase;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

type AppState = State<SharedApp>;

/// The member behind an API request, or 401.
pub fn member(viewer: &Viewer) -> Result<&Member, PageError> {
    viewer.member().ok_or_else(|| {
        PageError::new(
            StatusCode::UNAUTHORIZED,
            "Sign in",
            "Send your session cookie or an API token (Authorization: Bearer TOKEN).",
        )
    })
}

/// A JSON answer that no cache keeps (a reader's own mocks and progress).
pub fn private_json<T: Serialize>(status: StatusCode, body: T) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

/// Times as RFC 3339 (`2026-12-06T19:30:00Z`).
pub fn rfc3339(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|at| at.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}

#[derive(Serialize, ToSchema)]
pub struct QuizSummary {
    slug: String,
    title: String,
    level: String,
    topics: Vec<String>,
    free: bool,
    /// Whether this reader may open it (free, or with access).
    open: bool,
    url: String,
}

#[derive(Serialize, ToSchema)]
pub struct QuizList {
    quizzes: Vec<QuizSummary>,
}

#[utoipa::path(get, path = "/api/v1/quizzes", tag = "practice",
    responses((status = 200, description = "Every quiz; programs and answers are on the quiz pages", body = QuizList)),
    security((), ("bearer" = []), ("session" = [])))]
pub(crate) async fn quizzes(State(app): AppState, viewer: Viewer) -> Response {
    let access = viewer.member().and_then(|m| m.access());
    let quizzes = shelf(&app.site.bank)
        .quizzes()
        .iter()
        .map(|quiz| QuizSummary {
            slug: quiz.slug.clone(),
            title: quiz.title.clone(),
            level: quiz.level.to_string(),
            topics: quiz.topics.iter().map(ToString::to_string).collect(),
            free: quiz.free,
            open: quiz.open(access).is_some(),
            url: format!("/quizzes/{}", quiz.slug),
        })
        .collect();
    Json(QuizList { quizzes }).into_response()
}

/// A card as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct CardJson {
    pub slug: String,
    /// `question` or `quiz`.
    pub kind: String,
    pub title: String,
    /// When it is next due (RFC 3339).
    pub due: String,
    /// `new`, `learning`, `review` or `relearning`.
    pub state: String,
    pub reps: i64,
    pub lapses: i64,
}

impl CardJson {
    pub fn new(card: &store::Card, title: &str) -> CardJson {
        let state = match Phase::from_number(card.state) {
            Ok(Phase::New) => "new",
            Ok(Phase::Learning) => "learning",
            Ok(Phase::Review) => "review",
            Ok(Phase::Relearning) | Err(_) => "relearning",
        };
        CardJson {
            slug: card.slug.clone(),
            kind: card.kind.as_str().to_owned(),
            title: title.to_owned(),
            due: rfc3339(card.due),
            state: state.to_owned(),
            reps: card.reps,
            lapses: card.lapses,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct DueCards {
    /// The cards to review now, in order: due ones, then today's new ones.
    cards: Vec<CardJson>,
}

#[utoipa::path(get, path = "/api/v1/practice/due", tag = "practice",
    responses((status = 200, description = "The cards to review now", body = DueCards),
        (status = 401, description = "Not signed in", body = crate::errors::ApiError)),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn due(State(app): AppState, viewer: Viewer) -> Result<Response, PageError> {
    let member = member(&viewer)?;
    let now = store::now();
    let snapshot = queue::snapshot(&app, member, now).await?;
    let loaded = Loaded::due_now(&app, member, &snapshot, now)?;
    let cards = loaded
        .queue()
        .cards()
        .map(|entry| CardJson::new(entry.card, entry.target.title()))
        .collect();
    Ok(Json(DueCards { cards }).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct Stats {
    /// Cards the reader may practise.
    cards: usize,
    due_now: usize,
    new_now: usize,
    new_left_today: u32,
    reviews_today: usize,
    /// When the next card falls due, if none is due now (RFC 3339).
    next_due: Option<String>,
    desired_retention: f64,
    new_per_day: i64,
}

#[utoipa::path(get, path = "/api/v1/practice/stats", tag = "practice",
    responses((status = 200, description = "The reader's queue in numbers", body = Stats),
        (status = 401, description = "Not signed in", body = crate::errors::ApiError)),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn stats(State(app): AppState, viewer: Viewer) -> Result<Response, PageError> {
    let member = member(&viewer)?;
    let now = store::now();
    let snapshot = queue::snapshot(&app, member, now).await?;
    let loaded = Loaded::of(&app, member, &snapshot, now)?;
    let queue = loaded.queue();
    Ok(Json(Stats {
        cards: loaded.entries.len(),
        due_now: queue.due_count(),
        new_now: queue.new_count(),
        new_left_today: queue.new_left_today(),
        reviews_today: loaded.reviews_today(),
        next_due: queue.next_due_at().map(rfc3339),
        desired_retention: loaded.settings.desired_retention,
        new_per_day: loaded.settings.new_per_day,
    })
    .into_response())
}

#[derive(Serialize, ToSchema)]
pub struct NoteJson {
    slug: String,
    /// Plain text, as typed.
    body: String,
    updated_at: String,
}

impl NoteJson {
    fn new(note: store::Note) -> NoteJson {
        NoteJson {
            slug: note.slug,
            body: note.body,
            updated_at: rfc3339(note.updated_at),
        }
    }
}

#[utoipa::path(get, path = "/api/v1/practice/notes/{slug}", tag = "practice",
    params(("slug" = String, Path, description = "A question's slug")),
    responses((status = 200, description = "The reader's note on the question", body = NoteJson),
        (status = 401, description = "Not signed in", body = crate::errors::ApiError),
        (status = 404, description = "No such question, or no note on it", body = crate::errors::ApiError)),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn note(
    State(app): AppState,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let member = member(&viewer)?;
    let question = question(&app, &slug)?;
    let note = app.store.note(&member.user.id, question.slug.as_str()).await?;
    let note = note.ok_or(Failure::NotFound("You have no note on this question."))?;
    Ok(Json(NoteJson::new(note)).into_response())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteBody {
    /// Plain text, at most 10 KB; empty deletes the note.
    body: String,
}

#[utoipa::path(put, path = "/api/v1/practice/notes/{slug}", tag = "practice",
    params(("slug" = String, Path, description = "A question's slug")),
    request_body = NoteBody,
    responses((status = 200, description = "The note as kept", body = NoteJson),
        (status = 204, description = "An empty body: the note was deleted"),
        (status = 400, description = "Over 10 KB or malformed; nothing changed", body = crate::errors::ApiError),
        (status = 401, description = "Not signed in", body = crate::errors::ApiError),
        (status = 404, description = "No such question", body = crate::errors::ApiError),
        (status = 413, description = "A body over 16 KiB; nothing changed", body = crate::errors::ApiError),
        (status = 415, description = "Not application/json", body = crate::errors::ApiError)),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn put_note(
    State(app): AppState,
    viewer: Viewer,
    Path(slug): Path<String>,
    ValidJson(body): ValidJson<NoteBody>,
) -> Result<Response, PageError> {
    let member = member(&viewer)?;
    let question = question(&app, &slug)?;
    let kept = app
        .store
        .put_note(&member.user.id, question.slug.as_str(), &body.body, store::now())
        .await
        .map_err(Failure::from)?;
    Ok(match kept {
        Some(note) => Json(NoteJson::new(note)).into_response(),
        None => StatusCode::NO_CONTENT.into_response(),
    })
}
