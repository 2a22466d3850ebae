//! The fixed sections of an answer: which exist, in what order, which are
//! open to every reader, and the checks each section's own text must pass.

use crate::citations::{AllowedHosts, check_sources};
use crate::codeblock::{CodeBlock, RunMode, find_code_blocks};
use crate::problem::Problems;

/// The sections of an answer, in file order. The short answer and the sources
/// are open to every reader; the rest are premium unless the whole question is
/// a free sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    ShortAnswer,
    Detailed,
    CodeExample,
    RealWorld,
    CommonMistakes,
    FollowUps,
    StrongAnswer,
    Sources,
}

impl SectionKind {
    pub const ALL: [SectionKind; 8] = [
        SectionKind::ShortAnswer,
        SectionKind::Detailed,
        SectionKind::CodeExample,
        SectionKind::RealWorld,
        SectionKind::CommonMistakes,
        SectionKind::FollowUps,
        SectionKind::StrongAnswer,
        SectionKind::Sources,
    ];

    /// The sections only a reader with access (or a free sample) sees.
    pub const PREMIUM: [SectionKind; 6] = [
        SectionKind::Detailed,
        SectionKind::CodeExample,
        SectionKind::RealWorld,
        SectionKind::CommonMistakes,
        SectionKind::FollowUps,
        SectionKind::StrongAnswer,
    ];

    /// Whether the section is behind the paywall (unless the question is a
    /// free sample).
    pub fn is_premium(self) -> bool {
        SectionKind::PREMIUM.contains(&self)
    }

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
            SectionKind::Sources => "Sources",
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
            SectionKind::Sources => "sources",
        }
    }

    pub(crate) fn from_heading(text: &str) -> Option<SectionKind> {
        SectionKind::ALL.into_iter().find(|kind| kind.heading() == text)
    }
}

/// A section's Markdown and where it starts in the file.
#[derive(Debug, Clone)]
pub struct Section {
    pub kind: SectionKind,
    pub markdown: String,
    /// 1-based file line of the section's first body line.
    pub first_line: usize,
}

/// Cuts the body at `## ` headings (outside code fences), checking that the
/// sections stand in order, once each.
pub(crate) fn split_sections(body: &str, body_line: usize, problems: &mut Problems<'_>) -> Vec<Section> {
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

pub(crate) fn check_section(section: &Section, hosts: &AllowedHosts, problems: &mut Problems<'_>) {
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
        SectionKind::Sources => check_sources(&section.markdown, section.first_line, hosts, problems),
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
