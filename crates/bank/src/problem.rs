//! A problem found in the bank, reported as `file:line: message` so editors
//! and terminals can jump to it.

use std::fmt;

/// One thing wrong with the bank, at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.message)
    }
}

/// Collects the problems of one file, so each check reads as
/// `problems.at(line, "what is wrong")`.
#[derive(Debug)]
pub struct Problems<'a> {
    path: &'a str,
    found: &'a mut Vec<Problem>,
}

impl<'a> Problems<'a> {
    pub fn new(path: &'a str, found: &'a mut Vec<Problem>) -> Self {
        Problems { path, found }
    }

    /// How many problems have been found so far, in all files.
    pub fn len(&self) -> usize {
        self.found.len()
    }

    pub fn at(&mut self, line: usize, message: impl Into<String>) {
        self.found.push(Problem {
            path: self.path.to_owned(),
            line,
            message: message.into(),
        });
    }
}

/// Converts a byte offset in `text` to a 1-based line number.
pub fn line_of_offset(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
}
