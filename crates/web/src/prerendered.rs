//! Answers from the prerendered site (`site`): a page as this reader sees
//! it, an asset by its path, and the not-found page. Serving one is a cache
//! lookup and the encoding the client accepts.

use crate::app::SharedApp;
use crate::errors::PageError;
use crate::site::{Look, Page};
use crate::viewer::Viewer;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Response};

/// Serves a prerendered page as this viewer sees it.
pub fn serve(app: &SharedApp, page: Page, look: Look<'_>, headers: &HeaderMap) -> Response {
    match app.site.page(page, look) {
        Ok(encoded) => encoded.respond(headers),
        Err(error) => PageError::from(error).into_response(),
    }
}

/// The site's 404 page, as this viewer sees it.
pub fn not_found_page(app: &SharedApp, viewer: &Viewer, headers: &HeaderMap) -> Response {
    serve(app, Page::NotFound, viewer.look(), headers)
}

/// A response made at start-up for a fixed path (stylesheet, feeds, API
/// documents), or the 404 page.
pub async fn asset(State(app): State<SharedApp>, uri: Uri, headers: HeaderMap) -> Response {
    match app.site.asset(uri.path()) {
        Some(asset) => asset.respond(&headers),
        None => serve(&app, Page::NotFound, Look::Anonymous, &headers),
    }
}
