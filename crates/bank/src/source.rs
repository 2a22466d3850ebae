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
    /// `README.md`: the format, and the hosts sources may link to.
    pub readme: Option<SourceFile>,
    /// `questions/*.md`, sorted by path.
    pub questions: Vec<SourceFile>,
    /// `reviews/*.md`, sorted by path.
    pub reviews: Vec<SourceFile>,
    /// `quizzes/*.md`, sorted by path.
    pub quizzes: Vec<SourceFile>,
    /// Paths of anything else in `questions/` or `reviews/`: never read, so reported.
    pub strays: Vec<String>,
}

impl Sources {
    /// Reads a content directory laid out as `content/` is.
    pub fn from_dir(dir: &Path) -> io::Result<Sources> {
        let list = read(&dir.join("list-2026.toml"))?;
        let readme_path = dir.join("README.md");
        let readme = readme_path.is_file().then(|| read(&readme_path)).transpose()?;
        let mut sources = Sources {
            list: Some(list),
            readme,
            ..Sources::default()
        };
        let (questions, strays) = read_markdown_dir(&dir.join("questions"))?;
        sources.questions = questions;
        sources.strays = strays;
        for (name, files) in [("reviews", &mut sources.reviews), ("quizzes", &mut sources.quizzes)] {
            let sub = dir.join(name);
            if sub.is_dir() {
                let (found, strays) = read_markdown_dir(&sub)?;
                *files = found;
                sources.strays.extend(strays);
            }
        }
        Ok(sources)
    }

    /// Builds sources from `(path, text)` pairs, as the binary embeds them.
    pub fn from_files<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Sources {
        let mut sources = Sources::default();
        for (path, text) in files {
            let file = SourceFile {
                path: path.to_owned(),
                text: text.to_owned(),
            };
            let in_dir = |dir: &str| path.starts_with(&format!("{dir}/")) || path.contains(&format!("/{dir}/"));
            if path.ends_with("list-2026.toml") {
                sources.list = Some(file);
            } else if path.ends_with("README.md") && !["questions", "reviews", "quizzes"].iter().any(|dir| in_dir(dir))
            {
                sources.readme = Some(file);
            } else if in_dir("reviews") && path.ends_with(".md") {
                sources.reviews.push(file);
            } else if in_dir("quizzes") && path.ends_with(".md") {
                sources.quizzes.push(file);
            } else if path.ends_with(".md") {
                sources.questions.push(file);
            } else {
                sources.strays.push(file.path);
            }
        }
        sources.questions.sort_by(|a, b| a.path.cmp(&b.path));
        sources.reviews.sort_by(|a, b| a.path.cmp(&b.path));
        sources.quizzes.sort_by(|a, b| a.path.cmp(&b.path));
        sources
    }

    /// Only the named questions (with their review records) and quizzes (for an author
    /// checking their own files while others edit the rest).
    pub fn only(mut self, slugs: &[String]) -> Sources {
        let named = |file: &SourceFile| {
            let stem = file.path.rsplit('/').next().and_then(|name| name.strip_suffix(".md"));
            stem.is_some_and(|stem| slugs.iter().any(|slug| slug == stem))
        };
        self.questions.retain(named);
        self.reviews.retain(named);
        self.quizzes.retain(named);
        self.strays.clear();
        self
    }
}

fn read(path: &Path) -> io::Result<SourceFile> {
    Ok(SourceFile {
        path: path.display().to_string(),
        text: fs::read_to_string(path)?,
    })
}

/// The `*.md` files of a directory, sorted, and the paths of anything else.
fn read_markdown_dir(dir: &Path) -> io::Result<(Vec<SourceFile>, Vec<String>)> {
    let mut files = Vec::new();
    let mut strays = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "md") && path.is_file() {
            files.push(read(&path)?);
        } else {
            strays.push(path.display().to_string());
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    strays.sort();
    Ok((files, strays))
}
