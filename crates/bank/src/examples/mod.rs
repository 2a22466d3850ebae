//! Code blocks are tests. Every ` ```rust ` block of the bank becomes a binary
//! of one generated Cargo package per edition, built in one `cargo build`
//! against the pinned crate set in `content/examples`, warnings denied; then
//! each binary runs and its output is compared with the ` ```text ` block that
//! follows it. `compile_fail` blocks go to `rustc` one by one and must fail
//! with the error code they name. Failures are reported at the block's line
//! in the question file.

mod collect;
mod process;

pub use collect::{collect, collect_quizzes};

use crate::codeblock::RunMode;
use crate::model::Edition;
use crate::problem::Problem;
use process::{check_compile_fail, run_binary};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::Duration;

/// How long one example may run.
pub(crate) const RUN_TIMEOUT: Duration = Duration::from_secs(10);

/// One Rust block to check.
#[derive(Debug, Clone)]
pub struct Example {
    pub path: String,
    /// File line of the block's opening fence.
    pub line: usize,
    pub edition: Edition,
    pub mode: RunMode,
    pub code: String,
    /// The ` ```text ` block that directly follows, if any.
    pub expected_stdout: Option<String>,
    /// The binary's name in the generated package.
    pub name: String,
}

/// What checking the examples found.
#[derive(Debug, Default)]
pub struct Report {
    pub passed: usize,
    pub failures: Vec<Problem>,
}

/// Builds and runs `examples`. `manifest_dir` holds the pinned `Cargo.toml`
/// and `Cargo.lock`; `build_dir` is where packages go (kept between runs so
/// only changed examples rebuild); `target_dir` is cargo's (by default inside
/// `build_dir`; several build dirs may share one, as the crates are the same).
pub fn run(
    examples: &[Example],
    manifest_dir: &Path,
    build_dir: &Path,
    target_dir: Option<&Path>,
) -> io::Result<Report> {
    let mut report = Report::default();
    fs::create_dir_all(build_dir)?;
    // cargo and the binaries run in other directories: use absolute paths.
    let build_dir = &build_dir.canonicalize()?;
    let manifest_dir = &manifest_dir.canonicalize()?;
    let target_dir = match target_dir {
        Some(dir) => {
            fs::create_dir_all(dir)?;
            dir.canonicalize()?
        }
        None => build_dir.join("target"),
    };
    let target_dir = &target_dir;
    let (failing, building): (Vec<&Example>, Vec<&Example>) = examples
        .iter()
        .partition(|example| matches!(example.mode, RunMode::CompileFail(_)));
    let mut by_edition: BTreeMap<&str, Vec<&Example>> = BTreeMap::new();
    for example in building {
        by_edition.entry(example.edition.as_str()).or_default().push(example);
    }
    let mut built: Vec<&Example> = Vec::new();
    for (edition, group) in &by_edition {
        let package = build_dir.join(format!("edition-{edition}"));
        write_package(&package, manifest_dir, edition, group)?;
        let broken = cargo_build(&package, target_dir, group, &mut report.failures)?;
        built.extend(group.iter().copied().filter(|example| !broken.contains(&example.name)));
    }
    let binaries = target_dir.join("debug");
    let scratch = build_dir.join("run");
    fs::create_dir_all(&scratch)?;
    let ran = parallel_map(&built, |example| run_binary(example, &binaries, &scratch));
    let compile_fail_dir = build_dir.join("compile-fail");
    fs::create_dir_all(&compile_fail_dir)?;
    let failed_to_compile = parallel_map(&failing, |example| check_compile_fail(example, &compile_fail_dir));
    for (example, outcome) in built.iter().zip(ran).chain(failing.iter().zip(failed_to_compile)) {
        match outcome {
            Ok(()) => report.passed += 1,
            Err(message) => report.failures.push(problem(example, example.line, message)),
        }
    }
    report
        .failures
        .sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    Ok(report)
}

fn problem(example: &Example, line: usize, message: String) -> Problem {
    Problem {
        path: example.path.clone(),
        line,
        message,
    }
}

/// Writes the generated package, touching only files whose text changed so
/// cargo rebuilds only what changed.
fn write_package(package: &Path, manifest_dir: &Path, edition: &str, examples: &[&Example]) -> io::Result<()> {
    let manifest = fs::read_to_string(manifest_dir.join("Cargo.toml"))?
        .replace("edition = \"2024\"", &format!("edition = \"{edition}\""));
    let bin_dir = package.join("src/bin");
    fs::create_dir_all(&bin_dir)?;
    write_if_changed(&package.join("Cargo.toml"), &manifest)?;
    write_if_changed(
        &package.join("Cargo.lock"),
        &fs::read_to_string(manifest_dir.join("Cargo.lock"))?,
    )?;
    let wanted: Vec<String> = examples.iter().map(|example| format!("{}.rs", example.name)).collect();
    for entry in fs::read_dir(&bin_dir)? {
        let entry = entry?;
        if !wanted.iter().any(|name| entry.file_name() == name.as_str()) {
            fs::remove_file(entry.path())?;
        }
    }
    for example in examples {
        write_if_changed(&bin_dir.join(format!("{}.rs", example.name)), &example.code)?;
    }
    Ok(())
}

fn write_if_changed(path: &Path, text: &str) -> io::Result<()> {
    if fs::read_to_string(path).ok().as_deref() != Some(text) {
        fs::write(path, text)?;
    }
    Ok(())
}

/// Builds all binaries of a package at once. Compiler errors (warnings are
/// denied) become problems at the failing line of the question file; returns
/// the names of binaries that did not build.
fn cargo_build(
    package: &Path,
    target_dir: &Path,
    examples: &[&Example],
    failures: &mut Vec<Problem>,
) -> io::Result<Vec<String>> {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "build",
            "--bins",
            "--locked",
            "--keep-going",
            "--quiet",
            "--message-format=json",
        ])
        .current_dir(package)
        .env("CARGO_TARGET_DIR", target_dir)
        .stdin(Stdio::null())
        .output()?;
    let mut broken = Vec::new();
    let stdout = String::from_utf8_lossy(&output.stdout);
    for message in stdout
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
    {
        if message["reason"] != "compiler-message" || message["message"]["level"] != "error" {
            continue;
        }
        let target = message["target"]["name"].as_str().unwrap_or_default();
        let Some(example) = examples.iter().find(|example| example.name == target) else {
            continue;
        };
        let span_line = message["message"]["spans"]
            .as_array()
            .and_then(|spans| spans.iter().find(|span| span["is_primary"] == true))
            .and_then(|span| span["line_start"].as_u64())
            .map_or(0, |line| line as usize);
        let rendered = message["message"]["rendered"].as_str().unwrap_or("error").trim_end();
        failures.push(problem(
            example,
            example.line + span_line,
            format!("does not compile:\n{rendered}"),
        ));
        broken.push(example.name.clone());
    }
    if !output.status.success() && broken.is_empty() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(io::Error::other(format!(
            "cargo build of the examples failed:\n{stderr}"
        )));
    }
    broken.dedup();
    Ok(broken)
}

/// Runs `work` over `items` on as many threads as there are cores.
fn parallel_map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = items.len().div_ceil(threads).max(1);
    thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|chunk| scope.spawn(|| chunk.iter().map(&work).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().unwrap_or_default())
            .collect()
    })
}

/// The default place for built examples: `target/bank-examples` under the
/// workspace, beside the project's own build.
pub fn default_build_dir(workspace: &Path) -> PathBuf {
    workspace.join("target").join("bank-examples")
}
