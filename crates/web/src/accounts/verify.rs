//! Proving an address, with mail configured. Sign-up makes an inactive
//! account and mails its activation link; an address that has an account
//! already gets a notice instead, and the reader sees the same page and
//! status either way, so sign-up reveals no accounts. Links (here and in
//! `email_change`) open a page with one button, so a mail scanner fetching a link
//! uses nothing.

use crate::accounts::link_views::{self, Confirmation, dead_link};
use crate::accounts::{letters, link_token, posted_token};
use crate::app::SharedApp;
use crate::errors::PageError;
use crate::forms::ValidForm;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use store::{Email, LinkPurpose, StoreError};

/// Sign-up once the form has passed its checks and the password is hashed:
/// the account waits for its link. An unactivated account signed up for
/// again gets a fresh link; an active one, a notice.
pub async fn sign_up_by_mail(app: &SharedApp, email: &Email, hash: &str) -> Result<Response, PageError> {
    match app.store.create_inactive_user(email, hash).await {
        Ok(user) => letters::activation(app, &user.id, &user.email).await?,
        Err(StoreError::EmailTaken) => match app.store.user_by_email(email).await? {
            Some(user) if !user.active => letters::activation(app, &user.id, &user.email).await?,
            _ => letters::already_registered(app, email.as_str()).await?,
        },
        Err(error) => return Err(error.into()),
    }
    link_views::message(
        app,
        StatusCode::OK,
        "Check your inbox",
        &[
            format!(
                "We sent a link to {}. Open it within 24 hours to activate your account, then log in.",
                email.as_str()
            ),
            "Nothing there after a few minutes? Look in your spam folder, or sign up again for a new link.".into(),
        ],
        ("", ""),
    )
}

#[derive(Debug, Deserialize)]
pub struct LinkQuery {
    pub(super) token: Option<String>,
}

/// A form that carries a link's token.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkForm {
    pub(super) csrf: String,
    pub(super) token: String,
}

/// Where a dead activation link sends the reader.
const SIGN_UP_AGAIN: (&str, &str) = ("Sign up again for a new link", "/signup");

/// Shows the button for a live link of this purpose.
pub(super) async fn link_page(
    app: &SharedApp,
    headers: &HeaderMap,
    query: LinkQuery,
    purpose: LinkPurpose,
    page: Confirmation<'_>,
    dead: (&str, &str),
) -> Result<Response, PageError> {
    let Some(token) = link_token(query.token.as_deref()) else {
        return dead_link(app, dead);
    };
    match app.store.link_user(&token, purpose).await? {
        Some(_) => link_views::confirm(app, headers, token.as_str(), page),
        None => dead_link(app, dead),
    }
}

pub async fn activate_page(
    State(app): State<SharedApp>,
    headers: HeaderMap,
    Query(query): Query<LinkQuery>,
) -> Result<Response, PageError> {
    let page = Confirmation {
        title: "Activate your account",
        text: "One step left: activate your account, then log in with the password you chose.",
        action: "/account/activate",
        button: "Activate my account",
    };
    link_page(&app, &headers, query, LinkPurpose::Activate, page, SIGN_UP_AGAIN).await
}

pub async fn activate(
    State(app): State<SharedApp>,
    headers: HeaderMap,
    ValidForm(form): ValidForm<LinkForm>,
) -> Result<Response, PageError> {
    let Some(token) = posted_token(&app, &headers, &form.csrf, &form.token)? else {
        return dead_link(&app, SIGN_UP_AGAIN);
    };
    match app.store.activate(&token).await? {
        Some(user) => link_views::message(
            &app,
            StatusCode::OK,
            "Your account is active",
            &[format!("{} can log in now.", user.email)],
            ("Log in", "/login"),
        ),
        None => dead_link(&app, SIGN_UP_AGAIN),
    }
}
