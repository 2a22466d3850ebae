//! Markdown to HTML, done once at load time. One function owns the parser
//! options so every page agrees; code is highlighted here with CSS classes
//! (so one stylesheet serves the light and the dark theme), never per request.

use crate::codeblock::{CodeBlock, RunMode};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, html};
use std::sync::{Arc, LazyLock};
use syntect::parsing::SyntaxSet;

pub use crate::escape::escape;
pub use crate::palette::highlight_css;

/// Renders Markdown with syntax-highlighted code. Cheap to make and to clone
/// (clones share one syntax set); the syntax definitions, the expensive part,
/// load on the first code block, so a start-up that renders no code pays
/// nothing for them.
#[derive(Debug, Clone)]
pub struct Renderer {
    syntaxes: Arc<LazyLock<SyntaxSet, fn() -> SyntaxSet>>,
}

impl Default for Renderer {
    fn default() -> Self {
        Renderer {
            syntaxes: Arc::new(LazyLock::new(SyntaxSet::load_defaults_newlines)),
        }
    }
}

impl Renderer {
    /// Renders one section's Markdown. Raw HTML in the source is shown as
    /// text, so content can never inject markup or script.
    pub fn render(&self, markdown: &str) -> String {
        let mut out = String::with_capacity(markdown.len() * 2);
        let mut pending: Option<(String, String)> = None;
        let mut previous_rust = false;
        let mut events = Vec::new();
        for event in Parser::new_ext(markdown, options()) {
            match (event, pending.as_mut()) {
                (Event::Start(Tag::CodeBlock(kind)), _) => {
                    let info = match kind {
                        CodeBlockKind::Fenced(info) => info.to_string(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    pending = Some((info, String::new()));
                }
                (Event::Text(text), Some((_, code))) => code.push_str(&text),
                (Event::End(TagEnd::CodeBlock), Some(_)) => {
                    let (info, code) = pending.take().expect("code block is open");
                    let html = self.code_block(&info, &code, previous_rust);
                    previous_rust = info.split(',').next() == Some("rust");
                    events.push(Event::Html(CowStr::from(html)));
                }
                (Event::Html(raw) | Event::InlineHtml(raw), None) => {
                    previous_rust = false;
                    events.push(Event::Text(raw));
                }
                (event, None) => {
                    // Only a code block directly after a Rust block is its output.
                    previous_rust = false;
                    events.push(event);
                }
                (_, Some(_)) => {}
            }
        }
        html::push_html(&mut out, events.into_iter());
        out
    }

    fn code_block(&self, info: &str, code: &str, after_rust: bool) -> String {
        let block = CodeBlock {
            lang: info.split(',').next().unwrap_or("").trim().to_owned(),
            flags: info.split(',').skip(1).map(|f| f.trim().to_owned()).collect(),
            line: 0,
            code: code.to_owned(),
        };
        let caption = caption(&block, after_rust);
        let body = self.highlight(&block.lang, code);
        let class = if block.lang.is_empty() {
            "plain"
        } else {
            block.lang.as_str()
        };
        let figure_class = match block.run_mode() {
            Ok(RunMode::CompileFail(_)) if block.is_rust() => " does-not-compile",
            _ => "",
        };
        // Long lines scroll sideways: the block is focusable so keyboard
        // readers can scroll it, and named so that focus announces something.
        let label = block_label(&block, after_rust);
        format!(
            "<figure class=\"code{figure_class}\">{caption}<pre class=\"lang-{}\" tabindex=\"0\" role=\"group\" aria-label=\"{}\"><code>{body}</code></pre></figure>\n",
            escape(class),
            escape(&label)
        )
    }

    fn highlight(&self, lang: &str, code: &str) -> String {
        let token = match lang {
            "console" | "sh" | "shell" => "bash",
            other => other,
        };
        let syntax = (!token.is_empty() && token != "text")
            .then(|| self.syntaxes.find_syntax_by_token(token))
            .flatten();
        syntax
            .and_then(|syntax| crate::highlight::highlight(code, syntax, &self.syntaxes))
            .unwrap_or_else(|| escape(code))
    }
}

fn caption(block: &CodeBlock, after_rust: bool) -> String {
    let text = match (block.is_rust(), block.run_mode()) {
        (true, Ok(RunMode::CompileFail(code))) => format!("Does not compile: error {code}"),
        (true, Ok(RunMode::ShouldPanic)) => "Panics when run".to_owned(),
        (true, Ok(RunMode::NoRun)) => "Compiles (not run by our tests)".to_owned(),
        (true, _) => "Compiles and runs".to_owned(),
        (false, _) if block.lang == "text" && after_rust => "Output".to_owned(),
        _ => return String::new(),
    };
    format!("<figcaption>{text}</figcaption>")
}

/// The accessible name of a code block: "Rust code", "Output", "bash code".
fn block_label(block: &CodeBlock, after_rust: bool) -> String {
    match block.lang.as_str() {
        "text" if after_rust => "Output".to_owned(),
        "" | "text" => "Text".to_owned(),
        "rust" => "Rust code".to_owned(),
        lang => format!("{lang} code"),
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_rust_and_labels_output() {
        let html = Renderer::default().render("```rust\nfn main() {}\n```\n\n```text\nhi\n```\n");
        assert!(html.contains("hl-"), "{html}");
        assert!(html.contains("Compiles and runs"));
        assert!(html.contains("<figcaption>Output</figcaption>"));
        assert!(
            html.contains(r#"tabindex="0" role="group" aria-label="Rust code""#),
            "{html}"
        );
        assert!(html.contains(r#"aria-label="Output""#), "{html}");
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = Renderer::default().render("Hello <script>alert(1)</script>\n");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
    }
}
