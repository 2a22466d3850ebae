//! The authors' commands: `check` validates the bank, `examples` compiles and
//! runs its code. Both can be narrowed to a few questions (`--only`), so
//! several authors can work on their own files while others edit the rest.

use anyhow::{Context, Result, bail};
use bank::{Checked, Problem, Sources};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// Prints a line to stdout, ignoring a closed pipe (`rustprep check | head`).
pub fn say(text: impl std::fmt::Display) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

pub fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

/// Checks the sources, or fails with every problem listed.
pub fn checked(sources: &Sources) -> Result<Checked> {
    bank::check(sources, today()).map_err(|problems| {
        let listed: Vec<String> = problems.iter().map(Problem::to_string).collect();
        anyhow::anyhow!(
            "the question bank has {} problem(s):\n{}",
            problems.len(),
            listed.join("\n")
        )
    })
}

pub fn read_dir(content: &Path) -> Result<Sources> {
    Sources::from_dir(content).with_context(|| format!("reading the content directory {}", content.display()))
}

/// `rustprep check`: the whole bank, or (with `only`) the problems found in
/// the named questions' files, cross-file ones included.
pub fn check(content: &Path, report: bool, only: &[String]) -> Result<ExitCode> {
    let sources = read_dir(content)?;
    let problems = match bank::check(&sources, today()) {
        Ok(checked) => {
            if report {
                say(bank::content_report(&checked, today()));
            }
            let published = checked.documents.iter().filter(|d| !d.is_draft()).count();
            say(format_args!(
                "ok: {published} questions ({} drafts) answer all {} entries of the 2026 list",
                checked.documents.len() - published,
                checked.list.len()
            ));
            return Ok(ExitCode::SUCCESS);
        }
        Err(problems) => problems,
    };
    let shown: Vec<&Problem> = problems
        .iter()
        .filter(|problem| only.is_empty() || only.iter().any(|slug| is_file_of(&problem.path, slug)))
        .collect();
    for problem in &shown {
        say(problem);
    }
    eprintln!("{} problem(s) found", shown.len());
    Ok(if shown.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Whether `path` is the question file or the review record of `slug`.
fn is_file_of(path: &str, slug: &str) -> bool {
    let name = format!("{slug}.md");
    path.rsplit('/').next() == Some(name.as_str())
}

/// What `rustprep examples` runs, and where.
pub struct ExampleRun<'a> {
    pub content: &'a Path,
    pub crates: &'a Path,
    pub build_dir: &'a Path,
    pub target_dir: Option<&'a Path>,
    pub only: &'a [String],
}

/// `rustprep examples`: compiles and runs every code block of the bank and
/// every quiz program (it must pass `check` first), or only those of the
/// named questions and quizzes.
pub fn examples(run: &ExampleRun<'_>) -> Result<ExitCode> {
    let sources = read_dir(run.content)?;
    let (documents, quizzes) = if run.only.is_empty() {
        let checked = checked(&sources)?;
        (checked.documents, checked.quizzes)
    } else {
        let sources = sources.only(run.only);
        let (documents, mut problems) = bank::parse_questions(&sources);
        let (quizzes, quiz_problems) = bank::parse_quizzes(&sources);
        problems.extend(quiz_problems);
        for problem in &problems {
            say(problem);
        }
        (documents, quizzes)
    };
    let mut examples = bank::examples::collect(&documents);
    examples.extend(bank::examples::collect_quizzes(&quizzes));
    if examples.is_empty() {
        bail!("no code examples to run");
    }
    let started = Instant::now();
    let report = bank::examples::run(&examples, run.crates, run.build_dir, run.target_dir)?;
    for failure in &report.failures {
        say(failure);
    }
    say(format_args!(
        "examples: {} passed, {} failed ({} blocks in {:.1} s)",
        report.passed,
        report.failures.len(),
        examples.len(),
        started.elapsed().as_secs_f64()
    ));
    Ok(if report.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
