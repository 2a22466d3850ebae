//! Bar charts as inline SVG, drawn on the server: no script, and colours
//! from the page's theme (`currentColor` and classes styled with the
//! site's custom properties), so a chart reads in light and dark alike.
//! Every chart comes with its text alternative: a one-sentence summary for
//! the caption and the counts for a table.

use ::practice::DayCount;
use std::fmt::Write;

const WIDTH: u32 = 720;
const HEIGHT: u32 = 200;
/// Room for the axis labels: left for counts, bottom for dates.
const LEFT: u32 = 36;
const BOTTOM: u32 = 24;
const TOP: u32 = 8;

/// A chart ready for a template.
#[derive(Debug)]
pub(crate) struct Chart {
    /// The `<svg>` element (only numbers and dates inside, nothing a reader wrote).
    pub svg: String,
    /// What the chart shows, in words, for its caption.
    pub summary: String,
    /// Every bar as a row: day and count.
    pub rows: Vec<(String, u32)>,
}

/// A bar per day. `id` names the chart's title for `aria-labelledby`;
/// `unit` names what is counted ("reviews", "cards due").
pub(crate) fn bar_chart(id: &'static str, title: &'static str, days: &[DayCount], unit: &str) -> Chart {
    let max = days.iter().map(|day| day.count).max().unwrap_or(0);
    let scale = max.max(1);
    let plot_width = WIDTH - LEFT;
    let plot_height = HEIGHT - BOTTOM - TOP;
    let n = u32::try_from(days.len()).unwrap_or(u32::MAX).max(1);
    let slot = f64::from(plot_width) / f64::from(n);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{id}-title" focusable="false"><title id="{id}-title">{title}</title>"#
    );
    let baseline = TOP + plot_height;
    let _ = write!(
        svg,
        r#"<line class="axis" x1="{LEFT}" y1="{baseline}" x2="{WIDTH}" y2="{baseline}" stroke="currentColor"/>"#
    );
    let _ = write!(
        svg,
        r#"<text class="label" x="{}" y="{}" text-anchor="end">{max}</text><text class="label" x="{}" y="{baseline}" text-anchor="end">0</text>"#,
        LEFT - 6,
        TOP + 10,
        LEFT - 6
    );
    for (i, day) in days.iter().enumerate() {
        let x = f64::from(LEFT) + slot * i as f64;
        let height = f64::from(plot_height) * f64::from(day.count) / f64::from(scale);
        let y = f64::from(baseline) - height;
        let _ = write!(
            svg,
            r#"<rect class="bar" x="{:.1}" y="{y:.1}" width="{:.1}" height="{height:.1}" fill="currentColor"><title>{}: {} {unit}</title></rect>"#,
            x + slot * 0.15,
            slot * 0.7,
            day.day,
            day.count
        );
    }
    for (i, anchor) in label_positions(days.len()) {
        let x = f64::from(LEFT) + slot * (i as f64 + 0.5);
        let _ = write!(
            svg,
            r#"<text class="label" x="{x:.1}" y="{}" text-anchor="{anchor}">{}</text>"#,
            HEIGHT - 6,
            days[i].day
        );
    }
    svg.push_str("</svg>");
    Chart {
        svg,
        summary: summary(days, unit),
        rows: days.iter().map(|day| (day.day.to_string(), day.count)).collect(),
    }
}

/// The bars whose dates are written under the axis: the first and the last
/// (and the middle one for a long chart), anchored so none is cut off.
fn label_positions(len: usize) -> Vec<(usize, &'static str)> {
    match len {
        0 => Vec::new(),
        1 => vec![(0, "middle")],
        _ if len > 20 => vec![(0, "start"), (len / 2, "middle"), (len - 1, "end")],
        _ => vec![(0, "start"), (len - 1, "end")],
    }
}

/// "12 reviews over 90 days (2026-09-08 to 2026-12-06), on 5 of them; most
/// on 2026-12-01 (4)."
fn summary(days: &[DayCount], unit: &str) -> String {
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return format!("No {unit}.");
    };
    let total: u64 = days.iter().map(|day| u64::from(day.count)).sum();
    let active = days.iter().filter(|day| day.count > 0).count();
    let mut text = format!(
        "{total} {unit} over {} days ({} to {}), on {active} of them",
        days.len(),
        first.day,
        last.day
    );
    if let Some(busiest) = days
        .iter()
        .filter(|day| day.count > 0)
        .max_by_key(|day| (day.count, std::cmp::Reverse(day.day)))
    {
        let _ = write!(text, "; most on {} ({})", busiest.day, busiest.count);
    }
    text.push('.');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::practice::UtcDay;

    fn days(counts: &[u32]) -> Vec<DayCount> {
        let first = UtcDay::of(1_782_864_000); // 2026-07-01
        counts
            .iter()
            .enumerate()
            .map(|(i, &count)| DayCount {
                day: first.plus(i as i64),
                count,
            })
            .collect()
    }

    #[test]
    fn a_bar_per_day_with_its_count_in_words() {
        let chart = bar_chart("c", "Reviews", &days(&[0, 3, 1]), "reviews");
        assert_eq!(chart.svg.matches("<rect class=\"bar\"").count(), 3);
        assert!(chart.svg.contains("<title>2026-07-02: 3 reviews</title>"));
        assert_eq!(
            chart.summary,
            "4 reviews over 3 days (2026-07-01 to 2026-07-03), on 2 of them; most on 2026-07-02 (3)."
        );
        assert_eq!(chart.rows[1], ("2026-07-02".to_owned(), 3));
    }

    #[test]
    fn the_tallest_bar_fills_the_plot_and_an_empty_day_has_none() {
        let chart = bar_chart("c", "Reviews", &days(&[0, 5]), "reviews");
        assert!(chart.svg.contains("height=\"0.0\""), "{}", chart.svg);
        assert!(
            chart
                .svg
                .contains(&format!("height=\"{:.1}\"", f64::from(HEIGHT - BOTTOM - TOP)))
        );
    }

    #[test]
    fn nothing_to_show_still_draws_the_axis_and_says_so() {
        let chart = bar_chart("c", "Due", &days(&[0, 0]), "cards due");
        assert!(chart.svg.contains("class=\"axis\""));
        assert_eq!(
            chart.summary,
            "0 cards due over 2 days (2026-07-01 to 2026-07-02), on 0 of them."
        );
    }
}
