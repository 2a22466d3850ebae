-- The interviewer kit (issue 14): question sets, their items, interviews
-- run from them with a mark per question, and share links. Same
-- conventions as the practice tables: BIGINT Unix seconds, random text ids;
-- every row hangs off users (ON DELETE CASCADE) and account deletion also
-- deletes them explicitly. Limits (50 questions a set, 100 sets a user,
-- 10 KB notes) are checked by the store, not here.

CREATE TABLE kit_sets (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX kit_sets_user ON kit_sets (user_id, created_at);

-- A set's questions, positions 1..=n. `follow_ups` is the chosen follow-up
-- indexes (0-based, in the question's order) joined by commas.
CREATE TABLE kit_items (
    set_id TEXT NOT NULL REFERENCES kit_sets (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    position BIGINT NOT NULL,
    follow_ups TEXT NOT NULL,
    note TEXT NOT NULL,
    minutes BIGINT NOT NULL,
    PRIMARY KEY (set_id, slug)
);
CREATE INDEX kit_items_order ON kit_items (set_id, position);

-- An interview run from a set; the label names a candidate without
-- personal data. Deleted with the set, on request, or after the retention.
CREATE TABLE kit_interviews (
    id TEXT PRIMARY KEY,
    set_id TEXT NOT NULL REFERENCES kit_sets (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    ended_at BIGINT
);
CREATE INDEX kit_interviews_set ON kit_interviews (set_id, started_at);
CREATE INDEX kit_interviews_started ON kit_interviews (started_at);

CREATE TABLE kit_marks (
    interview_id TEXT NOT NULL REFERENCES kit_interviews (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    mark TEXT NOT NULL CHECK (mark IN ('weak', 'solid', 'strong', 'skipped')),
    note TEXT NOT NULL,
    marked_at BIGINT NOT NULL,
    PRIMARY KEY (interview_id, slug)
);

-- Share links: only the SHA-256 of the token is kept.
CREATE TABLE kit_shares (
    token_hash TEXT PRIMARY KEY,
    set_id TEXT NOT NULL REFERENCES kit_sets (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('co-interviewer', 'candidate')),
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX kit_shares_set ON kit_shares (set_id, kind);
