-- Verified email and account recovery (issue 10, item 2). Accounts made
-- before this migration, and accounts made while the site sends no mail,
-- are active at once; an account made while mail is configured waits for
-- its emailed link (active = 0 until then).
ALTER TABLE users ADD COLUMN active BIGINT NOT NULL DEFAULT 1;

-- Single-use emailed links: activation, password reset, email change.
-- Only the token's SHA-256 is kept, so a database leak gives no usable
-- link; a link is deleted when used, and is refused after expires_at.
CREATE TABLE account_links (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('activate', 'reset', 'email')),
    -- The address an email change moves the account to.
    new_email TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX account_links_user ON account_links (user_id, purpose);
