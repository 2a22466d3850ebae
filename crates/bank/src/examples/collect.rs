//! Which blocks are examples: every ` ```rust ` block of a question with the
//! ` ```text ` block that directly follows it, and every quiz program with its
//! stated answer.

use super::Example;
use crate::codeblock::find_code_blocks;
use crate::document::Document;
use crate::quiz::{Outcome, QuizDocument};

/// Every Rust block of the given questions, in file order.
pub fn collect(documents: &[Document]) -> Vec<Example> {
    let mut examples = Vec::new();
    for document in documents {
        for section in &document.sections {
            let Ok(blocks) = find_code_blocks(&section.markdown, section.first_line) else {
                continue;
            };
            for (index, block) in blocks.iter().enumerate() {
                let Ok(mode) = block.run_mode() else { continue };
                if !block.is_rust() {
                    continue;
                }
                let next = blocks.get(index + 1).filter(|next| {
                    next.lang == "text"
                        && follows_directly(&section.markdown, section.first_line, block.line, next.line)
                });
                examples.push(Example {
                    path: document.path.clone(),
                    line: block.line,
                    edition: document.edition,
                    mode,
                    code: block.code.clone(),
                    expected_stdout: next.map(|next| next.code.clone()),
                    name: format!("{}_l{}", document.slug.as_str().replace('-', "_"), block.line),
                });
            }
        }
    }
    examples
}

/// Every quiz's program, with its stated answer as the expected output (or
/// its error code in the fence): running them proves the answer key.
pub fn collect_quizzes(quizzes: &[QuizDocument]) -> Vec<Example> {
    quizzes
        .iter()
        .filter_map(|quiz| {
            let mode = quiz.program.run_mode().ok()?;
            let runs = matches!(quiz.outcome, Outcome::Prints | Outcome::Panics);
            Some(Example {
                path: quiz.path.clone(),
                line: quiz.program.line,
                edition: quiz.edition,
                mode,
                code: quiz.program.code.clone(),
                expected_stdout: runs.then(|| quiz.stdout.clone()),
                name: format!("quiz_{}", quiz.slug.as_str().replace('-', "_")),
            })
        })
        .collect()
}

/// Whether only blank lines stand between the end of the block opened at
/// `first` and the fence of the block at `second`.
fn follows_directly(markdown: &str, first_line: usize, first: usize, second: usize) -> bool {
    let lines: Vec<&str> = markdown.lines().collect();
    let closing = (first + 1..second).find(|&line| lines[line - first_line].trim() == "```");
    closing.is_some_and(|closing| (closing + 1..second).all(|line| lines[line - first_line].trim().is_empty()))
}
