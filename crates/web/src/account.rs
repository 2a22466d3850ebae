//! The account page: plan, password change, account deletion, data export.

use crate::app::SharedApp;
use crate::auth::check_member_csrf;
use crate::cookies;
use crate::errors::PageError;
use crate::forms::ValidForm;
use crate::render::{self, PlanFacts};
use crate::viewer::{Member, Viewer};
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use store::{PasswordPolicy, hash_password, now, verify_password};

/// Pages only a member sees are never stored by any cache.
pub fn private_page(status: StatusCode, html: String) -> Response {
    let mut response = (status, Html(html)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn facts(member: &Member) -> PlanFacts<'_> {
    PlanFacts {
        email: &member.user.email,
        premium_until: member.user.premium_until,
        now: now(),
    }
}

fn account_page(
    app: &SharedApp,
    member: &Member,
    status: StatusCode,
    notice: &str,
    error: &str,
) -> Result<Response, PageError> {
    let html = render::account(app.site.layout(true), &member.csrf, &facts(member), notice, error)?;
    Ok(private_page(status, html))
}

#[derive(Debug, Deserialize)]
pub struct AccountQuery {
    welcome: Option<String>,
    done: Option<String>,
}

pub async fn show(
    State(app): State<SharedApp>,
    viewer: Viewer,
    Query(query): Query<AccountQuery>,
) -> Result<Response, PageError> {
    let Some(member) = viewer.member() else {
        return Ok(Redirect::to("/login").into_response());
    };
    let notice = match (query.welcome.is_some(), query.done.as_deref()) {
        (true, _) => "Welcome! Your account is ready.",
        (_, Some("password")) => "Password changed. Your other sessions were logged out.",
        _ => "",
    };
    account_page(&app, member, StatusCode::OK, notice, "")
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
    viewer: Viewer,
    ValidForm(form): ValidForm<PasswordChange>,
) -> Result<Response, PageError> {
    let Some(member) = viewer.member() else {
        return Ok(Redirect::to("/login").into_response());
    };
    check_member_csrf(&member.csrf, &form.csrf)?;
    let stored = app.store.password_hash(&member.user.id).await?;
    if !verify_password(form.current_password.clone(), stored).await {
        return account_page(
            &app,
            member,
            StatusCode::BAD_REQUEST,
            "",
            "Your current password is not right; nothing was changed.",
        );
    }
    if let Err(problem) = PasswordPolicy::default().check(&form.new_password) {
        return account_page(
            &app,
            member,
            StatusCode::BAD_REQUEST,
            "",
            &format!("Choose another new password: {problem}."),
        );
    }
    let hash = hash_password(form.new_password.clone()).await?;
    app.store.set_password_hash(&member.user.id, &hash).await?;
    app.store
        .end_other_sessions(&member.user.id, Some(&member.token))
        .await?;
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
    viewer: Viewer,
    ValidForm(form): ValidForm<Deletion>,
) -> Result<Response, PageError> {
    let Some(member) = viewer.member() else {
        return Ok(Redirect::to("/login").into_response());
    };
    check_member_csrf(&member.csrf, &form.csrf)?;
    let stored = app.store.password_hash(&member.user.id).await?;
    if !verify_password(form.password.clone(), stored).await {
        return account_page(
            &app,
            member,
            StatusCode::BAD_REQUEST,
            "",
            "The password is not right; your account was not deleted.",
        );
    }
    app.store.delete_user(&member.user.id).await?;
    Ok((
        [(
            header::SET_COOKIE,
            cookies::set(cookies::SESSION, "", 0, app.config.https),
        )],
        Redirect::to("/"),
    )
        .into_response())
}

pub async fn export(State(app): State<SharedApp>, viewer: Viewer) -> Result<Response, PageError> {
    let Some(member) = viewer.member() else {
        return Ok(Redirect::to("/login").into_response());
    };
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
