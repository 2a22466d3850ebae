//! Stripe, as far as we use it: creating a Checkout session, verifying a
//! webhook's `Stripe-Signature`, and reducing an event to what it means for
//! an entitlement.

use crate::app::StripeConfig;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;
use store::{BillingEvent, CHECKOUT_PROVISIONAL_SECONDS, EntitlementChange};

/// How far a webhook's timestamp may be from our clock, either way.
pub const SIGNATURE_TOLERANCE_SECONDS: i64 = 300;

/// Why a webhook was refused.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("missing or malformed Stripe-Signature header")]
    Malformed,
    #[error("timestamp outside the {SIGNATURE_TOLERANCE_SECONDS} s tolerance")]
    Stale,
    #[error("no v1 signature matches")]
    Mismatch,
}

/// Checks `t=...,v1=...[,v1=...]` against HMAC-SHA256(secret, "t.payload").
/// Any matching `v1` passes (Stripe sends several while a secret rolls); the
/// comparison is constant-time.
pub fn verify_signature(header: &str, payload: &[u8], secret: &str, now: i64) -> Result<(), SignatureError> {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", value)) => timestamp = value.parse::<i64>().ok(),
            Some(("v1", value)) => signatures.push(hex::decode(value).map_err(|_| SignatureError::Malformed)?),
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(SignatureError::Malformed)?;
    if signatures.is_empty() {
        return Err(SignatureError::Malformed);
    }
    if (now - timestamp).abs() > SIGNATURE_TOLERANCE_SECONDS {
        return Err(SignatureError::Stale);
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).map_err(|_| SignatureError::Malformed)?;
    mac.update(format!("{timestamp}.").as_bytes());
    mac.update(payload);
    if signatures
        .iter()
        .any(|signature| mac.clone().verify_slice(signature).is_ok())
    {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

/// The signature header Stripe would send (for tests and local tools).
pub fn sign(payload: &[u8], secret: &str, timestamp: i64) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(format!("{timestamp}.").as_bytes());
    mac.update(payload);
    format!("t={timestamp},v1={}", hex::encode(mac.finalize().into_bytes()))
}

/// The earliest `created` we accept (2010-01-01, before Stripe's events).
const EARLIEST_EVENT: i64 = 1_262_304_000;
/// How far in the future `created` may be (clock skew, generously).
const LATEST_EVENT_AHEAD_SECONDS: i64 = 24 * 3600;

/// Reduces a verified event to what we act on. Refuses what no real event
/// holds, even signed: a `created` near `i64::MAX` (it wrapped the
/// entitlement negative, review F15) and control characters in any id
/// (PostgreSQL refuses NUL: a 500 that Stripe would retry, review F12).
pub fn parse_event(payload: &[u8], now: i64) -> Result<BillingEvent, String> {
    let event: Value = serde_json::from_slice(payload).map_err(|error| format!("event is not JSON: {error}"))?;
    let text = |value: &Value| value.as_str().map(str::to_owned);
    let id = text(&event["id"]).ok_or("event has no id")?;
    let kind = text(&event["type"]).ok_or("event has no type")?;
    let created = event["created"].as_i64().ok_or("event has no created time")?;
    if !(EARLIEST_EVENT..=now.saturating_add(LATEST_EVENT_AHEAD_SECONDS)).contains(&created) {
        return Err(format!("event created at {created}, not a plausible time"));
    }
    let object = &event["data"]["object"];
    let customer = text(&object["customer"]);
    let mut parsed = BillingEvent {
        id,
        kind: kind.clone(),
        created,
        user_id: None,
        customer_id: customer,
        subscription_id: None,
        change: None,
    };
    match kind.as_str() {
        "checkout.session.completed" => {
            parsed.user_id = text(&object["client_reference_id"]);
            parsed.subscription_id = text(&object["subscription"]);
            parsed.change = Some(EntitlementChange::ActiveUntil(
                created.saturating_add(CHECKOUT_PROVISIONAL_SECONDS),
            ));
        }
        "customer.subscription.created" | "customer.subscription.updated" => {
            parsed.subscription_id = text(&object["id"]);
            parsed.user_id = text(&object["metadata"]["user_id"]);
            let period_end = object["current_period_end"]
                .as_i64()
                .or_else(|| object["items"]["data"][0]["current_period_end"].as_i64());
            parsed.change = match (object["status"].as_str(), period_end) {
                (Some("active" | "trialing"), Some(end)) => Some(EntitlementChange::ActiveUntil(end)),
                (Some("past_due"), _) => Some(EntitlementChange::PaymentFailed),
                (Some("canceled" | "unpaid" | "incomplete_expired"), _) => Some(EntitlementChange::Ended),
                _ => None,
            };
        }
        "customer.subscription.deleted" => {
            parsed.subscription_id = text(&object["id"]);
            parsed.user_id = text(&object["metadata"]["user_id"]);
            parsed.change = Some(EntitlementChange::Ended);
        }
        "invoice.payment_failed" => parsed.change = Some(EntitlementChange::PaymentFailed),
        "invoice.paid" => {
            parsed.change = object["lines"]["data"][0]["period"]["end"]
                .as_i64()
                .map(EntitlementChange::ActiveUntil);
        }
        _ => {}
    }
    let ids = [
        Some(&parsed.id),
        Some(&parsed.kind),
        parsed.user_id.as_ref(),
        parsed.customer_id.as_ref(),
        parsed.subscription_id.as_ref(),
    ];
    if ids.into_iter().flatten().any(|field| crate::forms::has_control(field)) {
        return Err("an id holds a control character".to_owned());
    }
    Ok(parsed)
}

/// Who is subscribing.
#[derive(Debug)]
pub struct Reader<'a> {
    pub user_id: &'a str,
    pub email: &'a str,
    /// The Stripe customer the reader already has, if any.
    pub customer: Option<&'a str>,
}

/// Creates a Checkout session for a subscription; returns its URL.
///
/// A reader who has paid before is passed as `customer`: otherwise Stripe
/// creates a new Customer at every Checkout. The user id also goes into the
/// subscription's metadata, so its events name the reader whichever
/// customer they carry.
pub async fn create_checkout(
    http: &reqwest::Client,
    config: &StripeConfig,
    reader: &Reader<'_>,
) -> Result<String, String> {
    let success = format!("{}/billing?checkout=done", config.public_url);
    let cancel = format!("{}/billing", config.public_url);
    let who = match reader.customer {
        Some(customer) => ("customer", customer),
        None => ("customer_email", reader.email),
    };
    let form = [
        ("mode", "subscription"),
        ("line_items[0][price]", config.price_id.as_str()),
        ("line_items[0][quantity]", "1"),
        ("client_reference_id", reader.user_id),
        who,
        ("subscription_data[metadata][user_id]", reader.user_id),
        ("success_url", success.as_str()),
        ("cancel_url", cancel.as_str()),
    ];
    let response = http
        .post(format!("{}/v1/checkout/sessions", config.api_base))
        .basic_auth(&config.secret_key, Some(""))
        .form(&form)
        .send()
        .await
        .map_err(|error| format!("Stripe did not answer: {error}"))?;
    let status = response.status();
    let body: Value = response
        .json()
        .await
        .map_err(|error| format!("Stripe's answer is not JSON: {error}"))?;
    if !status.is_success() {
        return Err(format!(
            "Stripe refused the checkout ({status}): {}",
            body["error"]["message"]
        ));
    }
    body["url"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| "Stripe's answer has no url".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_test";

    #[test]
    fn accepts_any_matching_signature_within_tolerance() {
        let payload = br#"{"id":"evt_1"}"#;
        let header = sign(payload, SECRET, 1_000);
        assert_eq!(verify_signature(&header, payload, SECRET, 1_000), Ok(()));
        assert_eq!(verify_signature(&header, payload, SECRET, 1_300), Ok(()));
        let rolled = format!(
            "t=1000,v1={},{}",
            "00".repeat(32),
            header.split(',').nth(1).unwrap_or_default()
        );
        assert_eq!(
            verify_signature(&rolled, payload, SECRET, 1_000),
            Ok(()),
            "second v1 matches"
        );
    }

    #[test]
    fn refuses_forged_stale_future_and_tampered_events() {
        let payload = br#"{"id":"evt_1"}"#;
        let header = sign(payload, SECRET, 1_000);
        assert_eq!(
            verify_signature(&header, payload, "whsec_other", 1_000),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify_signature(&header, payload, SECRET, 1_301),
            Err(SignatureError::Stale)
        );
        assert_eq!(
            verify_signature(&header, payload, SECRET, 699),
            Err(SignatureError::Stale),
            "from the future"
        );
        assert_eq!(
            verify_signature(&header, br#"{"id":"evt_2"}"#, SECRET, 1_000),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify_signature("v1=zz", payload, SECRET, 1_000),
            Err(SignatureError::Malformed)
        );
        assert_eq!(
            verify_signature("t=1000", payload, SECRET, 1_000),
            Err(SignatureError::Malformed)
        );
    }

    #[test]
    fn maps_events_to_entitlement_changes() {
        let event = |kind: &str, object: &str| {
            let json = format!(r#"{{"id":"evt","type":"{kind}","created":1700000000,"data":{{"object":{object}}}}}"#);
            parse_event(json.as_bytes(), 1_700_000_000).expect("valid event")
        };
        let checkout = event(
            "checkout.session.completed",
            r#"{"client_reference_id":"u1","customer":"cus_1","subscription":"sub_1"}"#,
        );
        assert_eq!(checkout.user_id.as_deref(), Some("u1"));
        assert_eq!(
            checkout.change,
            Some(EntitlementChange::ActiveUntil(
                1_700_000_000 + CHECKOUT_PROVISIONAL_SECONDS
            ))
        );
        let active = event(
            "customer.subscription.updated",
            r#"{"id":"sub_1","customer":"cus_1","status":"active","items":{"data":[{"current_period_end":999}]}}"#,
        );
        assert_eq!(active.change, Some(EntitlementChange::ActiveUntil(999)));
        let past_due = event(
            "customer.subscription.updated",
            r#"{"customer":"cus_1","status":"past_due"}"#,
        );
        assert_eq!(past_due.change, Some(EntitlementChange::PaymentFailed));
        assert_eq!(
            event("customer.subscription.deleted", r#"{"customer":"cus_1"}"#).change,
            Some(EntitlementChange::Ended)
        );
        assert_eq!(
            event("invoice.payment_failed", r#"{"customer":"cus_1"}"#).change,
            Some(EntitlementChange::PaymentFailed)
        );
        assert_eq!(event("charge.refunded", r#"{"customer":"cus_1"}"#).change, None);
        assert!(parse_event(b"not json", 1_700_000_000).is_err());
        let at = |created: i64| {
            format!(r#"{{"id":"evt","type":"invoice.paid","created":{created},"data":{{"object":{{}}}}}}"#)
        };
        assert!(
            parse_event(at(i64::MAX).as_bytes(), 1_700_000_000).is_err(),
            "absurd time"
        );
        assert!(parse_event(at(-5).as_bytes(), 1_700_000_000).is_err(), "before Stripe");
        assert!(
            parse_event(at(1_700_000_000 + 3600).as_bytes(), 1_700_000_000).is_ok(),
            "clock skew"
        );
        let nul = r#"{"id":"evt_\u0000","type":"invoice.paid","created":1700000000,"data":{"object":{}}}"#;
        assert!(parse_event(nul.as_bytes(), 1_700_000_000).is_err(), "NUL in an id");
    }
}
