//! The JSON API (`/api/v1`): the free part of every question for anyone, the
//! premium sections only for a reader with access (or a free sample).

use crate::filter::QuestionFilter;
use bank::{Access, Bank, Question, SectionKind};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Summary<'a> {
    slug: &'a str,
    title: &'a str,
    level: bank::Level,
    experience: bank::Experience,
    topics: &'a [bank::Topic],
    free: bool,
    short_answer: &'a str,
    short_answer_html: &'a str,
    reviewed: String,
    rust: &'a str,
    edition: bank::Edition,
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

#[derive(Serialize)]
struct Detail<'a> {
    #[serde(flatten)]
    summary: Summary<'a>,
    aliases: &'a [String],
    /// Present only for a reader who may read them; keys are section names.
    #[serde(skip_serializing_if = "Option::is_none")]
    sections: Option<BTreeMap<&'static str, &'a str>>,
    /// The sections a subscription unlocks, when the reader has none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locked_sections: Vec<&'static str>,
}

#[derive(Serialize)]
struct List<'a> {
    count: usize,
    questions: Vec<Summary<'a>>,
}

pub fn list_json(bank: &Bank, filter: &QuestionFilter) -> String {
    let questions: Vec<Summary<'_>> = bank
        .questions()
        .iter()
        .filter(|q| filter.matches(q))
        .map(Summary::new)
        .collect();
    to_json(&List {
        count: questions.len(),
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
        None => SectionKind::ALL[1..].iter().map(|kind| kind.key()).collect(),
    };
    to_json(&Detail {
        summary: Summary::new(question),
        aliases: &question.aliases,
        sections,
        locked_sections,
    })
}

pub fn error_json(message: &str) -> String {
    to_json(&serde_json::json!({ "error": message }))
}

fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "{\"error\":\"serialization failed\"}".into())
}
