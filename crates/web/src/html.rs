//! What every HTML page shares, whichever room it belongs to: the frame
//! (`Layout`, which `templates/base.html` fills in), the error page, the
//! answer for pages only a member sees, dates as pages print them, and
//! titles as pages show them (`Titled`).

use crate::encoding::HTML;
use crate::errors::PageError;
use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use bank::{Bank, LIST_LEN};
use time::macros::format_description;

/// A view of a question (or quiz) shown by its title. Titles are written
/// with Markdown backticks around code (as the API gives them); pages show
/// `title_html`, where each code span is in `<code>`.
pub(crate) trait Titled {
    /// The title as written.
    fn title(&self) -> &str;

    /// The title as HTML: code spans in `<code>`, the rest escaped.
    fn title_html(&self) -> String {
        bank::inline_code_html(self.title())
    }

    /// The title as `title_html` reads, without backticks: for accessible
    /// names, which should match the visible text.
    fn title_text(&self) -> String {
        bank::inline_code_text(self.title())
    }
}

/// Pages read a question's `title_html` field, made once with the bank.
impl Titled for bank::Question {
    fn title(&self) -> &str {
        &self.title
    }
}

/// What every page's frame shows.
#[derive(Debug)]
pub struct Layout {
    pub stylesheet: String,
    pub question_count: usize,
    pub list_len: u16,
    /// The navigation offers the account instead of log in / sign up.
    pub signed_in: bool,
}

impl Layout {
    pub fn new(bank: &Bank, stylesheet: String, signed_in: bool) -> Layout {
        Layout {
            stylesheet,
            question_count: bank.questions().len(),
            list_len: LIST_LEN,
            signed_in,
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    layout: &'a Layout,
    title: &'a str,
    message: &'a str,
}

pub fn error(layout: &Layout, title: &str, message: &str) -> askama::Result<String> {
    ErrorPage { layout, title, message }.render()
}

/// The site's page for an error, with the status that says what happened.
pub fn error_page(layout: &Layout, error: &PageError) -> Response {
    match self::error(layout, error.title, &error.message) {
        Ok(html) => (
            error.status,
            [(header::CONTENT_TYPE, HTML), (header::CACHE_CONTROL, "no-store")],
            html,
        )
            .into_response(),
        Err(cause) => {
            tracing::error!(%cause, "rendering an error page failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong on our side.").into_response()
        }
    }
}

/// Pages only a member sees are never stored by any cache.
pub fn private_page(status: StatusCode, html: String) -> Response {
    let mut response = (status, Html(html)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// "24 November 2026".
pub fn human_date(date: time::Date) -> String {
    date.format(format_description!("[day padding:none] [month repr:long] [year]"))
        .unwrap_or_else(|_| date.to_string())
}

/// "24 November 2026" for a Unix timestamp.
pub fn human_instant(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .map(|at| human_date(at.date()))
        .unwrap_or_default()
}
