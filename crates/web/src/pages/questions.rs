//! The bank's pages: landing, FAQ, the 2026 list, browse pages by level,
//! experience and topic, and question pages. Each is prerendered per look
//! (`site`); a handler only picks the page.

use crate::app::SharedApp;
use crate::errors::PageError;
use crate::filter::QuestionFilter;
use crate::prerendered::{not_found_page, serve};
use crate::site::Page;
use crate::viewer::Viewer;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use bank::{Experience, Level, Lookup, Topic};

type AppState = State<SharedApp>;

pub async fn page(State(app): AppState, viewer: Viewer, uri: Uri, headers: HeaderMap) -> Response {
    let page = match uri.path() {
        "/" => Page::Landing,
        "/faq" => Page::Faq,
        _ => Page::List2026,
    };
    serve(&app, page, viewer.look(), &headers)
}

pub async fn question(State(app): AppState, viewer: Viewer, Path(slug): Path<String>, headers: HeaderMap) -> Response {
    match app.site.bank.lookup(&slug) {
        Some(Lookup::Question(question)) => serve(
            &app,
            Page::Question(app.site.bank.index_of(question)),
            viewer.look(),
            &headers,
        ),
        Some(Lookup::Alias(question)) => Redirect::permanent(&format!("/questions/{}", question.slug)).into_response(),
        None => not_found_page(&app, &viewer, &headers),
    }
}

pub async fn list_entry(State(app): AppState, viewer: Viewer, Path(n): Path<String>, headers: HeaderMap) -> Response {
    match n.parse::<u16>().ok().and_then(|n| app.site.bank.answer_to_entry(n)) {
        Some(question) => Redirect::permanent(&format!("/questions/{}", question.slug)).into_response(),
        None => not_found_page(&app, &viewer, &headers),
    }
}

pub async fn questions(State(app): AppState, viewer: Viewer, uri: Uri, headers: HeaderMap) -> Response {
    match QuestionFilter::from_query(uri.query()) {
        Ok(filter) => serve(&app, Page::Listing(filter), viewer.look(), &headers),
        Err(message) => PageError::new(StatusCode::BAD_REQUEST, "Bad filter", message).into_response(),
    }
}

pub async fn level_page(
    State(app): AppState,
    viewer: Viewer,
    Path(level): Path<String>,
    headers: HeaderMap,
) -> Response {
    browse(&app, &viewer, &headers, Level::parse(&level).map(QuestionFilter::level))
}

pub async fn experience_page(
    State(app): AppState,
    viewer: Viewer,
    Path(band): Path<String>,
    headers: HeaderMap,
) -> Response {
    browse(
        &app,
        &viewer,
        &headers,
        Experience::parse(&band).map(QuestionFilter::experience),
    )
}

pub async fn topic_page(
    State(app): AppState,
    viewer: Viewer,
    Path(topic): Path<String>,
    headers: HeaderMap,
) -> Response {
    browse(&app, &viewer, &headers, Topic::parse(&topic).map(QuestionFilter::topic))
}

fn browse(app: &SharedApp, viewer: &Viewer, headers: &HeaderMap, filter: Option<QuestionFilter>) -> Response {
    match filter {
        Some(filter) => serve(app, Page::Listing(filter), viewer.look(), headers),
        None => not_found_page(app, viewer, headers),
    }
}
