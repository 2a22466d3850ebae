//! Changing a set's questions: adding (up to [`MAX_KIT_ITEMS`]), editing a
//! question's follow-ups, note and time budget, removing and reordering.
//! Every change checks the owner in its transaction, so another reader's
//! set id is `NotFound`, and a refused change changes nothing.

use crate::Timestamp;
use crate::bounded::{commit, on};
use crate::db::Store;
use crate::error::StoreError;
use crate::input::{check_slug, check_text};
use crate::kit_sets::MAX_KIT_ITEMS;
use sqlx::Row;
use std::collections::HashSet;
use std::ops::RangeInclusive;

/// The time budget a question may have, in minutes.
pub const KIT_MINUTES: RangeInclusive<i64> = 1..=120;
/// A new question's time budget.
pub const DEFAULT_KIT_MINUTES: i64 = 10;
/// The most follow-ups a question may have chosen.
pub const MAX_KIT_FOLLOW_UPS: usize = 50;

/// What the interviewer sets on one question of a set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KitItemEdit {
    pub follow_ups: Vec<u32>,
    pub note: String,
    pub minutes: i64,
}

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

/// Checks, in `tx`, that the set is the reader's; `NotFound` otherwise.
async fn check_owner(tx: &mut Tx<'_>, user_id: &str, set_id: &str) -> Result<(), StoreError> {
    let owned = sqlx::query("SELECT 1 FROM kit_sets WHERE id = $1 AND user_id = $2")
        .bind(set_id)
        .bind(user_id)
        .fetch_optional(on(tx))
        .await?;
    owned.map(|_| ()).ok_or(StoreError::NotFound)
}

/// The set's slugs in order, read in `tx`.
async fn slugs_in(tx: &mut Tx<'_>, set_id: &str) -> Result<Vec<String>, StoreError> {
    let rows = sqlx::query("SELECT slug FROM kit_items WHERE set_id = $1 ORDER BY position")
        .bind(set_id)
        .fetch_all(on(tx))
        .await?;
    Ok(rows.iter().map(|row| row.try_get(0)).collect::<Result<_, _>>()?)
}

async fn touch(tx: &mut Tx<'_>, set_id: &str, at: Timestamp) -> Result<(), StoreError> {
    sqlx::query("UPDATE kit_sets SET updated_at = $1 WHERE id = $2")
        .bind(at)
        .bind(set_id)
        .execute(on(tx))
        .await?;
    Ok(())
}

impl Store {
    /// Appends questions to the reader's set, skipping those already in
    /// it; returns how many were added. Past [`MAX_KIT_ITEMS`] in all the
    /// whole request is `Invalid` and nothing is added.
    pub async fn add_kit_items(
        &self,
        user_id: &str,
        set_id: &str,
        slugs: &[String],
        at: Timestamp,
    ) -> Result<usize, StoreError> {
        for slug in slugs {
            check_slug("a question", slug)?;
        }
        let mut tx = self.begin().await?;
        check_owner(&mut tx, user_id, set_id).await?;
        let present = slugs_in(&mut tx, set_id).await?;
        let mut seen: HashSet<&str> = present.iter().map(String::as_str).collect();
        let new: Vec<&String> = slugs.iter().filter(|slug| seen.insert(slug.as_str())).collect();
        if present.len() + new.len() > MAX_KIT_ITEMS {
            return Err(StoreError::Invalid(format!(
                "a set holds at most {MAX_KIT_ITEMS} questions; it has {} and {} more were asked for",
                present.len(),
                new.len()
            )));
        }
        for (position, slug) in (present.len() as i64 + 1..).zip(&new) {
            sqlx::query(
                "INSERT INTO kit_items (set_id, slug, position, follow_ups, note, minutes) \
                 VALUES ($1, $2, $3, '', '', $4)",
            )
            .bind(set_id)
            .bind(slug.as_str())
            .bind(position)
            .bind(DEFAULT_KIT_MINUTES)
            .execute(on(&mut tx))
            .await?;
        }
        touch(&mut tx, set_id, at).await?;
        commit(tx).await?;
        Ok(new.len())
    }

    /// Sets a question's follow-ups, note and time budget. `Invalid` for a
    /// note over 10 KB or a budget outside [`KIT_MINUTES`]; `NotFound` for
    /// a question not in the reader's set.
    pub async fn edit_kit_item(
        &self,
        user_id: &str,
        set_id: &str,
        slug: &str,
        edit: &KitItemEdit,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        check_text("the note", &edit.note)?;
        if !KIT_MINUTES.contains(&edit.minutes) {
            return Err(StoreError::Invalid(format!(
                "the time budget must be from {} to {} minutes",
                KIT_MINUTES.start(),
                KIT_MINUTES.end()
            )));
        }
        if edit.follow_ups.len() > MAX_KIT_FOLLOW_UPS {
            return Err(StoreError::Invalid(format!("at most {MAX_KIT_FOLLOW_UPS} follow-ups")));
        }
        let mut follow_ups = edit.follow_ups.clone();
        follow_ups.sort_unstable();
        follow_ups.dedup();
        let joined = follow_ups.iter().map(u32::to_string).collect::<Vec<_>>().join(",");
        let mut tx = self.begin().await?;
        check_owner(&mut tx, user_id, set_id).await?;
        let changed = sqlx::query(
            "UPDATE kit_items SET follow_ups = $1, note = $2, minutes = $3 WHERE set_id = $4 AND slug = $5",
        )
        .bind(joined)
        .bind(&edit.note)
        .bind(edit.minutes)
        .bind(set_id)
        .bind(slug)
        .execute(on(&mut tx))
        .await?;
        if changed.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        touch(&mut tx, set_id, at).await?;
        commit(tx).await?;
        Ok(())
    }

    /// Removes a question from the reader's set, closing the gap in the
    /// order. `NotFound` for a question not in the reader's set.
    pub async fn remove_kit_item(
        &self,
        user_id: &str,
        set_id: &str,
        slug: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        check_owner(&mut tx, user_id, set_id).await?;
        let mut slugs = slugs_in(&mut tx, set_id).await?;
        let Some(index) = slugs.iter().position(|present| present == slug) else {
            return Err(StoreError::NotFound);
        };
        slugs.remove(index);
        sqlx::query("DELETE FROM kit_items WHERE set_id = $1 AND slug = $2")
            .bind(set_id)
            .bind(slug)
            .execute(on(&mut tx))
            .await?;
        write_order(&mut tx, set_id, &slugs).await?;
        touch(&mut tx, set_id, at).await?;
        commit(tx).await?;
        Ok(())
    }

    /// Puts the reader's set in this order. `slugs` must be exactly the
    /// set's questions, each once: an unknown, missing or repeated slug is
    /// `Invalid` and the order is unchanged.
    pub async fn reorder_kit_items(
        &self,
        user_id: &str,
        set_id: &str,
        slugs: &[String],
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        check_owner(&mut tx, user_id, set_id).await?;
        let present = slugs_in(&mut tx, set_id).await?;
        let known: HashSet<&str> = present.iter().map(String::as_str).collect();
        let mut seen = HashSet::new();
        for slug in slugs {
            if !known.contains(slug.as_str()) {
                return Err(StoreError::Invalid(format!("`{slug}` is not in this set")));
            }
            if !seen.insert(slug.as_str()) {
                return Err(StoreError::Invalid(format!("`{slug}` is in the new order twice")));
            }
        }
        if seen.len() != present.len() {
            return Err(StoreError::Invalid(format!(
                "the new order names {} of the set's {} questions; name each once",
                seen.len(),
                present.len()
            )));
        }
        write_order(&mut tx, set_id, slugs).await?;
        touch(&mut tx, set_id, at).await?;
        commit(tx).await?;
        Ok(())
    }
}

/// Numbers the set's questions 1..=n in this order.
async fn write_order(tx: &mut Tx<'_>, set_id: &str, slugs: &[String]) -> Result<(), StoreError> {
    for (position, slug) in (1_i64..).zip(slugs) {
        sqlx::query("UPDATE kit_items SET position = $1 WHERE set_id = $2 AND slug = $3")
            .bind(position)
            .bind(set_id)
            .bind(slug)
            .execute(on(tx))
            .await?;
    }
    Ok(())
}
