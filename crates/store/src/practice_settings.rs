//! A reader's practice settings: the retention FSRS schedules for and how
//! many new cards a day. A reader who never changed them has the defaults.

use crate::Timestamp;
use crate::db::Store;
use crate::error::StoreError;
use crate::settings::PracticeSettings;
use sqlx::Row;

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
