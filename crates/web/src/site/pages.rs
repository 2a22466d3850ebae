//! Pages as askama templates, and the data each one shows. Rendering happens
//! once at start-up for everything an anonymous reader can ask for; only
//! pages that depend on the request (filtered lists, error messages) render
//! later, and filtered lists are cached after their first render.

use crate::filter::QuestionFilter;
use crate::html::{Layout, Titled, human_date};
use askama::Template;
use bank::{Access, Bank, Experience, FullAnswer, LIST_LEN, Level, ListEntry, Question, SectionKind, Topic};

struct LevelRow {
    level: Level,
    questions: usize,
    list_entries: usize,
}

struct BandRow {
    band: Experience,
    questions: usize,
}

struct TopicRow {
    topic: Topic,
    questions: usize,
}

/// The FAQ's facts, taken from the bank so its answers stay true.
struct FaqFacts {
    rust: String,
    oldest_review: String,
    free_samples: usize,
}

impl FaqFacts {
    fn new(bank: &Bank) -> FaqFacts {
        let questions = bank.questions();
        FaqFacts {
            rust: questions.iter().map(|q| q.rust.clone()).max().unwrap_or_default(),
            oldest_review: questions
                .iter()
                .map(|q| q.reviewed)
                .min()
                .map(human_date)
                .unwrap_or_default(),
            free_samples: questions.iter().filter(|q| q.free).count(),
        }
    }
}

#[derive(Template)]
#[template(path = "landing.html")]
struct LandingPage<'a> {
    layout: &'a Layout,
    total: usize,
    list_len: u16,
    levels: Vec<LevelRow>,
    bands: Vec<BandRow>,
    topics: Vec<TopicRow>,
    rust: String,
    oldest_review: String,
    free_samples: usize,
}

pub fn landing(layout: &Layout, bank: &Bank) -> askama::Result<String> {
    let questions = bank.questions();
    let count = |keep: &dyn Fn(&Question) -> bool| questions.iter().filter(|q| keep(q)).count();
    let FaqFacts {
        rust,
        oldest_review,
        free_samples,
    } = FaqFacts::new(bank);
    LandingPage {
        layout,
        total: questions.len(),
        list_len: LIST_LEN,
        levels: Level::ALL
            .iter()
            .map(|&level| LevelRow {
                level,
                questions: count(&|q| q.level == level),
                list_entries: bank.list().iter().filter(|entry| entry.level == level).count(),
            })
            .collect(),
        bands: Experience::ALL
            .iter()
            .map(|&band| BandRow {
                band,
                questions: count(&|q| q.experience == band),
            })
            .collect(),
        topics: Topic::ALL
            .iter()
            .map(|&topic| TopicRow {
                topic,
                questions: count(&|q| q.topics.contains(&topic)),
            })
            .filter(|row| row.questions > 0)
            .collect(),
        rust,
        oldest_review,
        free_samples,
    }
    .render()
}

#[derive(Template)]
#[template(path = "faq.html")]
struct FaqPage<'a> {
    layout: &'a Layout,
    rust: String,
    oldest_review: String,
    free_samples: usize,
}

pub fn faq(layout: &Layout, bank: &Bank) -> askama::Result<String> {
    let FaqFacts {
        rust,
        oldest_review,
        free_samples,
    } = FaqFacts::new(bank);
    FaqPage {
        layout,
        rust,
        oldest_review,
        free_samples,
    }
    .render()
}

/// One `<option>` of a filter `<select>`.
pub(crate) struct Choice {
    pub(crate) value: &'static str,
    pub(crate) label: &'static str,
    pub(crate) selected: bool,
}

pub(crate) fn level_choices(filter: &QuestionFilter) -> Vec<Choice> {
    Level::ALL
        .iter()
        .map(|&l| Choice {
            value: l.as_str(),
            label: l.label(),
            selected: filter.level == Some(l),
        })
        .collect()
}

pub(crate) fn topic_choices(filter: &QuestionFilter) -> Vec<Choice> {
    Topic::ALL
        .iter()
        .map(|&t| Choice {
            value: t.as_str(),
            label: t.label(),
            selected: filter.topic == Some(t),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "questions.html")]
struct QuestionsPage<'a> {
    layout: &'a Layout,
    heading: String,
    canonical: String,
    filtered: bool,
    level_choices: Vec<Choice>,
    band_choices: Vec<Choice>,
    topic_choices: Vec<Choice>,
    questions: Vec<&'a Question>,
    add_all: Option<AddAll>,
}

/// A browse page of one topic or one level offers to put all its questions
/// in the reader's review queue (a plain form to `/practice/cards`).
struct AddAll {
    field: &'static str,
    value: &'static str,
    label: String,
}

impl AddAll {
    fn of(filter: &QuestionFilter) -> Option<AddAll> {
        if let Some(level) = filter.level
            && *filter == QuestionFilter::level(level)
        {
            return Some(AddAll {
                field: "level",
                value: level.as_str(),
                label: format!("Add every {} question to my review queue", level.label().to_lowercase()),
            });
        }
        let topic = filter.topic.filter(|&topic| *filter == QuestionFilter::topic(topic))?;
        Some(AddAll {
            field: "topic",
            value: topic.as_str(),
            label: format!("Add every question of {} to my review queue", topic.label()),
        })
    }
}

pub fn questions(layout: &Layout, bank: &Bank, filter: &QuestionFilter) -> askama::Result<String> {
    QuestionsPage {
        layout,
        heading: filter.heading(),
        canonical: filter.canonical_url(),
        filtered: !filter.is_empty(),
        level_choices: Level::ALL
            .iter()
            .map(|&l| Choice {
                value: l.as_str(),
                label: l.label(),
                selected: filter.level == Some(l),
            })
            .collect(),
        band_choices: Experience::ALL
            .iter()
            .map(|&e| Choice {
                value: e.as_str(),
                label: e.label(),
                selected: filter.experience == Some(e),
            })
            .collect(),
        topic_choices: Topic::ALL
            .iter()
            .map(|&t| Choice {
                value: t.as_str(),
                label: t.label(),
                selected: filter.topic == Some(t),
            })
            .collect(),
        questions: bank.questions().iter().filter(|q| filter.matches(q)).collect(),
        add_all: AddAll::of(filter),
    }
    .render()
}

#[derive(Template)]
#[template(path = "question.html")]
struct QuestionPage<'a> {
    layout: &'a Layout,
    q: &'a Question,
    full: Option<&'a FullAnswer>,
    locked_sections: Vec<&'static str>,
    reviewed_iso: String,
    reviewed_human: String,
    entries: Vec<&'a ListEntry>,
    phrasings: Vec<&'a str>,
    previous: Option<&'a Question>,
    next: Option<&'a Question>,
    /// Absolute URL of the page, for canonical and OpenGraph links.
    url: String,
    json_ld: String,
}

/// A question page as a reader with `access` sees it.
pub fn question(
    layout: &Layout,
    bank: &Bank,
    q: &Question,
    access: Option<&Access>,
    base: &str,
) -> askama::Result<String> {
    let position = bank.index_of(q);
    let entries: Vec<&ListEntry> = bank.entries_of(q).collect();
    let mut phrasings: Vec<&str> = entries
        .iter()
        .filter(|entry| !entry.placeholder)
        .map(|entry| entry.title.as_str())
        .chain(q.aliases.iter().map(String::as_str))
        .filter(|phrase| *phrase != q.title)
        .collect();
    phrasings.dedup();
    QuestionPage {
        layout,
        q,
        full: q.full_answer(access),
        locked_sections: SectionKind::PREMIUM.iter().map(|kind| kind.heading()).collect(),
        reviewed_iso: q.reviewed.to_string(),
        reviewed_human: human_date(q.reviewed),
        entries,
        phrasings,
        previous: position.checked_sub(1).and_then(|i| bank.questions().get(i)),
        next: bank.questions().get(position + 1),
        url: format!("{base}/questions/{}", q.slug),
        json_ld: super::discovery::question_json_ld(q, base),
    }
    .render()
}

/// One row of the 2026 list page.
struct ListRow<'a> {
    entry: &'a ListEntry,
    question: &'a Question,
    /// The first entry that asks the same question, if this one repeats it.
    same_as: Option<u16>,
}

#[derive(Template)]
#[template(path = "list2026.html")]
struct ListPage<'a> {
    layout: &'a Layout,
    rows: Vec<ListRow<'a>>,
}

pub fn list_2026(layout: &Layout, bank: &Bank) -> askama::Result<String> {
    let rows = bank
        .list()
        .iter()
        .filter_map(|entry| {
            let question = bank.answer_to_entry(entry.n)?;
            let first = question.seed.iter().copied().min().unwrap_or(entry.n);
            Some(ListRow {
                entry,
                question,
                same_as: (first != entry.n).then_some(first),
            })
        })
        .collect();
    ListPage { layout, rows }.render()
}
