//! The kit API's part of the OpenAPI document; `api::openapi` merges it
//! into the site's.

use super::{api, api_interviews};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    paths(
        api::list,
        api::create,
        api::show,
        api::rename,
        api::delete,
        api::add,
        api::edit,
        api::remove,
        api::reorder,
        api::sheet,
        api_interviews::list,
        api_interviews::start,
        api_interviews::show,
        api_interviews::delete,
        api_interviews::mark,
        api_interviews::end,
    ),
    tags((name = "kit", description = "The interviewer kit (subscribers): question sets, sheets, interviews; a session cookie or an API token (which may write here)"))
)]
pub struct KitApi;
