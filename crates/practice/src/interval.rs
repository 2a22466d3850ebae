//! Intervals in words for the grade buttons: "10 min", "5 hours", "1 day",
//! "3.2 months", "1.5 years". Rounded to what a reader can take in at a
//! glance; months are 30 days and years 365, as flashcard tools count them.

const MINUTE: i64 = 60;
const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;

/// `seconds` from now (a due time minus now) in words.
pub fn format_interval(seconds: i64) -> String {
    if seconds <= 0 {
        return "now".to_owned();
    }
    let minutes = rounded(seconds, MINUTE).max(1);
    if minutes < 60 {
        return format!("{minutes} min");
    }
    let hours = rounded(seconds, HOUR);
    if hours < 24 {
        return counted(hours as f64, "hour");
    }
    let days = rounded(seconds, DAY);
    if days < 30 {
        return counted(days as f64, "day");
    }
    let months = one_decimal(days as f64 / 30.0);
    if months < 12.0 {
        return counted(months, "month");
    }
    counted(one_decimal(days as f64 / 365.0), "year")
}

/// `seconds` in whole `unit`s, to the nearest.
fn rounded(seconds: i64, unit: i64) -> i64 {
    seconds.saturating_add(unit / 2) / unit
}

fn one_decimal(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// "1 day", "4 days", "3.2 months": no ".0", plural unless exactly one.
fn counted(value: f64, unit: &str) -> String {
    let plural = if value == 1.0 { "" } else { "s" };
    format!("{value} {unit}{plural}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_waits_read_in_minutes() {
        assert_eq!(format_interval(60), "1 min");
        assert_eq!(format_interval(10 * MINUTE), "10 min");
        assert_eq!(format_interval(5), "1 min");
        assert_eq!(format_interval(0), "now");
    }

    #[test]
    fn hours_then_days() {
        assert_eq!(format_interval(59 * MINUTE + 40), "1 hour");
        assert_eq!(format_interval(5 * HOUR), "5 hours");
        assert_eq!(format_interval(23 * HOUR + 40 * MINUTE), "1 day");
        assert_eq!(format_interval(DAY), "1 day");
        assert_eq!(format_interval(4 * DAY), "4 days");
    }

    #[test]
    fn long_intervals_read_in_months_and_years_with_one_decimal() {
        assert_eq!(format_interval(30 * DAY), "1 month");
        assert_eq!(format_interval(96 * DAY), "3.2 months");
        assert_eq!(format_interval(365 * DAY), "1 year");
        assert_eq!(format_interval(548 * DAY), "1.5 years");
        assert!(format_interval(i64::MAX).ends_with(" years"));
    }
}
