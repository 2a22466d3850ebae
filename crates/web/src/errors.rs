//! Errors become responses here, once. A handler returns a `PageError`; the
//! response carries it as an extension and the site's middleware renders the
//! page (it has the templates). The reader sees what went wrong and what to
//! do; the log keeps the cause of anything that is our fault.

use crate::encoding::JSON;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use store::StoreError;

/// An error shown to the reader as a page with this status.
#[derive(Debug, Clone)]
pub struct PageError {
    pub status: StatusCode,
    pub title: &'static str,
    pub message: String,
    /// Seconds after which trying again should work (`Retry-After`).
    pub retry_after: Option<u32>,
}

impl PageError {
    pub fn new(status: StatusCode, title: &'static str, message: impl Into<String>) -> PageError {
        PageError {
            status,
            title,
            message: message.into(),
            retry_after: None,
        }
    }

    /// We cannot serve this now (the database is unreachable or busy, too
    /// many logins in flight): 503, and when to try again. Nothing changed.
    pub fn unavailable() -> PageError {
        PageError {
            retry_after: Some(RETRY_AFTER_SECONDS),
            ..PageError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "Try again in a moment",
                "We cannot check accounts right now, so nothing was changed. Please try again in a few seconds.",
            )
        }
    }

    /// A reader who came with a session cookie or an API token, whose
    /// account we cannot look up because the database is unreachable: 503
    /// with this notice, rather than the page an anonymous reader gets,
    /// which a paying reader would take for a lost subscription (review F7).
    pub fn account_unchecked() -> PageError {
        PageError {
            retry_after: Some(RETRY_AFTER_SECONDS),
            ..PageError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "We can't check your account right now",
                "We can't check your account right now, so we cannot show what it opens. \
                 Your account and subscription are unchanged; please try again in a few seconds.",
            )
        }
    }

    pub fn bad_request(message: impl Into<String>) -> PageError {
        PageError::new(StatusCode::BAD_REQUEST, "Bad request", message)
    }

    pub fn forbidden(message: impl Into<String>) -> PageError {
        PageError::new(StatusCode::FORBIDDEN, "Request refused", message)
    }

    /// Something broke on our side: log the cause, tell the reader only that.
    pub fn internal(cause: &dyn std::fmt::Display) -> PageError {
        tracing::error!(%cause, "request failed");
        PageError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Something went wrong",
            "Something went wrong on our side and nothing was changed. It has been logged; please try again.",
        )
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        response.extensions_mut().insert(Arc::new(self));
        response
    }
}

/// What `Retry-After` says when we are unavailable: short, because outages
/// of the database are usually brief and the pool reconnects by itself.
pub const RETRY_AFTER_SECONDS: u32 = 5;

impl From<StoreError> for PageError {
    /// A database that cannot be reached, or too many password checks at
    /// once, is a 503 the reader can wait out; anything else is our bug (500).
    fn from(error: StoreError) -> PageError {
        if error.is_unavailable() {
            tracing::warn!(cause = %error, "request refused: store unavailable");
            PageError::unavailable()
        } else {
            PageError::internal(&error)
        }
    }
}

impl From<askama::Error> for PageError {
    fn from(error: askama::Error) -> PageError {
        PageError::internal(&error)
    }
}

/// An error, said plainly: the body of every API error.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ApiError {
    pub error: String,
}

/// The JSON body of an API error.
pub fn error_json(message: &str) -> String {
    serde_json::to_string(&ApiError {
        error: message.to_owned(),
    })
    .unwrap_or_else(|_| "{\"error\":\"serialization failed\"}".into())
}

/// An API error response: this status, the message as JSON.
pub fn api_error(status: StatusCode, message: &str) -> Response {
    (status, [(header::CONTENT_TYPE, JSON)], error_json(message)).into_response()
}
