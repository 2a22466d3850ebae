//! The set pages: `/kit` (the reader's sets, a form to make one) and
//! `/kit/{id}` (edit: the questions with their follow-ups, notes and time
//! budgets, the picker, rename, duplicate, delete, share). Every form
//! answers with a redirect (303), so a reload never submits twice.

use super::follow_ups::follow_ups;
use super::picker::{self, experience_choices, level_choices, topic_choices};
use super::views::{self, EditItem, Listed, SetPage};
use super::{Interviewer, own_set, refused};
use crate::app::SharedApp;
use crate::csrf::{CsrfOnly, check_member_csrf};
use crate::errors::PageError;
use crate::forms::ValidForm;
use crate::html::private_page;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use store::ShareKind;

type AppState = State<SharedApp>;

/// A 303 to the set's edit page.
pub(crate) fn to_set(set_id: &str) -> Response {
    Redirect::to(&format!("/kit/{set_id}")).into_response()
}

/// `GET /kit`.
pub(crate) async fn index(State(app): AppState, who: Interviewer) -> Result<Response, PageError> {
    let sets = app.store.kit_sets(who.id()).await?;
    let listed = sets.iter().map(Listed::of).collect();
    let html = views::index(app.site.layout(true), &who.member.csrf, listed)?;
    Ok(private_page(StatusCode::OK, html))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NameForm {
    csrf: String,
    name: String,
}

/// `POST /kit`: a new, empty set; then its edit page.
pub(crate) async fn create(
    State(app): AppState,
    who: Interviewer,
    ValidForm(form): ValidForm<NameForm>,
) -> Result<Response, PageError> {
    check_member_csrf(&who.member.csrf, &form.csrf)?;
    let set = app
        .store
        .create_kit_set(who.id(), &form.name, store::now())
        .await
        .map_err(refused)?;
    Ok(to_set(&set.id))
}

/// `GET /kit/{id}`: the edit page, with the picker's results for the
/// address's `q`, `level`, `experience` and `topic`.
pub(crate) async fn show(
    State(app): AppState,
    who: Interviewer,
    Path(set_id): Path<String>,
    uri: Uri,
) -> Result<Response, PageError> {
    let set = own_set(&app, &who, &set_id).await?;
    let picked = picker::pick(&app, &uri, &who.access)?;
    let bank = &app.site.bank;
    let count = set.items.len();
    let items = set
        .items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let question = bank.question(&item.slug);
            EditItem {
                slug: item.slug.clone(),
                title: question.map_or_else(|| item.slug.clone(), |q| q.title.clone()),
                minutes: item.minutes,
                note: item.note.clone(),
                follow_ups: question
                    .map(|q| follow_ups(q, Some(&who.access), &item.follow_ups))
                    .unwrap_or_default(),
                first: index == 0,
                last: index + 1 == count,
            }
        })
        .collect();
    let shared = app
        .store
        .kit_shares(who.id())
        .await?
        .into_iter()
        .filter(|share| share.set_id == set.id && share.revoked_at.is_none())
        .map(|share| share.kind.as_str())
        .collect();
    let page = SetPage {
        levels: level_choices(&picked.filter),
        experiences: experience_choices(&picked.filter),
        topics: topic_choices(&picked.filter),
        set: &set,
        items,
        picker: picked,
        shared,
    };
    let html = views::set(app.site.layout(true), &who.member.csrf, page)?;
    Ok(private_page(StatusCode::OK, html))
}

/// `POST /kit/{id}/rename`.
pub(crate) async fn rename(
    State(app): AppState,
    who: Interviewer,
    Path(set_id): Path<String>,
    ValidForm(form): ValidForm<NameForm>,
) -> Result<Response, PageError> {
    check_member_csrf(&who.member.csrf, &form.csrf)?;
    app.store
        .rename_kit_set(who.id(), &set_id, &form.name, store::now())
        .await
        .map_err(refused)?;
    Ok(to_set(&set_id))
}

/// `POST /kit/{id}/duplicate`: the copy's edit page.
pub(crate) async fn duplicate(
    State(app): AppState,
    who: Interviewer,
    Path(set_id): Path<String>,
    ValidForm(form): ValidForm<CsrfOnly>,
) -> Result<Response, PageError> {
    check_member_csrf(&who.member.csrf, form.csrf())?;
    let copy = app
        .store
        .duplicate_kit_set(who.id(), &set_id, store::now())
        .await
        .map_err(refused)?;
    Ok(to_set(&copy.id))
}

/// `POST /kit/{id}/delete`: with its interviews and share links.
pub(crate) async fn delete(
    State(app): AppState,
    who: Interviewer,
    Path(set_id): Path<String>,
    ValidForm(form): ValidForm<CsrfOnly>,
) -> Result<Response, PageError> {
    check_member_csrf(&who.member.csrf, form.csrf())?;
    if !app.store.delete_kit_set(who.id(), &set_id).await? {
        return Err(super::not_found());
    }
    Ok(Redirect::to("/kit").into_response())
}

/// A share kind's name from a form, or 400.
pub(crate) fn share_kind(text: &str) -> Result<ShareKind, PageError> {
    ShareKind::parse(text)
        .ok_or_else(|| PageError::bad_request("The link's kind must be `co-interviewer` or `candidate`."))
}
