//! The practice API's part of the OpenAPI document; `api::openapi` merges
//! it into the site's.

use crate::practice::{api, api_cards};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    paths(
        api::quizzes,
        api::due,
        api::stats,
        api::note,
        api::put_note,
        api_cards::add,
        api_cards::review,
    ),
    tags((name = "practice", description = "Spaced-repetition review, notes and quizzes: a session cookie or an API token (which may write here)"))
)]
pub struct PracticeApi;
