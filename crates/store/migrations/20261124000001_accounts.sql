-- Accounts, sessions, entitlements and billing events. The same SQL runs on
-- SQLite and PostgreSQL: ids are random text made by the app, times are
-- BIGINT Unix seconds, flags are BIGINT 0/1 (sqlx's Any driver has no bool
-- for SQLite).

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- Premium access ends at this instant (NULL: never had it).
    premium_until BIGINT,
    stripe_customer_id TEXT UNIQUE,
    stripe_subscription_id TEXT,
    -- `created` time of the last billing event applied, so older events
    -- arriving late cannot undo newer ones.
    billing_event_at BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE sessions (
    -- SHA-256 of the cookie's token: a database leak gives no live session.
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_failures (
    scope TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_failures_scope ON login_failures (scope, at);

CREATE TABLE billing_events (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    received_at BIGINT NOT NULL
);
