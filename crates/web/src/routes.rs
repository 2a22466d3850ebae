//! Every route of the site in one place. The handlers live in their rooms
//! (`pages`, `api`, `accounts`, `billing`, `practice`); the layers every answer passes
//! through are the core's (`guard`, `security`, and outermost `observe::access`:
//! the request id, the access line and the request metrics).

use crate::accounts::{account, auth, email_change, recovery, verify};
use crate::app::SharedApp;
use crate::forms::FORM_LIMIT;
use crate::observe::access::ObserveLayer;
use crate::pages::{export, questions, search};
use crate::practice::{add, api as practice_api, api_cards, mock, progress, quiz_pages, review, saved, settings};
use crate::prerendered::asset;
use crate::{api, billing, guard, security};
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::middleware;
use axum::response::Response;
use axum::routing::{get, post};
use std::sync::Arc;

/// The whole application.
pub fn router(app: SharedApp) -> Router {
    let pages = Router::new()
        .route("/", get(questions::page))
        .route("/faq", get(questions::page))
        .route("/rust/2026", get(questions::page))
        .route("/rust/2026/{n}", get(questions::list_entry))
        .route("/questions", get(questions::questions))
        .route("/questions/{slug}", get(questions::question))
        .route("/levels/{level}", get(questions::level_page))
        .route("/experience/{band}", get(questions::experience_page))
        .route("/topics/{topic}", get(questions::topic_page))
        .route("/static/{file}", get(asset))
        .route("/favicon.ico", get(asset))
        .route("/robots.txt", get(asset))
        .route("/sitemap.xml", get(asset))
        .route("/feed.xml", get(asset))
        .route("/api/v1/questions", get(api::questions::api_questions))
        .route("/api/v1/questions/{slug}", get(api::questions::api_question))
        .route("/api/v1/session", post(auth::api_login))
        .route("/api/v1/search", get(api::search::api))
        .route("/search", get(search::page))
        .route("/export/{file}", get(export::download))
        .route("/api/v1/list-2026", get(api::questions::api_list_2026))
        .route("/api/v1/topics", get(api::questions::api_topics))
        .route("/api/v1/levels", get(api::questions::api_levels))
        .route("/api/openapi.json", get(api::openapi::serve))
        // Liveness, and readiness (see `readiness`).
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        .route("/signup", get(auth::signup_page).post(auth::signup))
        .route("/login", get(auth::login_page).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/account", get(account::show))
        .route("/account/password", post(account::change_password))
        .route("/account/delete", post(account::delete))
        .route("/account/data", get(account::export))
        .route("/account/tokens", post(account::create_token))
        .route("/account/tokens/revoke", post(account::revoke_token))
        // accounts: recovery and email
        .route("/password/forgot", get(recovery::forgot_page).post(recovery::forgot))
        .route("/password/reset", get(recovery::reset_page).post(recovery::reset))
        .route("/account/activate", get(verify::activate_page).post(verify::activate))
        .route("/account/email", post(email_change::change_email))
        .route(
            "/account/email/confirm",
            get(email_change::confirm_email_page).post(email_change::confirm_email),
        )
        .route("/billing", get(billing::page::show))
        .route("/billing/checkout", post(billing::page::checkout))
        // practice
        .route("/practice/saved", get(saved::list).post(saved::save))
        .route("/practice/saved/remove", post(saved::unsave))
        .route("/practice/notes", post(saved::note))
        .route("/practice/questions/{slug}", get(saved::page))
        .route("/practice/cards", post(add::add))
        .route("/practice/review", get(review::show))
        .route("/practice/review/reveal", post(review::reveal))
        .route("/practice/review/grade", post(review::grade))
        .route("/practice/settings", get(settings::show).post(settings::save))
        .route("/quizzes", get(quiz_pages::list))
        .route("/quizzes/{slug}", get(quiz_pages::show).post(quiz_pages::answer))
        .route("/api/v1/quizzes", get(practice_api::quizzes))
        .route("/api/v1/practice/due", get(practice_api::due))
        .route("/api/v1/practice/stats", get(practice_api::stats))
        .route(
            "/api/v1/practice/notes/{slug}",
            get(practice_api::note).put(practice_api::put_note),
        )
        .route("/api/v1/practice/cards", post(api_cards::add))
        .route("/api/v1/practice/cards/{slug}/reviews", post(api_cards::review))
        // practice: mock interviews and progress
        .route("/static/mock-clock.js", get(mock::clock::script))
        .route("/practice/mock", get(mock::pages::index).post(mock::pages::start))
        .route("/practice/mock/{id}", get(mock::pages::show))
        .route("/practice/mock/{id}/items/{position}/reveal", post(mock::pages::reveal))
        .route("/practice/mock/{id}/items/{position}/grade", post(mock::pages::grade))
        .route("/practice/mock/{id}/finish", post(mock::pages::finish))
        .route("/practice/mock/{id}/queue", post(mock::pages::queue))
        .route("/practice", get(progress::page::show))
        .route("/api/v1/practice/progress", get(progress::api::show))
        .route("/api/v1/practice/mocks", get(mock::api::list).post(mock::api::create))
        .route("/api/v1/practice/mocks/{id}", get(mock::api::show))
        .route(
            "/api/v1/practice/mocks/{id}/items/{position}/start",
            post(mock::api::start),
        )
        .route(
            "/api/v1/practice/mocks/{id}/items/{position}/reveal",
            post(mock::api::reveal),
        )
        .route(
            "/api/v1/practice/mocks/{id}/items/{position}/grade",
            post(mock::api::grade),
        )
        .route("/api/v1/practice/mocks/{id}/finish", post(mock::api::finish))
        .route("/api/v1/practice/mocks/{id}/queue", post(mock::api::queue))
        .layer(DefaultBodyLimit::max(FORM_LIMIT));
    let webhook = Router::new()
        .route("/billing/webhook", post(billing::webhook::webhook))
        .layer(DefaultBodyLimit::max(billing::webhook::WEBHOOK_LIMIT));
    pages
        .merge(webhook)
        .fallback(guard::not_found)
        .layer(middleware::from_fn(security::same_origin_writes))
        .layer(middleware::from_fn_with_state(Arc::clone(&app), guard::guard))
        .layer(middleware::from_fn_with_state(Arc::clone(&app), security::headers))
        .layer(ObserveLayer::new(Arc::clone(&app)))
        .with_state(app)
}

/// `GET /readyz`: 200 "ready", or 503 with the reason.
async fn ready(State(app): State<SharedApp>) -> Response {
    app.readiness.answer(&app.store).await
}
