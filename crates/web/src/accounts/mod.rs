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

/// The token of an emailed link, if it has the shape of one.
fn link_token(text: Option<&str>) -> Option<store::Token> {
    text.and_then(store::Token::parse)
}
