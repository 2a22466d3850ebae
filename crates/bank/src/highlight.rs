//! Code to coloured HTML: one `<span class="hl-{colour}">` per run of
//! tokens of one colour, no span for plain text.
//!
//! syntect's `ClassedHTMLGenerator` writes a span for every scope, with a
//! class for every atom of it (`<span class="hl-punctuation hl-section
//! hl-group hl-begin hl-rust">`), nested as deep as the grammar goes, and
//! lets the stylesheet pick colours. That was half the bytes of a page with
//! code (30 KB of a 60 KB answer), sent to every reader and copied on every
//! request. Here the colour is decided once, when the bank is rendered, by
//! the same rules the stylesheet applied (`palette`): the innermost scope
//! that a rule matches sets the colour, the most specific rule winning.

use crate::escape::escape_into;
use crate::palette::{Colour, PLAIN, colour_of};
use std::collections::HashMap;
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// `code` highlighted as `syntax`, or None if the grammar fails on it.
pub(crate) fn highlight(code: &str, syntax: &SyntaxReference, syntaxes: &SyntaxSet) -> Option<String> {
    let mut out = Spans::with_capacity(code.len() * 2);
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut colours = Colours::default();
    for line in LinesWithEndings::from(code) {
        let mut at = 0;
        for (index, op) in state.parse_line(line, syntaxes).ok()? {
            if index > at {
                out.push(&line[at..index], colours.of(&stack));
                at = index;
            }
            stack.apply(&op).ok()?;
        }
        out.push(&line[at..], colours.of(&stack));
    }
    Some(out.finish())
}

/// The colour of each scope met so far (the rules are matched once per
/// scope, not once per token).
#[derive(Default)]
struct Colours {
    by_scope: HashMap<Scope, Option<&'static Colour>>,
}

impl Colours {
    /// The colour of text under `stack`: that of the innermost scope a rule
    /// matches; None for the theme's text colour.
    fn of(&mut self, stack: &ScopeStack) -> Option<&'static Colour> {
        let colour = stack.as_slice().iter().rev().find_map(|&scope| {
            *self.by_scope.entry(scope).or_insert_with(|| {
                let name = scope.build_string();
                colour_of(&name.split('.').collect::<Vec<_>>())
            })
        })?;
        (colour.name != PLAIN.name).then_some(colour)
    }
}

/// HTML being written: runs of one colour share a span.
struct Spans {
    html: String,
    open: Option<&'static str>,
}

impl Spans {
    fn with_capacity(bytes: usize) -> Spans {
        Spans {
            html: String::with_capacity(bytes),
            open: None,
        }
    }

    fn push(&mut self, text: &str, colour: Option<&'static Colour>) {
        if text.is_empty() {
            return;
        }
        let name = colour.map(|colour| colour.name);
        if name != self.open {
            self.close();
            if let Some(name) = name {
                self.html.push_str("<span class=\"hl-");
                self.html.push_str(name);
                self.html.push_str("\">");
            }
            self.open = name;
        }
        escape_into(&mut self.html, text);
    }

    fn close(&mut self) {
        if self.open.take().is_some() {
            self.html.push_str("</span>");
        }
    }

    fn finish(mut self) -> String {
        self.close();
        self.html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rust(code: &str) -> String {
        let syntaxes = SyntaxSet::load_defaults_newlines();
        let syntax = syntaxes.find_syntax_by_token("rust").expect("rust grammar");
        highlight(code, syntax, &syntaxes).expect("highlighted")
    }

    #[test]
    fn one_flat_span_per_run_of_a_colour() {
        let html = rust("let s = \"a<b\"; // note\n");
        assert!(html.contains(r#"<span class="hl-keyword">let</span>"#), "{html}");
        assert!(
            html.contains(r#"<span class="hl-string">&quot;a&lt;b&quot;</span>"#),
            "{html}"
        );
        assert!(html.contains(r#"<span class="hl-comment">// note"#), "{html}");
        assert!(!html.contains("<span class=\"hl-string\"><span"), "no nesting: {html}");
        assert_eq!(html.matches("<span").count(), html.matches("</span>").count());
    }

    #[test]
    fn an_operator_inside_a_coloured_scope_is_plain() {
        let html = rust("#[cfg(all(test, unix))]\nfn main() { let x = 1 + 2; }\n");
        assert!(html.contains(" + "), "the operator has no span of its own: {html}");
        assert!(html.contains(r#"<span class="hl-constant">1</span>"#), "{html}");
    }
}
