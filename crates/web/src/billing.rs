//! The billing page, Stripe Checkout and Stripe's webhook.

use crate::app::SharedApp;
use crate::csrf::{CsrfOnly, check_member_csrf};
use crate::errors::PageError;
use crate::forms::ValidForm;
use crate::html::private_page;
use crate::render::{self, PlanFacts};
use crate::stripe;
use crate::viewer::SignedIn;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use bytes::Bytes;
use serde::Deserialize;
use store::now;

/// The most a webhook body may hold (Stripe's events are a few KB).
pub const WEBHOOK_LIMIT: usize = 256 * 1024;

#[derive(Debug, Deserialize)]
pub struct BillingQuery {
    subscribed: Option<String>,
}

/// Why a premium reader who asked to subscribe was sent here instead.
const ALREADY_PREMIUM: &str = "You already have premium, so nothing was charged. It renews by itself until you cancel.";

pub async fn show(
    State(app): State<SharedApp>,
    SignedIn(member): SignedIn,
    Query(query): Query<BillingQuery>,
) -> Result<Response, PageError> {
    let facts = PlanFacts {
        email: &member.user.email,
        premium_until: member.user.premium_until,
        now: now(),
    };
    let note = if query.subscribed.is_some() {
        ALREADY_PREMIUM
    } else {
        ""
    };
    Ok(private_page(
        StatusCode::OK,
        render::billing(app.site.layout(true), &member.csrf, &facts, note)?,
    ))
}

pub async fn checkout(
    State(app): State<SharedApp>,
    SignedIn(member): SignedIn,
    ValidForm(form): ValidForm<CsrfOnly>,
) -> Result<Response, PageError> {
    check_member_csrf(&member.csrf, form.csrf())?;
    let Some(config) = &app.config.stripe else {
        return Err(PageError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "Billing unavailable",
            "Subscriptions are not open on this server.",
        ));
    };
    // A double click or a second tab must not start a second subscription
    // (review F11): a reader with premium is sent to the billing page.
    if member.user.is_premium_at(now()) {
        return Ok(Redirect::to("/billing?subscribed=1").into_response());
    }
    // The customer the reader already has, so Stripe does not make a new
    // one whose events we could not place (review F1).
    let customer = app.store.stripe_customer(&member.user.id).await?;
    let reader = stripe::Reader {
        user_id: &member.user.id,
        email: &member.user.email,
        customer: customer.as_deref(),
    };
    match stripe::create_checkout(&app.http, config, &reader).await {
        Ok(url) => Ok(Redirect::to(&url).into_response()),
        Err(cause) => {
            tracing::error!(%cause, "checkout failed");
            Err(PageError::new(
                StatusCode::BAD_GATEWAY,
                "Checkout unavailable",
                "Our payment provider did not answer; nothing was charged. Try again in a minute.",
            ))
        }
    }
}

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
        tracing::warn!(%error, "webhook refused");
        return (StatusCode::BAD_REQUEST, format!("refused: {error}")).into_response();
    }
    let event = match stripe::parse_event(&body, now()) {
        Ok(event) => event,
        Err(error) => {
            tracing::warn!(%error, "webhook refused");
            return (StatusCode::BAD_REQUEST, format!("refused: {error}")).into_response();
        }
    };
    match app.store.apply_billing_event(&event).await {
        Ok(applied) => {
            tracing::info!(id = %event.id, kind = %event.kind, ?applied, "webhook applied");
            (StatusCode::OK, "ok").into_response()
        }
        Err(error) => {
            // Stripe retries on 5xx: nothing was committed, so a retry is safe.
            tracing::error!(%error, id = %event.id, "webhook failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "try again").into_response()
        }
    }
}
