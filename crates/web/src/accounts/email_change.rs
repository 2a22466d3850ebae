//! Changing the account's email address, with mail configured: the owner
//! asks on the account page (with the password), a link goes to the new
//! address, and the change, once confirmed there, is announced at the old
//! one.

use crate::accounts::account::{is_current_password, render_account};
use crate::accounts::letters;
use crate::accounts::link_views::{self, Confirmation, dead_link};
use crate::accounts::posted_token;
use crate::accounts::verify::{LinkForm, LinkQuery, link_page};
use crate::app::SharedApp;
use crate::csrf::check_member_csrf;
use crate::errors::PageError;
use crate::forms::ValidForm;
use crate::viewer::SignedIn;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use store::{Email, LinkPurpose, StoreError};

/// Where a dead email-change link sends the reader.
const TO_ACCOUNT: (&str, &str) = ("Your account", "/account");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailChange {
    csrf: String,
    email: String,
    password: String,
}

/// `POST /account/email`: mails a confirmation link to the new address.
/// Whether that address has an account is not checked here (that would
/// tell); confirming it then fails, at the new address's owner.
pub async fn change_email(
    State(app): State<SharedApp>,
    SignedIn(member): SignedIn,
    ValidForm(form): ValidForm<EmailChange>,
) -> Result<Response, PageError> {
    check_member_csrf(&member.csrf, &form.csrf)?;
    let refuse = |status, error: &'static str| render_account(&app, &member, status, ("", error, ""));
    if letters::mailer(&app).is_none() {
        return refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "This site sends no email, so it cannot confirm a new address.",
        )
        .await;
    }
    if !is_current_password(&app, &member, &form.password).await? {
        return refuse(
            StatusCode::BAD_REQUEST,
            "The password is not right; your email was not changed.",
        )
        .await;
    }
    let Some(email) = Email::parse(&form.email) else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "Enter a valid email address, like name@example.com.",
        )
        .await;
    };
    if email.as_str() == member.user.email {
        return refuse(StatusCode::BAD_REQUEST, "That is your address already.").await;
    }
    letters::confirm_new_email(&app, &member.user.id, &email).await?;
    let notice = format!(
        "We sent a link to {}. Your email changes when you open it (within 24 hours).",
        email.as_str()
    );
    render_account(&app, &member, StatusCode::OK, (&notice, "", "")).await
}

pub async fn confirm_email_page(
    State(app): State<SharedApp>,
    headers: HeaderMap,
    Query(query): Query<LinkQuery>,
) -> Result<Response, PageError> {
    let page = Confirmation {
        title: "Confirm your new email address",
        text: "Your account moves to this address when you confirm.",
        action: "/account/email/confirm",
        button: "Confirm this address",
    };
    link_page(&app, &headers, query, LinkPurpose::Email, page, TO_ACCOUNT).await
}

pub async fn confirm_email(
    State(app): State<SharedApp>,
    headers: HeaderMap,
    ValidForm(form): ValidForm<LinkForm>,
) -> Result<Response, PageError> {
    let Some(token) = posted_token(&app, &headers, &form.csrf, &form.token)? else {
        return dead_link(&app, TO_ACCOUNT);
    };
    match app.store.confirm_email_change(&token).await {
        Ok(Some(changed)) => {
            letters::email_changed(&app, &changed.old_email, &changed.user.email).await?;
            link_views::message(
                &app,
                StatusCode::OK,
                "Email address changed",
                &[format!("Your account now uses {}.", changed.user.email)],
                TO_ACCOUNT,
            )
        }
        Ok(None) => dead_link(&app, TO_ACCOUNT),
        Err(StoreError::EmailTaken) => link_views::message(
            &app,
            StatusCode::CONFLICT,
            "This address has an account",
            &["Another account uses this address, so nothing was changed.".into()],
            TO_ACCOUNT,
        ),
        Err(error) => Err(error.into()),
    }
}
