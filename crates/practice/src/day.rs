//! UTC days. Every "per day" rule of the crate (the new-card cap, reviews per
//! day, the streak, the due forecast) counts days in UTC, the same for every
//! reader wherever they are: a day runs from 00:00:00 to 23:59:59 UTC. Times
//! are Unix seconds, as in the store.

use std::fmt;

/// Seconds in a UTC day (no leap seconds in Unix time).
pub const SECONDS_PER_DAY: i64 = 86_400;

/// The Julian day number of 1970-01-01, to turn a day into a calendar date.
const UNIX_EPOCH_JULIAN_DAY: i64 = 2_440_588;

/// One UTC day, counted from 1970-01-01 (day 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UtcDay(i64);

impl UtcDay {
    /// The UTC day a Unix time falls on.
    pub fn of(unix_seconds: i64) -> UtcDay {
        UtcDay(unix_seconds.div_euclid(SECONDS_PER_DAY))
    }

    /// The day `number` days after 1970-01-01.
    pub fn from_number(number: i64) -> UtcDay {
        UtcDay(number)
    }

    /// Days since 1970-01-01.
    pub fn number(self) -> i64 {
        self.0
    }

    /// The Unix time of the day's first second.
    pub fn start(self) -> i64 {
        self.0.saturating_mul(SECONDS_PER_DAY)
    }

    /// The day `days` later (earlier when negative).
    pub fn plus(self, days: i64) -> UtcDay {
        UtcDay(self.0.saturating_add(days))
    }

    /// The calendar date, when it is within years -9999 to 9999.
    pub fn date(self) -> Option<time::Date> {
        let julian = i32::try_from(self.0.checked_add(UNIX_EPOCH_JULIAN_DAY)?).ok()?;
        time::Date::from_julian_day(julian).ok()
    }
}

impl fmt::Display for UtcDay {
    /// `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.date() {
            Some(date) => write!(f, "{date}"),
            None => write!(f, "day {} after 1970-01-01", self.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_runs_from_midnight_to_midnight_utc() {
        // 2026-07-01 00:00:00 UTC
        let midnight = 1_782_864_000;
        assert_eq!(UtcDay::of(midnight).to_string(), "2026-07-01");
        assert_eq!(UtcDay::of(midnight + SECONDS_PER_DAY - 1), UtcDay::of(midnight));
        assert_eq!(UtcDay::of(midnight - 1).to_string(), "2026-06-30");
        assert_eq!(UtcDay::of(midnight).start(), midnight);
    }

    #[test]
    fn times_before_1970_fall_on_the_right_day() {
        assert_eq!(UtcDay::of(-1).to_string(), "1969-12-31");
        assert_eq!(UtcDay::of(-1).plus(1), UtcDay::of(0));
    }
}
