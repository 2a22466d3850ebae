//! Fenced code blocks: how their info strings are read (the rustdoc and mdBook
//! conventions) and how they are found in a Markdown text with line numbers.

/// What the example tests do with a ` ```rust ` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunMode {
    /// Build and run; must exit 0 (and match the expected output, if any).
    Run,
    /// Build only.
    NoRun,
    /// Build and run; must panic.
    ShouldPanic,
    /// Must fail to compile with this error code (e.g. `E0502`).
    CompileFail(String),
}

/// A fenced block as written in a question file.
#[derive(Debug, Clone)]
pub struct CodeBlock {
    /// The info string's first word (`rust`, `text`, `toml` ...).
    pub lang: String,
    /// The info string's other words (`no_run`, `E0502` ...).
    pub flags: Vec<String>,
    /// 1-based line of the opening fence in the file.
    pub line: usize,
    pub code: String,
}

impl CodeBlock {
    pub fn is_rust(&self) -> bool {
        self.lang == "rust"
    }

    /// How a Rust block is tested, or why its info string is not accepted.
    pub fn run_mode(&self) -> Result<RunMode, String> {
        let flags: Vec<&str> = self.flags.iter().map(String::as_str).collect();
        match flags.as_slice() {
            [] => Ok(RunMode::Run),
            ["no_run"] => Ok(RunMode::NoRun),
            ["should_panic"] => Ok(RunMode::ShouldPanic),
            ["compile_fail", code] if is_error_code(code) => Ok(RunMode::CompileFail((*code).to_owned())),
            ["compile_fail"] | ["compile_fail", _] => {
                Err("`compile_fail` must name the expected error code, e.g. ```rust,compile_fail,E0502".into())
            }
            flags if flags.contains(&"ignore") => Err(
                "```rust,ignore is not allowed: every example is compiled and run; use no_run or compile_fail".into(),
            ),
            _ => Err(format!(
                "unknown code block attributes `{}`; use one of no_run, should_panic, compile_fail,EXXXX",
                self.flags.join(",")
            )),
        }
    }
}

fn is_error_code(text: &str) -> bool {
    text.len() == 5 && text.starts_with('E') && text[1..].bytes().all(|b| b.is_ascii_digit())
}

/// Finds the fenced blocks in `text`, whose first line is line `first_line`
/// of the file. An unclosed fence is returned as `Err(line)`.
pub fn find_code_blocks(text: &str, first_line: usize) -> Result<Vec<CodeBlock>, usize> {
    let mut blocks = Vec::new();
    let mut open: Option<(CodeBlock, usize)> = None;
    for (index, raw) in text.lines().enumerate() {
        let line = first_line + index;
        let trimmed = raw.trim_start();
        let indent = raw.len() - trimmed.len();
        match open.as_mut() {
            None => {
                if let Some(info) = trimmed.strip_prefix("```") {
                    let mut words = info.split(',').map(str::trim).filter(|w| !w.is_empty());
                    let lang = words.next().unwrap_or("").to_owned();
                    let flags = words.map(str::to_owned).collect();
                    let block = CodeBlock {
                        lang,
                        flags,
                        line,
                        code: String::new(),
                    };
                    open = Some((block, indent));
                }
            }
            Some((block, indent)) => {
                if trimmed.starts_with("```") && trimmed.trim_end() == "```" {
                    blocks.push(open.take().map(|(b, _)| b).expect("fence is open"));
                } else {
                    let strip = raw.len().min(*indent).min(raw.len() - raw.trim_start().len());
                    block.code.push_str(&raw[strip..]);
                    block.code.push('\n');
                }
            }
        }
    }
    match open {
        Some((block, _)) => Err(block.line),
        None => Ok(blocks),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_blocks_with_lines_and_flags() {
        let text = "intro\n```rust,compile_fail,E0502\nfn main() {}\n```\n\n```text\nhi\n```\n";
        let blocks = find_code_blocks(text, 10).expect("closed");
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].line, 11);
        assert_eq!(blocks[0].run_mode(), Ok(RunMode::CompileFail("E0502".into())));
        assert_eq!(blocks[1].lang, "text");
        assert_eq!(blocks[1].code, "hi\n");
    }

    #[test]
    fn rejects_ignore_and_unclosed_fences() {
        let blocks = find_code_blocks("```rust,ignore\nx\n```\n", 1).expect("closed");
        assert!(blocks[0].run_mode().is_err());
        assert_eq!(find_code_blocks("a\n```rust\nfn main() {}\n", 1).err(), Some(2));
    }
}
