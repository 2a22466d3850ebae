//! Review records, `reviews/<slug>.md`: who wrote an answer, who reviewed it
//! cold, when, what they checked, found and changed. The record is what makes
//! a question's `reviewed` date mean something: the date moves only with a
//! recorded review by someone other than the writer, and the next reviewer
//! starts from the last one's findings.

use crate::document::Document;
use crate::problem::{Problem, Problems, line_of_offset};
use crate::source::SourceFile;
use serde::Deserialize;
use std::collections::HashMap;
use time::Date;

/// The sections of a record's body, in order; the last is optional.
const SECTIONS: [&str; 3] = ["Checked", "Findings", "Changes"];
const EARLIER: &str = "Earlier reviews";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    slug: String,
    written_by: String,
    reviewed_by: String,
    reviewed: toml::value::Datetime,
}

/// A parsed review record.
#[derive(Debug, Clone)]
pub struct ReviewRecord {
    pub path: String,
    pub slug: String,
    pub reviewed: Option<Date>,
}

/// Parses one record, reporting what is wrong within the file itself.
pub fn parse_record(file: &SourceFile, problems: &mut Problems<'_>) -> Option<ReviewRecord> {
    let text = file.text.as_str();
    let Some(rest) = text.strip_prefix("+++\n") else {
        problems.at(1, "a review record starts with TOML front matter between `+++` lines");
        return None;
    };
    let Some(end) = rest.find("\n+++") else {
        problems.at(1, "the front matter is never closed with `+++`");
        return None;
    };
    let meta = match toml::from_str::<FrontMatter>(&rest[..=end]) {
        Ok(meta) => meta,
        Err(error) => {
            let line = error.span().map_or(2, |span| 2 + line_of_offset(rest, span.start));
            problems.at(line, format!("front matter: {}", error.message()));
            return None;
        }
    };
    let stem = file.path.rsplit('/').next().and_then(|name| name.strip_suffix(".md"));
    if stem != Some(meta.slug.as_str()) {
        problems.at(
            2,
            format!("slug `{}` must match the file name `{}.md`", meta.slug, meta.slug),
        );
    }
    if meta.written_by.trim().is_empty() || meta.reviewed_by.trim().is_empty() {
        problems.at(2, "name the writer (`written_by`) and the reviewer (`reviewed_by`)");
    } else if meta.written_by.trim().eq_ignore_ascii_case(meta.reviewed_by.trim()) {
        problems.at(
            2,
            "the reviewer must be someone other than the writer: a review is a second, independent reading",
        );
    }
    let body_line = 2 + line_of_offset(rest, end + 1) + 1;
    let body = rest[end + 4..].split_once('\n').map_or("", |(_, body)| body);
    check_body(body, body_line, problems);
    let reviewed = record_date(&meta.reviewed);
    if reviewed.is_none() {
        problems.at(
            2,
            format!("reviewed = {} must be a date like 2026-12-06", meta.reviewed),
        );
    }
    Some(ReviewRecord {
        path: file.path.clone(),
        slug: meta.slug,
        reviewed,
    })
}

fn record_date(value: &toml::value::Datetime) -> Option<Date> {
    let (Some(date), None, None) = (value.date, value.time, value.offset) else {
        return None;
    };
    let month = time::Month::try_from(date.month).ok()?;
    Date::from_calendar_date(i32::from(date.year), month, date.day).ok()
}

/// `## Checked`, `## Findings`, `## Changes`, none empty, then optionally
/// `## Earlier reviews`.
fn check_body(body: &str, body_line: usize, problems: &mut Problems<'_>) {
    let mut seen: Vec<(&str, usize, usize)> = Vec::new(); // (heading, line, non-empty lines)
    for (index, line) in body.lines().enumerate() {
        if let Some(heading) = line.strip_prefix("## ") {
            seen.push((heading.trim(), body_line + index, 0));
        } else if let Some(last) = seen.last_mut().filter(|_| !line.trim().is_empty()) {
            last.2 += 1;
        }
    }
    let headings: Vec<&str> = seen.iter().map(|(heading, ..)| *heading).collect();
    let expected_with_history = [&SECTIONS[..], &[EARLIER]].concat();
    if headings != SECTIONS && headings != expected_with_history {
        problems.at(
            body_line,
            "a review record's body is `## Checked`, `## Findings`, `## Changes` (then, optionally, `## Earlier reviews`)",
        );
        return;
    }
    for (heading, line, lines) in seen {
        if lines == 0 {
            problems.at(line, format!("section `## {heading}` is empty"));
        }
    }
}

/// What only records and questions together show: every published question
/// has a record, every record a question, and the question's `reviewed` date
/// is the record's.
pub fn check_records(documents: &[Document], records: &[ReviewRecord], parsed_all: bool, found: &mut Vec<Problem>) {
    let by_slug: HashMap<&str, &ReviewRecord> = records.iter().map(|record| (record.slug.as_str(), record)).collect();
    for document in documents {
        let record = by_slug.get(document.slug.as_str());
        let mut problems = Problems::new(&document.path, found);
        match (record, document.reviewed) {
            (None, Some(date)) => problems.at(
                document.key_lines.reviewed,
                format!(
                    "reviewed = {date}, but reviews/{}.md records no review: a reviewer other than the writer writes one",
                    document.slug
                ),
            ),
            (Some(record), None) => problems.at(
                1,
                format!(
                    "{} records a review, but the question has no `reviewed` date: set it to the review's date to publish the answer",
                    record.path
                ),
            ),
            (Some(record), Some(date)) if record.reviewed.is_some_and(|recorded| recorded != date) => problems.at(
                document.key_lines.reviewed,
                format!(
                    "reviewed = {date}, but the newest review in {} is dated {}: the date moves only with a recorded review",
                    record.path,
                    record.reviewed.map(|d| d.to_string()).unwrap_or_default()
                ),
            ),
            _ => {}
        }
    }
    // A question file that failed to parse may be the one a record reviews.
    for record in records.iter().filter(|_| parsed_all) {
        if !documents.iter().any(|document| document.slug.as_str() == record.slug) {
            Problems::new(&record.path, found).at(
                2,
                format!("there is no question `{}` for this record to review", record.slug),
            );
        }
    }
}
