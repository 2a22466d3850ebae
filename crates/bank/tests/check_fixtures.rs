//! `rustprep check` against broken sample banks: each case in
//! `fixtures/broken/<case>/` overlays the valid bank in `fixtures/valid/` with
//! its files (questions, review records, README), and `expected.txt` lists the
//! `file:line: message` reports (each line a prefix of one report) the check
//! must make.

use bank::{Sources, check};
use std::fs;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn today() -> time::Date {
    time::macros::date!(2026 - 12 - 06)
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create dir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy file");
        }
    }
}

/// The valid bank with a case's files laid over it, in a fresh directory.
fn bank_for(case: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rustprep-check-{}-{case}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    copy_dir(&fixtures().join("valid"), &dir);
    copy_dir(&fixtures().join("broken").join(case), &dir);
    let _ = fs::remove_file(dir.join("expected.txt"));
    dir
}

/// The problems `check` reports for a case, as `file:line: message` with
/// paths relative to the bank.
fn reports(case: &str) -> Vec<String> {
    let dir = bank_for(case);
    let result = check(&Sources::from_dir(&dir).expect("read bank"), today());
    let _ = fs::remove_dir_all(&dir);
    let problems = result.err().unwrap_or_default();
    let prefix = format!("{}/", dir.display());
    problems
        .iter()
        .map(|problem| problem.to_string().replace(&prefix, ""))
        .collect()
}

#[test]
fn the_valid_sample_bank_passes() {
    let sources = Sources::from_dir(&fixtures().join("valid")).expect("read bank");
    let checked = check(&sources, today()).expect("the valid bank has no problems");
    assert_eq!(checked.documents.len(), 3);
    let drafts: Vec<&str> = checked
        .documents
        .iter()
        .filter(|document| document.is_draft())
        .map(|document| document.slug.as_str())
        .collect();
    assert_eq!(drafts, ["delta"], "a question without a review date is a draft");
    let [quiz] = checked.quizzes.as_slice() else {
        panic!("one quiz, found {}", checked.quizzes.len());
    };
    assert_eq!(quiz.answer_text(), "1 2 1");
    assert!(
        quiz.grade("1 2 1\n"),
        "trailing newline aside, the exact output is right"
    );
    assert!(!quiz.grade("1 2 2"));
    assert!(!quiz.grade("1  2 1"), "inner spacing is part of the output");
    assert_eq!(checked.list.len(), 156);
}

#[test]
fn every_broken_sample_fails_with_its_message() {
    let mut cases: Vec<String> = fs::read_dir(fixtures().join("broken"))
        .expect("broken fixtures")
        .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 12,
        "a dozen broken samples at least, found {}",
        cases.len()
    );
    for case in cases {
        let expected =
            fs::read_to_string(fixtures().join("broken").join(&case).join("expected.txt")).expect("expected.txt");
        let reported = reports(&case);
        if std::env::var_os("SHOW_REPORTS").is_some() {
            eprintln!("{case}:\n  {}", reported.join("\n  "));
        }
        assert!(!reported.is_empty(), "{case}: check passed a broken bank");
        for want in expected.lines().filter(|line| !line.trim().is_empty()) {
            assert!(
                reported.iter().any(|line| line.starts_with(want)),
                "{case}: expected a report starting with\n  {want}\nbut got:\n  {}",
                reported.join("\n  ")
            );
        }
    }
}
