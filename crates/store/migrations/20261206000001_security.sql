-- Every Stripe customer a user has paid with. Checkout used to create a new
-- customer per subscription, and only the first was kept in
-- users.stripe_customer_id, so events about a later one found nobody. That
-- column is no longer read or written (SQLite cannot drop a UNIQUE column);
-- its values move here.
CREATE TABLE stripe_customers (
    customer_id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    linked_at BIGINT NOT NULL
);
CREATE INDEX stripe_customers_user ON stripe_customers (user_id, linked_at);
INSERT INTO stripe_customers (customer_id, user_id, linked_at)
    SELECT stripe_customer_id, id, billing_event_at FROM users WHERE stripe_customer_id IS NOT NULL;

-- Rate-limited attempts are reserved before the password is checked; the
-- attempt id lets a reservation be taken back (a successful login, or an
-- attempt refused by the limit itself).
ALTER TABLE login_failures ADD COLUMN attempt TEXT;
CREATE INDEX login_failures_attempt ON login_failures (attempt);
