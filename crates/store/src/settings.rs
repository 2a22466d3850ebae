//! A reader's practice settings as values: the retention FSRS schedules for
//! and how many new cards a day, with their ranges and defaults.

use crate::error::StoreError;
use serde::Serialize;
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
