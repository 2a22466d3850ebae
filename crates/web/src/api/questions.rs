//! `/api/v1/questions` and the bank's other JSON documents. The common
//! answers are prerendered (`site`); other pages of the list render here.

use crate::app::SharedApp;
use crate::encoding::JSON;
use crate::errors::api_error;
use crate::filter::QuestionFilter;
use crate::prerendered::{asset, serve};
use crate::site::json::{self, Paging};
use crate::site::{Look, Page};
use crate::viewer::Viewer;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use bank::Lookup;

type AppState = State<SharedApp>;

#[utoipa::path(
    get,
    path = "/api/v1/questions",
    tag = "questions",
    params(
        ("level" = Option<String>, Query, description = "beginner, intermediate or senior"),
        ("experience" = Option<String>, Query, description = "0-2, 2-5 or 5+"),
        ("topic" = Option<String>, Query, description = "A topic from /api/v1/topics"),
        ("free" = Option<String>, Query, description = "true: only the free sample questions"),
        ("page" = Option<usize>, Query, description = "Page number, from 1", minimum = 1),
        ("per_page" = Option<usize>, Query, description = "Questions per page, 1 to 100 (default 100)", minimum = 1, maximum = 100),
    ),
    responses(
        (status = 200, description = "A page of questions, in list order", body = crate::site::json::List),
        (status = 400, description = "An unknown filter value or bad paging", body = crate::errors::ApiError),
    )
)]
pub(crate) async fn api_questions(State(app): AppState, uri: Uri, headers: HeaderMap) -> Response {
    let parsed =
        QuestionFilter::from_query(uri.query()).and_then(|filter| Ok((filter, Paging::from_query(uri.query())?)));
    match parsed {
        Ok((filter, paging)) if paging == Paging::default() => {
            serve(&app, Page::ListJson(filter), Look::Anonymous, &headers)
        }
        Ok((filter, paging)) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, JSON)],
            json::list_json(&app.site.bank, &filter, paging),
        )
            .into_response(),
        Err(message) => api_error(StatusCode::BAD_REQUEST, &message),
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/questions/{slug}",
    tag = "questions",
    params(("slug" = String, Path, description = "The question's slug (or another phrasing's, which redirects)")),
    responses(
        (status = 200, description = "The question; sections only for a reader with access or a free sample", body = crate::site::json::Detail),
        (status = 308, description = "Another phrasing of a question: see Location"),
        (status = 404, description = "No question has this slug", body = crate::errors::ApiError),
    ),
    security((), ("bearer" = []), ("session" = []))
)]
pub(crate) async fn api_question(
    State(app): AppState,
    viewer: Viewer,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    match app.site.bank.lookup(&slug) {
        Some(Lookup::Question(question)) => serve(
            &app,
            Page::QuestionJson(app.site.bank.index_of(question)),
            viewer.look(),
            &headers,
        ),
        Some(Lookup::Alias(question)) => {
            Redirect::permanent(&format!("/api/v1/questions/{}", question.slug)).into_response()
        }
        None => api_error(StatusCode::NOT_FOUND, "No question has this slug."),
    }
}

#[utoipa::path(get, path = "/api/v1/list-2026", tag = "questions",
    responses((status = 200, description = "All 156 entries of the published list, in order", body = crate::site::json::List2026)))]
pub(crate) async fn api_list_2026(state: AppState, uri: Uri, headers: HeaderMap) -> Response {
    asset(state, uri, headers).await
}

#[utoipa::path(get, path = "/api/v1/topics", tag = "questions",
    responses((status = 200, description = "The topics, with question counts", body = crate::site::json::Topics)))]
pub(crate) async fn api_topics(state: AppState, uri: Uri, headers: HeaderMap) -> Response {
    asset(state, uri, headers).await
}

#[utoipa::path(get, path = "/api/v1/levels", tag = "questions",
    responses((status = 200, description = "Levels and experience bands, with question counts", body = crate::site::json::Levels)))]
pub(crate) async fn api_levels(state: AppState, uri: Uri, headers: HeaderMap) -> Response {
    asset(state, uri, headers).await
}
