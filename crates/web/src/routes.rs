//! Every route of the site in one place, and the handlers for pages that
//! come from the bank. Accounts and billing live in their own modules.

use crate::api::Paging;
use crate::app::SharedApp;
use crate::encoding::JSON;
use crate::errors::PageError;
use crate::filter::QuestionFilter;
use crate::forms::FORM_LIMIT;
use crate::prerendered::{asset, not_found_page, serve};
use crate::site::{Look, Page};
use crate::viewer::Viewer;
use crate::{account, api, auth, billing, export, html, search_page, security};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use bank::{Experience, Level, Lookup, Topic};
use std::sync::Arc;

/// Longest request target we answer; longer ones get 414.
pub const MAX_URI_LEN: usize = 2048;

type AppState = State<SharedApp>;

/// The whole application.
pub fn router(app: SharedApp) -> Router {
    let pages = Router::new()
        .route("/", get(page))
        .route("/faq", get(page))
        .route("/rust/2026", get(page))
        .route("/rust/2026/{n}", get(list_entry))
        .route("/questions", get(questions))
        .route("/questions/{slug}", get(question))
        .route("/levels/{level}", get(level_page))
        .route("/experience/{band}", get(experience_page))
        .route("/topics/{topic}", get(topic_page))
        .route("/static/{file}", get(asset))
        .route("/favicon.ico", get(asset))
        .route("/robots.txt", get(asset))
        .route("/sitemap.xml", get(asset))
        .route("/feed.xml", get(asset))
        .route("/api/v1/questions", get(api_questions))
        .route("/api/v1/questions/{slug}", get(api_question))
        .route("/api/v1/session", post(auth::api_login))
        .route("/api/v1/search", get(search_page::api))
        .route("/search", get(search_page::page))
        .route("/export/{file}", get(export::download))
        .route("/api/v1/list-2026", get(api_list_2026))
        .route("/api/v1/topics", get(api_topics))
        .route("/api/v1/levels", get(api_levels))
        .route("/api/openapi.json", get(asset))
        .route("/healthz", get(|| async { "ok" }))
        .route("/signup", get(auth::signup_page).post(auth::signup))
        .route("/login", get(auth::login_page).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/account", get(account::show))
        .route("/account/password", post(account::change_password))
        .route("/account/delete", post(account::delete))
        .route("/account/data", get(account::export))
        .route("/account/tokens", post(account::create_token))
        .route("/account/tokens/revoke", post(account::revoke_token))
        .route("/billing", get(billing::page::show))
        .route("/billing/checkout", post(billing::page::checkout))
        .layer(DefaultBodyLimit::max(FORM_LIMIT));
    let webhook = Router::new()
        .route("/billing/webhook", post(billing::webhook::webhook))
        .layer(DefaultBodyLimit::max(billing::webhook::WEBHOOK_LIMIT));
    pages
        .merge(webhook)
        .fallback(not_found)
        .layer(middleware::from_fn(security::same_origin_writes))
        .layer(middleware::from_fn_with_state(Arc::clone(&app), guard))
        .layer(middleware::from_fn_with_state(Arc::clone(&app), security::headers))
        .with_state(app)
}

/// Refuses request targets too long to be a real link, and turns errors
/// (ours, and axum's plain-text rejections) into the site's error page.
async fn guard(State(app): AppState, request: Request, next: Next) -> Response {
    let target_len = request.uri().path_and_query().map_or(0, |target| target.as_str().len());
    if target_len > MAX_URI_LEN {
        return error_page(
            &app,
            &PageError::new(
                StatusCode::URI_TOO_LONG,
                "Address too long",
                "This address is longer than any page of the site. Check the link.",
            ),
        );
    }
    let api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if let Some(error) = response.extensions().get::<Arc<PageError>>().cloned() {
        let mut answer = if api {
            api_error(error.status, &error.message)
        } else {
            error_page(&app, &error)
        };
        if let Some(seconds) = error.retry_after {
            answer.headers_mut().insert(header::RETRY_AFTER, seconds.into());
        }
        return answer;
    }
    let plain_text = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"text/plain"));
    let status = response.status();
    match status {
        StatusCode::METHOD_NOT_ALLOWED => error_page(
            &app,
            &PageError::new(
                status,
                "Method not allowed",
                "This address does not answer this kind of request.",
            ),
        ),
        StatusCode::BAD_REQUEST if plain_text && !api => error_page(
            &app,
            &PageError::bad_request("This address is not valid. Check the link."),
        ),
        StatusCode::PAYLOAD_TOO_LARGE if plain_text => error_page(
            &app,
            &PageError::new(
                status,
                "Request too large",
                "This request sent more data than this address accepts.",
            ),
        ),
        _ => response,
    }
}

async fn page(State(app): AppState, viewer: Viewer, uri: Uri, headers: HeaderMap) -> Response {
    let page = match uri.path() {
        "/" => Page::Landing,
        "/faq" => Page::Faq,
        _ => Page::List2026,
    };
    serve(&app, page, viewer.look(), &headers)
}

async fn question(State(app): AppState, viewer: Viewer, Path(slug): Path<String>, headers: HeaderMap) -> Response {
    match app.site.bank.lookup(&slug) {
        Some(Lookup::Question(question)) => serve(
            &app,
            Page::Question(app.site.bank.index_of(question)),
            viewer.look(),
            &headers,
        ),
        Some(Lookup::Alias(question)) => Redirect::permanent(&format!("/questions/{}", question.slug)).into_response(),
        None => not_found_page(&app, &viewer, &headers),
    }
}

async fn list_entry(State(app): AppState, viewer: Viewer, Path(n): Path<String>, headers: HeaderMap) -> Response {
    match n.parse::<u16>().ok().and_then(|n| app.site.bank.answer_to_entry(n)) {
        Some(question) => Redirect::permanent(&format!("/questions/{}", question.slug)).into_response(),
        None => not_found_page(&app, &viewer, &headers),
    }
}

async fn questions(State(app): AppState, viewer: Viewer, uri: Uri, headers: HeaderMap) -> Response {
    match QuestionFilter::from_query(uri.query()) {
        Ok(filter) => serve(&app, Page::Listing(filter), viewer.look(), &headers),
        Err(message) => PageError::new(StatusCode::BAD_REQUEST, "Bad filter", message).into_response(),
    }
}

async fn level_page(State(app): AppState, viewer: Viewer, Path(level): Path<String>, headers: HeaderMap) -> Response {
    browse(&app, &viewer, &headers, Level::parse(&level).map(QuestionFilter::level))
}

async fn experience_page(
    State(app): AppState,
    viewer: Viewer,
    Path(band): Path<String>,
    headers: HeaderMap,
) -> Response {
    browse(
        &app,
        &viewer,
        &headers,
        Experience::parse(&band).map(QuestionFilter::experience),
    )
}

async fn topic_page(State(app): AppState, viewer: Viewer, Path(topic): Path<String>, headers: HeaderMap) -> Response {
    browse(&app, &viewer, &headers, Topic::parse(&topic).map(QuestionFilter::topic))
}

fn browse(app: &SharedApp, viewer: &Viewer, headers: &HeaderMap, filter: Option<QuestionFilter>) -> Response {
    match filter {
        Some(filter) => serve(app, Page::Listing(filter), viewer.look(), headers),
        None => not_found_page(app, viewer, headers),
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/questions",
    tag = "questions",
    params(
        ("level" = Option<String>, Query, description = "beginner, intermediate or senior"),
        ("experience" = Option<String>, Query, description = "0-2, 2-5 or 5+"),
        ("topic" = Option<String>, Query, description = "A topic from /api/v1/topics"),
        ("free" = Option<String>, Query, description = "true: only the free sample questions"),
        ("page" = Option<usize>, Query, description = "Page number, from 1", minimum = 1),
        ("per_page" = Option<usize>, Query, description = "Questions per page, 1 to 100 (default 100)", minimum = 1, maximum = 100),
    ),
    responses(
        (status = 200, description = "A page of questions, in list order", body = crate::api::List),
        (status = 400, description = "An unknown filter value or bad paging", body = crate::api::ApiError),
    )
)]
pub(crate) async fn api_questions(State(app): AppState, uri: Uri, headers: HeaderMap) -> Response {
    let parsed =
        QuestionFilter::from_query(uri.query()).and_then(|filter| Ok((filter, Paging::from_query(uri.query())?)));
    match parsed {
        Ok((filter, paging)) if paging == Paging::default() => {
            serve(&app, Page::ListJson(filter), Look::Anonymous, &headers)
        }
        Ok((filter, paging)) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, JSON)],
            api::list_json(&app.site.bank, &filter, paging),
        )
            .into_response(),
        Err(message) => api_error(StatusCode::BAD_REQUEST, &message),
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/questions/{slug}",
    tag = "questions",
    params(("slug" = String, Path, description = "The question's slug (or another phrasing's, which redirects)")),
    responses(
        (status = 200, description = "The question; sections only for a reader with access or a free sample", body = crate::api::Detail),
        (status = 308, description = "Another phrasing of a question: see Location"),
        (status = 404, description = "No question has this slug", body = crate::api::ApiError),
    ),
    security((), ("bearer" = []), ("session" = []))
)]
pub(crate) async fn api_question(
    State(app): AppState,
    viewer: Viewer,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    match app.site.bank.lookup(&slug) {
        Some(Lookup::Question(question)) => serve(
            &app,
            Page::QuestionJson(app.site.bank.index_of(question)),
            viewer.look(),
            &headers,
        ),
        Some(Lookup::Alias(question)) => {
            Redirect::permanent(&format!("/api/v1/questions/{}", question.slug)).into_response()
        }
        None => api_error(StatusCode::NOT_FOUND, "No question has this slug."),
    }
}

#[utoipa::path(get, path = "/api/v1/list-2026", tag = "questions",
    responses((status = 200, description = "All 156 entries of the published list, in order", body = crate::api::List2026)))]
pub(crate) async fn api_list_2026(state: AppState, uri: Uri, headers: HeaderMap) -> Response {
    asset(state, uri, headers).await
}

#[utoipa::path(get, path = "/api/v1/topics", tag = "questions",
    responses((status = 200, description = "The topics, with question counts", body = crate::api::Topics)))]
pub(crate) async fn api_topics(state: AppState, uri: Uri, headers: HeaderMap) -> Response {
    asset(state, uri, headers).await
}

#[utoipa::path(get, path = "/api/v1/levels", tag = "questions",
    responses((status = 200, description = "Levels and experience bands, with question counts", body = crate::api::Levels)))]
pub(crate) async fn api_levels(state: AppState, uri: Uri, headers: HeaderMap) -> Response {
    asset(state, uri, headers).await
}

async fn not_found(State(app): AppState, viewer: Viewer, uri: Uri, headers: HeaderMap) -> Response {
    if uri.path().starts_with("/api/") {
        return api_error(StatusCode::NOT_FOUND, "No such API endpoint.");
    }
    not_found_page(&app, &viewer, &headers)
}

fn api_error(status: StatusCode, message: &str) -> Response {
    (status, [(header::CONTENT_TYPE, JSON)], api::error_json(message)).into_response()
}

/// The site's page for an error, with the status that says what happened.
fn error_page(app: &SharedApp, error: &PageError) -> Response {
    html::error_page(app.site.layout(false), error)
}
