//! Checks on what readers send to the practice tables. The web layer checks
//! slugs against the bank; the store checks shapes and sizes, so nothing
//! malformed or oversized reaches a table on either database.

use crate::error::StoreError;

/// The most a reader's text (a note, an answer) may hold, in bytes of UTF-8.
pub const MAX_TEXT_BYTES: usize = 10 * 1024;

/// The longest slug (question, quiz, level or topic) the store accepts.
pub const MAX_SLUG_BYTES: usize = 200;

/// A slug: lowercase ASCII letters, digits and hyphens, 1 to 200 bytes.
pub(crate) fn check_slug(what: &str, slug: &str) -> Result<(), StoreError> {
    let well_formed = !slug.is_empty()
        && slug.len() <= MAX_SLUG_BYTES
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if well_formed {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "{what} must be 1 to {MAX_SLUG_BYTES} lowercase letters, digits or hyphens"
        )))
    }
}

/// A reader's text: at most [`MAX_TEXT_BYTES`], no NUL (PostgreSQL refuses
/// it in text; SQLite would keep it).
pub(crate) fn check_text(what: &str, text: &str) -> Result<(), StoreError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(StoreError::Invalid(format!(
            "{what} is {} bytes; at most {MAX_TEXT_BYTES} are kept",
            text.len()
        )));
    }
    if text.contains('\0') {
        return Err(StoreError::Invalid(format!("{what} must not contain NUL characters")));
    }
    Ok(())
}

/// A value that must be a finite number (a NaN would be NULL on SQLite).
pub(crate) fn check_finite(what: &str, value: f64) -> Result<(), StoreError> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!("{what} must be a finite number")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_texts_are_checked_for_shape_and_size() {
        assert!(check_slug("slug", "what-is-ownership-2").is_ok());
        for bad in ["", "Has-Caps", "has space", "a,b", "é", &"a".repeat(MAX_SLUG_BYTES + 1)] {
            assert!(check_slug("slug", bad).is_err(), "{bad:?}");
        }
        assert!(check_text("note", &"x".repeat(MAX_TEXT_BYTES)).is_ok());
        assert!(check_text("note", &"x".repeat(MAX_TEXT_BYTES + 1)).is_err());
        assert!(check_text("note", "a\0b").is_err());
        assert!(check_text("note", "tabs\tand\nlines").is_ok());
        assert!(check_finite("stability", f64::NAN).is_err());
    }
}
