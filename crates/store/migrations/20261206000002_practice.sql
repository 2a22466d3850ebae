-- Practice data (issue 11): spaced-repetition cards and their review log,
-- practice settings, saved questions, private notes, mock interviews and
-- quiz attempts. Same conventions as the accounts: BIGINT Unix seconds,
-- random text ids, BIGINT 0/1 flags; DOUBLE PRECISION is REAL on SQLite.
-- Every row hangs off users (ON DELETE CASCADE); account deletion also
-- deletes them explicitly.

-- A card per (user, kind, slug); its scheduling state mirrors FSRS's card.
CREATE TABLE practice_cards (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('question', 'quiz')),
    slug TEXT NOT NULL,
    due BIGINT NOT NULL,
    stability DOUBLE PRECISION NOT NULL,
    difficulty DOUBLE PRECISION NOT NULL,
    elapsed_days BIGINT NOT NULL,
    scheduled_days BIGINT NOT NULL,
    reps BIGINT NOT NULL CHECK (reps >= 0),
    lapses BIGINT NOT NULL CHECK (lapses >= 0),
    -- 0 New, 1 Learning, 2 Review, 3 Relearning.
    state SMALLINT NOT NULL CHECK (state BETWEEN 0 AND 3),
    last_review BIGINT,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, kind, slug)
);
-- A user's due cards, soonest first.
CREATE INDEX practice_cards_due ON practice_cards (user_id, due);

-- One row per review, kept to optimize FSRS's parameters later.
CREATE TABLE practice_reviews (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    slug TEXT NOT NULL,
    -- 1 Again, 2 Hard, 3 Good, 4 Easy.
    grade SMALLINT NOT NULL CHECK (grade BETWEEN 1 AND 4),
    reviewed_at BIGINT NOT NULL,
    elapsed_days BIGINT NOT NULL,
    scheduled_days BIGINT NOT NULL,
    state_before SMALLINT NOT NULL CHECK (state_before BETWEEN 0 AND 3),
    state_after SMALLINT NOT NULL CHECK (state_after BETWEEN 0 AND 3),
    stability_before DOUBLE PRECISION NOT NULL,
    stability_after DOUBLE PRECISION NOT NULL,
    difficulty_before DOUBLE PRECISION NOT NULL,
    difficulty_after DOUBLE PRECISION NOT NULL,
    -- What the reader wrote before revealing the answer (at most 10 KB).
    answer TEXT,
    FOREIGN KEY (user_id, kind, slug) REFERENCES practice_cards (user_id, kind, slug) ON DELETE CASCADE
);
-- A user's reviews by time (today's, for the new-card cap; the log).
CREATE INDEX practice_reviews_user_time ON practice_reviews (user_id, reviewed_at);
-- The composite foreign key's side, for cascades from a card.
CREATE INDEX practice_reviews_card ON practice_reviews (user_id, kind, slug);

-- Absent row: the defaults (retention 0.90, 10 new cards a day). The allowed
-- ranges are checked by the store, not here, so they can change without a
-- migration.
CREATE TABLE practice_settings (
    user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    desired_retention DOUBLE PRECISION NOT NULL,
    new_per_day BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE saved_questions (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    saved_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, slug)
);

-- Private notes, plain text; a note may exist without a save and vice versa.
CREATE TABLE question_notes (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, slug)
);

-- Mock interviews. `topics` is the filter's topic slugs joined by commas
-- (empty: any topic); `level` NULL: any level.
CREATE TABLE mocks (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    level TEXT,
    topics TEXT NOT NULL,
    minutes_per_question BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX mocks_user ON mocks (user_id, created_at);

-- A mock's questions, in order (positions 1..=n). The deadline is set by the
-- server when the item starts.
CREATE TABLE mock_items (
    mock_id TEXT NOT NULL REFERENCES mocks (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    slug TEXT NOT NULL,
    started_at BIGINT,
    deadline BIGINT,
    revealed_at BIGINT,
    self_grade TEXT CHECK (self_grade IN ('weak', 'solid', 'strong')),
    answer TEXT,
    PRIMARY KEY (mock_id, position),
    UNIQUE (mock_id, slug)
);

-- "What does this print?" answers; `correct` is 0 or 1.
CREATE TABLE quiz_attempts (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    answer TEXT NOT NULL,
    correct BIGINT NOT NULL CHECK (correct IN (0, 1)),
    at BIGINT NOT NULL
);
CREATE INDEX quiz_attempts_user ON quiz_attempts (user_id, at);
