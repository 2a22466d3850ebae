//! What every answer passes through on its way out: request targets too long
//! to be a link are refused, and errors (ours, and axum's plain-text
//! rejections) become the site's error page, or JSON under `/api/`.

use crate::app::SharedApp;
use crate::errors::{PageError, api_error};
use crate::html;
use crate::prerendered::not_found_page;
use crate::viewer::Viewer;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::Response;
use std::sync::Arc;

/// Longest request target we answer; longer ones get 414.
pub const MAX_URI_LEN: usize = 2048;

type AppState = State<SharedApp>;

/// The answer to a request target too long to be a real link, if it is one.
pub fn too_long(app: &SharedApp, request: &Request) -> Option<Response> {
    let target_len = request.uri().path_and_query().map_or(0, |target| target.as_str().len());
    (target_len > MAX_URI_LEN).then(|| {
        error_page(
            app,
            &PageError::new(
                StatusCode::URI_TOO_LONG,
                "Address too long",
                "This address is longer than any page of the site. Check the link.",
            ),
        )
    })
}

/// Whether errors on this path are answered in JSON (the API) rather than
/// with the site's error page.
pub fn is_api(request: &Request) -> bool {
    request.uri().path().starts_with("/api/")
}

/// Turns errors (ours, and axum's plain-text rejections) into the site's
/// error page, or JSON under `/api/` (`api`).
pub fn finish(app: &SharedApp, api: bool, response: Response) -> Response {
    if let Some(error) = response.extensions().get::<Arc<PageError>>().cloned() {
        let mut answer = if api {
            api_error(error.status, &error.message)
        } else {
            error_page(app, &error)
        };
        if let Some(seconds) = error.retry_after {
            answer.headers_mut().insert(header::RETRY_AFTER, seconds.into());
        }
        return answer;
    }
    let plain_text = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"text/plain"));
    let status = response.status();
    match status {
        StatusCode::METHOD_NOT_ALLOWED => error_page(
            app,
            &PageError::new(
                status,
                "Method not allowed",
                "This address does not answer this kind of request.",
            ),
        ),
        StatusCode::BAD_REQUEST if plain_text && !api => error_page(
            app,
            &PageError::bad_request("This address is not valid. Check the link."),
        ),
        StatusCode::PAYLOAD_TOO_LARGE if plain_text => error_page(
            app,
            &PageError::new(
                status,
                "Request too large",
                "This request sent more data than this address accepts.",
            ),
        ),
        _ => response,
    }
}

pub async fn not_found(State(app): AppState, viewer: Viewer, uri: Uri, headers: HeaderMap) -> Response {
    if uri.path().starts_with("/api/") {
        return api_error(StatusCode::NOT_FOUND, "No such API endpoint.");
    }
    not_found_page(&app, &viewer, &headers)
}

/// The site's page for an error, with the status that says what happened.
fn error_page(app: &SharedApp, error: &PageError) -> Response {
    html::error_page(app.site.layout(false), error)
}
