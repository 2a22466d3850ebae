//! Billing: the plan a reader has, the billing page and its Stripe
//! Checkout button, Stripe's webhook, and the Stripe client. Entitlements
//! themselves are the store's; this room only asks Stripe and reads its
//! answers.

pub mod page;
pub mod plan;
pub mod stripe;
pub mod webhook;
