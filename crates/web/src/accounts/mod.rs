//! Accounts: sign-up, login and logout (pages and API), the account page
//! with its tokens, password change, data download and deletion; with mail
//! configured, activation by email, password reset and email change by
//! emailed single-use links.

pub mod account;
pub mod auth;
pub mod email_change;
mod letters;
mod link_views;
pub mod recovery;
pub mod verify;
mod views;

use crate::app::SharedApp;
use crate::csrf::check_anonymous_csrf;
use crate::errors::PageError;
use axum::http::HeaderMap;
use store::Token;

/// The token of an emailed link, if it has the shape of one.
fn link_token(text: Option<&str>) -> Option<Token> {
    text.and_then(Token::parse)
}

/// The token a link's form posted, after the form's CSRF check.
fn posted_token(app: &SharedApp, headers: &HeaderMap, csrf: &str, token: &str) -> Result<Option<Token>, PageError> {
    check_anonymous_csrf(app, headers, csrf)?;
    Ok(link_token(Some(token)))
}
