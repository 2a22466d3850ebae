//! `/api/v1/kit/sets...`: question sets and their sheet as JSON, with the
//! session cookie or an API token, for readers with access (401 signed
//! out, 403 without access). The same store calls and refusals as the
//! pages; writes take JSON only. Interviews are in `api_interviews`.

use super::items::add_slugs;
use super::sheet_model::{SheetItem, items};
use super::{Interviewer, own_set, refused, rfc3339};
use crate::app::SharedApp;
use crate::errors::PageError;
use crate::forms::ValidJson;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use store::{KitItemEdit, KitSet};
use utoipa::ToSchema;

type AppState = State<SharedApp>;
type ApiError = crate::errors::ApiError;

/// A JSON answer no cache keeps.
pub(crate) fn private_json<T: Serialize>(status: StatusCode, body: T) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

#[derive(Serialize, ToSchema)]
pub(crate) struct KitSetJson {
    id: String,
    name: String,
    created_at: String,
    updated_at: String,
    total_minutes: i64,
    items: Vec<KitItemJson>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct KitItemJson {
    position: i64,
    slug: String,
    title: String,
    /// The chosen follow-ups, 0-based in the question's order.
    follow_ups: Vec<u32>,
    note: String,
    minutes: i64,
}

impl KitSetJson {
    fn new(app: &SharedApp, set: &KitSet) -> KitSetJson {
        KitSetJson {
            id: set.id.clone(),
            name: set.name.clone(),
            created_at: rfc3339(set.created_at),
            updated_at: rfc3339(set.updated_at),
            total_minutes: set.total_minutes(),
            items: set
                .items
                .iter()
                .map(|item| KitItemJson {
                    position: item.position,
                    slug: item.slug.clone(),
                    title: app
                        .site
                        .bank
                        .question(&item.slug)
                        .map_or_else(String::new, |q| q.title.clone()),
                    follow_ups: item.follow_ups.clone(),
                    note: item.note.clone(),
                    minutes: item.minutes,
                })
                .collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub(crate) struct KitSetList {
    sets: Vec<KitSetJson>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct KitNameBody {
    /// 1 to 200 characters.
    name: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct KitSlugsBody {
    /// Question slugs: to add (at most 50 in a set), or the whole new order.
    slugs: Vec<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct KitItemBody {
    #[serde(default)]
    follow_ups: Vec<u32>,
    /// At most 10 KB.
    #[serde(default)]
    note: String,
    /// 1 to 120.
    minutes: i64,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct KitSheetJson {
    name: String,
    total_minutes: i64,
    items: Vec<SheetItem>,
}

async fn set_json(app: &SharedApp, who: &Interviewer, set_id: &str, status: StatusCode) -> Result<Response, PageError> {
    let set = own_set(app, who, set_id).await?;
    Ok(private_json(status, KitSetJson::new(app, &set)))
}

#[utoipa::path(get, path = "/api/v1/kit/sets", tag = "kit",
    responses((status = 200, description = "The reader's question sets, newest first", body = KitSetList),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "No access: the kit is for subscribers", body = ApiError)),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn list(State(app): AppState, who: Interviewer) -> Result<Response, PageError> {
    let sets = app.store.kit_sets(who.id()).await?;
    let sets = sets.iter().map(|set| KitSetJson::new(&app, set)).collect();
    Ok(private_json(StatusCode::OK, KitSetList { sets }))
}

#[utoipa::path(post, path = "/api/v1/kit/sets", tag = "kit", request_body = KitNameBody,
    responses((status = 201, description = "The new, empty set", body = KitSetJson),
        (status = 400, description = "A bad name, or 100 sets already", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "No access", body = ApiError),
        (status = 413, description = "A body over 16 KiB", body = ApiError),
        (status = 415, description = "Not application/json", body = ApiError)),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn create(
    State(app): AppState,
    who: Interviewer,
    ValidJson(body): ValidJson<KitNameBody>,
) -> Result<Response, PageError> {
    let set = app
        .store
        .create_kit_set(who.id(), &body.name, store::now())
        .await
        .map_err(refused)?;
    Ok(private_json(StatusCode::CREATED, KitSetJson::new(&app, &set)))
}

#[utoipa::path(get, path = "/api/v1/kit/sets/{id}", tag = "kit",
    params(("id" = String, Path, description = "The set's id")),
    responses((status = 200, description = "The set", body = KitSetJson),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "No access", body = ApiError),
        (status = 404, description = "No such set among the reader's", body = ApiError)),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn show(
    State(app): AppState,
    who: Interviewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    set_json(&app, &who, &id, StatusCode::OK).await
}

#[utoipa::path(put, path = "/api/v1/kit/sets/{id}", tag = "kit", request_body = KitNameBody,
    params(("id" = String, Path, description = "The set's id")),
    responses((status = 200, description = "The renamed set", body = KitSetJson),
        (status = 400, description = "A bad name", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "No access", body = ApiError),
        (status = 404, description = "No such set among the reader's", body = ApiError),
        (status = 415, description = "Not application/json", body = ApiError)),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn rename(
    State(app): AppState,
    who: Interviewer,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<KitNameBody>,
) -> Result<Response, PageError> {
    app.store
        .rename_kit_set(who.id(), &id, &body.name, store::now())
        .await
        .map_err(refused)?;
    set_json(&app, &who, &id, StatusCode::OK).await
}

#[utoipa::path(delete, path = "/api/v1/kit/sets/{id}", tag = "kit",
    params(("id" = String, Path, description = "The set's id")),
    responses((status = 204, description = "Deleted, with its interviews and share links"),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "No access", body = ApiError),
        (status = 404, description = "No such set among the reader's", body = ApiError)),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn delete(
    State(app): AppState,
    who: Interviewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    if !app.store.delete_kit_set(who.id(), &id).await? {
        return Err(super::not_found());
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[utoipa::path(post, path = "/api/v1/kit/sets/{id}/items", tag = "kit", request_body = KitSlugsBody,
    params(("id" = String, Path, description = "The set's id")),
    responses((status = 200, description = "The set, the new questions at the end (present ones skipped)", body = KitSetJson),
        (status = 400, description = "No slug, or past 50 questions in the set: nothing added", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "No access", body = ApiError),
        (status = 404, description = "No such set, or an unknown question: nothing added", body = ApiError),
        (status = 415, description = "Not application/json", body = ApiError)),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn add(
    State(app): AppState,
    who: Interviewer,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<KitSlugsBody>,
) -> Result<Response, PageError> {
    add_slugs(&app, &who, &id, &body.slugs).await?;
    set_json(&app, &who, &id, StatusCode::OK).await
}

#[utoipa::path(put, path = "/api/v1/kit/sets/{id}/items/{slug}", tag = "kit", request_body = KitItemBody,
    params(("id" = String, Path, description = "The set's id"), ("slug" = String, Path, description = "A question in it")),
    responses((status = 200, description = "The set", body = KitSetJson),
        (status = 400, description = "A note over 10 KB or minutes out of range: nothing changed", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "No access", body = ApiError),
        (status = 404, description = "No such set or question in it", body = ApiError),
        (status = 413, description = "A body over 16 KiB", body = ApiError),
        (status = 415, description = "Not application/json", body = ApiError)),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn edit(
    State(app): AppState,
    who: Interviewer,
    Path((id, slug)): Path<(String, String)>,
    ValidJson(body): ValidJson<KitItemBody>,
) -> Result<Response, PageError> {
    let edit = KitItemEdit {
        follow_ups: body.follow_ups,
        note: body.note,
        minutes: body.minutes,
    };
    app.store
        .edit_kit_item(who.id(), &id, &slug, &edit, store::now())
        .await
        .map_err(refused)?;
    set_json(&app, &who, &id, StatusCode::OK).await
}

#[utoipa::path(delete, path = "/api/v1/kit/sets/{id}/items/{slug}", tag = "kit",
    params(("id" = String, Path, description = "The set's id"), ("slug" = String, Path, description = "A question in it")),
    responses((status = 200, description = "The set without it", body = KitSetJson),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "No access", body = ApiError),
        (status = 404, description = "No such set or question in it", body = ApiError)),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn remove(
    State(app): AppState,
    who: Interviewer,
    Path((id, slug)): Path<(String, String)>,
) -> Result<Response, PageError> {
    app.store
        .remove_kit_item(who.id(), &id, &slug, store::now())
        .await
        .map_err(refused)?;
    set_json(&app, &who, &id, StatusCode::OK).await
}

#[utoipa::path(put, path = "/api/v1/kit/sets/{id}/order", tag = "kit", request_body = KitSlugsBody,
    params(("id" = String, Path, description = "The set's id")),
    responses((status = 200, description = "The set in the new order", body = KitSetJson),
        (status = 400, description = "Not exactly the set's questions, each once: nothing moved", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "No access", body = ApiError),
        (status = 404, description = "No such set among the reader's", body = ApiError),
        (status = 415, description = "Not application/json", body = ApiError)),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn reorder(
    State(app): AppState,
    who: Interviewer,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<KitSlugsBody>,
) -> Result<Response, PageError> {
    app.store
        .reorder_kit_items(who.id(), &id, &body.slugs, store::now())
        .await
        .map_err(refused)?;
    set_json(&app, &who, &id, StatusCode::OK).await
}

#[utoipa::path(get, path = "/api/v1/kit/sets/{id}/sheet", tag = "kit",
    params(("id" = String, Path, description = "The set's id")),
    responses((status = 200, description = "The interview sheet: each question with its short answer, what a strong answer covers, the chosen follow-ups, the note and the time budget", body = KitSheetJson),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "No access", body = ApiError),
        (status = 404, description = "No such set among the reader's", body = ApiError)),
    security(("bearer" = []), ("session" = [])))]
pub(crate) async fn sheet(
    State(app): AppState,
    who: Interviewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let set = own_set(&app, &who, &id).await?;
    let sheet = KitSheetJson {
        name: set.name.clone(),
        total_minutes: set.total_minutes(),
        items: items(&app.site.bank, &set, Some(&who.access), true),
    };
    Ok(private_json(StatusCode::OK, sheet))
}
