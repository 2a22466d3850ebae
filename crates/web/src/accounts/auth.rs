//! Signing up, logging in and out. With mail configured, sign-up hands over
//! to `verify` (the account waits for its emailed link) and an account not
//! yet activated cannot log in. Login answers the same, in the same time,
//! for an unknown email and a wrong password; logins and sign-ups are
//! rate-limited (`limits`). A login ends the session the browser came with;
//! logout clears the site's data in the browser.

use crate::accounts::{letters, verify, views};
use crate::app::SharedApp;
use crate::client_addr::ClientAddr;
use crate::cookies;
use crate::csrf::{CsrfOnly, anonymous_form, check_anonymous_csrf, check_member_csrf};
use crate::errors::PageError;
use crate::forms::{ValidForm, ValidJson};
use crate::html::Layout;
use crate::limits::{LoginOutcome, authenticate, reserve_signup};
use crate::viewer::{SignedIn, Viewer};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use store::{Email, PasswordPolicy, StoreError, Token};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    csrf: String,
    email: String,
    password: String,
}

/// Opens a session for a login: a fresh token, and the session the browser
/// came with (if any) ended, so a session planted in or left behind in this
/// browser does not live on beside the new one (review F13, ASVS 7.2.4).
async fn open_session(app: &SharedApp, request: &HeaderMap, user_id: &str) -> Result<HeaderValue, PageError> {
    let held = cookies::get(request, cookies::session(app.config.https)).and_then(Token::parse);
    if let Some(held) = held {
        app.store.end_session(&held).await?;
    }
    let token = app.store.create_session(user_id).await?;
    let max_age = app.config.sessions.absolute_seconds;
    Ok(cookies::set(
        cookies::session(app.config.https),
        token.as_str(),
        max_age,
        app.config.https,
    ))
}

/// Starts a session and redirects; the pre-login CSRF cookie is cleared.
async fn start_session(app: &SharedApp, request: &HeaderMap, user_id: &str, to: &str) -> Result<Response, PageError> {
    let cookie = open_session(app, request, user_id).await?;
    let mut response = Redirect::to(to).into_response();
    let headers = response.headers_mut();
    headers.append(header::SET_COOKIE, cookie);
    headers.append(
        header::SET_COOKIE,
        cookies::set(cookies::csrf(app.config.https), "", 0, app.config.https),
    );
    Ok(response)
}

/// The signature of the signup and login pages' renderers: layout, CSRF
/// token, the email typed so far, an error to show.
type EntryPage = fn(&Layout, &str, &str, &str) -> askama::Result<String>;

/// Shows the signup or login form, or sends a signed-in reader to the account.
fn entry_page(app: &SharedApp, viewer: &Viewer, headers: &HeaderMap, page: EntryPage) -> Result<Response, PageError> {
    if viewer.member().is_some() {
        return Ok(Redirect::to("/account").into_response());
    }
    entry_form(app, headers, page, StatusCode::OK, "", "")
}

/// The signup or login form with what was typed and what went wrong.
fn entry_form(
    app: &SharedApp,
    headers: &HeaderMap,
    page: EntryPage,
    status: StatusCode,
    email: &str,
    error: &str,
) -> Result<Response, PageError> {
    anonymous_form(app, headers, status, |csrf| {
        page(app.site.layout(false), csrf, email, error)
    })
}

pub async fn signup_page(
    State(app): State<SharedApp>,
    viewer: Viewer,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    entry_page(&app, &viewer, &headers, views::signup)
}

pub async fn signup(
    State(app): State<SharedApp>,
    headers: HeaderMap,
    client: ClientAddr,
    ValidForm(form): ValidForm<Credentials>,
) -> Result<Response, PageError> {
    check_anonymous_csrf(&app, &headers, &form.csrf)?;
    let again = |status, error: &str| entry_form(&app, &headers, views::signup, status, &form.email, error);
    let Some(email) = Email::parse(&form.email) else {
        return again(
            StatusCode::BAD_REQUEST,
            "Enter a valid email address, like name@example.com.",
        );
    };
    if let Err(problem) = PasswordPolicy::default().check(&form.password) {
        return again(StatusCode::BAD_REQUEST, &format!("Choose another password: {problem}."));
    }
    if !reserve_signup(&app, client).await? {
        return again(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many accounts were created from here recently. Try again in an hour.",
        );
    }
    let hash = app.hasher.hash(form.password.clone()).await?;
    if letters::mailer(&app).is_some() {
        return verify::sign_up_by_mail(&app, &email, &hash).await;
    }
    match app.store.create_user(&email, &hash).await {
        Ok(user) => start_session(&app, &headers, &user.id, "/account?welcome=1").await,
        Err(StoreError::EmailTaken) => again(
            StatusCode::CONFLICT,
            "An account with this email already exists. Log in instead.",
        ),
        Err(error) => Err(error.into()),
    }
}

pub async fn login_page(
    State(app): State<SharedApp>,
    viewer: Viewer,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    entry_page(&app, &viewer, &headers, views::login)
}

const WRONG_CREDENTIALS: &str = "The email or password is wrong.";
const TOO_MANY_ATTEMPTS: &str = "Too many failed attempts from here. Wait 15 minutes and try again.";
/// The answer to the right password for an account not yet activated.
const NOT_ACTIVATED: &str = "Activate your account first: open the link we emailed you when you signed up. \
     No email? Sign up again with the same address for a new link.";

pub async fn login(
    State(app): State<SharedApp>,
    headers: HeaderMap,
    client: ClientAddr,
    ValidForm(form): ValidForm<Credentials>,
) -> Result<Response, PageError> {
    check_anonymous_csrf(&app, &headers, &form.csrf)?;
    let again = |status, error: &str| entry_form(&app, &headers, views::login, status, &form.email, error);
    match authenticate(&app, &form.email, &form.password, client).await? {
        LoginOutcome::Accepted(user) if !user.active => again(StatusCode::FORBIDDEN, NOT_ACTIVATED),
        LoginOutcome::Accepted(user) => start_session(&app, &headers, &user.id, "/account").await,
        LoginOutcome::Refused => again(StatusCode::UNAUTHORIZED, WRONG_CREDENTIALS),
        LoginOutcome::Limited => again(StatusCode::TOO_MANY_REQUESTS, TOO_MANY_ATTEMPTS),
    }
}

/// Credentials for `POST /api/v1/session`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonCredentials {
    email: String,
    password: String,
}

/// The account a session was opened for.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct SessionInfo {
    email: String,
    /// When premium access ends (Unix seconds), if the account has had it.
    premium_until: Option<i64>,
}

/// `POST /api/v1/session`: logs an API client in; the answer sets the same
/// session cookie a browser gets.
#[utoipa::path(
    post,
    path = "/api/v1/session",
    tag = "accounts",
    request_body = JsonCredentials,
    responses(
        (status = 200, description = "Logged in; the rp_session cookie is set", body = SessionInfo),
        (status = 400, description = "A body that is not the JSON asked for", body = crate::errors::ApiError),
        (status = 401, description = "Wrong email or password", body = crate::errors::ApiError),
        (status = 403, description = "The account waits for its emailed activation link", body = crate::errors::ApiError),
        (status = 413, description = "A body over 16 KiB", body = crate::errors::ApiError),
        (status = 415, description = "Not application/json", body = crate::errors::ApiError),
        (status = 429, description = "Too many failed attempts from this address", body = crate::errors::ApiError),
        (status = 503, description = "Too many logins in flight, or accounts cannot be checked now; see Retry-After", body = crate::errors::ApiError),
    )
)]
pub async fn api_login(
    State(app): State<SharedApp>,
    headers: HeaderMap,
    client: ClientAddr,
    ValidJson(body): ValidJson<JsonCredentials>,
) -> Result<Response, PageError> {
    match authenticate(&app, &body.email, &body.password, client).await? {
        LoginOutcome::Accepted(user) if !user.active => Err(PageError::new(
            StatusCode::FORBIDDEN,
            "Account not activated",
            NOT_ACTIVATED,
        )),
        LoginOutcome::Accepted(user) => {
            let cookie = open_session(&app, &headers, &user.id).await?;
            let body = SessionInfo {
                email: user.email,
                premium_until: user.premium_until,
            };
            Ok(([(header::SET_COOKIE, cookie)], axum::Json(body)).into_response())
        }
        LoginOutcome::Refused => Err(PageError::new(
            StatusCode::UNAUTHORIZED,
            "Login refused",
            WRONG_CREDENTIALS,
        )),
        LoginOutcome::Limited => Err(PageError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many attempts",
            TOO_MANY_ATTEMPTS,
        )),
    }
}

pub async fn logout(
    State(app): State<SharedApp>,
    SignedIn(member): SignedIn,
    ValidForm(form): ValidForm<CsrfOnly>,
) -> Result<Response, PageError> {
    check_member_csrf(&member.csrf, form.csrf())?;
    if let Some(session) = &member.session {
        app.store.end_session(session).await?;
    }
    Ok(signed_out(&app))
}

/// The answer to logout and account deletion: the cookie deleted, the
/// browser told to drop this site's cache and storage, back to the start.
pub fn signed_out(app: &SharedApp) -> Response {
    (
        [
            (
                header::SET_COOKIE,
                cookies::set(cookies::session(app.config.https), "", 0, app.config.https),
            ),
            (
                header::HeaderName::from_static("clear-site-data"),
                cookies::CLEAR_SITE_DATA,
            ),
        ],
        Redirect::to("/"),
    )
        .into_response()
}
