//! A reader's practice data as a whole, for account deletion. Every table
//! has `ON DELETE CASCADE` to users, but deletion does not rest on it: each
//! table is emptied of the reader's rows explicitly, children first, in the
//! deletion's transaction (`Store::delete_user` runs these).

/// Statements deleting a reader's practice rows (`$1`: the user id).
pub(crate) const DELETES: [&str; 8] = [
    "DELETE FROM practice_reviews WHERE user_id = $1",
    "DELETE FROM practice_cards WHERE user_id = $1",
    "DELETE FROM practice_settings WHERE user_id = $1",
    "DELETE FROM saved_questions WHERE user_id = $1",
    "DELETE FROM question_notes WHERE user_id = $1",
    "DELETE FROM mock_items WHERE mock_id IN (SELECT id FROM mocks WHERE user_id = $1)",
    "DELETE FROM mocks WHERE user_id = $1",
    "DELETE FROM quiz_attempts WHERE user_id = $1",
];
