//! Every route of the site in one place. The handlers live in their rooms
//! (`pages`, `api`, `accounts`, `billing`, `practice`); the layers every answer passes
//! through are the core's (`gate`: `guard` and `security`; and outermost
//! `observe::access`: the request id, the access line and the request metrics).

use crate::accounts::{account, auth, email_change, recovery, verify};
use crate::app::SharedApp;
use crate::forms::FORM_LIMIT;
use crate::gate::GateLayer;
use crate::observe::access::ObserveLayer;
use crate::pages::{export, questions, search};
use crate::practice::{add, api as practice_api, api_cards, mock, progress, quiz_pages, review, saved, settings};
use crate::prerendered::asset;
use crate::{api, billing, guard, kit};
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::response::Response;
use axum::routing::{get, post, put};
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
        .merge(kit_routes())
        .layer(DefaultBodyLimit::max(FORM_LIMIT));
    let webhook = Router::new()
        .route("/billing/webhook", post(billing::webhook::webhook))
        .layer(DefaultBodyLimit::max(billing::webhook::WEBHOOK_LIMIT));
    pages
        .merge(webhook)
        .fallback(guard::not_found)
        .layer(GateLayer::new(Arc::clone(&app)))
        .layer(ObserveLayer::new(Arc::clone(&app)))
        .with_state(app)
}

/// `GET /readyz`: 200 "ready", or 503 with the reason.
async fn ready(State(app): State<SharedApp>) -> Response {
    app.readiness.answer(&app.store).await
}

/// The interviewer kit (issue 14): pages, share links and its API.
fn kit_routes() -> Router<SharedApp> {
    use kit::{api as kit_api, api_interviews, interviews, items, sets, share, sheet};
    Router::new()
        .route("/kit", get(sets::index).post(sets::create))
        .route("/kit/{id}", get(sets::show))
        .route("/kit/{id}/rename", post(sets::rename))
        .route("/kit/{id}/duplicate", post(sets::duplicate))
        .route("/kit/{id}/delete", post(sets::delete))
        .route("/kit/{id}/items", post(items::add))
        .route("/kit/{id}/items/matching", post(items::add_matching))
        .route("/kit/{id}/items/{slug}", post(items::edit))
        .route("/kit/{id}/items/{slug}/move", post(items::move_item))
        .route("/kit/{id}/items/{slug}/remove", post(items::remove))
        .route("/kit/{id}/order", post(items::reorder))
        .route("/kit/{id}/sheet", get(sheet::page))
        .route("/kit/{id}/sheet.md", get(sheet::markdown))
        .route("/kit/{id}/share", post(share::create))
        .route("/kit/{id}/share/revoke", post(share::revoke))
        .route("/kit/{id}/interviews", get(interviews::list).post(interviews::start))
        .route("/kit/{id}/interviews/{interview}", get(interviews::show))
        .route("/kit/{id}/interviews/{interview}/marks", post(interviews::mark))
        .route("/kit/{id}/interviews/{interview}/end", post(interviews::end))
        .route("/kit/{id}/interviews/{interview}/delete", post(interviews::delete))
        .route(
            "/kit/{id}/interviews/{interview}/summary.md",
            get(interviews::summary_markdown),
        )
        .route(
            "/kit/{id}/interviews/{interview}/summary.json",
            get(interviews::summary_json),
        )
        .route("/kit/shared/{token}", get(share::sheet))
        .route("/kit/candidate/{token}", get(share::candidate))
        .route("/kit/candidate/{token}/queue", post(share::queue))
        .route("/api/v1/kit/sets", get(kit_api::list).post(kit_api::create))
        .route(
            "/api/v1/kit/sets/{id}",
            get(kit_api::show).put(kit_api::rename).delete(kit_api::delete),
        )
        .route("/api/v1/kit/sets/{id}/items", post(kit_api::add))
        .route(
            "/api/v1/kit/sets/{id}/items/{slug}",
            put(kit_api::edit).delete(kit_api::remove),
        )
        .route("/api/v1/kit/sets/{id}/order", put(kit_api::reorder))
        .route("/api/v1/kit/sets/{id}/sheet", get(kit_api::sheet))
        .route(
            "/api/v1/kit/sets/{id}/interviews",
            get(api_interviews::list).post(api_interviews::start),
        )
        .route(
            "/api/v1/kit/interviews/{id}",
            get(api_interviews::show).delete(api_interviews::delete),
        )
        .route("/api/v1/kit/interviews/{id}/marks/{slug}", put(api_interviews::mark))
        .route("/api/v1/kit/interviews/{id}/end", post(api_interviews::end))
}
