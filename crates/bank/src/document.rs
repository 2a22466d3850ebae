//! One question file, parsed: TOML front matter between `+++` lines and the
//! fixed sections as level-2 headings. Everything that can be checked within
//! the file alone is checked here, with the line it concerns.

use crate::citations::AllowedHosts;
use crate::model::{Edition, Experience, Level, Slug, Topic};
use crate::problem::{Problems, line_of_offset};
use crate::sections::{Section, SectionKind, check_section, split_sections};
use serde::Deserialize;
use time::Date;

/// The front matter, exactly as the format defines it (unknown keys are errors).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    slug: String,
    title: String,
    level: Level,
    experience: Experience,
    topics: Vec<Topic>,
    #[serde(default)]
    seed: Vec<u16>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    free: bool,
    #[serde(default)]
    asked_in: Vec<String>,
    reviewed: Option<toml::value::Datetime>,
    rust: String,
    edition: Edition,
}

/// A question file that parsed and passed its own checks.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: String,
    pub slug: Slug,
    pub title: String,
    pub level: Level,
    pub experience: Experience,
    pub topics: Vec<Topic>,
    pub seed: Vec<u16>,
    pub aliases: Vec<String>,
    pub free: bool,
    /// Where real interviews ask it, for questions outside the 2026 list.
    pub asked_in: Vec<String>,
    /// When an independent reviewer last checked every claim; `None` for a
    /// draft, which is checked and tested but not served.
    pub reviewed: Option<Date>,
    pub rust: String,
    pub edition: Edition,
    /// All eight sections, in `SectionKind::ALL` order.
    pub sections: Vec<Section>,
    /// 1-based lines of the keys in the front matter, for later messages.
    pub key_lines: KeyLines,
}

/// Where some front-matter keys stand, so cross-file checks can point at them.
#[derive(Debug, Clone, Default)]
pub struct KeyLines {
    pub slug: usize,
    pub title: usize,
    pub seed: usize,
    pub aliases: usize,
    pub reviewed: usize,
}

impl Document {
    pub fn section(&self, kind: SectionKind) -> &Section {
        self.sections
            .iter()
            .find(|section| section.kind == kind)
            .expect("a parsed document has every section")
    }

    /// Not yet reviewed by anyone but its writer: checked and tested, not served.
    pub fn is_draft(&self) -> bool {
        self.reviewed.is_none()
    }
}

/// Parses and checks one question file. Returns `None` if it has problems
/// that keep it out of the bank (all of them reported through `problems`).
pub fn parse_document(path: &str, text: &str, hosts: &AllowedHosts, problems: &mut Problems<'_>) -> Option<Document> {
    let before = problems.len();
    let Some((front, body, body_line)) = split_front_matter(text) else {
        problems.at(
            1,
            "a question file must start with TOML front matter between `+++` lines",
        );
        return None;
    };
    let meta = match toml::from_str::<FrontMatter>(front) {
        Ok(meta) => meta,
        Err(error) => {
            let line = error.span().map_or(2, |span| 1 + line_of_offset(front, span.start));
            problems.at(line, format!("front matter: {}", error.message()));
            return None;
        }
    };
    let key_lines = KeyLines {
        slug: key_line(front, "slug"),
        title: key_line(front, "title"),
        seed: key_line(front, "seed"),
        aliases: key_line(front, "aliases"),
        reviewed: key_line(front, "reviewed"),
    };
    check_meta(path, &meta, front, problems);
    let reviewed = meta
        .reviewed
        .as_ref()
        .map(|value| parse_date(value, key_lines.reviewed, problems));
    let sections = split_sections(body, body_line, problems);
    for section in &sections {
        check_section(section, hosts, problems);
    }
    if problems.len() > before {
        return None;
    }
    Some(Document {
        path: path.to_owned(),
        slug: Slug::parse(&meta.slug)?,
        title: meta.title,
        level: meta.level,
        experience: meta.experience,
        topics: meta.topics,
        seed: meta.seed,
        aliases: meta.aliases,
        free: meta.free,
        asked_in: meta.asked_in,
        reviewed: match reviewed {
            Some(date) => Some(date?),
            None => None,
        },
        rust: meta.rust,
        edition: meta.edition,
        sections,
        key_lines,
    })
}

/// Splits `+++\n<toml>\n+++\n<body>`; returns the TOML, the body and the
/// body's first line number.
fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let rest = text.strip_prefix("+++\n").or_else(|| text.strip_prefix("+++\r\n"))?;
    let end = rest.find("\n+++")?;
    let front = &rest[..=end];
    let after = &rest[end + 4..];
    let body = after.split_once('\n').map_or("", |(_, body)| body);
    let body_line = 1 + line_of_offset(rest, end + 1) + 1;
    Some((front, body, body_line))
}

/// The 1-based file line on which `key = ...` stands in the front matter.
fn key_line(front: &str, key: &str) -> usize {
    front
        .lines()
        .position(|line| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(1, |index| index + 2)
}

fn check_meta(path: &str, meta: &FrontMatter, front: &str, problems: &mut Problems<'_>) {
    let line = |key| key_line(front, key);
    match Slug::parse(&meta.slug) {
        None => problems.at(
            line("slug"),
            format!(
                "slug `{}` must be lowercase letters, digits and single hyphens",
                meta.slug
            ),
        ),
        Some(slug) => {
            let file_stem = path.rsplit('/').next().and_then(|name| name.strip_suffix(".md"));
            if file_stem != Some(slug.as_str()) {
                problems.at(
                    line("slug"),
                    format!("slug `{slug}` must match the file name `{slug}.md`"),
                );
            }
        }
    }
    if meta.title.trim().is_empty() {
        problems.at(line("title"), "title is empty");
    }
    if meta.topics.is_empty() || meta.topics.len() > 3 {
        problems.at(line("topics"), format!("give 1 to 3 topics (from: {})", Topic::names()));
    }
    if meta.aliases.iter().any(|alias| alias.trim().is_empty()) {
        problems.at(line("aliases"), "an alias is empty");
    }
    if meta.asked_in.iter().any(|place| place.trim().is_empty()) {
        problems.at(line("asked_in"), "an `asked_in` entry is empty");
    }
    if meta.seed.is_empty() && meta.asked_in.is_empty() {
        problems.at(
            line("seed").max(line("asked_in")).max(line("title")),
            "answers no entry of the 2026 list and says nowhere it is asked: name its entries in `seed`, or where real interviews ask it in `asked_in`",
        );
    }
    if meta.reviewed.is_none() && !meta.seed.is_empty() {
        problems.at(
            line("seed"),
            "a draft (no `reviewed` date yet) cannot answer list entries: it is not served",
        );
    }
    if meta.reviewed.is_none() && meta.free {
        problems.at(
            line("free"),
            "a draft (no `reviewed` date yet) cannot be a free sample: it is not served",
        );
    }
    let version_ok = meta.rust.split('.').count() == 2
        && meta
            .rust
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    if !version_ok {
        problems.at(
            line("rust"),
            format!("rust = \"{}\" must be a version like \"1.95\"", meta.rust),
        );
    }
}

fn parse_date(value: &toml::value::Datetime, line: usize, problems: &mut Problems<'_>) -> Option<Date> {
    let (Some(date), None, None) = (value.date, value.time, value.offset) else {
        problems.at(line, format!("reviewed = {value} must be a date like 2026-11-24"));
        return None;
    };
    let month = time::Month::try_from(date.month).ok();
    let parsed = month.and_then(|m| Date::from_calendar_date(i32::from(date.year), m, date.day).ok());
    if parsed.is_none() {
        problems.at(line, format!("reviewed = {value} is not a calendar date"));
    }
    parsed
}
