//! The pages of the emailed-link flows (`templates/accounts/`): a short
//! message, the "forgot password" and "new password" forms, and the button
//! that uses an activation or email-change link. A link opened by a mail
//! scanner only shows a page; nothing changes until the reader submits.

use crate::app::SharedApp;
use crate::csrf::anonymous_form;
use crate::errors::PageError;
use crate::html::{Layout, private_page};
use askama::Template;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

#[derive(Template)]
#[template(path = "accounts/message.html")]
struct MessagePage<'a> {
    layout: &'a Layout,
    title: &'a str,
    lines: &'a [String],
    link_label: &'a str,
    link_href: &'a str,
}

/// A page that says what happened and offers one way on (`link`: label and
/// address, or empty).
pub fn message(
    app: &SharedApp,
    status: StatusCode,
    title: &str,
    lines: &[String],
    link: (&str, &str),
) -> Result<Response, PageError> {
    let html = MessagePage {
        layout: app.site.layout(false),
        title,
        lines,
        link_label: link.0,
        link_href: link.1,
    }
    .render()?;
    Ok(private_page(status, html))
}

/// The answer to a link that is unknown, used or expired (400).
pub fn dead_link(app: &SharedApp, again: (&str, &str)) -> Result<Response, PageError> {
    message(
        app,
        StatusCode::BAD_REQUEST,
        "This link does not work",
        &["The link is wrong, was used already, or has expired. Links work once, for a limited time.".into()],
        again,
    )
}

#[derive(Template)]
#[template(path = "accounts/forgot.html")]
struct ForgotPage<'a> {
    layout: &'a Layout,
    csrf: &'a str,
    email: &'a str,
    error: &'a str,
    mail_on: bool,
}

/// The "forgot password" form (or, without mail, where to turn instead).
pub fn forgot(
    app: &SharedApp,
    headers: &HeaderMap,
    status: StatusCode,
    email: &str,
    error: &str,
) -> Result<Response, PageError> {
    anonymous_form(app, headers, status, |csrf| {
        ForgotPage {
            layout: app.site.layout(false),
            csrf,
            email,
            error,
            mail_on: app.config.mailer.is_some(),
        }
        .render()
    })
}

#[derive(Template)]
#[template(path = "accounts/reset.html")]
struct ResetPage<'a> {
    layout: &'a Layout,
    csrf: &'a str,
    token: &'a str,
    email: &'a str,
    error: &'a str,
}

/// The new-password form a reset link opens.
pub fn reset(
    app: &SharedApp,
    headers: &HeaderMap,
    status: StatusCode,
    token: &str,
    email: &str,
    error: &str,
) -> Result<Response, PageError> {
    anonymous_form(app, headers, status, |csrf| {
        ResetPage {
            layout: app.site.layout(false),
            csrf,
            token,
            email,
            error,
        }
        .render()
    })
}

#[derive(Template)]
#[template(path = "accounts/confirm.html")]
struct ConfirmPage<'a> {
    layout: &'a Layout,
    csrf: &'a str,
    title: &'a str,
    text: &'a str,
    action: &'a str,
    token: &'a str,
    button: &'a str,
}

/// What a confirmation page says and where its button posts.
pub struct Confirmation<'a> {
    pub title: &'a str,
    pub text: &'a str,
    pub action: &'a str,
    pub button: &'a str,
}

/// The page an activation or email-change link opens: one button.
pub fn confirm(
    app: &SharedApp,
    headers: &HeaderMap,
    token: &str,
    page: Confirmation<'_>,
) -> Result<Response, PageError> {
    anonymous_form(app, headers, StatusCode::OK, |csrf| {
        ConfirmPage {
            layout: app.site.layout(false),
            csrf,
            title: page.title,
            text: page.text,
            action: page.action,
            token,
            button: page.button,
        }
        .render()
    })
}
