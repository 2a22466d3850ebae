//! The interviewer kit's question sets: a reader's named, ordered lists of
//! questions with, per question, the follow-ups to ask, a private note and
//! a time budget. A set is only ever visible to its owner (or through a
//! share link, see `kit_shares`): another reader's set id is "not found".
//! Items are changed in `kit_items`.

use crate::Timestamp;
use crate::bounded::{commit, on};
use crate::db::Store;
use crate::error::StoreError;
use crate::secret::new_id;
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::HashMap;

/// The most questions a set holds: an interview is an hour or two.
pub const MAX_KIT_ITEMS: usize = 50;
/// The most sets a reader keeps.
pub const MAX_KIT_SETS: usize = 100;
/// The longest set name or interview label, in characters.
pub const MAX_KIT_NAME_CHARS: usize = 200;

/// A question set and its questions, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KitSet {
    pub id: String,
    pub name: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub items: Vec<KitItem>,
}

/// One question of a set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KitItem {
    /// 1 for the first question.
    pub position: i64,
    pub slug: String,
    /// The follow-ups to ask: 0-based indexes into the question's follow-ups.
    pub follow_ups: Vec<u32>,
    /// The interviewer's private note (at most 10 KB).
    pub note: String,
    /// The time budget for the question.
    pub minutes: i64,
}

impl KitSet {
    /// The sum of the questions' time budgets.
    pub fn total_minutes(&self) -> i64 {
        self.items.iter().map(|item| item.minutes).sum()
    }
}

pub(crate) const SET_COLUMNS: &str = "id, name, created_at, updated_at";
pub(crate) const ITEM_COLUMNS: &str = "slug, position, follow_ups, note, minutes";

/// A name or label: trimmed, 1 to [`MAX_KIT_NAME_CHARS`] characters, no
/// control characters.
pub(crate) fn check_name(what: &str, name: &str) -> Result<String, StoreError> {
    let name = name.trim();
    let chars = name.chars().count();
    if chars == 0 || chars > MAX_KIT_NAME_CHARS || name.chars().any(char::is_control) {
        return Err(StoreError::Invalid(format!(
            "{what} must be 1 to {MAX_KIT_NAME_CHARS} characters, without control characters"
        )));
    }
    Ok(name.to_owned())
}

impl KitItem {
    pub(crate) fn from_row(row: &AnyRow) -> Result<KitItem, sqlx::Error> {
        let follow_ups: String = row.try_get("follow_ups")?;
        Ok(KitItem {
            position: row.try_get("position")?,
            slug: row.try_get("slug")?,
            follow_ups: follow_ups.split(',').filter_map(|index| index.parse().ok()).collect(),
            note: row.try_get("note")?,
            minutes: row.try_get("minutes")?,
        })
    }
}

fn set_from_row(row: &AnyRow, items: Vec<KitItem>) -> Result<KitSet, sqlx::Error> {
    Ok(KitSet {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        items,
    })
}

impl Store {
    /// Creates an empty set. `Invalid` for a bad name or when the reader
    /// already has [`MAX_KIT_SETS`] sets; `NoSuchUser` for an unknown user.
    pub async fn create_kit_set(&self, user_id: &str, name: &str, at: Timestamp) -> Result<KitSet, StoreError> {
        let name = check_name("the set's name", name)?;
        let mut tx = self.begin().await?;
        let id = insert_set(&mut tx, user_id, &name, at).await?;
        commit(tx).await?;
        Ok(KitSet {
            id,
            name,
            created_at: at,
            updated_at: at,
            items: Vec::new(),
        })
    }

    /// The reader's set with this id; `None` if there is none or it is
    /// another reader's.
    pub async fn kit_set(&self, user_id: &str, set_id: &str) -> Result<Option<KitSet>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {SET_COLUMNS} FROM kit_sets WHERE id = $1 AND user_id = $2"
        ))
        .bind(set_id)
        .bind(user_id)
        .fetch_optional(self.bounded())
        .await?;
        match row {
            Some(row) => Ok(Some(self.with_items(&row).await?)),
            None => Ok(None),
        }
    }

    /// A set by id whoever owns it: for share links, after the token was
    /// checked.
    pub(crate) async fn kit_set_by_id(&self, set_id: &str) -> Result<Option<KitSet>, StoreError> {
        let row = sqlx::query(&format!("SELECT {SET_COLUMNS} FROM kit_sets WHERE id = $1"))
            .bind(set_id)
            .fetch_optional(self.bounded())
            .await?;
        match row {
            Some(row) => Ok(Some(self.with_items(&row).await?)),
            None => Ok(None),
        }
    }

    async fn with_items(&self, row: &AnyRow) -> Result<KitSet, StoreError> {
        let id: String = row.try_get("id")?;
        let items = sqlx::query(&format!(
            "SELECT {ITEM_COLUMNS} FROM kit_items WHERE set_id = $1 ORDER BY position"
        ))
        .bind(&id)
        .fetch_all(self.bounded())
        .await?
        .iter()
        .map(KitItem::from_row)
        .collect::<Result<_, _>>()?;
        Ok(set_from_row(row, items)?)
    }

    /// The reader's sets, newest first, with their items.
    pub async fn kit_sets(&self, user_id: &str) -> Result<Vec<KitSet>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {SET_COLUMNS} FROM kit_sets WHERE user_id = $1 ORDER BY created_at DESC, id"
        ))
        .bind(user_id)
        .fetch_all(self.bounded())
        .await?;
        let item_rows = sqlx::query(
            "SELECT i.set_id, i.slug, i.position, i.follow_ups, i.note, i.minutes FROM kit_items i \
             JOIN kit_sets s ON s.id = i.set_id WHERE s.user_id = $1 ORDER BY i.set_id, i.position",
        )
        .bind(user_id)
        .fetch_all(self.bounded())
        .await?;
        let mut items: HashMap<String, Vec<KitItem>> = HashMap::new();
        for row in &item_rows {
            let set_id: String = row.try_get("set_id")?;
            items.entry(set_id).or_default().push(KitItem::from_row(row)?);
        }
        rows.iter()
            .map(|row| {
                let id: String = row.try_get("id")?;
                Ok(set_from_row(row, items.remove(&id).unwrap_or_default())?)
            })
            .collect()
    }

    /// Renames the reader's set. `NotFound` for another reader's set.
    pub async fn rename_kit_set(
        &self,
        user_id: &str,
        set_id: &str,
        name: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let name = check_name("the set's name", name)?;
        let changed = sqlx::query("UPDATE kit_sets SET name = $1, updated_at = $2 WHERE id = $3 AND user_id = $4")
            .bind(&name)
            .bind(at)
            .bind(set_id)
            .bind(user_id)
            .execute(self.bounded())
            .await?;
        if changed.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Copies the reader's set and its items (not its interviews or share
    /// links) under "<name> (copy)". `NotFound` for another reader's set,
    /// `Invalid` at the set limit.
    pub async fn duplicate_kit_set(&self, user_id: &str, set_id: &str, at: Timestamp) -> Result<KitSet, StoreError> {
        let original = self.kit_set(user_id, set_id).await?.ok_or(StoreError::NotFound)?;
        let name: String = format!("{} (copy)", original.name)
            .chars()
            .take(MAX_KIT_NAME_CHARS)
            .collect();
        let mut tx = self.begin().await?;
        let id = insert_set(&mut tx, user_id, &name, at).await?;
        sqlx::query(&format!(
            "INSERT INTO kit_items (set_id, {ITEM_COLUMNS}) SELECT $1, {ITEM_COLUMNS} FROM kit_items WHERE set_id = $2"
        ))
        .bind(&id)
        .bind(set_id)
        .execute(on(&mut tx))
        .await?;
        commit(tx).await?;
        Ok(KitSet {
            id,
            name,
            created_at: at,
            updated_at: at,
            items: original.items,
        })
    }

    /// Deletes the reader's set with its items, interviews and share links;
    /// false if it is not the reader's.
    pub async fn delete_kit_set(&self, user_id: &str, set_id: &str) -> Result<bool, StoreError> {
        let mut tx = self.begin().await?;
        let owned = sqlx::query("SELECT 1 FROM kit_sets WHERE id = $1 AND user_id = $2")
            .bind(set_id)
            .bind(user_id)
            .fetch_optional(on(&mut tx))
            .await?;
        if owned.is_none() {
            return Ok(false);
        }
        for statement in [
            "DELETE FROM kit_marks WHERE interview_id IN (SELECT id FROM kit_interviews WHERE set_id = $1)",
            "DELETE FROM kit_interviews WHERE set_id = $1",
            "DELETE FROM kit_shares WHERE set_id = $1",
            "DELETE FROM kit_items WHERE set_id = $1",
            "DELETE FROM kit_sets WHERE id = $1",
        ] {
            sqlx::query(statement).bind(set_id).execute(on(&mut tx)).await?;
        }
        commit(tx).await?;
        Ok(true)
    }
}

/// Inserts a set row after checking the reader's set count, in `tx`.
async fn insert_set(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    user_id: &str,
    name: &str,
    at: Timestamp,
) -> Result<String, StoreError> {
    let count: i64 = sqlx::query("SELECT COUNT(*) FROM kit_sets WHERE user_id = $1")
        .bind(user_id)
        .fetch_one(on(tx))
        .await?
        .try_get(0)?;
    if count >= MAX_KIT_SETS as i64 {
        return Err(StoreError::Invalid(format!(
            "a reader keeps at most {MAX_KIT_SETS} question sets; delete one first"
        )));
    }
    let id = new_id();
    sqlx::query(&format!(
        "INSERT INTO kit_sets (user_id, {SET_COLUMNS}) VALUES ($1, $2, $3, $4, $4)"
    ))
    .bind(user_id)
    .bind(&id)
    .bind(name)
    .bind(at)
    .execute(on(tx))
    .await
    .map_err(StoreError::from_user_write)?;
    Ok(id)
}
