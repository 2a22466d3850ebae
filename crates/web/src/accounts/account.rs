//! The account page: plan, password change, account deletion, data export
//! (the email change is `verify`'s).

use crate::accounts::auth::signed_out;
use crate::accounts::views::{self, AccountView, TokenRow};
use crate::app::SharedApp;
use crate::billing::plan::PlanFacts;
use crate::csrf::check_member_csrf;
use crate::errors::PageError;
use crate::forms::ValidForm;
use crate::html::private_page;
use crate::viewer::{Member, SignedIn};
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use store::PasswordPolicy;

/// The account page; `new_token` is a token just created, shown this once.
pub(super) async fn render_account(
    app: &SharedApp,
    member: &Member,
    status: StatusCode,
    view: (&str, &str, &str),
) -> Result<Response, PageError> {
    let (notice, error, new_token) = view;
    let tokens = app
        .store
        .api_tokens(&member.user.id)
        .await?
        .iter()
        .map(TokenRow::new)
        .collect();
    let view = AccountView {
        notice,
        error,
        tokens,
        new_token,
        mail_on: app.config.mailer.is_some(),
    };
    let html = views::account(app.site.layout(true), &member.csrf, &PlanFacts::of(member), view)?;
    Ok(private_page(status, html))
}

/// The account page with an error saying what was not done (400).
async fn account_error(app: &SharedApp, member: &Member, error: &str) -> Result<Response, PageError> {
    render_account(app, member, StatusCode::BAD_REQUEST, ("", error, "")).await
}

/// Whether `password` is the member's password now (checked on the blocking pool).
pub(super) async fn is_current_password(app: &SharedApp, member: &Member, password: &str) -> Result<bool, PageError> {
    let stored = app.store.password_hash(&member.user.id).await?;
    Ok(app.hasher.verify(password.to_owned(), stored).await?)
}

#[derive(Debug, Deserialize)]
pub struct AccountQuery {
    welcome: Option<String>,
    done: Option<String>,
}

pub async fn show(
    State(app): State<SharedApp>,
    SignedIn(member): SignedIn,
    Query(query): Query<AccountQuery>,
) -> Result<Response, PageError> {
    let notice = match (query.welcome.is_some(), query.done.as_deref()) {
        (true, _) => "Welcome! Your account is ready.",
        (_, Some("password")) => "Password changed. Your other sessions were logged out and your API tokens revoked.",
        _ => "",
    };
    render_account(&app, &member, StatusCode::OK, (notice, "", "")).await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    csrf: String,
    current_password: String,
    new_password: String,
}

pub async fn change_password(
    State(app): State<SharedApp>,
    SignedIn(member): SignedIn,
    ValidForm(form): ValidForm<PasswordChange>,
) -> Result<Response, PageError> {
    check_member_csrf(&member.csrf, &form.csrf)?;
    if !is_current_password(&app, &member, &form.current_password).await? {
        return account_error(
            &app,
            &member,
            "Your current password is not right; nothing was changed.",
        )
        .await;
    }
    if let Err(problem) = PasswordPolicy::default().check(&form.new_password) {
        let error = format!("Choose another new password: {problem}.");
        return account_error(&app, &member, &error).await;
    }
    let hash = app.hasher.hash(form.new_password.clone()).await?;
    app.store.set_password_hash(&member.user.id, &hash).await?;
    app.store
        .end_other_sessions(&member.user.id, member.session.as_ref())
        .await?;
    // Whoever learned the old password may have made a token: end them too (review F8).
    app.store.revoke_all_api_tokens(&member.user.id).await?;
    Ok(Redirect::to("/account?done=password").into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deletion {
    csrf: String,
    password: String,
}

pub async fn delete(
    State(app): State<SharedApp>,
    SignedIn(member): SignedIn,
    ValidForm(form): ValidForm<Deletion>,
) -> Result<Response, PageError> {
    check_member_csrf(&member.csrf, &form.csrf)?;
    if !is_current_password(&app, &member, &form.password).await? {
        return account_error(
            &app,
            &member,
            "The password is not right; your account was not deleted.",
        )
        .await;
    }
    app.store.delete_user(&member.user.id).await?;
    Ok(signed_out(&app))
}

pub async fn export(State(app): State<SharedApp>, SignedIn(member): SignedIn) -> Result<Response, PageError> {
    let export = app.store.export_user(&member.user.id).await?;
    let body = serde_json::to_string_pretty(&export).map_err(|error| PageError::internal(&error))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"rustprep-my-data.json\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    csrf: String,
    name: String,
}

pub async fn create_token(
    State(app): State<SharedApp>,
    SignedIn(member): SignedIn,
    ValidForm(form): ValidForm<NewToken>,
) -> Result<Response, PageError> {
    check_member_csrf(&member.csrf, &form.csrf)?;
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 60 {
        return account_error(&app, &member, "Give the token a name of 1 to 60 characters.").await;
    }
    match app.store.create_api_token(&member.user.id, name).await {
        Ok((_, secret)) => render_account(&app, &member, StatusCode::OK, ("Token created.", "", secret.as_str())).await,
        Err(store::StoreError::TooManyTokens) => {
            account_error(&app, &member, "You have the most tokens allowed; revoke one first.").await
        }
        Err(error) => Err(error.into()),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevokeToken {
    csrf: String,
    id: String,
}

pub async fn revoke_token(
    State(app): State<SharedApp>,
    SignedIn(member): SignedIn,
    ValidForm(form): ValidForm<RevokeToken>,
) -> Result<Response, PageError> {
    check_member_csrf(&member.csrf, &form.csrf)?;
    if app.store.revoke_api_token(&member.user.id, &form.id).await? {
        render_account(&app, &member, StatusCode::OK, ("Token revoked.", "", "")).await
    } else {
        render_account(
            &app,
            &member,
            StatusCode::NOT_FOUND,
            ("", "There is no such token on your account.", ""),
        )
        .await
    }
}
