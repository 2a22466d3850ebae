//! "What does this print?" quizzes, `quizzes/<slug>.md`: a short program, its
//! answer (the exact standard output, a panic, or "does not compile" with the
//! error code) and an explanation that names the rule at work. The answer key
//! is never taken on trust: the example runner compiles and runs every
//! program and compares what really happens with the stated answer, so a
//! wrong key fails the test suite at its file and line.

use crate::codeblock::{CodeBlock, RunMode, find_code_blocks};
use crate::model::{Edition, Level, Slug, Topic};
use crate::problem::{Problems, line_of_offset};
use serde::Deserialize;

/// The sections of a quiz file, in order.
const SECTIONS: [&str; 3] = ["Program", "Answer", "Explanation"];

/// Where an explanation must link at least once: the Reference or std docs.
const RULE_SOURCE: &str = "https://doc.rust-lang.org/";

/// What running the program does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Compiles, runs, exits 0 and prints the answer.
    Prints,
    /// Compiles, prints the answer (maybe nothing), then panics.
    Panics,
    /// Fails to compile with the error code the answer names.
    DoesNotCompile,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    slug: String,
    title: String,
    level: Level,
    topics: Vec<Topic>,
    #[serde(default)]
    free: bool,
    outcome: Outcome,
    #[serde(default)]
    choices: Vec<String>,
    rust: String,
    edition: Edition,
}

/// A quiz file that parsed and passed its own checks.
#[derive(Debug, Clone)]
pub struct QuizDocument {
    pub path: String,
    pub slug: Slug,
    pub title: String,
    pub level: Level,
    pub topics: Vec<Topic>,
    pub free: bool,
    pub outcome: Outcome,
    /// Multiple-choice options (empty: the reader types the answer).
    pub choices: Vec<String>,
    pub rust: String,
    pub edition: Edition,
    /// The program, and the file line of its opening fence.
    pub program: CodeBlock,
    /// The exact standard output for `Prints` and `Panics`.
    pub stdout: String,
    /// The error code for `DoesNotCompile`.
    pub error_code: Option<String>,
    /// The explanation's Markdown.
    pub explanation: String,
}

impl QuizDocument {
    /// The answer as a reader would pick or type it: the output, "panics"
    /// (after any output) or "does not compile".
    pub fn answer_text(&self) -> String {
        match self.outcome {
            Outcome::Prints => normalize(&self.stdout),
            Outcome::Panics => "panics".to_owned(),
            Outcome::DoesNotCompile => "does not compile".to_owned(),
        }
    }

    /// Whether `answer` is right: the output exactly (trailing whitespace
    /// and line endings aside), or the outcome's words for a panic or a
    /// compile error (case and surrounding spaces aside).
    pub fn grade(&self, answer: &str) -> bool {
        match self.outcome {
            Outcome::Prints => normalize(answer) == normalize(&self.stdout),
            Outcome::Panics | Outcome::DoesNotCompile => answer.trim().eq_ignore_ascii_case(&self.answer_text()),
        }
    }
}

/// Output as compared, by the example runner and by quiz grading alike:
/// lines without trailing whitespace, no trailing blank lines, `\n` endings.
pub fn normalize(text: &str) -> String {
    text.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim_end()
        .to_owned()
}

/// One `## ` section of a quiz: heading, first body line, body.
struct Part<'a> {
    heading: &'a str,
    line: usize,
    body: String,
}

/// Parses and checks one quiz file.
pub fn parse_quiz(path: &str, text: &str, problems: &mut Problems<'_>) -> Option<QuizDocument> {
    let before = problems.len();
    let rest = text.strip_prefix("+++\n");
    let end = rest.and_then(|rest| rest.find("\n+++"));
    let (Some(rest), Some(end)) = (rest, end) else {
        problems.at(1, "a quiz file must start with TOML front matter between `+++` lines");
        return None;
    };
    let meta = match toml::from_str::<FrontMatter>(&rest[..=end]) {
        Ok(meta) => meta,
        Err(error) => {
            let line = error.span().map_or(2, |span| 1 + line_of_offset(rest, span.start));
            problems.at(line, format!("front matter: {}", error.message()));
            return None;
        }
    };
    let slug = check_meta(path, &meta, problems);
    let body_line = 2 + line_of_offset(rest, end + 1) + 1;
    let body = rest[end + 4..].split_once('\n').map_or("", |(_, body)| body);
    let parts = split_parts(body, body_line, problems)?;
    let program = check_program(&parts[0], meta.outcome, problems);
    let (stdout, error_code) = check_answer(&parts[1], meta.outcome, program.as_ref(), problems);
    check_explanation(&parts[2], problems);
    let quiz = QuizDocument {
        path: path.to_owned(),
        slug: slug?,
        title: meta.title,
        level: meta.level,
        topics: meta.topics,
        free: meta.free,
        outcome: meta.outcome,
        choices: meta.choices,
        rust: meta.rust,
        edition: meta.edition,
        program: program?,
        stdout,
        error_code,
        explanation: parts[2].body.clone(),
    };
    check_choices(&quiz, problems);
    (problems.len() == before).then_some(quiz)
}

fn check_meta(path: &str, meta: &FrontMatter, problems: &mut Problems<'_>) -> Option<Slug> {
    let slug = Slug::parse(&meta.slug);
    let stem = path.rsplit('/').next().and_then(|name| name.strip_suffix(".md"));
    if slug.is_none() || stem != Some(meta.slug.as_str()) {
        problems.at(
            2,
            format!(
                "slug `{}` must be lowercase letters, digits and hyphens, and match the file name",
                meta.slug
            ),
        );
    }
    if meta.title.trim().is_empty() {
        problems.at(2, "title is empty");
    }
    if meta.topics.is_empty() || meta.topics.len() > 3 {
        problems.at(2, format!("give 1 to 3 topics (from: {})", Topic::names()));
    }
    slug
}

/// `## Program`, `## Answer`, `## Explanation`, in order, none empty.
fn split_parts<'a>(body: &'a str, body_line: usize, problems: &mut Problems<'_>) -> Option<Vec<Part<'a>>> {
    let mut parts: Vec<Part<'a>> = Vec::new();
    let mut in_fence = false;
    for (index, line) in body.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        match (!in_fence).then(|| line.strip_prefix("## ")).flatten() {
            Some(heading) => parts.push(Part {
                heading: heading.trim(),
                line: body_line + index + 1,
                body: String::new(),
            }),
            None => {
                if let Some(part) = parts.last_mut() {
                    part.body.push_str(line);
                    part.body.push('\n');
                }
            }
        }
    }
    let headings: Vec<&str> = parts.iter().map(|part| part.heading).collect();
    if headings != SECTIONS {
        problems.at(
            body_line,
            "a quiz has three sections, in order: `## Program`, `## Answer`, `## Explanation`",
        );
        return None;
    }
    for part in parts.iter().filter(|part| part.body.trim().is_empty()) {
        problems.at(part.line - 1, format!("section `## {}` is empty", part.heading));
    }
    Some(parts)
}

/// Exactly one Rust block, whose fence says what the outcome says.
fn check_program(part: &Part<'_>, outcome: Outcome, problems: &mut Problems<'_>) -> Option<CodeBlock> {
    let blocks = blocks(part, problems)?;
    let rust: Vec<&CodeBlock> = blocks.iter().filter(|block| block.is_rust()).collect();
    let [program] = rust.as_slice() else {
        problems.at(part.line - 1, "`## Program` holds exactly one ```rust block");
        return None;
    };
    let mode = match program.run_mode() {
        Ok(mode) => mode,
        Err(message) => {
            problems.at(program.line, message);
            return None;
        }
    };
    let agrees = matches!(
        (outcome, &mode),
        (Outcome::Prints, RunMode::Run)
            | (Outcome::Panics, RunMode::ShouldPanic)
            | (Outcome::DoesNotCompile, RunMode::CompileFail(_))
    );
    if !agrees {
        problems.at(
            program.line,
            "the fence must match `outcome`: ```rust for prints, ```rust,should_panic for panics, ```rust,compile_fail,EXXXX for does-not-compile",
        );
    }
    if !program.code.contains("fn main") {
        problems.at(program.line, "the program must be complete, with `fn main`");
    }
    Some((*program).clone())
}

/// The output as one ```text block, or the error code named in prose.
fn check_answer(
    part: &Part<'_>,
    outcome: Outcome,
    program: Option<&CodeBlock>,
    problems: &mut Problems<'_>,
) -> (String, Option<String>) {
    let Some(blocks) = blocks(part, problems) else {
        return (String::new(), None);
    };
    match outcome {
        Outcome::Prints | Outcome::Panics => match blocks.as_slice() {
            [block] if block.lang == "text" => (block.code.clone(), None),
            _ => {
                problems.at(
                    part.line - 1,
                    "`## Answer` of a program that runs is one ```text block: its exact standard output",
                );
                (String::new(), None)
            }
        },
        Outcome::DoesNotCompile => {
            let code = program.and_then(|program| match program.run_mode() {
                Ok(RunMode::CompileFail(code)) => Some(code),
                _ => None,
            });
            if let Some(code) = &code
                && !(part.body.contains(code.as_str()) && part.body.to_lowercase().contains("does not compile"))
            {
                problems.at(
                    part.line,
                    format!("`## Answer` must say \"does not compile\" and name the error, {code}"),
                );
            }
            (String::new(), code)
        }
    }
}

fn check_explanation(part: &Part<'_>, problems: &mut Problems<'_>) {
    if !part.body.contains(&format!("]({RULE_SOURCE}")) {
        problems.at(
            part.line - 1,
            format!("`## Explanation` must name the rule at work and link it in the Reference or std docs ({RULE_SOURCE}...)"),
        );
    }
}

fn check_choices(quiz: &QuizDocument, problems: &mut Problems<'_>) {
    if quiz.choices.is_empty() {
        return;
    }
    if !(2..=5).contains(&quiz.choices.len()) {
        problems.at(2, "give 2 to 5 `choices`, or none (the reader types the answer)");
    }
    let right = quiz.choices.iter().filter(|choice| quiz.grade(choice)).count();
    if right != 1 {
        problems.at(
            2,
            format!(
                "exactly one of `choices` must be the answer ({:?}); {right} are",
                quiz.answer_text()
            ),
        );
    }
}

fn blocks(part: &Part<'_>, problems: &mut Problems<'_>) -> Option<Vec<CodeBlock>> {
    match find_code_blocks(&part.body, part.line) {
        Ok(blocks) => Some(blocks),
        Err(line) => {
            problems.at(line, "code block is never closed with ```");
            None
        }
    }
}
