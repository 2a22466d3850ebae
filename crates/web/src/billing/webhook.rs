//! Stripe's webhook: each event verified (`Stripe-Signature`), then applied
//! once, in order, by the store.

use crate::app::SharedApp;
use crate::billing::stripe;
use crate::observe::names::WEBHOOK_EVENTS;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use store::{Applied, now};

/// The most a webhook body may hold (Stripe's events are a few KB).
pub const WEBHOOK_LIMIT: usize = 256 * 1024;

/// Verifies, then applies, one Stripe event. A bad signature or body is a
/// 400 and changes nothing; a duplicate is acknowledged and not applied again.
pub async fn webhook(State(app): State<SharedApp>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(config) = &app.config.stripe else {
        return (StatusCode::SERVICE_UNAVAILABLE, "billing is not configured").into_response();
    };
    let signature = headers
        .get("stripe-signature")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    if let Err(error) = stripe::verify_signature(signature, &body, &config.webhook_secret, now()) {
        outcome("refused");
        tracing::warn!(%error, "webhook refused");
        return (StatusCode::BAD_REQUEST, format!("refused: {error}")).into_response();
    }
    let event = match stripe::parse_event(&body, now()) {
        Ok(event) => event,
        Err(error) => {
            outcome("refused");
            tracing::warn!(%error, "webhook refused");
            return (StatusCode::BAD_REQUEST, format!("refused: {error}")).into_response();
        }
    };
    match app.store.apply_billing_event(&event).await {
        Ok(applied) => {
            outcome(match applied {
                Applied::Updated { .. } => "updated",
                Applied::Duplicate => "duplicate",
                Applied::Ignored => "ignored",
            });
            tracing::info!(id = %event.id, kind = %event.kind, ?applied, "webhook applied");
            (StatusCode::OK, "ok").into_response()
        }
        Err(error) => {
            outcome("failed");
            // Stripe retries on 5xx: nothing was committed, so a retry is safe.
            tracing::error!(%error, id = %event.id, "webhook failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "try again").into_response()
        }
    }
}

/// Counts a delivery by what became of it.
fn outcome(outcome: &'static str) {
    metrics::counter!(WEBHOOK_EVENTS, "outcome" => outcome).increment(1);
}
