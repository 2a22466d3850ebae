//! The content report behind `rustprep check --report`: how the bank covers
//! each level and topic, and which answers are due for review.

use crate::document::Document;
use crate::load::Checked;
use crate::model::{Level, Topic};
use std::fmt::Write;
use time::{Date, Duration};

/// Answers not reviewed for this long are listed as due.
pub const REVIEW_INTERVAL: Duration = Duration::days(365);

/// Renders the report as plain-text tables. The counts are of published
/// (reviewed) questions; drafts are listed at the end.
pub fn content_report(checked: &Checked, today: Date) -> String {
    let published: Vec<Document> = checked.documents.iter().filter(|d| !d.is_draft()).cloned().collect();
    let documents = &published;
    let mut out = String::new();
    let row = |out: &mut String, name: &str, questions: usize, entries: usize, free: usize| {
        let _ = writeln!(out, "{name:<28} {questions:>9} {entries:>12} {free:>6}");
    };
    let _ = writeln!(
        out,
        "{:<28} {:>9} {:>12} {:>6}",
        "level", "questions", "list entries", "free"
    );
    for level in Level::ALL {
        let these: Vec<_> = documents.iter().filter(|d| d.level == *level).collect();
        let entries = these.iter().map(|d| d.seed.len()).sum();
        row(
            &mut out,
            level.as_str(),
            these.len(),
            entries,
            these.iter().filter(|d| d.free).count(),
        );
    }
    let total_entries = documents.iter().map(|d| d.seed.len()).sum();
    row(
        &mut out,
        "all",
        documents.len(),
        total_entries,
        documents.iter().filter(|d| d.free).count(),
    );

    let _ = writeln!(
        out,
        "\n{:<28} {:>9} {:>12} {:>6}",
        "topic", "questions", "list entries", "free"
    );
    for topic in Topic::ALL {
        let these: Vec<_> = documents.iter().filter(|d| d.topics.contains(topic)).collect();
        let entries = these.iter().map(|d| d.seed.len()).sum();
        row(
            &mut out,
            topic.as_str(),
            these.len(),
            entries,
            these.iter().filter(|d| d.free).count(),
        );
    }

    let due_before = today - REVIEW_INTERVAL;
    let mut due: Vec<_> = documents
        .iter()
        .filter_map(|d| d.reviewed.filter(|date| *date < due_before).map(|date| (date, d)))
        .collect();
    due.sort_by_key(|(date, _)| *date);
    let _ = writeln!(out, "\nnot reviewed since {due_before}: {}", due.len());
    for (date, document) in due {
        let _ = writeln!(out, "  {} (reviewed {date})", document.path);
    }
    let documents = &checked.documents;
    list(
        &mut out,
        "drafts (written, not yet reviewed, not served)",
        documents.iter().filter(|d| d.is_draft()),
    );
    out
}

fn list<'a>(out: &mut String, what: &str, documents: impl Iterator<Item = &'a Document>) {
    let paths: Vec<&str> = documents.map(|d| d.path.as_str()).collect();
    let _ = writeln!(out, "\n{what}: {}", paths.len());
    for path in paths {
        let _ = writeln!(out, "  {path}");
    }
}
