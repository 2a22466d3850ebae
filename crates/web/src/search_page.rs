//! Search: `/search` (server-rendered) and `/api/v1/search` (JSON). Results
//! come in rank order; a reader without access gets no hit and no snippet
//! from premium text (the index does not read it for them).

use crate::app::SharedApp;
use crate::encoding::{HTML, JSON};
use crate::errors::PageError;
use crate::filter::QuestionFilter;
use crate::render;
use crate::viewer::Viewer;
use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use bank::Question;
use search::MAX_QUERY_CHARS;
use serde::Serialize;

/// How many results a search returns at most.
const MAX_RESULTS: usize = 30;

/// One result with its question.
pub struct SearchResult<'a> {
    pub question: &'a Question,
    pub snippet_html: String,
    pub score: f32,
}

/// Parses `q` and the filters; refuses what cannot be searched.
fn parse(uri: &Uri) -> Result<(String, QuestionFilter), PageError> {
    let query = uri.query();
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or(""))
        .map_err(|_| PageError::bad_request("The search is not valid URL encoding (or not UTF-8)."))?;
    let text = pairs
        .iter()
        .find(|(key, _)| key == "q")
        .map(|(_, value)| value.trim().to_owned())
        .unwrap_or_default();
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(PageError::bad_request(format!(
            "Searches are limited to {MAX_QUERY_CHARS} characters; shorten yours."
        )));
    }
    let filter = QuestionFilter::from_query(query).map_err(PageError::bad_request)?;
    Ok((text, filter))
}

fn run<'a>(
    app: &'a SharedApp,
    viewer: &Viewer,
    text: &str,
    filter: &QuestionFilter,
) -> Result<Vec<SearchResult<'a>>, PageError> {
    let access = viewer.member().and_then(|member| member.access());
    let hits = app
        .search
        .search(text, access, MAX_RESULTS * 3)
        .map_err(|error| PageError::bad_request(error.to_string()))?;
    let bank = &app.site.bank;
    Ok(hits
        .into_iter()
        .filter_map(|hit| {
            let question = bank.question(&hit.slug)?;
            filter.matches(question).then_some(SearchResult {
                question,
                snippet_html: hit.snippet_html,
                score: hit.score,
            })
        })
        .take(MAX_RESULTS)
        .collect())
}

fn cache_control(viewer: &Viewer) -> &'static str {
    if viewer.member().is_some() {
        "private, no-cache"
    } else {
        "no-cache"
    }
}

pub async fn page(State(app): State<SharedApp>, viewer: Viewer, uri: Uri) -> Result<Response, PageError> {
    let (text, filter) = parse(&uri)?;
    let results = if text.is_empty() {
        Vec::new()
    } else {
        run(&app, &viewer, &text, &filter)?
    };
    let premium = viewer.member().is_some_and(|member| member.access().is_some());
    let layout = app.site.layout(viewer.member().is_some());
    let html = render::search(layout, &text, &filter, &results, premium)?;
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, HTML),
            (header::CACHE_CONTROL, cache_control(&viewer)),
        ],
        html,
    )
        .into_response())
}

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
        (status = 400, description = "No query, a query too long, or an unknown filter", body = crate::api::ApiError),
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
