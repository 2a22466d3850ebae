//! "Forgot password": a reader asks for a link (`/password/forgot`), which
//! is mailed if an account has the address; the page and status are the
//! same either way, so the form tells nobody who has an account. The link
//! (`/password/reset?token=`) works once, for 30 minutes; using it sets the
//! new password and ends every session and API token of the account.
//! Without mail, `rustprep users reset-link EMAIL` makes the link.

use crate::accounts::link_views::{self, dead_link};
use crate::accounts::{letters, link_token, posted_token};
use crate::app::SharedApp;
use crate::client_addr::ClientAddr;
use crate::csrf::check_anonymous_csrf;
use crate::errors::PageError;
use crate::forms::ValidForm;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use store::{Email, Limit, LinkPurpose, PasswordPolicy, now};

/// Reset requests one address (IPv6: one /64) may make per hour.
const RESETS_PER_ADDRESS: i64 = 10;

/// Where a dead reset link sends the reader.
const ASK_AGAIN: (&str, &str) = ("Ask for a new link", "/password/forgot");

pub async fn forgot_page(State(app): State<SharedApp>, headers: HeaderMap) -> Result<Response, PageError> {
    link_views::forgot(&app, &headers, StatusCode::OK, "", "")
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForgotForm {
    csrf: String,
    email: String,
}

pub async fn forgot(
    State(app): State<SharedApp>,
    headers: HeaderMap,
    client: ClientAddr,
    ValidForm(form): ValidForm<ForgotForm>,
) -> Result<Response, PageError> {
    check_anonymous_csrf(&app, &headers, &form.csrf)?;
    let again = |status, error: &str| link_views::forgot(&app, &headers, status, &form.email, error);
    if letters::mailer(&app).is_none() {
        return again(StatusCode::SERVICE_UNAVAILABLE, "");
    }
    let Some(email) = Email::parse(&form.email) else {
        return again(
            StatusCode::BAD_REQUEST,
            "Enter a valid email address, like name@example.com.",
        );
    };
    if !reserve_reset(&app, client).await? {
        return again(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many reset requests came from here recently. Try again in an hour.",
        );
    }
    if let Some(user) = app.store.user_by_email(&email).await? {
        letters::reset(&app, &user.id, &user.email).await?;
    }
    link_views::message(
        &app,
        StatusCode::OK,
        "Check your inbox",
        &[
            format!(
                "If an account uses {}, we sent it a link to choose a new password. The link works once, within 30 minutes.",
                email.as_str()
            ),
            "Nothing there after a few minutes? Look in your spam folder, or ask again.".into(),
        ],
        ("Back to log in", "/login"),
    )
}

/// Reserves a reset request for this client; false past the hourly limit.
async fn reserve_reset(app: &SharedApp, client: ClientAddr) -> Result<bool, PageError> {
    let scope = format!("reset:{}", client.rate_key());
    let limit = Limit {
        scope: &scope,
        max: RESETS_PER_ADDRESS,
        since: now() - 3600,
    };
    Ok(app.store.reserve_attempt(&[limit]).await?.is_some())
}

#[derive(Debug, Deserialize)]
pub struct LinkQuery {
    token: Option<String>,
}

pub async fn reset_page(
    State(app): State<SharedApp>,
    headers: HeaderMap,
    Query(query): Query<LinkQuery>,
) -> Result<Response, PageError> {
    let Some(token) = link_token(query.token.as_deref()) else {
        return dead_link(&app, ASK_AGAIN);
    };
    match app.store.link_user(&token, LinkPurpose::Reset).await? {
        Some(user) => link_views::reset(&app, &headers, StatusCode::OK, token.as_str(), &user.email, ""),
        None => dead_link(&app, ASK_AGAIN),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResetForm {
    csrf: String,
    token: String,
    password: String,
}

pub async fn reset(
    State(app): State<SharedApp>,
    headers: HeaderMap,
    ValidForm(form): ValidForm<ResetForm>,
) -> Result<Response, PageError> {
    let Some(token) = posted_token(&app, &headers, &form.csrf, &form.token)? else {
        return dead_link(&app, ASK_AGAIN);
    };
    let Some(user) = app.store.link_user(&token, LinkPurpose::Reset).await? else {
        return dead_link(&app, ASK_AGAIN);
    };
    if let Err(problem) = PasswordPolicy::default().check(&form.password) {
        let error = format!("Choose another password: {problem}.");
        return link_views::reset(
            &app,
            &headers,
            StatusCode::BAD_REQUEST,
            token.as_str(),
            &user.email,
            &error,
        );
    }
    let hash = app.hasher.hash(form.password.clone()).await?;
    if app.store.reset_password(&token, &hash).await?.is_none() {
        // Used or expired while the password was being hashed.
        return dead_link(&app, ASK_AGAIN);
    }
    link_views::message(
        &app,
        StatusCode::OK,
        "Password changed",
        &["Your new password is set. Every session of your account was logged out and its API tokens revoked.".into()],
        ("Log in", "/login"),
    )
}
