//! The "Rust Interview Questions 2026" list as published: 156 numbered entries
//! with the level badge the list gives them.

use crate::model::Level;
use crate::problem::{Problems, line_of_offset};
use serde::Deserialize;

/// How many entries the published list has.
pub const LIST_LEN: u16 = 156;

/// One entry of the published list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListEntry {
    pub n: u16,
    pub title: String,
    /// The badge the list shows, which is not always the answer's real depth.
    pub level: Level,
    /// A numbered slot with no question ("Rust Interview Question 3 (Free)");
    /// the bank fills it with a question the list lacks.
    #[serde(default)]
    pub placeholder: bool,
    /// 1-based line of the entry in the list file.
    #[serde(skip)]
    pub line: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListFile {
    entry: Vec<ListEntry>,
}

/// Parses the list file, checking that entries are numbered 1..=156 in order.
pub fn parse_list(text: &str, problems: &mut Problems<'_>) -> Vec<ListEntry> {
    let mut entries = match toml::from_str::<ListFile>(text) {
        Ok(file) => file.entry,
        Err(error) => {
            let line = error.span().map_or(1, |span| line_of_offset(text, span.start));
            problems.at(line, format!("list: {}", error.message()));
            return Vec::new();
        }
    };
    let entry_lines = text
        .lines()
        .enumerate()
        .filter(|(_, line)| line.trim() == "[[entry]]")
        .map(|(index, _)| index + 1);
    for (entry, line) in entries.iter_mut().zip(entry_lines) {
        entry.line = line;
    }
    for (index, entry) in entries.iter().enumerate() {
        let expected = index + 1;
        if usize::from(entry.n) != expected {
            problems.at(
                entry.line,
                format!("entry numbered {} stands where {expected} belongs", entry.n),
            );
        }
    }
    if entries.len() != usize::from(LIST_LEN) {
        problems.at(
            1,
            format!(
                "the list has {} entries; the published list has {LIST_LEN}",
                entries.len()
            ),
        );
    }
    entries
}
