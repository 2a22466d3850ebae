//! The question bank: the model (levels, topics, slugs), parsing question files
//! and the 2026 list, the checks behind `rustprep check`, Markdown rendering
//! with highlighting, the "what does this print?" quizzes, and the runner that
//! compiles and runs every code block and proves every quiz's answer key.
//! Knows nothing of HTTP or databases.

mod access;
mod bank;
mod citations;
mod codeblock;
mod document;
mod escape;
pub mod examples;
mod highlight;
mod list;
mod load;
pub mod markdown;
mod model;
mod palette;
mod problem;
mod quiz;
mod report;
mod review;
mod sections;
mod source;

pub use access::Access;
pub use bank::{Bank, FullAnswer, Lookup, Question, RenderedSection};
pub use citations::{AllowedHosts, Citation, parse_citation};
pub use codeblock::RunMode;
pub use document::Document;
pub use escape::{inline_code_html, inline_code_text};
pub use list::{LIST_LEN, ListEntry};
pub use load::{Checked, check, parse_questions, parse_quizzes};
pub use markdown::Renderer;
pub use model::{Edition, Experience, Level, Slug, Topic};
pub use problem::Problem;
pub use quiz::{Outcome, QuizDocument};
pub use report::{REVIEW_INTERVAL, content_report};
pub use sections::SectionKind;
pub use source::{SourceFile, Sources};
