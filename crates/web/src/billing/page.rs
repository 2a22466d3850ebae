//! The billing page, and its button: a Stripe Checkout session for a
//! reader without premium.

use crate::app::SharedApp;
use crate::billing::plan::PlanFacts;
use crate::billing::stripe;
use crate::csrf::{CsrfOnly, check_member_csrf};
use crate::errors::PageError;
use crate::forms::ValidForm;
use crate::html::{Layout, human_instant, private_page};
use crate::viewer::SignedIn;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use store::now;

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
    let facts = PlanFacts::of(&member);
    let note = if query.subscribed.is_some() {
        ALREADY_PREMIUM
    } else {
        ""
    };
    Ok(private_page(
        StatusCode::OK,
        render(app.site.layout(true), &member.csrf, &facts, note)?,
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

#[derive(Template)]
#[template(path = "billing/billing.html")]
struct BillingPage<'a> {
    layout: &'a Layout,
    csrf: &'a str,
    plan: String,
    ends_label: &'a str,
    ends: String,
    can_subscribe: bool,
    error: &'a str,
}

fn render(layout: &Layout, csrf: &str, facts: &PlanFacts<'_>, error: &str) -> askama::Result<String> {
    let active = facts.active();
    BillingPage {
        layout,
        csrf,
        plan: if active {
            "Premium".to_owned()
        } else {
            "Free".to_owned()
        },
        ends_label: if active {
            "Renews or ends on"
        } else {
            "Premium ended on"
        },
        ends: facts.premium_until.map(human_instant).unwrap_or_default(),
        can_subscribe: !active,
        error,
    }
    .render()
}
