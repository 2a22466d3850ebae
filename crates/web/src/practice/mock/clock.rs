//! `/static/mock-clock.js`: the only script of the mock pages. It ticks
//! the time left shown on a question; the deadline itself is the server's,
//! and the pages work the same without it.

use crate::encoding::{DAY, Encoded};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use std::sync::LazyLock;

const SCRIPT: &str = include_str!("../../../static/mock-clock.js");

/// Served from memory, compressed once, like the other static files.
pub(crate) async fn script(headers: HeaderMap) -> Response {
    static ENCODED: LazyLock<Encoded> =
        LazyLock::new(|| Encoded::new(StatusCode::OK, "text/javascript; charset=utf-8", DAY, SCRIPT));
    ENCODED.respond(&headers)
}
