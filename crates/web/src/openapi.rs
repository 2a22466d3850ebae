//! The OpenAPI 3 description of `/api/v1`, generated from the handlers'
//! annotations and the response types (utoipa), served at
//! `/api/openapi.json`. The test suite checks the API against it.

use crate::{api, auth, routes, search_page};
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
        routes::api_questions,
        routes::api_question,
        routes::api_list_2026,
        routes::api_topics,
        routes::api_levels,
        search_page::api,
        auth::api_login,
    ),
    components(schemas(api::ApiError)),
    modifiers(&Security),
    tags((name = "questions"), (name = "search"), (name = "accounts"))
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
    ApiDoc::openapi().to_pretty_json().unwrap_or_default()
}
