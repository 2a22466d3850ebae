//! A question's follow-ups one by one, and rendered HTML as plain text.
//! The bank renders the "Follow-up questions" section as one HTML block
//! (each follow-up a `<h3>` question and its answer); the kit picks some of
//! them, so it splits that block at the `<h3>` headings. Both go through
//! `Question::full_answer(access)`: nothing here reaches premium text
//! without access.

use bank::{Access, Question, SectionKind};

/// One follow-up: its question as text and its answer as HTML.
#[derive(Debug, Clone)]
pub(crate) struct FollowUp {
    /// 0-based, in the question's order: what a set item keeps.
    pub index: u32,
    pub question: String,
    pub answer_html: String,
    /// Whether the interviewer picked it for this set.
    pub chosen: bool,
}

/// A premium section's HTML, for a free sample or a reader with access.
pub(crate) fn section<'a>(question: &'a Question, access: Option<&Access>, kind: SectionKind) -> Option<&'a str> {
    let full = question.full_answer(access)?;
    full.sections()
        .iter()
        .find(|section| section.kind == kind)
        .map(|section| section.html.as_str())
}

/// The question's follow-ups (empty without access to them), marked
/// chosen when their index is in `chosen`.
pub(crate) fn follow_ups(question: &Question, access: Option<&Access>, chosen: &[u32]) -> Vec<FollowUp> {
    let Some(html) = section(question, access, SectionKind::FollowUps) else {
        return Vec::new();
    };
    html.split("<h3")
        .skip(1)
        .zip(0_u32..)
        .filter_map(|(chunk, index)| {
            let (heading, answer) = chunk.split_once("</h3>")?;
            let heading = heading.split_once('>').map_or(heading, |(_, text)| text);
            Some(FollowUp {
                index,
                question: plain_text(heading),
                answer_html: answer.trim().to_owned(),
                chosen: chosen.contains(&index),
            })
        })
        .collect()
}

/// Rendered HTML as plain text: tags dropped, the entities the renderer
/// writes decoded, blank lines between blocks kept. Written here because
/// the text only feeds the sheet's Markdown download, where a reader wants
/// the words, not markup; an HTML parser crate would be far more than this
/// needs for the renderer's own, well-formed output.
pub(crate) fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let decoded = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    let mut out = String::new();
    let mut blank = false;
    for line in decoded.lines().map(str::trim_end) {
        if line.trim().is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn html_becomes_its_words() {
        assert_eq!(
            plain_text("<p>Use <code>Rc&lt;T&gt;</code> &amp; friends.</p>\n\n<p>Then</p>\n"),
            "Use Rc<T> & friends.\n\nThen"
        );
        assert_eq!(plain_text(""), "");
    }
}
