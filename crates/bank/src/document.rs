//! One question file, parsed: TOML front matter between `+++` lines and the
//! fixed sections as level-2 headings. Everything that can be checked within
//! the file alone is checked here, with the line it concerns.

use crate::codeblock::{CodeBlock, RunMode, find_code_blocks};
use crate::model::{Edition, Experience, Level, Slug, Topic};
use crate::problem::{Problems, line_of_offset};
use serde::Deserialize;
use time::Date;

/// The sections every answer has, in order. The first is free; the rest are
/// premium unless the whole question is a free sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    ShortAnswer,
    Detailed,
    CodeExample,
    RealWorld,
    CommonMistakes,
    FollowUps,
    StrongAnswer,
}

impl SectionKind {
    pub const ALL: [SectionKind; 7] = [
        SectionKind::ShortAnswer,
        SectionKind::Detailed,
        SectionKind::CodeExample,
        SectionKind::RealWorld,
        SectionKind::CommonMistakes,
        SectionKind::FollowUps,
        SectionKind::StrongAnswer,
    ];

    /// The heading as written in the file and shown on the page.
    pub fn heading(self) -> &'static str {
        match self {
            SectionKind::ShortAnswer => "Short answer",
            SectionKind::Detailed => "Detailed explanation",
            SectionKind::CodeExample => "Code example",
            SectionKind::RealWorld => "Real-world example",
            SectionKind::CommonMistakes => "Common mistakes",
            SectionKind::FollowUps => "Follow-up questions",
            SectionKind::StrongAnswer => "What a strong answer covers",
        }
    }

    /// The key used in the JSON API.
    pub fn key(self) -> &'static str {
        match self {
            SectionKind::ShortAnswer => "short_answer",
            SectionKind::Detailed => "detailed_explanation",
            SectionKind::CodeExample => "code_example",
            SectionKind::RealWorld => "real_world_example",
            SectionKind::CommonMistakes => "common_mistakes",
            SectionKind::FollowUps => "follow_up_questions",
            SectionKind::StrongAnswer => "strong_answer",
        }
    }

    fn from_heading(text: &str) -> Option<SectionKind> {
        SectionKind::ALL.into_iter().find(|kind| kind.heading() == text)
    }
}

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
    unlisted: bool,
    reviewed: toml::value::Datetime,
    rust: String,
    edition: Edition,
}

/// A section's Markdown and where it starts in the file.
#[derive(Debug, Clone)]
pub struct Section {
    pub kind: SectionKind,
    pub markdown: String,
    /// 1-based file line of the section's first body line.
    pub first_line: usize,
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
    pub unlisted: bool,
    pub reviewed: Date,
    pub rust: String,
    pub edition: Edition,
    /// All seven sections, in `SectionKind::ALL` order.
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
}

/// Parses and checks one question file. Returns `None` if it has problems
/// that keep it out of the bank (all of them reported through `problems`).
pub fn parse_document(path: &str, text: &str, problems: &mut Problems<'_>) -> Option<Document> {
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
    let reviewed = parse_date(&meta.reviewed, key_lines.reviewed, problems);
    let sections = split_sections(body, body_line, problems);
    for section in &sections {
        check_section(section, problems);
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
        unlisted: meta.unlisted,
        reviewed: reviewed?,
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

/// Cuts the body at `## ` headings (outside code fences), checking that the
/// seven sections stand in order, once each.
fn split_sections(body: &str, body_line: usize, problems: &mut Problems<'_>) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut in_fence = false;
    let mut preamble_line = None;
    for (index, line) in body.lines().enumerate() {
        let number = body_line + index;
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        let heading = (!in_fence).then(|| line.strip_prefix("## ")).flatten();
        match (heading, sections.last_mut()) {
            (Some(text), _) => match SectionKind::from_heading(text.trim()) {
                Some(kind) => {
                    if sections.iter().any(|seen| seen.kind == kind) {
                        problems.at(number, format!("section `## {}` is repeated", kind.heading()));
                    } else if let Some(later) = sections.iter().find(|seen| order(seen.kind) > order(kind)) {
                        problems.at(
                            number,
                            format!(
                                "section `## {}` is out of order: it goes before `## {}`",
                                kind.heading(),
                                later.kind.heading()
                            ),
                        );
                    }
                    sections.push(Section {
                        kind,
                        markdown: String::new(),
                        first_line: number + 1,
                    });
                }
                None => problems.at(
                    number,
                    format!(
                        "unknown section `## {}`; the sections are: {}",
                        text.trim(),
                        section_list()
                    ),
                ),
            },
            (None, Some(section)) => {
                section.markdown.push_str(line);
                section.markdown.push('\n');
            }
            (None, None) if !line.trim().is_empty() => {
                preamble_line.get_or_insert(number);
            }
            (None, None) => {}
        }
    }
    if let Some(line) = preamble_line {
        problems.at(
            line,
            "text before `## Short answer`; every part of the answer belongs to a section",
        );
    }
    let last_line = body_line + body.lines().count();
    for kind in SectionKind::ALL {
        if sections.iter().any(|section| section.kind == kind) {
            continue;
        }
        match sections.iter().find(|section| order(section.kind) > order(kind)) {
            Some(next) => problems.at(
                next.first_line - 1,
                format!(
                    "missing section `## {}` (it goes before `## {}`)",
                    kind.heading(),
                    next.kind.heading()
                ),
            ),
            None => problems.at(last_line, format!("missing section `## {}`", kind.heading())),
        }
    }
    sections
}

fn order(kind: SectionKind) -> usize {
    SectionKind::ALL
        .iter()
        .position(|&other| other == kind)
        .unwrap_or(usize::MAX)
}

fn section_list() -> String {
    SectionKind::ALL
        .map(|kind| format!("`## {}`", kind.heading()))
        .join(", ")
}

fn check_section(section: &Section, problems: &mut Problems<'_>) {
    let heading = section.kind.heading();
    let heading_line = section.first_line - 1;
    if section.markdown.trim().is_empty() {
        problems.at(heading_line, format!("section `## {heading}` is empty"));
        return;
    }
    let blocks = match find_code_blocks(&section.markdown, section.first_line) {
        Ok(blocks) => blocks,
        Err(line) => {
            problems.at(line, "code block is never closed with ```");
            return;
        }
    };
    for block in blocks.iter().filter(|block| block.is_rust()) {
        if let Err(message) = block.run_mode() {
            problems.at(block.line, message);
        } else if !block.code.contains("fn main") {
            problems.at(block.line, "a ```rust block must be a complete program with `fn main`");
        }
    }
    match section.kind {
        SectionKind::ShortAnswer => check_short_answer(section, &blocks, problems),
        SectionKind::CodeExample => {
            let runnable = blocks
                .iter()
                .any(|block| block.is_rust() && !matches!(block.run_mode(), Ok(RunMode::CompileFail(_))));
            if !runnable {
                problems.at(
                    heading_line,
                    "`## Code example` needs at least one ```rust program that compiles",
                );
            }
        }
        SectionKind::CommonMistakes => {
            check_count(section, "common mistakes", count_bullets(&section.markdown), problems)
        }
        SectionKind::FollowUps => check_follow_ups(section, problems),
        SectionKind::StrongAnswer => check_rubric(section, problems),
        SectionKind::Detailed | SectionKind::RealWorld => {}
    }
}

fn check_short_answer(section: &Section, blocks: &[CodeBlock], problems: &mut Problems<'_>) {
    let words = section.markdown.split_whitespace().count();
    if !blocks.is_empty() {
        problems.at(
            section.first_line,
            "the short answer is prose a candidate could say aloud; put code in `## Code example`",
        );
    }
    if words > 150 {
        problems.at(
            section.first_line,
            format!("the short answer has {words} words; keep it to 2-5 sentences (at most 150 words)"),
        );
    }
}

fn count_bullets(markdown: &str) -> usize {
    markdown
        .lines()
        .filter(|line| line.starts_with("- ") || line.starts_with("* "))
        .count()
}

fn check_count(section: &Section, what: &str, count: usize, problems: &mut Problems<'_>) {
    if !(3..=5).contains(&count) {
        problems.at(
            section.first_line - 1,
            format!("`## {}` has {count} {what}; give 3 to 5", section.kind.heading()),
        );
    }
}

fn check_follow_ups(section: &Section, problems: &mut Problems<'_>) {
    let mut questions = 0;
    let mut pending: Option<usize> = None;
    let mut in_fence = false;
    for (index, line) in section.markdown.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        if !in_fence && line.starts_with("### ") {
            if let Some(line) = pending {
                problems.at(line, "this follow-up question has no answer");
            }
            questions += 1;
            pending = Some(section.first_line + index);
        } else if !line.trim().is_empty() {
            pending = None;
        }
    }
    if let Some(line) = pending {
        problems.at(line, "this follow-up question has no answer");
    }
    check_count(section, "follow-up questions (`### ...` headings)", questions, problems);
}

fn check_rubric(section: &Section, problems: &mut Problems<'_>) {
    let labels: Vec<&str> = section
        .markdown
        .lines()
        .filter_map(|line| line.strip_prefix("- **"))
        .filter_map(|rest| rest.split_once(":**").map(|(label, _)| label))
        .collect();
    if labels != ["Weak", "Solid", "Strong"] {
        problems.at(
            section.first_line - 1,
            "`## What a strong answer covers` must be three bullets: `- **Weak:**`, `- **Solid:**`, `- **Strong:**`",
        );
    }
}
