//! Billing events from Stripe turned into entitlements. Each event id is
//! applied at most once, in the same transaction as its effect; an event
//! older than the last one applied to a user cannot undo a newer one.

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

impl Store {
    /// Applies a verified event exactly once.
    pub async fn apply_billing_event(&self, event: &BillingEvent) -> Result<Applied, StoreError> {
        let mut tx = self.pool.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO billing_events (id, kind, received_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&event.id)
        .bind(&event.kind)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        if inserted.rows_affected() == 0 {
            return Ok(Applied::Duplicate);
        }
        // Find the user: by our id (checkout) or by the customer id.
        let row = match (&event.user_id, &event.customer_id) {
            (Some(user_id), _) => {
                sqlx::query("SELECT id, premium_until, billing_event_at FROM users WHERE id = $1")
                    .bind(user_id)
                    .fetch_optional(&mut *tx)
                    .await?
            }
            (None, Some(customer)) => {
                sqlx::query("SELECT id, premium_until, billing_event_at FROM users WHERE stripe_customer_id = $1")
                    .bind(customer)
                    .fetch_optional(&mut *tx)
                    .await?
            }
            (None, None) => None,
        };
        let Some(row) = row else {
            tx.commit().await?;
            return Ok(Applied::Ignored);
        };
        let user_id: String = row.try_get("id")?;
        let current: Option<Timestamp> = row.try_get("premium_until")?;
        let last_applied: Timestamp = row.try_get("billing_event_at")?;
        // Linking a customer to the user is safe in any order.
        if let Some(customer) = &event.customer_id {
            sqlx::query("UPDATE users SET stripe_customer_id = $1 WHERE id = $2 AND stripe_customer_id IS NULL")
                .bind(customer)
                .bind(&user_id)
                .execute(&mut *tx)
                .await?;
        }
        let Some(change) = &event.change else {
            tx.commit().await?;
            return Ok(Applied::Ignored);
        };
        if event.created < last_applied {
            tx.commit().await?;
            return Ok(Applied::Ignored);
        }
        let premium_until = match change {
            EntitlementChange::ActiveUntil(until) => Some(*until),
            EntitlementChange::Ended => Some(event.created.min(current.unwrap_or(event.created))),
            EntitlementChange::PaymentFailed => current.map(|until| until.min(event.created + PAYMENT_GRACE_SECONDS)),
        };
        sqlx::query(
            "UPDATE users SET premium_until = $1, billing_event_at = $2, \
             stripe_subscription_id = COALESCE($3, stripe_subscription_id) WHERE id = $4",
        )
        .bind(premium_until)
        .bind(event.created)
        .bind(&event.subscription_id)
        .bind(&user_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Applied::Updated { user_id, premium_until })
    }

    /// How many billing events have been recorded (for tests and metrics).
    pub async fn billing_event_count(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query("SELECT COUNT(*) FROM billing_events")
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?)
    }
}
