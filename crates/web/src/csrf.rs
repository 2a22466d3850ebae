//! CSRF tokens, the defence behind `security`'s same-origin rule: a
//! member's forms carry their session's token; forms shown before login
//! carry the token of a double-submit cookie. Compared in constant time.

use crate::app::SharedApp;
use crate::cookies;
use crate::errors::PageError;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use store::Token;
use subtle::ConstantTimeEq;

/// A form that carries nothing but its token (logout, checkout).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CsrfOnly {
    csrf: String,
}

impl CsrfOnly {
    pub fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// The session check for forms sent by a member.
pub fn check_member_csrf(expected: &str, field: &str) -> Result<(), PageError> {
    if bool::from(expected.as_bytes().ct_eq(field.as_bytes())) {
        Ok(())
    } else {
        Err(stale_form())
    }
}

/// A form page for a reader who is not signed in: reuses or sets the
/// double-submit CSRF cookie.
pub fn anonymous_form(
    app: &SharedApp,
    headers: &HeaderMap,
    status: StatusCode,
    render: impl FnOnce(&str) -> askama::Result<String>,
) -> Result<Response, PageError> {
    let existing = cookies::get(headers, cookies::csrf(app.config.https)).and_then(Token::parse);
    let token = existing.clone().unwrap_or_else(Token::generate);
    let mut response = (status, Html(render(token.as_str())?)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if existing.is_none() {
        headers.insert(
            header::SET_COOKIE,
            cookies::set(
                cookies::csrf(app.config.https),
                token.as_str(),
                3600 * 24,
                app.config.https,
            ),
        );
    }
    Ok(response)
}

/// The double-submit check for forms sent before login.
pub fn check_anonymous_csrf(app: &SharedApp, headers: &HeaderMap, field: &str) -> Result<(), PageError> {
    let cookie = cookies::get(headers, cookies::csrf(app.config.https)).unwrap_or_default();
    if !cookie.is_empty() && bool::from(cookie.as_bytes().ct_eq(field.as_bytes())) {
        Ok(())
    } else {
        Err(stale_form())
    }
}

/// The answer to a form whose CSRF token does not match.
fn stale_form() -> PageError {
    PageError::forbidden("This form expired or came from another site. Reload the page and try again.")
}
