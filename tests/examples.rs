//! Code blocks are tests: every ```rust block of the bank is built (one cargo
//! build, pinned crates, warnings denied) and run, its output compared with
//! the ```text block after it; compile_fail blocks must fail with their code.
//! A failure names the question file and line. Every quiz program runs too,
//! and a quiz whose answer key is wrong fails at its file and line.

mod support;

use std::process::Command;
use support::repo_root;

#[test]
fn every_code_block_of_the_bank_compiles_and_runs_as_stated() {
    let output = Command::new(env!("CARGO_BIN_EXE_rustprep"))
        .arg("examples")
        .current_dir(repo_root())
        .output()
        .expect("run rustprep examples");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(output.status.success(), "examples failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains(" 0 failed"), "{stdout}");
}

/// The valid sample bank of `crates/bank/tests/fixtures`, copied with one
/// quiz whose stated output is not what its program prints.
fn bank_with_a_wrong_answer_key() -> std::path::PathBuf {
    let fixtures = repo_root().join("crates/bank/tests/fixtures/valid");
    let dir = std::env::temp_dir().join(format!("rustprep-wrong-key-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for sub in ["questions", "reviews", "quizzes"] {
        std::fs::create_dir_all(dir.join(sub)).expect("dir");
        for entry in std::fs::read_dir(fixtures.join(sub)).expect("fixture dir") {
            let path = entry.expect("entry").path();
            std::fs::copy(&path, dir.join(sub).join(path.file_name().expect("name"))).expect("copy");
        }
    }
    for file in ["list-2026.toml", "README.md"] {
        std::fs::copy(fixtures.join(file), dir.join(file)).expect("copy");
    }
    let quiz = dir.join("quizzes/shadowed-in-block.md");
    let text = std::fs::read_to_string(&quiz).expect("quiz");
    let wrong = text.replace("```text\n1 2 1\n```", "```text\n1 2 2\n```");
    assert_ne!(text, wrong, "the fixture's answer block is where this test expects it");
    std::fs::write(
        &quiz,
        wrong.replace("choices = [\"1 2 1\", \"1 2 2\", \"does not compile\"]\n", ""),
    )
    .expect("write");
    dir
}

#[test]
fn a_quiz_with_a_wrong_answer_key_fails_at_its_file_and_line() {
    let dir = bank_with_a_wrong_answer_key();
    let output = Command::new(env!("CARGO_BIN_EXE_rustprep"))
        .args(["examples", "--content"])
        .arg(&dir)
        .arg("--build-dir")
        .arg(dir.join("build"))
        .arg("--target-dir")
        .arg(repo_root().join("target/bank-examples/target"))
        .current_dir(repo_root())
        .output()
        .expect("run rustprep examples");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(!output.status.success(), "a wrong answer key passed:\n{stdout}");
    let line = format!(
        "{}:15: output differs",
        dir.join("quizzes/shadowed-in-block.md").display()
    );
    assert!(stdout.contains(&line), "expected `{line}` in:\n{stdout}");
    assert!(
        stdout.contains("expected: 1 2 2") && stdout.contains("actual:   1 2 1"),
        "{stdout}"
    );
}
