//! `rustprep check` as an author runs it.

mod support;

use std::process::Command;
use support::repo_root;

fn rustprep(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rustprep"))
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("run rustprep")
}

#[test]
fn check_passes_on_the_bank() {
    let output = rustprep(&["check"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "rustprep check failed:\n{stdout}");
    assert!(stdout.contains("answer all 156 entries"), "{stdout}");
}

#[test]
fn check_fails_with_file_and_line_on_a_broken_bank() {
    let dir = std::env::temp_dir().join(format!("rustprep-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("questions")).expect("dir");
    std::fs::create_dir_all(dir.join("reviews")).expect("dir");
    let fixtures = repo_root().join("crates/bank/tests/fixtures");
    std::fs::copy(fixtures.join("valid/list-2026.toml"), dir.join("list-2026.toml")).expect("list");
    std::fs::copy(fixtures.join("valid/README.md"), dir.join("README.md")).expect("README");
    std::fs::copy(fixtures.join("valid/reviews/alpha.md"), dir.join("reviews/alpha.md")).expect("record");
    std::fs::copy(
        fixtures.join("valid/questions/alpha.md"),
        dir.join("questions/alpha.md"),
    )
    .expect("alpha");
    let output = rustprep(&["check", "--content", dir.to_str().expect("utf-8 path")]);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(!output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("list-2026.toml:"), "{stdout}");
    assert!(
        stdout.contains("entry 11 (\"Rust Interview Question 1 (Free)\") is answered by no question"),
        "{stdout}"
    );
}
