//! The JSON API (`/api/v1`): the free part of every question for anyone, the
//! premium sections only for a reader with access (or a free sample).

use crate::filter::QuestionFilter;
use bank::{Access, Bank, Question, SectionKind};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// A question's free facts.
#[derive(Serialize, ToSchema)]
pub struct Summary<'a> {
    slug: &'a str,
    title: &'a str,
    /// beginner, intermediate or senior.
    #[schema(value_type = String, example = "senior")]
    level: bank::Level,
    /// 0-2, 2-5 or 5+ (years).
    #[schema(value_type = String, example = "5+")]
    experience: bank::Experience,
    #[schema(value_type = Vec<String>, example = json!(["async"]))]
    topics: &'a [bank::Topic],
    /// A free sample: every section is open to everyone.
    free: bool,
    short_answer: &'a str,
    short_answer_html: &'a str,
    /// The date a reviewer last checked the answer (YYYY-MM-DD).
    reviewed: String,
    rust: &'a str,
    #[schema(value_type = String, example = "2024")]
    edition: bank::Edition,
    /// The 2026-list entries this question answers.
    #[schema(value_type = Vec<u16>)]
    list_entries: &'a [u16],
    url: String,
}

impl<'a> Summary<'a> {
    fn new(question: &'a Question) -> Summary<'a> {
        Summary {
            slug: question.slug.as_str(),
            title: &question.title,
            level: question.level,
            experience: question.experience,
            topics: &question.topics,
            free: question.free,
            short_answer: &question.short_answer_text,
            short_answer_html: &question.short_answer_html,
            reviewed: question.reviewed.to_string(),
            rust: &question.rust,
            edition: question.edition,
            list_entries: &question.seed,
            url: format!("/questions/{}", question.slug),
        }
    }
}

/// One question: its free facts, and its sections (as HTML) for a reader
/// with access or for a free sample.
#[derive(Serialize, ToSchema)]
pub struct Detail<'a> {
    #[serde(flatten)]
    summary: Summary<'a>,
    #[schema(value_type = Vec<String>)]
    aliases: &'a [String],
    /// The primary sources the answer rests on, open to every reader.
    sources: Vec<Source<'a>>,
    /// Where real interviews ask the question (for questions outside the 2026 list).
    #[schema(value_type = Vec<String>)]
    asked_in: &'a [String],
    /// Present only for a reader who may read them; keys are section names.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<BTreeMap<String, String>>)]
    sections: Option<BTreeMap<&'static str, &'a str>>,
    /// The sections a subscription unlocks, when the reader has none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<String>)]
    locked_sections: Vec<&'static str>,
}

/// One cited source: a title and an HTTPS link to a primary source.
#[derive(Serialize, ToSchema)]
pub struct Source<'a> {
    title: &'a str,
    url: &'a str,
}

/// A page of questions.
#[derive(Serialize, ToSchema)]
pub struct List<'a> {
    /// Questions matching the filters, on all pages.
    count: usize,
    page: usize,
    per_page: usize,
    pages: usize,
    /// The next page's URL, while there is one.
    next: Option<String>,
    questions: Vec<Summary<'a>>,
}

/// Which slice of a list to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Paging {
    pub page: usize,
    pub per_page: usize,
}

impl Paging {
    pub const MAX_PER_PAGE: usize = 100;

    /// Reads `page` (from 1) and `per_page` (1 to 100, default 100).
    pub fn from_query(query: Option<&str>) -> Result<Paging, String> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or(""))
            .map_err(|_| "The query string is not valid URL encoding.")?;
        let number = |key: &str, default: usize, max: usize| -> Result<usize, String> {
            match pairs.iter().find(|(k, _)| k == key) {
                None => Ok(default),
                Some((_, value)) => value
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=max).contains(n))
                    .ok_or_else(|| format!("`{key}` must be a whole number from 1 to {max}.")),
            }
        };
        Ok(Paging {
            page: number("page", 1, 100_000)?,
            per_page: number("per_page", Self::MAX_PER_PAGE, Self::MAX_PER_PAGE)?,
        })
    }
}

impl Default for Paging {
    fn default() -> Self {
        Paging {
            page: 1,
            per_page: Paging::MAX_PER_PAGE,
        }
    }
}

pub fn list_json(bank: &Bank, filter: &QuestionFilter, paging: Paging) -> String {
    let matching: Vec<&Question> = bank.questions().iter().filter(|q| filter.matches(q)).collect();
    let pages = matching.len().div_ceil(paging.per_page).max(1);
    let questions: Vec<Summary<'_>> = matching
        .iter()
        .skip((paging.page - 1) * paging.per_page)
        .take(paging.per_page)
        .map(|q| Summary::new(q))
        .collect();
    let next = (paging.page < pages).then(|| {
        let filters = filter.query_string();
        let filters = if filters.is_empty() {
            filters
        } else {
            format!("{filters}&")
        };
        format!(
            "/api/v1/questions?{filters}page={}&per_page={}",
            paging.page + 1,
            paging.per_page
        )
    });
    to_json(&List {
        count: matching.len(),
        page: paging.page,
        per_page: paging.per_page,
        pages,
        next,
        questions,
    })
}

pub fn question_json(question: &Question, access: Option<&Access>) -> String {
    let full = question.full_answer(access);
    let sections = full.map(|full| {
        full.sections()
            .iter()
            .map(|section| (section.kind.key(), section.html.as_str()))
            .collect()
    });
    let locked_sections = match full {
        Some(_) => Vec::new(),
        None => SectionKind::PREMIUM.iter().map(|kind| kind.key()).collect(),
    };
    to_json(&Detail {
        summary: Summary::new(question),
        aliases: &question.aliases,
        sources: question
            .sources
            .iter()
            .map(|source| Source {
                title: &source.title,
                url: &source.url,
            })
            .collect(),
        asked_in: &question.asked_in,
        sections,
        locked_sections,
    })
}

fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "{\"error\":\"serialization failed\"}".into())
}

/// One entry of the published 2026 list.
#[derive(Serialize, ToSchema)]
pub struct ListEntryJson<'a> {
    n: u16,
    title: &'a str,
    /// The list's own badge.
    #[schema(value_type = String)]
    level: bank::Level,
    /// A numbered slot the list left empty; we answer a question it lacks.
    placeholder: bool,
    /// The slug of the question that answers it.
    question: Option<&'a str>,
    url: Option<String>,
}

/// The published 2026 list.
#[derive(Serialize, ToSchema)]
pub struct List2026<'a> {
    count: usize,
    entries: Vec<ListEntryJson<'a>>,
}

/// `/api/v1/list-2026`: the published list, each entry with its question.
pub fn list_2026_json(bank: &Bank) -> String {
    let entries: Vec<ListEntryJson<'_>> = bank
        .list()
        .iter()
        .map(|entry| {
            let question = bank.answer_to_entry(entry.n);
            ListEntryJson {
                n: entry.n,
                title: &entry.title,
                level: entry.level,
                placeholder: entry.placeholder,
                question: question.map(|q| q.slug.as_str()),
                url: question.map(|q| format!("/questions/{}", q.slug)),
            }
        })
        .collect();
    to_json(&List2026 {
        count: entries.len(),
        entries,
    })
}

/// A way to browse: a level, an experience band or a topic.
#[derive(Serialize, ToSchema)]
pub struct Facet {
    /// The value used in filters (`senior`, `5+`, `async`).
    value: &'static str,
    label: &'static str,
    questions: usize,
    url: String,
}

/// `/api/v1/topics`.
#[derive(Serialize, ToSchema)]
pub struct Topics {
    topics: Vec<Facet>,
}

/// `/api/v1/levels`.
#[derive(Serialize, ToSchema)]
pub struct Levels {
    levels: Vec<Facet>,
    experience: Vec<Facet>,
}

fn facet(value: &'static str, label: &'static str, questions: usize, url: String) -> Facet {
    Facet {
        value,
        label,
        questions,
        url,
    }
}

/// `/api/v1/topics`: the topic vocabulary with question counts.
pub fn topics_json(bank: &Bank) -> String {
    let count = |topic| bank.questions().iter().filter(|q| q.topics.contains(&topic)).count();
    let topics = bank::Topic::ALL
        .iter()
        .map(|&t| facet(t.as_str(), t.label(), count(t), format!("/topics/{t}")))
        .collect();
    to_json(&Topics { topics })
}

/// `/api/v1/levels`: levels and experience bands with question counts.
pub fn levels_json(bank: &Bank) -> String {
    let questions = bank.questions();
    let levels = bank::Level::ALL
        .iter()
        .map(|&l| {
            facet(
                l.as_str(),
                l.label(),
                questions.iter().filter(|q| q.level == l).count(),
                format!("/levels/{l}"),
            )
        })
        .collect();
    let experience = bank::Experience::ALL
        .iter()
        .map(|&e| {
            let count = questions.iter().filter(|q| q.experience == e).count();
            facet(e.as_str(), e.label(), count, format!("/experience/{e}"))
        })
        .collect();
    to_json(&Levels { levels, experience })
}
