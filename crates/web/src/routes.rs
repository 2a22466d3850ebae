//! Every route of the site in one place, and the handlers behind them.

use crate::api;
use crate::encoding::{Encoded, HTML, JSON};
use crate::filter::QuestionFilter;
use crate::render;
use crate::site::Site;
use axum::Router;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use bank::{Experience, Level, Lookup, Topic};
use std::sync::Arc;

/// Longest request target we answer; longer ones get 414.
pub const MAX_URI_LEN: usize = 2048;

type AppState = State<Arc<Site>>;

/// The whole application.
pub fn router(site: Arc<Site>) -> Router {
    Router::new()
        .route("/", get(fixed_page))
        .route("/faq", get(fixed_page))
        .route("/rust/2026", get(fixed_page))
        .route("/rust/2026/{n}", get(list_entry))
        .route("/questions", get(questions))
        .route("/questions/{slug}", get(question))
        .route("/levels/{level}", get(level_page))
        .route("/experience/{band}", get(experience_page))
        .route("/topics/{topic}", get(topic_page))
        .route("/static/{file}", get(fixed_page))
        .route("/favicon.ico", get(fixed_page))
        .route("/api/v1/questions", get(api_questions))
        .route("/api/v1/questions/{slug}", get(api_question))
        .route("/healthz", get(|| async { "ok" }))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(Arc::clone(&site), guard))
        .layer(middleware::map_response(security_headers))
        .with_state(site)
}

/// Refuses request targets too long to be a real link, and renders the
/// site's own page for 404 and 405 answers from the router itself.
async fn guard(State(site): AppState, request: Request, next: Next) -> Response {
    if request.uri().to_string().len() > MAX_URI_LEN {
        return error_page(
            &site,
            StatusCode::URI_TOO_LONG,
            "Address too long",
            "This address is longer than any page of the site. Check the link.",
        );
    }
    let response = next.run(request).await;
    let plain_text = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"text/plain"));
    match response.status() {
        StatusCode::METHOD_NOT_ALLOWED => error_page(
            &site,
            StatusCode::METHOD_NOT_ALLOWED,
            "Method not allowed",
            "This address only answers GET requests.",
        ),
        // axum's own rejections (a path that is not valid UTF-8, say) are
        // plain text: answer with the site's page instead.
        StatusCode::BAD_REQUEST if plain_text => error_page(
            &site,
            StatusCode::BAD_REQUEST,
            "Bad request",
            "This address is not valid. Check the link.",
        ),
        _ => response,
    }
}

async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    );
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

async fn fixed_page(State(site): AppState, uri: Uri, headers: HeaderMap) -> Response {
    match site.fixed(uri.path()) {
        Some(page) => page.respond(&headers),
        None => site.not_found.respond(&headers),
    }
}

async fn question(State(site): AppState, Path(slug): Path<String>, headers: HeaderMap) -> Response {
    match site.bank.lookup(&slug) {
        Some(Lookup::Question(question)) => match site.question_page(question.slug.as_str()) {
            Some(page) => page.respond(&headers),
            None => site.not_found.respond(&headers),
        },
        Some(Lookup::Alias(question)) => Redirect::permanent(&format!("/questions/{}", question.slug)).into_response(),
        None => site.not_found.respond(&headers),
    }
}

async fn list_entry(State(site): AppState, Path(n): Path<String>, headers: HeaderMap) -> Response {
    match n.parse::<u16>().ok().and_then(|n| site.bank.answer_to_entry(n)) {
        Some(question) => Redirect::permanent(&format!("/questions/{}", question.slug)).into_response(),
        None => site.not_found.respond(&headers),
    }
}

async fn questions(State(site): AppState, uri: Uri, headers: HeaderMap) -> Response {
    match QuestionFilter::from_query(uri.query()) {
        Ok(filter) => listing(&site, &filter, &headers),
        Err(message) => error_page(&site, StatusCode::BAD_REQUEST, "Bad filter", &message),
    }
}

async fn level_page(State(site): AppState, Path(level): Path<String>, headers: HeaderMap) -> Response {
    match Level::parse(&level) {
        Some(level) => listing(
            &site,
            &QuestionFilter {
                level: Some(level),
                ..Default::default()
            },
            &headers,
        ),
        None => site.not_found.respond(&headers),
    }
}

async fn experience_page(State(site): AppState, Path(band): Path<String>, headers: HeaderMap) -> Response {
    match Experience::parse(&band) {
        Some(band) => listing(
            &site,
            &QuestionFilter {
                experience: Some(band),
                ..Default::default()
            },
            &headers,
        ),
        None => site.not_found.respond(&headers),
    }
}

async fn topic_page(State(site): AppState, Path(topic): Path<String>, headers: HeaderMap) -> Response {
    match Topic::parse(&topic) {
        Some(topic) => listing(
            &site,
            &QuestionFilter {
                topic: Some(topic),
                ..Default::default()
            },
            &headers,
        ),
        None => site.not_found.respond(&headers),
    }
}

fn listing(site: &Site, filter: &QuestionFilter, headers: &HeaderMap) -> Response {
    match site.listing(filter) {
        Ok(page) => page.respond(headers),
        Err(error) => internal_error(site, &error),
    }
}

async fn api_questions(State(site): AppState, uri: Uri, headers: HeaderMap) -> Response {
    match QuestionFilter::from_query(uri.query()) {
        Ok(filter) if filter.is_empty() => fixed_or_404(&site, "/api/v1/questions", &headers),
        Ok(filter) => Encoded::json(api::list_json(&site.bank, &filter)).respond(&headers),
        Err(message) => api_error(StatusCode::BAD_REQUEST, &message),
    }
}

async fn api_question(State(site): AppState, Path(slug): Path<String>, headers: HeaderMap) -> Response {
    match site.bank.lookup(&slug) {
        Some(Lookup::Question(question)) => match site.question_json(question.slug.as_str()) {
            Some(json) => json.respond(&headers),
            None => api_error(StatusCode::NOT_FOUND, "No question has this slug."),
        },
        Some(Lookup::Alias(question)) => {
            Redirect::permanent(&format!("/api/v1/questions/{}", question.slug)).into_response()
        }
        None => api_error(StatusCode::NOT_FOUND, "No question has this slug."),
    }
}

fn fixed_or_404(site: &Site, path: &str, headers: &HeaderMap) -> Response {
    match site.fixed(path) {
        Some(page) => page.respond(headers),
        None => site.not_found.respond(headers),
    }
}

async fn not_found(State(site): AppState, uri: Uri, headers: HeaderMap) -> Response {
    if uri.path().starts_with("/api/") {
        return api_error(StatusCode::NOT_FOUND, "No such API endpoint.");
    }
    site.not_found.respond(&headers)
}

fn api_error(status: StatusCode, message: &str) -> Response {
    (status, [(header::CONTENT_TYPE, JSON)], api::error_json(message)).into_response()
}

/// A page explaining what went wrong, with the status that says so.
fn error_page(site: &Site, status: StatusCode, title: &str, message: &str) -> Response {
    match render::error(&site.layout, title, message) {
        Ok(html) => (status, [(header::CONTENT_TYPE, HTML)], html).into_response(),
        Err(error) => internal_error(site, &error),
    }
}

fn internal_error(_site: &Site, error: &dyn std::error::Error) -> Response {
    tracing::error!(%error, "rendering failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong on our side; it has been logged.",
    )
        .into_response()
}
