//! The forms that change a set's questions: add (by slug, or every
//! question matching the browse filters), edit (follow-ups, note, time
//! budget), move up or down (no JavaScript needed), remove, and reorder
//! (the whole order at once). Each answers 303 to the set's page; a refused
//! change answers 4xx and changes nothing.

use super::picker::matching;
use super::sets::to_set;
use super::{Interviewer, known_question, own_set, refused};
use crate::app::SharedApp;
use crate::csrf::{CsrfOnly, check_member_csrf};
use crate::errors::PageError;
use crate::filter::QuestionFilter;
use crate::forms::ValidForm;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use store::KitItemEdit;

type AppState = State<SharedApp>;
type Fields = Vec<(String, String)>;

/// Splits a form into its CSRF token and the values of `name` (which may
/// repeat); any other field is a 400.
fn repeated(fields: Fields, name: &str) -> Result<(String, Vec<String>), PageError> {
    let mut csrf = String::new();
    let mut values = Vec::new();
    for (field, value) in fields {
        if field == "csrf" {
            csrf = value;
        } else if field == name {
            values.push(value);
        } else {
            return Err(PageError::bad_request(format!(
                "The form has an unknown field `{field}`."
            )));
        }
    }
    Ok((csrf, values))
}

/// `POST /kit/{id}/items`: adds the `slug` fields' questions at the end.
/// The picker's `q`, `level`, `experience` and `topic`, if sent, lead back
/// to the same results, so several can be added from one search.
pub(crate) async fn add(
    State(app): AppState,
    who: Interviewer,
    Path(set_id): Path<String>,
    ValidForm(fields): ValidForm<Fields>,
) -> Result<Response, PageError> {
    let mut csrf = String::new();
    let mut slugs = Vec::new();
    let mut picker = Vec::new();
    for (field, value) in fields {
        match field.as_str() {
            "csrf" => csrf = value,
            "slug" => slugs.push(value),
            "q" | "level" | "experience" | "topic" => picker.push((field, value)),
            _ => {
                return Err(PageError::bad_request(format!(
                    "The form has an unknown field `{field}`."
                )));
            }
        }
    }
    check_member_csrf(&who.member.csrf, &csrf)?;
    add_slugs(&app, &who, &set_id, &slugs).await?;
    if picker.is_empty() {
        return Ok(to_set(&set_id));
    }
    let query = serde_urlencoded::to_string(&picker).unwrap_or_default();
    Ok(Redirect::to(&format!("/kit/{set_id}?{query}#find")).into_response())
}

/// Adds questions the bank serves (an unknown one is a 404 and adds
/// nothing); returns how many were new.
pub(crate) async fn add_slugs(
    app: &SharedApp,
    who: &Interviewer,
    set_id: &str,
    slugs: &[String],
) -> Result<usize, PageError> {
    if slugs.is_empty() {
        return Err(PageError::bad_request("Name at least one question to add."));
    }
    if slugs.len() > store::MAX_KIT_ITEMS {
        return Err(PageError::bad_request(format!(
            "A set holds at most {} questions; nothing was changed.",
            store::MAX_KIT_ITEMS
        )));
    }
    for slug in slugs {
        known_question(app, slug)?;
    }
    app.store
        .add_kit_items(who.id(), set_id, slugs, store::now())
        .await
        .map_err(refused)
}

/// `POST /kit/{id}/items/matching`: adds every question the `level`,
/// `experience` and `topic` fields match (at least one must be given).
pub(crate) async fn add_matching(
    State(app): AppState,
    who: Interviewer,
    Path(set_id): Path<String>,
    ValidForm(fields): ValidForm<Fields>,
) -> Result<Response, PageError> {
    let mut csrf = String::new();
    let mut query = Vec::new();
    for (field, value) in fields {
        match field.as_str() {
            "csrf" => csrf = value,
            "level" | "experience" | "topic" => query.push((field, value)),
            _ => {
                return Err(PageError::bad_request(format!(
                    "The form has an unknown field `{field}`."
                )));
            }
        }
    }
    check_member_csrf(&who.member.csrf, &csrf)?;
    let encoded = serde_urlencoded::to_string(&query).unwrap_or_default();
    let filter = QuestionFilter::from_query(Some(&encoded)).map_err(PageError::bad_request)?;
    if filter.is_empty() {
        return Err(PageError::bad_request(
            "Choose a level, an experience band or a topic first.",
        ));
    }
    let slugs: Vec<String> = matching(&app, "", &filter, &who.access)?
        .iter()
        .map(|question| question.slug.as_str().to_owned())
        .collect();
    add_slugs(&app, &who, &set_id, &slugs).await?;
    Ok(to_set(&set_id))
}

/// `POST /kit/{id}/items/{slug}`: the question's follow-ups (the
/// `follow_up` fields, 0-based), note and minutes.
pub(crate) async fn edit(
    State(app): AppState,
    who: Interviewer,
    Path((set_id, slug)): Path<(String, String)>,
    ValidForm(fields): ValidForm<Fields>,
) -> Result<Response, PageError> {
    let mut csrf = String::new();
    let mut edit = KitItemEdit {
        follow_ups: Vec::new(),
        note: String::new(),
        minutes: 0,
    };
    let number = |name: &str, value: &str| {
        value
            .trim()
            .parse::<i64>()
            .map_err(|_| PageError::bad_request(format!("`{name}` must be a whole number.")))
    };
    for (field, value) in fields {
        match field.as_str() {
            "csrf" => csrf = value,
            "note" => edit.note = value,
            "minutes" => edit.minutes = number(&field, &value)?,
            "follow_up" => edit.follow_ups.push(
                u32::try_from(number(&field, &value)?)
                    .map_err(|_| PageError::bad_request("A follow-up's number cannot be negative."))?,
            ),
            _ => {
                return Err(PageError::bad_request(format!(
                    "The form has an unknown field `{field}`."
                )));
            }
        }
    }
    check_member_csrf(&who.member.csrf, &csrf)?;
    app.store
        .edit_kit_item(who.id(), &set_id, &slug, &edit, store::now())
        .await
        .map_err(refused)?;
    Ok(to_set(&set_id))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MoveForm {
    csrf: String,
    direction: String,
}

/// `POST /kit/{id}/items/{slug}/move`: one place `up` or `down` (at the
/// top or bottom already, nothing changes).
pub(crate) async fn move_item(
    State(app): AppState,
    who: Interviewer,
    Path((set_id, slug)): Path<(String, String)>,
    ValidForm(form): ValidForm<MoveForm>,
) -> Result<Response, PageError> {
    check_member_csrf(&who.member.csrf, &form.csrf)?;
    let set = own_set(&app, &who, &set_id).await?;
    let mut order: Vec<String> = set.items.into_iter().map(|item| item.slug).collect();
    let index = order.iter().position(|s| *s == slug).ok_or_else(super::not_found)?;
    let other = match form.direction.as_str() {
        "up" => index.checked_sub(1),
        "down" => Some(index + 1).filter(|&next| next < order.len()),
        _ => return Err(PageError::bad_request("The direction must be `up` or `down`.")),
    };
    if let Some(other) = other {
        order.swap(index, other);
        app.store
            .reorder_kit_items(who.id(), &set_id, &order, store::now())
            .await
            .map_err(refused)?;
    }
    Ok(to_set(&set_id))
}

/// `POST /kit/{id}/items/{slug}/remove`.
pub(crate) async fn remove(
    State(app): AppState,
    who: Interviewer,
    Path((set_id, slug)): Path<(String, String)>,
    ValidForm(form): ValidForm<CsrfOnly>,
) -> Result<Response, PageError> {
    check_member_csrf(&who.member.csrf, form.csrf())?;
    app.store
        .remove_kit_item(who.id(), &set_id, &slug, store::now())
        .await
        .map_err(refused)?;
    Ok(to_set(&set_id))
}

/// `POST /kit/{id}/order`: the `slug` fields are the whole new order;
/// an unknown, missing or repeated question is a 400 and nothing moves.
pub(crate) async fn reorder(
    State(app): AppState,
    who: Interviewer,
    Path(set_id): Path<String>,
    ValidForm(fields): ValidForm<Fields>,
) -> Result<Response, PageError> {
    let (csrf, slugs) = repeated(fields, "slug")?;
    check_member_csrf(&who.member.csrf, &csrf)?;
    app.store
        .reorder_kit_items(who.id(), &set_id, &slugs, store::now())
        .await
        .map_err(refused)?;
    Ok(to_set(&set_id))
}
