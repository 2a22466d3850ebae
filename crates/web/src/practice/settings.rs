//! `/practice/settings`: desired retention (0.80 to 0.97) and new cards per
//! day (0 to 100). A value out of range is a 400 that names it and keeps
//! the settings as they were.

use crate::app::SharedApp;
use crate::csrf::check_member_csrf;
use crate::errors::PageError;
use crate::forms::ValidForm;
use crate::html::private_page;
use crate::practice::views;
use crate::viewer::{Member, SignedIn};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use store::{PracticeSettings, StoreError};

type AppState = State<SharedApp>;

fn render(
    app: &SharedApp,
    member: &Member,
    status: StatusCode,
    values: &PracticeSettings,
    messages: (&str, &str),
) -> Result<Response, PageError> {
    let html = views::settings(app.site.layout(true), &member.csrf, values, messages)?;
    Ok(private_page(status, html))
}

pub async fn show(State(app): AppState, SignedIn(member): SignedIn) -> Result<Response, PageError> {
    let values = app.store.practice_settings(&member.user.id).await?;
    render(&app, &member, StatusCode::OK, &values, ("", ""))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsForm {
    csrf: String,
    desired_retention: String,
    new_per_day: String,
}

pub async fn save(
    State(app): AppState,
    SignedIn(member): SignedIn,
    ValidForm(form): ValidForm<SettingsForm>,
) -> Result<Response, PageError> {
    check_member_csrf(&member.csrf, &form.csrf)?;
    let current = app.store.practice_settings(&member.user.id).await?;
    let parsed = match (
        form.desired_retention.trim().parse::<f64>(),
        form.new_per_day.trim().parse::<i64>(),
    ) {
        (Ok(desired_retention), Ok(new_per_day)) => PracticeSettings {
            desired_retention,
            new_per_day,
        },
        _ => {
            let error = "Enter numbers: a retention such as 0.90 and a whole number of new cards.";
            return render(&app, &member, StatusCode::BAD_REQUEST, &current, ("", error));
        }
    };
    match app
        .store
        .set_practice_settings(&member.user.id, &parsed, store::now())
        .await
    {
        Ok(()) => render(&app, &member, StatusCode::OK, &parsed, ("Settings saved.", "")),
        Err(StoreError::Invalid(reason)) => {
            let error = format!("Not saved: {reason}.");
            render(&app, &member, StatusCode::BAD_REQUEST, &current, ("", &error))
        }
        Err(error) => Err(error.into()),
    }
}
