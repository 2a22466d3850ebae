//! A reader's practice settings: the retention FSRS schedules for and how
//! many new cards a day. A reader who never changed them has the defaults.

use crate::Timestamp;
use crate::db::Store;
use crate::error::StoreError;
use serde::Serialize;
use sqlx::Row;
use std::ops::RangeInclusive;

/// The desired retention a reader may choose.
pub const RETENTION_RANGE: RangeInclusive<f64> = 0.80..=0.97;
pub const DEFAULT_RETENTION: f64 = 0.90;
/// How many new cards a day a reader may choose.
pub const NEW_PER_DAY_RANGE: RangeInclusive<i64> = 0..=100;
pub const DEFAULT_NEW_PER_DAY: i64 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PracticeSettings {
    /// The probability of recall FSRS schedules reviews for.
    pub desired_retention: f64,
    /// New cards introduced per day at most.
    pub new_per_day: i64,
}

impl Default for PracticeSettings {
    fn default() -> Self {
        PracticeSettings {
            desired_retention: DEFAULT_RETENTION,
            new_per_day: DEFAULT_NEW_PER_DAY,
        }
    }
}

impl PracticeSettings {
    /// `Invalid`, saying the allowed range, for a value outside it.
    pub fn check(&self) -> Result<(), StoreError> {
        if !RETENTION_RANGE.contains(&self.desired_retention) {
            return Err(StoreError::Invalid(format!(
                "desired retention must be from {} to {}",
                RETENTION_RANGE.start(),
                RETENTION_RANGE.end()
            )));
        }
        if !NEW_PER_DAY_RANGE.contains(&self.new_per_day) {
            return Err(StoreError::Invalid(format!(
                "new cards per day must be from {} to {}",
                NEW_PER_DAY_RANGE.start(),
                NEW_PER_DAY_RANGE.end()
            )));
        }
        Ok(())
    }
}

impl Store {
    /// The reader's settings, or the defaults if they never set any.
    pub async fn practice_settings(&self, user_id: &str) -> Result<PracticeSettings, StoreError> {
        Ok(self.stored_practice_settings(user_id).await?.unwrap_or_default())
    }

    /// The settings the reader saved, if any (for the data export).
    pub(crate) async fn stored_practice_settings(&self, user_id: &str) -> Result<Option<PracticeSettings>, StoreError> {
        let row = sqlx::query("SELECT desired_retention, new_per_day FROM practice_settings WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(self.bounded())
            .await?;
        row.map(|row| {
            Ok(PracticeSettings {
                desired_retention: row.try_get("desired_retention")?,
                new_per_day: row.try_get("new_per_day")?,
            })
        })
        .transpose()
    }

    /// Saves the reader's settings. A value out of range is `Invalid` and
    /// changes nothing; an unknown user is `NoSuchUser`.
    pub async fn set_practice_settings(
        &self,
        user_id: &str,
        settings: &PracticeSettings,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        settings.check()?;
        sqlx::query(
            "INSERT INTO practice_settings (user_id, desired_retention, new_per_day, updated_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (user_id) DO UPDATE SET \
             desired_retention = excluded.desired_retention, new_per_day = excluded.new_per_day, \
             updated_at = excluded.updated_at",
        )
        .bind(user_id)
        .bind(settings.desired_retention)
        .bind(settings.new_per_day)
        .bind(at)
        .execute(self.bounded())
        .await
        .map_err(StoreError::from_user_write)?;
        self.forget_practice(user_id);
        Ok(())
    }
}
