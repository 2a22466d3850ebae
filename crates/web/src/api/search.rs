//! `/api/v1/search`: search results as JSON, with the same parsing, ranking
//! and paywall as the search page (`pages::search`).

use crate::app::SharedApp;
use crate::encoding::JSON;
use crate::errors::PageError;
use crate::pages::search::{cache_control, parse, run};
use crate::viewer::Viewer;
use axum::extract::State;
use axum::http::{Uri, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// One search result.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiResult<'a> {
    slug: &'a str,
    title: &'a str,
    #[schema(value_type = String)]
    level: bank::Level,
    #[schema(value_type = String)]
    experience: bank::Experience,
    #[schema(value_type = Vec<String>)]
    topics: &'a [bank::Topic],
    url: String,
    score: f32,
    snippet_html: &'a str,
}

/// Search results, best first.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiResults<'a> {
    query: &'a str,
    count: usize,
    results: Vec<ApiResult<'a>>,
}

#[utoipa::path(
    get,
    path = "/api/v1/search",
    tag = "search",
    params(
        ("q" = String, Query, description = "What to search for, in your own words (at most 500 characters)"),
        ("level" = Option<String>, Query, description = "beginner, intermediate or senior"),
        ("experience" = Option<String>, Query, description = "0-2, 2-5 or 5+"),
        ("topic" = Option<String>, Query, description = "A topic from /api/v1/topics"),
    ),
    responses(
        (status = 200, description = "Results in rank order", body = ApiResults),
        (status = 400, description = "No query, a query too long, or an unknown filter", body = crate::errors::ApiError),
    )
)]
pub async fn api(State(app): State<SharedApp>, viewer: Viewer, uri: Uri) -> Result<Response, PageError> {
    let (text, filter) = parse(&uri)?;
    if text.is_empty() {
        return Err(PageError::bad_request("Give the search as ?q=..."));
    }
    let results = run(&app, &viewer, &text, &filter)?;
    let body = ApiResults {
        query: &text,
        count: results.len(),
        results: results
            .iter()
            .map(|result| ApiResult {
                slug: result.question.slug.as_str(),
                title: &result.question.title,
                level: result.question.level,
                experience: result.question.experience,
                topics: &result.question.topics,
                url: format!("/questions/{}", result.question.slug),
                score: result.score,
                snippet_html: &result.snippet_html,
            })
            .collect(),
    };
    let json = serde_json::to_string(&body).map_err(|error| PageError::internal(&error))?;
    Ok((
        [
            (header::CONTENT_TYPE, JSON),
            (header::CACHE_CONTROL, cache_control(&viewer)),
        ],
        json,
    )
        .into_response())
}
