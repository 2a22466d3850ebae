//! Billing events from Stripe turned into entitlements. Each event id is
//! applied at most once, in the same transaction as its effect; an event
//! older than the last one applied to a user cannot undo a newer one, even
//! when both arrive at once. Every Stripe customer a user pays with is
//! linked to them, so later events about any of them find the user.

use crate::bounded::{commit, on};
use crate::db::Store;
use crate::error::StoreError;
use crate::{Timestamp, now};
use sqlx::Row;

/// How long premium lasts after a failed payment, while Stripe retries.
pub const PAYMENT_GRACE_SECONDS: Timestamp = 3 * 24 * 3600;
/// What a completed checkout grants until the subscription's own period
/// arrives in a `customer.subscription.*` event.
pub const CHECKOUT_PROVISIONAL_SECONDS: Timestamp = 31 * 24 * 3600;

/// What an event means for a customer's entitlement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntitlementChange {
    /// Premium until this instant (an active subscription's period end).
    ActiveUntil(Timestamp),
    /// Premium ends now (subscription deleted or expired).
    Ended,
    /// A payment failed: premium continues for the grace period at most.
    PaymentFailed,
}

/// One verified billing event, reduced to what we act on.
#[derive(Debug, Clone)]
pub struct BillingEvent {
    pub id: String,
    pub kind: String,
    /// Stripe's `created` (Unix seconds): orders events per customer.
    pub created: Timestamp,
    /// Who the event is about: our user id (from checkout's
    /// `client_reference_id`) and/or the Stripe customer id.
    pub user_id: Option<String>,
    pub customer_id: Option<String>,
    pub subscription_id: Option<String>,
    pub change: Option<EntitlementChange>,
}

/// What applying an event did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    /// The event changed (or confirmed) an entitlement.
    Updated {
        user_id: String,
        premium_until: Option<Timestamp>,
    },
    /// Seen before: nothing done.
    Duplicate,
    /// Recorded, but older than what was already applied, or about no user
    /// we know: nothing changed.
    Ignored,
}

/// The longest subscription period we believe: a period end further away
/// than this (only reachable with Stripe's signature) is clamped to it.
pub const MAX_PERIOD_SECONDS: Timestamp = 10 * 366 * 24 * 3600;

impl Store {
    /// Applies a verified event exactly once.
    ///
    /// Ordering holds under concurrency on both databases: the user's row is
    /// locked (a no-op `UPDATE`) before `billing_event_at` is read, and the
    /// write is conditional on it as well. Without that, PostgreSQL's READ
    /// COMMITTED let two deliveries read the same old value and the older
    /// event commit last (review F6).
    pub async fn apply_billing_event(&self, event: &BillingEvent) -> Result<Applied, StoreError> {
        let mut tx = self.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO billing_events (id, kind, received_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&event.id)
        .bind(&event.kind)
        .bind(now())
        .execute(on(&mut tx))
        .await?;
        if inserted.rows_affected() == 0 {
            return Ok(Applied::Duplicate);
        }
        // Find the user: by our id (checkout, subscription metadata) or by
        // any customer id the user has paid with.
        let row = match (&event.user_id, &event.customer_id) {
            (Some(user_id), _) => {
                sqlx::query("SELECT id FROM users WHERE id = $1")
                    .bind(user_id)
                    .fetch_optional(on(&mut tx))
                    .await?
            }
            (None, Some(customer)) => {
                sqlx::query("SELECT user_id AS id FROM stripe_customers WHERE customer_id = $1")
                    .bind(customer)
                    .fetch_optional(on(&mut tx))
                    .await?
            }
            (None, None) => None,
        };
        let Some(row) = row else {
            commit(tx).await?;
            return Ok(Applied::Ignored);
        };
        let user_id: String = row.try_get("id")?;
        sqlx::query("UPDATE users SET billing_event_at = billing_event_at WHERE id = $1")
            .bind(&user_id)
            .execute(on(&mut tx))
            .await?;
        let row = sqlx::query("SELECT premium_until, billing_event_at FROM users WHERE id = $1")
            .bind(&user_id)
            .fetch_one(on(&mut tx))
            .await?;
        let current: Option<Timestamp> = row.try_get("premium_until")?;
        let last_applied: Timestamp = row.try_get("billing_event_at")?;
        if let Some(customer) = &event.customer_id {
            link_customer(&mut tx, customer, &user_id, event.created).await?;
        }
        let Some(change) = &event.change else {
            commit(tx).await?;
            return Ok(Applied::Ignored);
        };
        if event.created < last_applied {
            commit(tx).await?;
            return Ok(Applied::Ignored);
        }
        let premium_until = match change {
            EntitlementChange::ActiveUntil(until) => {
                Some((*until).min(event.created.saturating_add(MAX_PERIOD_SECONDS)))
            }
            EntitlementChange::Ended => Some(event.created.min(current.unwrap_or(event.created))),
            EntitlementChange::PaymentFailed => {
                current.map(|until| until.min(event.created.saturating_add(PAYMENT_GRACE_SECONDS)))
            }
        };
        let updated = sqlx::query(
            "UPDATE users SET premium_until = $1, billing_event_at = $2, \
             stripe_subscription_id = COALESCE($3, stripe_subscription_id) \
             WHERE id = $4 AND billing_event_at <= $2",
        )
        .bind(premium_until)
        .bind(event.created)
        .bind(&event.subscription_id)
        .bind(&user_id)
        .execute(on(&mut tx))
        .await?;
        commit(tx).await?;
        self.sessions.forget_user(&user_id);
        if updated.rows_affected() == 0 {
            return Ok(Applied::Ignored);
        }
        Ok(Applied::Updated { user_id, premium_until })
    }

    /// The customer Checkout should reuse for this user: the one linked
    /// last, so a reader who subscribes again stays one Stripe customer.
    pub async fn stripe_customer(&self, user_id: &str) -> Result<Option<String>, StoreError> {
        let row = sqlx::query(
            "SELECT customer_id FROM stripe_customers WHERE user_id = $1 \
             ORDER BY linked_at DESC, customer_id LIMIT 1",
        )
        .bind(user_id)
        .fetch_optional(self.bounded())
        .await?;
        Ok(row.map(|row| row.try_get("customer_id")).transpose()?)
    }

    /// How many billing events have been recorded (for tests and metrics).
    pub async fn billing_event_count(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query("SELECT COUNT(*) FROM billing_events")
            .fetch_one(self.bounded())
            .await?
            .try_get(0)?)
    }
}

/// Links a customer to the user an event is about; safe in any order. A
/// customer already linked to another account stays with it: the event is
/// still applied to the user it names (they paid), and the conflict is
/// logged for the operator instead of failing the webhook, which Stripe
/// would retry for days with the same result (review F10).
async fn link_customer(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    customer: &str,
    user_id: &str,
    at: Timestamp,
) -> Result<(), StoreError> {
    let linked = sqlx::query(
        "INSERT INTO stripe_customers (customer_id, user_id, linked_at) VALUES ($1, $2, $3) \
         ON CONFLICT (customer_id) DO NOTHING",
    )
    .bind(customer)
    .bind(user_id)
    .bind(at)
    .execute(on(tx))
    .await?;
    if linked.rows_affected() == 0 {
        let owner: String = sqlx::query("SELECT user_id FROM stripe_customers WHERE customer_id = $1")
            .bind(customer)
            .fetch_one(on(tx))
            .await?
            .try_get(0)?;
        if owner != user_id {
            tracing::warn!(
                customer,
                user_id,
                owner,
                "billing event names a Stripe customer linked to another account; applied to the user it names"
            );
        }
    }
    Ok(())
}
