//! Loading and checking the whole bank: each file on its own (see
//! `document`), then what only the files together can show — every list entry
//! answered exactly once, no phrasing shared by two questions, nothing
//! unreachable.

use crate::citations::AllowedHosts;
use crate::document::{Document, parse_document};
use crate::list::{LIST_LEN, ListEntry, parse_list};
use crate::model::Slug;
use crate::problem::{Problem, Problems};
use crate::quiz::{QuizDocument, parse_quiz};
use crate::review::{check_records, parse_record};
use crate::source::Sources;
use std::collections::HashMap;
use time::Date;

/// The bank's files, parsed and checked, before rendering.
#[derive(Debug, Clone)]
pub struct Checked {
    pub documents: Vec<Document>,
    pub list: Vec<ListEntry>,
    /// The "what does this print?" quizzes.
    pub quizzes: Vec<QuizDocument>,
}

/// Parses and checks everything. `today` bounds the review dates.
pub fn check(sources: &Sources, today: Date) -> Result<Checked, Vec<Problem>> {
    let mut found = Vec::new();
    let list = match &sources.list {
        Some(file) => parse_list(&file.text, &mut Problems::new(&file.path, &mut found)),
        None => {
            found.push(Problem {
                path: "list-2026.toml".into(),
                line: 1,
                message: "the 2026 list file is missing".into(),
            });
            Vec::new()
        }
    };
    let list_path = sources
        .list
        .as_ref()
        .map_or("list-2026.toml", |file| file.path.as_str());
    for stray in &sources.strays {
        Problems::new(stray, &mut found).at(
            1,
            "not a question or review file (they are `<slug>.md`); it would never be read",
        );
    }
    let (documents, question_problems) = parse_questions(sources);
    found.extend(question_problems);
    for document in &documents {
        if let Some(date) = document.reviewed.filter(|date| *date > today) {
            Problems::new(&document.path, &mut found).at(
                document.key_lines.reviewed,
                format!("reviewed = {date} is in the future"),
            );
        }
    }
    let parsed_all = documents.len() == sources.questions.len();
    check_slugs(&documents, &mut found);
    check_seed(&documents, &list, list_path, parsed_all, &mut found);
    check_phrasings(&documents, &list, &mut found);
    let records: Vec<_> = sources
        .reviews
        .iter()
        .filter_map(|file| parse_record(file, &mut Problems::new(&file.path, &mut found)))
        .collect();
    check_records(&documents, &records, parsed_all, &mut found);
    let (quizzes, quiz_problems) = parse_quizzes(sources);
    found.extend(quiz_problems);
    if found.is_empty() {
        Ok(Checked {
            documents,
            list,
            quizzes,
        })
    } else {
        found.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        Err(found)
    }
}

/// Parses every question file on its own (no cross-file checks): the
/// documents that parsed, and the problems of those that did not.
pub fn parse_questions(sources: &Sources) -> (Vec<Document>, Vec<Problem>) {
    let hosts = sources
        .readme
        .as_ref()
        .map(|readme| AllowedHosts::from_readme(&readme.text))
        .unwrap_or_default();
    let mut found = Vec::new();
    let documents = sources
        .questions
        .iter()
        .filter_map(|file| {
            parse_document(
                &file.path,
                &file.text,
                &hosts,
                &mut Problems::new(&file.path, &mut found),
            )
        })
        .collect();
    (documents, found)
}

/// Parses every quiz file on its own.
pub fn parse_quizzes(sources: &Sources) -> (Vec<QuizDocument>, Vec<Problem>) {
    let mut found = Vec::new();
    let quizzes = sources
        .quizzes
        .iter()
        .filter_map(|file| parse_quiz(&file.path, &file.text, &mut Problems::new(&file.path, &mut found)))
        .collect();
    (quizzes, found)
}

fn check_slugs(documents: &[Document], found: &mut Vec<Problem>) {
    let mut seen: HashMap<&Slug, &Document> = HashMap::new();
    for document in documents {
        if let Some(first) = seen.insert(&document.slug, document) {
            Problems::new(&document.path, found).at(
                document.key_lines.slug,
                format!("duplicate slug `{}`: {} has it too", document.slug, first.path),
            );
        }
    }
}

/// Every entry of the list is answered by exactly one published question.
/// (A question outside the list says where it is asked: see `document`.)
fn check_seed(documents: &[Document], list: &[ListEntry], list_path: &str, parsed_all: bool, found: &mut Vec<Problem>) {
    let mut answered_by: HashMap<u16, &Document> = HashMap::new();
    for document in documents {
        let mut problems = Problems::new(&document.path, found);
        let line = document.key_lines.seed;
        for &n in &document.seed {
            if !(1..=LIST_LEN).contains(&n) {
                problems.at(
                    line,
                    format!("seed entry {n} does not exist; the list has entries 1 to {LIST_LEN}"),
                );
            } else if let Some(other) = answered_by.insert(n, document) {
                if other.slug != document.slug {
                    problems.at(line, format!("list entry {n} is already answered by {}", other.path));
                } else {
                    problems.at(line, format!("list entry {n} is named twice in `seed`"));
                }
            }
        }
    }
    // A file that failed to parse may be the one that answers an entry: don't
    // pile "unanswered" messages on top of its own.
    if !parsed_all {
        return;
    }
    let mut problems = Problems::new(list_path, found);
    for entry in list {
        if !answered_by.contains_key(&entry.n) {
            problems.at(entry.line, format!(
                "entry {} (\"{}\") is answered by no question: add {} to the `seed` of the question that answers it",
                entry.n, entry.title, entry.n
            ));
        }
    }
}

/// The URL slugs a question answers to besides its own: its title's, its
/// aliases' and those of the list entries it answers (placeholders have no
/// phrasing), each with the front-matter line it comes from.
pub fn phrasings(document: &Document, list: &[ListEntry]) -> Vec<(Slug, usize)> {
    let lines = &document.key_lines;
    let seed_titles = document
        .seed
        .iter()
        .filter_map(|&n| list.get(usize::from(n).wrapping_sub(1)))
        .filter(|entry| !entry.placeholder)
        .map(|entry| (entry.title.as_str(), lines.seed));
    let mut slugs: Vec<(Slug, usize)> = std::iter::once((document.title.as_str(), lines.title))
        .chain(document.aliases.iter().map(|alias| (alias.as_str(), lines.aliases)))
        .chain(seed_titles)
        .map(|(phrase, line)| (Slug::from_phrase(phrase), line))
        .filter(|(slug, _)| !slug.as_str().is_empty() && *slug != document.slug)
        .collect();
    slugs.sort();
    slugs.dedup_by(|a, b| a.0 == b.0);
    slugs
}

fn check_phrasings(documents: &[Document], list: &[ListEntry], found: &mut Vec<Problem>) {
    let mut owner: HashMap<Slug, &Document> = documents.iter().map(|d| (d.slug.clone(), d)).collect();
    for document in documents {
        for (phrasing, line) in phrasings(document, list) {
            match owner.get(&phrasing) {
                Some(other) if other.slug != document.slug => Problems::new(&document.path, found).at(
                    line,
                    format!(
                        "duplicate alias: the phrasing `/questions/{phrasing}` leads to {} too; two questions cannot share a phrasing",
                        other.path
                    ),
                ),
                Some(_) => {}
                None => {
                    owner.insert(phrasing, document);
                }
            }
        }
    }
}
