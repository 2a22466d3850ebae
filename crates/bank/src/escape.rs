//! Text made safe to put in HTML.

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// Appends `text`, escaped as `escape` does, to `out`.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// A title as HTML: escaped, with each `` `code` `` span in `<code>` (a
/// backtick without a partner stays as it is).
pub fn inline_code_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (part, code) in code_spans(text) {
        match code {
            true => {
                out.push_str("<code>");
                escape_into(&mut out, part);
                out.push_str("</code>");
            }
            false => escape_into(&mut out, part),
        }
    }
    out
}

/// A title as plain text: each `` `code` `` span without its backticks, as
/// `inline_code_html` shows it (for accessible names, which should read as
/// the visible text does).
pub fn inline_code_text(text: &str) -> String {
    code_spans(text).map(|(part, _)| part).collect()
}

/// The parts of `text` in order, each with whether it was a code span
/// (between a pair of backticks, which are left out).
fn code_spans(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut rest = Some(text);
    let mut pending: Option<&str> = None;
    std::iter::from_fn(move || {
        if let Some(code) = pending.take() {
            return Some((code, true));
        }
        let now = rest.take()?;
        match now
            .split_once('`')
            .and_then(|(before, after)| Some((before, after.split_once('`')?)))
        {
            Some((before, (code, tail))) => {
                pending = Some(code);
                rest = Some(tail);
                Some((before, false))
            }
            None => Some((now, false)),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_of_a_title_become_code_elements_and_the_rest_is_escaped() {
        assert_eq!(
            inline_code_html("How is `Arc<T>` & `Rc` built?"),
            "How is <code>Arc&lt;T&gt;</code> &amp; <code>Rc</code> built?"
        );
        assert_eq!(inline_code_html("no code"), "no code");
        assert_eq!(inline_code_html("one ` alone"), "one ` alone");
        assert_eq!(inline_code_html("`a` and ` b"), "<code>a</code> and ` b");
        assert_eq!(
            inline_code_text("How is `Arc<T>` & `Rc` built?"),
            "How is Arc<T> & Rc built?"
        );
        assert_eq!(inline_code_text("`a` and ` b"), "a and ` b");
    }
}
