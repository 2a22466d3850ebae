//! Code blocks are tests: every ```rust block of the bank is built (one cargo
//! build, pinned crates, warnings denied) and run, its output compared with
//! the ```text block after it; compile_fail blocks must fail with their code.
//! A failure names the question file and line.

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
