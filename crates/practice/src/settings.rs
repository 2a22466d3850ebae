//! A reader's practice settings and the ranges they must fall in: how sure
//! FSRS should be that a card is still remembered when it comes back, and how
//! many never-seen cards a day may bring.

use crate::error::Error;
use std::ops::RangeInclusive;

/// Desired retentions allowed: below 0.80 a reader forgets too much to call
/// it practice; above 0.97 the review load grows steeply for little gain.
pub const RETENTION_RANGE: RangeInclusive<f64> = 0.80..=0.97;
/// FSRS's usual default: 90% chance to recall a card when it comes back.
pub const DEFAULT_RETENTION: f64 = 0.90;
/// New cards per day allowed.
pub const NEW_PER_DAY_RANGE: RangeInclusive<i64> = 0..=100;
pub const DEFAULT_NEW_PER_DAY: u32 = 10;

/// A reader's settings, each checked against its range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    desired_retention: f64,
    new_per_day: u32,
}

impl Settings {
    /// Checks both values; the error names the one out of range.
    pub fn new(desired_retention: f64, new_per_day: i64) -> Result<Settings, Error> {
        Ok(Settings {
            desired_retention: check_retention(desired_retention)?,
            new_per_day: check_new_per_day(new_per_day)?,
        })
    }

    pub fn desired_retention(&self) -> f64 {
        self.desired_retention
    }

    pub fn new_per_day(&self) -> u32 {
        self.new_per_day
    }
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            desired_retention: DEFAULT_RETENTION,
            new_per_day: DEFAULT_NEW_PER_DAY,
        }
    }
}

/// `retention` if it is within [`RETENTION_RANGE`] (NaN never is).
pub fn check_retention(retention: f64) -> Result<f64, Error> {
    if RETENTION_RANGE.contains(&retention) {
        Ok(retention)
    } else {
        Err(Error::Retention(retention))
    }
}

/// `new_per_day` if it is within [`NEW_PER_DAY_RANGE`].
pub fn check_new_per_day(new_per_day: i64) -> Result<u32, Error> {
    match u32::try_from(new_per_day) {
        Ok(n) if NEW_PER_DAY_RANGE.contains(&new_per_day) => Ok(n),
        _ => Err(Error::NewPerDay(new_per_day)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_ninety_percent_and_ten_new_cards() {
        let settings = Settings::default();
        assert_eq!((settings.desired_retention(), settings.new_per_day()), (0.90, 10));
    }

    #[test]
    fn the_range_ends_are_allowed() {
        assert!(Settings::new(0.80, 0).is_ok());
        assert!(Settings::new(0.97, 100).is_ok());
    }

    #[test]
    fn values_out_of_range_are_refused_by_name() {
        assert_eq!(Settings::new(0.79, 10), Err(Error::Retention(0.79)));
        assert_eq!(Settings::new(0.98, 10), Err(Error::Retention(0.98)));
        assert!(Settings::new(f64::NAN, 10).is_err());
        assert_eq!(Settings::new(0.9, 101), Err(Error::NewPerDay(101)));
        assert_eq!(Settings::new(0.9, -1), Err(Error::NewPerDay(-1)));
    }
}
