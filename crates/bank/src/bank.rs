//! The bank as served: every question rendered once, looked up by slug, alias
//! or list number. Immutable after loading, shared by all requests.

use crate::access::Access;
use crate::citations::{Citation, parse_citation};
use crate::document::Document;
use crate::list::ListEntry;
use crate::load::{Checked, phrasings};
use crate::markdown::Renderer;
use crate::model::{Edition, Experience, Level, Slug, Topic};
use crate::quiz::QuizDocument;
use crate::sections::SectionKind;
use std::borrow::Cow;
use std::sync::OnceLock;
use time::Date;

/// One rendered section of an answer.
#[derive(Debug, Clone)]
pub struct RenderedSection {
    pub kind: SectionKind,
    pub html: String,
}

/// A section's plain text (code included), for search.
#[derive(Debug, Clone)]
struct SectionText {
    text: String,
}

/// The sections after the short answer. Reachable only through
/// [`Question::full_answer`]. Rendered to HTML on first use, not when the
/// bank loads: highlighting every code example took most of the start-up
/// (issue 12), and the server's page warmer renders them right after start.
#[derive(Debug)]
pub struct FullAnswer {
    markdown: Vec<(SectionKind, String)>,
    renderer: Renderer,
    rendered: OnceLock<Vec<RenderedSection>>,
    texts: Vec<SectionText>,
}

impl FullAnswer {
    pub fn sections(&self) -> &[RenderedSection] {
        self.rendered.get_or_init(|| {
            self.markdown
                .iter()
                .map(|(kind, markdown)| RenderedSection {
                    kind: *kind,
                    html: self.renderer.render(markdown),
                })
                .collect()
        })
    }

    /// The sections as plain text (code included), for exports.
    pub fn plain_text(&self) -> String {
        self.texts
            .iter()
            .map(|section| section.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// A question ready to serve. Its public fields are free to show anyone.
#[derive(Debug)]
pub struct Question {
    pub slug: Slug,
    /// As written, with Markdown backticks around code (the API's form).
    pub title: String,
    /// The title as HTML, its code spans in `<code>`: what pages show.
    pub title_html: String,
    pub level: Level,
    pub experience: Experience,
    pub topics: Vec<Topic>,
    /// The 2026-list entries it answers, in order.
    pub seed: Vec<u16>,
    pub aliases: Vec<String>,
    /// A free sample: the whole answer is open to everyone.
    pub free: bool,
    pub reviewed: Date,
    pub rust: String,
    pub edition: Edition,
    pub short_answer_html: String,
    /// Plain text of the short answer, for meta descriptions and the API.
    pub short_answer_text: String,
    /// Where real interviews ask it (questions outside the 2026 list).
    pub asked_in: Vec<String>,
    /// The primary sources the answer rests on, open to every reader.
    pub sources: Vec<Citation>,
    /// `## Sources` rendered.
    pub sources_html: String,
    full: FullAnswer,
}

impl Question {
    /// The premium sections, for a free sample or a reader who proves access.
    pub fn full_answer(&self, access: Option<&Access>) -> Option<&FullAnswer> {
        (self.free || access.is_some()).then_some(&self.full)
    }

    /// Plain text for the search index, split by who may read it: the open
    /// part (the short answer; everything for a free sample) and the premium
    /// part (empty for a free sample). The index keeps them in separate
    /// fields and reads the premium one only for a reader with access.
    pub fn searchable_text(&self) -> (String, String) {
        (self.open_text().into_owned(), self.premium_text().into_owned())
    }

    /// The open part of `searchable_text`, borrowed where it can be (search
    /// quotes it for every hit).
    pub fn open_text(&self) -> Cow<'_, str> {
        if self.free {
            Cow::Owned(format!("{}\n{}", self.short_answer_text, self.sections_text()))
        } else {
            Cow::Borrowed(&self.short_answer_text)
        }
    }

    /// The premium part of `searchable_text`.
    pub fn premium_text(&self) -> Cow<'_, str> {
        if self.free {
            Cow::Borrowed("")
        } else {
            Cow::Owned(self.sections_text())
        }
    }

    /// The premium sections' plain text, one after another.
    fn sections_text(&self) -> String {
        let sections: Vec<&str> = self.full.texts.iter().map(|section| section.text.as_str()).collect();
        sections.join("\n")
    }
}

/// The whole bank, as served.
#[derive(Debug)]
pub struct Bank {
    questions: Vec<Question>,
    /// foldhash rather than std's SipHash: the keys are our own slugs (no
    /// one can choose them to collide), and a review queue looks up every
    /// card's slug on each page.
    by_slug: foldhash::HashMap<Slug, usize>,
    by_phrasing: foldhash::HashMap<Slug, usize>,
    list: Vec<ListEntry>,
    /// `answers[n - 1]` is the index of the question answering entry `n`.
    answers: Vec<usize>,
    quizzes: Vec<QuizDocument>,
}

/// Where a slug leads.
#[derive(Debug, Clone, Copy)]
pub enum Lookup<'a> {
    /// The question's own slug.
    Question(&'a Question),
    /// Another phrasing of the question: redirect to its slug.
    Alias(&'a Question),
}

impl Bank {
    /// Renders a checked bank. Questions are ordered by the first list entry
    /// they answer, the others after them by slug. Drafts (not yet reviewed)
    /// are left out: the site serves only reviewed answers.
    pub fn build(checked: Checked, renderer: &Renderer) -> Bank {
        let Checked {
            mut documents,
            list,
            quizzes,
        } = checked;
        documents.retain(|document| !document.is_draft());
        documents.sort_by_key(|document| {
            (
                document.seed.iter().min().copied().unwrap_or(u16::MAX),
                document.slug.clone(),
            )
        });
        let mut by_slug = foldhash::HashMap::default();
        let mut by_phrasing = foldhash::HashMap::default();
        let mut answers = vec![usize::MAX; list.len()];
        for (index, document) in documents.iter().enumerate() {
            by_slug.insert(document.slug.clone(), index);
            for (phrasing, _) in phrasings(document, &list) {
                by_phrasing.entry(phrasing).or_insert(index);
            }
            for &n in &document.seed {
                if let Some(slot) = answers.get_mut(usize::from(n) - 1) {
                    *slot = index;
                }
            }
        }
        let questions = documents
            .into_iter()
            .map(|document| render(document, renderer))
            .collect();
        Bank {
            questions,
            by_slug,
            by_phrasing,
            list,
            answers,
            quizzes,
        }
    }

    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// The "what does this print?" quizzes, by slug.
    pub fn quizzes(&self) -> &[QuizDocument] {
        &self.quizzes
    }

    pub fn list(&self) -> &[ListEntry] {
        &self.list
    }

    /// Finds a question by its slug or by the slug of another phrasing.
    pub fn lookup(&self, slug: &str) -> Option<Lookup<'_>> {
        if !Slug::is_well_formed(slug) {
            return None;
        }
        if let Some(&index) = self.by_slug.get(slug) {
            return Some(Lookup::Question(&self.questions[index]));
        }
        self.by_phrasing
            .get(slug)
            .map(|&index| Lookup::Alias(&self.questions[index]))
    }

    /// Where a question of this bank stands in `questions()` (list order).
    pub fn index_of(&self, question: &Question) -> usize {
        self.by_slug.get(&question.slug).copied().unwrap_or(0)
    }

    /// The question whose own slug is `slug` (not another phrasing).
    pub fn question(&self, slug: &str) -> Option<&Question> {
        self.by_slug.get(slug).map(|&index| &self.questions[index])
    }

    /// The question that answers list entry `n` (1-based).
    pub fn answer_to_entry(&self, n: u16) -> Option<&Question> {
        let index = *self.answers.get(usize::from(n).checked_sub(1)?)?;
        self.questions.get(index)
    }

    /// The list entries a question answers.
    pub fn entries_of<'a>(&'a self, question: &'a Question) -> impl Iterator<Item = &'a ListEntry> + 'a {
        question.seed.iter().filter_map(|&n| self.list.get(usize::from(n) - 1))
    }
}

fn render(document: Document, renderer: &Renderer) -> Question {
    let short = document.section(SectionKind::ShortAnswer);
    let short_answer_html = renderer.render(&short.markdown);
    let short_answer_text = plain_text(&short.markdown);
    let premium_sections = || document.sections.iter().filter(|section| section.kind.is_premium());
    let sources_markdown = &document.section(SectionKind::Sources).markdown;
    let sources = sources_markdown.lines().filter_map(parse_citation).collect();
    let sources_html = renderer.render(sources_markdown);
    let markdown = premium_sections()
        .map(|section| (section.kind, section.markdown.clone()))
        .collect();
    let texts = premium_sections()
        .map(|section| SectionText {
            text: searchable(&section.markdown),
        })
        .collect();
    Question {
        slug: document.slug,
        title_html: crate::escape::inline_code_html(&document.title),
        title: document.title,
        level: document.level,
        experience: document.experience,
        topics: document.topics,
        seed: document.seed,
        aliases: document.aliases,
        free: document.free,
        reviewed: document.reviewed.expect("drafts are not built"),
        rust: document.rust,
        edition: document.edition,
        short_answer_html,
        short_answer_text,
        asked_in: document.asked_in,
        sources,
        sources_html,
        full: FullAnswer {
            markdown,
            renderer: renderer.clone(),
            rendered: OnceLock::new(),
            texts,
        },
    }
}

/// Markdown to searchable text: prose and code, without markup.
fn searchable(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push('\n'),
            _ => {}
        }
    }
    text
}

/// Markdown to one line of plain text (inline code keeps its text).
fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
