//! Where the bank's text comes from: a content directory on disk (for authors
//! and `rustprep check`) or the copy built into the binary (for serving).

use std::fs;
use std::io;
use std::path::Path;

/// One file of the bank: its path as shown in messages, and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

/// Everything the bank is built from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// `list-2026.toml`.
    pub list: Option<SourceFile>,
    /// `questions/*.md`, sorted by path.
    pub questions: Vec<SourceFile>,
    /// Paths of anything else in `questions/`: never served, so reported.
    pub strays: Vec<String>,
}

impl Sources {
    /// Reads a content directory laid out as `content/` is.
    pub fn from_dir(dir: &Path) -> io::Result<Sources> {
        let shown = |path: &Path| path.display().to_string();
        let list_path = dir.join("list-2026.toml");
        let list = SourceFile {
            path: shown(&list_path),
            text: fs::read_to_string(&list_path)?,
        };
        let mut questions = Vec::new();
        let mut strays = Vec::new();
        for entry in fs::read_dir(dir.join("questions"))? {
            let path = entry?.path();
            let is_markdown = path.extension().is_some_and(|ext| ext == "md");
            if is_markdown && path.is_file() {
                questions.push(SourceFile {
                    path: shown(&path),
                    text: fs::read_to_string(&path)?,
                });
            } else {
                strays.push(shown(&path));
            }
        }
        questions.sort_by(|a, b| a.path.cmp(&b.path));
        strays.sort();
        Ok(Sources {
            list: Some(list),
            questions,
            strays,
        })
    }

    /// Builds sources from `(path, text)` pairs, as the binary embeds them.
    pub fn from_files<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Sources {
        let mut sources = Sources::default();
        for (path, text) in files {
            let file = SourceFile {
                path: path.to_owned(),
                text: text.to_owned(),
            };
            if path.ends_with("list-2026.toml") {
                sources.list = Some(file);
            } else if path.ends_with(".md") {
                sources.questions.push(file);
            } else {
                sources.strays.push(file.path);
            }
        }
        sources.questions.sort_by(|a, b| a.path.cmp(&b.path));
        sources
    }
}
