//! The OpenAPI 3 description of `/api/v1`, generated from the handlers'
//! annotations and the response types (utoipa), served at
//! `/api/openapi.json`. The test suite checks the API against it.

use crate::accounts::auth;
use crate::api::{questions, search};
use crate::encoding::{Encoded, JSON, REVALIDATE};
use crate::errors::ApiError;
use crate::practice::{mock, progress};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use std::sync::LazyLock;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "rustprep API",
        description = "Rust interview questions: the free part of every question for anyone; every section for a reader with premium access (session cookie or personal API token).",
        version = "1"
    ),
    paths(
        questions::api_questions,
        questions::api_question,
        questions::api_list_2026,
        questions::api_topics,
        questions::api_levels,
        search::api,
        auth::api_login,
        mock::api::list,
        mock::api::create,
        mock::api::show,
        mock::api::start,
        mock::api::reveal,
        mock::api::grade,
        mock::api::finish,
        mock::api::queue,
        progress::api::show,
    ),
    components(schemas(ApiError)),
    modifiers(&Security),
    tags((name = "questions"), (name = "search"), (name = "accounts"), (name = "practice"), (name = "kit"))
)]
struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("rp_session"))),
        );
    }
}

/// The document as JSON.
pub fn document() -> String {
    let mut document = ApiDoc::openapi();
    document.merge(crate::practice::PracticeApi::openapi());
    document.merge(crate::kit::KitApi::openapi());
    document.to_pretty_json().unwrap_or_default()
}

/// `/api/openapi.json`: generated and compressed once, on first request.
pub async fn serve(headers: HeaderMap) -> Response {
    static DOCUMENT: LazyLock<Encoded> = LazyLock::new(|| Encoded::new(StatusCode::OK, JSON, REVALIDATE, document()));
    DOCUMENT.respond(&headers)
}
