//! Running one example: a built binary with a time limit, its exit status
//! and output compared with what the bank states; a `compile_fail` block
//! through `rustc`, which must fail with the named error code.

use super::{Example, RUN_TIMEOUT};
use crate::codeblock::RunMode;
use crate::quiz::normalize;
use serde_json::Value;
use std::fs;
use std::io;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

pub(super) fn run_binary(example: &Example, binaries: &Path, scratch: &Path) -> Result<(), String> {
    if example.mode == RunMode::NoRun {
        return Ok(());
    }
    let stdout_path = scratch.join(format!("{}.stdout", example.name));
    let stderr_path = scratch.join(format!("{}.stderr", example.name));
    let io_error = |error: io::Error| format!("could not run the example: {error}");
    let mut child = Command::new(binaries.join(&example.name))
        .current_dir(scratch)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&stdout_path).map_err(io_error)?)
        .stderr(fs::File::create(&stderr_path).map_err(io_error)?)
        .spawn()
        .map_err(io_error)?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(io_error)? {
            break status;
        }
        if started.elapsed() > RUN_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "still running after {} s; examples must finish (use no_run for servers)",
                RUN_TIMEOUT.as_secs()
            ));
        }
        thread::sleep(Duration::from_millis(5));
    };
    let stdout = fs::read_to_string(&stdout_path).unwrap_or_default();
    let stderr = fs::read_to_string(&stderr_path).unwrap_or_default();
    let stderr_tail = stderr
        .lines()
        .rev()
        .take(8)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
        .join("\n");
    match (&example.mode, status.code()) {
        (RunMode::ShouldPanic, Some(101)) => {}
        (RunMode::ShouldPanic, code) => {
            return Err(format!("should panic, but exited with {code:?}"));
        }
        (_, Some(0)) => {}
        (_, code) => return Err(format!("exited with {code:?}; stderr:\n{stderr_tail}")),
    }
    match &example.expected_stdout {
        Some(expected) if normalize(expected) != normalize(&stdout) => Err(output_mismatch(expected, &stdout)),
        _ => Ok(()),
    }
}

fn output_mismatch(expected: &str, actual: &str) -> String {
    let (expected, actual) = (normalize(expected), normalize(actual));
    let mut expected_lines = expected.lines();
    let mut actual_lines = actual.lines();
    for number in 1.. {
        match (expected_lines.next(), actual_lines.next()) {
            (Some(e), Some(a)) if e == a => continue,
            (e, a) => {
                return format!(
                    "output differs from the ```text block at output line {number}:\n  expected: {}\n  actual:   {}",
                    e.unwrap_or("<end of output>"),
                    a.unwrap_or("<end of output>")
                );
            }
        }
    }
    unreachable!("two different texts differ on some line")
}

pub(super) fn check_compile_fail(example: &Example, dir: &Path) -> Result<(), String> {
    let RunMode::CompileFail(code) = &example.mode else {
        return Ok(());
    };
    let source = dir.join(format!("{}.rs", example.name));
    fs::write(&source, &example.code).map_err(|error| error.to_string())?;
    let output = Command::new("rustc")
        .args([
            "--edition",
            example.edition.as_str(),
            "--crate-type",
            "bin",
            "--emit=metadata",
            "--error-format=json",
        ])
        .arg("-o")
        .arg(dir.join(format!("{}.rmeta", example.name)))
        .arg(&source)
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("could not run rustc: {error}"))?;
    if output.status.success() {
        return Err(format!("marked compile_fail,{code} but it compiles"));
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let codes: Vec<String> = stderr
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter_map(|message| message["code"]["code"].as_str().map(str::to_owned))
        .collect();
    if codes.iter().any(|found| found == code) {
        Ok(())
    } else {
        Err(format!(
            "expected error {code}, but rustc reported {}",
            if codes.is_empty() {
                "no error code".into()
            } else {
                codes.join(", ")
            }
        ))
    }
}
